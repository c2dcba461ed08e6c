"""The comparison of one experiment: the grid (dataset rows x variants), the summary
per variant with its charts, and the changes against a baseline experiment (the
agreement between models is in ``desktop.agreement_view``).

Everything shown comes from ``reports.grid``, ``reports.baseline`` and ``reports.agreement``;
:func:`build_comparison` runs in a worker (it queries the store), the widgets only
display what it returned."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.charts import VariantCharts
from desktop.textfmt import fmt_ms, fmt_tps
from desktop.engine_i18n import translate_message
from desktop.run_status import status_label

CELLS = Qt.ItemDataRole.UserRole  # list[GridCell] of a cell (its repeats)
PASS_BG, FAIL_BG, ERROR_BG = QColor(46, 160, 67, 70), QColor(220, 50, 47, 70), QColor(230, 140, 20, 90)
FIXED_COLUMNS = 2  # input, expected


@dataclass
class Comparison:
    """What the view shows of one experiment (built in a worker, no Qt)."""

    experiment_id: str
    grid: Any  # reports.grid.Grid
    summaries: list[Any]
    stability: dict[tuple[int, str], Any] = field(default_factory=dict)
    baseline: Any = None  # reports.baseline.BaselineComparison
    agreement: Any = None  # reports.agreement.Agreement (None: fewer than two models)
    stats: Any = None  # reports.grid_stats.GridStatistics: intervals and paired tests, computed in the worker
    calibration: list[Any] = field(default_factory=list)  # reports.calibration.Calibration per variant that has one


def build_comparison(store: Any, experiment_id: str, baseline_id: str | None = None,
                     reference: str | None = None, plans: dict[str, Any] | None = None) -> Comparison:
    from reports.agreement import agreement_of, models_of
    from reports.baseline import compare_to_baseline
    from reports.calibration import grid_calibration
    from reports.grid import load_grid
    from reports.grid_stats import grid_statistics
    from reports.summary import stability, summarize

    grid = load_grid(store, [experiment_id], plans)  # a running batch's cells to come are in it too
    stab = {(s.row_index, s.column_key): s for s in stability(grid)}
    base = compare_to_baseline(store, experiment_id, baseline_id) if baseline_id else None
    agreement = agreement_of(grid, reference if reference in models_of(grid) else None)
    stats = grid_statistics(grid)  # once, here in the worker: the bootstraps take 0.2-0.7 s for 1,000 rows
    return Comparison(experiment_id, grid, summarize(grid, stats), stab, base, agreement, stats,
                      grid_calibration(grid))


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


class GridModel(QAbstractTableModel):
    """Rows are dataset rows, columns are Input, Expected, then one per variant."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.only_differing = False
        self.rows: list[Any] = []

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self._filter()
        self.endResetModel()

    def set_only_differing(self, on: bool) -> None:
        self.beginResetModel()
        self.only_differing = on
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        grid = self.comparison.grid if self.comparison else None
        self.rows = [] if grid is None else (grid.differing() if self.only_differing else list(grid.rows))

    @property
    def columns(self) -> list[Any]:
        return self.comparison.grid.columns if self.comparison else []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or not self.comparison else FIXED_COLUMNS + len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and section < len(self.rows):
                return str(self.rows[section].index + 1)
            return None
        if section < FIXED_COLUMNS:
            if role == Qt.ItemDataRole.DisplayRole:
                return (self.tr("Input"), self.tr("Expected"))[section]
            return None
        col = self.columns[section - FIXED_COLUMNS]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join(str(x) for x in (col.template_name, col.pattern, col.model, col.params_name) if x)
        return None

    def cell_runs(self, index: QModelIndex) -> list[Any]:
        if not index.isValid() or index.column() < FIXED_COLUMNS:
            return []
        row = self.rows[index.row()]
        return row.cells.get(self.columns[index.column() - FIXED_COLUMNS].key) or []

    def runs_for(self, indexes: list[QModelIndex]) -> list[tuple[str, str]]:
        """(run id, label) for side by side: the first repeat of each selected cell, or
        the repeats of a single selected cell."""
        cells = [(i, self.cell_runs(i)) for i in sorted(indexes, key=lambda i: (i.row(), i.column()))]
        cells = [(i, runs) for i, runs in cells if runs]
        if len(cells) == 1:
            i, runs = cells[0]
            label = self.headerData(i.column(), Qt.Orientation.Horizontal)
            return [(r.run_id, f"{label} · #{r.repeat + 1}") for r in runs[:4]]
        return [(runs[0].run_id, f"{self.headerData(i.column(), Qt.Orientation.Horizontal)} · "
                                 f"{_cut(self.rows[i.row()].label, 40)}") for i, runs in cells]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if index.column() < FIXED_COLUMNS:
            text = row.title if index.column() == 0 else ("" if row.expected is None else str(row.expected))
            if role == Qt.ItemDataRole.DisplayRole:
                return _one_line(text)
            if role == Qt.ItemDataRole.ToolTipRole and text:
                return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"
            return None
        col = self.columns[index.column() - FIXED_COLUMNS]
        runs = row.cells.get(col.key) or []
        if role == CELLS:
            return runs
        if not runs:
            return "—" if role == Qt.ItemDataRole.DisplayRole else None
        first = runs[0]
        stab = self.comparison.stability.get((row.index, col.key)) if self.comparison else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(runs)
        if role == Qt.ItemDataRole.BackgroundRole:
            if any(r.status != "ok" for r in runs):
                return ERROR_BG
            judged = [r.passed for r in runs if r.passed is not None]
            if judged:
                return PASS_BG if all(judged) else FAIL_BG
            return None
        if role == Qt.ItemDataRole.UserRole + 1:  # the right-hand note: tok/s and agreement
            note = self.tr("%1 tok/s").replace("%1", fmt_tps(first.decode_tps)) if first.decode_tps else ""
            if stab is not None and stab.runs > 1:
                note += f"  ⟳{stab.agreement * 100:.0f}%"
            return note.strip()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(runs, stab)
        return None

    def _display(self, runs: list[Any]) -> str:
        first = runs[0]
        if first.status != "ok":
            return self.tr("error: %1").replace("%1", _one_line(first.error or first.status))
        judged = [r.passed for r in runs if r.passed is not None]
        mark = "" if not judged else ("✓ " if all(judged) else "✗ " if not any(judged) else
                                      f"{sum(judged)}/{len(judged)} ✓ ")
        return mark + _one_line(first.answer or first.output)

    def _tooltip(self, runs: list[Any], stab: Any) -> str:
        first = runs[0]
        esc = html.escape
        status = status_label(first.status)
        lines = [f"<b>{esc(status)}</b>"]
        if first.error:
            lines.append(f"<span style='color:#c0392b'>{esc(first.error)}</span>")
        lines.append(self.tr("TTFT %1 · decode %2 tok/s · tokens %3/%4").replace("%1", fmt_ms(first.ttft_ms))
                     .replace("%2", fmt_tps(first.decode_tps)).replace("%3", str(first.prompt_tokens or 0))
                     .replace("%4", str(first.completion_tokens or 0)))
        for a in first.assertions:
            verdict = self.tr("pass") if a["verdict"] != "fail" else self.tr("fail")
            lines.append(f"{esc(str(a['name']))}: {esc(verdict)}" + (f" — {esc(a['message'])}" if a.get("message") else ""))
        if stab is not None and stab.runs > 1:
            lines.append(self.tr("Repeats: %1 · distinct answers: %2 · agreement: %3%")
                         .replace("%1", str(stab.runs)).replace("%2", str(stab.distinct))
                         .replace("%3", f"{stab.agreement * 100:.0f}"))
            for answer, n in sorted(stab.answers.items(), key=lambda kv: -kv[1])[:5]:
                lines.append(f"&nbsp;&nbsp;{n}× {esc(answer[:120]) or '∅'}")
        out = first.output if len(first.output) <= 3000 else first.output[:3000] + "…"
        lines.append(f"<hr><p style='white-space:pre-wrap'>{esc(out)}</p>")
        return "<br>".join(lines)


