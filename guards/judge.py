"""LLM-as-judge as a check: a local model grades a text against a rubric.

The judge's verdict is itself constrained (guards.constrain): ``pass_fail`` lets it
write only "pass" or "fail", ``score`` only a digit 1-5, so its answer always parses.
The judge needs a loaded model: it is given a backend (anything with ``stream``);
building it without one is a configuration error, raised before any run starts.

Probability-weighted (``weighted``, on by default, where the backend can score answers:
backends/answer_scoring.py): after the verdict is generated, every allowed verdict is
scored under the judge model, and the check's score is the expectation instead of the
bare verdict: P(pass) on the pass/fail scale, the expected score (sum of k * P(k)) over 5
on the 1-5 scale. The verdict follows it (P(pass) >= 0.5; expected score >= threshold),
and the distribution is recorded in the result's ``details`` (with the generated
verdict, which can differ: the constrained generation may spell a verdict with a token
the canonical scoring does not count).
"""

from __future__ import annotations

from common.i18n import _

from typing import Any

from backends.base import GenerationRequest, Message, SamplingParams, complete
from common.errors import GuardError
from guards.checks_base import Check, CheckResult
from guards.constrain import Constraint

SCORES = {str(k): float(k) for k in range(1, 6)}

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
                 backend: Any = None, model: Any = None, max_chars: Any = 4000, weighted: Any = True) -> None:
        super().__init__(rubric=rubric, scale=scale, threshold=threshold, model=model)
        if not isinstance(weighted, bool):
            raise GuardError(f"judge: weighted must be true or false, got {weighted!r}")
        self.weighted = weighted
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
        return judge_request(self.backend, SYSTEM, body, self.constraint)

    def _check(self, text: str) -> CheckResult:
        request = self.request(text)
        verdict_text = complete(self.backend, request).text.strip()
        dist = self._distribution(request)
        if self.scale == "pass_fail":
            if dist is None:
                ok = verdict_text == "pass"
                return self.result("pass" if ok else "fail", _("judge says {verdict_text}").format(verdict_text=verdict_text), score=1.0 if ok else 0.0)
            p_pass = dist.prob("pass") or 0.0
            ok = p_pass >= 0.5
            return CheckResult(self.name, "pass" if ok else "fail",
                               message=_("judge says {verdict_text}; P(pass) = {p_pass}").format(verdict_text=verdict_text, p_pass=f"{p_pass:.3f}"), score=p_pass,
                               details=self._details(dist, verdict_text, p_pass))
        score = int(verdict_text)
        if dist is None:
            ok = score >= self.threshold
            return self.result("pass" if ok else "fail", _("judge scores {score}/5 (pass at {threshold})").format(score=score, threshold=self.threshold),
                               score=score / 5)
        expected = dist.expected_value(SCORES)
        ok = expected >= self.threshold
        shown = ", ".join(f"{k}: {dist.prob(k):.2f}" for k in SCORES)
        return CheckResult(self.name, "pass" if ok else "fail",
                           message=_("judge scores {score}/5; expected score {expected} (pass at {threshold}; P {shown})").format(
                               score=score, expected=f"{expected:.2f}", threshold=self.threshold, shown=shown), score=expected / 5, details=self._details(dist, verdict_text, expected))

    def _distribution(self, request: GenerationRequest) -> Any:
        """The scored verdicts (AnswerScores), or None when not weighted or the backend cannot score."""
        if not self.weighted or not self.backend.supports_answer_scoring:
            return None
        from backends.answer_scoring import finite_answers

        answers = finite_answers(self.constraint)
        assert answers is not None  # pass/fail and [1-5] are both finite
        return self.backend.score_answers(request, answers)

    def _details(self, dist: Any, generated: str, weighted: float) -> dict[str, Any]:
        return {"distribution": dist.distribution(), "generated": generated, "weighted": weighted,
                "scoring_ms": round(dist.ms, 2), "scored_by": dist.source}


def judge_request(backend: Any, system: str, body: str, constraint: Constraint, *,
                  max_tokens: int = 4) -> GenerationRequest:
    """A greedy, constrained question to a judge model: chat messages when it has a chat
    template, else one plain prompt ending in ``Answer: ``."""
    params = SamplingParams(temperature=0.0, max_tokens=max_tokens, seed=0)
    if backend.info.chat_template:
        return GenerationRequest(messages=(Message("system", system), Message("user", body)), params=params,
                                 constraint=constraint)
    return GenerationRequest(prompt=f"{system}\n\n{body}\nAnswer: ", params=params, constraint=constraint)
