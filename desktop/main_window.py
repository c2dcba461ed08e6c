"""The main window: navigation on the left, the current view in the middle, the
inspector on the right, the status bar below. It wires views to the Workbench and
shows errors; it keeps window geometry, splitters, the last model and parameters in a
QSettings file inside the engine's data folder."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from backends.base import SamplingParams
from common.errors import ContextOverflowError, WorkbenchError
from desktop.arena_view import ArenaView
from desktop.constraint_picker import ConstraintPicker
from backends.catalog import LoadSettings
from desktop.controller import Workbench
from desktop.experiments_view import ExperimentsView
from desktop.history_view import HistoryView
from desktop.inspector import Inspector
from desktop.library_view import LibraryView
from desktop.menus import Menus
from desktop.models_view import ModelsView
from desktop.params_panel import ParamsPanel
from desktop.playground import PlaygroundView
from desktop.presets import Presets
from desktop.status_bar import WorkbenchStatusBar
from desktop.engine_i18n import translate_message
from desktop.run_status import status_label
from prompt_library import TemplateLibrary

SETTINGS_FILE = "window.ini"


class MainWindow(QMainWindow):
    errorShown = Signal(str, str)  # title, message: every error dialog, for tests and logs
    determinismChecked = Signal(object)  # experiments.determinism.DeterminismReport

    def __init__(self, engine: Any, *, autoload: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.engine = engine
        self.autoload = autoload
        self.last_error: tuple[str, str] | None = None
        self.error_box: QMessageBox | None = None
        self.qsettings = QSettings(str(engine.home / SETTINGS_FILE), QSettings.Format.IniFormat)
        self.setWindowTitle(self.tr("Prompt Workbench"))
        self.setMinimumSize(900, 560)

        self.wb = Workbench(engine, self)
        self.wb.prepare_bundled = autoload  # the real app assembles the bundled Gemma at start
        self.presets = Presets(engine.home)
        self.params = ParamsPanel(self.presets)
        self.constraint = ConstraintPicker(self.wb)
        self.playground = PlaygroundView(self.wb, self.params, self.constraint)
        self.library = LibraryView(self.wb, self.params, TemplateLibrary(user_dir=engine.home / "templates", labels=engine.store))
        self.history = HistoryView(engine.store)
        self.models = ModelsView(self.wb)
        self.inspector = Inspector(self.wb, self.params, self.constraint)
        self.status = WorkbenchStatusBar(self.wb)
        self.setStatusBar(self.status)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget()
        self._views: dict[str, QWidget] = {}
        self.add_view("playground", self.tr("Playground"), self.playground)
        self.add_view("library", self.tr("Library"), self.library)
        self.add_view("experiments", self.tr("Experiments"), ExperimentsView(self.wb))
        self.add_view("arena", self.tr("Arena"), ArenaView(self.wb))
        self.add_view("history", self.tr("History"), self.history)
        self.add_view("models", self.tr("Models"), self.models)
        self.nav.setMaximumWidth(200)
        self.nav.setMinimumWidth(110)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 7px 10px; }")
        self.nav.currentRowChanged.connect(self._nav_changed)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.inspector)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([140, 760, 300])
        self.setCentralWidget(self.splitter)
        self.menus = Menus(self)
        self.menus.inspector.toggled.disconnect(self.inspector.setVisible)
        self.menus.inspector.toggled.connect(lambda _on: self._inspector_for_view())

        self.wb.failed.connect(self._failed)
        self.wb.modelsAdded.connect(self._models_added)
        self.wb.modelsChanged.connect(self._models_changed)
        self.wb.runFinished.connect(lambda _o: self.history.mark_dirty())
        self.wb.templateFinished.connect(self._template_finished)
        self.wb.loadedChanged.connect(self._busy_changed)
        self.playground.runnableChanged.connect(lambda ok, _why: self.menus.run.setEnabled(ok))
        self.playground.contextChanged.connect(self.status.set_context)
        self.playground.runSaved.connect(self.history.mark_dirty)
        self.playground.chatFailed.connect(lambda e: self.show_error(self.tr("Saved chats"), str(e)))
        self.params.failed.connect(lambda e: self.show_error(self.tr("Could not save the preset"), str(e)))
        self.history.model.failed.connect(self._store_failed)
        self.history.detail.failed.connect(self._store_failed)
        self.history.detail.rerunRequested.connect(self.rerun)
        self.history.detail.openRequested.connect(self.open_in_playground)
        self.history.detail.determinismRequested.connect(self.check_determinism)
        self.history.detail.branchRequested.connect(self.branch)
        self.playground.branchRequested.connect(self.branch)
        self.playground.compareBranchRequested.connect(self.compare_branch)
        self.wb.branchFinished.connect(self._branch_finished)

        self.restore_state()
        self._busy_changed()
        self.wb.refresh_models()
        self.wb.probe_gpu()

    # -- navigation --------------------------------------------------------------
    def add_view(self, key: str, title: str, widget: QWidget) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.nav.addItem(item)
        self.stack.addWidget(widget)
        self._views[key] = widget

    def add_placeholder(self, title: str) -> None:
        """A room that is planned but not built: shown, not selectable."""
        item = QListWidgetItem(title)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setToolTip(self.tr("Not built yet"))
        self.nav.addItem(item)
        self.stack.addWidget(QWidget())

    def nav_titles(self) -> list[tuple[str, str]]:
        out = []
        for i in range(self.nav.count()):
            key = self.nav.item(i).data(Qt.ItemDataRole.UserRole)
            if key:
                out.append((key, self.nav.item(i).text()))
        return out

    def show_view(self, key: str) -> None:
        for i in range(self.nav.count()):
            if self.nav.item(i).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(i)
                return

    def current_view(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _nav_changed(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)
        self._inspector_for_view()

    def _inspector_for_view(self) -> None:
        """The inspector shows what applies to the view, and only if it is wanted (Ctrl+I)."""
        view = self.current_view()
        self.inspector.show_for(view)
        wanted = self.menus.inspector.isChecked() if hasattr(self, "menus") else True
        self.inspector.setVisible(wanted and self.inspector.applies_to(view))

    # -- actions -----------------------------------------------------------------
    def run_current(self) -> None:
        if self.current_view() == "library":
            self.library.run()
            return
        self.show_view("playground")
        self.playground.run()

    def rerun(self, run_id: str) -> None:
        if self.wb.busy:
            self.status.showMessage(self.tr("Busy: wait for the current task to end."), 4000)
            return
        self.show_view("playground")
        self.wb.rerun(run_id)  # the playground shows it in the thread (a run started elsewhere)

    def check_determinism(self, run_id: str, n: int = 5) -> None:
        """Re-run ``run_id`` n times in a worker (experiments.determinism); the run detail shows the result."""
        from experiments.determinism import check_run, summary_line

        self.status.showMessage(self.tr("Checking determinism: %1 re-runs…").replace("%1", str(n)))

        def done(report: Any) -> None:
            self.status.showMessage(translate_message("; ".join(summary_line(c) for c in report.configs)), 10000)
            if self.history.detail.row and self.history.detail.row["id"] == run_id:
                self.history.detail.show_run(run_id)
            self.determinismChecked.emit(report)

        self.wb.background(lambda: check_run(self.engine, run_id, n), done,
                           lambda err: self.show_error(self.tr("Could not check determinism"), str(err)))

    def branch(self, run_id: str, at: int, token: int | None, text: str | None) -> None:
        """Branch a run from its token ``at`` in a worker; from the playground the branch joins
        the thread as the answer's new alternative, from History the run detail shows it."""
        if not self.wb.branch(run_id, at, token, text):
            self.status.showMessage(self.tr("Busy: wait for the current task to end."), 4000)
            return
        self.status.showMessage(self.tr("Branching at token %1…").replace("%1", str(at)))

    def _branch_finished(self, outcome: Any) -> None:
        self.history.mark_dirty()
        detail = self.history.detail
        in_thread = self.current_view() == "playground" and self.playground.add_branch(outcome)
        if self.current_view() == "playground" and not in_thread:
            self.compare_branch(outcome.run_id)  # its parent is not in the thread: History has the tree
        elif detail.row is not None:
            detail.show_branch(outcome.run_id)
        self.status.showMessage(self.tr("Branch %1: %2").replace("%1", outcome.run_id[-8:].lower()).replace(
            "%2", status_label(outcome.status)), 8000)  # the id's tail, as the chat's answers show it

    def compare_branch(self, run_id: str) -> None:
        """History on a branch's parent, the branch selected in its tree with the word diff."""
        try:
            parent = self.engine.store.get_run(run_id).get("parent_id")
        except WorkbenchError as exc:
            self.show_error(self.tr("Could not show the branch"), str(exc))
            return
        detail = self.history.detail
        detail.show_run(parent)
        self.show_view("history")
        if detail.row is not None:
            detail.show_branch(run_id)

    def open_in_playground(self, row: dict[str, Any]) -> None:
        self.playground.open_run(row)
        self.inspector.refresh_model_state()
        self.inspector.params.changed.emit()
        self.show_view("playground")

    def copy_answer(self) -> None:
        QGuiApplication.clipboard().setText(self.playground.answer_text())

    def find_in_history(self) -> None:
        self.show_view("history")
        self.history.search.setFocus()
        self.history.search.selectAll()

    def set_language(self, code: str | None) -> None:
        self.engine.settings.language = code
        try:
            self.engine.settings.save(self.engine.home)
        except OSError as exc:
            self.show_error(self.tr("Could not save the setting"), str(exc))
            return
        host = getattr(self, "host", None)  # desktop.live_switch.WindowHost: rebuilds the window in it
        if host is not None:
            host.switch_language(code)
            return
        self.status.showMessage(self.tr("The language changes the next time the app starts."), 8000)

    def show_shortcuts(self) -> None:
        rows = [(a.text().replace("&", ""), a.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
                for a in self.actions() if not a.shortcut().isEmpty()]
        text = "<table>" + "".join(f"<tr><td>{n}</td><td>&nbsp;&nbsp;<b>{k}</b></td></tr>" for n, k in rows) + "</table>"
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), text)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Prompt Workbench"), self.tr(
            "Prompt Workbench: a local LLM playground. Models run in this process through llama.cpp; every run "
            "is logged to %1.").replace("%1", str(self.engine.store.path)))

    # -- errors ------------------------------------------------------------------
    def show_error(self, title: str, message: str) -> None:
        """A window-modal message box that does not block the event loop (open, not exec)."""
        from desktop.engine_i18n import translate_message

        message = translate_message(message)  # engine messages by their marked templates
        self.last_error = (title, message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: setattr(self, "error_box", None))
        self.error_box = box
        box.open()
        self.errorShown.emit(title, message)

    def _failed(self, what: str, err: WorkbenchError) -> None:
        titles = {
            "load": self.tr("Could not load the model"),
            "add": self.tr("Could not add the model"),
            "remove": self.tr("Could not remove the model"),
            "run": self.tr("Could not run"),
            "branch": self.tr("Could not branch"),
        }
        if what == "branch":
            self.status.clearMessage()  # not "Branching at token N…" under the refusal
        if what == "run":
            self.playground.show_refusal(err)
            if isinstance(err, ContextOverflowError):
                return
        if what in titles:
            self.show_error(titles[what], str(err))
        else:
            self.status.showMessage(translate_message(str(err)), 8000)

    def view(self, key: str) -> QWidget:
        """The view shown for a sidebar entry (playground, history, models, library, experiments)."""
        return self._views[key]

    def _template_finished(self, outcome: Any) -> None:
        self.history.mark_dirty()
        if outcome.stages:  # the last stage's timings: what the status bar and inspector show
            self.status.show_outcome(outcome.stages[-1])
            self.inspector.show_outcome(outcome.stages[-1])

    def _store_failed(self, err: WorkbenchError) -> None:
        self.show_error(self.tr("Run log error"), str(err))

    # -- model events ------------------------------------------------------------
    def _models_added(self, entries: list[Any]) -> None:
        if entries:
            self.status.showMessage(self.tr("Added %1 model(s).").replace("%1", str(len(entries))), 5000)
            self._select_after_refresh = entries[0].name

    def _models_changed(self, models: list[Any]) -> None:
        pick = getattr(self, "_select_after_refresh", None)
        if pick:
            self.models.select(pick)
            self._select_after_refresh = None
        if self.autoload and self.wb.loaded is None and not self.wb.busy and self.wb.selected:
            self.autoload = False
            entry = self.wb.entry(self.wb.selected)
            if entry is not None and entry.path is not None:
                self.wb.load(self.wb.selected, self.wb.load_settings)

    def _busy_changed(self) -> None:
        busy = self.wb.busy
        self.menus.stop.setEnabled(self.wb.generating)
        self.menus.load.setEnabled(not busy)
        self.menus.regenerate.setEnabled(self.playground.regenerate_button.isEnabled())
        self.playground.update_gate()
        # nothing can be branched while the model is busy (a run, a load, a batch, a branch)
        self.playground.tokens.picker.set_busy(busy)
        self.history.detail.set_branching(busy)

    # -- state -------------------------------------------------------------------
    def restore_state(self) -> None:
        s = self.qsettings
        if isinstance(g := s.value("window/geometry"), QByteArray):
            self.restoreGeometry(g)
        else:
            self.resize(1280, 800)
        self.clamp_to_screen()
        if isinstance(st := s.value("window/state"), QByteArray):
            self.restoreState(st)
        for sp in self._splitters():
            if isinstance(v := s.value(f"splitters/{sp.objectName()}"), QByteArray):
                sp.restoreState(v)
        self.menus.inspector.setChecked(str(s.value("window/inspector", "true")) != "false")
        self.show_view(str(s.value("window/view", "playground")))
        if model := s.value("run/model"):
            self.wb.selected = str(model)
        try:
            ls = json.loads(str(s.value("run/load", "") or "null"))
            if ls:
                self.wb.load_settings = LoadSettings(n_ctx=int(ls["n_ctx"]), n_threads=ls.get("n_threads"),
                                                     gpu_layers=int(ls["gpu_layers"]),
                                                     flash_attn=bool(ls.get("flash_attn", self.wb.load_settings.flash_attn)))
                self.models.set_settings(self.wb.load_settings)
            p = json.loads(str(s.value("run/params", "") or "null"))
            if p:
                p.pop("seed", None)  # a fixed seed is per chat (saved with it), not a sticky window setting
                self.params.set_params(SamplingParams.from_dict(p))
        except (ValueError, KeyError, TypeError, WorkbenchError):
            pass  # a damaged or old value: keep the defaults
        self.playground.set_mode(str(s.value("run/mode", "chat")))
        self.playground.markdown.setChecked(str(s.value("run/markdown", "true")) == "true")
        self.playground.system.setPlainText(str(s.value("run/system", "") or ""))
        if chat := s.value("chat/current"):  # the chat that was open, as it was left
            if str(chat) in self.playground.chats.ids():
                self.playground.open_chat(str(chat))

    def clamp_to_screen(self) -> None:
        """Keep the window inside the screen's available area (first run, or a
        geometry saved on a larger screen), so Run, Stop and the status bar show."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.setMinimumSize(min(900, area.width()), min(560, area.height()))
        w, h = min(self.width(), area.width()), min(self.height(), area.height())
        if (w, h) != (self.width(), self.height()):
            self.resize(w, h)
        x = min(max(self.x(), area.x()), area.x() + area.width() - w)
        y = min(max(self.y(), area.y()), area.y() + area.height() - h)
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    def _splitters(self) -> tuple[QSplitter, ...]:
        return (self.splitter, self.playground.splitter, self.playground.side_splitter, self.history.splitter, self.models.splitter,
                self.library.splitter, self.library.editor.splitter)

    def save_state(self) -> None:
        s = self.qsettings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        for sp in self._splitters():
            s.setValue(f"splitters/{sp.objectName()}", sp.saveState())
        s.setValue("window/view", self.current_view() or "playground")
        s.setValue("window/inspector", "true" if self.menus.inspector.isChecked() else "false")
        if self.wb.selected:
            s.setValue("run/model", self.wb.selected)
        ls = self.wb.load_settings
        s.setValue("run/load", json.dumps(ls.spec_fields()))
        try:
            s.setValue("run/params", json.dumps(self.params.params().to_dict()))
        except WorkbenchError:
            pass
        s.setValue("run/mode", self.playground.current_mode())
        s.setValue("run/markdown", "true" if self.playground.markdown.isChecked() else "false")
        s.setValue("run/system", self.playground.system.toPlainText())
        s.setValue("chat/current", self.playground.conversation_id or "")
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Stop a generation (it is logged as cancelled) and wait for every worker."""
        if self.wb.busy:
            self.status.showMessage(self.tr("Stopping…"))
        self.wb.shutdown()
        self.save_state()
        super().closeEvent(event)
