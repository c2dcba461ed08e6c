"""The Agreement tab of the comparison: each model of the experiment against a
reference model on the same prompts (``reports.agreement``). One row per model (the
reference first): how often its answers agree with the reference's, how similar the
words are, its pass rate, speed and memory; selecting a model lists the rows where it
differs from the reference, and double-clicking one asks for the two runs side by side
(:attr:`AgreementPanel.sideBySideRequested`).

The agreement arrives with the comparison (built in a worker); picking another
reference recomputes it here from the grid already loaded (no store query)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.compare_view import ERROR_BG, FAIL_BG, PASS_BG
from desktop.textfmt import fmt_ms, fmt_tps

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PAIR = Qt.ItemDataRole.UserRole  # a differing row's CellPair / a model row's model key
AGREE_GOOD, AGREE_POOR = 0.9, 0.6  # answer agreement shaded green at or above, red below, amber between


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.0f}%"


def _mb(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f} MB"


def _ratio(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}×"


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _item(text: str, *, right: bool = False, tip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(RIGHT)
    if tip:
        item.setToolTip(tip)
    return item


def _interval_detail(est: Any) -> str:
    """ " (30–90%)" after the agreement: its 95% interval (nothing when it has none)."""
    if est is None or est.low is None or est.high is None:
        return ""
    return f" ({est.low * 100:.0f}–{est.high * 100:.0f}%)"


def _kappa_cell(k: Any) -> tuple[str, str]:
    if k is None:
        return "—", ""
    if k.kappa is None:
        return "undefined", (k.statement or "")[:60]
    detail = f"{k.low:.2f} to {k.high:.2f}" if k.low is not None and k.high is not None else (k.statement or "")
    return f"{k.kappa:.2f}", detail


class AgreementPanel(QWidget):
    """Models against a reference: one row per model, and the rows where the selected
    model differs from the reference."""

    sideBySideRequested = Signal(object)  # list of (run id, label): the reference's run first
    agreementChanged = Signal(object)  # the Agreement shown (None: fewer than two models)

    MODEL_HEADERS = ("Model", "Answers agree", "Identical outputs", "Word similarity", "First difference",
                     "Pass rate", "Decode tok/s", "TTFT median", "Memory", "Kappa")
    DIFF_HEADERS = ("Row", "Variant", "Repeat", "Difference", "Reference answer", "Answer", "Similarity",
                    "First difference")
    MAX_MODEL_ROWS = 5  # rows shown before the models table scrolls

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid: Any = None
        self.agreement: Any = None
        self._model: str | None = None  # the selected model (kept across reloads)
        self._reference: str | None = None  # picked by the user (kept across reloads)

        self.reference = QComboBox()
        self.reference.setMinimumWidth(240)
        self.reference.setToolTip(self.tr("The model the others are compared with"))
        self.caption = QLabel()
        self.caption.setObjectName("agreementCaption")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Reference:")))
        top.addWidget(self.reference)
        top.addWidget(self.caption, 1)

        line = self.fontMetrics().height()
        self.models = QTableWidget(0, len(self.MODEL_HEADERS))
        self.models.setObjectName("agreementModels")
        self.models.setHorizontalHeaderLabels([self._header(h) for h in self.MODEL_HEADERS])
        self._setup(self.models)
        self.models.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.models.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.models.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.models.verticalHeader().setDefaultSectionSize(2 * line + 10)  # two lines: a value and its detail
        header = self.models.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tips = (self.tr("The model key and its backend"),
                self.tr("Share of pairs whose normalized answers are the same as the reference's, with its 95% interval"),
                self.tr("Share of pairs whose whole outputs are the same"),
                self.tr("Mean word-level similarity of the outputs (0-1)"),
                self.tr("Mean position of the first word that differs, over the pairs that differ"),
                self.tr("Assertions passed over the cells both models ran"),
                self.tr("Median decode tok/s, and its ratio to the reference's"),
                self.tr("Median time to first token"),
                self.tr("Weights as loaded, and how much resident memory grew while loading"),
                self.tr("Cohen's kappa of the normalized answers (agreement beyond chance), with its 95% interval"))
        for c, tip in enumerate(tips):
            self.models.horizontalHeaderItem(c).setToolTip(tip)

        self.notes = QLabel()
        self.notes.setObjectName("agreementNotes")
        self.notes.setWordWrap(True)
        self.diff_title = QLabel()
        self.diffs = QTableWidget(0, len(self.DIFF_HEADERS))
        self.diffs.setObjectName("agreementDiffs")
        self.diffs.setHorizontalHeaderLabels([self._header(h) for h in self.DIFF_HEADERS])
        self._setup(self.diffs)
        self.diffs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.diffs.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.diffs.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for c, w in enumerate((165, 80, 50, 175, 0, 0, 70, 70)):
            if w:
                self.diffs.setColumnWidth(c, w)
        for c in (4, 5):  # the two answers share what is left
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)

        content = QWidget()
        cl = QVBoxLayout(content)
        cl.setContentsMargins(0, 4, 0, 0)
        cl.addLayout(top)
        cl.addWidget(self.models)
        cl.addWidget(self.notes)
        cl.addWidget(self.diff_title)
        cl.addWidget(self.diffs, 1)

        self.empty = QLabel()
        self.empty.setObjectName("agreementEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(content)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)

        self.reference.currentIndexChanged.connect(self._reference_picked)
        self.models.itemSelectionChanged.connect(self._model_selected)
        self.diffs.itemDoubleClicked.connect(lambda item: self.open_pair(item.row()))
        self.set_comparison(None)

    # -- labels --------------------------------------------------------------------
    def _header(self, key: str) -> str:
        return {
            "Model": self.tr("Model"), "Answers agree": self.tr("Answers\nagree"),
            "Identical outputs": self.tr("Identical\noutputs"), "Word similarity": self.tr("Word\nsimilarity"),
            "First difference": self.tr("First\ndifference"), "Pass rate": self.tr("Pass\nrate"),
            "Decode tok/s": self.tr("Decode\ntok/s"), "TTFT median": self.tr("TTFT\nmedian"),
            "Memory": self.tr("Weights\nload RSS"), "Kappa": self.tr("Kappa"), "Row": self.tr("Row"), "Variant": self.tr("Variant"),
            "Repeat": self.tr("Repeat"), "Difference": self.tr("Difference"),
            "Reference answer": self.tr("Reference answer"), "Answer": self.tr("Answer"),
            "Similarity": self.tr("Similarity"),
        }[key]

    def kind_label(self, kind: str) -> str:
        return {"same": self.tr("same"), "output": self.tr("same answer, other words"),
                "answer": self.tr("other answer"), "error": self.tr("a run failed")}.get(kind, kind)

    def _setup(self, table: QTableWidget) -> None:
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

    def _fit_models_height(self) -> None:
        rows = min(max(self.models.rowCount(), 2), self.MAX_MODEL_ROWS)
        height = (self.models.horizontalHeader().sizeHint().height() + rows * self.models.verticalHeader()
                  .defaultSectionSize() + 2 * self.models.frameWidth() + 2)
        self.models.setFixedHeight(height)

    # -- data ----------------------------------------------------------------------
    def set_comparison(self, comparison: Any) -> None:
        """Show the agreement of ``comparison`` (desktop.compare_view.Comparison or None)."""
        self.grid = comparison.grid if comparison is not None else None
        agreement = comparison.agreement if comparison is not None else None
        if agreement is not None and self._reference and self._reference != agreement.reference \
                and self._reference in agreement.models:
            agreement = self._compute(self._reference)
        self._show(agreement)

    def _compute(self, reference: str) -> Any:
        from reports.agreement import agreement_of

        return agreement_of(self.grid, reference)

    def _show(self, agreement: Any) -> None:
        self.agreement = agreement
        if agreement is None:
            self.empty.setText(self._empty_text())
            self.stack.setCurrentWidget(self.empty)
            self.models.setRowCount(0)
            self.diffs.setRowCount(0)
            self.agreementChanged.emit(None)
            return
        self.stack.setCurrentIndex(1)
        self.reference.blockSignals(True)
        self.reference.clear()
        for m in agreement.models:
            self.reference.addItem(m, m)
        self.reference.setCurrentIndex(max(0, self.reference.findData(agreement.reference)))
        self.reference.blockSignals(False)
        self.caption.setText(self.tr("compared on the same cells: row, template, params set, repeat"))
        self.models.blockSignals(True)
        self.models.clearSelection()
        self.models.setRowCount(1 + len(agreement.comparisons))
        if agreement.comparisons:
            self._fill_model_row(0, agreement.comparisons[0].reference, None)
        for r, m in enumerate(agreement.comparisons, start=1):
            self._fill_model_row(r, m.other, m)
        self.models.blockSignals(False)
        self._fit_models_height()
        keep = next((i for i, m in enumerate(agreement.comparisons) if m.other.model == self._model), 0)
        if agreement.comparisons:
            self.models.selectRow(keep + 1)  # fills the differing rows
        else:
            self._model_selected()
        self.agreementChanged.emit(agreement)

    def _empty_text(self) -> str:
        if self.grid is None:
            return self.tr("Pick an experiment to see how its models agree.")
        return self.tr("This experiment has one model, so there is nothing to compare. Add a second model to its "
                       "grid (for example the same model through transformers: backend: transformers) to see how "
                       "often their answers agree, and their speed and memory side by side.")

    def _fill_model_row(self, r: int, side: Any, m: Any) -> None:
        """Row ``r``: the reference (``m`` None) or a model against it; each cell a value and its detail."""
        if m is None:
            agree = (self.tr("reference"), "")
            identical = similar = first = ("", "")
        else:
            agree = (_pct(m.answer_agreement) + _interval_detail(m.agreement_interval),
                     self.tr("%1 of %2 pairs").replace("%1", str(m.answers_agree)).replace("%2", str(m.pairs)))
            identical = (_pct(m.output_agreement), self.tr("%1 of %2").replace("%1", str(m.outputs_agree))
                         .replace("%2", str(m.pairs)) if m.pairs else "")
            similar = ("—" if m.similarity is None else f"{m.similarity:.2f}", "")
            first = ("—", "") if not m.pairs else (
                (self.tr("identical"), "") if m.first_difference is None else
                (self.tr("word %1").replace("%1", f"{m.first_difference:.1f}"),
                 self.tr("in %1 pairs").replace("%1", str(m.word_differences))))
        passed = (_pct(side.pass_rate), self.tr("%1 of %2").replace("%1", str(side.passed))
                  .replace("%2", str(side.asserted)) if side.asserted else "")
        speed = (fmt_tps(side.decode_tps_median), "" if m is None else _ratio(m.speed_ratio))
        ttft = (fmt_ms(side.ttft_median_ms), "")
        memory = (_mb(side.weights_mb), self.tr("RSS %1").replace("%1", _mb(side.load_rss_mb)))
        model = (side.model, " · ".join(x for x in (side.backend, self.tr("reference") if m is None else None) if x))
        tip = "\n".join(x for x in (side.model, side.backend, side.model_name) if x)
        if m is not None:
            tip += "\n" + self._notes(m) if self._notes(m) else ""
        tips = {0: tip, 6: None if m is None else self.tr("%1 the reference's decode tok/s").replace(
            "%1", _ratio(m.speed_ratio))}
        kappa = ("", "") if m is None else _kappa_cell(m.kappa)
        for c, (value, detail) in enumerate((model, agree, identical, similar, first, passed, speed, ttft, memory,
                                             kappa)):
            item = _item(f"{value}\n{detail}" if detail else value, right=c > 0, tip=tips.get(c))
            if c == 0:
                item.setData(PAIR, side.model)
            if c == 1 and m is not None and m.answer_agreement is not None:
                item.setBackground(PASS_BG if m.answer_agreement >= AGREE_GOOD else
                                   FAIL_BG if m.answer_agreement < AGREE_POOR else ERROR_BG)
            self.models.setItem(r, c, item)

    def selected_model(self) -> Any:
        """The ModelAgreement of the selected model row (None: none, or the reference)."""
        if self.agreement is None:
            return None
        rows = self.models.selectionModel().selectedRows() if self.models.selectionModel() else []
        if not rows or self.models.item(rows[0].row(), 0) is None:
            return None
        return self.agreement.of(self.models.item(rows[0].row(), 0).data(PAIR))

    def _reference_picked(self, _i: int) -> None:
        ref = self.reference.currentData()
        if ref is None or self.grid is None or (self.agreement and ref == self.agreement.reference):
            return
        self._reference = ref
        self._show(self._compute(ref))

    def _model_selected(self) -> None:
        m = self.selected_model()
        if m is not None:
            self._model = m.other.model
        self.notes.setText(self._notes(m) if m is not None else "")
        self.notes.setVisible(bool(self.notes.text()))
        self._fill_diffs(m)

    def _notes(self, m: Any) -> str:
        out = []
        if m.excluded:
            out.append(self.tr("Left out: %1 (a run did not end ok: %2 on the reference, %3 on the model).")
                       .replace("%1", str(m.excluded)).replace("%2", str(m.errors_reference))
                       .replace("%3", str(m.errors_other)))
        if m.unmatched_reference or m.unmatched_other:
            out.append(self.tr("Unmatched cells: %1 only on the reference, %2 only on the model.")
                       .replace("%1", str(m.unmatched_reference)).replace("%2", str(m.unmatched_other)))
        if not m.variants:
            out.append(self.tr("No variant ran on both models."))
        return " ".join(out)

    def _fill_diffs(self, m: Any) -> None:
        picked = self.pair_at(self.diffs.currentRow()) if self.diffs.currentRow() >= 0 else None
        diffs = m.differences if m is not None else []
        if m is None:
            self.diff_title.setText(self.tr("Select a model to list the rows where it differs from the reference."))
        elif not diffs:
            self.diff_title.setText(self.tr("No row differs: every pair gave the same output.") if m.pairs
                                    else self.tr("No pairs to compare yet."))
        else:
            self.diff_title.setText(self.tr("%1 pairs differ from the reference · double-click one to see both "
                                            "outputs side by side").replace("%1", str(len(diffs))))
        self.diffs.setRowCount(len(diffs))
        for r, d in enumerate(diffs):
            values = (f"{d.row_index + 1}. {_one_line(d.row_label)}", d.variant, str(d.repeat + 1),
                      self.kind_label(d.kind), _one_line(d.reference_answer), _one_line(d.answer),
                      "—" if d.similarity is None else f"{d.similarity:.2f}",
                      "—" if d.first_difference is None else str(d.first_difference))
            for c, v in enumerate(values):
                item = _item(v, right=c in (2, 6, 7), tip=v if c in (0, 4, 5) and v else None)
                if c == 0:
                    item.setData(PAIR, d)
                if c == 3 and d.kind in ("answer", "error"):
                    item.setBackground(FAIL_BG if d.kind == "answer" else ERROR_BG)
                self.diffs.setItem(r, c, item)
        again = next((r for r, d in enumerate(diffs) if picked is not None and d.run_id == picked.run_id), None)
        if again is not None:  # keep the selected row across reloads (while a batch runs)
            self.diffs.selectRow(again)
        # a column that says the same thing on every row is hidden: one variant, one repeat
        cells = [c for mm in (self.agreement.comparisons if self.agreement else []) for c in mm.cells]
        self.diffs.setColumnHidden(1, len({c.variant for c in cells}) <= 1)
        self.diffs.setColumnHidden(2, len({c.repeat for c in cells}) <= 1)

    def pair_at(self, row: int) -> Any:
        item = self.diffs.item(row, 0)
        return item.data(PAIR) if item is not None else None

    def open_pair(self, row: int) -> None:
        """Ask for the reference's run and the model's run of a differing row, side by side."""
        d, m = self.pair_at(row), self.selected_model()
        if d is None or m is None:
            return
        label = _one_line(d.row_label)[:40]
        self.sideBySideRequested.emit([(d.reference_run_id, f"{m.reference.model} · {label}"),
                                       (d.run_id, f"{m.other.model} · {label}")])
