"""Running an experiment: its cells in plan order (experiments/plan.py), resumable.

Every cell goes through the one pipeline (``runs.templated.run_template``) with the
experiment id and a deterministic cell key on its run, so a cell is found again after
a crash. Resuming runs only the cells without a finished run: ``ok``, ``error`` and
``blocked`` count as done; ``running``, ``interrupted`` and ``cancelled`` are run
again (the old run stays in the log with its status). A cell that fails is recorded
as an ``error`` run and the batch goes on.

Progress is reported by yielding :class:`Progress` after each cell (no Qt), so the
CLI draws a progress bar and the window can run :func:`iter_batch` in a worker.
Pause and cancel come through :class:`BatchControl` from another thread.
"""

from __future__ import annotations

from common.i18n import _

import json
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from backends.base import CancelToken
from common.errors import StoreError, WorkbenchError
from experiments.assertions import assertion_label, build_assertion
from experiments.loading import Experiment
from common.errors import ExperimentError
from experiments.plan import Cell, model_groups, plan
from runs.pipeline import Pipeline
from runs.record import run_row
from runs.spec import RunSpec
from runs.store import Store, loads_object

EXPERIMENT_STATUSES = ("running", "done", "cancelled", "interrupted")


# --- the experiment's record ------------------------------------------------------------
def create_experiment(store: Store, exp: Experiment, *, baseline_id: str | None = None) -> str:
    """Record ``exp`` as a new experiment, running in this process."""
    return store.create_experiment({
        "name": exp.name, "description": exp.spec.description,
        "config_json": json.dumps(exp.config, ensure_ascii=False, sort_keys=True),
        "baseline_id": baseline_id or exp.spec.baseline,
        "source_path": str(exp.source) if exp.source else None, "config_hash": exp.config_hash,
        "total_cells": exp.n_cells,
    })


def start_or_resume(store: Store, exp: Experiment, *, resume_id: str | None = None, new: bool = False,
                    baseline_id: str | None = None) -> tuple[str, bool]:
    """(experiment id, resumed?). Resumes ``resume_id``, else the newest unfinished
    experiment with the same config (same file content, templates, dataset, models),
    unless ``new``. Raises if the experiment to resume is running in another process
    or was made from a different config."""
    found: dict[str, Any] | None
    if resume_id:
        found = store.get_experiment(resume_id)
        if found["config_hash"] != exp.config_hash:
            raise ExperimentError(
                _('experiment {id} was run from a different config (file, templates, dataset or models changed); run without --resume to start a new experiment').format(id=found['id']))
        if found["status"] == "done":
            raise ExperimentError(_('experiment {id} is already complete; run without --resume to start a new one').format(id=found['id']))
    elif new:
        found = None
    else:
        found = store.find_resumable(exp.config_hash)
    if found is None:
        return create_experiment(store, exp, baseline_id=baseline_id), False
    if found["status"] == "running":
        raise ExperimentError(_('experiment {id} is running in process {pid}; wait for it or stop it before resuming').format(id=found['id'], pid=found['pid']))
    store.set_experiment_status(found["id"], "running", **({"baseline_id": baseline_id} if baseline_id else {}))
    return found["id"], True


# --- running ---------------------------------------------------------------------------
class BatchControl:
    """Pause, resume and cancel a batch from another thread (the window's Stop button)."""

    def __init__(self, cancel: CancelToken | None = None):
        self.cancel_token = cancel or CancelToken()
        self._running = threading.Event()
        self._running.set()
        self._lock = threading.Lock()
        self._paused_at: float | None = None
        self._paused_total = 0.0

    def pause(self) -> None:
        with self._lock:
            if self._paused_at is None:
                self._paused_at = time.perf_counter()
            self._running.clear()

    def resume(self) -> None:
        with self._lock:
            self._unpause()

    def cancel(self) -> None:
        self.cancel_token.cancel()
        with self._lock:
            self._unpause()

    def _unpause(self) -> None:
        if self._paused_at is not None:
            self._paused_total += time.perf_counter() - self._paused_at
            self._paused_at = None
        self._running.set()

    @property
    def paused_s(self) -> float:
        """Seconds spent paused so far (the time to go leaves them out)."""
        with self._lock:
            now = time.perf_counter() - self._paused_at if self._paused_at is not None else 0.0
            return self._paused_total + now

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_token.cancelled

    def wait_while_paused(self) -> None:
        while not self._running.wait(0.1):
            pass


