"""The experiment builder: compose in the window, count cells and time, save the YAML the
CLI runs, open it again; bad input says why in plain words and the window stays alive.
Also the Experiments view's states: the list count follows the bar, one Pause/Resume
button, export says where it saved."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from desktop.experiment_builder import ExperimentBuilder  # noqa: E402
from common.errors import ExperimentError  # noqa: E402
from desktop.experiment_cells import cell_state  # noqa: E402
from tests.desktop_helpers import WAIT, open_window  # noqa: E402
from tests.fakes import FakeBackend  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(fake_engine, qtbot):
    fake_engine.pool.backend = FakeBackend(responder=lambda r: ["true"], delay_s=0.001)
    w = open_window(fake_engine, qtbot, "experiments")
    yield w
    w.close()


@pytest.fixture
def builder(window, qtbot) -> ExperimentBuilder:
    b = window.view("experiments").open_builder()
    qtbot.addWidget(b)
    return b


def compose(b: ExperimentBuilder) -> None:
    b.name.setText("built in the window")
    b.set_templates(["fact-check"])
    b.prompts.setPlainText("True or false? {{ statement }}")
    b.models.cellWidget(0, 0).setCurrentText("smollm2-135m-instruct")
    b.params.item(0, 2).setText("3")  # max_tokens
    b.set_dataset("builtin:true_false_statements.csv", "label", 2)
    b.assertions["equals"].setChecked(True)


def test_builder_counts_saves_and_reopens(builder, window, qtbot, tmp_path):
    compose(builder)
    assert builder.check() and builder.cells == 4  # 2 templates x 2 rows x 1 model x 1 set x 1 repeat
    assert "4 cells" in builder.summary.text() and "about" in builder.summary.text()
    path = builder.save(tmp_path / "built.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["templates"] == ["fact-check", "prompt-1.yaml"]
    assert data["dataset"] == {"path": "builtin:true_false_statements.csv", "limit": 2, "expected": "label"}
    assert data["models"] == ["smollm2-135m-instruct"] and data["params"]["default"]["max_tokens"] == 3
    assert (tmp_path / "prompt-1.yaml").is_file()
    again = ExperimentBuilder(window.wb)
    qtbot.addWidget(again)
    again.open_file(path)
    assert again.spec_data() == builder.spec_data() and again.cells == 4
    # a file with parts the form has no field for is refused, naming them, and the form is left as it was
    richer = yaml.safe_load(path.read_text(encoding="utf-8"))
    richer.update(description="kept", rows=[{"vars": {"statement": "Ice is cold."}, "expected": "true"}],
                  assertions=[{"kind": "equals", "ignore_case": False}])
    richer["templates"][0] = {"ref": "fact-check", "pattern": "zero-shot"}
    (tmp_path / "richer.yaml").write_text(yaml.safe_dump(richer), encoding="utf-8")
    with pytest.raises(ExperimentError) as err:
        again.open_file(tmp_path / "richer.yaml")
    msg = str(err.value)
    assert msg.startswith("richer.yaml has parts this form cannot show (a description; 1 rows written in the file; "
                          "options of template fact-check; assertion equals with its options)")
    assert "saving it from here would lose them" in msg
    assert again.path == path and again.spec_data() == builder.spec_data()
    # and it runs from the window to four finished cells
    view = window.view("experiments")
    with qtbot.waitSignal(view.runner.finished, timeout=WAIT) as sig:
        builder.run_button.click()
    eid, status = sig.args
    assert status == "done" and len(window.wb.engine.store.finished_cells(eid)) == 4


def test_builder_yaml_runs_in_the_cli_to_the_same_cells(builder, window, qtbot, tmp_path, smollm2):
    compose(builder)
    path = builder.save(tmp_path / "built.yaml")
    expected = {c.key for c in __import__("experiments.plan", fromlist=["plan"]).plan(builder.load_resolved())}
    home = tmp_path / "cli-home"
    env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "main.py", "batch", str(path), "--json"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    from runs.store import Store

    store = Store(home / "runs.db")
    try:
        eid = store.list_experiments(5)[0]["id"]
        assert set(store.finished_cells(eid)) == expected and len(expected) == 4
    finally:
        store.close()


def test_missing_expected_column_is_said_plainly(builder, window):
    compose(builder)
    builder.expected.setCurrentText("answer")
    assert not builder.check() and builder.cells == 0
    text = builder.summary.text()
    assert "unknown column 'answer'" in text and "statement, label, language" in text
    assert not builder.run_button.isEnabled() and window.isVisible()


def test_zero_cells_is_said_plainly(builder, window, qtbot, tmp_path):
    assert not builder.check()
    assert builder.tr("Pick at least one template or write a raw prompt.") in builder.summary.text()
    # a file whose grid is empty ends in a one-line dialog, the window alive and idle
    f = tmp_path / "empty.yaml"
    f.write_text("name: empty\ntemplates: []\nrows: []\n", encoding="utf-8")
    view = window.view("experiments")
    with qtbot.waitSignal(window.errorShown, timeout=WAIT) as sig:
        view.run_file(f)
    assert "the grid is empty" in sig.args[1] and "\n" not in sig.args[1]
    qtbot.waitUntil(lambda: not window.wb.busy, timeout=WAIT)
    assert view.eta.text() == view.tr("No experiment running") and window.isVisible()


def test_broken_parameter_is_said_plainly(builder):
    compose(builder)
    builder.params.item(0, 1).setText("warm")
    assert not builder.check() and "temperature must be a number" in builder.summary.text()


def test_list_count_agrees_with_the_bar_and_one_pause_button(window, qtbot, tmp_path, fake_engine, builder):
    fake_engine.pool.backend = FakeBackend(responder=lambda r: ["a"] * 20, delay_s=0.005)
    compose(builder)
    builder.repeats.setValue(3)
    path = builder.save(tmp_path / "slow.yaml")
    view = window.view("experiments")
    seen: list[tuple[str, int]] = []

    def on_progress(_p) -> None:
        rows = [r for r in range(view.list.rowCount()) if view.list.item(r, 0).data(256) == view.runner.experiment_id]
        if rows:
            seen.append((view.list.item(rows[0], 2).text(), view.progress.value()))

    view.runner.progress.connect(on_progress)
    with qtbot.waitSignal(view.runner.progress, timeout=WAIT):
        view.run_file(path)
    assert view.pause_button.text() == view.tr("Pause")
    view.pause_button.click()
    assert view.runner.paused and view.pause_button.text() == view.tr("Resume")
    view.pause_button.click()
    assert not view.runner.paused and view.pause_button.text() == view.tr("Pause")
    with qtbot.waitSignal(view.runner.finished, timeout=WAIT * 3):
        pass
    assert seen and all(text == f"{value}/12" for text, value in seen)
    qtbot.waitUntil(lambda: view.list.item(0, 2).text() == "12/12", timeout=WAIT)
    # export says where it went
    qtbot.waitUntil(lambda: view.comparison is not None and view.comparison.grid.n_runs == 12, timeout=WAIT)
    with qtbot.waitSignal(view.exportConfirmed, timeout=WAIT) as sig:
        view.export_to(str(tmp_path / "r.md"))
    box: QMessageBox = sig.args[0]
    assert str(tmp_path / "r.md") in box.text()
    assert any(b.text() == view.tr("Open the report") for b in box.buttons())
    box.close()


def test_cell_state_words():
    class R:
        def __init__(self, status):
            self.status = status

    assert cell_state([]) == "queued"
    assert cell_state([R("running")]) == "running"
    assert cell_state([R("ok"), R("ok")]) == "ok"
    assert cell_state([R("ok"), R("cancelled")]) == "cancelled"
    assert cell_state([R("error")]) == "failed"
