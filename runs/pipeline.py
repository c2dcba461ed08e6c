"""One run: resolve the model, render, check it fits, record ``running``, stream, record.

This is the only path a run takes, from the CLI, the window and the batch runner.
It reports progress by yielding events (never Qt signals): TokenEvent as text
arrives, then exactly one RunOutcome. Errors found before generation (a bad model,
bad params, a prompt over the context) raise WorkbenchError and record nothing;
errors during generation are recorded on the run, with its partial output.
"""

from __future__ import annotations


from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from backends.base import (
    CancelToken,
    GenerationRequest,
    GenerationResult,
    TokenEvent,
)
from backends.catalog import backend_kind, open_backend
from backends.pool import BackendPool
from backends.registry import ModelEntry, Registry
from common.errors import BackendError, ContextOverflowError, InvalidParamsError, StoreError, WorkbenchError
from common.i18n import _
from guards.checks_tools import ToolCallCheck
from guards.constrain import Constraint
from guards.policy import Policy
from guards.tool_calls import parse_tool_calls
from runs.answer_probs import record_answer_probs, wants_scoring
from runs.branch_trace import given_trace
from runs.guarded import holds_back_output, results_as_dicts, stream_reask, user_text, with_user_text
from runs.outcome import RunOutcome
from runs.record import run_row
from runs.resample import ChildSamples
from runs.spec import RunSpec
from runs.store import Store, utcnow


@dataclass
class Prepared:
    """A spec resolved against its model: what will be sent, and how long it is."""

    spec: RunSpec
    entry: ModelEntry
    backend: Any
    request: GenerationRequest
    sent_text: str
    prompt_tokens: int
    n_ctx: int


