"""Saved chats beside the thread: title, model and date, a search box (titles and the
run log's full-text index), Rename, Delete and Export (Markdown or JSON)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from common.errors import WorkbenchError

SHOWN_TITLE = 60  # characters of a title shown in the list (the whole one is in the tooltip)


class ChatList(QWidget):
    openRequested = Signal(str)  # conversation id
    renameRequested = Signal(str)
    deleteRequested = Signal(str)
    exportRequested = Signal(str, str)  # conversation id, "md" | "json"
    failed = Signal(object)  # WorkbenchError from the store

    def __init__(self, store: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search chats"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rename_button = QToolButton()
        self.rename_button.setText(self.tr("Rename"))
        self.delete_button = QToolButton()
        self.delete_button.setText(self.tr("Delete"))
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_md = menu.addAction(self.tr("As Markdown…"))
        self.export_json = menu.addAction(self.tr("As JSON…"))
        self.export_button.setMenu(menu)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for b in (self.rename_button, self.delete_button, self.export_button):
            row.addWidget(b)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.list, 1)
        lay.addLayout(row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.list.itemActivated.connect(self._open)
        self.list.itemClicked.connect(self._open)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.rename_button.clicked.connect(lambda: self._emit(self.renameRequested))
        self.delete_button.clicked.connect(lambda: self._emit(self.deleteRequested))
        self.export_md.triggered.connect(lambda: self._export("md"))
        self.export_json.triggered.connect(lambda: self._export("json"))
        self.current: str | None = None
        self._update_buttons()

    def refresh(self) -> None:
        self._timer.stop()
        try:
            rows = self.store.list_conversations(self.search.text())
        except WorkbenchError as exc:
            self.failed.emit(exc)
            return
        self.list.blockSignals(True)
        self.list.clear()
        for r in rows:
            title = r.get("title") or self.tr("Untitled chat")
            shown = title if len(title) <= SHOWN_TITLE else title[:SHOWN_TITLE - 1] + "…"
            date = (r.get("updated_utc") or "")[:16].replace("T", " ")
            item = QListWidgetItem(f"{shown}\n{r.get('model_name') or '—'} · {date}")
            item.setToolTip(title)
            item.setData(Qt.ItemDataRole.UserRole, r["id"])
            self.list.addItem(item)
            if r["id"] == self.current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._update_buttons()

    def select(self, conversation_id: str | None) -> None:
        self.current = conversation_id
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == conversation_id:
                self.list.blockSignals(True)
                self.list.setCurrentRow(i)
                self.list.blockSignals(False)
                break
        else:
            self.list.clearSelection()
        self._update_buttons()

    def ids(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _selected(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        on = self._selected() is not None
        for b in (self.rename_button, self.delete_button, self.export_button):
            b.setEnabled(on)

    def _open(self, item: QListWidgetItem) -> None:
        cid = item.data(Qt.ItemDataRole.UserRole)
        if cid and cid != self.current:
            self.openRequested.emit(cid)

    def _emit(self, signal: Any) -> None:
        cid = self._selected()
        if cid:
            signal.emit(cid)

    def _export(self, kind: str) -> None:
        cid = self._selected()
        if cid:
            self.exportRequested.emit(cid, kind)
