"""The Experiments view with the fake backend: run a batch from the view, the grid,
the differ toggle, the summary, stability, the baseline, side by side, export, cancel."""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QItemSelectionModel, Qt  # noqa: E402

from common.errors import BackendError  # noqa: E402
from desktop.compare_view import ERROR_BG, FAIL_BG, FIXED_COLUMNS, PASS_BG  # noqa: E402
from desktop.experiments_view import ExperimentsView  # noqa: E402
from desktop.side_by_side import diff_html  # noqa: E402
from reports.side_by_side import word_diff  # noqa: E402
from tests.fakes import FakeBackend  # noqa: E402
from tests.desktop_helpers import WAIT, open_window
from tests.store_tools import open_log


QA = 'name: qa\nvariables:\n  - name: question\nprompt: "Q: {{ question }}"\n'
QA2 = 'name: qa2\nvariables:\n  - name: question\nprompt: "Question: {{ question }}"\n'
EXPERIMENT = """\
name: two prompts
templates: [qa.yaml, qa2.yaml]
rows:
  - {vars: {question: "What is 2+2?"}, expected: "4"}
  - {vars: {question: "Capital of France?"}, expected: "Paris"}
  - {vars: {question: "Boom?"}, expected: "x"}
models: [smollm2-135m-instruct]
params:
  greedy: {temperature: 0, max_tokens: 8, seed: 5}
repeats: REPEATS
assertions:
  - {kind: equals, ignore_case: true}
"""


def answer(request) -> list[str]:
    text = request.messages[-1].content
    if "Boom?" in text:
        raise BackendError("the fake model fell over")
    if text.startswith("Question: ") and "2+2" in text:
        return ["<b>5</b>"]  # the second prompt gets it wrong, with markup to escape
    return {"What is 2+2?": ["4"], "Capital of France?": ["Par", "is"]}.get(text.split(": ", 1)[1], ["?"])


def write_experiment(folder: Path, repeats: int = 1, name: str = "exp.yaml") -> Path:
    (folder / "qa.yaml").write_text(QA, encoding="utf-8")
    (folder / "qa2.yaml").write_text(QA2, encoding="utf-8")
    p = folder / name
    p.write_text(textwrap.dedent(EXPERIMENT.replace("REPEATS", str(repeats))), encoding="utf-8")
    return p


@pytest.fixture
def window(fake_engine, qtbot):
    fake_engine.pool.backend = FakeBackend(responder=answer, delay_s=0.001)
    w = open_window(fake_engine, qtbot)
    yield w
    w.close()


@pytest.fixture
def view(window) -> ExperimentsView:
    window.show_view("experiments")
    return window.view("experiments")


