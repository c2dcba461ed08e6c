"""Evaluation assertions in the same interface: equals, contains, numeric answer."""

from __future__ import annotations

from common.i18n import _

import math
import re
from typing import Any

from common.errors import GuardError
from guards.checks_base import Check, CheckResult, Span, want_bool, want_choice, want_number, want_strings

# Fullwidth digits, signs and the Unicode minus fold to ASCII one for one, so offsets hold.
_FOLD = str.maketrans("０１２３４５６７８９－＋．，−", "0123456789-+.,-")
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\d])"
    r"|(?<![A-Za-z0-9_.])[-+]?\.\d+(?![\d])"
)


def _squash(text: str, strip: bool, whitespace: bool, ignore_case: bool) -> str:
    if whitespace:
        text = " ".join(text.split())
    elif strip:
        text = text.strip()
    return text.casefold() if ignore_case else text


class EqualsCheck(Check):
    """Passes when the text equals ``expected`` (by default: stripped, spaces collapsed)."""

    name = "equals"

    def __init__(
        self, *, expected: Any = None, ignore_case: Any = False, strip: Any = True,
        normalize_whitespace: Any = True,
    ) -> None:
        super().__init__(expected=expected, ignore_case=ignore_case, strip=strip,
                         normalize_whitespace=normalize_whitespace)
        if not isinstance(expected, str):
            raise GuardError(_('equals: expected must be a string; got {expected!r}').format(expected=expected))
        self.options = (
            want_bool(self.name, "strip", strip),
            want_bool(self.name, "normalize_whitespace", normalize_whitespace),
            want_bool(self.name, "ignore_case", ignore_case),
        )
        self.expected = _squash(expected, *self.options)

    def _check(self, text: str) -> CheckResult:
        if _squash(text, *self.options) == self.expected:
            return self.result("pass", "equal", score=1.0)
        shown = text if len(text) <= 60 else text[:57] + "..."
        return self.result("fail", _('expected {expected!r}, got {shown!r}').format(expected=self.expected, shown=shown), score=0.0)


class ContainsCheck(Check):
    """Passes when the text contains every value (``require="any"``: at least one)."""

    name = "contains"

    def __init__(self, *, values: Any = None, ignore_case: Any = False, require: str = "all") -> None:
        super().__init__(values=values, ignore_case=ignore_case, require=require)
        self.values = want_strings(self.name, "values", values)
        self.ignore_case = want_bool(self.name, "ignore_case", ignore_case)
        self.require = want_choice(self.name, "require", require, ("all", "any"))
        flags = re.IGNORECASE if self.ignore_case else 0
        self.patterns = [re.compile(re.escape(v), flags) for v in self.values]

    def _check(self, text: str) -> CheckResult:
        spans, missing = [], []
        for value, rx in zip(self.values, self.patterns):
            m = rx.search(text)
            if m:
                spans.append(Span(m.start(), m.end(), "found", m.group()))
            else:
                missing.append(value)
        spans.sort(key=lambda s: s.start)
        score = round(len(spans) / len(self.values), 4)
        ok = not missing if self.require == "all" else bool(spans)
        if ok:
            return self.result("pass", _('found {n} of {n2}').format(n=len(spans), n2=len(self.values)), spans, score=score)
        return self.result("fail", _('missing {items}').format(items=', '.join(map(repr, missing))), spans, score=score)


def find_numbers(text: str) -> list[tuple[float, int, int]]:
    """Every number in ``text`` as ``(value, start, end)``; commas as thousands separators."""
    folded = text.translate(_FOLD)
    out = []
    for m in _NUMBER.finditer(folded):
        try:
            value = float(m.group().replace(",", ""))
        except ValueError:  # pragma: no cover - the pattern only matches numbers
            continue
        if math.isfinite(value):
            out.append((value, m.start(), m.end()))
    return out


class NumericCheck(Check):
    """Extracts the last (or first) number and compares it with ``expected``.

    Passes when ``|found - expected| <= max(tolerance, rel_tolerance * |expected|)``.
    """

    name = "numeric"

    def __init__(
        self, *, expected: Any = None, tolerance: Any = 0.0, rel_tolerance: Any = 0.0,
        pick: str = "last",
    ) -> None:
        super().__init__(expected=expected, tolerance=tolerance, rel_tolerance=rel_tolerance, pick=pick)
        self.expected = want_number(self.name, "expected", expected)
        if math.isinf(self.expected):
            raise GuardError(_('numeric: expected must be finite; got {expected!r}').format(expected=expected))
        self.tolerance = want_number(self.name, "tolerance", tolerance, low=0.0)
        self.rel_tolerance = want_number(self.name, "rel_tolerance", rel_tolerance, low=0.0)
        self.pick = want_choice(self.name, "pick", pick, ("last", "first"))

    def _check(self, text: str) -> CheckResult:
        numbers = find_numbers(text)
        if not numbers:
            return self.result("fail", _('no number found (expected {expected:g})').format(expected=self.expected), score=0.0)
        value, start, end = numbers[-1] if self.pick == "last" else numbers[0]
        span = Span(start, end, "number", text[start:end])
        allowed = max(self.tolerance, self.rel_tolerance * abs(self.expected))
        diff = abs(value - self.expected)
        if diff <= allowed + 1e-12 * max(1.0, abs(self.expected)):
            return self.result("pass", _('found {value:g} (expected {expected:g})').format(value=value, expected=self.expected), [span], score=1.0)
        return self.result(
            "fail", _('found {value:g}, expected {expected:g} ± {allowed:g}').format(value=value, expected=self.expected, allowed=allowed), [span], score=0.0
        )
