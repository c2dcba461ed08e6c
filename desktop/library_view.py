"""The Library: every template (built-in and the user's; broken files listed with
their error), the editor, versions, import/export, and Run, which runs the template
with the form's values through its pattern on a worker, one tab per stage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from common.errors import TemplateError, WorkbenchError
from desktop.checks_view import ChecksPanel, highlight_spans, split_by_stage
from desktop.controller import Workbench
from desktop.params_panel import ParamsPanel
from desktop.stage_results import StageResults
from desktop.template_editor import ERROR_STYLE, TemplateEditor
from prompt_library import TemplateInfo, TemplateLibrary
from runs.spec import RunSpec
from desktop.engine_i18n import translate_message

NAME_ROLE = Qt.ItemDataRole.UserRole


class LibraryView(QWidget):
    templateSaved = Signal(str)  # version id
    runRequested = Signal()
    checksShown = Signal(object)  # the check rows shown beside a template run's output

    def __init__(self, workbench: Workbench, params: ParamsPanel, library: TemplateLibrary,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.wb = workbench
        self.params_panel = params
        self.library = library
        self.infos: dict[str, TemplateInfo] = {}
        self.current: str | None = None
        self.running = False
        self.outcome: Any = None
        self.highlighted = 0  # spans highlighted in the last run's output

        self.list = QTreeWidget()
        self.list.setHeaderLabels([self.tr("Template"), self.tr("Pattern"), self.tr("Lang."), self.tr("Origin")])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.header().setStretchLastSection(False)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for col in (1, 2, 3):
            self.list.header().setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self.import_button = QPushButton(self.tr("Import…"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.duplicate_button = QPushButton(self.tr("Duplicate…"))
        self.new_button = QPushButton(self.tr("New…"))
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Remove from the library; saved versions stay for the runs that used them"))
        left = QWidget()
        llay = QVBoxLayout(left)
        llay.setContentsMargins(0, 0, 0, 0)
        llay.addWidget(self.list, 1)
        # three to a row, so the buttons do not set the list's width on a laptop screen
        grid = QGridLayout()
        for i, b in enumerate((self.new_button, self.duplicate_button, self.rename_button,
                               self.import_button, self.export_button, self.delete_button)):
            grid.addWidget(b, i // 3, i % 3)
        llay.addLayout(grid)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.editor = TemplateEditor(workbench, self.base_spec)
        self.versions = QComboBox()
        self.versions.setToolTip(self.tr("Every saved version is kept, named by its content hash"))
        self.versions.setMinimumContentsLength(18)
        self.versions_button = QPushButton(self.tr("Versions…"))
        self.versions_button.setToolTip(self.tr("Every version with its labels and message; move a label, "
                                                "compare two versions, see each one's scores"))
        self.save_button = QPushButton(self.tr("Save as new version"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S): the library keeps every version by its content hash"))
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Run the template with these values through its pattern"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.guards_button = QPushButton(self.tr("Guards…"))
        self.guards_button.setToolTip(self.tr("Pick checks from the registry for this template (its guards: block)"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.versions_button)  # stands as the combo's label too (the row fits 1366 px)
        buttons.addWidget(self.versions)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.guards_button)
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.run_button)

        self.results = StageResults()
        self.checks = ChecksPanel()  # the run's verdicts and constraint, beside its output
        self.results_split = QSplitter(Qt.Orientation.Horizontal)
        self.results_split.addWidget(self.results)
        self.results_split.addWidget(self.checks)
        self.results_split.setSizes([600, 360])
        self.right_split = QSplitter(Qt.Orientation.Vertical)
        self.right_split.addWidget(self.editor)
        self.right_split.addWidget(self.results_split)
        self.right_split.setSizes([520, 160])
        self.right_split.setChildrenCollapsible(False)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.title)
        rl.addWidget(self.right_split, 1)
        rl.addWidget(self.message)
        rl.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("librarySplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([380, 900])
        self.splitter.setChildrenCollapsible(False)
        self.values_by_template: dict[str, dict[str, Any]] = {}  # the form's values, kept per template
        lay = QVBoxLayout(self)
        lay.addWidget(self.splitter)

        self.list.currentItemChanged.connect(self._picked)
        self.save_button.clicked.connect(self.save)
        self.duplicate_button.clicked.connect(lambda: self.duplicate())
        self.new_button.clicked.connect(lambda: self.new_template())
        self.rename_button.clicked.connect(lambda: self.rename())
        self.delete_button.clicked.connect(lambda: self.delete())
        self.editor.patternDropped.connect(lambda _k: self._say(self.editor.patternNote))
        self.import_button.clicked.connect(lambda: self.import_file())
        self.export_button.clicked.connect(lambda: self.export_file())
        self.versions.activated.connect(self._version_picked)
        self.versions_button.clicked.connect(lambda: self.open_versions())
        self.run_button.clicked.connect(self.run)
        self.guards_button.clicked.connect(lambda: self.pick_guards())
        self.stop_button.clicked.connect(self.wb.stop)
        self.editor.templateChanged.connect(lambda _t: self.update_gate())
        self.editor.dirtyChanged.connect(lambda _d: self.update_gate())
        self.params_panel.changed.connect(self.update_gate)
        self.wb.loadedChanged.connect(self.update_gate)
        self.wb.templateText.connect(self._stage_text)
        self.wb.templateFinished.connect(self._finished)
        self.wb.failed.connect(self._failed)
        self.refresh_list()

    # -- the list ------------------------------------------------------------------
    def refresh_list(self, select: str | None = None) -> None:
        select = select or self.current
        self.list.blockSignals(True)
        self.list.clear()
        self.infos = {}
        origin = {"builtin": self.tr("built-in"), "user": self.tr("yours")}
        for info in self.library.list():
            item = QTreeWidgetItem([info.name, info.pattern if not info.error else self.tr("error"),
                                    info.language, origin.get(info.origin, info.origin)])
            key = info.name if not info.error else f"!{info.path}"
            item.setData(0, NAME_ROLE, key)
            if info.error:
                for col in range(4):
                    item.setForeground(col, QColor("#c62828"))
                    item.setToolTip(col, info.error)
            else:
                tip = info.title + (f"\n{info.description}" if info.description else "")
                if info.shadows_builtin:
                    tip += "\n" + self.tr("Your version replaces the built-in template of this name.")
                item.setToolTip(0, tip.strip())
            self.infos[key] = info
            self.list.addTopLevelItem(item)
        self.list.blockSignals(False)
        self._fit_columns()
        for i in range(self.list.topLevelItemCount()):
            if self.list.topLevelItem(i).data(0, NAME_ROLE) == select:
                self.list.setCurrentItem(self.list.topLevelItem(i))
                return
        if self.current is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))

    def _fit_columns(self) -> None:
        """Columns 1-3 as wide as their widest text with room to spare (Qt's own
        fit-to-contents measures CJK text a little short)."""
        fm = self.list.fontMetrics()
        total = 0
        for col in (0, 1, 2, 3):
            texts = [self.list.headerItem().text(col)] + [
                self.list.topLevelItem(i).text(col) for i in range(self.list.topLevelItemCount())]
            width = max(fm.horizontalAdvance(t) for t in texts) + (24 if col == 0 else 12)
            self.list.setColumnWidth(col, width)
            total += width
        # the list as wide as its whole names need (the splitter still resizes it)
        self._want = total + self.list.frameWidth() * 2 + 24
        self._fit_split()
        self.list.setMinimumWidth(min(self._want, self.list.columnWidth(0) + self.list.frameWidth() * 2 + 8, 320))

    def _fit_split(self) -> None:
        want = getattr(self, "_want", 0)
        sizes = self.splitter.sizes() if hasattr(self, "splitter") else []
        if want and sizes and sum(sizes) > 0:
            full = sum(sizes)
            left = min(want, int(full * (0.45 if full >= 1100 else 0.29)))  # a laptop: the editor needs room
            if sizes[0] < left or (full < 1100 and sizes[0] > left):  # grow to fit; on a laptop also shrink
                self.splitter.setSizes([left, full - left])

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_split)  # from a wide window to a laptop's: the editor gets the room back

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._fit_columns()  # the splitter's real width is known now

    def names(self) -> list[str]:
        return [self.list.topLevelItem(i).text(0) for i in range(self.list.topLevelItemCount())]

    def select(self, name: str) -> None:
        for i in range(self.list.topLevelItemCount()):
            if self.list.topLevelItem(i).data(0, NAME_ROLE) == name:
                self.list.setCurrentItem(self.list.topLevelItem(i))

    def _picked(self, item: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        key = item.data(0, NAME_ROLE)
        if key == self.current:
            return
        if self.editor.dirty and previous is not None and QMessageBox.question(
                self, self.tr("Unsaved changes"), self.tr("Discard the changes to %1?").replace("%1", self.current or "")
        ) != QMessageBox.StandardButton.Yes:
            self.list.blockSignals(True)
            self.list.setCurrentItem(previous)
            self.list.blockSignals(False)
            return
        self.open(key)

    def open(self, key: str) -> None:
        info = self.infos.get(key)
        if self.editor.template is not None and self.current is not None:
            self.values_by_template[self.editor.template.name] = self.editor.form.values()
        self.editor.form.set_variables([])  # values never leak from one template into another
        self.current = key
        if info is not None and info.error:
            try:
                text = Path(info.path).read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                text = ""
                self._say(str(exc), error=True)
            self.title.setText(f"<b>{info.name}</b> · {info.path}")
            self.editor.load(text)
        else:
            try:
                t = self.library.get(key)
            except TemplateError as exc:
                self._say(str(exc), error=True)
                return
            self.title.setText(f"<b>{t.spec.title or t.name}</b> · {t.name} · {t.spec.description}")
            self.editor.load(t.yaml_text)
            self.editor.form.set_values(self.values_by_template.get(t.name, {}))
            self._say("")
        self._fill_versions()
        self.update_gate()

    def _fill_versions(self) -> None:
        self.versions.clear()
        name = self.editor.template.name if self.editor.template else None
        versions = self.library.versions(name) if name else []
        labels: dict[str, list[str]] = {}
        try:
            for row in self.wb.engine.store.template_labels(name) if name else []:
                labels.setdefault(row["template_id"], []).append(row["label"])
        except WorkbenchError:
            pass  # the list still shows; the labels come back with the log
        for v in reversed(versions):
            tag = f" · {', '.join(labels[v.id])}" if v.id in labels else ""
            self.versions.addItem(f"v{v.version} · {v.saved_utc[:10]} · {v.id[:10]}{tag}", str(v.path))
        current = self.editor.template.id if self.editor.template else None
        idx = next((i for i, v in enumerate(reversed(versions)) if v.id == current), -1)
        if not versions:
            self.versions.addItem(self.tr("built-in, not edited"), None)
        self.versions.setCurrentIndex(max(0, idx))
        self.versions.setEnabled(bool(versions))

    def open_versions(self, *, show: bool = True) -> Any:
        """The versions dialog of the template in the editor (diffs render with the form's values)."""
        from desktop.template_versions import VersionsDialog

        t = self.editor.template
        if t is None:
            self._say(self.tr("Fix the template's error first."), error=True)
            return None
        dialog = VersionsDialog(self.wb, self.library, t.name, self.editor.form.values(), self)
        dialog.openVersion.connect(self._open_version_file)
        if show:
            dialog.exec()
            self._fill_versions()
        return dialog

    def _version_picked(self, index: int) -> None:
        self._open_version_file(self.versions.itemData(index))

    def _open_version_file(self, path: str | None) -> None:
        if path:
            try:
                self.editor.text.setPlainText(Path(path).read_text(encoding="utf-8"))
            except OSError as exc:
                self._say(str(exc), error=True)
                return
            self.editor.parse()
            self._say(self.tr("An older version is in the editor: Save makes it the latest again."))

    # -- saving, files -------------------------------------------------------------
    def save(self) -> str | None:
        try:
            tid = self.library.save(self.editor.text.toPlainText())
        except TemplateError as exc:
            self._say(str(exc), error=True)
            return None
        self.editor.mark_saved()
        name = self.editor.template.name if self.editor.template else None
        if name:  # the values typed for it stay when the saved version is opened
            self.values_by_template[name] = self.editor.form.values()
        self.current = None
        self.refresh_list(select=name)
        self._fill_versions()
        number = next((v.version for v in self.library.versions(name or "") if v.id == tid), None)
        self._say(self.tr("Saved version %1 (%2).").replace("%1", str(number or "?")).replace("%2", tid[:12]))
        self.templateSaved.emit(tid)
        return tid

    def duplicate(self, new_name: str | None = None) -> None:
        t = self.editor.template
        if t is None:
            return
        if new_name is None:
            new_name, ok = QInputDialog.getText(self, self.tr("Duplicate template"), self.tr("Name of the copy:"),
                                                text=f"{t.name}-copy")
            if not ok or not new_name.strip():
                return
        try:
            copy = self.library.duplicate(t.name, new_name.strip())
        except TemplateError as exc:
            self._say(str(exc), error=True)
            return
        self.values_by_template[copy.name] = self.editor.form.values()  # the copy starts with the same inputs
        self.current = None
        self.refresh_list(select=copy.name)
        self._say(self.tr("Copied to %1.").replace("%1", copy.name))

    def new_template(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New template"), self.tr("Name:"), text="my-template")
            if not ok or not name.strip():
                return
        name = name.strip()
        if name in self.infos:
            self._say(self.tr("A template named %1 already exists.").replace("%1", name), error=True)
            return
        text = (f"name: {name}\ntitle: {name}\npattern:\n  name: zero-shot\nvariables:\n  - name: question\n"
                "prompt: |\n  {{ question }}\n")
        try:
            self.library.save(text)
        except TemplateError as exc:
            self._say(str(exc), error=True)
            return
        self.current = None
        self.refresh_list(select=name)
        self._say(self.tr("Created %1.").replace("%1", name))

    def rename(self, new_name: str | None = None) -> None:
        t = self.editor.template
        info = self.infos.get(self.current or "")
        if t is None or info is None or info.origin != "user":
            self._say(self.tr("Only your own templates can be renamed; duplicate a built-in one instead."), error=True)
            return
        if new_name is None:
            new_name, ok = QInputDialog.getText(self, self.tr("Rename template"), self.tr("New name:"), text=t.name)
            if not ok or not new_name.strip() or new_name.strip() == t.name:
                return
        try:
            self._keep_versions_for_runs(t.name)
            copy = self.library.rename(t.name, new_name.strip())
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return
        self.current = None
        self.refresh_list(select=copy.name)
        self._say(self.tr("Renamed %1 to %2.").replace("%1", t.name).replace("%2", copy.name))

    def delete(self, confirm: bool = True) -> None:
        t = self.editor.template
        info = self.infos.get(self.current or "")
        if t is None or info is None or info.origin != "user":
            self._say(self.tr("Built-in templates cannot be deleted."), error=True)
            return
        if confirm and QMessageBox.question(
                self, self.tr("Delete template"),
                self.tr("Delete %1? Its saved versions stay for the runs that used them.").replace("%1", t.name)
        ) != QMessageBox.StandardButton.Yes:
            return
        try:
            self._keep_versions_for_runs(t.name)
            self.library.delete(t.name)
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return
        self.current = None
        self.editor.load("")
        self.refresh_list()
        self._say(self.tr("Deleted %1; its versions are kept.").replace("%1", t.name))

    def _keep_versions_for_runs(self, name: str) -> None:
        """Every saved version into the run log's templates table, where runs find them."""
        store = self.wb.engine.store
        for v in self.library.versions(name):
            store.ensure_template(v.id, name, Path(v.path).read_text(encoding="utf-8"))

    def import_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a template"), "",
                                                  self.tr("Templates (*.yaml *.yml)"))
            if not path:
                return
        try:
            t = self.library.import_file(path)
        except TemplateError as exc:
            self._say(str(exc), error=True)
            return
        self.current = None
        self.refresh_list(select=t.name)
        self._say(self.tr("Imported %1.").replace("%1", t.name))

    def export_file(self, path: str | None = None) -> None:
        t = self.editor.template
        if t is None:
            return
        if self.editor.dirty:
            self._say(self.tr("Save first: Export writes the saved version."), error=True)
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the template"), f"{t.name}.yaml",
                                                  self.tr("Templates (*.yaml *.yml)"))
            if not path:
                return
        try:
            target = self.library.export_file(t.id, path)
        except TemplateError as exc:
            self._say(str(exc), error=True)
            return
        self._say(self.tr("Exported to %1.").replace("%1", str(target)))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(translate_message(text))  # engine messages in the window's language
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    # -- running -------------------------------------------------------------------
    def base_spec(self) -> RunSpec:
        ls = self.wb.load_settings
        return RunSpec(prompt="-", model=self.wb.selected, params=self.params_panel.params(), **ls.spec_fields())

    def gate(self) -> tuple[bool, str]:
        if self.wb.busy:
            return False, self.tr("Busy: wait for the current task to end.")
        if self.editor.template is None:
            return False, self.tr("Fix the template's error to run it.")
        try:
            self.params_panel.params()
        except WorkbenchError as exc:
            return False, str(exc)
        return True, ""

    def update_gate(self) -> None:
        ok, why = self.gate()
        self.run_button.setEnabled(ok)
        self.run_button.setToolTip(why or self.tr("Run the template with these values through its pattern"))
        self.stop_button.setEnabled(self.running and self.wb.generating)
        self.save_button.setEnabled(self.editor.dirty and self.editor.template is not None)

    def run(self) -> None:
        ok, why = self.gate()
        if not ok:
            self._say(why, error=True)
            return
        t = self.editor.template
        assert t is not None
        values = self.editor.form.values()
        try:
            t.coerce(values)
            base = self.base_spec()
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return
        self.results.clear()
        self.checks.show_checks([], None, None)
        self._say(self.tr("Running %1 (%2)…").replace("%1", t.name).replace("%2", t.pattern.name))
        self.running = True
        self.wb.run_template(t, values, base)
        self.update_gate()

    def _stage_text(self, stage: str, text: str) -> None:
        if self.running:
            self.results.append(stage, text)

    def _finished(self, outcome: Any) -> None:
        if not self.running:
            return
        self.running = False
        self.outcome = outcome
        self.results.show_outcome(outcome)
        self._say(outcome.error or "", error=bool(outcome.error))
        self.update_gate()
        self._load_checks(outcome)

    def _load_checks(self, outcome: Any) -> None:
        """The checks of the run and its stages, from the log, beside the output; spans
        highlighted in the answer stage's text."""
        store = self.wb.engine.store
        ids = [outcome.run_id] + [s.run_id for s in outcome.stages if s.run_id and s.run_id != outcome.run_id]

        def work() -> tuple[list[dict[str, Any]], dict[str, Any]]:
            rows = [row for rid in ids for row in store.checks_for(rid)]  # with their spans
            return rows, store.get_run(outcome.stages[-1].run_id if outcome.stages
                                                            else outcome.run_id)

        def done(result: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
            rows, run = result
            self.checks.show_checks(rows, run.get("constraint_json"), run.get("extra_json"))
            view = self.results._view(self.results.names()[-1]) if self.results.names() else None
            if view is not None:
                self.highlighted = highlight_spans(view.document(), split_by_stage(rows)[1])
            self.checksShown.emit(rows)

        self.wb.background(work, done, lambda err: self._say(str(err), error=True))

    def pick_guards(self, policy: dict[str, Any] | None = ..., *, dialog: Any = None) -> Any:
        """The guard picker for the template in the editor; its choice is written into the
        YAML's ``guards:`` block as one undoable edit. ``policy`` given: written without
        asking (tests, scripts)."""
        from desktop.guard_picker import GuardPicker
        from desktop.yaml_edit import with_entry

        t = self.editor.template
        if t is None:
            self._say(self.tr("Fix the template's error first."), error=True)
            return None
        if policy is ...:
            dialog = dialog or GuardPicker(t.spec.guards, self)
            if not dialog.exec():
                return None
            policy = dialog.result_policy
        from PySide6.QtGui import QTextCursor

        new = with_entry(self.editor.text.toPlainText(), "guards", policy)
        cursor = QTextCursor(self.editor.text.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(new)
        cursor.endEditBlock()
        self.editor.parse()
        self._say(self.tr("Guards written into the template; Save keeps them.") if policy
                  else self.tr("Guards removed from the template."))
        return policy

    def _failed(self, what: str, err: WorkbenchError) -> None:
        if what == "template" and self.running:
            self.running = False
            self._say(str(err), error=True)
            self.update_gate()