def run_to_end(qtbot, view, path) -> str:
    with qtbot.waitSignal(view.runner.finished, timeout=WAIT) as sig:
        assert view.run_file(path)
    eid, status = sig.args
    assert status == "done"
    qtbot.waitUntil(lambda: view.comparison is not None and view.comparison.experiment_id == eid
                    and view.comparison.grid.n_runs == 6 * (view.comparison.grid.n_runs // 6 or 1), timeout=WAIT)
    qtbot.waitUntil(lambda: not view.wb.tasks.busy, timeout=WAIT)
    return eid


def cell_text(view, row, col):
    return view.model.index(row, FIXED_COLUMNS + col).data()


def test_experiments_replaces_the_placeholder(window):
    assert ("experiments", window.tr("Experiments")) in window.nav_titles()
    window.show_view("experiments")
    assert window.current_view() == "experiments"


def test_batch_runs_from_the_view_and_fills_grid_summary_and_list(view, qtbot, tmp_path):
    eid = run_to_end(qtbot, view, write_experiment(tmp_path))
    assert not view.wb.busy and not view.runner.running
    m = view.model
    assert (m.rowCount(), m.columnCount()) == (3, FIXED_COLUMNS + 2)
    assert [m.headerData(FIXED_COLUMNS + i, Qt.Orientation.Horizontal) for i in range(2)] == ["qa", "qa2"]
    assert cell_text(view, 0, 0) == "✓ 4" and cell_text(view, 0, 1) == "✗ <b>5</b>"
    assert m.index(0, FIXED_COLUMNS).data(Qt.ItemDataRole.BackgroundRole) == PASS_BG
    assert m.index(0, FIXED_COLUMNS + 1).data(Qt.ItemDataRole.BackgroundRole) == FAIL_BG
    # a failing cell shows as an error and the batch went on past it
    assert cell_text(view, 2, 0).startswith("failed: ") and "fell over" in cell_text(view, 2, 0)
    assert m.index(2, FIXED_COLUMNS).data(Qt.ItemDataRole.BackgroundRole) == ERROR_BG
    tip = m.index(0, FIXED_COLUMNS + 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;5&lt;/b&gt;" in tip and "<b>5</b>" not in tip  # model text is escaped
    assert "tok/s" in m.index(1, FIXED_COLUMNS).data(Qt.ItemDataRole.UserRole + 1)
    # the differ toggle keeps only the 2+2 row
    view.differ.setChecked(True)
    assert m.rowCount() == 1 and m.index(0, 0).data() == "What is 2+2?"
    view.differ.setChecked(False)
    assert m.rowCount() == 3
    # summary per variant, and its chart
    t = view.summary.table
    assert t.rowCount() == 2
    assert [t.item(r, 2).text() for r in range(2)] == ["67% (2/3)", "33% (1/3)"]
    assert [t.item(r, 9).text() for r in range(2)] == ["1", "1"]  # errors
    # the chart shows the statistic: ok runs only (the error is left out), with its Wilson interval
    assert view.summary.charts.pass_rate.values == [100.0, 50.0]
    assert [t.item(r, 3).text() for r in range(2)] == ["100% (34–100%)", "50% (9–91%)"]
    assert len(view.summary.charts.speed.values) == 2
    # the list of experiments
    qtbot.waitUntil(lambda: bool(view.experiments), timeout=WAIT)
    row = view.experiments[0]
    assert row["id"] == eid and row["status"] == "done" and row["done_cells"] == 6
    assert view.list.item(0, 2).text() == "6/6" and view.list.item(0, 1).text() == "done"
    assert "6/6" in view.list.item(0, 2).text()


def test_stability_over_repeats_in_the_cell(view, qtbot, tmp_path):
    run_to_end(qtbot, view, write_experiment(tmp_path, repeats=2))
    idx = view.model.index(0, FIXED_COLUMNS)
    assert cell_text(view, 0, 0) == "✓ 4"
    assert "⟳100%" in idx.data(Qt.ItemDataRole.UserRole + 1)
    tip = idx.data(Qt.ItemDataRole.ToolTipRole)
    assert "distinct answers: 1" in tip and "agreement: 100%" in tip


def test_side_by_side_shows_a_word_diff(view, qtbot, tmp_path):
    run_to_end(qtbot, view, write_experiment(tmp_path))
    sel = view.grid.selectionModel()
    sel.select(view.model.index(0, FIXED_COLUMNS), QItemSelectionModel.SelectionFlag.Select)
    sel.select(view.model.index(0, FIXED_COLUMNS + 1), QItemSelectionModel.SelectionFlag.Select)
    assert len(view.selected_runs()) == 2
    with qtbot.waitSignal(view.sideBySideShown, timeout=WAIT) as sig:
        view.compare_button.click()
    dialog = sig.args[0]
    html = dialog.output.toHtml()
    assert "<b>5</b>" in dialog.output.toPlainText()  # shown as text, not as markup
    assert "#c8f0c8" in html and "#f8c8c8" in html  # an insertion and a deletion are highlighted
    assert "Question" in dialog.sent.toPlainText()
    dialog.close()
    # model text never becomes markup
    out = diff_html(word_diff("a <i>x</i>", "a <b>y</b>"))
    assert "<" not in re.sub(r"</?span[^>]*>", "", out) and "&lt;" in out


def test_side_by_side_needs_two_to_four_cells(view, qtbot, tmp_path):
    run_to_end(qtbot, view, write_experiment(tmp_path))
    view.grid.selectionModel().select(view.model.index(0, FIXED_COLUMNS), QItemSelectionModel.SelectionFlag.Select)
    with qtbot.waitSignal(view.failed, timeout=WAIT) as sig:
        view.compare_button.click()
    assert "2 to 4" in sig.args[1]


def test_baseline_counts_better_worse(view, qtbot, tmp_path, fake_engine):
    first = run_to_end(qtbot, view, write_experiment(tmp_path))
    fake_engine.pool.backend = FakeBackend(responder=lambda r: ["4"] if "2+2" in r.messages[-1].content else answer(r))
    (tmp_path / "b").mkdir()
    second = run_to_end(qtbot, view, write_experiment(tmp_path / "b"))
    assert second != first and view._selected_id == second
    with qtbot.waitSignal(view.comparisonLoaded, timeout=WAIT) as sig:
        view.baseline.setCurrentIndex(view.baseline.findData(first))
    base = sig.args[0].baseline
    assert base is not None and base.counts()["better"] == 1 and base.counts()["worse"] == 0
    assert "1" in view.baseline_panel.counts.text()
    assert view.baseline_panel.table.rowCount() == 1
    assert view.baseline_panel.table.item(0, 1).text() == "What is 2+2?"
    # another experiment selected: the baseline chosen for this one does not follow it
    row = next(r for r in range(view.list.rowCount())
               if view.list.item(r, 0).data(Qt.ItemDataRole.UserRole) == first)
    with qtbot.waitSignal(view.comparisonLoaded, timeout=WAIT) as sig:
        view.list.selectRow(row)
    assert view._selected_id == first and view.baseline.currentData() is None and sig.args[0].baseline is None


def test_export_writes_a_file_and_an_unwritable_folder_is_a_dialog(view, window, qtbot, tmp_path):
    run_to_end(qtbot, view, write_experiment(tmp_path))
    out = tmp_path / "report.md"
    with qtbot.waitSignal(view.exported, timeout=WAIT) as sig:
        view.export_to(str(out))
    assert sig.args[0] == str(out) and "two prompts" in out.read_text(encoding="utf-8")
    with qtbot.waitSignal(window.errorShown, timeout=WAIT) as sig:
        view.export_to(str(tmp_path / "missing" / "r.csv"))
    assert sig.args[0] == view.tr("Could not export") and "does not exist" in sig.args[1]
    if os.geteuid() != 0:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        with qtbot.waitSignal(window.errorShown, timeout=WAIT) as sig:
            view.export_to(str(ro / "r.json"))
        assert "not writable" in sig.args[1]


def test_bad_file_is_an_error_dialog(view, window, qtbot, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ntemplates: [nope.yaml]\n", encoding="utf-8")
    with qtbot.waitSignal(window.errorShown, timeout=WAIT) as sig:
        view.run_file(bad)
    assert sig.args[0] == view.tr("Could not run the experiment") and "\n" not in sig.args[1]
    qtbot.waitUntil(lambda: not view.runner.running and not window.wb.busy, timeout=WAIT)
    assert view.eta.text() == view.tr("No experiment running")  # not "Loading the experiment…" for ever
    assert view.progress.maximum() == 1


def test_cancel_mid_batch_stops_it(view, window, qtbot, tmp_path, fake_engine):
    # 30 tokens of 50 ms: the cell in flight is still running when Cancel follows Pause, on a loaded machine too
    fake_engine.pool.backend = FakeBackend(responder=lambda r: ["a"] * 30, delay_s=0.05)
    with qtbot.waitSignal(view.runner.progress, timeout=WAIT):
        view.run_file(write_experiment(tmp_path, repeats=3))
    assert window.wb.busy and view.cancel_button.isEnabled() and not view.open_button.isEnabled()
    view.pause_button.click()  # a paused batch still cancels at once
    assert view.runner.paused and view.pause_button.text() == view.tr("Resume")
    assert view.list.item(0, 1).text() == view.tr("paused") and "paused" in window.wb.task_text()
    assert "no model loaded" not in window.status.model.text()  # the batch has its models, not the picker
    with qtbot.waitSignal(view.runner.finished, timeout=WAIT) as sig:
        view.cancel_button.click()
    eid, status = sig.args
    assert status == "cancelled"
    done = open_log(fake_engine.store).execute(
        "SELECT count(*) FROM runs WHERE experiment_id = ? AND parent_id IS NULL", [eid]).fetchone()[0]
    assert 1 <= done < 18
    finished = len(fake_engine.store.finished_cells(eid))
    assert finished == done - 1  # the cell running at the cancel is recorded cancelled, and is not done
    assert view.progress.value() == finished  # the bar counts what finished, not the cancelled cell
    assert not window.wb.busy and view.open_button.isEnabled() and not view.runner.paused
    qtbot.waitUntil(lambda: view.comparison is not None and view.comparison.experiment_id == eid
                    and view.comparison.grid.n_runs == done, timeout=WAIT)
    assert view.list.item(0, 2).text() == f"{finished}/18"
    # the plan stays in view: every row and variant, the cells that did not run saying so
    grid = view.comparison.grid
    assert (len(grid.rows), len(grid.columns)) == (3, 2) and " · 3 rows × 2 variants · " in view.title.text()
    texts = [cell_text(view, r, c) for r in range(3) for c in range(2)]
    assert view.model.tr("not run") in texts
    # it comes from the experiment's file, while the file holds the same config
    from desktop.batch_worker import planned_experiment
    row = fake_engine.store.get_experiment(eid)
    assert planned_experiment(fake_engine, row) is not None
    assert planned_experiment(fake_engine, {**row, "config_hash": "changed"}) is None
    assert planned_experiment(fake_engine, {**row, "status": "done"}) is None
    assert planned_experiment(fake_engine, {**row, "source_path": str(tmp_path / "gone.yaml")}) is None
    # the cancelled cell is "stopped" in the summary, not an error; the column shows only then
    summaries = view.comparison.summaries
    assert sum(s.stopped for s in summaries) == 1 and sum(s.errors for s in summaries) == 0
    stopped_col = view.summary.HEADERS.index("Stopped")
    assert not view.summary.table.isColumnHidden(stopped_col)
    assert sorted(view.summary.table.item(r, stopped_col).text() for r in range(len(summaries)))[-1] == "1"
    qtbot.waitUntil(lambda: bool(view.experiments) and view.experiments[0]["status"] == "cancelled", timeout=WAIT)
    assert view.resume_button.isEnabled()
    # resuming runs only what is left, to the end
    fake_engine.pool.backend = FakeBackend(responder=answer)
    with qtbot.waitSignal(view.runner.finished, timeout=WAIT) as sig:
        view.resume_button.click()
    assert sig.args == [eid, "done"]
    qtbot.waitUntil(lambda: view.comparison is not None and view.comparison.grid.n_runs == 18, timeout=WAIT)
    assert view.summary.table.isColumnHidden(stopped_col)  # resumed: nothing stopped any more


def test_a_running_batch_shows_its_planned_cells_as_queued(view, qtbot, tmp_path, fake_engine):
    """While the first cell runs the grid already has every row and variant, the cells to
    come saying "queued", and the title counts the plan, not the runs so far."""
    fake_engine.pool.backend = FakeBackend(responder=answer, delay_s=0.2)  # a cell takes 0.2 s or more
    with qtbot.waitSignal(view.runner.progress, timeout=WAIT):
        assert view.run_file(write_experiment(tmp_path))
    view.runner.pause()  # after the cell that runs now
    view.reload_comparison()
    qtbot.waitUntil(lambda: view.comparison is not None and len(view.comparison.grid.rows) == 3
                    and view.comparison.grid.n_runs >= 1, timeout=WAIT)  # not a reload begun before the first cell
    grid = view.comparison.grid
    assert len(grid.columns) == 2 and 1 <= grid.n_runs < 6
    assert " · 3 rows × 2 variants · " in view.title.text()
    texts = [cell_text(view, r, c) for r in range(3) for c in range(2)]
    assert texts.count(view.model.tr("queued")) == 6 - grid.n_runs
    assert [r.label for r in grid.rows] == ["What is 2+2?", "Capital of France?", "Boom?"]
    assert [r.expected for r in grid.rows] == ["4", "Paris", "x"]
    with qtbot.waitSignal(view.runner.finished, timeout=WAIT):
        view.runner.resume()
    qtbot.waitUntil(lambda: view.comparison is not None and view.comparison.grid.n_runs == 6, timeout=WAIT)
    assert view.runner.plans() == {}  # the plan is the running batch's only


def test_the_list_says_what_to_do_while_it_is_empty(view):
    assert view.list.rowCount() == 0 and view.progress.text() == ""  # not "0 / 1"
    assert "New experiment…" in view.list.empty_hint and "promptfooconfig.yaml" in view.list.empty_hint
    view.list.grab()  # it paints (the hint is drawn in the viewport)


PROMPTFOO = Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "promptfoo" / "getting-started"


@pytest.mark.skipif(not (PROMPTFOO / "promptfooconfig.yaml").is_file(),
                    reason="../shared/conformance/promptfoo is not here (CI has it)")
def test_opening_a_promptfoo_config_imports_it_and_runs_it(view, window, qtbot, fake_engine, tmp_path):
    """A promptfoo user opens their promptfooconfig.yaml: it is imported into the data
    folder (what was not ported said in a note) and runs, instead of "name: Field required"."""
    config = tmp_path / "promptfooconfig.yaml"
    config.write_text((PROMPTFOO / "promptfooconfig.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with qtbot.waitSignal(view.imported, timeout=WAIT) as note, \
            qtbot.waitSignal(view.runner.finished, timeout=WAIT) as done:
        assert view.run_file(config)
    assert note.args[0].startswith("promptfooconfig.yaml is a promptfoo config: imported as ")
    written = Path(note.args[0].split("imported as ")[1].split(" (")[0])
    assert written.is_file() and written.is_relative_to(fake_engine.home / "imports")
    eid, status = done.args
    assert status == "done" and fake_engine.store.finished_cells(eid)
    assert config.read_text(encoding="utf-8") == (PROMPTFOO / "promptfooconfig.yaml").read_text(encoding="utf-8")


def test_a_promptfoo_tests_description_names_its_row_in_the_grid(view, window, qtbot, tmp_path):
    """promptfoo users tell tests apart by their descriptions: the Input column leads with it."""
    config = tmp_path / "promptfooconfig.yaml"
    config.write_text(textwrap.dedent("""\
        prompts: ["Q: {{question}}"]
        providers: [openai:gpt-4o-mini]
        tests:
          - description: Adds two numbers
            vars: {question: "What is 2+2?"}
            assert: [{type: equals, value: "4"}]
          - vars: {question: "Capital of France?"}
        """), encoding="utf-8")
    with qtbot.waitSignal(view.runner.finished, timeout=WAIT) as done:
        assert view.run_file(config)
    qtbot.waitUntil(lambda: view.comparison is not None and view.comparison.experiment_id == done.args[0]
                    and view.comparison.grid.n_runs == 2, timeout=WAIT)
    shown = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert shown == ["Adds two numbers — What is 2+2?", "Capital of France?"]


def test_the_grid_columns_refit_a_smaller_window_until_one_is_dragged(view, window, qtbot, tmp_path):
    window.resize(1600, 1000)
    run_to_end(qtbot, view, write_experiment(tmp_path))
    grid = view.grid
    header = grid.horizontalHeader()

    def used() -> int:
        return sum(grid.columnWidth(c) for c in range(view.model.columnCount()))

    window.resize(1366, 768)
    qtbot.waitUntil(lambda: used() <= grid.viewport().width() + 2, timeout=WAIT)  # every variant in view
    view._header_pressed = True  # a drag on the header: pressed there, then a section resized
    header.resizeSection(0, 600)
    view._header_pressed = False
    window.resize(1200, 700)
    qtbot.wait(50)
    assert grid.columnWidth(0) == 600  # a width set by hand is kept
