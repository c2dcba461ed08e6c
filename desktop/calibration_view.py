"""The Experiments view's Calibration tab: does a variant that says 80% get 80% right?

Over the runs of an experiment that have answer probabilities (a choice constraint) and
rows with an expected answer (reports/calibration.py): per variant a line of figures
(scored answers, accuracy, mean confidence, ECE, MCE, Brier) and a reliability diagram,
painted by hand (a few bars need no QtCharts). Without such runs the tab says what it
needs. The figures are the ones the exports print, computed once in the comparison's
worker (desktop/compare_view.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QScrollArea, QSizePolicy,
                               QStackedWidget, QTableWidget, QTableWidgetItem, QToolTip, QVBoxLayout, QWidget)

# Okabe-Ito blue and vermillion: told apart with any colour vision
ACCURACY_COLOR = QColor(0, 114, 178)
CONFIDENCE_COLOR = QColor(213, 94, 0)


class ReliabilityDiagram(QWidget):
    """One variant's accuracy per confidence bin against the diagonal of perfect calibration:
    a bar per bin (its height the bin's accuracy), a dot at the bin's mean confidence.
    Hovering a bar says its bin, count, accuracy and confidence."""

    PAD_L, PAD_B, PAD_T, PAD_R = 50, 34, 42, 10  # the top: the title, then the row of bin counts
    WIDTH, HEIGHT = 294, 316

    def __init__(self, cal: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.cal = cal
        self.setObjectName("reliabilityDiagram")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Reliability diagram of %1").replace("%1", cal.label))
        self.setAccessibleDescription("; ".join(self.bin_text(b) for b in cal.bins if b.n))

    def sizeHint(self) -> QSize:
        return QSize(self.WIDTH, self.HEIGHT)

    def plot_rect(self) -> QRectF:
        side = min(self.width() - self.PAD_L - self.PAD_R, self.height() - self.PAD_T - self.PAD_B)
        return QRectF(self.PAD_L, self.PAD_T, max(10, side), max(10, side))

    def bin_text(self, b: Any) -> str:
        return (self.tr("confidence %1–%2: %3 answers, accuracy %4, mean confidence %5")
                .replace("%1", f"{b.lo:.1f}").replace("%2", f"{b.hi:.1f}").replace("%3", str(b.n))
                .replace("%4", f"{b.accuracy:.0%}").replace("%5", f"{b.confidence:.0%}"))

    def bin_at(self, pos: QPointF) -> Any:
        plot = self.plot_rect()
        if not plot.contains(pos):
            return None
        v = (pos.x() - plot.left()) / plot.width()
        for b in self.cal.bins:
            if b.lo <= v <= b.hi and b.n:
                return b
        return None

    def event(self, e: Any) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            b = self.bin_at(QPointF(e.pos()))
            if b is None:
                QToolTip.hideText()
                e.ignore()
            else:
                QToolTip.showText(e.globalPos(), self.bin_text(b), self)
            return True
        return super().event(e)

    def paintEvent(self, _event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text, mid = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Mid)
        plot = self.plot_rect()
        fm = self.fontMetrics()

        def x(v: float) -> float:
            return plot.left() + v * plot.width()

        def y(v: float) -> float:
            return plot.top() + (1 - v) * plot.height()

        p.setPen(text)
        title = fm.elidedText(f"{self.cal.label}", Qt.TextElideMode.ElideRight, int(plot.width() + self.PAD_L))
        p.drawText(QRectF(0, 0, self.width(), self.PAD_T - fm.height() - 4),
                   int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
        bar = QColor(ACCURACY_COLOR)
        bar.setAlpha(200)
        for b in self.cal.bins:
            if not b.n or b.accuracy is None:
                continue
            p.fillRect(QRectF(x(b.lo) + 1, y(b.accuracy), max(1.0, (b.hi - b.lo) * plot.width() - 2),
                              b.accuracy * plot.height()), bar)
            p.setPen(text)  # the bin's count in a row over the plot, clear of the bars, dots and axis
            p.drawText(QRectF(x(b.lo) - 10, plot.top() - fm.height() - 2, (b.hi - b.lo) * plot.width() + 20,
                              fm.height()), int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                       str(b.n))
        p.setPen(QPen(mid, 1))
        p.drawRect(plot)
        p.setPen(QPen(mid, 1, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(x(0), y(0)), QPointF(x(1), y(1)))
        p.setPen(QPen(text, 1))
        p.setBrush(CONFIDENCE_COLOR)
        for b in self.cal.bins:
            if b.n and b.confidence is not None:
                p.drawEllipse(QPointF(x(b.confidence), y(b.confidence)), 3.5, 3.5)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for v in (0.0, 0.5, 1.0):
            label = f"{v:g}"
            p.drawText(QRectF(x(v) - 20, plot.bottom() + 2, 40, fm.height()), int(Qt.AlignmentFlag.AlignHCenter), label)
            p.drawText(QRectF(0, y(v) - fm.height() / 2, self.PAD_L - 4, fm.height()),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
        p.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 2, plot.width(), fm.height()),
                   int(Qt.AlignmentFlag.AlignHCenter), self.tr("confidence"))
        p.save()
        p.translate(fm.height() / 2 + 2, plot.center().y())
        p.rotate(-90)
        p.drawText(QRectF(-plot.height() / 2, -fm.height() / 2 - 2, plot.height(), fm.height()),
                   int(Qt.AlignmentFlag.AlignHCenter), self.tr("accuracy"))
        p.restore()
        p.end()


class CalibrationPanel(QWidget):
    """``set_calibration(list[Calibration])``: the table and one diagram per variant; an
    empty list shows what the tab needs instead."""

    HEADERS = ("Variant", "Scored", "Accuracy", "Mean confidence", "ECE", "MCE", "Brier", "Brier (top answer)")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.calibrations: list[Any] = []
        self.empty = QLabel(self.tr(
            "No calibration for this experiment. It is worked out from runs that scored their answers (a template with a choice "
            "constraint) on rows that have an expected answer: the most probable answer is the prediction, and its "
            "probability the confidence."))
        self.empty.setObjectName("calibrationEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty.setMargin(12)

        self.intro = QLabel(self.tr(
            "Does a variant that says 80% get 80% right? The most probable allowed answer is the prediction and its "
            "probability the confidence. ECE: expected calibration error over 10 equal bins (0 is perfect); MCE: the "
            "largest bin's gap; Brier: multi-class, from 0 (best) to 2. In a diagram the bars are accuracy per bin, "
            "the dots the bins' mean confidence, the dashed diagonal perfect calibration; the numbers over the plot are "
            "the bins' answers."))
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("calibrationTable")
        self.table.setHorizontalHeaderLabels([self._header(h) for h in self.HEADERS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # as tall as its rows
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.diagrams = QWidget()
        self.diagrams_layout = QHBoxLayout(self.diagrams)
        self.diagrams_layout.setContentsMargins(0, 0, 0, 0)
        self.diagrams_layout.addStretch(1)
        filled = QWidget()
        fl = QVBoxLayout(filled)
        fl.setContentsMargins(0, 4, 0, 0)
        fl.addWidget(self.intro)
        fl.addWidget(self.table)
        fl.addWidget(self.diagrams)
        fl.addStretch(1)
        scroll = QScrollArea()  # a small window scrolls the whole tab, the table's rows always whole
        scroll.setWidgetResizable(True)
        scroll.setWidget(filled)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(scroll)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)
        self.set_calibration([])

    def _header(self, key: str) -> str:
        return {"Variant": self.tr("Variant"), "Scored": self.tr("Scored"), "Accuracy": self.tr("Accuracy"),
                "Mean confidence": self.tr("Mean confidence"), "ECE": self.tr("ECE"), "MCE": self.tr("MCE"),
                "Brier": self.tr("Brier"), "Brier (top answer)": self.tr("Brier (top answer)")}[key]

    def set_calibration(self, cals: Sequence[Any]) -> None:
        self.calibrations = list(cals)
        self.stack.setCurrentIndex(1 if self.calibrations else 0)
        self.table.setRowCount(len(self.calibrations))
        for r, c in enumerate(self.calibrations):
            values = (c.label, str(c.n), f"{c.accuracy:.0%}", f"{c.mean_confidence:.0%}", f"{c.ece:.3f}",
                      f"{c.mce:.3f}", f"{c.brier:.3f}", f"{c.brier_top:.3f}")
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, col, item)
        self.table.resizeRowsToContents()
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + frame
                                  + sum(self.table.rowHeight(r) for r in range(self.table.rowCount())))
        while self.diagrams_layout.count() > 1:  # the stretch stays last
            w = self.diagrams_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        for i, c in enumerate(self.calibrations):
            self.diagrams_layout.insertWidget(i, ReliabilityDiagram(c), 0, Qt.AlignmentFlag.AlignTop)

    def diagram_widgets(self) -> list[ReliabilityDiagram]:
        return [w for i in range(self.diagrams_layout.count())
                if isinstance(w := self.diagrams_layout.itemAt(i).widget(), ReliabilityDiagram)]


__all__ = ["CalibrationPanel", "ReliabilityDiagram"]
