"""Worker objects that do long work in a QThread and report only by signals.

The engine reports progress by yielding (a run's stream) or by returning (a load);
these workers turn that into Qt signals. Text is batched: the first piece goes out at
once (so time to first token is visible), later pieces at most every ``batch_ms``,
which keeps the event loop free however fast the model is.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from backends.base import TokenEvent
from common.errors import WorkbenchError

log = logging.getLogger("workbench.desktop")

BATCH_MS = 30.0


def as_error(exc: BaseException) -> WorkbenchError:
    if isinstance(exc, WorkbenchError):
        return exc
    log.error("unexpected error in a worker", exc_info=exc)
    return WorkbenchError(f"internal error: {type(exc).__name__}: {exc} (details in workbench.log)")


class CallWorker(QObject):
    """Runs one callable; emits ``done(result)`` or ``failed(WorkbenchError)``."""

    done = Signal(object)
    failed = Signal(object)
    ended = Signal()

    def __init__(self, fn: Callable[[], Any]):
        super().__init__()
        self._fn = fn

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - every failure becomes a signal
            self.failed.emit(as_error(exc))
        else:
            self.done.emit(result)
        finally:
            self.ended.emit()


class StreamWorker(QObject):
    """Consumes a run stream: ``text`` batches, then ``done(RunOutcome)`` or ``failed``."""

    started_stream = Signal()
    text = Signal(str)
    progress = Signal(int, float, float)  # tokens so far, ms to the first, ms since the first
    done = Signal(object)
    failed = Signal(object)
    ended = Signal()

    def __init__(self, make_stream: Callable[[], Iterator[Any]], batch_ms: float = BATCH_MS):
        super().__init__()
        self._make_stream = make_stream
        self._batch_s = batch_ms / 1000.0

    @Slot()
    def run(self) -> None:
        buf: list[str] = []
        last = 0.0
        n = 0
        t0 = time.monotonic()
        t_first: float | None = None
        try:
            stream = self._make_stream()
            self.started_stream.emit()
            for ev in stream:
                if isinstance(ev, TokenEvent):
                    buf.append(ev.text)
                    n += 1
                    now = time.monotonic()
                    if t_first is None:
                        t_first = now
                    if n == 1 or now - last >= self._batch_s:
                        self._flush(buf)
                        self.progress.emit(n, (t_first - t0) * 1000, (now - t_first) * 1000)
                        last = now
                    continue
                self._flush(buf)
                self.done.emit(ev)
        except BaseException as exc:  # noqa: BLE001
            self._flush(buf)
            self.failed.emit(as_error(exc))
        finally:
            self.ended.emit()

    def _flush(self, buf: list[str]) -> None:
        text = "".join(buf)
        buf.clear()
        if text:
            self.text.emit(text)


class StagedWorker(QObject):
    """Runs ``fn(on_token)``, where the engine calls ``on_token(stage, text)`` in this
    thread; emits ``text(stage, batch)`` (a stage's text never mixes with the next
    one's), then ``done(result)`` or ``failed``."""

    text = Signal(str, str)
    done = Signal(object)
    failed = Signal(object)
    ended = Signal()

    def __init__(self, fn: Callable[[Callable[[str, str], None]], Any], batch_ms: float = BATCH_MS):
        super().__init__()
        self._fn = fn
        self._batch_s = batch_ms / 1000.0
        self._stage = ""
        self._buf: list[str] = []
        self._last = 0.0

    def _on_token(self, stage: str, piece: str) -> None:
        if stage != self._stage:
            self._flush()
            self._stage = stage
        self._buf.append(piece)
        now = time.monotonic()
        if now - self._last >= self._batch_s:
            self._flush()
            self._last = now

    def _flush(self) -> None:
        if self._buf:
            self.text.emit(self._stage, "".join(self._buf))
            self._buf.clear()

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self._on_token)
        except BaseException as exc:  # noqa: BLE001
            self._flush()
            self.failed.emit(as_error(exc))
        else:
            self._flush()
            self.done.emit(result)
        finally:
            self.ended.emit()


class Relay(QObject):
    """Calls a plain Python function in the thread this object lives in (the GUI's).

    PySide runs a lambda or closure connected to a worker's signal in the worker's
    thread; connecting to ``Relay.call`` instead queues the call to the GUI thread.
    """

    def __init__(self, fn: Callable[[Any], None], parent: QObject):
        super().__init__(parent)
        self._fn = fn

    @Slot(object)
    def call(self, value: Any) -> None:
        self._fn(value)


class TaskRunner(QObject):
    """Starts workers on their own QThreads and keeps them alive until they end."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._active: dict[QThread, QObject] = {}

    def start(self, worker: QObject) -> QThread:
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)  # type: ignore[attr-defined]
        # direct: quit from the worker's thread, so wait_all() never waits on our own event loop
        worker.ended.connect(thread.quit, Qt.ConnectionType.DirectConnection)  # type: ignore[attr-defined]
        thread.finished.connect(self._finished)  # queued to this (GUI) thread
        self._active[thread] = worker
        thread.start()
        return thread

    @Slot()
    def _finished(self) -> None:
        thread = self.sender()
        worker = self._active.pop(thread, None)  # type: ignore[arg-type]
        if worker is not None:
            worker.deleteLater()
        if isinstance(thread, QThread):
            thread.deleteLater()

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def wait_all(self, timeout_ms: int = 30000) -> bool:
        """Block until every thread has ended (used when the window closes)."""
        ok = True
        deadline = time.monotonic() + timeout_ms / 1000
        for thread in list(self._active):
            left = max(0, int((deadline - time.monotonic()) * 1000))
            ok = thread.wait(left) and ok
        return ok
