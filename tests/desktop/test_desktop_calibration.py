"""The Experiments view's Calibration tab (desktop/calibration_view.py): the figures of a
real choice-constrained experiment on the bundled model, its reliability diagram, and
what the tab says when an experiment has no answer probabilities."""

from __future__ import annotations

import textwrap

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPointF  # noqa: E402

from desktop.calibration_view import CalibrationPanel, ReliabilityDiagram  # noqa: E402
from reports.calibration import Prediction, calibration, grid_calibration  # noqa: E402
from reports.grid import load_grid  # noqa: E402
from tests.desktop_helpers import WAIT, open_window  # noqa: E402
from tests.experiments.test_answer_probability_real import EXPERIMENT, TEMPLATE  # noqa: E402 (yes/no, 3 rows)


def test_a_real_choice_experiment_shows_its_calibration(real_engine, qtbot, tmp_path):
    (tmp_path / "yes-no.yaml").write_text(TEMPLATE, encoding="utf-8")
    path = tmp_path / "exp.yaml"
    path.write_text(textwrap.dedent(EXPERIMENT), encoding="utf-8")
    w = open_window(real_engine, qtbot)
    w.show_view("experiments")
    view = w.view("experiments")
    with qtbot.waitSignal(view.runner.finished, timeout=WAIT * 4) as sig:
        assert view.run_file(path)
    eid, status = sig.args
    assert status == "done"
    qtbot.waitUntil(lambda: view.comparison is not None and view.comparison.grid.n_runs == 3, timeout=WAIT)
    (want,) = grid_calibration(load_grid(real_engine.store, [eid]))  # what the exports print
    panel = view.calibration
    assert view.tabs.tabText(view.tabs.indexOf(panel)) == view.tr("Calibration")
    assert panel.stack.currentIndex() == 1 and panel.table.rowCount() == 1
    row = [panel.table.item(0, c).text() for c in range(panel.table.columnCount())]
    assert row[1:] == ["3", f"{want.accuracy:.0%}", f"{want.mean_confidence:.0%}", f"{want.ece:.3f}",
                       f"{want.mce:.3f}", f"{want.brier:.3f}", f"{want.brier_top:.3f}"]
    (diagram,) = panel.diagram_widgets()
    assert sum(b.n for b in diagram.cal.bins) == 3
    view.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: diagram.isVisible() and diagram.height() == diagram.HEIGHT, timeout=WAIT)
    assert not diagram.grab().isNull()
    assert panel.table.height() >= panel.table.rowHeight(0) + panel.table.horizontalHeader().height()  # rows whole
    w.close()


def test_without_answer_probabilities_the_tab_says_what_it_needs(qtbot):
    panel = CalibrationPanel()
    qtbot.addWidget(panel)
    panel.set_calibration([])
    assert panel.stack.currentIndex() == 0 and "choice constraint" in panel.empty.text()
    assert panel.diagram_widgets() == []


def test_the_diagram_names_the_bin_under_the_pointer(qtbot):
    cal = calibration([Prediction({"a": 0.9, "b": 0.1}, "a"), Prediction({"a": 0.85, "b": 0.15}, "b"),
                       Prediction({"a": 0.3, "b": 0.7}, "b")], label="v1")
    panel = CalibrationPanel()
    qtbot.addWidget(panel)
    panel.set_calibration([cal])
    panel.set_calibration([cal, cal])  # set again: the old diagrams go
    qtbot.waitUntil(lambda: len(panel.diagram_widgets()) == 2, timeout=WAIT)
    d = ReliabilityDiagram(cal)
    qtbot.addWidget(d)
    d.resize(d.sizeHint())
    plot = d.plot_rect()
    top = d.bin_at(QPointF(plot.left() + 0.88 * plot.width(), plot.center().y()))  # the 0.8-0.9 bin
    assert top is not None and top.n == 2 and top.accuracy == 0.5
    assert d.bin_text(top) == "confidence 0.8–0.9: 2 answers, accuracy 50%, mean confidence 88%"
    assert d.bin_at(QPointF(plot.left() + 0.05 * plot.width(), plot.center().y())) is None  # an empty bin
    assert d.bin_at(QPointF(1, 1)) is None  # outside the plot
    assert "accuracy 100%" in d.accessibleDescription()
