"""Follow the system's light or dark colour scheme (Qt 6.5+ reports it and signals
changes); Fusion gets a matching palette so every platform looks the same."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(30, 30, 32), QColor(43, 43, 46), QColor(225, 225, 228)
    R = QPalette.ColorRole
    for role, color in (
        (R.Window, window), (R.WindowText, text), (R.Base, base), (R.AlternateBase, QColor(38, 38, 41)),
        (R.ToolTipBase, window), (R.ToolTipText, text), (R.Text, text), (R.Button, window),
        (R.ButtonText, text), (R.BrightText, QColor(255, 90, 90)), (R.Link, QColor(110, 170, 255)),
        (R.Highlight, QColor(58, 110, 200)), (R.HighlightedText, QColor(255, 255, 255)),
        (R.PlaceholderText, QColor(140, 140, 145)), (R.Mid, QColor(70, 70, 74)), (R.Dark, QColor(20, 20, 22)),
    ):
        p.setColor(role, color)
    disabled = QColor(120, 120, 125)
    for role in (R.WindowText, R.Text, R.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, scheme: str = "system") -> None:
    """``scheme``: "system" (follow it, and its changes), "light" or "dark"."""
    app.setStyle("Fusion")

    def update(*_: object) -> None:
        dark = system_is_dark() if scheme == "system" else scheme == "dark"
        app.setPalette(dark_palette() if dark else app.style().standardPalette())

    update()
    previous = getattr(app, "_workbench_theme_follow", None)  # a live switch replaces the old follower
    if previous is not None:
        try:
            app.styleHints().colorSchemeChanged.disconnect(previous)
        except (RuntimeError, TypeError):
            pass
        app._workbench_theme_follow = None  # type: ignore[attr-defined]
    if scheme == "system":
        app.styleHints().colorSchemeChanged.connect(update)
        app._workbench_theme_follow = update  # type: ignore[attr-defined]


def current_scheme(app: QApplication) -> str:
    """"dark" or "light": what the palette shows now."""
    return "dark" if app.palette().color(QPalette.ColorRole.Window).lightness() < 128 else "light"


def switch_theme(app: QApplication, engine: Any, scheme: str) -> None:
    """Apply ``scheme`` ("system", "light" or "dark") now and keep it in the settings."""
    engine.settings.theme = None if scheme == "system" else scheme
    try:
        engine.settings.save(engine.home)
    except OSError:
        pass  # the theme still changes; it is only not remembered
    apply_theme(app, scheme)
