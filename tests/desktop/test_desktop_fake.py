"""The window with the fake backend: fast tests of the views, the workers and the
bad-input paths. They start from the model (engine / workbench) and wait on signals."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from common.errors import ModelLoadError  # noqa: E402
from desktop.main_window import MainWindow  # noqa: E402
from tests.fakes import FakeBackend  # noqa: E402
from tests.desktop_helpers import WAIT, open_window
from tests.store_tools import store_connection



@pytest.fixture
def window(fake_engine, qtbot):
    w = open_window(fake_engine, qtbot)
    yield w
    w.close()


def type_prompt(qtbot, w, text):
    w.playground.prompt.setFocus()
    w.playground.prompt.clear()
    qtbot.keyClicks(w.playground.prompt, text)


def run_and_wait(qtbot, w):
    with qtbot.waitSignal(w.wb.runFinished, timeout=WAIT) as sig:
        qtbot.keyClick(w.playground.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    return sig.args[0]


def test_ctrl_enter_streams_and_records(window, qtbot, fake_engine):
    type_prompt(qtbot, window, "say hello")
    outcome = run_and_wait(qtbot, window)
    assert outcome.status == "ok"
    assert window.playground.output.text() == "Hello, world!"
    row = fake_engine.store.get_run(outcome.run_id)
    assert row["status"] == "ok" and row["output"] == "Hello, world!"
    # chat mode: the exchange joined the conversation and the prompt box was cleared
    assert [t.role for t in window.playground.conversation.turns] == ["user", "assistant"]
    assert window.playground.prompt.toPlainText() == ""
    assert window.inspector.timing_labels["completion"].text() == "4"
    assert "decode" in window.status.decode.text()
    qtbot.waitUntil(lambda: not window.wb.tasks.busy, timeout=WAIT)  # every worker thread was let go


def test_empty_prompt_disables_run_with_a_reason(window, qtbot):
    type_prompt(qtbot, window, "   ")
    pg = window.playground
    assert not pg.run_button.isEnabled()
    assert not window.menus.run.isEnabled()
    assert pg.reason.text() == pg.tr("Type a prompt to run.")
    type_prompt(qtbot, window, "x")
    assert pg.run_button.isEnabled()


def test_stop_mid_stream_records_cancelled_with_partial_output(window, qtbot, fake_engine):
    fake_engine.pool.backend = FakeBackend([f"t{i} " for i in range(200)], delay_s=0.01)
    type_prompt(qtbot, window, "count")
    with qtbot.waitSignal(window.wb.runText, timeout=WAIT):
        window.playground.run()
    assert window.menus.stop.isEnabled()
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT) as sig:
        qtbot.keyClick(window.playground.prompt, Qt.Key.Key_Escape)
    outcome = sig.args[0]
    assert outcome.status == "cancelled"
    row = fake_engine.store.get_run(outcome.run_id)
    assert row["status"] == "cancelled"
    assert 0 < len(row["output"]) < len("".join(fake_engine.pool.backend.chunks))
    assert window.playground.output.text() == row["output"]


def test_multi_turn_edit_and_regenerate(window, qtbot, fake_engine):
    backend = fake_engine.pool.backend
    pg = window.playground
    window.playground.system.setPlainText("be brief")
    for text in ("first", "second"):
        type_prompt(qtbot, window, text)
        run_and_wait(qtbot, window)
    assert [t.content for t in pg.conversation.turns] == ["first", "Hello, world!", "second", "Hello, world!"]
    sent = backend.requests[-1].messages
    assert [m.role for m in sent] == ["system", "user", "assistant", "user"]
    # regenerate: the last user turn again, without the old answer
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT):
        pg.regenerate()
    assert [m.content for m in backend.requests[-1].messages][-1] == "second"
    assert len(pg.conversation.turns) == 4
    # the regenerated answer is an alternative: both are kept, switchable on the answer
    answer = pg.thread.answer_bubble(-1)
    assert answer.branch.isVisibleTo(answer) and answer.branch.text() == "2/2"
    # edit the first turn and resend (its Edit button): a new branch without the later turns
    first_user = next(b for b in pg.thread.bubbles if b.role == "user")
    first_user.edit_button.click()
    assert pg.edit_banner.isVisibleTo(pg) and pg.prompt.toPlainText() == "first"
    type_prompt(qtbot, window, "first, edited")
    run_and_wait(qtbot, window)
    assert [t.content for t in pg.conversation.turns] == ["first, edited", "Hello, world!"]
    assert [m.role for m in backend.requests[-1].messages] == ["system", "user"]
    # the old branch is still there: switch back to it and the whole old path shows again
    pg.thread.answer_bubble(0).prev_button.click()
    assert [t.content for t in pg.conversation.turns][::2] == ["first", "second"]


def test_completion_mode_sends_raw_text(window, qtbot, fake_engine):
    window.playground.set_mode("completion")
    assert not window.playground.system.isVisibleTo(window.playground)
    type_prompt(qtbot, window, "Once upon a time")
    outcome = run_and_wait(qtbot, window)
    assert fake_engine.pool.backend.requests[-1].prompt == "Once upon a time"
    assert fake_engine.store.get_run(outcome.run_id)["mode"] == "completion"


def test_prompt_over_context_is_refused_before_running(window, qtbot, fake_engine):
    fake_engine.pool.backend = FakeBackend(n_ctx=8)
    with qtbot.waitSignal(window.wb.loadFinished, timeout=WAIT):
        window.models.load_selected()
    type_prompt(qtbot, window, "one two three four five six seven eight nine ten")
    qtbot.waitUntil(lambda: not window.playground.run_button.isEnabled(), timeout=WAIT)
    reason = window.playground.reason.text()
    assert "8" in reason and "tokens" in reason
    assert "ctx" in window.status.ctx.text() and "/8" in window.status.ctx.text()
    before = fake_engine.store.count_runs()
    window.playground.run()  # refused: nothing starts
    assert not window.wb.generating and fake_engine.store.count_runs() == before


def test_overflow_found_by_the_pipeline_is_shown_with_the_count(window, qtbot, fake_engine):
    fake_engine.pool.backend = FakeBackend(n_ctx=4)  # not loaded through the window: no live count
    type_prompt(qtbot, window, "one two three four five six")
    with qtbot.waitSignal(window.wb.failed, timeout=WAIT):
        window.playground.run()
    assert "over the context size of 4" in window.playground.reason.text()
    assert window.error_box is None  # shown inline, not as a dialog
    assert fake_engine.store.count_runs() == 0


def test_unwritable_log_keeps_output_and_retry_saves(window, qtbot, fake_engine):
    fake_engine.pool.backend = FakeBackend([f"w{i} " for i in range(30)], delay_s=0.005)
    db = store_connection(fake_engine.store)
    window.wb.runText.connect(lambda _t: db.execute("PRAGMA query_only = ON"))
    type_prompt(qtbot, window, "write")
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT) as sig:
        window.playground.run()
    outcome = sig.args[0]
    assert outcome.saved is False
    pg = window.playground
    assert pg.save_banner.isVisibleTo(pg) and "could not be saved" in pg.save_label.text()
    assert pg.output.text() == outcome.output != ""
    pg.retry_button.click()  # still read-only: the banner says so
    assert "Still cannot save" in pg.save_label.text()
    window.wb.runText.disconnect()
    db.execute("PRAGMA query_only = OFF")
    pg.retry_button.click()
    assert not pg.save_banner.isVisibleTo(pg)
    row = fake_engine.store.get_run(outcome.run_id)
    assert row["status"] == "ok" and row["output"] == outcome.output


def test_log_unwritable_before_a_run_shows_a_dialog(window, qtbot, fake_engine):
    store_connection(fake_engine.store).execute("PRAGMA query_only = ON")
    type_prompt(qtbot, window, "hello")
    with qtbot.waitSignal(window.errorShown, timeout=WAIT) as sig:
        window.playground.run()
    assert "cannot be written" in sig.args[1] or "readonly" in sig.args[1]
    assert window.playground.prompt.toPlainText() == "hello"  # nothing the person typed is lost
    store_connection(fake_engine.store).execute("PRAGMA query_only = OFF")
    window.error_box.done(0)
    with qtbot.waitActive(window):
        window.activateWindow()
    assert run_and_wait(qtbot, window).status == "ok"


def test_failed_load_shows_dialog_and_keeps_previous_model(window, qtbot, fake_engine):
    with qtbot.waitSignal(window.wb.loadFinished, timeout=WAIT):
        window.models.load_selected()
    good = window.wb.loaded

    def refuse(params):
        raise ModelLoadError("llama.cpp could not load broken.gguf: bad tensors")

    fake_engine.pool.llama = refuse
    window.models.n_ctx.setValue(2048)
    with qtbot.waitSignal(window.errorShown, timeout=WAIT) as sig:
        window.models.load_selected()
    assert sig.args[1] == "llama.cpp could not load broken.gguf: bad tensors"
    assert window.wb.loaded is good and not window.wb.loading
    assert window.models.load_button.isEnabled()


def test_history_search_filter_star_tag_note_and_open(window, qtbot, fake_engine):
    for words in (["alpha ", "beta"], ["gamma ", "delta"]):
        fake_engine.pool.backend.chunks = words
        type_prompt(qtbot, window, "go")
        run_and_wait(qtbot, window)
    window.show_view("history")
    h = window.history
    assert h.model.rowCount() == 2
    h.search.setText("gamma")
    h.apply_filters()
    assert h.model.rowCount() == 1 and h.model.rows[0]["output_head"] == "gamma delta"
    h.table.selectRow(0)
    d = h.detail
    assert d.output.toPlainText() == "gamma delta" and "<user>go</user>" in d.sent.toPlainText()
    keys = {d.params.item(i, 0).text() for i in range(d.params.rowCount())}
    assert {"temperature", "seed", "ttft_ms", "decode_tps", "n_ctx"} <= keys
    d.star.setChecked(True)
    d.tags.setText("good, demo")
    d.note.setPlainText("keep this")
    d.save_button.click()
    rid = d.row["id"]
    row = fake_engine.store.get_run(rid)
    assert row["starred"] == 1 and row["tags"] == "demo,good" and row["note"] == "keep this"
    assert h.model.data(h.model.index(0, 0)) == "★"
    assert h.model.data(h.model.index(0, h.model.COLUMNS.index("tags"))) == "demo,good"
    h.search.clear()
    h.starred_filter.setChecked(True)
    assert h.model.rowCount() == 1
    d.open_button.click()
    assert window.current_view() == "playground"
    assert window.playground.output.text() == "gamma delta"
    assert window.playground.prompt.toPlainText() == "go"


def test_rerun_from_history(window, qtbot, fake_engine):
    type_prompt(qtbot, window, "again")
    first = run_and_wait(qtbot, window)
    window.show_view("history")
    window.history.select_run(first.run_id)
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT) as sig:
        window.history.detail.rerun_button.click()
    assert sig.args[0].run_id != first.run_id and sig.args[0].status == "ok"
    assert fake_engine.store.count_runs() == 2


def test_presets_save_and_apply(window, fake_engine):
    p = window.params
    p.temperature.setValue(0.3)
    p.stop.setText(r"\n, END")
    assert p.params().stop == ("\n", "END")
    assert p.save_preset("mine")
    p.preset.setCurrentIndex(p.preset.findData("Creative"))
    p._apply_preset(p.preset.currentIndex())
    assert p.params().temperature == pytest.approx(1.1)
    p.preset.setCurrentIndex(p.preset.findData("mine"))
    p._apply_preset(p.preset.currentIndex())
    assert p.params().temperature == pytest.approx(0.3)
    assert (fake_engine.home / "presets.json").exists()
    assert not p.save_preset("Balanced")  # a built-in name is refused with a dialog
    assert window.last_error is not None and window.last_error[1] == "“Balanced” is a built-in preset; choose another name."
    assert not p.save_preset("   ") and window.last_error[1] == "A preset needs a name."


def test_seed_toggle(window):
    p = window.params
    assert p.params().seed is None and not p.seed.isEnabled()
    p.seed_fixed.setChecked(True)
    p.seed.setValue(42)
    assert p.params().seed == 42


def test_state_is_persisted_in_the_data_folder(fake_engine, qtbot):
    w = MainWindow(fake_engine)
    qtbot.addWidget(w)
    w.params.temperature.setValue(0.25)
    w.playground.set_mode("completion")
    w.playground.markdown.setChecked(False)
    w.models.n_ctx.setValue(1024)
    w.models.flash_attn.setChecked(True)
    w.show_view("history")
    w.close()
    assert (fake_engine.home / "window.ini").exists()
    w2 = MainWindow(fake_engine)
    qtbot.addWidget(w2)
    assert w2.params.params().temperature == pytest.approx(0.25)
    assert w2.playground.current_mode() == "completion"
    assert not w2.playground.markdown.isChecked()
    assert w2.wb.load_settings.n_ctx == 1024 and w2.models.n_ctx.value() == 1024
    assert w2.wb.load_settings.flash_attn and w2.models.flash_attn.isChecked()
    assert w2.current_view() == "history"
    w2.close()


def test_closing_during_generation_stops_and_records(fake_engine, qtbot):
    fake_engine.pool.backend = FakeBackend([f"t{i} " for i in range(500)], delay_s=0.01)
    w = MainWindow(fake_engine)
    qtbot.addWidget(w)
    w.show()
    w.playground.prompt.setPlainText("long")
    with qtbot.waitSignal(w.wb.runText, timeout=WAIT):
        w.playground.run()
    w.close()
    rows = fake_engine.store.list_runs()
    assert len(rows) == 1 and rows[0]["status"] == "cancelled"
    assert fake_engine.store.get_run(rows[0]["id"])["output"].startswith("t0 ")


def test_markdown_toggle_keeps_the_raw_text(window, qtbot, fake_engine):
    fake_engine.pool.backend.chunks = ["# Title\n\n", "**bold** text"]
    type_prompt(qtbot, window, "md")
    run_and_wait(qtbot, window)
    out = window.playground.output
    assert out.toPlainText().startswith("Title")  # rendered
    window.menus.markdown.setChecked(False)
    assert out.toPlainText() == "# Title\n\n**bold** text" == out.text()


def test_chinese_translation_is_shipped_and_used(fake_engine, qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import TRANSLATIONS, choose_language, install_translators

    assert (TRANSLATIONS / "workbench_zh_CN.qm").exists() and (TRANSLATIONS / "workbench_zh_CN.ts").exists()
    assert choose_language(None, None, "zh_CN") == "zh_CN" and choose_language("en", "zh_CN") == "en"
    app = QApplication.instance()
    translators = install_translators(app, "zh_CN")
    try:
        w = MainWindow(fake_engine)
        qtbot.addWidget(w)
        titles = [t for _, t in w.nav_titles()]
        assert titles == ["试验场", "模板库", "实验", "竞技场", "历史记录", "模型"]
        assert w.playground.run_button.text() == "运行"
        from desktop.chat_tree import ChatTree, Exchange

        tree = ChatTree()
        tree.add(None, Exchange(user="hi", answer="hello"))
        w.playground.thread.set_tree(tree)
        user, answer = w.playground.thread.bubbles
        assert "你" in user.who.text() and "助手" in answer.who.text()
        assert w.playground.mode_label.text() == "方式"  # Mode, not 模式 (that is Pattern)
        assert w.playground.chats.search.placeholderText() == "搜索对话"
        assert "未找到" in w.playground._restore_model({"model": "gone"}, {})[0]  # a string of a mixin
        w.close()
    finally:
        for t in translators:
            app.removeTranslator(t)


def test_run_window_opens_and_closes_cleanly(fake_engine, qtbot, monkeypatch):
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import parse_window_args, run_window

    assert parse_window_args(["--home", "x", "--lang", "zh_CN"]).lang == "zh_CN"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_window installs its own
    QTimer.singleShot(300, lambda: [w.close() for w in QApplication.topLevelWidgets() if w.isWindow()])
    assert run_window(fake_engine, ["--lang", "en", "--theme", "light"]) == 0
    assert (fake_engine.home / "window.ini").exists()


def test_stop_strings_round_trip():
    from desktop.textfmt import join_stops, split_stops

    stops = ("\n", "a,b", "END", "\\x")
    assert split_stops(join_stops(stops)) == stops
    assert split_stops(r" \n\n ,User:") == ("\n\n", "User:")
