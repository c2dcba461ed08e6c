"""The hardened Jinja2 environment every prompt template is parsed and rendered in.

Templates come from users, from shared files and from model repositories, so they are
untrusted code. Three layers keep them inert:

1. **Jinja's ImmutableSandboxedEnvironment** refuses attribute access to Python
   internals (``__class__``, ``__globals__``, ``_TemplateReference__context``...) and
   calls that mutate lists/dicts. Undefined names raise (``StrictUndefined``).
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
   The limits themselves live in ``limits.py``.

Every refusal raises :class:`jinja2.exceptions.SecurityError`; ``template.py`` turns
it into a one-line :class:`~prompt_library.errors.SandboxViolation`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from jinja2 import StrictUndefined, nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from prompt_library.limits import (
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
    render_limited,
    safe_range,
    size_of,
)

__all__ = ["HardenedEnvironment", "MAX_SOURCE_CHARS", "check_ast", "environment", "render_limited"]

_INTERNAL_FILTERS = ("wb_out", "wb_iter", "wb_concat")


# --- the AST: refuse before running, then instrument ------------------------------------
def check_ast(tree: nodes.Template) -> tuple[int, str] | None:
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
            return node.lineno, f"{{% {kind} %}} is not allowed in a prompt template"
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
        raise SecurityError(f"output longer than {MAX_OUTPUT_CHARS:,} characters")
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


class HardenedEnvironment(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment + StrictUndefined + resource limits."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self) -> None:
        super().__init__(
            undefined=StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            finalize=lambda v: "" if v is None else v,
            auto_reload=False,
            cache_size=0,
        )
        self.globals.pop("lipsum", None)  # unbounded text generator, not useful for prompts
        self.globals["range"] = safe_range
        self.filters.pop("random", None)  # prompts render deterministically
        self.filters = {name: guard_filter(name, f) for name, f in self.filters.items()}
        self.filters["wb_out"] = _wb_out
        self.filters["wb_iter"] = _wb_iter
        self.filters["wb_concat"] = _wb_concat

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        current_budget().check_time()
        check_int(left, right, operator)
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, SEQUENCES) and isinstance(n, int) and not isinstance(n, bool) and n > 0:
                    predict(size_of(seq) * n, f"{type(seq).__name__} * {n:,}")
        elif operator == "+" and isinstance(left, SEQUENCES) and isinstance(right, SEQUENCES):
            predict(size_of(left) + size_of(right), "'+'")
        elif operator == "%" and isinstance(left, str):
            check_percent_format(left)
        elif operator == "**" and isinstance(right, (int, float)) and isinstance(left, (int, float)):
            if isinstance(left, float) or isinstance(right, float):
                try:
                    return math.pow(left, right)
                except (OverflowError, ValueError) as exc:
                    raise SecurityError(f"'**' failed: {exc}") from None
        result = super().call_binop(context, operator, left, right)
        check_size(result, f"the result of '{operator}'")
        return result

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        current_budget().tick_call()
        for arg in (*args, *kwargs.values()):
            check_size(arg, "a call argument")
        target = getattr(__obj, "__wrapped__", __obj)  # str.format comes wrapped by the sandbox
        owner = getattr(target, "__self__", None)
        if isinstance(owner, (str, bytes)):
            args = check_str_method(getattr(target, "__name__", ""), owner, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        check_size(result, "the result of a call")
        return result

    def instrument(self, tree: nodes.Template) -> nodes.Template:
        return _Instrument(self).visit(tree)


_ENV: HardenedEnvironment | None = None


def environment() -> HardenedEnvironment:
    """The one shared environment (it holds no per-template state)."""
    global _ENV
    if _ENV is None:
        _ENV = HardenedEnvironment()
    return _ENV
