"""The pattern picker: the template's pattern and its main settings. It never holds
state of its own: ``show_pattern`` fills it from the YAML, and every change is emitted
as the new ``pattern`` mapping, which the editor writes back into the YAML."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from desktop.yaml_edit import changed_pattern, pattern_default, pattern_keys
from prompt_library.spec import PATTERN_NAMES

EXAMPLE_PATTERNS = ("few-shot", "few-shot-cot", "self-consistency")


class PatternPicker(QWidget):
    patternEdited = Signal(dict)  # the new `pattern:` mapping

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._current: dict[str, Any] = {"name": "zero-shot"}
        self._filling = False
        self.name = QComboBox()
        for n in PATTERN_NAMES:
            self.name.addItem(n, n)
        self.k = QSpinBox()
        self.k.setRange(-1, 100)
        self.k.setSpecialValueText(self.tr("all"))
        self.k.setToolTip(self.tr("How many examples to use"))
        self.order = QComboBox()
        for value, label in (("given", self.tr("given")), ("shuffled", self.tr("shuffled")),
                             ("reversed", self.tr("reversed"))):
            self.order.addItem(label, value)
        self.style_box = QComboBox()
        for value, label in (("turns", self.tr("chat turns")), ("inline", self.tr("inline text"))):
            self.style_box.addItem(label, value)
        self.n = QSpinBox()
        self.n.setRange(1, 64)
        self.n.setToolTip(self.tr("Number of sampled reasoning paths"))
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.05, 2.0)
        self.temperature.setSingleStep(0.05)
        self.variant = QComboBox()
        for value, label in (("three-stage", self.tr("three stages")), ("single-prompt", self.tr("single prompt"))):
            self.variant.addItem(label, value)
        self.stages = QLabel()
        self.stages.setWordWrap(True)

        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.tr("Pattern"), self.name)
        self.rows: dict[str, tuple[QLabel, QWidget]] = {}
        for key, label, w in (("k", self.tr("Examples (k)"), self.k), ("order", self.tr("Order"), self.order),
                              ("style", self.tr("Style"), self.style_box), ("n", self.tr("Samples (n)"), self.n),
                              ("temperature", self.tr("Temperature"), self.temperature),
                              ("variant", self.tr("Variant"), self.variant)):
            lab = QLabel(label)
            self.form.addRow(lab, w)
            self.rows[key] = (lab, w)
        self.form.addRow(self.stages)

        self.name.currentIndexChanged.connect(lambda _i: self._edited(name_changed=True))
        for combo in (self.order, self.style_box, self.variant):
            combo.currentIndexChanged.connect(lambda _i: self._edited())
        for spin in (self.k, self.n, self.temperature):
            spin.valueChanged.connect(lambda _v: self._edited())
        self.show_pattern(self._current)

    def current_name(self) -> str:
        return str(self.name.currentData())

    def show_pattern(self, pattern: dict[str, Any]) -> None:
        """Fill the controls from the YAML's pattern mapping (emits nothing)."""
        self._filling = True
        try:
            self._current = dict(pattern)
            name = str(pattern.get("name", "zero-shot"))
            self.name.setCurrentIndex(max(0, self.name.findData(name)))

            def get(key: str) -> Any:
                v = pattern.get(key)
                return pattern_default(name, key) if v is None else v

            k = pattern.get("k")
            self.k.setValue(-1 if k is None else int(k))
            self.order.setCurrentIndex(max(0, self.order.findData(get("order") or "given")))
            self.style_box.setCurrentIndex(max(0, self.style_box.findData(get("style") or "turns")))
            self.n.setValue(int(get("n") or 5))
            self.temperature.setValue(float(get("temperature") or 0.7))
            self.variant.setCurrentIndex(max(0, self.variant.findData(get("variant") or "three-stage")))
            keys = pattern_keys(name)
            for key, (lab, w) in self.rows.items():
                lab.setVisible(key in keys)
                w.setVisible(key in keys)
            self.stages.setText(self._stages_text(name, pattern))
        finally:
            self._filling = False

    def _stages_text(self, name: str, pattern: dict[str, Any]) -> str:
        if name == "step-back" and pattern.get("variant") != "single-prompt":
            return self.tr("Three model calls: step-back question, its answer, the final answer.")
        if name == "self-consistency":
            return self.tr("%1 sampled answers and a majority vote.").replace("%1", str(pattern.get("n") or 5))
        if name == "zero-shot-cot":
            return self.tr("Two model calls: reasoning, then answer extraction.")
        if name == "least-to-most":
            return self.tr("Decompose, solve each sub-question, then answer.")
        if name == "chain-of-verification":
            return self.tr("Baseline answer, up to %1 verification questions each answered on its own, "
                           "then a revised answer.").replace("%1", str(pattern.get("max_questions") or 5))
        return self.tr("One model call.")

    def _edited(self, *, name_changed: bool = False) -> None:
        if self._filling:
            return
        name = self.current_name()
        settings: dict[str, Any] = {}
        if not name_changed:
            settings = {
                "k": None if self.k.value() < 0 else self.k.value(),
                "order": self.order.currentData(),
                "style": self.style_box.currentData(),
                "n": self.n.value(),
                "temperature": round(self.temperature.value(), 2),
                "variant": self.variant.currentData(),
            }
            # leave a default unwritten unless the file already says it
            for key in list(settings):
                if key != "k" and key not in self._current and settings[key] == pattern_default(name, key):
                    del settings[key]
        new = changed_pattern(self._current, name, **settings)
        if new != self._current:
            self.show_pattern(new)
            self.patternEdited.emit(new)
