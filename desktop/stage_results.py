"""A template run's result: one tab per stage, its text streaming in, and the final
answer with the run's status, stage count and (self-consistency) agreement."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget


class StageResults(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.answer)

    def clear(self) -> None:
        self.tabs.clear()
        self.answer.clear()

    def names(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def _view(self, stage: str) -> QPlainTextEdit | None:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == stage:
                return self.tabs.widget(i)  # type: ignore[return-value]
        return None

    def text(self, stage: str) -> str:
        view = self._view(stage)
        return view.toPlainText() if view is not None else ""

    def append(self, stage: str, text: str) -> None:
        view = self._view(stage)
        if view is None:
            view = QPlainTextEdit()
            view.setReadOnly(True)
            self.tabs.addTab(view, stage)
            self.tabs.setCurrentWidget(view)
        view.moveCursor(QTextCursor.MoveOperation.End)
        view.insertPlainText(text)

    def show_outcome(self, outcome: Any) -> None:
        extra = outcome.pattern.extra if outcome.pattern else {}
        status = {"ok": self.tr("ok"), "cancelled": self.tr("cancelled"), "error": self.tr("error")}
        answer = html.escape(outcome.final_answer) or "—"
        parts = [self.tr("Final answer: %1").replace("%1", f"<b>{answer}</b>"),
                 status.get(outcome.status, outcome.status),
                 self.tr("%1 stage(s)").replace("%1", str(len(outcome.stages)))]
        if "agreement" in extra:
            parts.append(self.tr("agreement %1%").replace("%1", f"{100 * extra['agreement']:.0f}"))
        parts.append(self.tr("run %1").replace("%1", outcome.run_id[:12]))
        self.answer.setText(" · ".join(parts))
