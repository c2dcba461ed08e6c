"""Guard policies inside the one run path.

- Input rules run on the user's text before anything is sent: ``block`` records a
  ``blocked`` run and sends nothing; ``redact`` sends the redacted text.
- Output rules run on the finished output. When a rule can ``block`` or ``redact``
  the output, tokens are held back while generating and only the checked text is
  shown, so a person never sees what the policy withholds.
- ``reask``: a parent run, then attempts as child runs; each failed attempt's output
  and the check messages are sent back to the model, up to ``max_reasks`` times.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from backends.base import CancelToken, Message, TokenEvent
from guards.policy import Decision, Policy, reask_feedback
from runs.outcome import RunOutcome
from runs.record import run_row
from runs.spec import RunSpec
from runs.store import utcnow

if TYPE_CHECKING:
    from runs.pipeline import Pipeline


def user_text(spec: RunSpec) -> str:
    if spec.prompt is not None:
        return spec.prompt
    users = [m for m in spec.messages or () if m.role == "user"]
    return users[-1].content if users else ""


def with_user_text(spec: RunSpec, text: str) -> RunSpec:
    if spec.prompt is not None:
        return replace(spec, prompt=text)
    msgs = list(spec.messages or ())
    for i in range(len(msgs) - 1, -1, -1):
        if msgs[i].role == "user":
            msgs[i] = Message("user", text)
            break
    return replace(spec, messages=tuple(msgs))


def holds_back_output(policy: Policy) -> bool:
    return any(r.on_fail in ("block", "redact") for r in policy.output)


def results_as_dicts(decision: Decision) -> list[dict[str, Any]]:
    return [r.to_dict() for r in decision.results]


def stream_reask(pipeline: Pipeline, spec: RunSpec, policy: Policy, cancel: CancelToken) -> Iterator[TokenEvent | RunOutcome]:
    first = pipeline.prepare(spec)
    parent_id = pipeline.store.start_run(run_row(spec, first, stage="reask"))
    attempt_spec = replace(spec, parent_id=parent_id)
    outcome: RunOutcome | None = None
    for attempt in range(policy.max_reasks + 1):
        child = replace(attempt_spec, stage=f"attempt-{attempt + 1}")
        outcome = None
        for ev in pipeline.stream(child, cancel):
            if isinstance(ev, RunOutcome):
                outcome = ev
            else:
                yield ev
        assert outcome is not None
        if outcome.status != "ok" or not outcome.reask:
            break
        if attempt == policy.max_reasks:
            break
        feedback = reask_feedback(outcome.reask)
        yield TokenEvent(f"\n\n[re-asking: {feedback.splitlines()[0]}]\n\n")
        attempt_spec = _continue(attempt_spec, outcome.output, feedback)
    assert outcome is not None
    if outcome.status == "ok" and outcome.reask:
        status, error = "error", f"output still failed checks after {policy.max_reasks} re-ask(s): " + "; ".join(
            f"{r.name}: {r.message}" for r in outcome.reask)
    else:
        status, error = outcome.status, outcome.error
    pipeline.store.finish_run(parent_id, {"status": status, "output": outcome.output, "error": error,
                                          "finish_reason": outcome.result.finish_reason if outcome.result else None,
                                          "finished_utc": utcnow()})
    yield RunOutcome(parent_id, status, outcome.output, outcome.result, error, outcome.notices,
                     checks=outcome.checks, reask=outcome.reask)


def _continue(spec: RunSpec, output: str, feedback: str) -> RunSpec:
    """The conversation so far, plus the failed answer and the feedback on it."""
    if spec.mode == "completion" and spec.messages is None:
        return replace(spec, prompt=f"{spec.prompt}{output}\n\n{feedback}\n\n")
    convo = list(spec.chat_messages()) + [Message("assistant", output), Message("user", feedback)]
    return replace(spec, prompt=None, messages=tuple(convo), system=None)
