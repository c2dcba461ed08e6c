"""A run's answer probabilities: when its constraint allows a short list of outputs (a
choice, or a regex that is an alternation of literals), each one's probability under
the model after the run's prompt (backends/answer_scoring.py), stored in the run's
extra as ``answer_probs``. It costs one scoring pass after the run, on the prompt the
KV cache still holds (a few tens of milliseconds for a one-token answer set on the
bundled SmolLM2: BENCHMARKS.md, "Answer probabilities"). A failure to score never fails the run: the
record says what went wrong instead.
"""

from __future__ import annotations

import logging
from typing import Any

from backends.answer_scoring import AnswerScores, finite_answers
from common.errors import StoreError, WorkbenchError

EXTRA_KEY = "answer_probs"
log = logging.getLogger(__name__)


def wants_scoring(spec: Any, backend: Any, request: Any) -> tuple[str, ...] | None:
    """The answers to score for this run, or None (off, no finite answer set, a backend that cannot)."""
    if not spec.answer_probs or request.constraint is None or not backend.supports_answer_scoring:
        return None
    return finite_answers(request.constraint)


def record_answer_probs(store: Any, backend: Any, request: Any, run_id: str, answers: tuple[str, ...],
                        output: str, cancel: Any = None) -> dict[str, Any]:
    """Score, store under ``extra["answer_probs"]`` and return what was stored."""
    try:
        scores = backend.score_answers(request, answers, cancel)
        record = scores.to_dict()
        record["chosen"] = output if output in answers else None
    except WorkbenchError as exc:
        record = {"error": str(exc), "answers": []}
    except Exception as exc:  # a scoring bug must not turn a finished run into a crash: logged, said in one line
        log.exception("answer scoring failed for run %s", run_id)
        record = {"error": f"answer scoring failed ({type(exc).__name__}); see the log", "answers": []}
    try:
        store.merge_extra(run_id, EXTRA_KEY, record)
    except StoreError:
        pass  # the run itself is recorded; its probabilities are a bonus
    return record


def stored_answer_probs(extra: dict[str, Any] | None) -> AnswerScores | None:
    """The AnswerScores a run's extra holds, or None (none recorded, or an error was)."""
    d = (extra or {}).get(EXTRA_KEY)
    if not isinstance(d, dict) or not d.get("answers"):
        return None
    try:
        return AnswerScores.from_dict(d)
    except WorkbenchError:
        return None


def expected_probability(record: Any, expected: str) -> tuple[float | None, str]:
    """(P(expected), "") from a run's ``answer_probs`` record, or (None, why not). The
    expected answer matches an option exactly, else ignoring case and surrounding spaces."""
    if not isinstance(record, dict):
        return None, "no answer probabilities were recorded for this run (it needs a choice constraint)"
    if record.get("error"):
        return None, f"the answers could not be scored: {record['error']}"
    probs = {str(a.get("answer")): float(a.get("prob") or 0.0) for a in record.get("answers") or []
             if isinstance(a, dict)}
    if expected in probs:
        return probs[expected], ""
    folded = {k.strip().casefold(): v for k, v in probs.items()}
    key = expected.strip().casefold()
    if key in folded:
        return folded[key], ""
    return None, f"the expected answer {expected!r} is not one of the scored answers ({', '.join(map(repr, probs))})"


__all__ = ["EXTRA_KEY", "expected_probability", "record_answer_probs", "stored_answer_probs", "wants_scoring"]
