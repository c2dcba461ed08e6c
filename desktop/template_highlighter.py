"""Syntax colours for a template's YAML: keys, comments, and the Jinja inside the
values ({{ expressions }}, {% blocks %}, {# comments #}). Colours are mid-tone so they
read on the light and the dark palette alike."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument


def _fmt(colour: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(colour))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    f.setFontItalic(italic)
    return f


KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w.-]*)\s*:(?=\s|$)")
COMMENT = re.compile(r"(?:^|\s)(#.*)$")
JINJA_EXPR = re.compile(r"\{\{.*?\}\}")
JINJA_BLOCK = re.compile(r"\{%.*?%\}")
JINJA_COMMENT = re.compile(r"\{#.*?#\}")


class TemplateHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self.key = _fmt("#2f7fc1", bold=True)
        self.comment = _fmt("#8a8a8a", italic=True)
        self.expr = _fmt("#d9731a", bold=True)
        self.block = _fmt("#a24cc2", bold=True)
        self.jinja_comment = _fmt("#8a8a8a", italic=True)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        m = KEY.match(text)
        if m:
            self.setFormat(m.start(1), m.end(1) - m.start(1), self.key)
        jinja = ((JINJA_EXPR, self.expr), (JINJA_BLOCK, self.block), (JINJA_COMMENT, self.jinja_comment))
        spans: list[tuple[int, int]] = []
        for rx, f in jinja:
            for j in rx.finditer(text):
                self.setFormat(j.start(), j.end() - j.start(), f)
                spans.append((j.start(), j.end()))
        c = COMMENT.search(text)
        inside_quotes = c is not None and text[:c.start(1)].count('"') % 2 == 1
        if c and not inside_quotes and not any(a <= c.start(1) < b for a, b in spans):
            self.setFormat(c.start(1), len(text) - c.start(1), self.comment)
