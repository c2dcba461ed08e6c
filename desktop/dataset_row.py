"""Add to test dataset…: a logged run becomes one row of a CSV or JSONL file of the person's
(created if needed), through ``experiments.from_history``: the run's variables (or its
prompt), ``expected`` = its output or a corrected text typed here, and ``source_run_id``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from common.errors import WorkbenchError
from desktop.template_editor import ERROR_STYLE
from experiments.from_history import EXPECTED_COLUMN, SOURCE_COLUMN, add_row, run_to_row


class AddToDatasetDialog(QDialog):
    written = Signal(str, int)  # the file, its rows now

    def __init__(self, store: Any, run_id: str, path: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.run = store.get_run(run_id)
        self.written_to: Path | None = None
        self.setWindowTitle(self.tr("Add to test dataset"))
        self.resize(640, 480)
        shown = {k: v for k, v in run_to_row(self.run, expected="").items() if k not in (EXPECTED_COLUMN,
                                                                                            SOURCE_COLUMN)}
        self.inputs = QPlainTextEdit(json.dumps(shown, ensure_ascii=False, indent=2))
        self.inputs.setReadOnly(True)
        self.inputs.setMaximumHeight(110)
        self.path = QLineEdit(path or "")
        self.path.setPlaceholderText(self.tr("a .csv or .jsonl file (created if it does not exist)"))
        self.browse = QPushButton(self.tr("Choose…"))
        self.use_output = QRadioButton(self.tr("Its output"))
        self.use_corrected = QRadioButton(self.tr("A corrected output:"))
        has_output = self.run.get("status") == "ok"
        (self.use_output if has_output else self.use_corrected).setChecked(True)
        self.use_output.setEnabled(has_output)
        self.corrected = QPlainTextEdit(self.run.get("output") or "")
        self.corrected.setEnabled(not has_output)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton(self.tr("Add row"))
        self.add_button.setDefault(True)
        close = QPushButton(self.tr("Close"))

        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("Run"), QLabel(self.run["id"]))
        form.addRow(self.tr("Inputs"), self.inputs)
        form.addRow(self.tr("Dataset file"), where)
        expected = QVBoxLayout()
        expected.addWidget(self.use_output)
        expected.addWidget(self.use_corrected)
        expected.addWidget(self.corrected, 1)
        form.addRow(self.tr("Expected"), expected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(form, 1)
        lay.addWidget(self.status)
        lay.addLayout(buttons)

        self.use_corrected.toggled.connect(self.corrected.setEnabled)
        self.browse.clicked.connect(self._choose)
        self.add_button.clicked.connect(lambda: self.add())
        close.clicked.connect(self.accept)

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Test dataset"), self.path.text() or "tests.csv", self.tr("Datasets (*.csv *.jsonl)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.path.setText(path)

    def add(self) -> Path | None:
        """Append the row; the status says where it went (or the one-line error)."""
        path = self.path.text().strip()
        if not path:
            self._say(self.tr("Choose a .csv or .jsonl file first."), error=True)
            return None
        expected = self.corrected.toPlainText() if self.use_corrected.isChecked() else None
        try:
            target, n = add_row(path, run_to_row(self.run, expected=expected))
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return None
        self.written_to = target
        self._say(self.tr("Added as row %1 of %2.").replace("%1", str(n)).replace("%2", str(target)))
        self.written.emit(str(target), n)
        return target

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
