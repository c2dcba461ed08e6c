"""Render a model's own chat template (from GGUF metadata or a tokenizer) in the sandbox.

A model file carries its chat template as Jinja text, so opening a downloaded model
means running code someone else wrote. It renders in the same sandbox as every prompt
template (:mod:`common.sandbox`: no access to Python internals, bounded loops, calls,
sizes, output and time, all enforced while rendering), with what transformers'
``apply_chat_template`` gives a template: ``messages``, ``tools``, ``documents``,
``add_generation_prompt``, ``bos_token``/``eos_token``, ``raise_exception``,
``strftime_now``, loop controls and ``{% generation %}``. Every failure is one
:class:`ChatTemplateError` line.

A template that never reads ``tools`` (or ``documents``), like SmolLM2's plain ChatML,
would drop them without a word, as transformers does. We put them into the system
message instead, as text in the Hermes format (``<tools>...</tools>``, answer with
``<tool_call>{...}</tool_call>``), and :meth:`ChatTemplate.unread` names what was put
there, so the backend can say so.
"""

from __future__ import annotations

from common.i18n import _

import json
from collections.abc import Mapping, Sequence
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.exceptions import SecurityError

from backends.base import Message
from common.errors import ChatTemplateError
from common.sandbox import TemplateRaised, chat_environment

_ENV = chat_environment()  # the conformance runner pins strftime_now through _ENV.globals
_RESERVED = frozenset({"messages", "tools", "documents", "add_generation_prompt", "bos_token", "eos_token"})


TOOLS_PREAMBLE = (
    "You can call tools. Their definitions, as JSON, are between <tools> and </tools>:\n<tools>\n{tools}\n</tools>\n"
    "To call a tool, reply with <tool_call>{{\"name\": <tool name>, \"arguments\": <the arguments as a JSON object>}}"
    "</tool_call> and nothing else."
)
DOCUMENTS_PREAMBLE = "Use these documents to answer:\n\n{documents}"


