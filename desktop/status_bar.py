"""The status bar that always tells the truth:
model · CPU/GPU layers · ctx used/size · TTFT · decode tok/s · task [cancel]."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from desktop.controller import Workbench
from desktop.textfmt import fmt_ms, fmt_tps


class WorkbenchStatusBar(QStatusBar):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None):
        super().__init__(parent)
        self.wb = workbench
        self.model = QLabel()
        self.offload = QLabel()
        self.ctx = QLabel()
        self.ttft = QLabel()
        self.prefill = QLabel()
        self.decode = QLabel()
        self.task = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: llama.cpp does not report load progress to us
        self.busy.setMaximumWidth(110)
        self.busy.setMaximumHeight(14)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Stop the generation (Esc)"))
        self.cancel.setFlat(True)
        for w in (self.model, self.offload, self.ctx, self.ttft, self.prefill, self.decode):
            self.addWidget(w)
        self.addPermanentWidget(self.task)
        self.addPermanentWidget(self.busy)
        self.addPermanentWidget(self.cancel)
        self._tokens: int | None = 0
        self._n_ctx: int | None = None
        self._ttft: float | None = None
        self._prefill: float | None = None
        self._decode: float | None = None

        self.cancel.clicked.connect(self.wb.stop)
        self.wb.loadedChanged.connect(self.refresh)
        self.wb.taskChanged.connect(self._task)
        self.wb.runProgress.connect(self._progress)
        self.wb.runFinished.connect(self.show_outcome)
        self.wb.branchFinished.connect(self.show_outcome)  # a branch is a run too
        self.wb.runStarted.connect(self._started)
        self._task("")
        self.refresh()

    def _sep(self, text: str) -> str:
        return f"{text}   ·"

    def refresh(self) -> None:
        m = self.wb.loaded
        if m is not None:
            name = m.name
        else:  # a batch loads its models in the pool, outside the window's picker
            name = self.tr("the experiment's models") if self.wb.generating else self.tr("no model loaded")
        self.model.setText(self._sep(name))
        if m is None:
            off = self.tr("CPU")
        elif m.gpu_effective:
            off = self.tr("GPU %1/%2 layers").replace("%1", str(m.gpu_effective)).replace("%2", str(m.layers or "?"))
        elif m.gpu_requested:
            off = self.tr("CPU (GPU layers requested, not applied)")
        else:
            off = self.tr("CPU")
        self.offload.setText(self._sep(off))
        n_ctx = self._n_ctx or (m.n_ctx if m else None)
        used = "—" if self._tokens is None else str(self._tokens)
        self.ctx.setText(self._sep(self.tr("ctx %1/%2").replace("%1", used).replace("%2", str(n_ctx or "—"))))
        self.ttft.setText(self._sep(self.tr("TTFT %1").replace("%1", fmt_ms(self._ttft))))
        self.prefill.setText(self._sep(self.tr("prefill %1 tok/s").replace("%1", fmt_tps(self._prefill))))
        self.decode.setText(self.tr("decode %1 tok/s").replace("%1", fmt_tps(self._decode)))
        self.cancel.setVisible(self.wb.generating)

    def set_context(self, tokens: int | None, n_ctx: int | None) -> None:
        if self.wb.generating:
            return
        self._tokens, self._n_ctx = tokens, n_ctx
        self.refresh()

    def _task(self, text: str) -> None:
        self.task.setText(text or self.tr("idle"))
        self.busy.setVisible(bool(text))
        self.cancel.setVisible(self.wb.generating)

    def _started(self) -> None:
        self._ttft, self._prefill, self._decode = None, None, None
        self.refresh()

    def _progress(self, n: int, ttft_ms: float, since_first_ms: float) -> None:
        self._ttft = ttft_ms
        if n > 1 and since_first_ms > 0:
            self._decode = (n - 1) / (since_first_ms / 1000)
        self.refresh()

    def show_outcome(self, outcome: Any) -> None:
        """The last run's status, tokens and speed."""
        t = outcome.timings
        if t is not None:
            self._ttft, self._prefill, self._decode = t.ttft_ms, t.prefill_tps, t.decode_tps
            self._tokens = t.prompt_tokens + t.completion_tokens
        if self.wb.loaded is not None:
            self._n_ctx = self.wb.loaded.n_ctx
        self.refresh()