@dataclass
class CellResult:
    cell: Cell
    run_id: str
    status: str
    answer: str
    passed: bool | None = None  # None when the cell has no assertions
    score: float | None = None
    error: str | None = None
    assertions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Progress:
    """Yielded after each cell: ``done`` of ``total`` cells to run now (``skipped`` were done before)."""

    experiment_id: str
    done: int
    total: int
    skipped: int
    result: CellResult | None
    elapsed_s: float

    @property
    def eta_s(self) -> float | None:
        if not self.done:
            return None
        return self.elapsed_s / self.done * (self.total - self.done)


@dataclass
class BatchOutcome:
    experiment_id: str
    status: str  # done | cancelled
    ran: int
    skipped: int
    total: int
    results: list[CellResult] = field(default_factory=list)


def iter_batch(pipeline: Pipeline, exp: Experiment, experiment_id: str, *, control: BatchControl | None = None,
               reuse_prefix: bool = True, concurrency: int | None = None) -> Iterator[Progress]:
    """Run the cells of ``exp`` not yet done in ``experiment_id``; yield after each.

    Cells of a server model (backend ``openai``) run up to its ``concurrency`` at
    once (``concurrency`` here overrides it for every server model) and are yielded
    as they finish; local models run one cell at a time, in plan order.
    ``reuse_prefix=False`` empties the model's KV cache before every cell (the
    benchmark's baseline). The experiment ends ``done``, or ``cancelled`` when the
    control is cancelled (cells running then are recorded ``cancelled`` and are run
    again on resume).
    """
    if concurrency is not None and concurrency < 1:
        raise ExperimentError(_('concurrency must be at least 1, got {concurrency}').format(concurrency=concurrency))
    control = control or BatchControl()
    store = pipeline.store
    cells = plan(exp)
    finished = store.finished_cells(experiment_id)
    _repair_assertions(pipeline, exp, experiment_id, cells, finished)
    todo = [c for c in cells if c.key not in finished]
    skipped = len(cells) - len(todo)
    t0 = time.perf_counter()
    yield Progress(experiment_id, 0, len(todo), skipped, None, 0.0)
    status = "cancelled"

    def run(cell: Cell) -> CellResult:
        return run_cell(pipeline, exp, experiment_id, cell, control.cancel_token, reuse_prefix=reuse_prefix)

    done, stopped = 0, False
    try:
        for group in model_groups(todo):
            n = group[0].ref.in_flight(concurrency)
            for result in (_in_order(run, group, control) if n == 1 else _concurrently(run, group, control, n)):
                stopped = stopped or result.status == "cancelled"
                done += result.status != "cancelled"  # a cancelled cell is not done: it runs again on resume
                # the time to go is worked out from time spent running, not paused
                yield Progress(experiment_id, done, len(todo), skipped, result,
                               time.perf_counter() - t0 - control.paused_s)
            if control.cancelled or stopped:
                break
        if done == len(todo) and not stopped:
            status = "done"
    finally:
        try:
            store.set_experiment_status(experiment_id, status)
        except StoreError:
            pass


def _in_order(run: Callable[[Cell], CellResult], cells: list[Cell], control: BatchControl) -> Iterator[CellResult]:
    for cell in cells:
        control.wait_while_paused()
        if control.cancelled:
            return
        result = run(cell)
        yield result
        if result.status == "cancelled":
            return


