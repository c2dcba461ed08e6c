"""The inspector's constraint picker: none, a choice list, a regex, a JSON schema or a
grammar, in a small text field. The text becomes a ``Constraint`` dict; building the
Constraint (which compiles its grammar, and the first time imports guidance) runs on a
worker, debounced, and a problem is shown inline and keeps Run disabled with the reason."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from common.errors import GuardError, WorkbenchError
from desktop.controller import Workbench
from desktop.engine_i18n import translate_message

DEBOUNCE_MS = 300


def constraint_dict(kind: str | None, text: str) -> dict[str, Any] | None:
    """The stored form of what was typed (not yet validated); GuardError if unreadable."""
    if not kind:
        return None
    if kind == "choice":
        return {"kind": "choice", "choices": [line.strip() for line in text.splitlines() if line.strip()]}
    if kind == "regex":
        return {"kind": "regex", "pattern": text.strip("\n")}
    if kind == "json_schema":
        try:
            schema = json.loads(text) if text.strip() else {}
        except ValueError as exc:
            raise GuardError(QCoreApplication.translate("ConstraintPicker", "the JSON schema is not valid JSON: %1")
                             .replace("%1", str(exc))) from None
        if not isinstance(schema, dict):
            raise GuardError(QCoreApplication.translate("ConstraintPicker", "the JSON schema must be an object"))
        return {"kind": "json_schema", "schema": schema}
    if "::=" in text:
        return {"kind": "grammar", "gbnf": text}
    return {"kind": "grammar", "grammar": text}


class ConstraintPicker(QGroupBox):
    changed = Signal()  # the constraint or its problem changed

    def __init__(self, workbench: Workbench, parent: QWidget | None = None):
        super().__init__(self.tr("Constraint"), parent)
        self.wb = workbench
        self._seq = 0
        self._valid: dict[str, Any] | None = None
        self._problem: str | None = None
        self.kind = QComboBox()
        for label, value in ((self.tr("None"), None), (self.tr("Choice list"), "choice"), (self.tr("Regex"), "regex"),
                             (self.tr("JSON schema"), "json_schema"), (self.tr("Grammar (Lark or GBNF)"), "grammar")):
            self.kind.addItem(label, value)
        self.text = QPlainTextEdit()
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMaximumHeight(84)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        lay = QVBoxLayout(self)
        lay.addWidget(self.kind)
        lay.addWidget(self.text)
        lay.addWidget(self.error)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.validate)
        self.kind.currentIndexChanged.connect(self._edited)
        self.text.textChanged.connect(self._edited)
        self._edited()

    _PLACEHOLDERS = {
        "choice": "positive\nnegative\nneutral",
        "regex": r"\d{4}-\d{2}-\d{2}",
        "json_schema": '{"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}',
        "grammar": 'start: "yes" | "no"',
    }

    def set_constraint(self, kind: str | None, text: str = "") -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.text.setPlainText(text)
        self.validate()

    def _edited(self) -> None:
        kind = self.kind.currentData()
        self.text.setVisible(kind is not None)
        self.text.setPlaceholderText(self._PLACEHOLDERS.get(kind or "", ""))
        self._seq += 1
        self._valid = None
        self._problem = self.tr("Checking the constraint…") if kind else None
        self.error.hide()
        self._timer.start()
        self.changed.emit()

    def validate(self) -> None:
        """Build the Constraint on a worker; the result arrives by ``changed``."""
        self._timer.stop()
        seq = self._seq
        try:
            d = constraint_dict(self.kind.currentData(), self.text.toPlainText())
        except GuardError as exc:
            self._set(None, str(exc))
            return
        if d is None:
            self._set(None, None)
            return

        def build() -> dict[str, Any]:
            from guards.constrain import Constraint

            return Constraint.from_dict(d).to_dict()

        def done(valid: dict[str, Any]) -> None:
            if seq == self._seq:
                self._set(valid, None)

        def failed(err: WorkbenchError) -> None:
            if seq == self._seq:
                self._set(None, str(err))

        self.wb.background(build, done, failed)

    def _set(self, valid: dict[str, Any] | None, problem: str | None) -> None:
        problem = translate_message(problem) if problem else problem
        self._valid, self._problem = valid, problem
        self.error.setText(problem or "")
        self.error.setVisible(bool(problem))
        self.changed.emit()

    def problem(self) -> str | None:
        """Why a run cannot use this constraint now (None: it can)."""
        return self._problem

    def constraint(self) -> dict[str, Any] | None:
        """The validated constraint for ``RunSpec.constraint`` (None for none)."""
        return self._valid
