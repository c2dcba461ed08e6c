"""Bar charts of the per-variant summary (QtCharts): pass rate and decode tokens/s,
one small chart each, since they do not share a scale."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QBarSeries, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
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

    def set_data(self, labels: Sequence[str], values: Sequence[float | None]) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.labels = list(labels)
        self.values = [float(v or 0.0) for v in values]
        bars = QBarSet("")
        bars.setColor(self.color)
        bars.setBorderColor(self.color)
        bars.append(self.values)
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
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
            y.setTickCount(7)
        elif any(self.values):
            y.setRange(0, max(self.values) * 1.2)
            y.applyNiceNumbers()
        else:  # nothing measured (e.g. one-token answers have no decode rate)
            y.setRange(0, 1)
            y.setTickCount(2)
            y.setLabelsVisible(False)
        chart.setTitle(self.title if any(v is not None for v in values) else self.tr("%1 — no data").replace("%1", self.title))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)


class VariantCharts(QWidget):
    """Pass rate (%) and decode tok/s per variant, side by side."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pass_rate = BarChart(self.tr("Pass rate (%)"), PASS_COLOR, unit="%", maximum=120)
        self.speed = BarChart(self.tr("Decode tokens/s (median)"), SPEED_COLOR)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.pass_rate)
        lay.addWidget(self.speed)

    def set_summaries(self, summaries: Sequence[Any]) -> None:
        labels = [s.column.label for s in summaries]
        self.pass_rate.set_data(labels, [None if s.pass_rate is None else round(s.pass_rate * 100, 1)
                                         for s in summaries])
        self.speed.set_data(labels, [None if s.decode_tps_median is None else round(s.decode_tps_median, 1)
                                     for s in summaries])