def _concurrently(run: Callable[[Cell], CellResult], cells: list[Cell], control: BatchControl,
                  n: int) -> Iterator[CellResult]:
    """Keep up to ``n`` cells in flight; yield each result as it finishes. Pausing stops
    new cells from starting (those in flight finish); cancelling stops the ones in flight."""
    pending = iter(cells)
    inflight: set[Future[CellResult]] = set()
    exhausted = False
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="batch") as pool:
        try:
            while True:
                while not exhausted and len(inflight) < n and not control.paused and not control.cancelled:
                    cell = next(pending, None)
                    if cell is None:
                        exhausted = True
                    else:
                        inflight.add(pool.submit(run, cell))
                if not inflight:
                    if exhausted or control.cancelled:
                        return
                    control.wait_while_paused()
                    continue
                finished, inflight = wait(inflight, timeout=0.1, return_when=FIRST_COMPLETED)
                for f in finished:
                    yield f.result()
        finally:
            if inflight:  # stopped early (the consumer left, or a cell raised): stop the others
                control.cancel()
                wait(inflight)


def run_batch(pipeline: Pipeline, exp: Experiment, experiment_id: str, *, control: BatchControl | None = None,
              reuse_prefix: bool = True, concurrency: int | None = None, on_progress: Any = None) -> BatchOutcome:
    """Run to the end (or a cancel); ``on_progress(Progress)`` after each cell."""
    results: list[CellResult] = []
    last: Progress | None = None
    for p in iter_batch(pipeline, exp, experiment_id, control=control, reuse_prefix=reuse_prefix,
                        concurrency=concurrency):
        last = p
        if p.result is not None:
            results.append(p.result)
        if on_progress is not None:
            on_progress(p)
    assert last is not None
    status = pipeline.store.get_experiment(experiment_id)["status"]
    return BatchOutcome(experiment_id, status, last.done, last.skipped, last.total + last.skipped, results)


def base_spec(exp: Experiment, experiment_id: str, cell: Cell) -> RunSpec:
    load = exp.spec.load
    ref = cell.ref
    model = ref.name
    if ref.backend == "transformers":  # a Hugging Face folder was resolved against the experiment file
        resolved = exp.config.get("models", {}).get(ref.key)
        if isinstance(resolved, dict) and resolved.get("path") and Path(resolved["path"]).is_dir():
            model = resolved["path"]
    return RunSpec(
        prompt="-",  # replaced by what the template renders
        model=model,
        backend=ref.backend, base_url=ref.base_url, api_key_env=ref.api_key_env,
        params=cell.params.sampling(cell.repeat),
        n_ctx=load.n_ctx, n_threads=load.n_threads, n_batch=load.n_batch, gpu_layers=load.gpu_layers,
        flash_attn=load.flash_attn,
        experiment_id=experiment_id, cell_key=cell.key, tags=("batch",), policy=exp.spec.policy,
        logprobs=cell.params.logprobs or ref.logprobs or 0,
    )


def run_cell(pipeline: Pipeline, exp: Experiment, experiment_id: str, cell: Cell, cancel: CancelToken, *,
             reuse_prefix: bool = True) -> CellResult:
    """Run one cell, record it (and its assertions); a failure is recorded on the cell."""
    from runs.templated import run_template

    store = pipeline.store
    spec = base_spec(exp, experiment_id, cell)
    template = cell.variant.template
    values = cell.variables
    if not reuse_prefix:
        pipeline.backend_for(spec)[1].reset_cache()
    try:
        out = run_template(pipeline, template, values, spec, cancel=cancel)
        run_id, status, answer, error, output = out.run_id, out.status, out.final_answer, out.error, out.output
        store.merge_extra(run_id, "batch", _batch_extra(cell, answer))
    except WorkbenchError as exc:  # found before anything was generated: record it on the cell
        if isinstance(exc, StoreError):
            raise
        status, answer, output, error = "error", "", "", str(exc)
        row = run_row(replace(spec, template_id=template.id, variables=values, pattern=template.pattern.name),
                      model_name=cell.model, extra_json={"batch": _batch_extra(cell, "")})
        run_id = store.start_run(row)
        store.finish_run(run_id, {"status": "error", "error": error, "finish_reason": "error", "output": ""})
    result = CellResult(cell, run_id, status, answer, error=error)
    if status != "cancelled":
        _assert(pipeline, exp, cell, result, output)
    return result


