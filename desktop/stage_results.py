"""A template run's result: one tab per stage, its text streaming in, and the final
answer with the run's status, stage count and (self-consistency) agreement."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from desktop.run_status import status_label


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
        """The stages shown, by their names in the run's record (the tabs show them translated)."""
        return [self.tabs.tabBar().tabData(i) for i in range(self.tabs.count())]

    def _view(self, stage: str) -> QPlainTextEdit | None:
        for i in range(self.tabs.count()):
            if self.tabs.tabBar().tabData(i) == stage:
                return self.tabs.widget(i)  # type: ignore[return-value]
        return None

    def stage_label(self, stage: str) -> str:
        """A built-in pattern's stage in the window's language ("verify-2": "Verify 2");
        another name as it is."""
        labels = {"answer": self.tr("Answer"), "reasoning": self.tr("Reasoning"), "sample": self.tr("Sample"),
                  "decompose": self.tr("Decompose"), "subquestion": self.tr("Subquestion"),
                  "baseline": self.tr("Baseline"), "plan-verifications": self.tr("Plan verifications"),
                  "verify": self.tr("Verify"), "step-back-question": self.tr("Step-back question"),
                  "step-back-answer": self.tr("Step-back answer")}
        if stage in labels:
            return labels[stage]
        base, _, n = stage.rpartition("-")
        return f"{labels[base]} {n}" if base in labels and n.isdigit() else stage

    def text(self, stage: str) -> str:
        view = self._view(stage)
        return view.toPlainText() if view is not None else ""

    def append(self, stage: str, text: str) -> None:
        view = self._view(stage)
        if view is None:
            view = QPlainTextEdit()
            view.setReadOnly(True)
            i = self.tabs.addTab(view, self.stage_label(stage))
            self.tabs.tabBar().setTabData(i, stage)
            self.tabs.setCurrentWidget(view)
        view.moveCursor(QTextCursor.MoveOperation.End)
        view.insertPlainText(text)

    def show_outcome(self, outcome: Any) -> None:
        extra = outcome.pattern.extra if outcome.pattern else {}
        answer = html.escape(outcome.final_answer) or "—"
        parts = [self.tr("Final answer: %1").replace("%1", f"<b>{answer}</b>"),
                 status_label(outcome.status),
                 self.tr("%1 stage(s)").replace("%1", str(len(outcome.stages)))]
        if "agreement" in extra:
            parts.append(self.tr("agreement %1%").replace("%1", f"{100 * extra['agreement']:.0f}"))
        parts.append(self.tr("run %1").replace("%1", outcome.run_id[:12]))
        self.answer.setText(" · ".join(parts))
