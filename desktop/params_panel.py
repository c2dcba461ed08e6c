"""The sampling parameters panel, with named presets that can be saved."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from backends.base import SamplingParams
from backends.logprobs import DEFAULT_TOP_K, MAX_TOP_K
from common.errors import ConfigError, WorkbenchError
from desktop.presets import Presets
from desktop.textfmt import join_stops, split_stops

SEED_MAX = 2**32 - 1  # the engine accepts [0, 2**32)


class SeedBox(QDoubleSpinBox):
    """A seed over the engine's whole range: QSpinBox stops at 2**31 - 1, a double with
    no decimals holds every integer up to 2**53 exactly."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDecimals(0)
        self.setRange(0, SEED_MAX)
        self.setSingleStep(1)
        self.setGroupSeparatorShown(False)

    def seed(self) -> int:
        return int(round(super().value()))

    def set_seed(self, seed: int) -> None:
        self.setValue(float(min(max(int(seed), 0), SEED_MAX)))


def _dspin(lo: float, hi: float, step: float, decimals: int = 2) -> QDoubleSpinBox:
    w = QDoubleSpinBox()
    w.setRange(lo, hi)
    w.setSingleStep(step)
    w.setDecimals(decimals)
    return w


def _ispin(lo: int, hi: int) -> QSpinBox:
    w = QSpinBox()
    w.setRange(lo, hi)
    return w


