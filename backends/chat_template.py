"""Render a model's own chat template (from GGUF metadata) in a Jinja2 sandbox.

A GGUF file carries its chat template as Jinja text, so opening a downloaded model
means running code someone else wrote. We render it in an ImmutableSandboxedEnvironment
(no attribute access to Python internals, no mutation of the inputs), with a cap on
``range()`` sizes and on the rendered length, so the known "template in a model file"
attacks fail with a clear ChatTemplateError instead of executing.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from backends.base import Message
from common.errors import ChatTemplateError

MAX_RANGE = 100_000
MAX_RENDER_CHARS = 4_000_000


class _TemplateRaised(Exception):
    """The template called raise_exception() itself (e.g. 'roles must alternate')."""


def _raise_exception(message: str) -> None:
    raise _TemplateRaised(str(message))


def _safe_range(*args: int) -> range:
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise SecurityError(f"range() of {len(r):,} items is over the limit of {MAX_RANGE:,}")
    return r


def _strftime_now(fmt: str) -> str:
    return _dt.datetime.now().strftime(fmt)


class _Env(ImmutableSandboxedEnvironment):
    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        # 'x' * 10**9 and 10**10**10 are the usual resource-exhaustion payloads
        if operator == "*" and isinstance(left, (str, list, tuple)) and isinstance(right, int):
            if len(left) * right > MAX_RENDER_CHARS:
                raise SecurityError("string or list repetition over the size limit")
        if operator == "*" and isinstance(right, (str, list, tuple)) and isinstance(left, int):
            if len(right) * left > MAX_RENDER_CHARS:
                raise SecurityError("string or list repetition over the size limit")
        if operator == "**" and isinstance(right, int) and right > 256:
            raise SecurityError("exponent over the limit")
        return super().call_binop(context, operator, left, right)


def _make_env() -> _Env:
    env = _Env(trim_blocks=True, lstrip_blocks=True, undefined=jinja2.Undefined)
    env.globals.update(raise_exception=_raise_exception, range=_safe_range, strftime_now=_strftime_now)
    # HF templates call .tojson(); Jinja's built-in escapes HTML, which changes the text
    env.filters["tojson"] = _tojson
    env.intercepted_binops = frozenset({"*", "**"})
    return env


def _tojson(value: Any, indent: int | None = None) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, indent=indent)


_ENV = _make_env()


class ChatTemplate:
    """A compiled chat template. ``source`` is the Jinja text from the model file."""

    def __init__(self, source: str, *, bos_token: str = "", eos_token: str = "", name: str = "gguf"):
        self.source = source
        self.bos_token = bos_token
        self.eos_token = eos_token
        self.name = name
        try:
            self._tpl = _ENV.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise ChatTemplateError(f"the model's chat template has a syntax error at line {exc.lineno}: {exc.message}") from exc

    def render(self, messages: Sequence[Message], *, add_generation_prompt: bool = True) -> str:
        msgs = [{"role": m.role, "content": m.content} for m in messages]
        try:
            out = self._tpl.render(
                messages=msgs,
                add_generation_prompt=add_generation_prompt,
                bos_token=self.bos_token,
                eos_token=self.eos_token,
            )
        except SecurityError as exc:
            raise ChatTemplateError(f"the model's chat template was refused by the sandbox: {exc}") from exc
        except _TemplateRaised as exc:
            raise ChatTemplateError(f"the model's chat template rejected these messages: {exc}") from exc
        except (jinja2.TemplateError, TypeError, ValueError, KeyError, IndexError, AttributeError, OverflowError) as exc:
            raise ChatTemplateError(f"the model's chat template failed to render: {type(exc).__name__}: {exc}") from exc
        except RecursionError as exc:
            raise ChatTemplateError("the model's chat template recursed too deeply") from exc
        if len(out) > MAX_RENDER_CHARS:
            raise ChatTemplateError("the model's chat template produced more text than allowed")
        return out
