"""2-4 runs side by side: each output (and what was sent) next to the first run's,
with a word-level diff against the first. Model text is always escaped."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

INS = "background:#c8f0c8;color:#0b3d0b;"
DEL = "background:#f8c8c8;color:#5c0b0b;text-decoration:line-through;"


def diff_html(ops: Sequence[Any]) -> str:
    """The second text of a word diff, with what it added and what it lost marked."""
    out = []
    for op in ops:
        a, b = html.escape(op.a), html.escape(op.b)
        if op.tag == "equal":
            out.append(b)
        elif op.tag == "insert":
            out.append(f"<span style='{INS}'>{b}</span>")
        elif op.tag == "delete":
            out.append(f"<span style='{DEL}'>{a}</span>")
        else:
            out.append(f"<span style='{DEL}'>{a}</span><span style='{INS}'>{b}</span>")
    return "".join(out)


def _pre(body: str) -> str:
    return f"<div style='white-space:pre-wrap;font-family:monospace'>{body}</div>"


def side_by_side_html(sbs: Any, labels: Sequence[str], which: str) -> str:
    """An HTML table, one column per run; ``which`` is "output" or "sent"."""
    key = "output" if which == "output" else "sent_text"
    diffs = sbs.output_diffs if which == "output" else sbs.sent_diffs
    head = "".join(f"<th align='left'>{html.escape(label)}<br><small>{html.escape(r['id'])}</small></th>"
                   for label, r in zip(labels, sbs.runs, strict=False))
    cells = [_pre(html.escape(sbs.runs[0].get(key) or ""))]
    cells += [_pre(diff_html(ops)) for ops in diffs]
    body = "".join(f"<td valign='top' width='{100 // len(cells)}%'>{c}</td>" for c in cells)
    checks = ""
    if which == "output" and any(sbs.checks):
        row = "".join("<td valign='top'>" + "<br>".join(
            f"{html.escape(str(c.get('name')))}: {html.escape(str(c.get('verdict')))}" for c in chk) + "</td>"
            for chk in sbs.checks)
        checks = f"<tr>{row}</tr>"
    return (f"<table width='100%' cellspacing='0' cellpadding='6' border='1' style='border-collapse:collapse'>"
            f"<tr>{head}</tr><tr>{body}</tr>{checks}</table>")


class SideBySideDialog(QDialog):
    def __init__(self, sbs: Any, labels: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Side by side"))
        self.resize(1000, 620)
        self.tabs = QTabWidget()
        self.output = QTextBrowser()
        self.sent = QTextBrowser()
        legend = self.tr("Each run is compared with the first: <span style='%1'>added</span>, "
                         "<span style='%2'>removed</span>.").replace("%1", INS).replace("%2", DEL)
        for browser, which in ((self.output, "output"), (self.sent, "sent")):
            browser.setOpenLinks(False)
            browser.setHtml(f"<p>{legend}</p>" + side_by_side_html(sbs, labels, which))
        self.tabs.addTab(self.output, self.tr("Output"))
        self.tabs.addTab(self.sent, self.tr("What was sent"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        lay.addWidget(buttons)
