"""Library > Versions… on the real window and a real SQLite log: the version list with
messages and labels, moving a label (and rolling back) moves it in the store with its
history shown, the side-by-side diff of two versions (YAML and rendered prompt), a
version's score history, and ``name@label`` resolved by the window's experiments."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from desktop.batch_worker import load_experiment_file  # noqa: E402
from experiments import runner  # noqa: E402
from tests.desktop_helpers import WAIT, open_window  # noqa: E402
from tests.fakes import FakeBackend  # noqa: E402

V1 = 'name: short\nvariables:\n  - name: question\nprompt: "Short: {{ question }}"\n'
V2 = 'name: short\nvariables:\n  - name: question\nprompt: "Briefly: {{ question }}"\n'
V3 = 'name: short\nvariables:\n  - name: question\nprompt: "Briefly, in one word: {{ question }}"\n'


@pytest.fixture
def window(fake_engine, qtbot):
    fake_engine.pool.backend = FakeBackend(responder=lambda req: ["Paris" if "France" in (
        req.messages[-1].content if req.messages else req.prompt) else "no idea"])
    w = open_window(fake_engine, qtbot, "library")
    lib = w.library.library
    ids = [lib.save(text) for text in (V1, V2, V3)]
    w.library.current = None
    w.library.refresh_list(select="short")
    return w, ids


def test_version_list_labels_moves_and_rollback(window, qtbot):
    w, (v1, v2, v3) = window
    store = w.wb.engine.store
    dialog = w.library.open_versions(show=False)
    qtbot.addWidget(dialog)
    assert [dialog.table.topLevelItem(i).text(0) for i in range(3)] == ["v3", "v2", "v1"]
    assert dialog.table.topLevelItem(0).text(2) == v3[:12]
    # label v2 production, then v3 (a release), then back to v2 (a rollback)
    with qtbot.waitSignal(dialog.labelMoved, timeout=WAIT):
        assert dialog.set_label("production", v2)
    assert dialog.set_label("production", v3) and dialog.set_label("candidate", v3)
    assert dialog.set_label("production", v2)
    assert "moved from v3 to v2" in dialog.status.text()
    assert store.template_label("short", "production")["template_id"] == v2
    labels = {dialog.table.topLevelItem(i).text(0): dialog.table.topLevelItem(i).text(3) for i in range(3)}
    assert labels == {"v3": "candidate", "v2": "production", "v1": ""}
    moves = [[dialog.moves.topLevelItem(i).text(c) for c in (1, 2, 3)] for i in range(dialog.moves.topLevelItemCount())]
    assert moves == [["production", "v2", "v3"], ["candidate", "v3", "(new label)"], ["production", "v3", "v2"],
                     ["production", "v2", "(new label)"]]
    assert [m["template_id"] for m in store.template_label_moves("short", "production")] == [v2, v3, v2]
    # a bad label is one line, and nothing moved
    assert not dialog.set_label("latest", v1)
    assert "must start with a letter" in dialog.status.text()
    assert store.template_label("short", "latest") is None
    # the message
    assert dialog.set_message("  shorter   wording ", v2)
    assert store.template_messages("short") == {v2: "shorter wording"}
    assert dialog.table.topLevelItem(1).text(4) == "shorter wording"
    # the window resolves name@label: the library, and an experiment file through the batch worker
    assert w.library.library.get("short@production").id == v2
    exp = w.wb.engine.home / "exp.yaml"
    exp.write_text("name: by label\ntemplates: [short@production, short@candidate]\nrows:\n"
                   "  - {vars: {question: hi}}\nmodels: [smollm2-135m-instruct]\n", encoding="utf-8")
    loaded = load_experiment_file(w.wb.engine, exp)
    assert [v.template.id for v in loaded.variants] == [v2, v3]


def test_diff_shows_both_sides_yaml_and_rendered(window, qtbot):
    w, (v1, _v2, v3) = window
    w.library.editor.form.set_values({"question": "Capital of France?"})
    dialog = w.library.open_versions(show=False)
    qtbot.addWidget(dialog)
    diff = dialog.compare(v1, v3, show=False)
    qtbot.addWidget(diff)
    left, right = diff.yaml_sides
    assert "Short" in left and "line-through" in left and "Briefly" not in left
    assert "Briefly" in right and "c8f0c8" in right
    assert diff.rendered_texts == ("[user] Short: Capital of France?", "[user] Briefly, in one word: Capital of France?")
    html = diff.rendered.toPlainText()
    assert "Short: Capital of France?" in html and "Briefly, in one word: Capital of France?" in html
    assert "v1" in html and "v3" in html
    # one version selected: compared against the latest
    dialog.table.clearSelection()
    dialog.table.topLevelItem(2).setSelected(True)
    auto = dialog.compare(show=False)
    qtbot.addWidget(auto)
    assert auto.rendered_texts[1].startswith("[user] Briefly, in one word")


def test_score_history_of_a_version(window, qtbot, tmp_path):
    w, (v1, _v2, v3) = window
    engine = w.wb.engine
    qs = ["Capital of France?", "Capital of Peru?", "Capital of Chad?"]
    rows = "\n".join(f'  - {{vars: {{question: "{q}"}}, expected: "Paris"}}' for q in qs)
    exp = tmp_path / "scores.yaml"
    exp.write_text(f"name: capitals\ntemplates: [short@1]\nrows:\n{rows}\nmodels: [smollm2-135m-instruct]\n"
                   "assertions:\n  - {kind: equals}\n", encoding="utf-8")
    loaded = load_experiment_file(engine, exp)
    eid = runner.create_experiment(engine.store, loaded)
    runner.run_batch(engine.pipeline, loaded, eid)
    dialog = w.library.open_versions(show=False)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.scoresShown, timeout=WAIT) as sig:
        dialog.table.setCurrentItem(dialog.table.topLevelItem(2))  # v1
    assert sig.args == [v1]
    row = dialog.scores.topLevelItem(0)
    assert row.text(0) == "capitals" and row.text(2).startswith("33% (") and "3 judged of 3 runs" in row.text(2)
    with qtbot.waitSignal(dialog.scoresShown, timeout=WAIT):
        dialog.table.setCurrentItem(dialog.table.topLevelItem(0))  # v3: never used
    assert dialog.scores.topLevelItem(0).text(0).startswith("No experiment")


def test_versions_dialog_fits_a_small_screen(window, qtbot):
    w, _ids = window
    dialog = w.library.open_versions(show=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() <= 1366 and dialog.height() <= 740
    assert dialog.minimumSizeHint().width() <= 1366 and dialog.minimumSizeHint().height() <= 740


def test_the_new_buttons_show_at_1366(window, qtbot):
    w, _ids = window
    w.resize(1366, 700)
    for view, button in (("library", w.library.versions_button), ("history", w.history.review_button),
                         ("history", w.history.detail.dataset_button),
                         ("experiments", w.view("experiments").review_button)):
        w.show_view(view)
        qtbot.waitUntil(button.isVisible, timeout=WAIT)
        left = button.mapTo(w, button.rect().topLeft()).x()
        assert left >= 0 and left + button.width() <= w.width() and button.width() >= button.sizeHint().width()


def test_the_library_version_combo_shows_labels(window, qtbot):
    w, (_v1, v2, _v3) = window
    w.wb.engine.store.move_template_label("short", "production", v2, V2)
    w.library.current = None
    w.library.refresh_list(select="short")
    texts = [w.library.versions.itemText(i) for i in range(w.library.versions.count())]
    assert texts[1].startswith("v2 ·") and texts[1].endswith("· production") and "production" not in texts[0]
