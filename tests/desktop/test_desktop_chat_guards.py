"""Guards picked in the playground: the registry's checks (the same picker as a
template's) run on the prompt and the answer, their verdicts show on the answer's
bubble with the spans marked, and the chat keeps them (saved, reopened, cleared by New
chat). Fast with the fake backend; once with the real bundled SmolLM2."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextCursor  # noqa: E402

from tests.desktop_helpers import WAIT, open_window  # noqa: E402
from tests.fakes import FakeBackend  # noqa: E402

PII_BOTH = {"input": [{"check": "pii", "on_fail": "warn"}], "output": [{"check": "pii", "on_fail": "warn"}]}


def picked(pg, qtbot, *rules):
    """Choose guards the way a person does: in the picker dialog, then OK."""
    from desktop.guard_picker import GuardPicker

    dialog = GuardPicker(pg.guards_policy, pg)
    qtbot.addWidget(dialog)
    for rule in rules:
        dialog.pick(*rule)
    dialog.exec = lambda: (dialog._accept(), dialog.result() == dialog.DialogCode.Accepted)[1]
    return pg.pick_playground_guards(dialog=dialog)


def marked(doc, text):
    cursor = doc.find(text)
    assert not cursor.isNull(), text
    probe = QTextCursor(doc)
    probe.setPosition(cursor.selectionStart() + 1)
    return probe.charFormat().toolTip()


def run(qtbot, w, text, wait=WAIT):
    pg = w.playground
    pg.prompt.setPlainText(text)
    qtbot.waitUntil(lambda: pg.can_run, timeout=wait)
    with qtbot.waitSignal(w.wb.runFinished, timeout=wait) as sig:
        pg.run()
    return sig.args[0]


def test_guards_picked_in_the_playground_run_show_and_stay_with_the_chat(fake_engine, qtbot):
    fake_engine.pool.backend = FakeBackend(responder=lambda r: ["Sure, write to ", "jane@example.com", "."])
    w = open_window(fake_engine, qtbot, "playground")
    pg = w.playground
    assert pg.guards_label.text() == "No guards" and pg.build_spec(prompt="x").policy is None
    policy = picked(pg, qtbot, ("pii", "input", "warn"))
    assert policy == {"input": [{"check": "pii", "on_fail": "warn"}]}
    policy = picked(pg, qtbot, ("pii", "output", "warn"), ("length", "output", "warn", "max_chars: 500"))
    assert policy == {"output": [{"check": "length", "on_fail": "warn", "max_chars": 500},
                                 {"check": "pii", "on_fail": "warn"}]}  # the picker opened on the old choice
    assert picked(pg, qtbot, ("length", "off"), ("pii", "both", "warn")) == PII_BOTH
    assert pg.guards_label.text() == "Guards: pii (input+output)"
    assert "pii · input · warn" in pg.guards_label.toolTip()
    out = run(qtbot, w, "Reach me at bob@example.org please")
    assert out.status == "ok"
    verdicts = [(r["stage"], r["name"], r["verdict"]) for r in fake_engine.store.checks_for(out.run_id)]
    assert verdicts == [("input", "pii", "fail"), ("output", "pii", "fail")]
    user, answer = pg.thread.bubbles[-2:]
    assert "pii" in answer.checks.text() and answer.checks.isVisibleTo(answer)
    assert pg.checks.verdicts() == [("pii", "fail"), ("pii", "fail")]
    assert marked(user.body.document(), "bob@example.org").startswith("EMAIL")
    assert marked(answer.body.document(), "jane@example.com") == "EMAIL · pii (fail)"
    cid = pg.conversation_id
    pg.new_chat()  # guards belong to the chat, like its fixed seed
    assert pg.guards_policy is None and pg.guards_label.text() == "No guards"
    w.close()

    w2 = open_window(fake_engine, qtbot, "playground")
    pg2 = w2.playground
    assert pg2.open_chat(cid)
    assert pg2.guards_policy == PII_BOTH and pg2.build_spec(prompt="x").policy == PII_BOTH
    assert marked(pg2.thread.bubbles[-1].body.document(), "jane@example.com") == "EMAIL · pii (fail)"
    picked(pg2, qtbot, ("pii", "off"))  # all off: no guards, saved at once
    assert pg2.guards_policy is None
    pg2.new_chat()
    assert pg2.open_chat(cid) and pg2.guards_policy is None
    # Open in playground puts back the guards the run had
    w2.open_in_playground(fake_engine.store.get_run(out.run_id))
    assert pg2.guards_policy == PII_BOTH and "pii" in pg2.restore_label.text()
    w2.close()


def test_a_blocking_input_guard_stops_the_run_and_says_why(fake_engine, qtbot):
    fake_engine.pool.backend = FakeBackend(responder=lambda r: ["never sent"])
    w = open_window(fake_engine, qtbot, "playground")
    pg = w.playground
    picked(pg, qtbot, ("pii", "input", "block"))
    out = run(qtbot, w, "my mail is bob@example.org")
    assert out.status != "ok" and "never sent" not in out.output
    answer = pg.thread.bubbles[-1]
    assert answer.tag.isVisibleTo(answer) and "pii" in answer.checks.text()
    assert w.isVisible()
    w.close()


@pytest.mark.real
def test_guards_picked_in_the_window_run_on_the_real_model(real_engine, qtbot):
    w = open_window(real_engine, qtbot, "playground", wait=120_000)
    w.params.max_tokens.setValue(12)
    w.params.temperature.setValue(0.0)
    w.inspector.select_model("smollm2-135m-instruct")
    pg = w.playground
    picked(pg, qtbot, ("pii", "input", "warn"), ("length", "output", "warn", "max_chars: 3"))
    out = run(qtbot, w, "My email is jane@example.com. Say hello.", wait=120_000)
    assert out.status == "ok" and len(out.output) > 3
    rows = {(r["stage"], r["name"]): r["verdict"] for r in real_engine.store.checks_for(out.run_id)}
    assert rows == {("input", "pii"): "fail", ("output", "length"): "fail"}
    user, answer = pg.thread.bubbles[-2:]
    assert "length" in answer.checks.text() and "pii" in answer.checks.text()
    assert marked(user.body.document(), "jane@example.com").startswith("EMAIL")
    spec = real_engine.store.get_run(out.run_id)
    assert "max_chars" in spec["spec_json"]
    w.close()
