"""Experiments: expand the grid, order it for model and prefix reuse, run it, resume it.

Order: by model (each model is loaded once), then template and parameter set, then
rows in order, then repeats. Consecutive cells then share the template's prompt
prefix (system text, few-shot examples), and the llama.cpp backend reuses the longest
common token prefix with the previous run, bit-exactly; see
``benchmarks/bench_batch_prefix.py`` for what it saves.

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

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from backends.base import CancelToken
from common.errors import StoreError, WorkbenchError
from runs.experiment_assertions import assertion_label, build_assertion
from runs.experiment_file import Experiment, ExperimentError, ModelRef, ParamSet, Row, Variant
from runs.pipeline import Pipeline
from runs.spec import RunSpec
from runs.store import Store, new_id, utcnow

DONE = ("ok", "error", "blocked")  # a cell with a run in one of these is not run again
EXPERIMENT_STATUSES = ("running", "done", "cancelled", "interrupted")


class ExperimentNotFoundError(StoreError):
    """No experiment has the given id."""


# --- the grid --------------------------------------------------------------------------
def cell_key(template_id: str, row_index: int, model: str, params_name: str, repeat: int) -> str:
    """Deterministic: the same grid position always gets the same key."""
    return f"t={template_id[:16]}|row={row_index}|m={model}|p={params_name}|r={repeat}"


def parse_cell_key(key: str | None) -> dict[str, Any] | None:
    """The parts of a cell key (``t``, ``row``, ``m``, ``p``, ``r``), or None if it is not one."""
    if not key or not key.startswith("t="):
        return None
    parts: dict[str, Any] = {}
    for piece in key.split("|"):
        k, sep, v = piece.partition("=")
        if not sep:
            return None
        parts[k] = v
    if not {"t", "row", "m", "p", "r"} <= parts.keys():
        return None
    try:
        parts["row"], parts["r"] = int(parts["row"]), int(parts["r"])
    except ValueError:
        return None
    return parts


@dataclass(frozen=True)
class Cell:
    variant: Variant
    row: Row
    ref: ModelRef  # the model entry
    params_name: str
    params: ParamSet
    repeat: int

    @property
    def model(self) -> str:
        """The model entry's key (its label)."""
        return self.ref.key

    @property
    def key(self) -> str:
        return cell_key(self.variant.template.id, self.row.index, self.model, self.params_name, self.repeat)


def plan(exp: Experiment) -> list[Cell]:
    """Every cell, in run order: model, template, params set, row, repeat."""
    return [
        Cell(v, row, model, pname, ps, r)
        for model in exp.models
        for v in exp.variants
        for pname, ps in exp.params
        for row in exp.rows
        for r in range(exp.spec.repeats)
    ]


# --- experiments in the store ----------------------------------------------------------
def create_experiment(store: Store, exp: Experiment, *, baseline_id: str | None = None) -> str:
    eid = new_id()
    row = {
        "id": eid, "name": exp.name, "description": exp.spec.description,
        "config_json": json.dumps(exp.config, ensure_ascii=False, sort_keys=True),
        "baseline_id": baseline_id or exp.spec.baseline, "created_utc": utcnow(), "status": "running",
        "source_path": str(exp.source) if exp.source else None, "config_hash": exp.config_hash,
        "total_cells": exp.n_cells, "pid": os.getpid(),
    }
    with store._guard():
        store.db["experiments"].insert(row)
    return eid


def get_experiment(store: Store, experiment_id: str) -> dict[str, Any]:
    """By id or a unique id prefix (4+ characters); raises ExperimentNotFoundError."""
    with store._guard():
        rows = list(store.db.query("SELECT * FROM experiments WHERE id = ?", [experiment_id]))
        if not rows and len(experiment_id) >= 4:
            rows = list(store.db.query("SELECT * FROM experiments WHERE id LIKE ? LIMIT 2",
                                       [experiment_id.upper() + "%"]))
            if len(rows) > 1:
                raise ExperimentNotFoundError(f"experiment id prefix {experiment_id!r} is ambiguous; give more characters")
    if not rows:
        raise ExperimentNotFoundError(f"no experiment with id {experiment_id!r} in {store.path}")
    return _alive(rows[0])


