"""Small layout pieces the dialogs share."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QLabel, QTableWidget, QVBoxLayout, QWidget


def titled(title: str, widget: QWidget) -> QWidget:
    """``widget`` under a bold title, with no margins, the widget taking the height."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(QLabel(f"<b>{title}</b>"))
    lay.addWidget(widget, 1)
    return box


class HintTable(QTableWidget):
    """A table that says what to do while it has no rows (``empty_hint``), in the
    viewport's placeholder colour, wrapped to its width."""

    empty_hint = ""

    def set_empty_hint(self, text: str) -> None:
        self.empty_hint = text
        self.viewport().update()

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if self.rowCount() or not self.empty_hint:
            return
        p = QPainter(self.viewport())
        p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        p.drawText(self.viewport().rect().adjusted(12, 8, -12, -8),
                   int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                   self.empty_hint)
        p.end()
