"""The one hardened Jinja2 sandbox: prompt templates and model chat templates alike.

Templates come from users, from shared files and from model files (a GGUF's or a
tokenizer's chat template), so they are untrusted code. Three layers keep them inert:

1. **Jinja's ImmutableSandboxedEnvironment** refuses attribute access to Python
   internals (``__class__``, ``__globals__``, ``_TemplateReference__context``...) and
   calls that mutate lists/dicts.
2. **A static check before anything runs** (:func:`check_ast`): attribute or item
   access to a name starting with ``_`` and ``{% include/import/extends %}`` refuse the
   whole template at load time, so a hostile template never renders at all.
3. **Resource limits while rendering** (:class:`Budget`): ``range`` is capped, the
   interceptable operators (``*``, ``**``, ``%``, ``+``) and the ``~`` concatenation
   check the size of what they would build *before* building it, every filter and
   call checks its arguments and its result, every ``{% for %}`` iteration and every
   call is counted, everything written to the output is counted, and a wall-clock
   deadline is checked at each of those points. The AST is rewritten before compiling
   (:class:`_Instrument`) so loops, concatenations and output go through these checks.
   The limits themselves live in ``sandbox_limits.py``. Compiling always checks and
   instruments (:meth:`HardenedEnvironment.compile`), and a compiled template renders
   only under a fresh budget (:class:`LimitedTemplate`), whoever calls ``render``.

Two environments share all of this and differ only where their callers do:
:func:`environment` for prompt templates (undefined names raise, ``None`` prints as
nothing) and :func:`chat_environment` for model chat templates, which follows what
transformers' ``apply_chat_template`` gives a template: lenient undefined names,
``raise_exception``, ``strftime_now``, ``{% break %}``/``{% continue %}``, a
``{% generation %}`` block (rendered as its body), ``tojson`` with ``ensure_ascii``,
``indent``, ``separators`` and ``sort_keys``. Both refuse with
:class:`jinja2.exceptions.SecurityError`; ``prompt_library/template.py`` and
``backends/chat_template.py`` turn that into their one-line errors.
"""

from __future__ import annotations

from common.i18n import _

import datetime as _dt
import json
import math
from collections.abc import Iterator
from typing import Any

import jinja2
from jinja2 import StrictUndefined, nodes, pass_context
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.ext import Extension, loopcontrols
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from common.sandbox_limits import (
    MAX_OUTPUT_CHARS,
    MAX_SOURCE_CHARS,
    MAX_VALUE_SIZE,
    SEQUENCES,
    check_int,
    check_percent_format,
    check_size,
    check_str_method,
    current_budget,
    guard_filter,
    predict,
    remember_size,
    safe_range,
    size_of,
    use_budget,
)

__all__ = [
    "HardenedEnvironment", "LimitedTemplate", "MAX_SOURCE_CHARS", "TemplateRaised", "chat_environment",
    "check_ast", "environment", "render_limited",
]

_INTERNAL_FILTERS = ("wb_out", "wb_iter", "wb_concat")


