"""Marking engine messages for translation without importing Qt.

``_("unknown model {name!r}")`` returns its argument unchanged: it only marks the
template. ``python -m desktop.i18n`` finds every ``_("...")`` in the engine's packages
(with ``ast``), writes them into the translation file under the context ``engine``, and
the window translates a message by its template: each marked template becomes a pattern
whose ``{fields}`` match any text, so a message with values in it (and a message
composed of several, like ``"exp.yaml: dataset: unknown column 'x'"``) is translated
piece by piece, the values carried over unchanged (``desktop/engine_i18n.py``).
"""

from __future__ import annotations

ENGINE_PACKAGES = ("common", "backends", "prompt_library", "guards", "runs", "experiments", "reports", "cli")


def _(template: str) -> str:
    """Mark ``template`` for translation; returns it as it is (format it after)."""
    return template


__all__ = ["ENGINE_PACKAGES", "_"]
