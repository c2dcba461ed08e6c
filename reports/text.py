"""How the reports write values as text: numbers, percentages, ratios, shortened text,
Markdown table cells, and CSV cells a spreadsheet will not run as formulas."""

from __future__ import annotations

import math
from typing import Any


def num(v: Any, digits: int = 0) -> str:
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "–"
    return f"{v:,.{digits}f}" if isinstance(v, (int, float)) else str(v)


def pct(v: float | None) -> str:
    return "–" if v is None else f"{v * 100:.0f}%"


def ratio(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}×"


def short(text: Any, n: int = 160) -> str:
    s = "" if text is None else str(text)
    return s if len(s) <= n else s[: n - 1] + "…"


def md(text: Any, n: int = 80) -> str:
    """One Markdown table cell: one line, shortened, with markup and pipes escaped."""
    s = short(" ".join(str("" if text is None else text).split()), n)
    return (s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
            .replace("`", "\\`").replace("*", "\\*").replace("_", "\\_").replace("[", "\\["))


def csv_safe(v: Any) -> Any:
    """Text a spreadsheet would read as a formula gets a leading apostrophe (numbers stay)."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(v)
            return v
        except ValueError:
            return "'" + v
    return v


__all__ = ["csv_safe", "md", "num", "pct", "ratio", "short"]