class ParamsPanel(QWidget):
    changed = Signal()
    failed = Signal(object)  # WorkbenchError from saving a preset

    def __init__(self, presets: Presets, parent: QWidget | None = None):
        super().__init__(parent)
        self.presets = presets
        self.preset = QComboBox()
        self.save_preset_button = QPushButton(self.tr("Save…"))
        self.save_preset_button.setToolTip(self.tr("Save these parameters as a named preset"))
        self.delete_preset_button = QPushButton(self.tr("Delete"))
        self.temperature = _dspin(0.0, 5.0, 0.05)
        self.top_p = _dspin(0.01, 1.0, 0.01)
        self.top_k = _ispin(0, 1000)
        self.top_k.setSpecialValueText(self.tr("off"))
        self.min_p = _dspin(0.0, 1.0, 0.01)
        self.repeat_penalty = _dspin(0.5, 3.0, 0.01)
        self.max_tokens = _ispin(1, 131072)
        self.stop = QLineEdit()
        self.stop.setPlaceholderText(self.tr(r"comma-separated, \n for a newline"))
        self.seed = SeedBox()
        self.seed_fixed = QCheckBox(self.tr("Fixed"))
        self.seed_fixed.setToolTip(self.tr("Fixed: use this seed. Unchecked: a random seed per run (it is logged)."))
        self._factual_shape = (SamplingParams.factual_lambda, SamplingParams.factual_omega)
        self.factual_nucleus = QCheckBox(self.tr("Factual nucleus"))
        self.factual_nucleus.setToolTip(self.tr(
            "Top P decays within each sentence (max(0.3, Top P × 0.9^(t-1))) and resets after . ! ? or a newline "
            "(llama.cpp models)"))

        self.logprobs_on = QCheckBox(self.tr("Record"))
        self.logprobs_on.setToolTip(self.tr("Record each token's probability and its most likely alternatives, "
                                            "for the token lens and branching (llama.cpp, transformers)"))
        self.logprobs_k = _ispin(1, MAX_TOP_K)
        self.logprobs_k.setValue(DEFAULT_TOP_K)
        self.logprobs_k.setSuffix(self.tr(" alternatives"))
        self.logprobs_k.setEnabled(False)
        logprobs_row = QHBoxLayout()
        logprobs_row.setContentsMargins(0, 0, 0, 0)
        logprobs_row.addWidget(self.logprobs_on)
        logprobs_row.addWidget(self.logprobs_k, 1)

        presets_row = QHBoxLayout()
        presets_row.setContentsMargins(0, 0, 0, 0)
        presets_row.addWidget(self.save_preset_button)
        presets_row.addWidget(self.delete_preset_button)
        presets_row.addStretch(1)
        seed_row = QHBoxLayout()
        seed_row.setContentsMargins(0, 0, 0, 0)
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.seed_fixed)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Preset"), self.preset)
        form.addRow("", presets_row)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Top P"), self.top_p)
        form.addRow("", self.factual_nucleus)
        form.addRow(self.tr("Top K"), self.top_k)
        form.addRow(self.tr("Min P"), self.min_p)
        form.addRow(self.tr("Repeat penalty"), self.repeat_penalty)
        form.addRow(self.tr("Max tokens"), self.max_tokens)
        form.addRow(self.tr("Stop strings"), self.stop)
        form.addRow(self.tr("Seed"), seed_row)
        form.addRow(self.tr("Logprobs"), logprobs_row)

        self._fill_presets()
        self.set_params(SamplingParams())
        for w in (self.temperature, self.top_p, self.min_p, self.repeat_penalty):
            w.valueChanged.connect(self.changed)
        for w in (self.top_k, self.max_tokens, self.seed):
            w.valueChanged.connect(self.changed)
        self.stop.textChanged.connect(self.changed)
        self.seed_fixed.toggled.connect(self.seed.setEnabled)
        self.seed_fixed.toggled.connect(self.changed)
        self.factual_nucleus.toggled.connect(self.changed)
        self.logprobs_on.toggled.connect(self.logprobs_k.setEnabled)
        self.logprobs_on.toggled.connect(self.changed)
        self.logprobs_k.valueChanged.connect(self.changed)
        self.preset.activated.connect(self._apply_preset)
        self.save_preset_button.clicked.connect(self._ask_preset_name)
        self.delete_preset_button.clicked.connect(self._delete_preset)

    # -- values ------------------------------------------------------------------
    def params(self) -> SamplingParams:
        """The panel's values; raises InvalidParamsError for an impossible combination."""
        return SamplingParams(
            temperature=round(self.temperature.value(), 4),
            top_p=round(self.top_p.value(), 4),
            top_k=self.top_k.value(),
            min_p=round(self.min_p.value(), 4),
            repeat_penalty=round(self.repeat_penalty.value(), 4),
            max_tokens=self.max_tokens.value(),
            stop=split_stops(self.stop.text()),
            seed=self.seed.seed() if self.seed_fixed.isChecked() else None,
            factual_nucleus=self.factual_nucleus.isChecked(),
            factual_lambda=self._factual_shape[0],  # kept from a preset or a run; the defaults otherwise
            factual_omega=self._factual_shape[1],
        )

    def logprobs(self) -> int:
        """How many alternatives per token runs record (RunSpec.logprobs); 0 when off."""
        return self.logprobs_k.value() if self.logprobs_on.isChecked() else 0

    def set_logprobs(self, k: int) -> None:
        self.logprobs_on.setChecked(k > 0)
        if k > 0:
            self.logprobs_k.setValue(k)

    def set_params(self, p: SamplingParams) -> None:
        self.blockSignals(True)
        self.temperature.setValue(p.temperature)
        self.top_p.setValue(p.top_p)
        self.top_k.setValue(p.top_k)
        self.min_p.setValue(p.min_p)
        self.repeat_penalty.setValue(p.repeat_penalty)
        self.max_tokens.setValue(p.max_tokens)
        self.stop.setText(join_stops(p.stop))
        self.seed_fixed.setChecked(p.seed is not None)
        self.factual_nucleus.setChecked(p.factual_nucleus)
        self._factual_shape = (p.factual_lambda, p.factual_omega)
        self.seed.setEnabled(p.seed is not None)
        if p.seed is not None:
            self.seed.set_seed(p.seed)
        self.blockSignals(False)
        self.changed.emit()

    # -- presets -----------------------------------------------------------------
    def _fill_presets(self, current: str | None = None) -> None:
        self.preset.blockSignals(True)
        self.preset.clear()
        for name in self.presets.names():
            shown = self.tr(name) if self.presets.is_builtin(name) else name
            self.preset.addItem(shown, name)
        if current:
            self.preset.setCurrentIndex(max(0, self.preset.findData(current)))
        self.preset.blockSignals(False)
        self._update_delete()

    def _update_delete(self) -> None:
        name = self.preset.currentData()
        self.delete_preset_button.setEnabled(bool(name) and not self.presets.is_builtin(name))

    def _apply_preset(self, index: int) -> None:
        p = self.presets.get(self.preset.itemData(index))
        if p is not None:
            self.set_params(p)
        self._update_delete()

    def save_preset(self, name: str) -> bool:
        name = name.strip()
        builtin = {n for n in self.presets.names() if self.presets.is_builtin(n)}
        problem = None
        if not name:
            problem = self.tr("A preset needs a name.")
        elif name in builtin or name in {self.tr(n) for n in builtin}:  # as stored, or as this language shows it
            problem = self.tr("“%1” is a built-in preset; choose another name.").replace("%1", name)
        if problem is not None:
            self.failed.emit(ConfigError(problem))
            return False
        try:
            self.presets.save(name, self.params())
        except WorkbenchError as exc:
            self.failed.emit(exc)
            return False
        self._fill_presets(name)
        return True

    def _ask_preset_name(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save preset"), self.tr("Preset name:"))
        if ok and name.strip():
            self.save_preset(name)

    def _delete_preset(self) -> None:
        name = self.preset.currentData()
        if name and not self.presets.is_builtin(name):
            self.presets.delete(name)
            self._fill_presets()


# Built-in preset names, listed so that lupdate offers them for translation.
_PRESET_LABELS = (
    QT_TRANSLATE_NOOP("ParamsPanel", "Balanced"),
    QT_TRANSLATE_NOOP("ParamsPanel", "Precise"),
    QT_TRANSLATE_NOOP("ParamsPanel", "Creative"),
)
