"""History: every logged run, newest first, searched (full text) and filtered by
model, status and date, with one run's details beside the list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from common.errors import WorkbenchError
from desktop import run_query
from desktop.history_model import RunFilter, RunTableModel
from desktop.run_detail import RunDetail
from desktop.run_status import status_label

SEARCH_DEBOUNCE_MS = 250


class HistoryView(QWidget):
    def __init__(self, store: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.model = RunTableModel(store, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search prompts and outputs"))
        self.search.setClearButtonEnabled(True)
        self.model_filter = QComboBox()
        self.status_filter = QComboBox()
        self.date_filter = QComboBox()
        for label, days in ((self.tr("Any time"), None), (self.tr("Today"), 0), (self.tr("Last 7 days"), 7),
                            (self.tr("Last 30 days"), 30)):
            self.date_filter.addItem(label, days)
        self.checks_filter = QComboBox()
        self.checks_filter.setToolTip(self.tr("Filter by the guard checks recorded with each run"))
        self.starred_filter = QCheckBox(self.tr("Starred only"))
        self.source_filter = QComboBox()
        self.source_filter.setObjectName("sourceFilter")
        self.source_filter.setToolTip(self.tr("Where the runs came from: chats, Library template runs, experiment "
                                              "cells or branches from a token"))
        self.source_filter.addItem(self.tr("All sources"), None)
        for key, label in (("chat", self.tr("Chats")), ("template", self.tr("Template runs")),
                           ("experiment", self.tr("Experiment cells")), ("branch", self.tr("Branches"))):
            self.source_filter.addItem(label, key)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = {"star": 28, "started": 145, "source": 80, "status": 75, "model": 160, "output": 320,
                  "tokens": 60, "tps": 55, "ttft": 70, "mode": 90}  # by name: columns get added
        for col, name in enumerate(self.model.COLUMNS):
            if name in widths:
                self.table.setColumnWidth(col, widths[name])
        self.detail = RunDetail(store)
        self.review_button = QPushButton(self.tr("Review…"))
        self.review_button.setToolTip(self.tr("Label the runs this search shows, from the keyboard: "
                                              "pass, fail, 1-5, corrected output, note"))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.source_filter, 1)
        filters.addWidget(self.model_filter, 1)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.date_filter, 1)
        filters.addWidget(self.checks_filter, 1)
        filters.addWidget(self.starred_filter)
        filters.addWidget(self.review_button)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("historySplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([280, 420])
        lay = QVBoxLayout(self)
        lay.addLayout(filters)
        lay.addWidget(self.splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_filters)
        for combo in (self.model_filter, self.status_filter, self.date_filter, self.checks_filter, self.source_filter):
            combo.activated.connect(self.apply_filters)
        self.starred_filter.toggled.connect(self.apply_filters)
        self.review_button.clicked.connect(lambda: self.review())
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.detail.changed.connect(lambda rid, fields: self.model.update_row(rid, **fields))
        self._dirty = True

    # -- filters -----------------------------------------------------------------
    def _fill_combo(self, combo: QComboBox, everything: str, values: list[str], labels: dict[str, str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for v in values:
            combo.addItem(labels.get(v, v), v)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def refresh(self) -> None:
        """Re-read the filters' choices and the first page (cheap: one page)."""
        try:
            models = self.store.distinct("model_name")
            statuses = self.store.distinct("status")
            check_names = run_query.check_names(self.store)
        except WorkbenchError as exc:
            self.detail.failed.emit(exc)
            return
        self._fill_checks(check_names)
        self._fill_combo(self.model_filter, self.tr("All models"), models, {})
        self._fill_combo(self.status_filter, self.tr("All statuses"), statuses, {v: status_label(v) for v in statuses})
        self.apply_filters()
        self._dirty = False

    def _fill_checks(self, names: list[str]) -> None:
        current = self.checks_filter.currentData()
        self.checks_filter.blockSignals(True)
        self.checks_filter.clear()
        for label, value in ((self.tr("Any checks"), None), (self.tr("With checks"), "has"),
                             (self.tr("Any check failed"), "fail")):
            self.checks_filter.addItem(label, value)
        for name in names:
            self.checks_filter.addItem(self.tr("%1 failed").replace("%1", name), f"fail:{name}")
        self.checks_filter.setCurrentIndex(max(0, self.checks_filter.findData(current)))
        self.checks_filter.blockSignals(False)

    def mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def current_filter(self) -> RunFilter:
        days = self.date_filter.currentData()
        since = None
        if days is not None:
            start = dt.datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
            since = (start - dt.timedelta(days=days)).astimezone(dt.UTC).isoformat(timespec="milliseconds")
        return RunFilter(search=self.search.text().strip(), model=self.model_filter.currentData(),
                         status=self.status_filter.currentData(), since_utc=since,
                         starred=True if self.starred_filter.isChecked() else None,
                         checks=self.checks_filter.currentData(), source=self.source_filter.currentData())

    def apply_filters(self) -> None:
        self._search_timer.stop()
        selected = self.detail.row["id"] if self.detail.row else None
        self.model.set_filter(self.current_filter())
        row = self.model.row_of(selected) if selected else None
        if row is not None:
            self.table.selectRow(row)
        elif self.detail.row is not None:
            self.detail.show_run(None)

    def select_run(self, run_id: str) -> None:
        row = self.model.row_of(run_id)
        if row is not None:
            self.table.selectRow(row)

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.detail.show_run(self.model.row_id(rows[0].row()) if rows else None)

    # -- tests from history, the review queue ------------------------------------------
    def _menu(self, pos: Any) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        rid = self.model.row_id(index.row())
        menu = QMenu(self)
        add = menu.addAction(self.tr("Add to test dataset…"))
        review = menu.addAction(self.tr("Review these runs…"))
        chosen = menu.exec(self.table.viewport().mapToGlobal(pos))
        if chosen is add:
            self.detail.add_to_dataset(rid)
        elif chosen is review:
            self.review(start=rid)

    def review_ids(self) -> list[str]:
        """The runs the current search and filters show, newest first (top-level runs only)."""
        from desktop.review_queue import MAX_RUNS

        rows = run_query.list_runs(self.store, **self.current_filter().kwargs(), limit=MAX_RUNS + 1)
        return [r["id"] for r in rows if not r.get("parent_id")]

    def review(self, start: str | None = None, *, show: bool = True) -> Any:
        from desktop.review_queue import ReviewQueue

        try:
            ids = self.review_ids()
        except WorkbenchError as exc:
            self.detail.failed.emit(exc)
            return None
        what = self.search.text().strip() or self.tr("History")
        queue = ReviewQueue(self.store, ids, what, self)
        if start in queue.ids:
            queue.index = queue.ids.index(start)
            queue.show_current()
        queue.finished.connect(lambda _r: self.mark_dirty())
        if show:
            queue.exec()
        return queue
