"""Switching the language and the theme while the app runs (View menu).

The theme is a palette: it changes in place. The language is in every widget's text,
set once where each widget is built (``self.tr``), so a switch installs the new
translators and rebuilds the main window on the same engine: the loaded model (the
engine's pool), the run log, saved chats and settings carry over; the view shown, the
geometry and the splitters come back from QSettings. A switch waits while a model
loads or generates (the window says so)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from desktop.i18n import choose_language, install_translators
from desktop.theme import switch_theme


class WindowHost(QObject):
    """Owns the main window so the language switch can replace it."""

    windowReplaced = Signal(object)  # the new MainWindow

    def __init__(self, app: QApplication, engine: Any, *, autoload: bool = False, lang: str | None = None):
        super().__init__(app)
        self.app, self.engine = app, engine
        self.translators: list[QTranslator] = []
        self.language = choose_language(lang, engine.settings.language)
        self._install(self.language)
        self.window = self._make(autoload)

    def _install(self, lang: str) -> None:
        for t in self.translators:
            self.app.removeTranslator(t)
            t.deleteLater()
        self.translators = install_translators(self.app, lang)

    def _make(self, autoload: bool = False) -> Any:
        from desktop.main_window import MainWindow

        w = MainWindow(self.engine, autoload=autoload)
        w.host = self
        return w

    def switch_language(self, code: str | None) -> Any | None:
        """Save ``code`` (None: the system's) and rebuild the window in it; the new window,
        or None while the model is busy (nothing changes then)."""
        old = self.window
        if old.wb.busy:
            old.status.showMessage(old.tr("Wait for the current task to end, then switch the language."), 8000)
            return None
        self.engine.settings.language = code
        try:
            self.engine.settings.save(self.engine.home)
        except OSError as exc:
            old.show_error(old.tr("Could not save the setting"), str(exc))
            return None
        view = old.current_view()
        old.save_state()
        self.language = choose_language(None, code)
        self._install(self.language)
        new = self._make()
        new.restoreGeometry(old.saveGeometry())
        if view:
            new.show_view(view)
        new.wb._refresh_loaded()  # the model stays loaded in the engine's pool
        if old.isVisible():
            new.show()
        old.hide()
        old.close()
        old.deleteLater()
        self.window = new
        self.windowReplaced.emit(new)
        return new

    def switch_theme(self, scheme: str) -> None:
        switch_theme(self.app, self.engine, scheme)