class Pipeline:
    def __init__(self, store: Store, registry: Registry, pool: BackendPool):
        self.store = store
        self.registry = registry
        self.pool = pool
        self._notices_said: set[str] = set()
        self._model_ids: dict[tuple[str, str | None], str] = {}

    # -- preparation (no recording) ----------------------------------------------
    def backend_for(self, spec: RunSpec) -> tuple[ModelEntry, Any]:
        """The model entry and loaded backend the spec names (backends/catalog.py)."""
        return open_backend(spec.backend, spec.load_settings(), self.registry, self.pool)

    def request_for(self, spec: RunSpec, backend: Any) -> GenerationRequest:
        if spec.prefix_tokens and not backend_kind(spec.backend).prefix_tokens:
            raise InvalidParamsError(_("the {backend} backend cannot continue from given tokens (a branch); "
                                       "use llama.cpp").format(backend=spec.backend))
        constraint = Constraint.from_dict(spec.constraint) if spec.constraint else None
        given = {"prefix_tokens": spec.prefix_tokens,
                 "record_given_from": (spec.branch or {}).get("recorded_from") if spec.logprobs else None}
        chat = spec.mode == "chat" or (spec.mode == "auto" and bool(backend.info.chat_template))
        if chat:
            if (spec.tools or spec.documents) and not backend.supports_tools:
                raise InvalidParamsError(_('the {name} backend does not take tools or documents yet; describe them in the prompt instead').format(name=backend.name))
            return GenerationRequest(messages=spec.chat_messages(), params=spec.params, constraint=constraint,
                                     tools=spec.tools, documents=spec.documents, logprobs=spec.logprobs,
                                     **given)
        if spec.tools or spec.documents:
            raise InvalidParamsError(_('{value} has no chat template, so it cannot take tools or documents; use a chat model or describe them in the prompt').format(value=spec.model or 'this model'))
        if spec.messages is not None:
            text = "\n\n".join(m.content for m in spec.chat_messages())
        else:
            text = (spec.system + "\n\n" if spec.system else "") + (spec.prompt or "")
        return GenerationRequest(prompt=text, params=spec.params, constraint=constraint, logprobs=spec.logprobs,
                                 **given)

    def prepare(self, spec: RunSpec) -> Prepared:
        """Resolve, load, render and count; raise if the prompt does not fit."""
        if spec.constraint:
            Constraint.from_dict(spec.constraint)  # a bad constraint fails before any loading
        entry, backend = self.backend_for(spec)
        request = self.request_for(spec, backend)
        sent = backend.render(request)
        n = backend.count_tokens(sent)
        n_ctx = backend.n_ctx
        if n >= n_ctx:
            raise ContextOverflowError(
                _('the prompt is {n} tokens, {value} over the context size of {n_ctx} (leaving no room to answer); shorten it or raise the context size').format(n=n, value=n - n_ctx + 1, n_ctx=n_ctx),
                prompt_tokens=n,
                n_ctx=n_ctx,
            )
        return Prepared(spec, entry, backend, request, sent, n, n_ctx)

    def count_tokens(self, spec: RunSpec) -> tuple[int, int]:
        """(prompt tokens, context size) for what ``spec`` would send, without running."""
        _, backend = self.backend_for(spec)
        sent = backend.render(self.request_for(spec, backend))
        return backend.count_tokens(sent), backend.n_ctx

    # -- running ----------------------------------------------------------------
    def run(self, spec: RunSpec, cancel: CancelToken | None = None) -> RunOutcome:
        outcome = None
        for ev in self.stream(spec, cancel):
            if isinstance(ev, RunOutcome):
                outcome = ev
        assert outcome is not None
        return outcome

    def policy_for(self, spec: RunSpec) -> Policy:
        """The spec's guard policy, validated (a judge model is loaded through the pool)."""
        if not spec.policy:
            return Policy()

        def judge_backend(model: str | None) -> Any:
            return self.backend_for(replace(spec, model=model or spec.model))[1]

        return Policy.from_dict(spec.policy, judge_backend=judge_backend)

    def stream(self, spec: RunSpec, cancel: CancelToken | None = None) -> Iterator[TokenEvent | RunOutcome]:
        cancel = cancel or CancelToken()
        policy = self.policy_for(spec)  # a bad policy fails before anything runs
        if policy.wants_reask and not (spec.stage or "").startswith("attempt-"):
            yield from stream_reask(self, spec, policy, cancel)
            return
        input_decision = None
        if policy.input:
            input_decision = policy.check_input(user_text(spec))
            if input_decision.text != user_text(spec) and not input_decision.blocked:
                spec = with_user_text(spec, input_decision.text)  # the redacted text is what is sent
        prep = self.prepare(spec)
        run_id = self.store.start_run(self._row(spec, prep))  # StoreError here: nothing generated, nothing lost
        if input_decision is not None:
            self._add_checks(run_id, "input", results_as_dicts(input_decision))
            if input_decision.blocked:
                outcome = RunOutcome(run_id, "blocked", "", error=f"blocked before sending: {input_decision.blocked}")
                self._save(outcome, {"status": "blocked", "error": outcome.error, "output": "", "finish_reason": None})
                outcome.checks = results_as_dicts(input_decision)
                yield outcome
                return
        backend = prep.backend
        notices = [n for n in backend.notices if n not in self._notices_said]
        self._notices_said.update(notices)
        constraint_notices = list(getattr(prep.request.constraint, "notices", ()))
        notices += [n for n in constraint_notices if n not in notices]  # said on every run they apply to
        hold = holds_back_output(policy)
        parts: list[str] = []
        result: GenerationResult | None = None
        status, error = "error", None
        try:
            for ev in backend.stream(prep.request, cancel):
                if isinstance(ev, GenerationResult):
                    result = ev
                else:
                    parts.append(ev.text)
                    if not hold:
                        yield ev
            assert result is not None
            status = "cancelled" if result.finish_reason == "cancelled" else "ok"
        except BackendError as exc:
            status, error = "error", str(exc)
        except (KeyboardInterrupt, GeneratorExit):
            status, error = "cancelled", "interrupted by the user"
            self._finish(run_id, spec, status, "" if hold else "".join(parts), result, error)
            raise
        output = "".join(parts)
        checks: list[dict[str, Any]] = []
        reask = []
        if policy.output and status == "ok":
            seed = result.extra.get("seed", spec.params.seed) if result is not None else spec.params.seed
            samples = ChildSamples(self, spec, run_id, seed, cancel)  # selfcheckgpt's extra answers, as child runs
            decision = policy.check_output(output, samples=samples)
            if samples.reports and result is not None:
                result.extra["selfcheckgpt"] = samples.reports  # per-sentence scores, stored with the run
            checks = results_as_dicts(decision)
            reask = decision.reask
            if decision.blocked:
                status, error, output = "blocked", f"output withheld: {decision.blocked}", ""
            else:
                output = decision.text
        if hold and output:
            yield TokenEvent(output)
        tool_calls = [c.to_dict() for c in parse_tool_calls(output)] if spec.tools and status == "ok" else []
        if tool_calls and result is not None:
            result.extra["tool_calls"] = tool_calls  # stored with the run (extra_json)
        outcome = self._finish(run_id, spec, status, output, result, error)
        outcome.tool_calls = tool_calls
        said = result.extra.get("logprobs_notice") if spec.logprobs and result is not None else None
        if said and said not in notices:
            notices.append(said)
        outcome.notices = notices
        outcome.checks = checks
        outcome.reask = reask
        if checks:
            self._add_checks(run_id, "output", checks, outcome)
        if prep.request.constraint is not None and status == "ok":
            self._record_constraint_check(outcome, prep.request.constraint)
            answers = wants_scoring(spec, backend, prep.request)
            if answers:
                outcome.answer_probs = record_answer_probs(self.store, backend, prep.request, run_id, answers,
                                                           output, cancel)
                if outcome.result is not None:  # who rewrites the extra from the result keeps them
                    outcome.result.extra["answer_probs"] = outcome.answer_probs
        if spec.tools and status == "ok":
            check = ToolCallCheck(tools=list(spec.tools)).run(output).to_dict()
            outcome.checks = [*outcome.checks, check]
            self._add_checks(run_id, "output", [check], outcome)
        yield outcome

    def _row(self, spec: RunSpec, prep: Prepared) -> dict[str, Any]:
        backend, entry = prep.backend, prep.entry
        sha = self.registry.sha256(entry.path) if entry.path and entry.path.is_file() else None
        key = (str(entry.path), sha)
        model_id = self._model_ids.get(key)
        if model_id is None:
            summary = entry.summary()
            summary["sha256"] = sha
            if entry.path is None:  # a model behind a server: known by its URL and name
                summary["path"] = f"{backend.location}#{entry.name}"
            summary["chat_template_text"] = entry.info.chat_template if entry.info else None
            model_id = self._model_ids[key] = self.store.upsert_model(summary, _small_metadata(entry))
        return run_row(spec, prep, model_id=model_id, model_sha256=sha)

    def _add_checks(self, run_id: str, stage: str, checks: list[dict[str, Any]], outcome: RunOutcome | None = None) -> None:
        try:
            self.store.add_checks(run_id, stage, checks)
        except StoreError as exc:
            if outcome is None:
                raise
            outcome.saved, outcome.save_error = False, str(exc)

    def _save(self, outcome: RunOutcome, fields: dict[str, Any]) -> None:
        fields.setdefault("finished_utc", utcnow())
        try:
            self.store.finish_run(outcome.run_id, fields)
        except StoreError as exc:
            outcome.saved, outcome.save_error, outcome._unsaved = False, str(exc), fields

    def _record_constraint_check(self, outcome: RunOutcome, constraint: Constraint) -> None:
        ok, _why, problem = constraint.check(outcome.output)
        extra = outcome.result.extra if outcome.result else {}
        check = {
            "name": "constraint",
            "verdict": "pass" if ok else "fail",
            "score": 1.0 if ok else 0.0,
            "spans": [],
            "message": _("{describe} — enforced by {mechanism}").format(
                describe=constraint.describe(), mechanism=extra.get("constraint_mechanism", _("the backend")))
            + "".join(f"; {n}" for n in getattr(constraint, "notices", ()))
            + ("" if ok else f"; {problem}"),
            "ms": 0.0,
        }
        try:
            self.store.add_checks(outcome.run_id, "output", [check])
        except StoreError as exc:
            outcome.saved, outcome.save_error = False, str(exc)

    def _finish(self, run_id: str, spec: RunSpec, status: str, output: str, result: GenerationResult | None, error: str | None) -> RunOutcome:
        fields: dict[str, Any] = {"status": status, "output": output, "error": error, "finished_utc": utcnow()}
        if result is not None and spec.logprobs and result.tokens is None and status == "ok":
            result.extra.setdefault("logprobs_notice", _(
                "the {backend} backend returned no token probabilities for this run").format(backend=spec.backend))
        if result is not None:
            t = result.timings
            fields.update(
                finish_reason=result.finish_reason,
                load_ms=t.load_ms,
                ttft_ms=t.ttft_ms,
                prompt_tokens=t.prompt_tokens,
                cached_tokens=t.cached_tokens,
                prompt_ms=t.prompt_ms,
                completion_tokens=t.completion_tokens,
                gen_ms=t.gen_ms,
                total_ms=t.total_ms,
                prefill_tps=t.prefill_tps,
                decode_tps=t.decode_tps,
                gpu_layers_effective=result.gpu_layers_effective,
                extra_json={k: v for k, v in result.extra.items() if k != "notices"},
            )
            seed = result.extra.get("seed")
            if seed is not None:  # record the effective seed so a re-run reproduces it
                fields["seed"] = seed
                fields["params_json"] = {**spec.params.to_dict(), "seed": seed}
                fields["spec_json"] = spec.with_seed(seed).to_dict()
        elif status != "ok":
            fields["finish_reason"] = "cancelled" if status == "cancelled" else "error"
        outcome = RunOutcome(run_id, status, output, result, error)
        self._save(outcome, fields)
        if result is not None and result.tokens is not None and spec.branch:
            result.tokens = given_trace(self.store, spec.branch, result.tokens)  # the given tokens too
        if result is not None and result.tokens is not None and outcome.saved:
            try:
                self.store.save_tokens(run_id, result.tokens)
            except StoreError as exc:
                outcome.saved, outcome.save_error = False, str(exc)
        return outcome

    def retry_save(self, outcome: RunOutcome) -> RunOutcome:
        """Try again to record a finished run whose end could not be written."""
        if outcome.saved or outcome._unsaved is None:
            return outcome
        self.store.finish_run(outcome.run_id, outcome._unsaved)
        outcome.saved, outcome.save_error, outcome._unsaved = True, None, None
        return outcome

    def rerun(self, run_id: str, cancel: CancelToken | None = None) -> Iterator[TokenEvent | RunOutcome]:
        """Run a logged run again from its stored spec (same model file, params, seed)."""
        row = self.store.get_run(run_id)
        spec = spec_from_row(row)
        return self.stream(spec, cancel)


def spec_from_row(row: dict[str, Any]) -> RunSpec:
    import json

    if not row.get("spec_json"):
        raise WorkbenchError(_('run {id} has no stored spec to re-run').format(id=row['id']))
    d = json.loads(row["spec_json"])
    # the same file, even if a name now points elsewhere; a moved file falls back to the name
    if row.get("model_path") and Path(row["model_path"]).exists():
        d["model"] = row["model_path"]
    for k in ("parent_id", "experiment_id", "cell_key", "stage"):
        d[k] = None
    if d.get("flash_attn") and d.get("n_threads") is None and row.get("n_threads"):
        # with flash attention, one token's attention over 512 or more cache cells is split
        # across the threads (llama.cpp's CPU kernel), so the text past 256 tokens depends
        # on how many: the run's own count gives its bytes again
        d["n_threads"] = row["n_threads"]
    return RunSpec.from_dict(d)


def _small_metadata(entry: ModelEntry) -> dict[str, Any]:
    if entry.info is None:
        return {}
    return {k: v for k, v in entry.info.metadata.items() if v is not None and k != "tokenizer.chat_template"}


__all__ = ["Pipeline", "Prepared", "RunOutcome", "spec_from_row"]
