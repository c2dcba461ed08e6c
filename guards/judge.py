"""LLM-as-judge as a check: a local model grades a text against a rubric.

The judge's verdict is itself constrained (guards.constrain): ``pass_fail`` lets it
write only "pass" or "fail", ``score`` only a digit 1-5, so its answer always parses.
The judge needs a loaded model: it is given a backend (anything with ``stream``);
building it without one is a configuration error, raised before any run starts.
"""

from __future__ import annotations

from common.i18n import _

from typing import Any

from backends.base import GenerationRequest, Message, SamplingParams, complete
from common.errors import GuardError
from guards.checks_base import Check, CheckResult
from guards.constrain import Constraint

SYSTEM = ("You are a strict grader. You read a rubric and a response, and you grade the "
          "response only against the rubric.")
PASS_FAIL_ASK = "Rubric: {rubric}\n\nResponse:\n{text}\n\nDoes the response satisfy the rubric? Answer pass or fail."
SCORE_ASK = ("Rubric: {rubric}\n\nResponse:\n{text}\n\nGrade the response against the rubric from 1 (fails it "
             "completely) to 5 (satisfies it fully). Answer with one digit.")


class JudgeCheck(Check):
    """``judge``: options ``rubric`` (required), ``scale`` (pass_fail | score),
    ``threshold`` (the lowest passing score, default 4), ``backend`` (the loaded judge
    model), ``model`` (its name, for the record)."""

    name = "judge"

    def __init__(self, *, rubric: Any = None, scale: Any = "pass_fail", threshold: Any = 4,
                 backend: Any = None, model: Any = None, max_chars: Any = 4000) -> None:
        super().__init__(rubric=rubric, scale=scale, threshold=threshold, model=model)
        if not isinstance(rubric, str) or not rubric.strip():
            raise GuardError(_('judge: a rubric (non-empty text) is required'))
        if scale not in ("pass_fail", "score"):
            raise GuardError(_('judge: scale must be pass_fail or score, got {scale!r}').format(scale=scale))
        if not isinstance(threshold, int) or not 1 <= threshold <= 5:
            raise GuardError(_('judge: threshold must be an integer from 1 to 5, got {threshold!r}').format(threshold=threshold))
        if backend is None:
            raise GuardError(_('judge: the judge model{value} is not loaded; load it before running checks that use it').format(value=f' {model!r}' if model else ''))
        self.rubric = rubric.strip()
        self.scale = scale
        self.threshold = threshold
        self.backend = backend
        self.max_chars = int(max_chars)
        self.constraint = Constraint.choice(["pass", "fail"]) if scale == "pass_fail" else Constraint.regex("[1-5]")

    def request(self, text: str) -> GenerationRequest:
        ask = PASS_FAIL_ASK if self.scale == "pass_fail" else SCORE_ASK
        body = ask.format(rubric=self.rubric, text=text[: self.max_chars])
        params = SamplingParams(temperature=0.0, max_tokens=4, seed=0)
        if self.backend.info.chat_template:
            return GenerationRequest(messages=(Message("system", SYSTEM), Message("user", body)), params=params,
                                     constraint=self.constraint)
        return GenerationRequest(prompt=f"{SYSTEM}\n\n{body}\nAnswer: ", params=params, constraint=self.constraint)

    def _check(self, text: str) -> CheckResult:
        verdict_text = complete(self.backend, self.request(text)).text.strip()
        if self.scale == "pass_fail":
            ok = verdict_text == "pass"
            return self.result("pass" if ok else "fail", _('judge says {verdict_text}').format(verdict_text=verdict_text), score=1.0 if ok else 0.0)
        score = int(verdict_text)
        ok = score >= self.threshold
        return self.result("pass" if ok else "fail", _('judge scores {score}/5 (pass at {threshold})').format(score=score, threshold=self.threshold),
                           score=score / 5)
