"""A run's status as a person reads it, in the window's language (the store keeps the
English word: ok, error, cancelled, running, interrupted, blocked)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def status_label(status: str | None) -> str:
    """``status`` translated; an unknown one as it is."""
    tr = QCoreApplication
    labels = {
        "ok": tr.translate("RunStatus", "ok"),
        "error": tr.translate("RunStatus", "error"),
        "cancelled": tr.translate("RunStatus", "cancelled"),
        "running": tr.translate("RunStatus", "running"),
        "interrupted": tr.translate("RunStatus", "interrupted"),
        "blocked": tr.translate("RunStatus", "blocked"),
    }
    return labels.get(status or "", status or "")
