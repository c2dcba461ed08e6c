"""Assertions in experiment files: one pydantic model per kind, told apart by ``kind``,
and how each becomes a configured guards check on one row.

An assertion grades a cell at evaluation time (``equals`` the row's expected answer,
``contains``, ``regex``, ``numeric``, ``json``, ``judge``); the check itself lives
in ``guards``. The experiment file (``experiments.fileformat``) lists them, globally
and per row; the batch runner runs them after each cell.
"""

from __future__ import annotations

from common.i18n import _

from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from common.errors import ExperimentError

if TYPE_CHECKING:
    from experiments.loading import Row


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Assertion(_Model):
    label: str | None = Field(None, description="Name shown in reports (default: the kind).")
    text: Literal["answer", "output"] = Field(
        "answer", description="`answer`: the pattern's final answer; `output`: the raw output.")
    negate: bool = Field(False, description="Pass when the check fails and fail when it passes "
                                            "(promptfoo's `not-` assertion types).")


class EqualsAssertion(_Assertion):
    """The answer equals the expected text (spaces collapsed)."""

    kind: Literal["equals"]
    expected: str | None = Field(None, description="Literal expected text (default: the row's expected answer).")
    expected_from: str | None = Field(None, description="Take the expected text from this row field.")
    ignore_case: bool = False


class ContainsAssertion(_Assertion):
    """The answer contains every value (``require: any``: at least one)."""

    kind: Literal["contains"]
    values: list[str] | None = Field(None, description="Literal values (default: the row's expected answer).")
    values_from: str | None = Field(None, description="Take the value from this row field.")
    ignore_case: bool = False
    require: Literal["all", "any"] = "all"


class RegexAssertion(_Assertion):
    """The answer matches a regular expression (guards `must_match`)."""

    kind: Literal["regex"]
    pattern: str = Field(description="Python regular expression.")
    full: bool = Field(False, description="The whole (stripped) answer must match.")
    ignore_case: bool = False


class NumericAssertion(_Assertion):
    """A number extracted from the answer equals the expected number within a tolerance."""

    kind: Literal["numeric"]
    expected: float | None = Field(None, description="Literal expected number (default: the row's expected answer).")
    expected_from: str | None = Field(None, description="Take the expected number from this row field.")
    tolerance: float = Field(0.0, ge=0)
    rel_tolerance: float = Field(0.0, ge=0)
    pick: Literal["last", "first"] = "last"


class JsonAssertion(_Assertion):
    """The answer holds valid JSON, optionally valid against a JSON Schema."""

    kind: Literal["json"]
    json_schema: dict[str, Any] | None = Field(None, alias="schema", description="A JSON Schema.")


class JudgeAssertion(_Assertion):
    """A local model grades the answer against a rubric (guards `judge`)."""

    kind: Literal["judge"]
    rubric: str = Field(description="What a good answer does; `{expected}` is replaced by the row's expected answer.")
    scale: Literal["pass_fail", "score"] = "pass_fail"
    threshold: int = Field(4, ge=1, le=5, description="Lowest passing score on the 1-5 scale.")
    model: str | None = Field(None, description="Judge model (default: the cell's own model).")


class AnswerProbabilityAssertion(_Assertion):
    """The model's probability of the expected answer is at least ``value``: the answer
    probabilities scored over the cell's choice constraint (recorded with each run that
    has one; backends/answer_scoring.py)."""

    kind: Literal["answer-probability"]
    value: float = Field(0.5, ge=0, le=1, description="Lowest passing probability of the expected answer.")
    expected: str | None = Field(None, description="Literal expected answer (default: the row's expected answer).")
    expected_from: str | None = Field(None, description="Take the expected answer from this row field.")


AssertionSpec = Annotated[
    Union[EqualsAssertion, ContainsAssertion, RegexAssertion, NumericAssertion, JsonAssertion, JudgeAssertion,
          AnswerProbabilityAssertion],
    Field(discriminator="kind"),
]
ASSERTION_KINDS = ("equals", "contains", "regex", "numeric", "json", "judge", "answer-probability")
NEEDS_EXPECTED = {"equals": "expected", "contains": "values", "numeric": "expected"}


class NoJudge:
    """Stands in for the judge model while validating (nothing is loaded yet)."""

    class info:  # noqa: N801 - mimics backend.info
        chat_template = "x"


def _field(row: Row, name: str) -> Any:
    if name == "expected":
        if row.expected is None:
            raise ExperimentError(_('the row has no expected answer'))
        return row.expected
    if name not in row.values:
        raise ExperimentError(_("the row has no field '{name}'; it has {value}").format(name=name, value=', '.join(row.values) or 'none'))
    return row.values[name]


