"""The chat journeys with the real bundled models through llama.cpp: SmolLM2 streams
into one thread and the chat survives a restart; a run with seed 3,000,000,000 and a
JSON schema reopens exactly; the bundled Gemma (a base model) runs in completion mode
without a dialog."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("PySide6")

from tests.desktop_helpers import open_window  # noqa: E402

pytestmark = pytest.mark.real
WAIT = 120_000
MODEL = "smollm2-135m-instruct"


def prepare(w, max_tokens=12):
    w.params.max_tokens.setValue(max_tokens)
    w.params.temperature.setValue(0.0)
    w.inspector.select_model(MODEL)


def run(qtbot, w, text):
    pg = w.playground
    pg.prompt.setPlainText(text)
    qtbot.waitUntil(lambda: pg.can_run, timeout=WAIT)
    with qtbot.waitSignal(w.wb.runFinished, timeout=WAIT) as sig:
        pg.run()
    return sig.args[0]


def test_chat_streams_into_one_thread_and_survives_a_restart(real_engine, qtbot):
    w = open_window(real_engine, qtbot, "playground", wait=WAIT)
    prepare(w)
    texts: list[str] = []
    w.wb.runText.connect(lambda piece: texts.append(w.playground.thread.live_text()))
    first = run(qtbot, w, "What is the capital of France?")
    second = run(qtbot, w, "And of Italy?")
    assert first.status == second.status == "ok" and first.output.strip() and second.output.strip()
    pg = w.playground
    assert [b.role for b in pg.thread.bubbles] == ["user", "assistant"] * 2  # each answer once
    assert [b.body.text() for b in pg.thread.bubbles if b.role == "assistant"] == [first.output, second.output]
    assert texts and any(0 < len(t) for t in texts)  # it streamed into the live bubble
    cid = pg.conversation_id
    w.close()

    w2 = open_window(real_engine, qtbot, "playground", wait=WAIT)
    assert w2.playground.chats.ids() == [cid]
    assert w2.playground.open_chat(cid)
    turns = [m.content for m in w2.playground.conversation.turns]
    assert turns == ["What is the capital of France?", first.output, "And of Italy?", second.output]
    w2.close()


def test_reopen_restores_seed_3e9_and_a_json_schema(real_engine, qtbot):
    schema = {"type": "object", "properties": {"city": {"type": "string", "maxLength": 12}}, "required": ["city"]}
    w = open_window(real_engine, qtbot, "playground", wait=WAIT)
    prepare(w, max_tokens=24)
    w.params.temperature.setValue(0.7)
    w.params.seed_fixed.setChecked(True)
    w.params.seed.set_seed(3_000_000_000)
    w.constraint.set_constraint("json_schema", json.dumps(schema))
    qtbot.waitUntil(lambda: w.constraint.constraint() is not None, timeout=WAIT)
    first = run(qtbot, w, "Name a city as JSON.")
    assert first.status == "ok"
    json.loads(first.output)  # the schema was enforced
    row = real_engine.store.get_run(first.run_id)
    assert row["seed"] == 3_000_000_000
    w.playground.new_chat()
    w.params.seed.set_seed(1)
    w.constraint.set_constraint(None)
    w.open_in_playground(row)
    assert w.params.params().seed == 3_000_000_000
    assert json.loads(w.constraint.text.toPlainText()) == schema
    qtbot.waitUntil(lambda: w.constraint.constraint() is not None, timeout=WAIT)
    w.playground.new_chat()  # same settings, a fresh conversation: the same answer
    w.params.seed_fixed.setChecked(True)
    w.params.seed.set_seed(3_000_000_000)
    again = run(qtbot, w, "Name a city as JSON.")
    assert again.output == first.output
    w.close()


def test_the_bundled_base_model_runs_in_completion_mode_without_a_dialog(real_engine, shared_home, qtbot):
    from backends.registry import prepare_gemma

    real_engine.registry.home = shared_home
    prepare_gemma(shared_home)  # assembled once per session
    w = open_window(real_engine, qtbot, "playground", wait=WAIT)
    w.wb.refresh_models()
    qtbot.waitUntil(lambda: any(m.name == "gemma3-270m" and m.path for m in w.wb.models), timeout=WAIT)
    w.params.max_tokens.setValue(8)
    w.params.temperature.setValue(0.0)
    pg = w.playground
    assert pg.current_mode() == "chat"
    w.inspector.select_model("gemma3-270m")
    assert pg.current_mode() == "completion"  # before running
    out = run(qtbot, w, "The capital of France is")
    assert out.status == "ok" and out.output.strip()
    assert w.last_error is None and w.error_box is None  # no dialog, no second Run
    user, answer = pg.thread.bubbles[-2:]
    assert user.body.text() == "The capital of France is" and answer.body.text() == out.output
    assert real_engine.store.get_run(out.run_id)["mode"] == "completion"
    w.close()
