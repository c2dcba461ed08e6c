"""A run's checks and constraint, next to its text: a table of the guard results
(verdict in colour), the constraint and how it was enforced, and the spans the
checks found highlighted in the shown text with the label as the tooltip.

Spans are positions in the text a check looked at (the user's text for input checks,
the output for output checks), while the view may show it wrapped in a chat template,
rendered as Markdown or redacted; so each span is found in the shown document by its
text, in order, or else by the ``[LABEL]`` that replaced it."""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from common.errors import GuardError
from desktop.engine_i18n import translate_message
from desktop.guard_picker import check_descriptions

VERDICT_COLOURS = {"pass": "#2e7d32", "fail": "#c62828", "redacted": "#b26a00"}
VERDICT_COLOURS_DARK = {"pass": "#66bb6a", "fail": "#ef5350", "redacted": "#ffb74d"}  # readable on a dark base


def verdict_colour(verdict: str, widget: QWidget) -> QColor:
    dark = widget.palette().base().color().lightness() < 128
    return QColor((VERDICT_COLOURS_DARK if dark else VERDICT_COLOURS).get(verdict, "#888888"))
SPAN_BACKGROUND = QColor(255, 193, 7, 110)


def spans_of(check: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        spans = json.loads(check.get("spans_json") or "[]")
    except ValueError:
        return []
    return [s for s in spans if isinstance(s, dict) and s.get("text")]


def highlight_spans(doc: QTextDocument, checks: list[dict[str, Any]]) -> int:
    """Mark every span of ``checks`` in ``doc``; returns how many were found."""
    found = 0
    flags = QTextDocument.FindFlag.FindCaseSensitively
    for check in checks:
        pos = 0
        for span in sorted(spans_of(check), key=lambda s: int(s.get("start", 0))):
            label = str(span.get("label", ""))
            cursor = doc.find(str(span["text"]), pos, flags)
            if cursor.isNull():
                cursor = doc.find(f"[{label}]", pos, flags)
            if cursor.isNull():
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(SPAN_BACKGROUND)
            fmt.setToolTip(f"{label} · {check.get('name')} ({check.get('verdict')})")
            cursor.mergeCharFormat(fmt)
            pos = cursor.selectionEnd()
            found += 1
    return found


def describe_constraint(data: Any) -> str:
    """``Constraint.from_dict(data).describe()``. Building a Constraint compiles its
    grammar, and the first one imports guidance (seconds); until a run or the picker has
    imported it, the same words are made from the stored dict, so opening an old run
    never stalls the window."""
    from guards.constrain import Constraint, close_objects

    if "guidance" in sys.modules or not isinstance(data, dict):
        return Constraint.from_dict(data).describe()
    kind = data.get("kind")
    if kind == "choice":
        return "one of " + " | ".join(map(str, data.get("choices") or []))
    if kind == "regex":
        return f"regex /{data.get('pattern')}/"
    if kind == "json_schema":
        schema = data.get("schema") or {}
        shown = close_objects(schema) if data.get("close_objects", True) else schema
        return "JSON matching " + json.dumps(shown, ensure_ascii=False)[:120]
    if kind == "grammar":
        text = str(data.get("grammar") or data.get("gbnf") or "").strip()
        return "grammar: " + (text.splitlines()[0][:100] if text else "")
    return Constraint.from_dict(data).describe()  # raises the GuardError for an unknown kind


def constraint_info(constraint_json: str | None, extra_json: str | None) -> tuple[str, str, bool | None]:
    """(what the constraint was, which mechanism enforced it, whether the output satisfied it)."""
    if not constraint_json:
        return "", "", None
    try:
        what = describe_constraint(json.loads(constraint_json))
    except (ValueError, GuardError) as exc:
        what = f"{constraint_json[:120]} ({exc})"
    try:
        extra = json.loads(extra_json or "{}")
    except ValueError:
        extra = {}
    satisfied = extra.get("constraint_satisfied")
    return what, str(extra.get("constraint_mechanism") or ""), None if satisfied is None else bool(satisfied)


class ChecksPanel(QWidget):
    COLUMNS = ("stage", "name", "verdict", "score", "message", "ms")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self.constraint = QLabel()
        self.constraint.setWordWrap(True)
        self.constraint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("Stage"), self.tr("Check"), self.tr("Verdict"),
                                              self.tr("Score"), self.tr("Message"), self.tr("ms")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for col in range(len(self.COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("No checks ran on this run."))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.constraint)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        self._stages = {"input": self.tr("input"), "output": self.tr("output"), "assertion": self.tr("assertion")}
        self._verdicts = {"pass": self.tr("pass"), "fail": self.tr("fail"), "redacted": self.tr("redacted")}
        self.show_checks([], None, None)

    def show_checks(self, rows: list[dict[str, Any]], constraint_json: str | None, extra_json: str | None) -> None:
        self.rows = list(rows)
        what, mechanism, satisfied = constraint_info(constraint_json, extra_json)
        what, mechanism = translate_message(what), translate_message(mechanism)
        how = mechanism or self.tr("not recorded")
        if satisfied is not None:
            how += " · " + (self.tr("satisfied") if satisfied else self.tr("not satisfied"))
        if what:
            self.constraint.setText(self.tr("Constraint: %1").replace("%1", what)
                                    + "<br>" + self.tr("Enforced by: %1").replace("%1", how))
        self.constraint.setVisible(bool(what))
        self.table.setRowCount(len(rows))
        described = check_descriptions()
        for i, r in enumerate(rows):
            score = r.get("score")
            cells = (self._stages.get(r.get("stage") or "", r.get("stage") or ""), r.get("name") or "",
                     self._verdicts.get(r.get("verdict") or "", r.get("verdict") or ""),
                     "" if score is None else f"{score:.2f}", translate_message(r.get("message") or ""),
                     "" if r.get("ms") is None else f"{r['ms']:.1f}")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setForeground(verdict_colour(r.get("verdict") or "", self.table))
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                if col in (3, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 1 and r.get("stage") != "assertion" and text in described:
                    item.setToolTip(f"{text}: {described[text]}")  # the name is the policy's word for it
                if col == 4:
                    spans = ", ".join(f"{s.get('label')}: {s.get('text')}" for s in spans_of(r))
                    item.setToolTip(text + (f"\n{spans}" if spans else ""))
                self.table.setItem(i, col, item)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows and not what)

    def verdicts(self) -> list[tuple[str, str]]:
        return [(r.get("name") or "", r.get("verdict") or "") for r in self.rows]

    def failed_count(self) -> int:
        return sum(1 for r in self.rows if r.get("verdict") == "fail")


def split_by_stage(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(input checks, output checks) — assertions are about the output."""
    return ([r for r in rows if r.get("stage") == "input"], [r for r in rows if r.get("stage") != "input"])


def clear_highlights(doc: QTextDocument) -> None:
    cursor = QTextCursor(doc)
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.setCharFormat(QTextCharFormat())
