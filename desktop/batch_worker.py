"""Running an experiment from the window: the file is loaded, the experiment started
(or resumed) and its cells run in a worker thread; progress comes back as signals.

``BatchRunner`` lives in the GUI thread and owns the one batch that may run; its
Pause/Resume/Cancel talk to ``experiments.runner.BatchControl`` (thread-safe). While a batch
runs the Workbench counts as generating, so the Playground cannot start a run on the
same model, and the status bar's Cancel (``Workbench.stop``) cancels the batch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from backends.base import CancelToken
from common.errors import WorkbenchError
from desktop.workers import as_error
from prompt_library import TemplateLibrary


def load_experiment_file(engine: Any, path: str | Path) -> Any:
    """The experiment in ``path``, wired as the CLI does (``cli/batch.py``)."""
    from experiments.loading import load_experiment

    return load_experiment(
        Path(path), library=TemplateLibrary(user_dir=engine.home / "templates", labels=engine.store),
        resolve_model=engine.registry.resolve, default_model=engine.settings.default_model,
    )


def planned_experiment(engine: Any, row: dict[str, Any] | None) -> Any:
    """The loaded experiment behind a stored one that did not finish, so its grid can show
    the cells still to run: None when it finished, has no file, or the file no longer
    holds the same config (then only what ran is shown)."""
    if not row or row.get("status") == "done" or not row.get("source_path"):
        return None
    try:
        exp = load_experiment_file(engine, row["source_path"])
    except (WorkbenchError, OSError):
        return None
    return exp if exp.config_hash == row.get("config_hash") else None


class _BatchCancel(CancelToken):
    """A cancel token that also wakes a paused batch, so cancelling never hangs."""

    def __init__(self) -> None:
        super().__init__()
        self.control: Any = None

    def cancel(self) -> None:
        super().cancel()
        if self.control is not None:
            self.control.resume()


class BatchWorker(QObject):
    """Load ``path``, start or resume its experiment, run the cells not yet done."""

    started_batch = Signal(str, str, int, int)  # experiment id, name, cells done before, cells in all
    loaded = Signal(object)  # the experiments.loading.Experiment it runs
    progress = Signal(object)  # experiments.runner.Progress
    done = Signal(str, str)  # experiment id, final status (done | cancelled)
    failed = Signal(object)  # WorkbenchError
    ended = Signal()

    def __init__(self, engine: Any, path: str | Path | None, control: Any, *, resume_id: str | None = None):
        super().__init__()
        self.engine, self.path, self.control, self.resume_id = engine, path, control, resume_id

    @Slot()
    def run(self) -> None:
        from experiments.runner import iter_batch, start_or_resume

        try:
            exp = load_experiment_file(self.engine, self.path)
            self.loaded.emit(exp)
            eid, _resumed = start_or_resume(self.engine.store, exp, resume_id=self.resume_id)
            first = True
            for p in iter_batch(self.engine.pipeline, exp, eid, control=self.control):
                if first:
                    self.started_batch.emit(eid, exp.name, p.skipped, p.skipped + p.total)
                    first = False
                else:
                    self.progress.emit(p)
            self.done.emit(eid, self.engine.store.get_experiment(eid)["status"])
        except BaseException as exc:  # noqa: BLE001 - every failure becomes a signal
            self.failed.emit(as_error(exc))
        finally:
            self.ended.emit()


class BatchRunner(QObject):
    """The window's batch: one at a time; signals arrive in the GUI thread."""

    started = Signal(str, str, int, int)  # experiment id, name, done before, total cells
    progress = Signal(object)  # experiments.runner.Progress
    finished = Signal(str, str)  # experiment id, status
    failed = Signal(object)  # WorkbenchError
    pausedChanged = Signal(bool)
    runningChanged = Signal(bool)

    def __init__(self, wb: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.wb = wb
        self.control: Any = None
        self.experiment_id: str | None = None
        self.experiment: Any = None  # the running batch's loaded experiment (its plan), while it runs

    @property
    def running(self) -> bool:
        return self.control is not None

    @property
    def paused(self) -> bool:
        return self.control is not None and self.control.paused

    def start(self, path: str | Path | None, *, resume_id: str | None = None) -> bool:
        """Start a batch in a worker; False (nothing started) while the model is busy."""
        from experiments.runner import BatchControl

        if self.running or self.wb.busy:
            return False
        token = _BatchCancel()
        self.control = token.control = BatchControl(token)
        self.experiment_id = resume_id
        worker = BatchWorker(self.wb.engine, path, self.control, resume_id=resume_id)
        worker.loaded.connect(self._loaded)
        worker.started_batch.connect(self._started)
        worker.progress.connect(self._progress)
        worker.done.connect(self._done)
        worker.failed.connect(self._failed)
        # the model is in use: the Playground waits; the status bar's Cancel and window close stop the batch
        self.wb.begin_task("batch", self.tr("Running an experiment…"), token)
        self.runningChanged.emit(True)
        self.wb.tasks.start(worker)
        return True

    def pause(self) -> None:
        if self.control is not None:
            self.control.pause()
            self.wb.retitle_task("batch", self.tr("Experiment paused (the model stays reserved for it)"))
            self.pausedChanged.emit(True)

    def resume(self) -> None:
        if self.control is not None:
            self.control.resume()
            self.wb.retitle_task("batch", self.tr("Running an experiment…"))
            self.pausedChanged.emit(False)

    def cancel(self) -> None:
        if self.control is not None:
            self.control.cancel()
            self.pausedChanged.emit(False)

    def plans(self) -> dict[str, Any]:
        """experiment id -> the loaded experiment, for the batch that runs (``reports.grid.load_grid``)."""
        if self.running and self.experiment is not None and self.experiment_id is not None:
            return {self.experiment_id: self.experiment}
        return {}

    @Slot(object)
    def _loaded(self, exp: Any) -> None:
        self.experiment = exp

    @Slot(str, str, int, int)
    def _started(self, eid: str, name: str, before: int, total: int) -> None:
        self.experiment_id = eid
        self.started.emit(eid, name, before, total)

    @Slot(object)
    def _progress(self, p: Any) -> None:
        self.progress.emit(p)

    @Slot(str, str)
    def _done(self, eid: str, status: str) -> None:
        self._end()
        self.finished.emit(eid, status)

    @Slot(object)
    def _failed(self, err: WorkbenchError) -> None:
        self._end()
        self.failed.emit(err)

    def _end(self) -> None:
        self.control = None
        self.experiment = None
        self.wb.end_task("batch")
        self.runningChanged.emit(False)
