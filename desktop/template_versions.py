"""A template's versions (Library > Versions…): each saved version with its time, short hash,
message and the labels on it; set or move a label (rollback is moving ``production`` back),
with every move listed; edit a version's message; compare any two versions; and the chosen
version's pass rate in each experiment that used it, with its interval."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from common.errors import TemplateError, WorkbenchError
from desktop.boxes import titled
from desktop.template_editor import ERROR_STYLE
from desktop.textfmt import local_time
from desktop.version_diff import VersionDiffDialog
from prompt_library.library import check_label

ID_ROLE = Qt.ItemDataRole.UserRole
SUGGESTED = ("production", "baseline", "candidate")
MAX_MESSAGE = 500


def _tree(headers: list[str]) -> QTreeWidget:
    t = QTreeWidget()
    t.setHeaderLabels(headers)
    t.setRootIsDecorated(False)
    t.setAlternatingRowColors(True)
    t.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.header().setStretchLastSection(True)
    return t


class VersionsDialog(QDialog):
    openVersion = Signal(str)  # a version file's path, for the editor
    labelMoved = Signal(str, str)  # label, version id
    scoresShown = Signal(str)  # the version id whose score history is shown

    def __init__(self, workbench: Any, library: Any, name: str, values: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.wb = workbench
        self.store = workbench.engine.store
        self.library = library
        self.name = name
        self.values = dict(values or {})
        self.rows: list[dict[str, Any]] = []
        self.setWindowTitle(self.tr("Versions of %1").replace("%1", name))
        self.resize(1000, 620)

        self.table = _tree([self.tr("Version"), self.tr("Saved"), self.tr("Id"), self.tr("Labels"),
                            self.tr("Message")])
        self.table.setObjectName("versionList")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.label_button = QPushButton(self.tr("Set label…"))
        self.label_button.setToolTip(self.tr("Point a label (production, baseline…) at this version; moving it "
                                             "back is a rollback, and every move is kept"))
        self.message_button = QPushButton(self.tr("Edit message…"))
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setToolTip(self.tr("Side by side: the two selected versions (one selected: against "
                                               "the latest), YAML and rendered prompt"))
        self.open_button = QPushButton(self.tr("Open in editor"))
        self.moves = _tree([self.tr("Moved"), self.tr("Label"), self.tr("To"), self.tr("From")])
        self.moves.setObjectName("labelMoves")
        self.scores = _tree([self.tr("Experiment"), self.tr("Started"), self.tr("Pass rate (95% interval)")])
        self.scores.setObjectName("versionScores")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        for b in (self.label_button, self.message_button, self.compare_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(titled(self.tr("Label moves"), self.moves))
        bottom.addWidget(titled(self.tr("Score history of the selected version"), self.scores))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(bottom)
        split.setSizes([330, 200])
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)
        lay.addLayout(buttons)

        self.label_button.clicked.connect(lambda: self.set_label())
        self.message_button.clicked.connect(lambda: self.set_message())
        self.compare_button.clicked.connect(lambda: self.compare())
        self.open_button.clicked.connect(self._open)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh()

    # -- reading -----------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        select = select or (self.selected_ids() or [None])[0]
        try:
            versions = self.library.versions(self.name)
            messages = self.store.template_messages(self.name)
            labels: dict[str, list[str]] = {}
            for row in self.store.template_labels(self.name):
                labels.setdefault(row["template_id"], []).append(row["label"])
            moves = self.store.template_label_moves(self.name)
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return
        self.rows = [{"version": v.version, "id": v.id, "path": str(v.path), "saved_utc": v.saved_utc,
                      "message": messages.get(v.id, ""), "labels": sorted(labels.get(v.id, []))}
                     for v in reversed(versions)]  # newest first
        self.table.blockSignals(True)
        self.table.clear()
        for r in self.rows:
            item = QTreeWidgetItem([f"v{r['version']}", local_time(r["saved_utc"]), r["id"][:12],
                                    ", ".join(r["labels"]), r["message"]])
            item.setData(0, ID_ROLE, r["id"])
            item.setToolTip(2, r["id"])
            self.table.addTopLevelItem(item)
        self.table.blockSignals(False)
        numbers = {r["id"]: f"v{r['version']}" for r in self.rows}
        self.moves.clear()
        for m in reversed(moves):  # newest first
            was = m["previous_id"]
            self.moves.addTopLevelItem(QTreeWidgetItem([
                local_time(m["moved_utc"]), m["label"], numbers.get(m["template_id"], m["template_id"][:12]),
                numbers.get(was, was[:12]) if was else self.tr("(new label)")]))
        if not self.rows:
            self._say(self.tr("%1 has no saved versions yet: save it once to start its history.")
                      .replace("%1", self.name))
        target = next((i for i, r in enumerate(self.rows) if r["id"] == select), 0)
        if self.rows:
            self.table.setCurrentItem(self.table.topLevelItem(target))
        self._selection_changed()

    def selected_ids(self) -> list[str]:
        """The selected versions' ids, oldest first."""
        picked = {i.data(0, ID_ROLE) for i in self.table.selectedItems()}
        return [r["id"] for r in reversed(self.rows) if r["id"] in picked]

    def row_of(self, version_id: str) -> dict[str, Any]:
        return next(r for r in self.rows if r["id"] == version_id)

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        for b in (self.label_button, self.message_button, self.open_button):
            b.setEnabled(len(ids) == 1)
        self.compare_button.setEnabled(len(ids) == 2 or (len(ids) == 1 and len(self.rows) > 1))
        if len(ids) == 1:
            self.load_scores(ids[0])

    def load_scores(self, version_id: str) -> None:
        from reports.version_scores import score_text, version_scores

        store = self.store

        def done(scores: list[Any]) -> None:
            if self.selected_ids() != [version_id]:
                return
            self.scores.clear()
            for s in scores:
                item = QTreeWidgetItem([s.experiment_name or s.experiment_id[:12], local_time(s.created_utc),
                                        score_text(s)])
                item.setToolTip(0, s.experiment_id)
                if s.estimate is not None:
                    item.setToolTip(2, s.estimate.method)
                self.scores.addTopLevelItem(item)
            if not scores:
                self.scores.addTopLevelItem(QTreeWidgetItem([self.tr("No experiment has used this version yet.")]))
            self.scoresShown.emit(version_id)

        self.wb.background(lambda: version_scores(store, version_id), done,
                           lambda err: self._say(str(err), error=True))

    # -- acting ------------------------------------------------------------------
    def _one(self, version_id: str | None) -> str | None:
        if version_id is not None:
            return version_id
        ids = self.selected_ids()
        if len(ids) != 1:
            self._say(self.tr("Select one version."), error=True)
            return None
        return ids[0]

    def set_label(self, label: str | None = None, version_id: str | None = None) -> bool:
        """Point ``label`` at the version (asked for when not given); True when it moved."""
        vid = self._one(version_id)
        if vid is None:
            return False
        if label is None:
            known = sorted({m["label"] for m in self.store.template_label_moves(self.name)} | set(SUGGESTED))
            label, ok = QInputDialog.getItem(self, self.tr("Set label"), self.tr("Label for %1:").replace(
                "%1", f"v{self.row_of(vid)['version']}"), known, 0, True)
            if not ok:
                return False
        try:
            label = check_label(label)
            t = self.library.version(self.name, vid)
            previous = self.store.move_template_label(self.name, label, t.id, t.yaml_text)
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return False
        self.refresh(select=vid)
        number = f"v{self.row_of(vid)['version']}"
        if previous and previous != vid:
            was = next((f"v{r['version']}" for r in self.rows if r["id"] == previous), previous[:12])
            self._say(self.tr("%1 moved from %2 to %3.").replace("%1", f"{self.name}@{label}")
                      .replace("%2", was).replace("%3", number))
        else:
            self._say(self.tr("%1 points at %2.").replace("%1", f"{self.name}@{label}").replace("%2", number))
        self.labelMoved.emit(label, vid)
        return True

    def set_message(self, message: str | None = None, version_id: str | None = None) -> bool:
        vid = self._one(version_id)
        if vid is None:
            return False
        if message is None:
            message, ok = QInputDialog.getText(self, self.tr("Version message"), self.tr("What changed in %1:")
                                               .replace("%1", f"v{self.row_of(vid)['version']}"),
                                               text=self.row_of(vid)["message"])
            if not ok:
                return False
        message = " ".join(message.split())
        if len(message) > MAX_MESSAGE:
            self._say(self.tr("A message is at most %1 characters.").replace("%1", str(MAX_MESSAGE)), error=True)
            return False
        try:
            self.store.set_template_message(vid, self.name, message)
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return False
        self.refresh(select=vid)
        self._say(self.tr("Message saved."))
        return True

    def compare(self, a_id: str | None = None, b_id: str | None = None, *, show: bool = True) -> Any:
        """The diff dialog of two versions (default: the two selected, or the one selected
        against the latest), older on the left."""
        if a_id is None or b_id is None:
            ids = self.selected_ids()
            if len(ids) == 1 and self.rows and ids[0] != self.rows[0]["id"]:
                ids = [ids[0], self.rows[0]["id"]]
            if len(ids) != 2:
                self._say(self.tr("Select two versions to compare."), error=True)
                return None
            a_id, b_id = ids
        try:
            a, b = self.library.version(self.name, a_id), self.library.version(self.name, b_id)
        except TemplateError as exc:
            self._say(str(exc), error=True)
            return None
        heads = tuple(f"v{self.row_of(x)['version']} · {x[:12]}" if any(r["id"] == x for r in self.rows)
                      else x[:12] for x in (a_id, b_id))
        dialog = VersionDiffDialog(a, b, self.values, (heads[0], heads[1]), self)
        if show:
            dialog.exec()
        return dialog

    def _open(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            path = self.row_of(ids[0])["path"]
            if Path(path).is_file():
                self.openVersion.emit(path)
                self.accept()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
