"""Two versions of a template side by side: their YAML, and the prompt each renders for the
same variable values, with the word diff of ``reports.side_by_side`` marked on both sides
(what the older lost on the left, what the newer added on the right)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from common.errors import WorkbenchError
from desktop.side_by_side import DEL, INS
from reports.side_by_side import word_diff


def two_sides(ops: Sequence[Any]) -> tuple[str, str]:
    """HTML of the first text with its losses marked, and of the second with its additions."""
    left, right = [], []
    for op in ops:
        a, b = html.escape(op.a), html.escape(op.b)
        if op.tag == "equal":
            left.append(a)
            right.append(b)
        else:
            if a:
                left.append(f"<span style='{DEL}'>{a}</span>")
            if b:
                right.append(f"<span style='{INS}'>{b}</span>")
    return "".join(left), "".join(right)


def rendered_text(template: Any, values: Mapping[str, Any]) -> str:
    """What the template's first call sends for ``values`` (chat: one ``[role]`` block per message)."""
    from prompt_library import render

    r = render(template, template.coerce(dict(values)))
    if isinstance(r, str):
        return r
    return "\n".join(f"[{m.role}] {m.content}" for m in r)


def _table(heads: tuple[str, str], left: str, right: str) -> str:
    cell = "<td valign='top' width='50%'><div style='white-space:pre-wrap;font-family:monospace'>{}</div></td>"
    return ("<table width='100%' cellspacing='0' cellpadding='6' border='1' style='border-collapse:collapse'>"
            f"<tr><th align='left'>{html.escape(heads[0])}</th><th align='left'>{html.escape(heads[1])}</th></tr>"
            f"<tr>{cell.format(left)}{cell.format(right)}</tr></table>")


class VersionDiffDialog(QDialog):
    """``a`` (the older) on the left, ``b`` on the right; ``heads`` name them."""

    def __init__(self, a: Any, b: Any, values: Mapping[str, Any], heads: tuple[str, str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare versions"))
        self.resize(1100, 640)
        self.tabs = QTabWidget()
        self.yaml = QTextBrowser()
        self.rendered = QTextBrowser()
        self.same = a.id == b.id
        self.yaml_sides = two_sides(word_diff(a.yaml_text, b.yaml_text))
        self.yaml.setHtml(_table(heads, *self.yaml_sides))
        self.render_errors: list[str] = []
        texts = []
        for t in (a, b):
            try:
                texts.append(rendered_text(t, values))
            except WorkbenchError as exc:
                self.render_errors.append(str(exc))
                texts.append("")
        left, right = two_sides(word_diff(*texts))
        if self.render_errors:
            left = right = ""
        note = "".join(f"<p>{html.escape(e)}</p>" for e in self.render_errors)
        if not self.render_errors and texts[0] == texts[1]:
            note = "<p>" + html.escape(self.tr("Both versions send the same prompt for these values.")) + "</p>"
        self.rendered.setHtml(note + _table(heads, left, right))
        self.rendered_texts = tuple(texts)
        self.tabs.addTab(self.yaml, self.tr("YAML"))
        self.tabs.addTab(self.rendered, self.tr("Rendered prompt"))
        shown = ", ".join(f"{k}={v!r}" for k, v in values.items()) or self.tr("the defaults")
        legend = QLabel(self.tr("<span style='%1'>removed</span> on the left, <span style='%2'>added</span> on the "
                                "right. Rendered with: %3").replace("%1", DEL).replace("%2", INS)
                        .replace("%3", html.escape(shown[:300])))
        legend.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(legend)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(buttons)
