"""Render a model's own chat template (from GGUF metadata or a tokenizer) in the sandbox.

A model file carries its chat template as Jinja text, so opening a downloaded model
means running code someone else wrote. It renders in the same sandbox as every prompt
template (:mod:`common.sandbox`: no access to Python internals, bounded loops, calls,
sizes, output and time, all enforced while rendering), with what transformers'
``apply_chat_template`` gives a template: ``messages``, ``tools``, ``documents``,
``add_generation_prompt``, ``bos_token``/``eos_token``, ``raise_exception``,
``strftime_now``, loop controls and ``{% generation %}``. Every failure is one
:class:`ChatTemplateError` line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from backends.base import Message
from common.errors import ChatTemplateError
from common.sandbox import TemplateRaised, chat_environment

_ENV = chat_environment()  # the conformance runner pins strftime_now through _ENV.globals
_RESERVED = frozenset({"messages", "tools", "documents", "add_generation_prompt", "bos_token", "eos_token"})


def _plain(message: Message | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(message, Message):
        return {"role": message.role, "content": message.content}
    if isinstance(message, Mapping):
        return dict(message)
    raise ChatTemplateError(f"a chat message must be a Message or a mapping, got {type(message).__name__}")


class ChatTemplate:
    """A compiled chat template. ``source`` is the Jinja text from the model file."""

    def __init__(self, source: str, *, bos_token: str = "", eos_token: str = "", name: str = "gguf"):
        self.source = source
        self.bos_token = bos_token
        self.eos_token = eos_token
        self.name = name
        if not isinstance(source, str):
            raise ChatTemplateError(f"the model's chat template is not text ({type(source).__name__})")
        try:
            self._tpl = _ENV.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise ChatTemplateError(f"the model's chat template has a syntax error at line {exc.lineno}: {exc.message}") from None
        except SecurityError as exc:
            raise ChatTemplateError(f"the model's chat template was refused by the sandbox: {exc}") from None
        except RecursionError:
            raise ChatTemplateError("the model's chat template is nested too deeply to compile") from None
        except MemoryError:
            raise ChatTemplateError("the model's chat template is too large to compile") from None

    def render(self, messages: Sequence[Message | Mapping[str, Any]], *, add_generation_prompt: bool = True,
               tools: Sequence[Mapping[str, Any]] | None = None,
               documents: Sequence[Mapping[str, Any]] | None = None,
               extra: Mapping[str, Any] | None = None) -> str:
        """The text for ``messages``, as transformers' ``apply_chat_template`` renders it:
        ``tools`` (JSON-schema function definitions) and ``documents`` (dicts with
        ``title`` and ``text``) are passed as they are, None when not given; ``extra``
        holds other template variables (``enable_thinking``, ...)."""
        context: dict[str, Any] = dict(extra or {})
        clash = _RESERVED & set(context)
        if clash:
            raise ChatTemplateError(f"extra chat-template variables cannot override {', '.join(sorted(clash))}")
        context.update(
            messages=[_plain(m) for m in messages],
            tools=[dict(t) for t in tools] if tools is not None else None,
            documents=[dict(d) for d in documents] if documents is not None else None,
            add_generation_prompt=add_generation_prompt,
            bos_token=self.bos_token,
            eos_token=self.eos_token,
        )
        try:
            return self._tpl.render(context)
        except SecurityError as exc:
            raise ChatTemplateError(f"the model's chat template was refused by the sandbox: {_one_line(exc)}") from None
        except TemplateRaised as exc:
            raise ChatTemplateError(f"the model's chat template rejected these messages: {_one_line(exc)}") from None
        except RecursionError:
            raise ChatTemplateError("the model's chat template was refused by the sandbox: recursion too deep") from None
        except MemoryError:
            raise ChatTemplateError("the model's chat template was refused by the sandbox: out of memory") from None
        except Exception as exc:  # any error inside template code is the template's error
            raise ChatTemplateError(
                f"the model's chat template failed to render: {type(exc).__name__}: {_one_line(exc)}") from None


def _one_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc)
    return " ".join(str(text).split())