class CellDelegate(QStyledItemDelegate):
    """The answer on the left (elided), tok/s and agreement on the right, muted. The
    input is elided in the middle: inputs that start alike differ at their ends."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if index.column() == 0:
            option.textElideMode = Qt.TextElideMode.ElideMiddle

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        note = index.data(Qt.ItemDataRole.UserRole + 1)
        if not note:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = opt.fontMetrics.horizontalAdvance(note) + 10
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = opt.rect.adjusted(5, 0, -5, 0)
        left = QRect(rect.left(), rect.top(), max(0, rect.width() - width), rect.height())
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        text_color = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        painter.save()
        painter.setPen(text_color)
        painter.drawText(left, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, left.width()))
        muted = QColor(text_color)
        muted.setAlpha(150)
        painter.setPen(muted)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), note)
        painter.restore()


def grid_table(model: GridModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setItemDelegate(CellDelegate(table))
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setDefaultSectionSize(230)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.0f}%"


class SummaryPanel(QWidget):
    """The per-variant table (each figure with its 95% interval), the paired comparisons
    between variants with their verdicts, and the two charts."""

    HEADERS = ("Variant", "Runs", "Pass rate", "Ok runs: pass rate (95%)", "TTFT median", "TTFT p90",
               "Decode tok/s", "Tokens in/out", "Guard failures", "Errors", "Stopped", "Agreement")
    COMPARE_HEADERS = ("Metric", "A", "B", "Rows", "A value", "B value", "Difference (95%)", "p", "Holm p", "Verdict")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([self._header(h) for h in self.HEADERS])
        ttft_tip = self.tr("Time to first token, prefill included. Consecutive cells reuse the prompt's cached "
                           "prefix, so a variant's first cell, which evaluates its whole prompt, is usually the "
                           "slowest and weighs on the p90 of a few rows.")
        for h in ("TTFT median", "TTFT p90"):
            self.table.horizontalHeaderItem(self.HEADERS.index(h)).setToolTip(ttft_tip)
        self.table.horizontalHeaderItem(self.HEADERS.index("Stopped")).setToolTip(self.tr(
            "Cells cancelled or interrupted before they finished: not errors; resuming the experiment runs them"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the variant takes what is left
        self.comparisons = QTableWidget(0, len(self.COMPARE_HEADERS))
        self.comparisons.setObjectName("summaryComparisons")
        self.comparisons.setHorizontalHeaderLabels([self._header(h) for h in self.COMPARE_HEADERS])
        self.comparisons.verticalHeader().hide()
        self.comparisons.setWordWrap(False)
        self.comparisons.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        ch = self.comparisons.horizontalHeader()
        ch.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ch.setSectionResizeMode(len(self.COMPARE_HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.notes = QLabel()
        self.notes.setObjectName("summaryNotes")
        self.notes.setWordWrap(True)
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addWidget(self.comparisons, 1)
        ml.addWidget(self.notes)
        self.charts = VariantCharts()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("experimentsSummarySplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.charts)
        self.splitter.setSizes([100, 190, 250])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)

    def _header(self, key: str) -> str:
        return {
            "Variant": self.tr("Variant"), "Runs": self.tr("Runs"), "Pass rate": self.tr("Pass rate"),
            "Ok runs: pass rate (95%)": self.tr("Ok runs: pass rate (95%)"),
            "TTFT median": self.tr("TTFT median"), "TTFT p90": self.tr("TTFT p90"),
            "Decode tok/s": self.tr("Decode tok/s"), "Tokens in/out": self.tr("Tokens in/out"),
            "Guard failures": self.tr("Guard failures"), "Errors": self.tr("Errors"), "Stopped": self.tr("Stopped"),
            "Agreement": self.tr("Agreement"),
            "Metric": self.tr("Metric"), "A": self.tr("A"), "B": self.tr("B"), "Rows": self.tr("Rows"),
            "A value": self.tr("A value"), "B value": self.tr("B value"),
            "Difference (95%)": self.tr("Difference (95%)"), "p": self.tr("p"), "Holm p": self.tr("Holm p"),
            "Verdict": self.tr("Verdict"),
        }[key]

    def set_summaries(self, summaries: list[Any], stats: Any = None) -> None:
        from reports.stats_text import interval_text

        self.table.setRowCount(len(summaries))
        for r, s in enumerate(summaries):
            rate = _pct(s.pass_rate) + (f" ({s.passed}/{s.asserted})" if s.asserted else "")
            est = s.intervals.get("pass")
            ci = interval_text(est) if est is not None and est.estimate is not None else "—"
            values = (s.column.label, str(s.runs), rate, ci, fmt_ms(s.ttft_median_ms), fmt_ms(s.ttft_p90_ms),
                      fmt_tps(s.decode_tps_median), f"{s.prompt_tokens:,}/{s.completion_tokens:,}",
                      str(s.guard_failures), str(s.errors), str(s.stopped), _pct(s.agreement))
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 3 and est is not None:
                    item.setToolTip("\n".join(x for x in (est.method, est.statement, f"n = {est.n} rows, "
                                                          f"{est.runs} runs") if x))
                self.table.setItem(r, c, item)
        # cells cancelled or interrupted before they finished: not errors, and only shown when there are some
        self.table.setColumnHidden(self.HEADERS.index("Stopped"), not any(s.stopped for s in summaries))
        self.set_statistics(stats)
        self.charts.set_summaries(summaries)

    def set_statistics(self, stats: Any) -> None:
        """The paired comparisons (pass rate, then score) and the notes: Holm said when it applies."""
        from reports.stats_text import difference_text, p_text, value_text

        comps = [] if stats is None else [c for m in ("pass", "score") for c in stats.comparisons(m)]
        self.comparisons.setRowCount(len(comps))
        holm = [c for c in comps if c.correction]
        self.comparisons.setColumnHidden(self.COMPARE_HEADERS.index("Holm p"), not holm)
        for r, c in enumerate(comps):
            rate = c.metric == "pass rate"
            adjusted = p_text(c.p_adjusted) if c.correction else "–"
            metric = {"pass rate": self.tr("pass rate"), "mean score": self.tr("mean score")}.get(c.metric, c.metric)
            values = (metric, c.a, c.b, str(c.n), value_text(c.a_estimate, rate), value_text(c.b_estimate, rate),
                      translate_message(difference_text(c)), p_text(c.p_value), adjusted,
                      translate_message(c.verdict or c.statement or ""))
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                if 3 <= col <= 8:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == len(values) - 1:
                    if c.winner is not None:
                        item.setBackground(PASS_BG)
                    item.setToolTip("\n".join(x for x in (v, c.test, c.interval_method, c.power_method, c.statement)
                                              if x))
                self.comparisons.setItem(r, col, item)
        notes, methods = [], [] if stats is None else stats.notes()
        if stats is not None and not comps:
            notes.append(self.tr("One variant: nothing to compare."))
        if holm:
            per = {c.metric for c in holm}
            notes.append(self.tr("%1 variants: every pair is compared, and the p-values are Holm-adjusted across "
                                 "the comparisons of each metric (%2); a verdict uses the adjusted p.")
                         .replace("%1", str(len(stats.labels))).replace("%2", ", ".join(sorted(per))))
        # what was left out or not compared shows; the rest of the methods are in the tooltip
        notes += [translate_message(n) for n in methods if "left out" in n or "compared once" in n]
        if methods:
            notes.append(self.tr("95% intervals and paired tests; hover here for the methods, seed and resamples."))
        self.notes.setText("\n".join(notes))
        self.notes.setToolTip("\n".join(methods))


class BaselinePanel(QWidget):
    """Counts of rows better / worse / changed against the baseline, and the list."""

    KINDS = ("better", "worse", "changed", "new", "missing")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Change"), self.tr("Row"), self.tr("Variant"),
                                              self.tr("Baseline answer"), self.tr("Answer")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for c, w in enumerate((80, 220, 160, 220)):
            self.table.setColumnWidth(c, w)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(self.counts)
        lay.addWidget(self.table)
        self.set_comparison(None)

    def kind_label(self, kind: str) -> str:
        return {"better": self.tr("better"), "worse": self.tr("worse"), "changed": self.tr("changed"),
                "same": self.tr("same"), "new": self.tr("new"), "missing": self.tr("missing")}.get(kind, kind)

    def significance_html(self, base: Any) -> str:
        """The paired test over every matched cell, and per matched variant: is the change real?"""
        from reports.stats_text import difference_text, p_text

        esc = html.escape
        o = base.overall
        color = "#2e8b57" if o is not None and o.winner == "a" else "#c0392b" if o is not None and o.winner else None
        verdict = esc(translate_message(base.verdict))
        head = f"<b style='color:{color}'>{verdict}</b>" if color else f"<b>{verdict}</b>"
        line = esc(self.tr("Overall: ")) + head
        if o is not None and o.p_value is not None:
            line += esc(f" — {translate_message(difference_text(o))}, {p_text(o.p_value)}, n={o.n} ({o.test.split(' (')[0]})")
        parts = [line]
        for c in base.tests:
            p = p_text(c.p_adjusted if c.correction else c.p_value)
            parts.append("&nbsp;&nbsp;" + esc(f"{c.a}: {translate_message(difference_text(c))}, {p}"
                                              f"{' (Holm)' if c.correction else ''} — {translate_message(c.verdict or c.statement or '')}"))
        parts.append(esc(self.tr("%1 regressions, %2 improvements (rows listed below)")
                         .replace("%1", str(len(base.regressions()))).replace("%2", str(len(base.improvements())))))
        return "<br>".join(parts)

    def set_comparison(self, base: Any) -> None:
        if base is None:
            self.counts.setText(self.tr("Pick a baseline experiment to see which rows got better or worse."))
            self.table.setRowCount(0)
            return
        c = base.counts()
        colors = {"better": "#2e8b57", "worse": "#c0392b"}
        bits = [f"<b style='color:{colors.get(k, 'palette(text)')}'>{c[k]}</b> {html.escape(self.kind_label(k))}"
                for k in ("better", "worse", "changed", "same")]
        rates = self.tr("pass rate %1 → %2").replace("%1", _pct(base.baseline_pass_rate)).replace("%2", _pct(base.pass_rate))
        self.counts.setText(" · ".join(bits) + " · " + html.escape(rates) + "<br>" + self.significance_html(base))
        rows = base.of_kind(*self.KINDS)
        self.table.setRowCount(len(rows))
        for r, ch in enumerate(rows):
            values = (self.kind_label(ch.kind), _one_line(ch.label), ch.column_label, _one_line(ch.baseline_answer or ""),
                      _one_line(ch.answer or ""))
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                if col == 0 and ch.kind in ("better", "worse"):
                    item.setBackground(PASS_BG if ch.kind == "better" else FAIL_BG)
                self.table.setItem(r, col, item)


def _cut(text: str, n: int) -> str:
    """``text`` in at most ``n`` characters, an ellipsis saying when it was cut."""
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