def assertion_config(a: Any, row: Row) -> tuple[str, dict[str, Any]]:
    """The guards check name and options for assertion ``a`` on ``row`` (no judge backend)."""
    if a.kind == "equals":
        exp = a.expected if a.expected is not None else _expected(row, a.expected_from, "equals")
        return "equals", {"expected": str(exp), "ignore_case": a.ignore_case}
    if a.kind == "contains":
        if a.values is not None:
            values = list(a.values)
        else:
            v = _expected(row, a.values_from, "contains")
            values = [str(x) for x in v] if isinstance(v, list) else [str(v)]
        return "contains", {"values": values, "ignore_case": a.ignore_case, "require": a.require}
    if a.kind == "regex":
        return "must_match", {"pattern": a.pattern, "full": a.full, "ignore_case": a.ignore_case}
    if a.kind == "numeric":
        raw = a.expected if a.expected is not None else _expected(row, a.expected_from, "numeric")
        try:
            number = float(str(raw).replace(",", "").strip())
        except ValueError:
            raise ExperimentError(_('expected answer {raw!r} is not a number').format(raw=raw)) from None
        return "numeric", {"expected": number, "tolerance": a.tolerance, "rel_tolerance": a.rel_tolerance,
                           "pick": a.pick}
    if a.kind == "json":
        return "json", {"schema": a.json_schema}
    if a.kind == "answer-probability":
        exp = a.expected if a.expected is not None else _expected(row, a.expected_from, "answer-probability")
        return "answer_probability", {"expected": str(exp), "value": a.value}
    if a.kind == "judge":
        rubric = a.rubric.replace("{expected}", str(row.expected) if row.expected is not None else "")
        return "judge", {"rubric": rubric, "scale": a.scale, "threshold": a.threshold, "model": a.model}
    raise ExperimentError(_('unknown assertion kind {kind!r}').format(kind=a.kind))  # pragma: no cover - the schema refuses it


def _expected(row: Row, source: str | None, kind: str) -> Any:
    if source:
        return _field(row, source)
    if row.expected is None:
        raise ExperimentError(_("{kind} needs an expected answer and the row has none (set dataset.expected, the row's expected, or the assertion's value)").format(kind=kind))
    return row.expected


def build_assertion(a: Any, row: Row, *, backend: Any = None, answer_probs: Any = None) -> Any:
    """A configured guards Check for assertion ``a`` on ``row`` (``backend``: the judge model;
    ``answer_probs``: the run's stored answer probabilities, for ``answer-probability``)."""
    from guards.checks import build_check

    name, config = assertion_config(a, row)
    if name == "answer_probability":
        check: Any = AnswerProbabilityCheck(config["expected"], config["value"], answer_probs)
        return Negated(check) if a.negate else check
    if name == "judge":
        config["backend"] = backend
    check = build_check(name, **config)
    return Negated(check) if a.negate else check


class AnswerProbabilityCheck:
    """``answer-probability``: P(expected answer) >= value, read from the run's recorded
    answer probabilities (not from its text)."""

    name = "answer_probability"

    def __init__(self, expected: str, value: float, record: Any):
        self.expected, self.value, self.record = expected, value, record

    def run(self, text: str) -> Any:
        from guards.checks_base import CheckResult
        from runs.answer_probs import expected_probability

        p, why = expected_probability(self.record, self.expected)
        if p is None:
            return CheckResult(self.name, "fail", message=why, score=0.0)
        ok = p >= self.value
        return CheckResult(self.name, "pass" if ok else "fail", score=p,
                           message=f"P({self.expected!r}) = {p:.3f} {'>=' if ok else '<'} {self.value:g}")


class Negated:
    """A check with its verdict turned round (``negate: true``): pass <-> fail, score 1 - score."""

    def __init__(self, check: Any):
        self.check = check
        self.name = f"not {check.name}"

    def run(self, text: str) -> Any:
        from dataclasses import replace

        r = self.check.run(text)
        verdict = "pass" if r.verdict == "fail" else "fail"
        score = None if r.score is None else 1.0 - r.score
        return replace(r, verdict=verdict, score=score, message=f"not: {r.message}")


def assertion_label(a: Any) -> str:
    return a.label or a.kind


__all__ = [
    "ASSERTION_KINDS", "AnswerProbabilityAssertion", "AnswerProbabilityCheck", "AssertionSpec", "ContainsAssertion", "EqualsAssertion", "JsonAssertion", "JudgeAssertion",
    "NEEDS_EXPECTED", "Negated", "NumericAssertion", "RegexAssertion", "NoJudge", "assertion_config", "assertion_label",
    "build_assertion",
]
