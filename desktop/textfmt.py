"""Small text helpers for the views (no Qt): numbers, sizes, stop-string lists."""

from __future__ import annotations

import datetime as dt


def human_size(n: int | None) -> str:
    if not n:
        return "—"
    size = float(n)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:.0f} {unit}" if unit in ("B", "KB") else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} TB"


def human_count(n: int | None) -> str:
    if not n:
        return "—"
    for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if n >= div:
            return f"{n / div:.1f}{suffix}".replace(".0", "")
    return str(n)


def fmt_ms(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{v / 1000:.2f} s" if v >= 10000 else f"{v:.0f} ms"


def fmt_tps(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}"


def local_time(utc_iso: str | None) -> str:
    if not utc_iso:
        return ""
    try:
        t = dt.datetime.fromisoformat(utc_iso)
    except ValueError:
        return utc_iso
    return t.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def split_stops(text: str) -> tuple[str, ...]:
    r"""Comma-separated stop strings; ``\n``, ``\t``, ``\,`` and ``\\`` are escapes."""
    out: list[str] = []
    cur: list[str] = []
    i = 0
    escapes = {"n": "\n", "t": "\t", ",": ",", "\\": "\\"}
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in escapes:
            cur.append(escapes[text[i + 1]])
            i += 2
            continue
        if c == ",":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return tuple(s.strip(" ") for s in out if s.strip(" "))


def join_stops(stops: tuple[str, ...] | list[str]) -> str:
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace(",", "\\,").replace("\n", "\\n").replace("\t", "\\t")

    return ", ".join(esc(s) for s in stops)
