"""The one interface every check follows: ``Check.run(text) -> CheckResult``.

A check looks at one text (a prompt going in or an answer coming out) and returns a
verdict (``pass``, ``fail`` or ``redacted``), the spans it found, a one-line message,
an optional score and the milliseconds it took. Configuration is validated when the
check is built, so a misconfigured check raises :class:`GuardError` before any run.
"""

from __future__ import annotations

from common.i18n import _

import abc
import json
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal

from common.errors import GuardError

Verdict = Literal["pass", "fail", "redacted"]
VERDICTS: tuple[str, ...] = ("pass", "fail", "redacted")
STAGES: tuple[str, ...] = ("input", "output", "assertion")
MODES: tuple[str, ...] = ("detect", "redact")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``text[start:end]`` a check found, with a label."""

    start: int
    end: int
    label: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["label"]), str(data["text"]))


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What one check said about one text."""

    name: str
    verdict: Verdict
    spans: list[Span] = field(default_factory=list)
    message: str = ""
    ms: float = 0.0
    redacted_text: str | None = None
    score: float | None = None
    details: dict[str, Any] | None = None  # structured extras, e.g. a judge's answer distribution

    @property
    def passed(self) -> bool:
        """True unless the verdict is ``fail`` (a redaction lets the text through)."""
        return self.verdict != "fail"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "verdict": self.verdict,
            "spans": [s.to_dict() for s in self.spans],
            "message": self.message,
            "ms": self.ms,
            "redacted_text": self.redacted_text,
            "score": self.score,
            **({"details": self.details} if self.details is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CheckResult:
        verdict = data["verdict"]
        if verdict not in VERDICTS:
            raise GuardError(_('unknown verdict {verdict!r}; known: {VERDICTS}').format(verdict=verdict, VERDICTS=', '.join(VERDICTS)))
        return cls(
            name=str(data["name"]),
            verdict=verdict,
            spans=[Span.from_dict(s) for s in data.get("spans") or []],
            message=str(data.get("message", "")),
            ms=float(data.get("ms", 0.0)),
            redacted_text=data.get("redacted_text"),
            score=None if data.get("score") is None else float(data["score"]),
            details=data.get("details") if isinstance(data.get("details"), dict) else None,
        )

    def to_row(self, run_id: str, stage: str) -> dict[str, Any]:
        """A row for the ``checks`` table of the run log."""
        if stage not in STAGES:
            raise GuardError(_('unknown check stage {stage!r}; known: {STAGES}').format(stage=stage, STAGES=', '.join(STAGES)))
        return {
            "run_id": run_id,
            "stage": stage,
            "name": self.name,
            "verdict": self.verdict,
            "score": self.score,
            "spans_json": json.dumps([s.to_dict() for s in self.spans], ensure_ascii=False),
            "message": self.message,
            "ms": self.ms,
            **({"details_json": json.dumps(self.details, ensure_ascii=False)} if self.details is not None else {}),
        }


class Check(abc.ABC):
    """Base of every check. Subclasses set ``name`` and implement ``_check``.

    ``__init__`` takes keyword-only options and raises :class:`GuardError` for bad ones;
    ``config`` keeps the options as given, for the run log.
    """

    name: ClassVar[str] = "check"

    def __init__(self, **config: Any) -> None:
        self.config: dict[str, Any] = dict(config)

    def run(self, text: str) -> CheckResult:
        """Check ``text`` and return the result with its own time in ``ms``."""
        if not isinstance(text, str):
            raise GuardError(_('{name}: expected text (str), got {name2}').format(name=self.name, name2=type(text).__name__))
        t0 = time.perf_counter()
        result = self._check(text)
        return replace(result, ms=(time.perf_counter() - t0) * 1000.0)

    @abc.abstractmethod
    def _check(self, text: str) -> CheckResult: ...

    def result(
        self,
        verdict: Verdict,
        message: str,
        spans: Sequence[Span] = (),
        *,
        score: float | None = None,
        redacted_text: str | None = None,
    ) -> CheckResult:
        return CheckResult(
            self.name, verdict, list(spans), message, 0.0, redacted_text, score
        )

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in self.config.items())
        return f"{type(self).__name__}({opts})"


# --- helpers shared by the check modules ------------------------------------------------


def redact(text: str, spans: Iterable[Span], placeholder: Callable[[Span], str]) -> str:
    """Replace each span (non-overlapping) by ``placeholder(span)``."""
    out: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < pos:
            continue
        out.append(text[pos : span.start])
        out.append(placeholder(span))
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


def pick_non_overlapping(candidates: Iterable[tuple[int, Span]]) -> list[Span]:
    """Keep spans greedily by (priority, longer first), dropping any that overlap."""
    ordered = sorted(candidates, key=lambda c: (c[0], c[1].start - c[1].end, c[1].start))
    kept: list[Span] = []
    for _key, span in ordered:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    kept.sort(key=lambda s: s.start)
    return kept


def compile_regex(pattern: Any, what: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a user regex, turning errors into a one-line GuardError."""
    if not isinstance(pattern, str) or not pattern:
        raise GuardError(_('{what}: pattern must be a non-empty string').format(what=what))
    try:
        return re.compile(pattern, flags)
    except re.error as err:
        raise GuardError(_('invalid regex for {what}: {err}').format(what=what, err=err)) from None


def want_choice(check: str, option: str, value: Any, choices: Sequence[str]) -> str:
    if value not in choices:
        raise GuardError(
            _('{check}: {option} must be one of {choices}; got {value!r}').format(check=check, option=option, choices=', '.join(choices), value=value)
        )
    return value


def want_bool(check: str, option: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise GuardError(_('{check}: {option} must be true or false; got {value!r}').format(check=check, option=option, value=value))
    return value


def want_number(
    check: str, option: str, value: Any, *, low: float | None = None, high: float | None = None
) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise GuardError(_('{check}: {option} must be a number; got {value!r}').format(check=check, option=option, value=value))
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"between {low} and {high}" if high is not None else f">= {low}"
        raise GuardError(_('{check}: {option} must be {bounds}; got {value!r}').format(check=check, option=option, bounds=bounds, value=value))
    return float(value)


def want_int(check: str, option: str, value: Any, *, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise GuardError(_('{check}: {option} must be an integer >= {low}; got {value!r}').format(check=check, option=option, low=low, value=value))
    return value


def want_strings(check: str, option: str, value: Any, *, allow_empty: bool = False) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise GuardError(_('{check}: {option} must be a list of strings; got {value!r}').format(check=check, option=option, value=value))
    items = [v for v in value if v.strip()]
    if not items and not allow_empty:
        raise GuardError(_('{check}: {option} needs at least one non-empty string').format(check=check, option=option))
    return items
