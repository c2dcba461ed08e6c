"""Starts the window: ``run_window(engine, argv)`` is what ``main.py`` calls.

Window options (after the CLI's own ``--home``): ``--lang en|zh_CN`` and
``--theme system|light|dark``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import QApplication

from desktop.i18n import choose_language, install_translators
from desktop.theme import apply_theme

log = logging.getLogger("workbench.desktop")


def parse_window_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--lang", choices=["en", "zh_CN", "zh"], default=None)
    p.add_argument("--theme", choices=["system", "light", "dark"], default="system")
    p.add_argument("--quit-after-ms", type=int, default=None, help="close the window after this long (smoke tests)")
    args, _unknown = p.parse_known_args(argv)
    return args


def setup_application(app: QApplication, engine: Any, lang: str | None = None, theme: str = "system") -> str:
    """Language, theme and names on ``app``; returns the language used."""
    app.setApplicationName("Prompt Workbench")
    app.setOrganizationName("prompt-workbench")
    chosen = choose_language(lang, engine.settings.language)
    install_translators(app, chosen)  # parented to app, which keeps them
    apply_theme(app, theme)
    return chosen


def _excepthook(window: Any) -> Any:
    """An unexpected error in a slot: log the traceback, show one line, keep running."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, exc, tb))
        try:
            window.status.showMessage(f"internal error: {kind.__name__}: {exc} (details in workbench.log)", 15000)
        except RuntimeError:
            pass

    return hook


def run_window(engine: Any, argv: list[str]) -> int:
    from desktop.live_switch import WindowHost

    args = parse_window_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "prompt-workbench"])
    app.setApplicationName("Prompt Workbench")
    app.setOrganizationName("prompt-workbench")
    theme = args.theme if args.theme != "system" else (getattr(engine.settings, "theme", None) or "system")
    apply_theme(app, theme)
    host = WindowHost(app, engine, autoload=True, lang=args.lang)  # the View menu switches language live
    window = host.window
    sys.excepthook = _excepthook(window)
    host.windowReplaced.connect(lambda w: setattr(sys, "excepthook", _excepthook(w)))
    window.show()
    if args.quit_after_ms is not None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(max(0, args.quit_after_ms), lambda: host.window.close())
    try:
        return int(app.exec())
    finally:
        host.window.wb.shutdown()
        engine.close()
