"""Tests from history and the review queue on the real window with a real SQLite log:
"Add to test dataset…" writes a row with the source run id that `datasets preview` reads;
the queue takes its keys, stores stage-``human`` checks that History filters on and the
statistics count, and shows the agreement with the judge."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from cli.app import run_cli  # noqa: E402
from desktop.batch_worker import load_experiment_file  # noqa: E402
from experiments import runner  # noqa: E402
from reports.grid import load_grid  # noqa: E402
from reports.grid_stats import grid_statistics  # noqa: E402
from runs.spec import RunSpec  # noqa: E402
from tests.desktop_helpers import WAIT, open_window  # noqa: E402
from tests.fakes import FakeBackend  # noqa: E402

QA = 'name: capitals\nvariables:\n  - name: question\nprompt: "Q: {{ question }}"\n'
QUESTIONS = [f"Capital of country {i}?" for i in range(6)]


@pytest.fixture
def window(fake_engine, qtbot):
    fake_engine.pool.backend = FakeBackend(responder=lambda req: [
        "Paris" if "0?" in (req.messages[-1].content if req.messages else req.prompt) else "Lima"])
    w = open_window(fake_engine, qtbot)
    yield w
    w.close()


def preview(home, path, capsys):
    capsys.readouterr()
    assert run_cli(["--home", str(home), "datasets", "preview", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_add_to_test_dataset_from_history(window, qtbot, tmp_path, capsys):
    w = window
    engine = w.wb.engine
    chat = engine.pipeline.run(RunSpec(prompt="Capital of Peru?", mode="chat")).run_id
    failed = engine.store.start_run({"model_name": "m", "sent_text": "boom"})
    engine.store.finish_run(failed, {"status": "error", "error": "x"})
    w.show_view("history")
    w.history.refresh()
    w.history.select_run(chat)
    assert w.history.detail.row["id"] == chat and w.history.detail.dataset_button.isEnabled()
    ds = tmp_path / "suite.csv"
    dialog = w.history.detail.add_to_dataset(show=False)
    qtbot.addWidget(dialog)
    assert '"prompt": "Capital of Peru?"' in dialog.inputs.toPlainText() and dialog.use_output.isChecked()
    dialog.path.setText(str(ds))
    assert dialog.add() == ds
    assert dialog.status.text() == f"Added as row 1 of {ds}."
    # the same run again, with a corrected output typed by the person; the file is remembered
    again = w.history.detail.add_to_dataset(show=False)
    qtbot.addWidget(again)
    assert again.path.text() == str(ds)
    again.use_corrected.setChecked(True)
    again.corrected.setPlainText("Lima.")
    assert again.add() == ds and "row 2 of" in again.status.text()
    shown = preview(engine.home, ds, capsys)
    assert shown["total_rows"] == 2
    assert [(r["prompt"], r["expected"], r["source_run_id"]) for r in shown["rows"]] == [
        ("Capital of Peru?", "Lima", chat), ("Capital of Peru?", "Lima.", chat)]
    # a failed run has no output to expect: the corrected text is the only choice
    bad = w.history.detail.add_to_dataset(failed, show=False)
    qtbot.addWidget(bad)
    assert not bad.use_output.isEnabled() and bad.use_corrected.isChecked()
    bad.path.setText(str(tmp_path / "suite.txt"))
    assert bad.add() is None and bad.status.text() == "suite.txt: a test dataset must be a .csv or .jsonl file"
    assert not (tmp_path / "suite.txt").exists()
    bad.path.setText(str(tmp_path / "suite.jsonl"))
    bad.corrected.setPlainText("it should say hello")
    assert bad.add() is not None
    line = json.loads((tmp_path / "suite.jsonl").read_text(encoding="utf-8"))
    assert line == {"prompt": "boom", "expected": "it should say hello", "source_run_id": failed}


def experiment(w, tmp_path):
    engine = w.wb.engine
    (tmp_path / "capitals.yaml").write_text(QA, encoding="utf-8")
    rows = "\n".join(f'  - {{vars: {{question: "{q}"}}, expected: "Paris"}}' for q in QUESTIONS)
    exp = tmp_path / "exp.yaml"
    exp.write_text(f"name: capitals run\ntemplates: [capitals.yaml]\nrows:\n{rows}\n"
                   "models: [smollm2-135m-instruct]\nassertions:\n  - {kind: equals}\n", encoding="utf-8")
    loaded = load_experiment_file(engine, exp)
    eid = runner.create_experiment(engine.store, loaded)
    runner.run_batch(engine.pipeline, loaded, eid)
    return eid


def test_review_queue_keys_store_human_checks(window, qtbot, tmp_path):
    w = window
    store = w.wb.engine.store
    eid = experiment(w, tmp_path)
    w.show_view("experiments")
    view = w.view("experiments")
    view.refresh()
    qtbot.waitUntil(lambda: any(r["id"] == eid for r in view.experiments), timeout=WAIT)
    view.select(eid)
    assert view.review_button.isEnabled()
    ids = [r["id"] for r in store.cell_runs(eid, ["id"])]
    judge = ["pass", "fail", "fail", "fail", "pass", "fail"]
    for rid, j in zip(ids, judge, strict=True):
        store.add_checks(rid, "assertion", [{"name": "judge", "verdict": j, "message": f"judge says {j}"}])
    queue = view.review(show=False)
    qtbot.addWidget(queue)
    queue.show()
    assert queue.ids == ids and queue.progress.text() == "<b>1/6</b>"
    assert "no run has both" in queue.agreement.text()
    qtbot.keyClick(queue, Qt.Key.Key_P)  # pass, and on to the next
    assert queue.progress.text() == "<b>2/6</b>"
    qtbot.keyClick(queue, Qt.Key.Key_F)
    qtbot.keyClick(queue, Qt.Key.Key_2)  # a 2/5 fails
    qtbot.keyClick(queue, Qt.Key.Key_K)  # back to the third
    assert queue.index == 2
    qtbot.keyClick(queue, Qt.Key.Key_J)
    qtbot.keyClick(queue, Qt.Key.Key_Right)
    qtbot.keyClick(queue, Qt.Key.Key_Left)
    assert queue.index == 3
    queue.ask_text = lambda kind, current: "Nairobi" if kind == "human_corrected" else "checked the atlas"
    qtbot.keyClick(queue, Qt.Key.Key_C)
    qtbot.keyClick(queue, Qt.Key.Key_N)
    assert queue.index == 3 and "note: checked the atlas" in queue.labels_line.text()
    qtbot.keyClick(queue, Qt.Key.Key_P)  # run 3: a person passes what the judge failed
    assert queue.progress.text() == "<b>5/6</b>" and "4 of 6 labelled" in queue.header.text()
    human = {rid: {c["name"]: (c["verdict"], c["message"]) for c in store.checks_for(rid) if c["stage"] == "human"}
             for rid in ids}
    assert human[ids[0]] == {"human": ("pass", "a person passed it")}
    assert human[ids[1]] == {"human": ("fail", "a person failed it")}
    assert human[ids[2]]["human_score"][0] == "fail"
    assert human[ids[3]]["human_corrected"] == (None, "Nairobi")
    assert human[ids[3]]["human_note"] == (None, "checked the atlas") and human[ids[3]]["human"][0] == "pass"
    assert human[ids[4]] == {} == human[ids[5]]
    # agreement with the judge on the 4 runs both labelled: runs 0, 1, 2 agree, run 3 does not
    a = queue.human_agreement
    assert (a.pairs, a.kappa.agreement) == (4, 0.75)
    assert queue.agreement.text().startswith("person and judge agree on 75% (") and "of 4 runs" in queue.agreement.text()
    # History filters on the person's fails; the statistics count the labels
    assert {r["id"] for r in store.list_runs(checks="fail:human", limit=20)} == {ids[1]}
    grid = load_grid(store, [eid])
    col = grid.columns[0]
    assert [c.passed for c in grid.cells(col.key)] == [True, False, False, False, False, False]
    assert grid_statistics(grid).estimate(col.key, "pass").estimate == pytest.approx(1 / 6)
    queue.close()


def test_review_from_history_search(window, qtbot, tmp_path):
    w = window
    eid = experiment(w, tmp_path)
    w.show_view("history")
    w.history.refresh()
    w.history.search.setText("country 3")
    w.history.apply_filters()
    queue = w.history.review(show=False)
    qtbot.addWidget(queue)
    runs = w.wb.engine.store.cell_runs(eid, ["id", "variables_json"])
    assert queue.ids == [r["id"] for r in runs if "country 3" in r["variables_json"]]
    qtbot.keyClick(queue, Qt.Key.Key_F)
    assert queue.index == 0 and "you: fail" in queue.labels_line.text()  # the last run: stays
    assert queue.minimumSizeHint().width() <= 1366 and queue.minimumSizeHint().height() <= 740
    assert queue.width() <= 1366 and queue.height() <= 740
