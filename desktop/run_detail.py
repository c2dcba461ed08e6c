"""One logged run: exactly what was sent, the output, every parameter and timing, and
the person's star, tags and note."""

from __future__ import annotations

import html

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from common.errors import WorkbenchError
from desktop.answer_bars import AnswerBars, record_from_extra
from desktop.branch_view import BranchesPanel
from desktop.checks_view import ChecksPanel, highlight_spans, split_by_stage
from desktop.textfmt import local_time
from desktop.token_lens import BranchPicker, TokenLens
from desktop.engine_i18n import translate_message
from desktop.run_status import status_label

PARAM_KEYS = ("temperature", "top_p", "top_k", "min_p", "repeat_penalty", "max_tokens", "stop", "seed")
RUN_KEYS = ("model_name", "model_path", "backend", "mode", "chat_format", "n_ctx", "n_threads", "n_batch",
            "gpu_layers_requested", "gpu_layers_effective", "finish_reason", "load_ms", "ttft_ms",
            "prompt_tokens", "cached_tokens", "prompt_ms", "completion_tokens", "gen_ms", "total_ms",
            "prefill_tps", "decode_tps", "started_utc", "finished_utc", "error")


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.2f}"
    if isinstance(v, (list, tuple)):
        return json.dumps(list(v), ensure_ascii=False)
    return str(v)