def list_experiments(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    with store._guard():
        rows = list(store.db.query("SELECT * FROM experiments ORDER BY id DESC LIMIT ?", [int(limit)]))
    return [_alive(r) for r in rows]


def _alive(row: dict[str, Any]) -> dict[str, Any]:
    """A ``running`` experiment whose process is gone reads as ``interrupted``."""
    import psutil

    if row.get("status") == "running" and row.get("pid") != os.getpid():
        if not (row.get("pid") and psutil.pid_exists(row["pid"])):
            row = {**row, "status": "interrupted"}
    return row


def set_experiment_status(store: Store, experiment_id: str, status: str) -> None:
    fields: dict[str, Any] = {"status": status}
    if status == "running":
        fields.update(pid=os.getpid(), finished_utc=None)
    else:
        fields["finished_utc"] = utcnow()
    with store._guard():
        store.db["experiments"].update(experiment_id, fields)


def find_resumable(store: Store, config_hash: str) -> dict[str, Any] | None:
    """The newest unfinished experiment with this exact config, if any."""
    with store._guard():
        rows = list(store.db.query(
            "SELECT * FROM experiments WHERE config_hash = ? AND status != 'done' ORDER BY id DESC LIMIT 1",
            [config_hash]))
    return _alive(rows[0]) if rows else None


def done_cells(store: Store, experiment_id: str) -> dict[str, str]:
    """cell key -> run id of the cells that finished (the latest finished run of each)."""
    marks = ",".join("?" * len(DONE))
    with store._guard():
        rows = store.db.query(
            f"SELECT cell_key, id FROM runs WHERE experiment_id = ? AND parent_id IS NULL AND status IN ({marks}) "
            f"AND cell_key IS NOT NULL ORDER BY id", [experiment_id, *DONE])
        return {r["cell_key"]: r["id"] for r in rows}


def start_or_resume(store: Store, exp: Experiment, *, resume_id: str | None = None, new: bool = False,
                    baseline_id: str | None = None) -> tuple[str, bool]:
    """(experiment id, resumed?). Resumes ``resume_id``, else the newest unfinished
    experiment with the same config (same file content, templates, dataset, models),
    unless ``new``. Raises if the experiment to resume is running in another process
    or was made from a different config."""
    found: dict[str, Any] | None
    if resume_id:
        found = get_experiment(store, resume_id)
        if found["config_hash"] != exp.config_hash:
            raise ExperimentError(
                f"experiment {found['id']} was run from a different config (file, templates, dataset or models "
                f"changed); run without --resume to start a new experiment")
        if found["status"] == "done":
            raise ExperimentError(f"experiment {found['id']} is already complete; run without --resume to start a new one")
    elif new:
        found = None
    else:
        found = find_resumable(store, exp.config_hash)
    if found is None:
        return create_experiment(store, exp, baseline_id=baseline_id), False
    if found["status"] == "running":
        raise ExperimentError(f"experiment {found['id']} is running in process {found['pid']}; "
                              f"wait for it or stop it before resuming")
    set_experiment_status(store, found["id"], "running")
    if baseline_id:
        with store._guard():
            store.db["experiments"].update(found["id"], {"baseline_id": baseline_id})
    return found["id"], True


# --- running ---------------------------------------------------------------------------
class BatchControl:
    """Pause, resume and cancel a batch from another thread (the window's Stop button)."""

    def __init__(self, cancel: CancelToken | None = None):
        self.cancel_token = cancel or CancelToken()
        self._running = threading.Event()
        self._running.set()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def cancel(self) -> None:
        self.cancel_token.cancel()
        self._running.set()

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
        raise ExperimentError(f"concurrency must be at least 1, got {concurrency}")
    control = control or BatchControl()
    store = pipeline.store
    cells = plan(exp)
    finished = done_cells(store, experiment_id)
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
        for group in _model_groups(todo):
            n = group[0].ref.in_flight(concurrency)
            for result in (_in_order(run, group, control) if n == 1 else _concurrently(run, group, control, n)):
                done += 1
                stopped = stopped or result.status == "cancelled"
                yield Progress(experiment_id, done, len(todo), skipped, result, time.perf_counter() - t0)
            if control.cancelled or stopped:
                break
        if done == len(todo) and not stopped:
            status = "done"
    finally:
        try:
            set_experiment_status(store, experiment_id, status)
        except StoreError:
            pass


def _model_groups(cells: list[Cell]) -> Iterator[list[Cell]]:
    """Consecutive cells of one model (the plan is ordered by model)."""
    group: list[Cell] = []
    for c in cells:
        if group and c.model != group[0].model:
            yield group
            group = []
        group.append(c)
    if group:
        yield group


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
    status = get_experiment(pipeline.store, experiment_id)["status"]
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
        experiment_id=experiment_id, cell_key=cell.key, tags=("batch",), policy=exp.spec.policy,
    )


