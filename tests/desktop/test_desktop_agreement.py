"""The Agreement tab of the comparison with real widgets: each model against the
reference, the selected pair's figures and differing rows, another reference, the
empty states, and double-click to the side-by-side dialog in the Experiments view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.agreement_view import AgreementPanel
from desktop.compare_view import ERROR_BG, FAIL_BG, PASS_BG, build_comparison
from tests.agreement_data import F16, Q4, make_experiment
from tests.desktop_helpers import WAIT, open_window


def texts(table, row):
    return [table.item(row, c).text() if table.item(row, c) else "" for c in range(table.columnCount())]


@pytest.fixture
def panel(qtbot):
    p = AgreementPanel()
    qtbot.addWidget(p)
    p.resize(820, 480)
    p.show()
    return p


def test_models_figures_and_differing_rows(panel, fake_engine, tmp_path, qtbot):
    comparison = build_comparison(fake_engine.store, make_experiment(fake_engine, tmp_path))
    with qtbot.waitSignal(panel.agreementChanged, timeout=WAIT) as sig:
        panel.set_comparison(comparison)
    assert sig.args[0] is comparison.agreement and panel.stack.currentIndex() == 1
    assert [panel.reference.itemData(i) for i in range(panel.reference.count())] == [Q4, F16]
    assert panel.reference.currentData() == Q4
    # the reference first, then each model against it; each cell a value and its detail
    assert panel.models.rowCount() == 2
    assert texts(panel.models, 0) == [f"{Q4}\nllama.cpp · reference", "reference", "", "", "", "75%\n3 of 4",
                                      "101.5", "20 ms", "106 MB\nRSS 160 MB", ""]
    row = texts(panel.models, 1)
    assert row[:9] == [f"{F16}\ntransformers", "67% (21–94%)\n2 of 3 pairs", "33%\n1 of 3", "0.56",
                       "word 2.5\nin 2 pairs", "50%\n2 of 4", "41.0\n0.40×", "50 ms", "538 MB\nRSS 700 MB"]
    k = comparison.agreement.comparisons[0].kappa
    assert k is not None and row[9] == (f"{k.kappa:.2f}\n{k.low:.2f} to {k.high:.2f}" if k.low is not None
                                        else "undefined\n" + (k.statement or "")[:60])
    assert panel.models.item(1, 1).background().color() == ERROR_BG  # between poor and good
    assert "transformers" in panel.models.item(1, 0).toolTip() and "Left out: 1" in panel.models.item(1, 0).toolTip()
    assert panel.selected_model().other.model == F16  # the first model is selected
    assert "Left out: 1 (a run did not end ok: 0 on the reference, 1 on the model)" in panel.notes.text()
    assert "1 only on the reference" in panel.notes.text()
    # the rows that differ
    assert "3 pairs differ" in panel.diff_title.text()
    assert panel.diffs.rowCount() == 3
    assert texts(panel.diffs, 0) == ["2. Capital of France?", "qa", "1", "same answer, other words", "Paris", "Paris",
                                     "0.67", "4"]
    assert panel.diffs.isColumnHidden(1) and panel.diffs.isColumnHidden(2)  # one variant, one repeat
    assert texts(panel.diffs, 1)[3:6] == ["other answer", "blue", "<b>green</b>"]  # plain text, not markup
    assert panel.diffs.item(1, 3).background().color() == FAIL_BG
    assert texts(panel.diffs, 2)[3:] == ["a run failed", "x", "CUDA out of memory", "—", "—"]
    # double-click: the reference's run first, then the model's
    grid = comparison.grid
    ref_run = grid.rows[2].cells[grid.columns[0].key][0].run_id
    run = grid.rows[2].cells[grid.columns[1].key][0].run_id
    rect = panel.diffs.visualItemRect(panel.diffs.item(1, 0))
    qtbot.mouseClick(panel.diffs.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a press first
    with qtbot.waitSignal(panel.sideBySideRequested, timeout=WAIT) as sig:
        qtbot.mouseDClick(panel.diffs.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args[0] == [(ref_run, f"{Q4} · Colour of the sky?"), (run, f"{F16} · Colour of the sky?")]


def test_another_reference_is_kept_across_reloads(panel, fake_engine, tmp_path, qtbot):
    eid = make_experiment(fake_engine, tmp_path)
    panel.set_comparison(build_comparison(fake_engine.store, eid))
    with qtbot.waitSignal(panel.agreementChanged, timeout=WAIT) as sig:
        panel.reference.setCurrentIndex(panel.reference.findData(F16))
    assert sig.args[0].reference == F16
    assert texts(panel.models, 0)[0] == f"{F16}\ntransformers · reference"
    assert texts(panel.models, 1)[0] == f"{Q4}\nllama.cpp" and texts(panel.models, 1)[6] == "101.5\n2.48×"
    panel.diffs.selectRow(1)
    picked = panel.pair_at(1)
    panel.set_comparison(build_comparison(fake_engine.store, eid))  # a reload (e.g. while a batch runs)
    assert panel.agreement.reference == F16 and panel.reference.currentData() == F16
    assert panel.diffs.rowCount() == 3 and panel.diffs.currentRow() == 1 and panel.pair_at(1).run_id == picked.run_id


def test_empty_states(panel, fake_engine, tmp_path):
    assert panel.stack.currentWidget() is panel.empty and "Pick an experiment" in panel.empty.text()
    eid = make_experiment(fake_engine, tmp_path, models=(Q4,))
    panel.set_comparison(build_comparison(fake_engine.store, eid))
    assert panel.stack.currentWidget() is panel.empty and panel.agreement is None
    assert "one model" in panel.empty.text() and "backend: transformers" in panel.empty.text()
    assert panel.models.rowCount() == 0 and panel.diffs.rowCount() == 0


def test_identical_models_say_so(panel, fake_engine, tmp_path):
    from tests.agreement_data import OUTPUTS

    same = {Q4: OUTPUTS[Q4], F16: OUTPUTS[Q4][:4] + [None]}
    panel.set_comparison(build_comparison(fake_engine.store, make_experiment(fake_engine, tmp_path, outputs=same)))
    assert texts(panel.models, 1)[1:5] == ["100% (51–100%)\n4 of 4 pairs", "100%\n4 of 4", "1.00", "identical"]
    assert panel.models.item(1, 1).background().color() == PASS_BG
    assert panel.diffs.rowCount() == 0 and "No row differs" in panel.diff_title.text()
    assert "Unmatched cells: 1 only on the reference" in panel.notes.text()
    panel.models.selectRow(0)  # the reference itself: nothing to list
    assert panel.selected_model() is None and panel.diffs.rowCount() == 0
    assert "Select a model" in panel.diff_title.text() and not panel.notes.isVisible()


def test_agreement_tab_in_the_experiments_view_opens_side_by_side(fake_engine, qtbot, tmp_path):
    eid = make_experiment(fake_engine, tmp_path)
    window = open_window(fake_engine, qtbot, "experiments")
    try:
        view = window.view("experiments")
        qtbot.waitUntil(lambda: view.comparison is not None and view.comparison.experiment_id == eid, timeout=WAIT)
        tab = view.tabs.indexOf(view.agreement)
        assert view.tabs.tabText(tab) == "Agreement"
        view.tabs.setCurrentIndex(tab)
        panel = view.agreement
        assert panel.models.rowCount() == 2 and panel.diffs.rowCount() == 3
        # at the default window size both tables show everything without scrolling or eliding the numbers
        qtbot.waitUntil(lambda: panel.models.isVisible(), timeout=WAIT)
        for table in (panel.models, panel.diffs):
            assert not table.horizontalScrollBar().isVisible() and not table.verticalScrollBar().isVisible()
        metrics = panel.models.fontMetrics()
        for c in range(1, panel.models.columnCount()):
            lines = [line for r in range(2) for line in texts(panel.models, r)[c].split("\n")]
            widest = max(metrics.horizontalAdvance(line) for line in lines)
            assert panel.models.columnWidth(c) >= widest
        with qtbot.waitSignal(view.sideBySideShown, timeout=WAIT) as sig:
            panel.open_pair(0)
        dialog = sig.args[0]
        pair = panel.pair_at(0)
        text = dialog.output.toPlainText()
        assert text.index(pair.reference_run_id) < text.index(pair.run_id)  # the reference first
        assert f"{Q4} · Capital of France?" in text and f"{F16} · Capital of France?" in text
        assert "Paris is the capital city." in text
        dialog.close()
        # the export follows the reference shown
        panel.reference.setCurrentIndex(panel.reference.findData(F16))
        out = tmp_path / "agreement.md"
        with qtbot.waitSignal(view.exported, timeout=WAIT):
            view.export_to(str(out))
        assert f"the reference {F16.replace('_', chr(92) + '_')} on the same cells" in out.read_text(encoding="utf-8")
    finally:
        window.close()


def test_the_panel_in_chinese(fake_engine, tmp_path, qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import install_translators

    app = QApplication.instance()
    translators = install_translators(app, "zh_CN")
    try:
        panel = AgreementPanel()
        qtbot.addWidget(panel)
        assert panel.empty.text() == "选择一个实验，查看其中各模型的一致性。"
        panel.set_comparison(build_comparison(fake_engine.store, make_experiment(fake_engine, tmp_path)))
        headers = [panel.models.horizontalHeaderItem(c).text() for c in range(panel.models.columnCount())]
        assert headers[:3] == ["模型", "答案\n一致", "输出\n相同"]
        assert texts(panel.models, 0)[1] == "参照" and texts(panel.models, 1)[4] == "第 2.5 个词\n共 2 对"
        assert texts(panel.diffs, 1)[3] == "答案不同"
        assert panel.diff_title.text().startswith("3 对与参照不同")
    finally:
        for t in translators:
            app.removeTranslator(t)
