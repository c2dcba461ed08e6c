"""Resource limits for rendering untrusted templates: sizes, counts, time.

Every check runs *before* the work it guards, so a template cannot make Python
allocate a gigabyte and only then be refused. A :class:`Budget` lives for one render
(in a context variable, so renders in different threads never share one); the
sandbox in ``common/sandbox.py`` calls into these checks from its operators, calls, filters,
loops and output. Every refusal raises :class:`jinja2.exceptions.SecurityError`.
"""

from __future__ import annotations

from common.i18n import _

import contextlib
import contextvars
import functools
import math
import re
import string
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.utils import Cycler, Joiner, Namespace

MAX_OUTPUT_CHARS = 1_000_000  # a rendered prompt part
MAX_EMITTED_CHARS = 2_000_000  # everything written during one render, buffers included
MAX_VALUE_SIZE = 1_000_000  # characters / items in any one value the template builds
MAX_RANGE = 10_000  # items one range() may produce
MAX_ITERATIONS = 100_000  # {% for %} iterations in one render, all loops together
MAX_CALLS = 100_000  # calls of functions, macros and filters in one render
MAX_INT_BITS = 4_096  # integers the template computes
MAX_COUNT_ARG = 10_000  # batch/slice counts, tojson indent and the like
MAX_SECONDS = 0.5  # wall clock for one render (real templates take a few milliseconds)
MAX_DEPTH = 64  # nested calls (macros calling macros, recursive loops)
MAX_SOURCE_CHARS = 200_000  # one template field or chat template


class Budget:
    """Counters and deadline for one render; refuses with SecurityError when spent."""

    def __init__(self, seconds: float = MAX_SECONDS):
        self.deadline = time.monotonic() + seconds
        self.iterations = 0
        self.calls = 0
        self.emitted = 0
        self.depth = 0
        # sizes of the long lists/tuples seen in this render (they cannot change inside the
        # immutable sandbox), each kept with its object so an id is never reused
        self.sizes: dict[int, tuple[Any, int]] = {}

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise SecurityError(_('rendering took longer than the time limit'))

    def tick_iteration(self) -> None:
        self.iterations += 1
        if self.iterations > MAX_ITERATIONS:
            raise SecurityError(_('more than {MAX_ITERATIONS:,} loop iterations').format(MAX_ITERATIONS=MAX_ITERATIONS))
        if self.iterations % 64 == 0:
            self.check_time()

    def tick_call(self) -> None:
        self.calls += 1
        if self.calls > MAX_CALLS:
            raise SecurityError(_('more than {MAX_CALLS:,} calls').format(MAX_CALLS=MAX_CALLS))
        self.check_time()

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise SecurityError(_('calls nested more than {MAX_DEPTH} deep').format(MAX_DEPTH=MAX_DEPTH))

    def leave(self) -> None:
        self.depth -= 1

    def charge_output(self, n: int) -> None:
        self.emitted += n
        if self.emitted > MAX_EMITTED_CHARS:
            raise SecurityError(_('output longer than {MAX_OUTPUT_CHARS:,} characters').format(MAX_OUTPUT_CHARS=MAX_OUTPUT_CHARS))


_budget: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("wb_budget", default=None)


def current_budget() -> Budget:
    budget = _budget.get()
    if budget is None:  # outside a render (e.g. constant folding): fresh, unshared limits
        budget = Budget()
    return budget


@contextlib.contextmanager
def use_budget() -> Iterator[Budget]:
    """A fresh :class:`Budget` for one render; a render inside a render shares the outer one."""
    outer = _budget.get()
    if outer is not None:
        yield outer
        return
    budget = Budget()
    token = _budget.set(budget)
    try:
        yield budget
    finally:
        _budget.reset(token)


# --- measuring values without building them -------------------------------------------
_CACHED_LEN = 1024  # lists/tuples at least this long have their size remembered for the render


def remember_size(value: Any, n: int) -> None:
    """Record the known size of a long list/tuple just built (a predicted ``+`` or ``*``)."""
    budget = _budget.get()
    if budget is not None and isinstance(value, (list, tuple)) and len(value) >= _CACHED_LEN and n <= MAX_VALUE_SIZE:
        budget.sizes[id(value)] = (value, n)


def size_of(value: Any, limit: int = MAX_VALUE_SIZE) -> int:
    """Characters/items in ``value``, nested; stops counting soon after ``limit``."""
    if isinstance(value, (list, tuple)) and len(value) >= _CACHED_LEN:
        budget = _budget.get()
        if budget is not None:
            known = budget.sizes.get(id(value))
            if known is not None and known[0] is value:
                return known[1]
            n = _walk(value, limit)
            if n <= limit:  # a complete count (an early stop is only "more than limit")
                budget.sizes[id(value)] = (value, n)
            return n
    return _walk(value, limit)