def run_cell(pipeline: Pipeline, exp: Experiment, experiment_id: str, cell: Cell, cancel: CancelToken, *,
             reuse_prefix: bool = True) -> CellResult:
    """Run one cell, record it (and its assertions); a failure is recorded on the cell."""
    from runs.templated import run_template

    store = pipeline.store
    spec = base_spec(exp, experiment_id, cell)
    template = cell.variant.template
    declared = {v.name for v in template.variables}
    values = {k: v for k, v in cell.row.values.items() if k in declared}
    if not reuse_prefix:
        _, backend = pipeline.backend_for(spec)
        reset = getattr(backend, "reset_cache", None)
        if reset is not None:
            reset()
    try:
        out = run_template(pipeline, template, values, spec, cancel=cancel)
        run_id, status, answer, error = out.run_id, out.status, out.final_answer, out.error
        row = store.get_run(run_id)
        output = row.get("output") or ""
        extra = _loads(row.get("extra_json"))
        extra["batch"] = _batch_extra(cell, answer)
        store.update_run(run_id, {"experiment_id": experiment_id, "cell_key": cell.key, "extra_json": extra})
    except WorkbenchError as exc:  # found before anything was generated: record it on the cell
        if isinstance(exc, StoreError):
            raise
        status, answer, output, error = "error", "", "", str(exc)
        run_id = store.start_run({
            "experiment_id": experiment_id, "cell_key": cell.key, "template_id": template.id,
            "variables_json": values, "pattern": template.pattern.name, "model_name": cell.model,
            "params_json": spec.params.to_dict(), "spec_json": spec.to_dict(), "tags": "batch",
            "extra_json": {"batch": _batch_extra(cell, "")},
        })
        store.finish_run(run_id, {"status": "error", "error": error, "finish_reason": "error", "output": ""})
    result = CellResult(cell, run_id, status, answer, error=error)
    if status != "cancelled":
        _assert(pipeline, exp, cell, result, output)
    return result


def _batch_extra(cell: Cell, answer: str) -> dict[str, Any]:
    expected = cell.row.expected
    return {"answer": answer, "expected": expected if expected is None or isinstance(expected, (str, int, float, bool))
            else str(expected), "row": cell.row.index, "repeat": cell.repeat, "variant": cell.variant.label,
            "params_set": cell.params_name}


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
            r = build_assertion(a, cell.row, backend=backend).run(text).to_dict()
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
    with store._guard():
        asserted = {r["run_id"] for r in store.db.query(
            "SELECT DISTINCT c.run_id FROM checks c JOIN runs r ON r.id = c.run_id "
            "WHERE r.experiment_id = ? AND c.stage = 'assertion'", [experiment_id])}
    for cell in cells:
        run_id = finished.get(cell.key)
        if run_id is None or run_id in asserted:
            continue
        row = store.get_run(run_id)
        answer = (_loads(row.get("extra_json")).get("batch") or {}).get("answer", row.get("output") or "")
        result = CellResult(cell, run_id, row["status"], answer, error=row.get("error"))
        _assert(pipeline, exp, cell, result, row.get("output") or "")


def _loads(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


__all__ = [
    "BatchControl", "BatchOutcome", "Cell", "CellResult", "DONE", "ExperimentNotFoundError", "Progress",
    "base_spec", "cell_key", "create_experiment", "done_cells", "find_resumable", "get_experiment",
    "iter_batch", "list_experiments", "parse_cell_key", "plan", "run_batch", "run_cell",
    "set_experiment_status", "start_or_resume",
]
