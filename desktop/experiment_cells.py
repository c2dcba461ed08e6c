"""The grid of an experiment with each cell's state in words: queued, running, ok,
failed or cancelled (a run still in progress no longer reads "error: running")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from desktop.compare_view import CELLS, FIXED_COLUMNS, GridModel
from desktop.engine_i18n import translate_message

STATES = ("queued", "running", "ok", "failed", "cancelled")


def cell_state(runs: list[Any]) -> str:
    """One of STATES for the runs of a cell (its repeats)."""
    if not runs:
        return "queued"
    statuses = {r.status for r in runs}
    if "running" in statuses:
        return "running"
    if statuses == {"ok"}:
        return "ok"
    if "cancelled" in statuses and not statuses - {"ok", "cancelled"}:
        return "cancelled"
    return "failed"


class CellStateModel(GridModel):
    """``GridModel`` whose cells say their state; empty cells (planned, with no run yet) read
    "queued" while a batch of this experiment runs, else "not run"."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.batch_active = False

    def set_batch_active(self, on: bool) -> None:
        if on != self.batch_active:
            self.batch_active = on
            if self.rowCount() and self.columnCount() > FIXED_COLUMNS:
                self.dataChanged.emit(self.index(0, FIXED_COLUMNS),
                                      self.index(self.rowCount() - 1, self.columnCount() - 1))

    def state_label(self, state: str) -> str:
        return {"queued": self.tr("queued"), "running": self.tr("running…"), "ok": self.tr("ok"),
                "failed": self.tr("failed"), "cancelled": self.tr("cancelled")}[state]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() and index.column() >= FIXED_COLUMNS:
            runs = super().data(index, CELLS) or []
            if not runs:
                return self.state_label("queued") if self.batch_active else self.tr("not run")
        return super().data(index, role)

    def _display(self, runs: list[Any]) -> str:
        state = cell_state(runs)
        if state in ("running", "cancelled"):
            return self.state_label(state)
        if state == "failed":
            first = next((r for r in runs if r.status not in ("ok", "cancelled")), runs[0])
            reason = " ".join(translate_message(str(first.error or first.status)).split())
            return self.tr("failed: %1").replace("%1", reason[:200])
        return super()._display(runs)
