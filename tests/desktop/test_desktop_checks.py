"""Checks and constraints in the window: a run's checks listed with their spans
highlighted, the History filter by check results (fast on a large log), and the
inspector's constraint picker gating Run."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextCursor  # noqa: E402

from desktop import run_query  # noqa: E402
from desktop.history_model import PAGE, RunFilter, RunTableModel  # noqa: E402
from runs.spec import RunSpec  # noqa: E402
from runs.store import Store, new_id  # noqa: E402
from tests.desktop_helpers import WAIT, open_window
from tests.store_tools import open_log

PII_POLICY = {"input": [{"check": "pii", "on_fail": "warn"}], "output": [{"check": "pii", "on_fail": "warn"}]}


@pytest.fixture
def window(fake_engine, qtbot):
    w = open_window(fake_engine, qtbot)
    yield w
    w.close()


def pii_run(engine, prompt, chunks, policy=PII_POLICY):
    engine.pool.backend.chunks = chunks
    return engine.pipeline.run(RunSpec(prompt=prompt, mode="chat", policy=policy))


def format_at(doc, text):
    cursor = doc.find(text)
    assert not cursor.isNull(), text
    probe = QTextCursor(doc)
    probe.setPosition(cursor.selectionStart() + 1)
    return probe.charFormat()


def test_checks_are_listed_and_their_spans_highlighted(window, fake_engine):
    outcome = pii_run(fake_engine, "Reach me at bob@example.org please", ["Sure, write to ", "jane@example.com", "."])
    assert outcome.status == "ok"
    window.show_view("history")
    window.history.select_run(outcome.run_id)
    d = window.history.detail
    assert d.checks.verdicts() == [("pii", "fail"), ("pii", "fail")]
    assert d.tabs.tabText(d.tabs.indexOf(d.checks)) == "Checks (2, 2 failed)"
    t = d.checks.table
    assert t.item(0, 0).text() == "input" and t.item(1, 0).text() == "output"
    assert t.item(0, 2).foreground().color().name() == "#c62828"
    assert t.item(0, 1).text() == "pii" and t.item(0, 1).toolTip().startswith("pii: Finds personal data")  # says what
    assert "EMAIL" in t.item(1, 4).text() or "EMAIL" in t.item(1, 4).toolTip()
    assert d.highlighted == (1, 1)
    sent_fmt = format_at(d.sent.document(), "bob@example.org")
    assert sent_fmt.toolTip().startswith("EMAIL") and sent_fmt.background().color().alpha() > 0
    assert format_at(d.output.document(), "jane@example.com").toolTip() == "EMAIL · pii (fail)"
    assert format_at(d.output.document(), "Sure").toolTip() == ""  # only the span is marked


def test_history_filter_by_check_results(window, fake_engine):
    leaky = pii_run(fake_engine, "mail bob@example.org", ["ok"])
    clean = pii_run(fake_engine, "no personal data here", ["fine"])
    plain = pii_run(fake_engine, "no policy at all", ["fine"], policy=None)
    window.show_view("history")
    h = window.history
    labels = [h.checks_filter.itemText(i) for i in range(h.checks_filter.count())]
    assert labels == ["Any checks", "With checks", "Any check failed", "pii failed"]

    def shown(value):
        h.checks_filter.setCurrentIndex(h.checks_filter.findData(value))
        h.apply_filters()
        return {r["id"] for r in h.model.rows}

    assert shown(None) == {leaky.run_id, clean.run_id, plain.run_id}
    assert shown("has") == {leaky.run_id, clean.run_id}
    assert shown("fail") == shown("fail:pii") == {leaky.run_id}
    h.search.setText("mail")
    h.apply_filters()
    assert {r["id"] for r in h.model.rows} == {leaky.run_id}


def test_checks_filter_pages_fast_on_a_large_log(tmp_path, qtbot):
    store = Store(tmp_path / "runs.db")
    n = 20_000
    ids = sorted(new_id() for _ in range(n))
    seed = open_log(store).conn
    seed.execute("BEGIN")
    seed.executemany(
        "INSERT INTO runs (id, started_utc, status, model_name, mode, sent_text, output) VALUES (?,?,?,?,?,?,?)",
        [(rid, "2025-01-01T00:00:00.000+00:00", "ok", "m", "chat", f"p {i}", f"a {i}") for i, rid in enumerate(ids)])
    checks = []
    for i, rid in enumerate(ids):
        checks.append((rid, "output", "refusal", "pass", None, "[]", "", 0.1))
        if i % 500 == 0:  # rare failures: the worst case, a walk over every run
            checks.append((rid, "input", "pii", "fail", None, "[]", "found", 0.1))
    seed.executemany(
        "INSERT INTO checks (run_id, stage, name, verdict, score, spans_json, message, ms) VALUES (?,?,?,?,?,?,?,?)",
        checks)
    seed.execute("COMMIT")
    model = RunTableModel(store)
    t0 = time.perf_counter()
    model.set_filter(RunFilter(checks="fail:pii"))
    rare_s = time.perf_counter() - t0
    assert model.rowCount() == n // 500 and not model.canFetchMore()
    assert [r["id"] for r in model.rows] == [ids[i] for i in range(n - 500, -1, -500)]  # newest first
    t0 = time.perf_counter()
    model.set_filter(RunFilter(checks="has"))
    for _ in range(5):
        model.fetchMore()
    common_s = time.perf_counter() - t0
    assert model.rowCount() == 6 * PAGE
    assert rare_s < 1.0 and common_s < 1.0, (rare_s, common_s)
    assert run_query.check_names(store) == ["pii", "refusal"]
    store.close()


def test_an_invalid_constraint_disables_run_and_a_valid_one_is_recorded(window, qtbot, fake_engine):
    pg = window.playground
    pg.prompt.setPlainText("Is the sky blue?")
    picker = window.constraint
    picker.set_constraint("regex", "[a-")
    qtbot.waitUntil(lambda: "invalid regex" in pg.reason_text, timeout=60_000)  # the first build imports guidance
    assert not pg.run_button.isEnabled() and not window.menus.run.isEnabled()
    assert pg.reason.text().startswith("Constraint: invalid regex '[a-'")
    assert picker.error.isVisibleTo(picker) and "unterminated character set" in picker.error.text()
    picker.set_constraint("json_schema", "{not json")
    assert "not valid JSON" in pg.reason_text and not pg.run_button.isEnabled()
    picker.set_constraint("choice", "yes\nno")
    qtbot.waitUntil(lambda: pg.can_run, timeout=WAIT)
    assert pg.build_spec().constraint == {"kind": "choice", "choices": ["yes", "no"]}
    fake_engine.pool.backend.chunks = ["yes"]
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT) as sig:
        pg.run()
    row = fake_engine.store.get_run(sig.args[0].run_id)
    assert '"choices": ["yes", "no"]' in row["constraint_json"]
    assert pg.checks.isVisibleTo(pg) and pg.checks.verdicts() == [("constraint", "pass")]
    assert "one of yes | no" in pg.checks.constraint.text()
    picker.set_constraint(None)
    pg.prompt.setPlainText("And the grass?")
    assert pg.can_run and pg.build_spec().constraint is None