def _walk(value: Any, limit: int) -> int:
    total = 0
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, (str, bytes, bytearray)):
            total += len(v)
        elif isinstance(v, bool) or v is None or isinstance(v, float):
            total += 1
        elif isinstance(v, int):
            total += v.bit_length() // 3 + 1
        elif isinstance(v, range):
            total += len(v) + 1
        elif isinstance(v, Mapping):
            total += len(v) + 1
            if total <= limit:
                stack.extend(v.keys())
                stack.extend(v.values())
        elif isinstance(v, (list, tuple, set, frozenset)):
            total += len(v) + 1
            if total > limit:
                return total
            for item in v:  # scalars counted here: a long flat list is walked once, without a stack
                if isinstance(item, str):
                    total += len(item)
                elif item is None or isinstance(item, (bool, float)):
                    pass  # counted in len(v)
                elif isinstance(item, int):
                    total += item.bit_length() // 3
                else:
                    stack.append(item)
                if total > limit:
                    return total
        else:
            total += 1
            if isinstance(v, Namespace):  # namespace(), cycler(), joiner(): their contents
                stack.extend(object.__getattribute__(v, "_Namespace__attrs").values())
            elif isinstance(v, Cycler):
                stack.extend(v.items)
            elif isinstance(v, Joiner):
                stack.append(v.sep)
        if total > limit:
            return total
    return total


def check_size(value: Any, what: str = "value") -> None:
    n = size_of(value)
    if n > MAX_VALUE_SIZE:
        raise SecurityError(_('{what} would be larger than {MAX_VALUE_SIZE:,} characters').format(what=what, MAX_VALUE_SIZE=MAX_VALUE_SIZE))


def predict(n: float, what: str) -> None:
    if n > MAX_VALUE_SIZE:
        raise SecurityError(_('{what} would build a value of {n:,} characters (limit {MAX_VALUE_SIZE:,})').format(what=what, n=int(n), MAX_VALUE_SIZE=MAX_VALUE_SIZE))


def check_int(a: Any, b: Any, op: str) -> None:
    if isinstance(a, int) and isinstance(b, int) and not isinstance(a, bool) and not isinstance(b, bool):
        if op == "*" and a.bit_length() + b.bit_length() > MAX_INT_BITS:
            raise SecurityError(_("integer result of '*' would exceed {MAX_INT_BITS} bits").format(MAX_INT_BITS=MAX_INT_BITS))
        if op == "**" and b > 0 and abs(a) > 1 and b * math.log2(abs(a)) > MAX_INT_BITS:
            raise SecurityError(_("integer result of '**' would exceed {MAX_INT_BITS} bits").format(MAX_INT_BITS=MAX_INT_BITS))


SEQUENCES = (str, bytes, list, tuple)  # what `*` and `+` can grow
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_FORMAT_NUMBERS = re.compile(r"\d+")


def check_percent_format(fmt: str) -> None:
    """Refuse ``'%999999999d' % x`` style padding before Python allocates it."""
    for m in _PERCENT_SPEC.finditer(fmt):
        for part in m.groups():
            if part == "*" or (part and int(part) > MAX_COUNT_ARG):
                raise SecurityError(_('refused a %-format width or precision that large'))


def check_brace_format(fmt: str) -> None:
    """Refuse ``'{:>999999999}'.format(x)`` and nested width fields."""
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format will raise the real error
    for _literal, _field, spec, _conv in parsed:
        if not spec:
            continue
        if "{" in spec:
            raise SecurityError(_('refused a format spec with nested fields'))
        if any(int(n) > MAX_COUNT_ARG for n in _FORMAT_NUMBERS.findall(spec)):
            raise SecurityError(_('refused a format width or precision that large'))


# --- filters: every one checked, the expanding ones predicted --------------------------
def _materialize(items: Iterable[Any], what: str) -> list[Any]:
    if isinstance(items, (str, Mapping)):
        return items  # type: ignore[return-value]
    out: list[Any] = []
    total = 0
    budget = current_budget()
    for item in items:
        budget.tick_iteration()
        total += size_of(item)
        predict(total, what)
        out.append(item)
    return out


def _pre_center(value: Any, width: int = 80, *a: Any, **k: Any) -> None:
    if isinstance(width, int):
        predict(width, "center()")


def _pre_indent(s: Any, width: Any = 4, *a: Any, **k: Any) -> None:
    text = str(s) if isinstance(s, str) else ""
    pad = width if isinstance(width, int) else len(str(width))
    predict(len(text) + (text.count("\n") + 1) * pad, "indent()")


def _pre_replace(s: Any, old: Any = "", new: Any = "", count: Any = None, *a: Any, **k: Any) -> None:
    if isinstance(s, str) and isinstance(old, str) and isinstance(new, str):
        hits = s.count(old) if old else len(s) + 1
        if isinstance(count, int) and count >= 0:
            hits = min(hits, count)
        predict(len(s) + hits * max(0, len(new) - len(old)), "replace()")


