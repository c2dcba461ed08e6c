"""A small horizontal bar chart of a run's answer probabilities (runs/answer_probs.py):
one bar per allowed answer, most probable first, the answer the run wrote marked. It
reads the stored record only (never a backend) and hides itself when the run has none.
Painted by hand: a handful of bars do not need QtCharts."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_COLOR = QColor(59, 111, 182)
CHOSEN_COLOR = QColor(46, 139, 87)
MAX_BARS = 8


def record_from_extra(extra: Any) -> dict[str, Any] | None:
    """``extra["answer_probs"]`` of a run (its extra as a dict or JSON text), or None."""
    if isinstance(extra, str):
        try:
            extra = json.loads(extra)
        except ValueError:
            return None
    rec = extra.get("answer_probs") if isinstance(extra, dict) else None
    return rec if isinstance(rec, dict) else None


class AnswerBars(QWidget):
    """``set_record(record)``: show one run's answer probabilities (None hides the chart)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("answerBars")
        self.items: list[tuple[str, float]] = []  # (answer, probability), most probable first
        self.chosen: str | None = None
        self.more = 0  # answers left out of the chart
        self.note = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.hide()

    def set_record(self, record: dict[str, Any] | None) -> None:
        answers = [a for a in (record or {}).get("answers") or [] if isinstance(a, dict) and "answer" in a]
        if not answers:
            self.items, self.chosen, self.more = [], None, 0
            self.note = str(record["error"]) if record and record.get("error") else ""
            self.setToolTip(self.note)
            self.hide()
            return
        ranked = sorted(((str(a["answer"]), float(a.get("prob") or 0.0)) for a in answers), key=lambda x: -x[1])
        self.items, self.more = ranked[:MAX_BARS], max(0, len(ranked) - MAX_BARS)
        self.chosen = record.get("chosen") if record else None
        self.note = self.tr("Probability of each allowed answer under the model, scored by %1 in %2 ms").replace(
            "%1", str(record.get("source") or "?")).replace("%2", f"{float(record.get('ms') or 0):.0f}")
        warning = str(record.get("note") or "") if record else ""  # the engine's message (translated by the lead's table)
        self.setToolTip(self.note + "\n" + "\n".join(f"{a}: {p:.1%}" for a, p in ranked[:20])
                        + (f"\n\n{warning}" if warning else ""))
        self.setAccessibleName(self.tr("Answer probabilities"))
        self.setAccessibleDescription(", ".join(f"{a} {p:.0%}" for a, p in self.items))
        self.updateGeometry()
        self.show()
        self.update()

    def _row_h(self) -> int:
        return self.fontMetrics().height() + 4

    def sizeHint(self) -> QSize:
        rows = len(self.items) + (1 if self.more else 0) + 1  # a title line
        return QSize(320, rows * self._row_h() + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: Any) -> None:
        if not self.items:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = self.fontMetrics()
        rh = self._row_h()
        text = pal.color(QPalette.ColorRole.Text)
        title = QFont(self.font())
        title.setBold(True)
        p.setFont(title)
        p.setPen(text)
        p.drawText(QRectF(4, 0, self.width() - 8, rh), Qt.AlignmentFlag.AlignVCenter,
                   self.tr("Answer probabilities"))
        p.setFont(self.font())
        label_w = min(160, max(fm.horizontalAdvance(a) for a, _ in self.items) + 12)  # 4 px slack: no eliding on a fit
        value_w = fm.horizontalAdvance("100.0%") + 8
        bar_w = max(20, self.width() - label_w - value_w - 12)
        for i, (answer, prob) in enumerate(self.items):
            y = rh * (i + 1)
            shown = fm.elidedText(answer, Qt.TextElideMode.ElideRight, label_w - 8)
            p.setPen(text)
            p.drawText(QRectF(4, y, label_w - 8, rh), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                       shown)
            color = CHOSEN_COLOR if answer == self.chosen else BAR_COLOR
            p.fillRect(QRectF(4 + label_w, y + 3, max(1.0, bar_w * prob), rh - 6), color)
            p.drawText(QRectF(8 + label_w + bar_w, y, value_w, rh), Qt.AlignmentFlag.AlignVCenter, f"{prob:.1%}")
        if self.more:
            p.drawText(QRectF(4, rh * (len(self.items) + 1), self.width() - 8, rh), Qt.AlignmentFlag.AlignVCenter,
                       self.tr("and %1 more").replace("%1", str(self.more)))
        p.end()


__all__ = ["AnswerBars", "record_from_extra"]