class RunDetail(QWidget):
    rerunRequested = Signal(str)
    openRequested = Signal(object)  # the run's row
    changed = Signal(str, object)  # run id, the fields that changed
    failed = Signal(object)
    determinismRequested = Signal(str)  # run id: re-run it with its seed and count the distinct outputs
    branchRequested = Signal(str, int, object, object)  # run id, step, replacement token id or None, text or None

    def __init__(self, store: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.row: dict[str, Any] | None = None
        self.highlighted = (0, 0)  # spans marked in the sent text and in the output
        self.header = QLabel(self.tr("Select a run to see it here."))
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sent = QPlainTextEdit()
        self.sent.setReadOnly(True)
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.params = QTableWidget(0, 2)
        self.params.setHorizontalHeaderLabels([self.tr("Setting"), self.tr("Value")])
        self.params.verticalHeader().hide()
        self.params.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.params.setWordWrap(False)
        self.params.setAlternatingRowColors(True)
        self.params.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.params.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.params.horizontalHeader().setStretchLastSection(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.output, self.tr("Output"))
        self.tabs.addTab(self.sent, self.tr("Sent to the model"))
        self.tabs.addTab(self.params, self.tr("Parameters and timings"))
        self.checks = ChecksPanel()
        self.tabs.addTab(self.checks, self.tr("Checks"))
        self.determinism = QTableWidget(0, 6)
        self.determinism.setObjectName("runDeterminism")
        self.determinism.setHorizontalHeaderLabels([
            self.tr("Configuration"), self.tr("Re-runs"), self.tr("Distinct outputs"), self.tr("Same as logged"),
            self.tr("First difference"), self.tr("Checked")])
        self.determinism.verticalHeader().hide()
        self.determinism.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.determinism.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.determinism.horizontalHeader().setStretchLastSection(True)
        self.determinism_note = QLabel()
        self.determinism_note.setWordWrap(True)
        self.determinism_button = QPushButton(self.tr("Check determinism (5 re-runs)"))
        self.determinism_button.setToolTip(self.tr("Run this again 5 times with its seed, threads and batch size, "
                                                   "and count the distinct outputs"))
        det = QWidget()
        dl = QVBoxLayout(det)
        dl.addWidget(self.determinism, 1)
        dl.addWidget(self.determinism_note)
        dl.addWidget(self.determinism_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(det, self.tr("Determinism"))
        self.lens = TokenLens()
        self.picker = BranchPicker()
        self.branches = BranchesPanel(store)
        tok = QWidget()
        tl = QVBoxLayout(tok)
        tl.addWidget(self.lens, 3)
        tl.addWidget(self.picker, 1)
        self.tabs.addTab(tok, self.tr("Tokens"))
        self.tabs.addTab(self.branches, self.tr("Branches"))
        self.lens.stepClicked.connect(self.picker.select)
        self.picker.branchRequested.connect(lambda at, token, text: self.row and self.branchRequested.emit(
            self.row["id"], at, token, text))
        self.branches.failed.connect(self.failed)

        self.star = QCheckBox(self.tr("Starred"))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("comma-separated tags"))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("A note about this run"))
        self.note.setMaximumHeight(70)
        self.save_button = QPushButton(self.tr("Save tags and note"))
        self.rerun_button = QPushButton(self.tr("Re-run"))
        self.open_button = QPushButton(self.tr("Open in playground"))
        self.dataset_button = QPushButton(self.tr("Add to test dataset…"))
        self.dataset_button.setToolTip(self.tr("This run as a test row: its variables (or prompt), its output or a "
                                               "corrected one as expected, and its id"))
        self.dataset_path = ""  # the last file a row went to

        form = QFormLayout()
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("Note"), self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.star)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.rerun_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.dataset_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.header)
        lay.addWidget(self.tabs, 1)
        self.answer_bars = AnswerBars()  # a choice constraint's answers, scored (desktop/answer_bars.py)
        lay.addWidget(self.answer_bars)
        lay.addLayout(form)
        lay.addLayout(buttons)

        self.star.toggled.connect(self._star_toggled)
        self.save_button.clicked.connect(self.save_notes)
        self.rerun_button.clicked.connect(lambda: self.row and self.rerunRequested.emit(self.row["id"]))
        self.open_button.clicked.connect(lambda: self.row and self.openRequested.emit(self.row))
        self.dataset_button.clicked.connect(lambda: self.add_to_dataset())
        self.determinism_button.clicked.connect(lambda: self.row and self.determinismRequested.emit(self.row["id"]))
        self.show_run(None)

    def show_run(self, run_id: str | None) -> None:
        row = None
        if run_id:
            try:
                row = self.store.get_run(run_id)
            except WorkbenchError as exc:
                self.failed.emit(exc)
        self.row = row
        for w in (self.star, self.tags, self.note, self.save_button, self.rerun_button, self.open_button,
                  self.dataset_button):
            w.setEnabled(row is not None)
        self.determinism_button.setEnabled(row is not None and row.get("status") == "ok")
        self._fill_determinism(row)
        self._fill_tokens(row)
        self.star.blockSignals(True)
        if row is None:
            self.header.setText(self.tr("Select a run to see it here."))
            for w in (self.sent, self.output, self.note):
                w.clear()
            self.tags.clear()
            self.params.setRowCount(0)
            self.checks.show_checks([], None, None)
            self.answer_bars.set_record(None)
            self._checks_title(0, 0)
            self.star.setChecked(False)
            self.star.blockSignals(False)
            return
        status = status_label(row.get("status"))
        error = html.escape(translate_message(row["error"])) if row.get("error") else ""
        self.header.setText(
            f"<b>{row['id']}</b> · {html.escape(row.get('model_name') or '')} · {status} · "
            f"{local_time(row.get('started_utc'))}" + (f"<br>{error}" if error else ""))
        self.sent.setPlainText(row.get("sent_text") or "")
        self.output.setPlainText(row.get("output") or "")
        self.star.setChecked(bool(row.get("starred")))
        self.star.blockSignals(False)
        self.tags.setText(row.get("tags") or "")
        self.note.setPlainText(row.get("note") or "")
        self._fill_params(row)
        self._fill_checks(row)
        self.answer_bars.set_record(record_from_extra(row.get("extra_json")))

    def add_to_dataset(self, run_id: str | None = None, *, show: bool = True) -> Any:
        """The Add to test dataset dialog for this run (or ``run_id``); it remembers the file."""
        from desktop.dataset_row import AddToDatasetDialog

        rid = run_id or (self.row["id"] if self.row else None)
        if rid is None:
            return None
        try:
            dialog = AddToDatasetDialog(self.store, rid, self.dataset_path, self)
        except WorkbenchError as exc:
            self.failed.emit(exc)
            return None
        dialog.written.connect(lambda path, _n: setattr(self, "dataset_path", path))
        if show:
            dialog.exec()
        return dialog

    def _fill_checks(self, row: dict[str, Any]) -> None:
        try:
            rows = self.store.checks_for(row["id"])
        except WorkbenchError as exc:
            self.failed.emit(exc)
            rows = []
        self.checks.show_checks(rows, row.get("constraint_json"), row.get("extra_json"))
        inputs, outputs = split_by_stage(rows)
        self.highlighted = (highlight_spans(self.sent.document(), inputs),
                            highlight_spans(self.output.document(), outputs))
        self._checks_title(len(rows), self.checks.failed_count())

    def _fill_determinism(self, row: dict[str, Any] | None) -> None:
        """One line per model configuration checked (threads, batch size): distinct outputs of N re-runs."""
        from runs.store import loads_object

        entries = [] if row is None else [e for e in loads_object(row.get("extra_json")).get("determinism") or []
                                          if isinstance(e, dict)]
        self.determinism.setRowCount(len(entries))
        for r, e in enumerate(entries):
            fd = e.get("first_difference") or {}
            if not fd:
                where = self.tr("none: reproducible here") if e.get("runs", 0) > 1 else self.tr("one run")
            else:
                at = (self.tr("token %1").replace("%1", str(fd["token"])) if "token" in fd
                      else self.tr("character %1").replace("%1", str(fd.get("char"))))
                where = at + ": " + " vs ".join(repr(t) for t in (fd.get("tokens") or [])[:3])
            values = (str(e.get("config", "")), str(e.get("runs", "")), str(e.get("distinct", "")),
                      f"{e.get('same_as_logged', '')}/{e.get('runs', '')}", where,
                      local_time(e.get("checked_utc")))
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 2 and isinstance(e.get("distinct"), int):
                    item.setBackground(QColor(46, 160, 67, 70) if e["distinct"] == 1 else QColor(220, 50, 47, 70))
                self.determinism.setItem(r, c, item)
        if row is None:
            self.determinism_note.setText("")
        elif not entries:
            self.determinism_note.setText(self.tr("Not checked yet. Also: python main.py determinism %1 -n 5 "
                                                  "--threads 1,2 --batch 8,512").replace("%1", row["id"]))
        else:
            self.determinism_note.setText(self.tr("Same seed each time; a configuration is the thread count and "
                                                  "batch size the model was loaded with."))

    def _fill_tokens(self, row: dict[str, Any] | None) -> None:
        trace = None
        if row is not None:
            try:
                trace = self.store.tokens(row["id"])
            except WorkbenchError as exc:
                self.failed.emit(exc)
        self.lens.show_trace(trace, None if row is not None else "")
        self.picker.set_trace(trace)
        self.branches.show_tree(row["id"] if row is not None else None)

    def show_branch(self, run_id: str) -> None:
        """Bring the Branches tab forward with ``run_id`` (a branch in this run's tree) selected."""
        self.branches.show_tree(self.row["id"] if self.row else run_id, select=run_id)
        self.tabs.setCurrentWidget(self.branches)

    def set_branching(self, busy: bool) -> None:
        self.picker.set_busy(busy)

    def _checks_title(self, n: int, failed: int) -> None:
        i = self.tabs.indexOf(self.checks)
        if failed:
            title = self.tr("Checks (%1, %2 failed)").replace("%1", str(n)).replace("%2", str(failed))
        else:
            title = self.tr("Checks (%1)").replace("%1", str(n)) if n else self.tr("Checks")
        self.tabs.setTabText(i, title)

    def _fill_params(self, row: dict[str, Any]) -> None:
        try:
            params = json.loads(row.get("params_json") or "{}")
        except ValueError:
            params = {}
        pairs = [(k, params.get(k)) for k in PARAM_KEYS if k in params]
        pairs += [(k, row.get(k)) for k in RUN_KEYS if k in row]
        self.params.setRowCount(len(pairs))
        for i, (k, v) in enumerate(pairs):
            self.params.setItem(i, 0, QTableWidgetItem(k))
            self.params.setItem(i, 1, QTableWidgetItem(_fmt(v)))

    def _star_toggled(self, on: bool) -> None:
        if self.row is None:
            return
        try:
            self.store.set_starred(self.row["id"], on)
        except WorkbenchError as exc:
            self.failed.emit(exc)
            return
        self.row["starred"] = 1 if on else 0
        self.changed.emit(self.row["id"], {"starred": 1 if on else 0})

    def save_notes(self) -> None:
        if self.row is None:
            return
        rid = self.row["id"]
        try:
            self.store.set_tags(rid, self.tags.text().split(","))
            self.store.set_note(rid, self.note.toPlainText())
            tags = self.store.get_run(rid).get("tags") or ""
        except WorkbenchError as exc:
            self.failed.emit(exc)
            return
        self.tags.setText(tags)
        self.changed.emit(rid, {"tags": tags})
