"""Running a template with its pattern: one run, or a parent run with a child per stage.

The prompt library decides what each stage sends; every stage goes through the one
pipeline (``Pipeline.stream``) as a child run of a parent run, so history and reports
can show the whole chain. Single-call patterns (zero-shot, few-shot, few-shot CoT,
single-prompt step-back) are one ordinary run carrying the template and pattern.

The template's output constraint and guard policy apply to the stage named ``answer``
only: a reasoning stage or a self-consistency sample must be free to think.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from backends.base import CancelToken, Message, TokenEvent
from common.errors import WorkbenchError
from prompt_library import PatternResult, PromptTemplate, run_pattern
from prompt_library import render as render_first_stage
from runs.outcome import RunOutcome
from runs.pipeline import Pipeline
from runs.record import run_row
from runs.spec import RunSpec
from runs.store import utcnow

SINGLE_CALL = {"zero-shot", "few-shot", "few-shot-cot"}
OnToken = Callable[[str, str], None]  # (stage name, text)


class PatternCancelled(WorkbenchError):
    """A stage was cancelled; the pattern stops there."""


class StageFailed(WorkbenchError):
    """A stage ended in error; the pattern stops there."""


@dataclass
class TemplateOutcome:
    run_id: str  # the parent run (or the only run)
    status: str
    final_answer: str
    pattern: PatternResult | None = None
    stages: list[RunOutcome] = field(default_factory=list)
    error: str | None = None

    @property
    def output(self) -> str:
        """What the run ``run_id`` recorded as its output."""
        if self.stages and self.stages[-1].run_id == self.run_id:
            return self.stages[-1].output
        return self.final_answer


def is_single_call(template: PromptTemplate) -> bool:
    name = template.pattern.name
    return name in SINGLE_CALL or (name == "step-back" and getattr(template.pattern, "variant", "") == "single-prompt")


def spec_for_stage(base: RunSpec, template: PromptTemplate, values: Mapping[str, Any], sent: str | list[Message],
                   params_override: Mapping[str, Any], *, stage: str | None, parent_id: str | None,
                   constrained: bool) -> RunSpec:
    params = replace(base.params, **{k: v for k, v in params_override.items() if k in ("temperature", "seed")})
    common = dict(
        params=params,
        template_id=template.id,
        variables=dict(values),
        pattern=template.pattern.name,
        parent_id=parent_id,
        stage=stage,
        constraint=(template.spec.constraint or base.constraint) if constrained else None,
        policy=(template.spec.guards or base.policy) if constrained else None,
        tools=tuple(template.spec.tools) if template.spec.tools else base.tools,
    )
    if isinstance(sent, str):
        return replace(base, prompt=sent, messages=None, system=None, mode="completion", **common)
    return replace(base, prompt=None, messages=tuple(sent), system=None, mode="chat", **common)


def run_template(pipeline: Pipeline, template: PromptTemplate, values: Mapping[str, Any] | None, base: RunSpec, *,
                 examples: Sequence[Mapping[str, Any]] | None = None, cancel: CancelToken | None = None,
                 on_token: OnToken | None = None) -> TemplateOutcome:
    """Run ``template`` with ``values``; ``base`` carries the model, params and load settings."""
    cancel = cancel or CancelToken()
    coerced = template.coerce(values or {})  # wrong or missing variables fail before anything runs
    pipeline.store.ensure_template(template.id, template.name, template.yaml_text)  # this exact version, once
    single = is_single_call(template)
    parent_id: str | None = None
    stage_outcomes: list[RunOutcome] = []

    if not single:
        first = render_first_stage(template, coerced, examples=examples)
        first_spec = spec_for_stage(base, template, coerced, first, {}, stage=None, parent_id=None, constrained=False)
        prep = pipeline.prepare(first_spec)  # model, context and template problems surface here
        parent_spec = replace(first_spec, params=base.params)
        parent_id = pipeline.store.start_run(run_row(parent_spec, prep, stage="pattern", spec_json=base.to_dict(),
                                                     constraint_json=None))

    def generate(stage: str, sent: str | list[Message], params_override: dict[str, Any]) -> str:
        spec = spec_for_stage(base, template, coerced, sent, params_override, stage=stage if not single else None,
                              parent_id=parent_id, constrained=(stage == "answer"))
        outcome = None
        for ev in pipeline.stream(spec, cancel):
            if isinstance(ev, TokenEvent):
                if on_token is not None:
                    on_token(stage, ev.text)
            else:
                outcome = ev
        assert outcome is not None
        stage_outcomes.append(outcome)
        if outcome.status == "cancelled":
            raise PatternCancelled(f"cancelled during stage '{stage}'")
        if outcome.status != "ok":
            raise StageFailed(f"stage '{stage}' failed: {outcome.error}")
        return outcome.output

    try:
        result = run_pattern(template, coerced, generate, examples=examples)
    except (PatternCancelled, StageFailed) as exc:
        status = "cancelled" if isinstance(exc, PatternCancelled) else "error"
        if parent_id is not None:
            pipeline.store.finish_run(parent_id, {"status": status, "error": str(exc), "finished_utc": utcnow()})
        return TemplateOutcome(parent_id or stage_outcomes[-1].run_id, status, "", None, stage_outcomes, str(exc))
    except BaseException as exc:
        if parent_id is not None:
            pipeline.store.finish_run(parent_id, {"status": "error" if isinstance(exc, Exception) else "cancelled",
                                                  "error": str(exc) or type(exc).__name__})
        raise

    if parent_id is None:
        only = stage_outcomes[-1]
        if result.extra:
            pipeline.store.update_run(only.run_id, {"extra_json": {**_extra(only), "pattern": result.extra}})
        return TemplateOutcome(only.run_id, only.status, result.final_answer, result, stage_outcomes)

    totals = _sum_timings(stage_outcomes)
    pipeline.store.finish_run(parent_id, {
        "status": "ok",
        "output": result.final_answer,
        "finish_reason": "stop",
        "extra_json": {"pattern": result.extra, "stages": [o.run_id for o in stage_outcomes],
                       **_answer_probs(stage_outcomes)},
        **totals,
    })
    return TemplateOutcome(parent_id, "ok", result.final_answer, result, stage_outcomes)


def _answer_probs(outcomes: list[RunOutcome]) -> dict[str, Any]:
    """The constrained (last) stage's answer probabilities, carried up to the parent run for reports."""
    probs = next((o.answer_probs for o in reversed(outcomes) if o.answer_probs is not None), None)
    return {"answer_probs": probs} if probs is not None else {}


def _extra(outcome: RunOutcome) -> dict[str, Any]:
    return {k: v for k, v in (outcome.result.extra if outcome.result else {}).items() if k != "notices"}


def _sum_timings(outcomes: list[RunOutcome]) -> dict[str, Any]:
    ts = [o.result.timings for o in outcomes if o.result is not None]
    if not ts:
        return {}
    return {
        "ttft_ms": ts[0].ttft_ms,
        "prompt_tokens": sum(t.prompt_tokens for t in ts),
        "cached_tokens": sum(t.cached_tokens for t in ts),
        "prompt_ms": sum(t.prompt_ms for t in ts),
        "completion_tokens": sum(t.completion_tokens for t in ts),
        "gen_ms": sum(t.gen_ms for t in ts),
        "total_ms": sum(t.total_ms for t in ts),
    }