def _batch_extra(cell: Cell, answer: str) -> dict[str, Any]:
    expected = cell.row.expected
    return {"answer": answer, "expected": expected if expected is None or isinstance(expected, (str, int, float, bool))
            else str(expected), "row": cell.row.index, "repeat": cell.repeat, "variant": cell.variant.label,
            "params_set": cell.params_name, **({"description": d} if (d := cell.row.description) else {})}


def _assert(pipeline: Pipeline, exp: Experiment, cell: Cell, result: CellResult, output: str) -> None:
    specs = (*exp.spec.assertions, *cell.row.assertions)
    if not specs:
        return
    rows = []
    for a in specs:
        name = assertion_label(a)
        if result.status != "ok":
            rows.append({"name": name, "verdict": "fail", "score": 0.0, "spans": [], "ms": 0.0,
                         "message": f"the run ended {result.status}: {result.error or ''}".strip()})
            continue
        text = result.answer if a.text == "answer" else output
        try:
            backend = _judge_backend(pipeline, exp, cell, a) if a.kind == "judge" else None
            probs = _answer_probs(pipeline, result.run_id) if a.kind == "answer-probability" else None
            r = build_assertion(a, cell.row, backend=backend, answer_probs=probs).run(text).to_dict()
        except WorkbenchError as exc:
            r = {"verdict": "fail", "score": 0.0, "spans": [], "ms": 0.0, "message": f"assertion failed to run: {exc}"}
        r["name"] = name
        if r.get("score") is None:
            r["score"] = 1.0 if r["verdict"] != "fail" else 0.0
        rows.append(r)
    pipeline.store.add_checks(result.run_id, "assertion", rows)
    result.assertions = rows
    result.passed = all(r["verdict"] != "fail" for r in rows)
    result.score = sum(r["score"] for r in rows) / len(rows)


def _answer_probs(pipeline: Pipeline, run_id: str) -> Any:
    """The run's recorded answer probabilities (a pattern's: its last stage's)."""
    store = pipeline.store
    record = loads_object(store.get_run(run_id).get("extra_json")).get("answer_probs")
    if record is None:
        for child in reversed(store.children(run_id)):
            record = loads_object(child.get("extra_json")).get("answer_probs")
            if record is not None:
                break
    return record


def _judge_backend(pipeline: Pipeline, exp: Experiment, cell: Cell, a: Any) -> Any:
    spec = base_spec(exp, "", cell)
    if a.model:  # a named judge is a local model
        spec = replace(spec, model=a.model, backend="llama.cpp", base_url=None, api_key_env=None)
    return pipeline.backend_for(spec)[1]


def _repair_assertions(pipeline: Pipeline, exp: Experiment, experiment_id: str, cells: list[Cell],
                       finished: dict[str, str]) -> None:
    """A process killed between a run's end and its assertions: assert on the stored output."""
    if not finished or not (exp.spec.assertions or any(r.assertions for r in exp.rows)):
        return
    store = pipeline.store
    asserted = store.asserted_runs(experiment_id)
    for cell in cells:
        run_id = finished.get(cell.key)
        if run_id is None or run_id in asserted:
            continue
        row = store.get_run(run_id)
        answer = (loads_object(row.get("extra_json")).get("batch") or {}).get("answer", row.get("output") or "")
        result = CellResult(cell, run_id, row["status"], answer, error=row.get("error"))
        _assert(pipeline, exp, cell, result, row.get("output") or "")


__all__ = [
    "BatchControl", "BatchOutcome", "CellResult", "Progress", "base_spec", "create_experiment", "iter_batch",
    "run_batch", "run_cell", "start_or_resume",
]
