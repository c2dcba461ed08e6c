"""A form generated from a template's declared variables: one input per variable,
chosen by its type, its default filled in, its description as the tooltip.

Values typed by the person survive a rebuild (the YAML was edited) when a variable of
the same name and type is still declared."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from prompt_library import VariableSpec

INT_RANGE = 1_000_000_000


class VariablesForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.inputs: dict[str, QWidget] = {}
        self.specs: tuple[VariableSpec, ...] = ()
        self.empty = QLabel(self.tr("This template declares no variables."))
        self.form.addRow(self.empty)

    def set_variables(self, specs: list[VariableSpec]) -> None:
        """Rebuild the inputs when the declarations changed; keep values typed so far."""
        specs_t = tuple(specs)
        if specs_t == self.specs:
            return
        kept = {s.name: (s.type, self._value(s, self.inputs[s.name])) for s in self.specs if s.name in self.inputs}
        while self.form.rowCount():
            self.form.removeRow(0)
        self.inputs = {}
        self.specs = specs_t
        if not specs:
            self.empty = QLabel(self.tr("This template declares no variables."))
            self.form.addRow(self.empty)
            return
        for spec in specs:
            w = self._input(spec)
            old = kept.get(spec.name)
            if old is not None and old[0] == spec.type and old[1] is not None:
                self._set(spec, w, old[1])
            tip = spec.description or ""
            w.setToolTip(tip)
            label = QLabel(spec.name + (" *" if spec.is_required else ""))
            label.setToolTip(tip + ("\n" if tip else "") + self.tr("Type: %1").replace("%1", spec.type))
            self.form.addRow(label, w)
            self.inputs[spec.name] = w

    def values(self) -> dict[str, Any]:
        """The values to render with; an empty text is left out (the default applies)."""
        out: dict[str, Any] = {}
        for spec in self.specs:
            v = self._value(spec, self.inputs[spec.name])
            if v is not None:
                out[spec.name] = v
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        for spec in self.specs:
            if spec.name in values:
                self._set(spec, self.inputs[spec.name], values[spec.name])

    # -- one input per type -------------------------------------------------------
    def _input(self, spec: VariableSpec) -> QWidget:
        d = spec.default
        w: QWidget
        if spec.type == "int":
            w = QSpinBox()
            w.setRange(-INT_RANGE, INT_RANGE)
            w.setValue(int(d or 0))
            w.valueChanged.connect(self.changed)
        elif spec.type == "float":
            w = QDoubleSpinBox()
            w.setRange(-INT_RANGE, INT_RANGE)
            w.setDecimals(4)
            w.setValue(float(d or 0.0))
            w.valueChanged.connect(self.changed)
        elif spec.type == "bool":
            w = QCheckBox()
            w.setChecked(bool(d))
            w.toggled.connect(self.changed)
        elif spec.type == "choice":
            w = QComboBox()
            w.addItems(list(spec.choices or []))
            if d is not None:
                w.setCurrentText(str(d))
            w.currentIndexChanged.connect(self.changed)
        elif spec.type == "list" or (isinstance(d, str) and "\n" in d):
            w = QPlainTextEdit()
            w.setMaximumHeight(80)
            w.setPlaceholderText(self.tr("One item per line") if spec.type == "list" else spec.description)
            if d is not None:
                w.setPlainText("\n".join(map(str, d)) if isinstance(d, list) else str(d))
            w.textChanged.connect(self.changed)
        else:
            w = QLineEdit()
            w.setPlaceholderText(spec.description)
            if d is not None:
                w.setText(str(d))
                w.setCursorPosition(0)
            w.textChanged.connect(self.changed)
        return w

    @staticmethod
    def _value(spec: VariableSpec, w: QWidget) -> Any:
        if isinstance(w, (QSpinBox, QDoubleSpinBox)):
            return w.value()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentText() or None
        text = w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()  # type: ignore[attr-defined]
        if spec.type == "list":
            items = [line for line in text.splitlines() if line.strip()]
            return items or None
        return text if text != "" else None

    @staticmethod
    def _set(spec: VariableSpec, w: QWidget, value: Any) -> None:
        if isinstance(w, QSpinBox):
            w.setValue(int(value))
        elif isinstance(w, QDoubleSpinBox):
            w.setValue(float(value))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            w.setCurrentText(str(value))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText("\n".join(map(str, value)) if isinstance(value, list) else str(value))
        elif isinstance(w, QLineEdit):
            w.setText(str(value))
