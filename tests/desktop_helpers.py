"""What the window tests share: opening the real main window on an engine."""

from __future__ import annotations

from desktop.main_window import MainWindow

WAIT = 10_000


def open_window(engine, qtbot, view: str | None = None, *, wait: int = WAIT) -> MainWindow:
    """The main window, shown, with its model list filled (optionally on ``view``)."""
    w = MainWindow(engine)
    qtbot.addWidget(w)
    w.show()
    if view:
        w.show_view(view)
    qtbot.waitUntil(lambda: bool(w.wb.models), timeout=wait)
    return w