def _pre_count(value: Any, n: Any = 1, *a: Any, **k: Any) -> None:
    if isinstance(n, int) and n > MAX_COUNT_ARG:
        raise SecurityError(_('refused a count of {n:,} (limit {MAX_COUNT_ARG:,})').format(n=n, MAX_COUNT_ARG=MAX_COUNT_ARG))


_TOJSON_ARGS = ("ensure_ascii", "indent", "separators", "sort_keys")  # transformers' tojson, in order


def _json_shape(value: Any) -> tuple[int, int]:
    """(containers and scalars, deepest nesting) of a value, counting stops near the size limit."""
    nodes, deepest = 0, 0
    stack = [(value, 1)]
    while stack and nodes <= MAX_VALUE_SIZE:
        v, d = stack.pop()
        nodes += 1
        deepest = max(deepest, d)
        if isinstance(v, Mapping):
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, (list, tuple)):
            stack.extend((x, d + 1) for x in v)
    return nodes, deepest


def _pre_tojson(value: Any, *a: Any, **k: Any) -> None:
    opts = dict(zip(_TOJSON_ARGS, a))
    opts.update(k)
    indent, separators = opts.get("indent"), opts.get("separators")
    pad = indent if isinstance(indent, int) else len(indent) if isinstance(indent, str) else 0
    if pad > 64:
        raise SecurityError(_('refused a tojson indent that large'))
    seps = sum(len(s) for s in separators if isinstance(s, str)) if isinstance(separators, (list, tuple)) else 0
    if seps > 64:
        raise SecurityError(_('refused tojson separators that long'))
    nodes, depth = _json_shape(value)
    predict(size_of(value) + nodes * (pad * depth + seps + 2), "tojson")


def _pre_wordwrap(s: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None,
                  *a: Any, **k: Any) -> None:
    wrapstring = k.get("wrapstring", wrapstring)
    if isinstance(s, str) and isinstance(width, int) and width > 0:
        sep = len(wrapstring) if isinstance(wrapstring, str) else 1
        lines = 2 * len(s) // width + s.count("\n") + 1  # a line holds at least half its width
        predict(len(s) + lines * sep, "wordwrap()")


def _pre_format(value: Any, *a: Any, **k: Any) -> None:
    if isinstance(value, str):
        check_percent_format(value)


_FILTER_PRECHECKS = {
    "center": _pre_center,
    "indent": _pre_indent,
    "replace": _pre_replace,
    "batch": _pre_count,
    "slice": _pre_count,
    "tojson": _pre_tojson,
    "wordwrap": _pre_wordwrap,
    "format": _pre_format,
}
_MATERIALIZE_FIRST = {"join", "sum"}  # consume an iterator with a running size check


def guard_filter(name: str, func: Any) -> Any:
    pre = _FILTER_PRECHECKS.get(name)
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        current_budget().tick_call()
        head, args = args[:skip], list(args[skip:])
        for arg in (*args, *kwargs.values()):
            check_size(arg, f"the input of the '{name}' filter")
        if name in _MATERIALIZE_FIRST and args:
            args[0] = _materialize(args[0], f"the '{name}' filter")
        if pre is not None:
            pre(*args, **kwargs)
        result = func(*head, *args, **kwargs)
        check_size(result, f"the result of the '{name}' filter")
        return result

    return guarded


def safe_range(*args: int) -> range:
    if any(isinstance(a, int) and abs(a) > 2**62 for a in args):
        raise SecurityError(_('refused a range that large'))
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise SecurityError(_('refused range() of {n:,} items (limit {MAX_RANGE:,})').format(n=len(rng), MAX_RANGE=MAX_RANGE))
    return rng


_PADDING_METHODS = {"center", "ljust", "rjust", "zfill"}


def check_str_method(name: str, owner: str | bytes, args: tuple[Any, ...],
                      kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Predict the size a str/bytes method would build; return args (iterables consumed)."""
    if name in _PADDING_METHODS and args and isinstance(args[0], int):
        predict(args[0], f"{name}()")
    elif name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(tab, int):
            predict(len(owner) + owner.count("\t" if isinstance(owner, str) else b"\t") * tab, "expandtabs()")
    elif name == "replace" and isinstance(owner, str) and len(args) >= 2:
        _pre_replace(owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count"))
    elif name == "join" and args:
        items = _materialize(args[0], "join()")
        predict(sum(size_of(i) for i in items) + len(owner) * max(0, len(items) - 1), "join()")
        return (items, *args[1:])
    elif name in ("format", "format_map") and isinstance(owner, str):
        check_brace_format(owner)
    return args
