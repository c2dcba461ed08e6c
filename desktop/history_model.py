"""The run log as a lazily paged table: one keyset page of ``Store.list_runs`` at a
time, fetched when the view scrolls near the end (canFetchMore/fetchMore), so the
History view stays fast with any number of runs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from common.errors import WorkbenchError
from desktop import run_query
from desktop.textfmt import fmt_ms, fmt_tps, local_time
from desktop.run_status import status_label

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RunFilter:
    search: str = ""
    model: str | None = None
    status: str | None = None
    since_utc: str | None = None
    starred: bool | None = None
    checks: str | None = None  # desktop.run_query: "has", "fail" or "fail:<name>"
    source: str | None = None  # "chat", "template" or "experiment"

    def kwargs(self) -> dict[str, Any]:
        return {"search": self.search or None, "model": self.model, "status": self.status,
                "since_utc": self.since_utc, "starred": self.starred, "checks": self.checks, "source": self.source}


class RunTableModel(QAbstractTableModel):
    failed = Signal(object)  # WorkbenchError from the store

    COLUMNS = ("star", "started", "source", "status", "model", "output", "tokens", "tps", "ttft", "mode", "tags")

    def __init__(self, store: Any, parent: QObject | None = None, page: int = PAGE):
        super().__init__(parent)
        self.store = store
        self.page = page
        self.filter = RunFilter()
        self.rows: list[dict[str, Any]] = []
        self._more = True
        self._headers = {
            "star": "★", "started": self.tr("Started"), "status": self.tr("Status"), "model": self.tr("Model"),
            "mode": self.tr("Mode"), "tokens": self.tr("Tokens"), "tps": self.tr("tok/s"), "ttft": self.tr("TTFT"),
            "tags": self.tr("Tags"), "output": self.tr("Output"), "source": self.tr("Source"),
        }
        self.sources = {"chat": self.tr("chat"), "template": self.tr("template"), "experiment": self.tr("experiment"),
                        "branch": self.tr("branch")}
        self._modes = {"chat": self.tr("chat"), "completion": self.tr("completion")}

    # -- paging ------------------------------------------------------------------
    def set_filter(self, f: RunFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows, self._more = [], True
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        before = self.rows[-1]["id"] if self.rows else None
        try:
            page = run_query.list_runs(self.store, **self.filter.kwargs(), before_id=before, limit=self.page)
        except WorkbenchError as exc:
            self._more = False
            self.failed.emit(exc)
            return
        self._more = len(page) == self.page
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def update_row(self, run_id: str, **fields: Any) -> None:
        for i, r in enumerate(self.rows):
            if r["id"] == run_id:
                r.update(fields)
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
                return

    def row_id(self, row: int) -> str | None:
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None

    def row_of(self, run_id: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r["id"] == run_id), None)

    # -- table -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[self.COLUMNS[section]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == "output":
            return (r.get("output_head") or "")[:200]
        if role == Qt.ItemDataRole.UserRole:
            return r["id"]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("tokens", "tps", "ttft"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, r: dict[str, Any], col: str) -> str:
        if col == "star":
            return "★" if r.get("starred") else ""
        if col == "started":
            return local_time(r.get("started_utc"))
        if col == "source":
            return self.sources[run_query.run_source(r)]
        if col == "status":
            return status_label(r.get("status"))
        if col == "model":
            return r.get("model_name") or ""
        if col == "mode":
            return self._modes.get(r.get("mode") or "", r.get("mode") or "")
        if col == "tokens":
            return "" if r.get("completion_tokens") is None else str(r["completion_tokens"])
        if col == "tps":
            return fmt_tps(r.get("decode_tps")) if r.get("decode_tps") is not None else ""
        if col == "ttft":
            return fmt_ms(r.get("ttft_ms")) if r.get("ttft_ms") is not None else ""
        if col == "tags":
            return r.get("tags") or ""
        return " ".join((r.get("output_head") or "").split())[:120]


def with_search(f: RunFilter, text: str) -> RunFilter:
    return replace(f, search=text.strip())
