"""The Arena view in the real window (fake backend, real SQLite log): the keyboard
votes, each vote is stored with who was on the left, the ranking refits, the names
stay hidden until revealed; one variant and no experiment are said plainly."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from desktop.arena_view import HIDDEN  # noqa: E402
from reports.grid import load_grid  # noqa: E402
from tests.arena_data import make_experiment  # noqa: E402
from tests.desktop_helpers import WAIT, open_window  # noqa: E402


def arena(fake_engine, qtbot, eid):
    w = open_window(fake_engine, qtbot)
    view = w.view("arena")
    # the view was built before the experiment existed: showing it lists the experiments again
    with qtbot.waitSignal(view.matchupShown, timeout=WAIT, check_params_cb=lambda m: m is not None):
        w.show_view("arena")
    assert view.experiment.currentData() == eid
    return w, view


def test_arena_votes_by_keyboard_ranking_updates_names_hidden(fake_engine, qtbot, tmp_path):
    eid = make_experiment(fake_engine, tmp_path)
    labels = [c.label for c in load_grid(fake_engine.store, [eid]).columns]
    w, view = arena(fake_engine, qtbot, eid)
    try:
        hidden_text = lambda: " ".join([view.left_box.title(), view.right_box.title(), view.status.text()] +  # noqa: E731
                                       [view.ranking.item(r, 1).text() for r in range(view.ranking.rowCount())
                                        if view.ranking.item(r, 1)])
        assert not any(lbl in hidden_text() for lbl in labels)
        shown = []
        for key in (Qt.Key.Key_1, Qt.Key.Key_Right, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_1):
            m = view.matchup
            shown.append((m.left, m.right, m.left_run_id))
            with qtbot.waitSignal(view.rankingUpdated, timeout=WAIT):
                qtbot.keyClick(view, key)
        votes = fake_engine.store.arena_votes(eid)
        assert [v["outcome"] for v in votes] == ["left", "right", "tie", "both_bad", "left"]
        assert [(v["left_column"], v["right_column"], v["left_run_id"]) for v in votes] == shown
        assert view.result.votes == 5 and view.result.overall.votes == 5
        rows = [view.ranking.item(r, 1).text() for r in range(view.ranking.rowCount())]
        assert rows and set(rows) == {HIDDEN}  # ranked, still nameless
        assert not any(lbl in hidden_text() for lbl in labels)
        view.reveal.setChecked(True)
        m = view.matchup
        assert m.left_label in view.left_box.title() and m.right_label in view.right_box.title()
        names = {view.ranking.item(r, 1).text() for r in range(view.ranking.rowCount())}
        assert set(labels) <= names
        with qtbot.waitSignal(view.rankingUpdated, timeout=WAIT):
            view.undo()
        assert len(fake_engine.store.arena_votes(eid)) == 4 and view.result.votes == 4
    finally:
        w.close()


def test_arena_one_variant_said_plainly(fake_engine, qtbot, tmp_path):
    eid = make_experiment(fake_engine, tmp_path, templates=1)
    w = open_window(fake_engine, qtbot)
    view = w.view("arena")
    try:
        with qtbot.waitSignal(view.matchupShown, timeout=WAIT):
            w.show_view("arena")
        qtbot.waitUntil(lambda: "an arena compares two or more" in view.status.text(), timeout=WAIT)
        assert not view.buttons["left"].isEnabled()
        qtbot.keyClick(view, Qt.Key.Key_1)  # nothing to vote on: nothing stored
        assert fake_engine.store.arena_votes(eid) == []
    finally:
        w.close()
