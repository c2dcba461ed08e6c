"""Policies: which checks run on the input and on the output, and what a failure does.

A policy is data (stored with the run, carried by a template or a RunSpec)::

    input:
      - {check: injection, on_fail: block}
      - {check: pii, on_fail: redact}
    output:
      - {check: json, schema: {...}, on_fail: reask}
      - {check: refusal, on_fail: warn}
    max_reasks: 2

Actions: ``block`` (input: nothing is sent, the run is recorded ``blocked`` with the
reason; output: the output is withheld and the run is ``blocked``), ``redact`` (the
redacted text is what is sent or shown; only for checks that can redact), ``warn``
(recorded, nothing else), ``reask`` (output only: the failure is sent back to the
model and it tries again, up to ``max_reasks`` times, each attempt a child run).
Everything is validated when the policy is built, before a run starts.
"""

from __future__ import annotations

from common.i18n import _

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from common.errors import GuardError
from guards.checks import build_check
from guards.checks_base import Check, CheckResult
from guards.consistency import SampleConsistencyCheck, SampleSource
from guards.pii import PiiCheck, Placeholders

ACTIONS_IN = ("block", "redact", "warn")
ACTIONS_OUT = ("block", "redact", "warn", "reask")
REDACTING = ("pii", "blocked_terms")
MODEL_CHECKS = ("judge", "self_check")  # checks that ask a loaded model
REASK_FEEDBACK = ("Your previous answer did not pass a check: {problems}\n"
                  "Answer again, fixing that. Reply with the corrected answer only.")


@dataclass
class Rule:
    check: Check
    on_fail: str
    spec: dict[str, Any]

    @property
    def name(self) -> str:
        return self.check.name


@dataclass
class Decision:
    """The outcome of running one side's rules on a text."""

    text: str  # what to send or show (redacted where a redact rule fired)
    results: list[CheckResult] = field(default_factory=list)
    blocked: str | None = None  # the reason, when a block rule failed
    reask: list[CheckResult] = field(default_factory=list)  # failures that ask for another attempt

    @property
    def failures(self) -> list[CheckResult]:
        return [r for r in self.results if r.verdict == "fail"]


@dataclass
class Policy:
    input: list[Rule] = field(default_factory=list)
    output: list[Rule] = field(default_factory=list)
    max_reasks: int = 2
    spec: dict[str, Any] = field(default_factory=dict)
    # One table per run: a value redacted in the prompt and in the answer is the same [KIND_n].
    placeholders: Placeholders = field(default_factory=Placeholders)

    @property
    def wants_reask(self) -> bool:
        return any(r.on_fail == "reask" for r in self.output)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None, *, judge_backend: Callable[[str | None], Any] | None = None) -> Policy:
        """Build and validate; ``judge_backend(model_name)`` supplies a loaded judge model."""
        if not d:
            return cls()
        if not isinstance(d, Mapping):
            raise GuardError(_("a guard policy must be a mapping with 'input' and/or 'output' lists"))
        unknown = sorted(set(d) - {"input", "output", "max_reasks"})
        if unknown:
            raise GuardError(_('unknown guard policy key(s): {unknown}; known: input, output, max_reasks').format(unknown=', '.join(unknown)))
        max_reasks = d.get("max_reasks", 2)
        if not isinstance(max_reasks, int) or not 0 <= max_reasks <= 10:
            raise GuardError(_('max_reasks must be an integer from 0 to 10, got {max_reasks!r}').format(max_reasks=max_reasks))
        return cls(
            input=[_rule(x, "input", judge_backend) for x in _as_list(d.get("input"), "input")],
            output=[_rule(x, "output", judge_backend) for x in _as_list(d.get("output"), "output")],
            max_reasks=max_reasks,
            spec=dict(d),
        )

    def check_input(self, text: str) -> Decision:
        return _apply(self.input, text, self.placeholders)

    def check_output(self, text: str, *, samples: SampleSource | None = None) -> Decision:
        """``samples``: where ``selfcheckgpt`` draws its extra answers (the run path gives it)."""
        return _apply(self.output, text, self.placeholders, samples)


def _as_list(v: Any, side: str) -> list[Any]:
    if v is None:
        return []
    if not isinstance(v, list):
        raise GuardError(_("guard policy '{side}' must be a list of checks").format(side=side))
    return v


def _rule(item: Any, side: str, judge_backend: Callable[[str | None], Any] | None) -> Rule:
    if isinstance(item, str):
        item = {"check": item}
    if not isinstance(item, Mapping) or "check" not in item:
        raise GuardError(_("each '{side}' entry needs a 'check' name, got {item!r}").format(side=side, item=item))
    config = {k: v for k, v in item.items() if k not in ("check", "on_fail")}
    on_fail = item.get("on_fail", "warn")
    allowed = ACTIONS_IN if side == "input" else ACTIONS_OUT
    name = item["check"]
    if on_fail not in allowed:
        raise GuardError(_('{side} check {name!r}: on_fail must be one of {allowed}, got {on_fail!r}').format(side=side, name=name, allowed=', '.join(allowed), on_fail=on_fail))
    if on_fail == "redact":
        if name not in REDACTING:
            raise GuardError(_('{side} check {name!r} cannot redact; redact works with {REDACTING}').format(side=side, name=name, REDACTING=', '.join(REDACTING)))
        config.setdefault("mode", "redact")
    if name in MODEL_CHECKS:
        if judge_backend is None:
            raise GuardError(_('{name}: the {value}model is not loaded; load it before running checks that use it').format(name=name, value='judge ' if name == 'judge' else ''))
        config["backend"] = judge_backend(config.get("model"))
    if name == "self_check":
        config.setdefault("side", side)
    if name == SampleConsistencyCheck.name:
        if side != "output":
            raise GuardError(_("{name} scores an answer against answers sampled again; put it under 'output'").format(
                name=name))
        if config.get("method") == "judge" and judge_backend is not None:
            config["backend"] = judge_backend(config.get("model"))
    return Rule(build_check(name, **config), on_fail, dict(item))


def _apply(rules: list[Rule], text: str, placeholders: Placeholders, samples: SampleSource | None = None) -> Decision:
    decision = Decision(text)
    for rule in rules:
        if isinstance(rule.check, PiiCheck):
            res = rule.check.run(decision.text, placeholders=placeholders)
        elif isinstance(rule.check, SampleConsistencyCheck):
            res = rule.check.run(decision.text, source=samples)
        else:
            res = rule.check.run(decision.text)
        decision.results.append(res)
        if res.verdict == "redacted" and res.redacted_text is not None:
            decision.text = res.redacted_text
        elif res.verdict == "fail":
            if rule.on_fail == "block" and decision.blocked is None:
                decision.blocked = f"{res.name}: {res.message}"
            elif rule.on_fail == "reask":
                decision.reask.append(res)
    return decision


def reask_feedback(failures: list[CheckResult]) -> str:
    problems = "; ".join(f"{r.name}: {r.message}" for r in failures)
    return REASK_FEEDBACK.format(problems=problems)