# --- the AST: refuse before running, then instrument ------------------------------------
def check_ast(tree: nodes.Template, what: str = "prompt template") -> tuple[int, str] | None:
    """Return ``(line, reason)`` for the first construct refused outright, or None."""
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Extends, nodes.Include,
                               nodes.Import, nodes.FromImport, nodes.Filter, nodes.NSRef)):
        if isinstance(node, (nodes.Getattr, nodes.NSRef)) and node.attr.startswith("_"):
            return node.lineno, f"access to attribute '{node.attr}' is not allowed"
        if (isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)
                and isinstance(node.arg.value, str) and node.arg.value.startswith("_")):
            return node.lineno, f"access to item '{node.arg.value}' is not allowed"
        if isinstance(node, (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            kind = type(node).__name__.lower().replace("fromimport", "from-import")
            return node.lineno, f"{{% {kind} %}} is not allowed in a {what}"
        if isinstance(node, nodes.Filter) and node.name in _INTERNAL_FILTERS:
            return node.lineno, f"filter '{node.name}' is internal"
    return None


class _Instrument(NodeTransformer):
    """Route loop iterables, ``~`` and output through the budget filters."""

    def __init__(self, env: HardenedEnvironment):
        self.env = env

    def _wrap(self, node: nodes.Node, name: str) -> nodes.Filter:
        wrapped = nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)
        wrapped.set_environment(self.env)
        return wrapped

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = self._wrap(node.iter, "wb_iter")
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        items = nodes.List(node.nodes, lineno=node.lineno)
        items.set_environment(self.env)
        return self._wrap(items, "wb_concat")

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [self._wrap(child, "wb_out") for child in node.nodes]
        return node


@pass_context
def _wb_out(context: Context, value: Any) -> Any:
    n = size_of(value)
    if n > MAX_VALUE_SIZE:
        raise SecurityError(_('output longer than {MAX_OUTPUT_CHARS:,} characters').format(MAX_OUTPUT_CHARS=MAX_OUTPUT_CHARS))
    current_budget().charge_output(n)
    return value


@pass_context
def _wb_iter(context: Context, iterable: Any) -> Iterator[Any]:
    budget = current_budget()
    for item in iterable:
        budget.tick_iteration()
        yield item


@pass_context
def _wb_concat(context: Context, parts: list[Any]) -> str:
    predict(sum(size_of(p) for p in parts), "'~'")
    return "".join(str(p) for p in parts)


class TemplateRaised(TemplateError):
    """The template called ``raise_exception()`` itself (e.g. "roles must alternate")."""


def _raise_exception(message: Any) -> None:
    raise TemplateRaised(str(message))


def _strftime_now(fmt: str) -> str:
    return _dt.datetime.now().strftime(str(fmt))


def _tojson(value: Any, ensure_ascii: bool = False, indent: int | str | None = None,
            separators: tuple[str, str] | None = None, sort_keys: bool = False) -> str:
    """transformers' tojson: plain JSON (Jinja's own escapes <, > and & for HTML)."""
    try:
        return json.dumps(value, ensure_ascii=ensure_ascii, indent=indent,
                          separators=tuple(separators) if separators is not None else None, sort_keys=sort_keys)
    except RecursionError:
        raise SecurityError(_('tojson: value nested too deeply')) from None


def _fromjson(value: Any) -> Any:
    """JSON text -> value (promptfoo's nunjucks ``load`` filter), bounded like any other value."""
    if not isinstance(value, str):
        return value
    if len(value) > MAX_VALUE_SIZE:
        raise SecurityError(_('fromjson: text longer than {MAX_VALUE_SIZE:,} characters').format(MAX_VALUE_SIZE=MAX_VALUE_SIZE))
    try:
        return json.loads(value)
    except RecursionError:
        raise SecurityError(_('fromjson: value nested too deeply')) from None
    except ValueError as exc:
        raise SecurityError(_('fromjson: not JSON ({exc})').format(exc=exc)) from None


class GenerationBlock(Extension):
    """``{% generation %}...{% endgeneration %}``: transformers marks the assistant's part
    for training masks; rendering it is just its body, in its own scope."""

    tags = {"generation"}

    def parse(self, parser: Any) -> nodes.Node:
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(("name:endgeneration",), drop_needle=True)
        return nodes.Scope(body, lineno=lineno)


class LimitedTemplate(jinja2.Template):
    """A compiled template whose ``render`` always runs under a fresh :class:`Budget`
    (nested renders share the outer one); the streaming entry points are refused."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with use_budget():
            text = super().render(*args, **kwargs)
        if len(text) > MAX_OUTPUT_CHARS:
            raise SecurityError(_('output longer than {MAX_OUTPUT_CHARS:,} characters').format(MAX_OUTPUT_CHARS=MAX_OUTPUT_CHARS))
        return text

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        raise SecurityError(_('streaming a sandboxed template is not supported; use render()'))

    def make_module(self, *args: Any, **kwargs: Any) -> Any:
        raise SecurityError(_('using a sandboxed template as a module is not supported'))


class HardenedEnvironment(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment + resource limits, checked and instrumented at compile."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    template_class = LimitedTemplate

    def __init__(self, *, chat: bool = False) -> None:
        self.kind = "chat template" if chat else "prompt template"
        super().__init__(
            undefined=jinja2.Undefined if chat else StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            finalize=None if chat else (lambda v: "" if v is None else v),
            extensions=[loopcontrols, GenerationBlock],
            auto_reload=False,
            cache_size=0,
        )
        self.globals.pop("lipsum", None)  # unbounded text generator, not useful for prompts
        self.globals["range"] = safe_range
        self.globals["raise_exception"] = _raise_exception
        if chat:
            self.globals["strftime_now"] = _strftime_now  # prompts render deterministically
        self.filters.pop("random", None)  # prompts render deterministically
        self.filters["tojson"] = _tojson
        self.filters["fromjson"] = _fromjson
        self.filters = {name: guard_filter(name, f) for name, f in self.filters.items()}
        self.filters["wb_out"] = _wb_out
        self.filters["wb_iter"] = _wb_iter
        self.filters["wb_concat"] = _wb_concat

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        current_budget().check_time()
        check_int(left, right, operator)
        predicted, size = False, 0
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, SEQUENCES) and isinstance(n, int) and not isinstance(n, bool) and n > 0:
                    size = size_of(seq) * n
                    predict(size, f"{type(seq).__name__} * {n:,}")
                    predicted = True
        elif operator == "+" and isinstance(left, SEQUENCES) and isinstance(right, SEQUENCES):
            n = size_of(left)
            size = n + size_of(right, MAX_VALUE_SIZE - n)
            predict(size, "'+'")
            predicted = True
        elif operator == "%" and isinstance(left, str):
            check_percent_format(left)
        elif operator == "**" and isinstance(right, (int, float)) and isinstance(left, (int, float)):
            if isinstance(left, float) or isinstance(right, float):
                try:
                    return math.pow(left, right)
                except (OverflowError, ValueError) as exc:
                    raise SecurityError(_("'**' failed: {exc}").format(exc=exc)) from None
        result = super().call_binop(context, operator, left, right)
        if predicted:  # no larger than the prediction said; remembered so the next use is not walked
            remember_size(result, size)
        else:
            check_size(result, f"the result of '{operator}'")
        return result

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget = current_budget()
        budget.tick_call()
        for arg in (*args, *kwargs.values()):
            check_size(arg, "a call argument")
        target = getattr(__obj, "__wrapped__", __obj)  # str.format comes wrapped by the sandbox
        owner = getattr(target, "__self__", None)
        if isinstance(owner, (str, bytes)):
            args = check_str_method(getattr(target, "__name__", ""), owner, args, kwargs)
        budget.enter()
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.leave()
        check_size(result, "the result of a call")
        return result

    def instrument(self, tree: nodes.Template) -> nodes.Template:
        return _Instrument(self).visit(tree)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        if len(source) > MAX_SOURCE_CHARS:  # before the lexer sees it
            raise SecurityError(_('the template is longer than {MAX_SOURCE_CHARS:,} characters').format(MAX_SOURCE_CHARS=MAX_SOURCE_CHARS))
        return super()._parse(source, name, filename)

    def compile(self, source: Any, name: str | None = None, filename: str | None = None,  # type: ignore[override]
                raw: bool = False, defer_init: bool = False) -> Any:
        """Every template is checked (:func:`check_ast`) and instrumented before compiling."""
        if isinstance(source, str):
            source = self._parse(source, name, filename)
        refused = check_ast(source, self.kind)
        if refused is not None:
            raise SecurityError(_('line {value}: {value2}').format(value=refused[0], value2=refused[1]))
        return super().compile(self.instrument(source), name, filename, raw, defer_init)


def render_limited(template: Any, context: Any) -> str:
    """Render a compiled template under a fresh budget (what ``LimitedTemplate.render`` does)."""
    return template.render(context)


_ENVS: dict[bool, HardenedEnvironment] = {}


def environment() -> HardenedEnvironment:
    """The shared environment for prompt templates (it holds no per-template state)."""
    env = _ENVS.get(False)
    if env is None:
        env = _ENVS[False] = HardenedEnvironment()
    return env


def chat_environment() -> HardenedEnvironment:
    """The shared environment for model chat templates."""
    env = _ENVS.get(True)
    if env is None:
        env = _ENVS[True] = HardenedEnvironment(chat=True)
    return env
