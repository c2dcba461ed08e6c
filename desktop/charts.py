"""Bar charts of the per-variant summary (QtCharts): pass rate and decode tokens/s,
one small chart each, since they do not share a scale. A rate's axis is 0-100%; a
bar with an interval has it drawn as a whisker (a vertical line with caps) over it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QBarSeries, QChart, QChartView, QValueAxis
from PySide6.QtCore import QLineF, QMargins, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QWidget

PASS_COLOR = QColor(46, 139, 87)
SPEED_COLOR = QColor(65, 105, 225)


def _short(label: str, n: int = 22) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


class BarChart(QChartView):
    """One series of bars, one bar per variant, with the value above each bar."""

    def __init__(self, title: str, color: QColor, *, unit: str = "", maximum: float | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.unit, self.maximum, self.color, self.title = unit, maximum, color, title
        self.values: list[float] = []
        self.labels: list[str] = []
        self.intervals: list[tuple[float, float] | None] = []  # per bar (low, high) in the bar's unit
        self._series: QBarSeries | None = None
        chart = QChart()
        chart.setTitle(title)
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(180)
        self._apply_palette()

    def _apply_palette(self) -> None:
        pal = self.palette()
        chart = self.chart()
        chart.setBackgroundBrush(pal.color(QPalette.ColorRole.Base))
        chart.setTitleBrush(pal.color(QPalette.ColorRole.Text))
        self._text = pal.color(QPalette.ColorRole.Text)

    def set_data(self, labels: Sequence[str], values: Sequence[float | None],
                 intervals: Sequence[tuple[float, float] | None] | None = None) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.labels = list(labels)
        self.values = [float(v or 0.0) for v in values]
        self.intervals = list(intervals) if intervals is not None else [None] * len(self.values)
        bars = QBarSet("")
        bars.setColor(self.color)
        bars.setBorderColor(self.color)
        bars.append(self.values)
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        # a rate's bars reach the top of a 0-100 axis: their value goes inside, under the whisker's cap
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsInsideBase if self.maximum is not None
                                 else QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value" + self.unit)
        series.setLabelsPrecision(3)
        bars.setLabelColor(self._text)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([_short(label) for label in self.labels] or [""])
        x.setLabelsColor(self._text)
        y = QValueAxis()
        y.setLabelsColor(self._text)
        y.setLabelFormat("%.0f")
        if self.maximum is not None:
            y.setRange(0, self.maximum)
            y.setTickCount(6)  # 0, 20, ... 100
        elif any(self.values):
            top = max([*self.values, *(hi for iv in self.intervals if iv for hi in iv[1:])])
            y.setRange(0, top * 1.15)
            y.applyNiceNumbers()
            step = (y.max() - y.min()) / max(1, y.tickCount() - 1)
            if step < 1:  # small values: ticks of 0.5 or 0.2 need their decimals, else they read 0, 1, 1, 2
                y.setLabelFormat("%.2f" if step < 0.1 else "%.1f")
        else:  # nothing measured (e.g. one-token answers have no decode rate)
            y.setRange(0, 1)
            y.setTickCount(2)
            y.setLabelsVisible(False)
        chart.setTitle(self.title if any(v is not None for v in values) else self.tr("%1 — no data").replace("%1", self.title))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self._series = series
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt's name
        """The intervals as whiskers over the bars (in scene coordinates)."""
        super().drawForeground(painter, rect)
        series, chart = self._series, self.chart()
        if series is None or not any(self.intervals):
            return
        pen = QPen(self._text)
        pen.setWidthF(1.6)
        painter.save()
        painter.setPen(pen)
        for i, iv in enumerate(self.intervals):
            if iv is None:
                continue
            lo = chart.mapToScene(chart.mapToPosition(QPointF(i, iv[0]), series))
            hi = chart.mapToScene(chart.mapToPosition(QPointF(i, iv[1]), series))
            painter.drawLine(QLineF(lo, hi))
            for p in (lo, hi):
                painter.drawLine(QLineF(p.x() - 6, p.y(), p.x() + 6, p.y()))
        painter.restore()


class VariantCharts(QWidget):
    """Pass rate (%) and decode tok/s per variant, side by side."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pass_rate = BarChart(self.tr("Pass rate of ok runs (%), 95% interval"), PASS_COLOR, unit="%",
                                  maximum=100)
        self.speed = BarChart(self.tr("Decode tokens/s (median)"), SPEED_COLOR)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.pass_rate)
        lay.addWidget(self.speed)

    def set_summaries(self, summaries: Sequence[Any]) -> None:
        """The pass rate is the statistic's (ok runs, as its interval), else the raw rate."""
        labels = [s.column.label for s in summaries]
        rates, whiskers = [], []
        for s in summaries:
            est = getattr(s, "intervals", {}).get("pass")
            if est is not None and est.estimate is not None:
                rates.append(round(est.estimate * 100, 1))
                whiskers.append((est.low * 100, est.high * 100) if est.low is not None and est.high is not None
                                else None)
            else:
                rates.append(None if s.pass_rate is None else round(s.pass_rate * 100, 1))
                whiskers.append(None)
        self.pass_rate.set_data(labels, rates, whiskers)
        self.speed.set_data(labels, [None if s.decode_tps_median is None else round(s.decode_tps_median, 1)
                                     for s in summaries])
