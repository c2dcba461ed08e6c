"""The right-hand inspector: which model the next run uses, its parameters, and the
timings of the last run."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.controller import Workbench
from desktop.params_panel import ParamsPanel
from desktop.textfmt import fmt_ms, fmt_tps
from desktop.run_status import status_label


class Inspector(QScrollArea):
    def __init__(self, workbench: Workbench, params: ParamsPanel, constraint: QWidget | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.wb = workbench
        self.params = params
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setMinimumWidth(280)
        body = QWidget()
        lay = QVBoxLayout(body)

        model_box = QGroupBox(self.tr("Model"))
        self.model = QComboBox()
        self.model.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model.setMinimumContentsLength(12)
        self.load_button = QPushButton(self.tr("Load"))
        self.model_state = QLabel()
        self.model_state.setWordWrap(True)
        # the name has the whole width (model names are long); its state sits beside the button
        row = QHBoxLayout()
        row.addWidget(self.model_state, 1)
        row.addWidget(self.load_button, 0, Qt.AlignmentFlag.AlignTop)
        mlay = QVBoxLayout(model_box)
        mlay.addWidget(self.model)
        mlay.addLayout(row)

        params_box = QGroupBox(self.tr("Parameters"))
        QVBoxLayout(params_box).addWidget(params)

        timings_box = QGroupBox(self.tr("Last run"))
        self.timing_labels: dict[str, QLabel] = {}
        form = QFormLayout(timings_box)
        rows = (
            ("ttft", self.tr("Time to first token")),
            ("prefill", self.tr("Prefill tok/s")),
            ("decode", self.tr("Decode tok/s")),
            ("prompt", self.tr("Prompt tokens (cached)")),
            ("completion", self.tr("Completion tokens")),
            ("load", self.tr("Load time")),
            ("seed", self.tr("Seed")),
            ("status", self.tr("Status")),
        )
        for key, label in rows:
            value = QLabel("—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.timing_labels[key] = value
            form.addRow(label, value)

        lay.addWidget(model_box)
        lay.addWidget(params_box)
        if constraint is not None:
            lay.addWidget(constraint)
        lay.addWidget(timings_box)
        self.sections: dict[str, QWidget] = {"model": model_box, "params": params_box, "timings": timings_box}
        if constraint is not None:
            self.sections["constraint"] = constraint
        lay.addStretch(1)
        self.setWidget(body)
        self._fit_width()

        self.model.activated.connect(self._picked)
        self.load_button.clicked.connect(self._load_clicked)
        self.wb.modelsChanged.connect(self._fill_models)
        self.wb.loadedChanged.connect(self.refresh_model_state)
        self.wb.runFinished.connect(self.show_outcome)
        self.wb.branchFinished.connect(self.show_outcome)  # a branch is a run too
        self.refresh_model_state()

    # which sections apply to which view; a view with none hides the inspector
    APPLIES = {
        "playground": ("model", "params", "constraint", "timings"),
        "library": ("model", "params", "timings"),
    }

    def applies_to(self, view: str | None) -> bool:
        return bool(self.APPLIES.get(view or "", ()))

    def show_for(self, view: str | None) -> None:
        """Show only the sections the view uses (its runs read them)."""
        wanted = self.APPLIES.get(view or "", ())
        for key, w in self.sections.items():
            w.setVisible(key in wanted)
        self._fit_width()

    def _fit_width(self) -> None:
        """Never narrower than what the shown sections need (no field cut off on a laptop screen)."""
        need = self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 4
        self.setMinimumWidth(max(280, need))

    def _fill_models(self, models: list[Any]) -> None:
        self.model.blockSignals(True)
        self.model.clear()
        for m in models:
            if m.path is None and m.source != "bundled":
                continue
            self.model.addItem(m.name, m.name)
            if m.path is None:
                self.model.setItemData(self.model.count() - 1, self.tr("Not installed yet: prepared on first load"),
                                       Qt.ItemDataRole.ToolTipRole)
        self.model.setCurrentIndex(max(0, self.model.findData(self.wb.selected)))
        self.model.blockSignals(False)
        self.refresh_model_state()

    def select_model(self, name: str) -> None:
        self.model.setCurrentIndex(max(0, self.model.findData(name)))
        self._picked()

    def _picked(self, *_: Any) -> None:
        name = self.model.currentData()
        if name:
            self.wb.selected = name
            self.wb.loadedChanged.emit()

    def _load_clicked(self) -> None:
        m = self.wb.loaded
        if m is not None and m.name == self.wb.selected and m.settings == self.wb.load_settings:
            self.wb.unload()
        elif self.wb.selected:
            self.wb.load(self.wb.selected, self.wb.load_settings)

    def refresh_model_state(self) -> None:
        m, wb = self.wb.loaded, self.wb
        if self.model.currentData() != wb.selected and wb.selected:
            self.model.setCurrentIndex(max(0, self.model.findData(wb.selected)))
        self.model.setToolTip(self.model.currentText())  # a name longer than the field is read whole here
        loaded_here = m is not None and m.name == wb.selected and m.settings == wb.load_settings
        self.load_button.setText(self.tr("Unload") if loaded_here else self.tr("Load"))
        self.load_button.setEnabled(not wb.busy and bool(wb.selected))
        if wb.loading:
            text = self.tr("Loading…")
        elif loaded_here:
            where = (self.tr("GPU %1/%2 layers").replace("%1", str(m.gpu_effective)).replace("%2", str(m.layers or "?"))
                     if m.gpu_effective else self.tr("CPU"))
            text = self.tr("Loaded · %1 · context %2 · %3 threads").replace("%1", where) \
                .replace("%2", str(m.n_ctx)).replace("%3", str(m.n_threads))
        elif m is not None:
            text = self.tr("%1 is loaded; the next run loads %2.").replace("%1", m.name).replace("%2", wb.selected or "")
        else:
            text = self.tr("Not loaded: the first run loads it.")
        self.model_state.setText(text)

    def show_outcome(self, outcome: Any) -> None:
        t = outcome.timings
        lab = self.timing_labels
        if t is not None:
            lab["ttft"].setText(fmt_ms(t.ttft_ms))
            lab["prefill"].setText(fmt_tps(t.prefill_tps))
            lab["decode"].setText(fmt_tps(t.decode_tps))
            lab["prompt"].setText(f"{t.prompt_tokens} ({t.cached_tokens})")
            lab["completion"].setText(str(t.completion_tokens))
            lab["load"].setText(fmt_ms(t.load_ms))
            seed = outcome.result.extra.get("seed") if outcome.result else None
            lab["seed"].setText("—" if seed is None else str(seed))
        lab["status"].setText(status_label(outcome.status))
