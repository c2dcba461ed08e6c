"""Experiments: the stored experiments, running one from its YAML file (progress, ETA,
pause, cancel), and the comparison of the selected one (grid, summary, baseline,
agreement between models, side by side, export). Store queries and batches run in
workers (``Workbench.background`` and ``BatchRunner``); this view only shows what they
send back."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from common.errors import WorkbenchError
from desktop.agreement_view import AgreementPanel
from desktop.batch_worker import BatchRunner, planned_experiment
from desktop.boxes import HintTable
from desktop.calibration_view import CalibrationPanel
from desktop.compare_view import BaselinePanel, Comparison, SummaryPanel, build_comparison, grid_table
from desktop.experiment_cells import CellStateModel
from desktop.run_status import status_label
from desktop.side_by_side import SideBySideDialog
from desktop.textfmt import local_time

EXPORT_FORMATS = (("html", "HTML (*.html)"), ("md", "Markdown (*.md)"), ("csv", "CSV (*.csv)"), ("json", "JSON (*.json)"))
RELOAD_MS = 400  # while a batch runs, the grid refreshes at most this often


def _eta(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class ExperimentsView(QWidget):
    experimentsLoaded = Signal(object)  # list of experiment rows
    comparisonLoaded = Signal(object)  # Comparison
    exported = Signal(str)  # the path written
    sideBySideShown = Signal(object)  # SideBySideDialog
    failed = Signal(str, str)  # title, message (also shown in a dialog)
    exportConfirmed = Signal(object)  # the QMessageBox saying where the report went
    builderShown = Signal(object)  # ExperimentBuilder
    imported = Signal(str)  # what a promptfoo config became (the text of the note shown)

    def __init__(self, wb: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.wb = wb
        self.store = wb.engine.store
        self.runner = BatchRunner(wb, self)
        self.experiments: list[dict[str, Any]] = []
        self.comparison: Comparison | None = None
        self._selected_id: str | None = None
        self._load_seq = 0
        self._shape: tuple[str, int] | None = None
        self.dialog: SideBySideDialog | None = None
        self.builder: Any = None
        self._live: tuple[str, int, int] | None = None  # the running experiment's (id, done, total), as the bar
        self._plans: dict[str, Any] = {}  # experiment id -> its loaded experiment (the cells planned), or None

        self.new_button = QPushButton(self.tr("New experiment…"))
        self.new_button.setToolTip(self.tr("Compose an experiment in the window and save it as YAML"))
        self.open_button = QPushButton(self.tr("Open experiment file…"))
        self.open_button.setToolTip(self.tr("Load an experiment YAML file and run it"))
        # one button: Pause while a batch runs, Resume when it is paused or the selected
        # experiment stopped before its end
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setObjectName("pauseResume")
        self.resume_button = self.pause_button
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.progress.setTextVisible(True)
        self.eta = QLabel()
        self.eta.setMinimumWidth(200)
        top = QHBoxLayout()
        for w in (self.new_button, self.open_button, self.pause_button, self.cancel_button):
            top.addWidget(w)
        top.addWidget(self.progress, 1)
        top.addWidget(self.eta)

        self.list = HintTable(0, 4)
        self.list.setObjectName("experimentsList")
        self.list.set_empty_hint(self.tr(
            "No experiments yet. New experiment… composes one in the window (rows, templates, models, "
            "parameters, assertions); Open experiment file… runs an experiment YAML file or imports a promptfoo "
            "config (promptfooconfig.yaml)."))
        self.list.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Status"), self.tr("Cells"), self.tr("Created")])
        self.list.verticalHeader().hide()
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(False)
        self.list.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            self.list.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)

        self.differ = QCheckBox(self.tr("Only rows where the variants differ"))
        self.baseline = QComboBox()
        self.baseline.setMinimumWidth(180)
        self.baseline.setMaximumWidth(420)
        self.baseline.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # the id must show
        self.baseline.setToolTip(self.tr("Compare against this experiment"))
        self.compare_button = QPushButton(self.tr("Side by side…"))
        self.compare_button.setToolTip(self.tr("Select 2 to 4 cells (or one cell with repeats) to compare their runs"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.review_button = QPushButton(self.tr("Review…"))
        self.review_button.setToolTip(self.tr("Label this experiment's cells from the keyboard; the labels count in "
                                              "its statistics and are compared with the judge"))
        self.export_button.setToolTip(self.tr("Save this comparison as HTML, Markdown, CSV or JSON"))
        bar = QHBoxLayout()
        bar.addWidget(self.differ)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Baseline:")))
        bar.addWidget(self.baseline)
        bar.addWidget(self.compare_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.review_button)

        self.model = CellStateModel(self)
        self.grid = grid_table(self.model)
        # the columns share the grid's width until a person drags one; a smaller window refits them
        self._fitting = False
        self._columns_by_hand = False
        self._header_pressed = False
        self.grid.horizontalHeader().sectionResized.connect(self._column_resized)
        self.grid.horizontalHeader().viewport().installEventFilter(self)
        self.grid.viewport().installEventFilter(self)
        self.summary = SummaryPanel()
        self.baseline_panel = BaselinePanel()
        self.agreement = AgreementPanel()
        self.calibration = CalibrationPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.grid, self.tr("Grid"))
        self.tabs.addTab(self.summary, self.tr("Summary"))
        self.tabs.addTab(self.baseline_panel, self.tr("Baseline"))
        self.tabs.addTab(self.agreement, self.tr("Agreement"))
        self.tabs.addTab(self.calibration, self.tr("Calibration"))
        self.title = QLabel()
        self.title.setWordWrap(True)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.title)
        rl.addLayout(bar)
        rl.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)  # the list above, the comparison below, full width
        self.splitter.setObjectName("experimentsSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([130, 600])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.splitter, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_MS)
        self._reload_timer.timeout.connect(self.reload_comparison)

        self.new_button.clicked.connect(lambda: self.open_builder())
        self.open_button.clicked.connect(self.choose_file)
        self.pause_button.clicked.connect(self.pause_or_resume)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.differ.toggled.connect(self.model.set_only_differing)
        self.baseline.currentIndexChanged.connect(lambda _i: self.reload_comparison())
        self.compare_button.clicked.connect(self.compare_selected)
        self.agreement.sideBySideRequested.connect(self.show_side_by_side)
        self.export_button.clicked.connect(self.choose_export)
        self.review_button.clicked.connect(lambda: self.review())
        self.runner.started.connect(self._batch_started)
        self.runner.progress.connect(self._batch_progress)
        self.runner.finished.connect(self._batch_finished)
        self.runner.failed.connect(self._batch_failed)
        self.runner.pausedChanged.connect(lambda _p: self._update_buttons())
        self.runner.pausedChanged.connect(self._show_paused)
        self.exported.connect(self._confirm_export)
        self.runner.runningChanged.connect(lambda _r: self._update_buttons())
        self.wb.loadedChanged.connect(self._update_buttons)
        self._idle_text()
        self._update_buttons()
        self.refresh()

    # -- errors ------------------------------------------------------------------
    def show_error(self, title: str, message: str) -> None:
        """Through the main window's error dialog when there is one."""
        self.failed.emit(title, message)
        show = getattr(self.window(), "show_error", None)
        if callable(show) and self.window() is not self:
            show(title, message)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- the list ----------------------------------------------------------------
    def refresh(self) -> None:
        def work() -> list[dict[str, Any]]:

            rows = self.store.list_experiments(200)
            for r in rows:
                r["done_cells"] = len(self.store.finished_cells(r["id"]))
            return rows

        self.wb.background(work, self._set_experiments,
                           lambda err: self.show_error(self.tr("Run log error"), str(err)))

    def status_label(self, status: str) -> str:
        """An experiment's status: its own words, else the words it shares with a run's."""
        return {"paused": self.tr("paused"), "done": self.tr("done")}.get(status) or status_label(status)

    def _list_status(self, row: dict[str, Any]) -> str:
        """The list's status of ``row``: the running experiment reads paused while it is."""
        paused = self._live is not None and row["id"] == self._live[0] and self.runner.running and self.runner.paused
        return self.status_label("paused" if paused else row["status"])

    def _set_experiments(self, rows: list[dict[str, Any]]) -> None:
        keep = self._selected_id
        self.experiments = rows
        self.list.blockSignals(True)
        self.list.setRowCount(len(rows))
        live = self._live if self.runner.running else None
        for i, r in enumerate(rows):
            if live is not None and r["id"] == live[0]:
                r["done_cells"], r["total_cells"] = live[1], live[2]
            cells = f"{r['done_cells']}/{r.get('total_cells') or '?'}"
            for c, text in enumerate((r["name"], self._list_status(r), cells,
                                      local_time(r.get("created_utc")))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r["id"])
                if c == 0:
                    item.setToolTip(f"{r['id']}\n{r.get('description') or ''}\n{r.get('source_path') or ''}".strip())
                self.list.setItem(i, c, item)
        self.baseline.blockSignals(True)
        current = self.baseline.currentData()
        self.baseline.clear()
        self.baseline.addItem(self.tr("(no baseline)"), None)
        for r in rows:
            self.baseline.addItem(f"{r['name']} · {r['id'][-6:]}", r["id"])
        idx = self.baseline.findData(current)
        self.baseline.setCurrentIndex(max(idx, 0))
        self.baseline.blockSignals(False)
        self.list.blockSignals(False)
        if keep is None and rows:
            keep = rows[0]["id"]
        self.select(keep, reload=keep != (self.comparison.experiment_id if self.comparison else None))
        self._update_buttons()
        self.experimentsLoaded.emit(rows)

    def select(self, experiment_id: str | None, *, reload: bool = True) -> None:
        for i, r in enumerate(self.experiments):
            if r["id"] == experiment_id:
                self.list.blockSignals(True)
                self.list.selectRow(i)
                self.list.blockSignals(False)
                self._selected_id = experiment_id
                if reload:
                    self.reload_comparison()
                return

    def selected(self) -> dict[str, Any] | None:
        return next((r for r in self.experiments if r["id"] == self._selected_id), None)

    def _selection_changed(self) -> None:
        items = self.list.selectedItems()
        if items:
            chosen = items[0].data(Qt.ItemDataRole.UserRole)
            if chosen != self._selected_id:  # a baseline chosen for one experiment is not the next one's
                self.baseline.blockSignals(True)
                self.baseline.setCurrentIndex(0)
                self.baseline.blockSignals(False)
            self._selected_id = chosen
            self._update_buttons()
            self.reload_comparison()

    # -- the comparison ----------------------------------------------------------
    def reload_comparison(self) -> None:
        eid = self._selected_id
        if eid is None:
            return
        baseline_id = self.baseline.currentData()
        if baseline_id == eid:
            baseline_id = None
        self._load_seq += 1
        seq = self._load_seq

        def done(result: tuple[Comparison, Any]) -> None:
            comparison, plan = result
            if plan is not None or row is None or row.get("status") != "running":
                self._plans[eid] = plan  # None too: the file is not read again for it
            if seq == self._load_seq:
                self._show_comparison(comparison)

        def failed(err: WorkbenchError) -> None:
            if seq == self._load_seq:
                self.show_error(self.tr("Could not compare"), str(err))

        plans = self.runner.plans()
        row, tried, known = self.selected(), eid in self._plans, self._plans.get(eid)

        def work() -> tuple[Comparison, Any]:
            # a running batch's plan, else (stopped before its end) the plan its file still holds, read once
            plan = plans.get(eid) or (known if tried else planned_experiment(self.wb.engine, row))
            return build_comparison(self.store, eid, baseline_id, plans={eid: plan} if plan is not None else None), plan

        self.wb.background(work, done, failed)

    def _show_comparison(self, comparison: Comparison) -> None:
        shape = (comparison.experiment_id, len(comparison.grid.columns))
        first, self._shape = shape != self._shape, shape  # a new experiment, or a variant appeared
        self.comparison = comparison
        self.model.set_comparison(comparison)
        self.summary.set_summaries(comparison.summaries, comparison.stats)
        self.baseline_panel.set_comparison(comparison.baseline)
        self.agreement.set_comparison(comparison)
        self.calibration.set_calibration(comparison.calibration)
        grid = comparison.grid
        exp = grid.experiments[0] if grid.experiments else {}
        rows, cols, runs = len(grid.rows), len(grid.columns), grid.n_runs
        self.title.setText(" · ".join((
            "<b>" + html.escape(exp.get("name", "")) + "</b>",
            (self.tr("1 row") if rows == 1 else self.tr("%1 rows").replace("%1", str(rows))) + " × "
            + (self.tr("1 variant") if cols == 1 else self.tr("%1 variants").replace("%1", str(cols))),
            self.tr("1 run") if runs == 1 else self.tr("%1 runs").replace("%1", str(runs)))))
        if first:
            self._columns_by_hand = False
            self._fit_columns()
        self._update_buttons()
        self.comparisonLoaded.emit(comparison)

    def _fit_columns(self) -> None:
        """The variants share the width left after the input and expected columns."""
        n = len(self.comparison.grid.columns) if self.comparison is not None else 0
        if not n:
            return
        self._fitting = True
        try:
            width = self.grid.viewport().width() - 90 - self.grid.verticalHeader().width()
            inp = max(200, min(520, 2 * width // (n + 2)))  # the input reads best wide
            self.grid.setColumnWidth(0, inp)
            self.grid.setColumnWidth(1, 90)
            for c in range(n):
                self.grid.setColumnWidth(2 + c, max(160, (width - inp) // n))
        finally:
            self._fitting = False

    def _column_resized(self, *_args: Any) -> None:
        # a drag on the header (pressed there); the header's own stretching of the last column is not one
        if not self._fitting and self._header_pressed:
            self._columns_by_hand = True

    def eventFilter(self, obj: Any, event: Any) -> bool:
        if obj is self.grid.viewport() and event.type() == QEvent.Type.Resize and not self._columns_by_hand:
            self._fit_columns()
        elif obj is self.grid.horizontalHeader().viewport() and event.type() in (
                QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            self._header_pressed = event.type() == QEvent.Type.MouseButtonPress
        return super().eventFilter(obj, event)

    def selected_runs(self) -> list[tuple[str, str]]:
        return self.model.runs_for(self.grid.selectedIndexes())

    def compare_selected(self) -> None:
        picked = self.selected_runs()
        if not 2 <= len(picked) <= 4:
            self.show_error(self.tr("Side by side"), self.tr("Select 2 to 4 cells in the grid (or one cell with repeats)."))
            return
        self.show_side_by_side(picked)

    def show_side_by_side(self, picked: list[tuple[str, str]]) -> None:
        """Open the side-by-side dialog on (run id, label) pairs, loaded in a worker."""
        from reports.side_by_side import side_by_side

        ids, labels = [p[0] for p in picked], [p[1] for p in picked]

        def done(sbs: Any) -> None:
            self.dialog = SideBySideDialog(sbs, labels, self)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.destroyed.connect(lambda _o=None: setattr(self, "dialog", None))
            self.dialog.show()
            self.sideBySideShown.emit(self.dialog)

        self.wb.background(lambda: side_by_side(self.store, ids), done,
                           lambda err: self.show_error(self.tr("Side by side"), str(err)))

    # -- export ------------------------------------------------------------------
    def choose_export(self) -> None:
        if self.comparison is None:
            return
        exp = (self.comparison.grid.experiments or [{}])[0]
        name = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in exp.get("name", "comparison"))[:60]
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export the comparison"),
                                                   str(Path.home() / f"{name}.html"),
                                                   ";;".join(f for _k, f in EXPORT_FORMATS))
        if path:
            fmt = next((k for k, f in EXPORT_FORMATS if f == chosen), None)
            if fmt and not Path(path).suffix:
                path += "." + fmt
            self.export_to(path, fmt)

    def export_to(self, path: str, fmt: str | None = None) -> None:
        if self.comparison is None:
            return
        from reports.export import export

        eid = self.comparison.experiment_id
        baseline_id = self.comparison.baseline.baseline_id if self.comparison.baseline else None
        reference = self.agreement.agreement.reference if self.agreement.agreement else None  # as shown
        self.wb.background(lambda: export(self.store, [eid], fmt, path, baseline_id=baseline_id,
                                          reference=reference)[1],
                           lambda p: self.exported.emit(str(p)),
                           lambda err: self.show_error(self.tr("Could not export"), str(err)))

    # -- running -----------------------------------------------------------------
    def choose_file(self) -> None:
        from experiments.fileformat import example_files

        examples = example_files()
        start = str(examples[0].parent) if examples else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open an experiment"), start,
                                              self.tr("Experiment files or promptfoo configs (*.yaml *.yml)"))
        if path:
            self.run_file(path)

    def run_file(self, path: str | Path, *, resume_id: str | None = None) -> bool:
        from experiments.promptfoo_in import promptfoo_config

        config = promptfoo_config(path) if resume_id is None else None
        if config is not None:
            imported = self.import_promptfoo(path, config)
            if imported is None:
                return False
            path = imported
        if not self.runner.start(path, resume_id=resume_id):
            self.show_error(self.tr("Could not run the experiment"),
                            self.tr("The model is busy: wait for the current task to end."))
            return False
        self.progress.setRange(0, 0)
        self.eta.setText(self.tr("Loading the experiment…"))
        return True

    def import_promptfoo(self, path: str | Path, config: Any = None) -> Path | None:
        """Convert a promptfoo config (``config``: already read) into an experiment under the
        data folder (imports/), say what was not ported, and return the experiment file
        (None, said, on a failure)."""
        import time

        from experiments.promptfoo_in import import_promptfoo

        src = Path(path)
        try:
            imp = import_promptfoo(src, config=config, model=self.wb.selected)  # hosted providers: the picked model
            stamp = time.strftime("%Y%m%d-%H%M%S")
            written = imp.write(self.wb.engine.home / "imports" / f"{src.parent.name or 'promptfoo'}-{stamp}")
        except WorkbenchError as exc:
            self.show_error(self.tr("Could not import the promptfoo config"), str(exc))
            return None
        lines = [self.tr("%1 is a promptfoo config: imported as %2 (%3 prompts × %4 tests), now running.")
                 .replace("%1", src.name).replace("%2", str(written)).replace("%3", str(len(imp.prompts)))
                 .replace("%4", str(len(imp.tests)))]
        if imp.skipped:
            lines.append(self.tr("Not ported:") + "\n" + "\n".join(f"• {line}" for line in imp.skipped))
        self.imported.emit("\n\n".join(lines))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Imported from promptfoo"), "\n\n".join(lines),
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return written

    def resume_selected(self) -> None:
        exp = self.selected()
        if exp and exp.get("source_path"):
            self.run_file(exp["source_path"], resume_id=exp["id"])

    def pause_or_resume(self) -> None:
        """The one Pause/Resume button: pause or resume the running batch, or resume the
        selected experiment that stopped before its end."""
        if not self.runner.running:
            self.resume_selected()
        elif self.runner.paused:
            self.runner.resume()
            self.eta.setText(self.tr("Resuming…"))
        else:
            self.runner.pause()
            self.eta.setText(self.tr("Pausing after the current cell…"))
        self._update_buttons()

    def _batch_failed(self, err: Any) -> None:
        self.model.set_batch_active(False)
        self._idle_text()
        self._update_buttons()
        self.show_error(self.tr("Could not run the experiment"), str(err))

    # -- the builder -------------------------------------------------------------
    def open_builder(self, path: str | Path | None = None) -> Any:
        """The experiment builder (a dialog), empty or filled from ``path``."""
        from desktop.experiment_builder import ExperimentBuilder

        if self.builder is None:
            self.builder = ExperimentBuilder(self.wb, self)
            self.builder.runRequested.connect(self._run_built)
            self.builder.destroyed.connect(lambda _o=None: setattr(self, "builder", None))
        if path is not None:
            try:
                self.builder.open_file(path)
            except WorkbenchError as exc:
                self.show_error(self.tr("Could not open the experiment"), str(exc))
        self.builder.show()
        self.builder.raise_()
        self.builderShown.emit(self.builder)
        return self.builder

    def _run_built(self, path: str) -> None:
        if self.run_file(path) and self.builder is not None:
            self.builder.hide()

    def _confirm_export(self, path: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Exported"),
                          self.tr("The report was saved to %1").replace("%1", path),
                          QMessageBox.StandardButton.Close, self)
        open_button = box.addButton(self.tr("Open the report"), QMessageBox.ButtonRole.AcceptRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(path)))
        box.open()
        self.exportConfirmed.emit(box)

    def _batch_started(self, eid: str, name: str, before: int, total: int) -> None:
        self.progress.setFormat("%v / %m")
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(before)
        self.eta.setText(self.tr("%1 of %2 cells were done before").replace("%1", str(before)).replace("%2", str(total))
                         if before else self.tr("Starting…"))
        self._selected_id = eid
        self.model.set_batch_active(True)
        self._set_list_cells(eid, before, total)
        self.refresh()

    def _set_list_cells(self, eid: str, done: int, total: int) -> None:
        """The list's count for the running experiment, from the same figure as the bar."""
        self._live = (eid, done, total)
        for i, r in enumerate(self.experiments):
            if r["id"] == eid:
                r["done_cells"], r["total_cells"] = done, total
                item = self.list.item(i, 2)
                if item is not None:
                    item.setText(f"{done}/{total}")

    def _show_paused(self, _paused: bool) -> None:
        """The running experiment's status in the list: paused, or running again."""
        for i, r in enumerate(self.experiments):
            if self.list.item(i, 1) is not None:
                self.list.item(i, 1).setText(self._list_status(r))

    def _batch_progress(self, p: Any) -> None:
        self.progress.setValue(p.skipped + p.done)
        self._set_list_cells(p.experiment_id, p.skipped + p.done, p.skipped + p.total)
        state = self.tr("paused") if self.runner.paused else self.tr("ETA %1").replace("%1", _eta(p.eta_s))
        self.eta.setText(state)
        if p.experiment_id == self._selected_id and not self._reload_timer.isActive():
            self._reload_timer.start()

    def _batch_finished(self, eid: str, status: str) -> None:
        self.model.set_batch_active(False)
        self.eta.setText(self.tr("Finished") if status == "done" else self.status_label(status).capitalize())
        self._selected_id = eid
        self._reload_timer.stop()
        self.refresh()
        self.reload_comparison()

    def _idle_text(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")  # not "0 / 1": nothing runs
        self.eta.setText(self.tr("No experiment running"))

    def _update_buttons(self) -> None:
        running = self.runner.running
        exp = self.selected()
        self.open_button.setEnabled(not running and not self.wb.busy)
        self.new_button.setEnabled(True)
        if running:
            self.pause_button.setText(self.tr("Resume") if self.runner.paused else self.tr("Pause"))
            self.pause_button.setToolTip(self.tr("Go on with the next cell") if self.runner.paused
                                         else self.tr("Pause after the current cell"))
            self.pause_button.setEnabled(True)
        else:
            self.pause_button.setText(self.tr("Resume"))
            self.pause_button.setToolTip(self.tr("Run the cells of the selected experiment that did not finish"))
            self.pause_button.setEnabled(not self.wb.busy and bool(exp) and exp["status"] in ("cancelled", "interrupted")
                                         and bool(exp.get("source_path")))
        self.cancel_button.setEnabled(running)
        has = self.comparison is not None and bool(self.comparison.grid.rows)
        self.compare_button.setEnabled(has)
        self.export_button.setEnabled(has)
        self.review_button.setEnabled(exp is not None)

    def review(self, *, show: bool = True) -> Any:
        """The review queue over the selected experiment's cells (oldest first)."""
        from desktop.review_queue import ReviewQueue

        exp = self.selected()
        if exp is None:
            return None
        try:
            ids = [r["id"] for r in self.store.cell_runs(exp["id"], ["id"])]
        except WorkbenchError as exc:
            self.show_error(self.tr("Could not review"), str(exc))
            return None
        queue = ReviewQueue(self.store, ids, exp.get("name") or exp["id"], self)
        queue.finished.connect(lambda _r: self.reload_comparison())
        if show:
            queue.exec()
        return queue