def inline_into_system(messages: list[dict[str, Any]], tools: Sequence[Mapping[str, Any]] | None,
                       documents: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """``messages`` with tools and documents written into the system message (one is
    added first when there is none)."""
    parts = []
    if tools:
        parts.append(TOOLS_PREAMBLE.format(tools="\n".join(json.dumps(t, ensure_ascii=False) for t in tools)))
    if documents:
        docs = []
        for i, doc in enumerate(documents, 1):
            title = doc.get("title")
            body = "\n".join(f"{k}: {v}" for k, v in doc.items() if k not in ("title", "text"))
            text = "\n".join(x for x in (body, str(doc.get("text", ""))) if x)
            docs.append(f"## Document {i}" + (f": {title}" if title else "") + f"\n{text}")
        parts.append(DOCUMENTS_PREAMBLE.format(documents="\n\n".join(docs)))
    if not parts:
        return messages
    out = [dict(m) for m in messages]
    extra = "\n\n".join(parts)
    if out and out[0].get("role") == "system" and isinstance(out[0].get("content"), str):
        out[0]["content"] = f"{out[0]['content']}\n\n{extra}" if out[0]["content"] else extra
    else:
        out.insert(0, {"role": "system", "content": extra})
    return out


_COMPILED: dict[str, tuple[jinja2.Template, frozenset[str]]] = {}  # compiled templates hold no state
_COMPILED_MAX = 64


def _compile(source: str) -> tuple[jinja2.Template, frozenset[str]]:
    """The compiled template and the names it reads; the same text compiles once."""
    hit = _COMPILED.get(source)
    if hit is None:
        tree = _ENV.parse(source)
        names = frozenset(meta.find_undeclared_variables(tree))  # before compile() instruments the tree
        code = _ENV.compile(tree, filename="<chat template>")
        hit = (_ENV.template_class.from_code(_ENV, code, _ENV.make_globals(None), None), names)
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        _COMPILED[source] = hit
    return hit


def _plain(message: Message | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(message, Message):
        return {"role": message.role, "content": message.content}
    if isinstance(message, Mapping):
        return dict(message)
    raise ChatTemplateError(_('a chat message must be a Message or a mapping, got {name}').format(name=type(message).__name__))


class ChatTemplate:
    """A compiled chat template. ``source`` is the Jinja text from the model file."""

    def __init__(self, source: str, *, bos_token: str = "", eos_token: str = "", name: str = "gguf"):
        self.source = source
        self.bos_token = bos_token
        self.eos_token = eos_token
        self.name = name
        if not isinstance(source, str):
            raise ChatTemplateError(_("the model's chat template is not text ({name})").format(name=type(source).__name__))
        try:
            self._tpl, self._names = _compile(source)
        except jinja2.TemplateSyntaxError as exc:
            raise ChatTemplateError(_("the model's chat template has a syntax error at line {lineno}: {message}").format(lineno=exc.lineno, message=exc.message)) from None
        except SecurityError as exc:
            raise ChatTemplateError(_("the model's chat template was refused by the sandbox: {exc}").format(exc=exc)) from None
        except RecursionError:
            raise ChatTemplateError(_("the model's chat template is nested too deeply to compile")) from None
        except MemoryError:
            raise ChatTemplateError(_("the model's chat template is too large to compile")) from None

    @property
    def reads_tools(self) -> bool:
        return "tools" in self._names

    @property
    def reads_documents(self) -> bool:
        return "documents" in self._names

    def unread(self, tools: Sequence[Any] | None, documents: Sequence[Any] | None) -> list[str]:
        """Which of the given ``tools``/``documents`` this template never reads (so
        :meth:`render` writes them into the system message)."""
        return ([] if not tools or self.reads_tools else ["tools"]) + \
               ([] if not documents or self.reads_documents else ["documents"])

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
            raise ChatTemplateError(_('extra chat-template variables cannot override {names}').format(names=', '.join(sorted(clash))))
        msgs = [_plain(m) for m in messages]
        unread = self.unread(tools, documents)
        if unread:
            msgs = inline_into_system(msgs, tools if "tools" in unread else None,
                                      documents if "documents" in unread else None)
        context.update(
            messages=msgs,
            tools=[dict(t) for t in tools] if tools is not None else None,
            documents=[dict(d) for d in documents] if documents is not None else None,
            add_generation_prompt=add_generation_prompt,
            bos_token=self.bos_token,
            eos_token=self.eos_token,
        )
        try:
            return self._tpl.render(context)
        except SecurityError as exc:
            raise ChatTemplateError(_("the model's chat template was refused by the sandbox: {one_line}").format(one_line=_one_line(exc))) from None
        except TemplateRaised as exc:
            raise ChatTemplateError(_("the model's chat template rejected these messages: {one_line}").format(one_line=_one_line(exc))) from None
        except RecursionError:
            raise ChatTemplateError(_("the model's chat template was refused by the sandbox: recursion too deep")) from None
        except MemoryError:
            raise ChatTemplateError(_("the model's chat template was refused by the sandbox: out of memory")) from None
        except Exception as exc:  # any error inside template code is the template's error
            raise ChatTemplateError(
                _("the model's chat template failed to render: {name}: {one_line}").format(name=type(exc).__name__, one_line=_one_line(exc))) from None


UNREAD_NOTICE = ("The chat template of {name} does not read {what}; they were written into the system "
                 "message (Hermes format: <tools>, answer with <tool_call>).")


def render_request(template: ChatTemplate, request: Any, notices: list[str], name: str,
                   extra: Mapping[str, Any] | None = None) -> str:
    """Render a GenerationRequest's messages, tools and documents; a template that does
    not read the tools or documents given adds a notice (once) to ``notices``."""
    unread = template.unread(request.tools, request.documents)
    if unread:
        notice = UNREAD_NOTICE.format(name=name, what=" and ".join(unread))
        if notice not in notices:
            notices.append(notice)
    return template.render(request.messages, tools=request.tools, documents=request.documents, extra=extra)


def _one_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc)
    return " ".join(str(text).split())
