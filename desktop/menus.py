"""The menu bar and its shortcuts: File, Edit, Run, View, Help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenuBar

from desktop.i18n import LANGUAGES

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


class Menus(QObject):
    """Builds the menus on ``window`` and keeps the actions other code enables."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.w = window
        bar: QMenuBar = window.menuBar()
        SK = QKeySequence.StandardKey

        file = bar.addMenu(self.tr("&File"))
        self.add_file = self._action(self.tr("Add GGUF &file…"), window.models._pick_file, SK.Open)
        self.add_folder = self._action(self.tr("Add &folder of models…"), window.models._pick_folder)
        self.quit = self._action(self.tr("&Quit"), window.close, SK.Quit)
        file.addActions([self.add_file, self.add_folder])
        file.addSeparator()
        file.addAction(self.quit)

        edit = bar.addMenu(self.tr("&Edit"))
        self.copy_answer = self._action(self.tr("&Copy answer"), window.copy_answer, "Ctrl+Shift+C")
        self.find = self._action(self.tr("&Find in history…"), window.find_in_history, SK.Find)
        self.save_preset = self._action(self.tr("&Save parameters as preset…"), window.params._ask_preset_name)
        edit.addActions([self.copy_answer, self.find])
        edit.addSeparator()
        edit.addAction(self.save_preset)

        run = bar.addMenu(self.tr("&Run"))
        self.run = self._action(self.tr("&Run"), window.run_current, None)
        self.run.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.stop = self._action(self.tr("&Stop"), window.wb.stop, "Esc")
        self.regenerate = self._action(self.tr("Re&generate"), window.playground.regenerate, "Ctrl+R")
        self.new_chat = self._action(self.tr("&New chat"), window.playground.new_chat, SK.New)
        self.load = self._action(self.tr("&Load selected model"), window.inspector._load_clicked, "Ctrl+L")
        run.addActions([self.run, self.stop, self.regenerate, self.new_chat])
        run.addSeparator()
        run.addAction(self.load)

        view = bar.addMenu(self.tr("&View"))
        self.views = []
        for i, (key, title) in enumerate(window.nav_titles()):
            a = self._action(title, lambda _=False, k=key: window.show_view(k), f"Ctrl+{i + 1}")
            self.views.append(a)
            view.addAction(a)
        view.addSeparator()
        self.inspector = self._action(self.tr("&Inspector"), None, "Ctrl+I")
        self.inspector.setCheckable(True)
        self.inspector.setChecked(True)
        self.inspector.toggled.connect(window.inspector.setVisible)
        self.markdown = self._action(self.tr("Answer as &Markdown"), None, "Ctrl+M")
        self.markdown.setCheckable(True)
        self.markdown.setChecked(window.playground.markdown.isChecked())
        self.markdown.toggled.connect(window.playground.markdown.setChecked)
        window.playground.markdown.toggled.connect(self.markdown.setChecked)
        view.addActions([self.inspector, self.markdown])
        language = view.addMenu(self.tr("&Language"))
        group = QActionGroup(window)
        for code, label in [("", self.tr("System default")), *LANGUAGES.items()]:
            a = QAction(label, window, checkable=True)
            a.setChecked(code == (window.engine.settings.language or ""))
            a.triggered.connect(lambda _=False, c=code: window.set_language(c or None))
            group.addAction(a)
            language.addAction(a)
        theme = view.addMenu(self.tr("&Theme"))
        themes = QActionGroup(window)
        self.themes: dict[str, QAction] = {}
        current = getattr(window.engine.settings, "theme", None) or "system"
        for code, label in (("system", self.tr("Follow the system")), ("light", self.tr("Light")),
                            ("dark", self.tr("Dark"))):
            a = QAction(label, window, checkable=True)
            a.setChecked(code == current)
            a.triggered.connect(lambda _=False, c=code: self._theme(c))
            themes.addAction(a)
            theme.addAction(a)
            self.themes[code] = a

        help_menu = bar.addMenu(self.tr("&Help"))
        self.shortcuts = self._action(self.tr("&Keyboard shortcuts"), window.show_shortcuts, SK.HelpContents)
        self.about = self._action(self.tr("&About Prompt Workbench"), window.show_about)
        self.about_qt = self._action(self.tr("About &Qt"), QApplication.aboutQt)
        help_menu.addActions([self.shortcuts, self.about, self.about_qt])

    def _theme(self, scheme: str) -> None:
        from desktop.theme import switch_theme

        switch_theme(QApplication.instance(), self.w.engine, scheme)  # type: ignore[arg-type]

    def _action(self, text: str, slot: object, shortcut: object = None) -> QAction:
        a = QAction(text, self.w)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            a.triggered.connect(slot)
        self.w.addAction(a)  # shortcuts work even when the menu bar is hidden
        return a
