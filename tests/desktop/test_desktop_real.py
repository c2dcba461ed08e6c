"""The window with the real bundled model (SmolLM2 through llama.cpp): pick it, type,
Ctrl+Enter, wait for the stream, check the widget and the SQLite row."""

from __future__ import annotations

import json
import sqlite3

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from tests.gguf_tools import rewrite_string_kv  # noqa: E402
from tests.desktop_helpers import open_window  # noqa: E402

pytestmark = pytest.mark.real
WAIT = 60_000
MODEL = "smollm2-135m-instruct"


@pytest.fixture
def window(real_engine, qtbot):
    w = open_window(real_engine, qtbot, wait=WAIT)
    w.params.max_tokens.setValue(12)
    w.params.temperature.setValue(0.0)
    yield w
    w.close()


def pick_and_load(qtbot, w):
    w.show_view("models")
    w.models.select(MODEL)
    assert w.models.selected_name() == MODEL
    w.models.n_ctx.setValue(2048)
    with qtbot.waitSignal(w.wb.loadFinished, timeout=WAIT):
        qtbot.mouseClick(w.models.load_button, Qt.MouseButton.LeftButton)
    w.show_view("playground")


def type_and_run(qtbot, w, text):
    w.playground.prompt.setFocus()
    w.playground.prompt.clear()
    qtbot.keyClicks(w.playground.prompt, text)
    with qtbot.waitSignal(w.wb.runFinished, timeout=WAIT) as sig:
        qtbot.keyClick(w.playground.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    return sig.args[0]


def db_row(engine, run_id):
    con = sqlite3.connect(engine.store.path)  # the file itself, as another program sees it
    con.row_factory = sqlite3.Row
    try:
        return dict(con.execute("SELECT * FROM runs WHERE id = ?", [run_id]).fetchone())
    finally:
        con.close()


def test_pick_type_run_and_record(window, qtbot, real_engine):
    pick_and_load(qtbot, window)
    assert "smollm2" in window.status.model.text()
    outcome = type_and_run(qtbot, window, "What is the capital of France?")
    assert outcome.status == "ok"
    shown = window.playground.output.text()
    assert shown.strip() and shown == outcome.output
    row = db_row(real_engine, outcome.run_id)
    assert row["status"] == "ok" and row["output"] == shown and row["model_name"] == MODEL
    assert "What is the capital of France?" in row["sent_text"] and row["completion_tokens"] >= 1
    # the live count used the model's tokenizer, and the status line shows real figures
    assert "/2048" in window.status.ctx.text() and "—" not in window.status.ttft.text()


def test_stop_mid_stream_gives_a_cancelled_run(window, qtbot, real_engine):
    pick_and_load(qtbot, window)
    window.params.max_tokens.setValue(400)
    window.playground.prompt.setPlainText("Write a long story about a dragon and a castle.")
    with qtbot.waitSignal(window.wb.runText, timeout=WAIT):
        window.playground.run()
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT) as sig:
        qtbot.keyClick(window.playground.prompt, Qt.Key.Key_Escape)
    outcome = sig.args[0]
    assert outcome.status == "cancelled"
    row = db_row(real_engine, outcome.run_id)
    assert row["status"] == "cancelled" and row["output"] == outcome.output
    assert 0 < row["completion_tokens"] < 400


def test_history_search_finds_a_run_by_a_word_of_its_output(window, qtbot, real_engine):
    outcome = type_and_run(qtbot, window, "Name a colour.")
    words = [w.strip(".,!?*:;\"'") for w in outcome.output.split()]
    word = max(words, key=len)
    assert len(word) >= 3, outcome.output
    window.show_view("history")
    qtbot.keyClicks(window.history.search, word)
    qtbot.waitUntil(lambda: window.history.model.filter.search == word, timeout=5000)
    ids = [r["id"] for r in window.history.model.rows]
    assert outcome.run_id in ids


def test_bad_model_file_shows_error_and_window_keeps_working(window, qtbot, real_engine, tmp_path):
    bad = tmp_path / "x.gguf"
    bad.write_text("this is not a model\n" * 10)
    window.show_view("models")
    with qtbot.waitSignal(window.errorShown, timeout=WAIT) as sig:
        window.models.add_path(str(bad))
    assert sig.args[0] == window.tr("Could not add the model")
    assert "x.gguf is not a GGUF model file" in sig.args[1]
    assert window.error_box is not None and window.error_box.isVisible()
    window.error_box.done(0)
    window.show_view("playground")
    with qtbot.waitActive(window):
        window.activateWindow()
    assert type_and_run(qtbot, window, "Hello!").status == "ok"


def test_model_that_fails_to_load_keeps_the_previous_one(window, qtbot, real_engine, smollm2, tmp_path):
    pick_and_load(qtbot, window)
    broken = rewrite_string_kv(smollm2, tmp_path / "broken-arch.gguf", "general.architecture", "nosucharch")
    with qtbot.waitSignal(window.wb.modelsChanged, timeout=WAIT):
        window.models.add_path(str(broken))
    qtbot.waitUntil(lambda: window.models.selected_name() == "broken-arch", timeout=5000)
    with qtbot.waitSignal(window.errorShown, timeout=WAIT) as sig:
        window.models.load_selected()
    assert sig.args[0] == window.tr("Could not load the model")
    assert "broken-arch.gguf" in sig.args[1]
    window.error_box.done(0)
    assert window.wb.loaded is not None and window.wb.loaded.name == MODEL
    window.inspector.select_model(MODEL)
    with qtbot.waitActive(window):
        window.activateWindow()
    outcome = type_and_run(qtbot, window, "Hi")
    assert outcome.status == "ok" and db_row(real_engine, outcome.run_id)["model_name"] == MODEL


def test_flash_attention_box_loads_with_it_and_records_it(window, qtbot, real_engine):
    window.models.flash_attn.setChecked(True)
    pick_and_load(qtbot, window)
    assert real_engine.pool.current().llm.context_params.flash_attn_type == 1  # LLAMA_FLASH_ATTN_TYPE_ENABLED
    window.params.temperature.setValue(0.0)
    window.params.max_tokens.setValue(6)
    run_id = type_and_run(qtbot, window, "Name a colour.").run_id
    assert json.loads(db_row(real_engine, run_id)["spec_json"])["flash_attn"] is True
    window.models.flash_attn.setChecked(False)  # another load setting: the next run reloads without it
    run_id = type_and_run(qtbot, window, "Name a colour.").run_id
    assert "flash_attn" not in json.loads(db_row(real_engine, run_id)["spec_json"])
    assert real_engine.pool.current().llm.context_params.flash_attn_type == 0
