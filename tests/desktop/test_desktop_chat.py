"""The chat journeys on the real window with the fake backend (fast): one thread that
streams in place, saved chats that survive a restart, reopen that reproduces, base
models in completion mode, a 10,000-character title. The same journeys with the real
bundled model are in test_desktop_chat_real.py."""

from __future__ import annotations

import json

import pytest

from common.errors import WorkbenchError

pytest.importorskip("PySide6")

from PySide6.QtCore import QUrl  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from desktop.main_window import MainWindow  # noqa: E402
from tests.desktop_helpers import open_window  # noqa: E402
from tests.fakes import FakeBackend  # noqa: E402

WAIT = 10_000
ANSWER = ("Here is a function:\n\n```python\ndef add(a, b):\n    return a + b\n```\n\n"
          "| x | y |\n|---|---|\n| 1 | 2 |\n\nDone **now**.")


@pytest.fixture
def window(fake_engine, qtbot):
    w = open_window(fake_engine, qtbot, "playground")
    yield w
    w.close()


def run(qtbot, w, text):
    w.playground.prompt.setPlainText(text)
    with qtbot.waitSignal(w.wb.runFinished, timeout=WAIT) as sig:
        w.playground.run()
    return sig.args[0]


def chunks(text, n=3):
    return [text[i:i + n] for i in range(0, len(text), n)]


def test_chat_streams_into_one_thread(window, qtbot, fake_engine):
    fake_engine.pool.backend = FakeBackend(chunks(ANSWER), delay_s=0.004)
    pg = window.playground
    pg.prompt.setPlainText("write code")
    with qtbot.waitSignal(window.wb.runText, timeout=WAIT):
        pg.run()
    # while it streams, the answer is a bubble in the thread (no second pane)
    live = pg.thread._live
    assert live is not None and live.role == "assistant" and pg.thread.bubbles[-1] is live
    qtbot.waitUntil(lambda: len(live.body.text()) > 20, timeout=WAIT)
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT) as sig:
        pass
    outcome = sig.args[0]
    roles = [b.role for b in pg.thread.bubbles]
    assert roles == ["user", "assistant"]  # each answer shown once
    body = pg.thread.bubbles[-1].body
    assert body.text() == outcome.output == ANSWER
    shown = body.toPlainText()
    assert "return a + b" in shown and "**" not in shown  # rendered, code indentation kept
    assert "    return a + b" in body.code_blocks[0]
    # incremental: finished blocks were inserted once; the rendered text equals a full render
    from desktop.chat_text import MessageText

    full = MessageText()
    full.set_text(ANSWER)
    assert full.toPlainText() == shown
    assert body.document().toHtml().count("<table") == 1
    # the code block's copy link puts the exact code on the clipboard
    body.anchorClicked.emit(QUrl("copy:0"))
    assert QGuiApplication.clipboard().text() == "def add(a, b):\n    return a + b\n"
    # the run id and timings are beside the answer
    answer = pg.thread.bubbles[-1]
    assert outcome.run_id[-8:].lower() in answer.meta.text() and "tokens" in answer.meta.text()
    assert not answer.tag.isVisibleTo(answer)


def test_a_stopped_answer_is_tagged(window, qtbot, fake_engine):
    fake_engine.pool.backend = FakeBackend([f"w{i} " for i in range(300)], delay_s=0.01)
    pg = window.playground
    pg.prompt.setPlainText("long")
    with qtbot.waitSignal(window.wb.runText, timeout=WAIT):
        pg.run()
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT):
        window.wb.stop()
    answer = pg.thread.bubbles[-1]
    assert answer.tag.isVisibleTo(answer) and answer.tag.text() == "stopped"
    assert answer.body.text() == fake_engine.store.get_run(answer.ex.run_id)["output"]


def test_a_rerun_from_history_appears_in_the_thread(window, qtbot, fake_engine):
    first = run(qtbot, window, "again")
    window.show_view("history")
    window.history.select_run(first.run_id)
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT) as sig:
        window.history.detail.rerun_button.click()
    pg = window.playground
    assert window.current_view() == "playground"
    assert pg.thread.bubbles[-1].ex.run_id == sig.args[0].run_id
    assert pg.thread.bubbles[-1].body.text() == sig.args[0].output


def test_a_saved_chat_survives_closing_and_reopening_the_window(fake_engine, qtbot, tmp_path):
    w = open_window(fake_engine, qtbot, "playground")
    fake_engine.pool.backend.chunks = ["Paris ", "is the capital."]
    run(qtbot, w, "Capital of France?")
    fake_engine.pool.backend.chunks = ["About ", "2.1 million."]
    run(qtbot, w, "How many people live there?")
    cid = w.playground.conversation_id
    assert cid and w.playground.chats.ids() == [cid]
    w.close()

    w2 = open_window(fake_engine, qtbot, "playground")
    pg = w2.playground
    assert pg.chats.ids() == [cid]
    item = pg.chats.list.item(0)
    assert item.text().startswith("Capital of France?") and "smollm2" in item.text()
    # the chat that was open is open again, as it was left
    assert pg.conversation_id == cid
    pg.new_chat()
    assert pg.thread.tree.is_empty()
    pg.chats.list.itemClicked.emit(item)
    assert [m.content for m in pg.conversation.turns] == [
        "Capital of France?", "Paris is the capital.", "How many people live there?", "About 2.1 million."]
    # the next run continues that chat, with the whole conversation sent
    fake_engine.pool.backend.chunks = ["Yes."]
    run(qtbot, w2, "Sure?")
    assert [m.role for m in fake_engine.pool.backend.requests[-1].messages][-3:] == ["user", "assistant", "user"]
    assert len(fake_engine.store.conversation_runs(cid)) == 3
    # searchable through the run log's index, renamable, exportable, deletable
    pg.chats.search.setText("2.1 million")
    pg.chats.refresh()
    assert pg.chats.ids() == [cid]
    pg.chats.search.setText("no such words")
    pg.chats.refresh()
    assert pg.chats.ids() == []
    pg.chats.search.clear()
    pg.chats.refresh()
    assert pg.rename_chat(cid, "Paris facts") == "Paris facts"
    assert pg.chats.list.item(0).text().startswith("Paris facts")
    md = pg.export_chat(cid, "md", tmp_path / "chat.md").read_text(encoding="utf-8")
    assert md.startswith("# Paris facts") and "**You:**" in md and "About 2.1 million." in md
    doc = json.loads(pg.export_chat(cid, "json", tmp_path / "chat.json").read_text(encoding="utf-8"))
    assert doc["title"] == "Paris facts" and [m["role"] for m in doc["messages"]] == ["user", "assistant"] * 3
    assert all(m["run_id"] for m in doc["messages"] if m["role"] == "assistant")
    with pytest.raises(WorkbenchError, match=r"^Could not write .*chat\.md: (Is a directory|Not a directory)"):
        pg.export_chat(cid, "md", tmp_path / "chat.json" / "chat.md")  # a file where a folder should be
    pg.delete_chat(cid)
    assert pg.chats.ids() == [] and pg.thread.tree.is_empty()
    assert fake_engine.store.count_runs() == 3  # the runs stay in History
    w2.close()


def test_branches_are_saved_and_come_back(fake_engine, qtbot):
    w = open_window(fake_engine, qtbot, "playground")
    pg = w.playground
    fake_engine.pool.backend.chunks = ["one"]
    run(qtbot, w, "hi")
    fake_engine.pool.backend.chunks = ["two"]
    with qtbot.waitSignal(w.wb.runFinished, timeout=WAIT):
        pg.regenerate()
    cid = pg.conversation_id
    w.close()
    w2 = open_window(fake_engine, qtbot, "playground")
    assert w2.playground.open_chat(cid)
    answer = w2.playground.thread.answer_bubble(-1)
    assert answer.body.text() == "two" and answer.branch.text() == "2/2"
    answer.prev_button.click()
    assert w2.playground.thread.answer_bubble(-1).body.text() == "one"
    w2.close()


def test_reopen_restores_seed_3e9_and_a_json_schema(window, qtbot, fake_engine):
    schema = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
    fake_engine.pool.backend.chunks = ['{"city": ', '"Paris"}']
    p = window.params
    p.seed_fixed.setChecked(True)
    p.seed.set_seed(3_000_000_000)
    p.temperature.setValue(0.35)
    assert p.params().seed == 3_000_000_000  # not clamped to 2**31 - 1
    window.constraint.set_constraint("json_schema", json.dumps(schema))
    qtbot.waitUntil(lambda: window.constraint.constraint() is not None, timeout=60_000)
    pg = window.playground
    pg.prompt.setPlainText("Where?")
    qtbot.waitUntil(lambda: pg.can_run, timeout=WAIT)
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT) as sig:
        pg.run()
    row = fake_engine.store.get_run(sig.args[0].run_id)
    assert row["seed"] == 3_000_000_000
    # change everything, then reopen the run from History
    pg.new_chat()
    p.seed.set_seed(5)
    p.temperature.setValue(1.2)
    window.constraint.set_constraint(None)
    window.open_in_playground(row)
    assert p.seed_fixed.isChecked() and p.seed.seed() == 3_000_000_000 and p.params().seed == 3_000_000_000
    assert p.params().temperature == pytest.approx(0.35)
    assert window.constraint.kind.currentData() == "json_schema"
    assert json.loads(window.constraint.text.toPlainText()) == schema
    qtbot.waitUntil(lambda: window.constraint.constraint() is not None, timeout=WAIT)
    assert window.constraint.constraint()["schema"] == schema
    assert pg.prompt.toPlainText() == "Where?" and window.wb.selected == row["model_name"]
    assert not pg.restore_banner.isVisibleTo(pg)
    assert pg.thread.bubbles[-1].body.text() == '{"city": "Paris"}'


def test_reopen_lists_what_cannot_be_restored(window, qtbot, fake_engine):
    run(qtbot, window, "hello")
    row = dict(fake_engine.store.list_runs(limit=1)[0])
    row = fake_engine.store.get_run(row["id"])
    spec = json.loads(row["spec_json"])
    spec["model"] = "gone-model"
    row.update(spec_json=json.dumps(spec), model_path="/nowhere/gone-model.gguf", model_sha256="ab" * 32)
    before = window.wb.selected
    missing = window.playground.open_run(row)
    assert missing and "gone-model" in missing[0]
    pg = window.playground
    assert pg.restore_banner.isVisibleTo(pg) and "gone-model" in pg.restore_label.text()
    assert window.wb.selected == before  # kept, and said so, not silently replaced


def test_fixed_seed_is_per_chat_not_sticky(fake_engine, qtbot):
    w = open_window(fake_engine, qtbot, "playground")
    w.params.seed_fixed.setChecked(True)
    w.params.seed.set_seed(4_000_000_000)
    run(qtbot, w, "seeded")
    cid = w.playground.conversation_id
    w.close()
    w2 = open_window(fake_engine, qtbot, "playground")
    w2.playground.new_chat()
    w2.close()
    w2 = open_window(fake_engine, qtbot, "playground")  # last closed on a new chat: no fixed seed sticks
    assert w2.playground.conversation_id is None
    assert not w2.params.seed_fixed.isChecked() and w2.params.params().seed is None
    w2.playground.open_chat(cid)
    assert w2.params.seed_fixed.isChecked() and w2.params.params().seed == 4_000_000_000
    w2.playground.new_chat()
    assert not w2.params.seed_fixed.isChecked()
    w2.close()


def test_a_base_model_runs_in_completion_mode_without_a_dialog(window, qtbot, fake_engine):
    fake_engine.pool.backend = FakeBackend([" there was a fox."], chat=False)
    pg = window.playground
    assert pg.current_mode() == "chat"
    window.inspector.select_model("gemma3-270m")  # a base model: no chat template
    assert pg.current_mode() == "completion"  # switched before running
    pg.prompt.setPlainText("Once upon a time")
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT) as sig:
        pg.run()
    assert sig.args[0].status == "ok" and window.last_error is None and window.error_box is None
    assert fake_engine.pool.backend.requests[-1].prompt == "Once upon a time"
    user, answer = pg.thread.bubbles[-2:]
    assert user.who.text() == "<b>Prompt</b>" and answer.who.text() == "<b>Continuation</b>"
    assert user.body.text() == "Once upon a time" and answer.body.text() == " there was a fox."


def test_a_title_of_10000_characters(window, qtbot, fake_engine):
    long = "Q" * 10_000
    fake_engine.pool.backend.chunks = ["ok"]
    run(qtbot, window, long)
    pg = window.playground
    title = fake_engine.store.get_conversation(pg.conversation_id)["title"]
    assert 0 < len(title) <= 200
    kept = pg.rename_chat(pg.conversation_id, "T" * 10_000 + "\n" + "x")
    assert kept is not None and len(kept) <= 200 and "\n" not in kept
    item = pg.chats.list.item(0)
    assert len(item.text().splitlines()[0]) <= 60 and item.toolTip() == kept
    assert window.isVisible() and pg.prompt.isEnabled()


def test_store_conversations_on_a_blank_log(tmp_path):
    from common.errors import StoreError
    from runs.store import Store

    s = Store(tmp_path / "runs.db")
    cid = s.create_conversation("  a\n title ")
    assert s.get_conversation(cid)["title"] == "a title"
    with pytest.raises(StoreError, match="no saved chat"):
        s.add_to_conversation("nope", "run")
    with pytest.raises(StoreError, match="no saved chat"):
        s.rename_conversation("nope", "x")
    assert [c["id"] for c in s.list_conversations()] == [cid]
    s.close()


def test_first_run_geometry_fits_a_laptop_screen(fake_engine, qtbot):
    w = MainWindow(fake_engine)
    qtbot.addWidget(w)
    area = w.screen().availableGeometry()
    assert w.width() <= area.width() and w.height() <= area.height()
    w.close()


@pytest.mark.parametrize("size", [(1366, 700), (1600, 1000)])
def test_run_stop_and_the_status_bar_are_on_screen(fake_engine, qtbot, size):
    """A 1366x768 laptop (less the panel and title bar): Run, Stop and the status bar show."""
    w = MainWindow(fake_engine)
    qtbot.addWidget(w)
    w.show()
    w.resize(*size)
    w.show_view("playground")
    qtbot.waitUntil(lambda: w.width() == size[0], timeout=WAIT)
    inside = w.rect()
    for widget in (w.playground.run_button, w.playground.stop_button, w.status):
        assert widget.isVisible()
        r = widget.rect().translated(widget.mapTo(w, widget.rect().topLeft()))
        assert inside.contains(r), (widget, r, inside)
    w.show_view("models")  # the inspector's parameters do not apply there
    assert not w.inspector.isVisible()
    w.show_view("playground")
    assert w.inspector.isVisible()
    w.menus.inspector.setChecked(False)  # and it can be hidden
    assert not w.inspector.isVisible()
    w.close()


def test_markdown_is_rendered_incrementally(qtbot):
    """Each flush parses the unfinished tail only: the Markdown parsed in all is about
    the answer's length, where re-rendering the whole document would be quadratic."""
    from desktop.chat_markdown import split_finished
    from desktop.chat_text import MessageText

    blocks, used = split_finished("para one\nstill one\n\n```py\nx = 1\n\ny = 2\n```\nopen tail")
    assert [b.code for b in blocks] == [None, "x = 1\n\ny = 2\n"] and used == len("para one\nstill one\n\n```py\nx = 1\n\ny = 2\n```\n")
    blocks, used = split_finished("```py\nunclosed", final=True)
    assert blocks[0].code == "unclosed\n" and used == len("```py\nunclosed")
    text = "".join(f"## Part {i}\n\nSome text for part {i}.\n\n```python\nprint({i})\n```\n\n" for i in range(60))
    view = MessageText()
    qtbot.addWidget(view)
    for i in range(0, len(text), 7):
        view.append_text(text[i:i + 7])
        view.render_now()  # a flush per piece: the worst case
    view.flush()
    assert view.text() == text and len(view.code_blocks) == 60
    # the tails re-parsed add a few times the text; whole-document re-rendering would be ~len²/14 (~940,000 here)
    assert view.inserted < 4 * len(text), (view.inserted, len(text))
    whole = MessageText()
    qtbot.addWidget(whole)
    whole.set_text(text)
    assert whole.toPlainText() == view.toPlainText()


def test_reopen_keeps_the_runs_guards_for_the_next_run(window, qtbot, fake_engine):
    from runs.spec import RunSpec

    policy = {"input": [{"check": "pii", "on_fail": "warn"}], "output": [{"check": "pii", "on_fail": "warn"}]}
    fake_engine.pool.backend.chunks = ["Hello Jane, mail me at jane@example.com"]
    spec = RunSpec(prompt="I am jane@example.com", model=window.wb.selected, mode="chat", policy=policy,
                   n_ctx=window.wb.load_settings.n_ctx)
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT) as sig:
        window.wb.run(spec)
    pg = window.playground
    answer = pg.thread.bubbles[-1]  # a run started elsewhere shows in the thread, with its checks
    assert answer.ex.run_id == sig.args[0].run_id and "pii" in answer.checks.text()
    row = fake_engine.store.get_run(sig.args[0].run_id)
    pg.new_chat()
    assert pg.build_spec(prompt="x").policy is None
    window.open_in_playground(row)
    assert pg.restore_banner.isVisibleTo(pg) and "pii" in pg.restore_label.text()
    assert pg.build_spec().policy == policy and pg.prompt.toPlainText() == "I am jane@example.com"
    pg.new_chat()
    assert pg.build_spec(prompt="x").policy is None


def test_the_thread_follows_the_end_unless_the_user_scrolled_up(window, qtbot, fake_engine):
    pg = window.playground
    window.resize(1000, 600)
    fake_engine.pool.backend.chunks = ["line\n\n"] * 30
    for i in range(3):
        run(qtbot, window, f"q{i}")
    bar = pg.thread.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=WAIT)
    fake_engine.pool.backend = FakeBackend(["more\n\n"] * 60, delay_s=0.01)
    pg.prompt.setPlainText("q3")
    with qtbot.waitSignal(window.wb.runText, timeout=WAIT):
        pg.run()
    bar.triggerAction(bar.SliderAction.SliderToMinimum)  # the user scrolls up to read while it streams
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT):
        pass
    qtbot.wait(50)
    assert bar.value() < bar.maximum()  # not pulled down while reading
    run(qtbot, window, "q4")  # sending a message goes back to the end
    qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=WAIT)


def test_reopen_says_when_the_model_file_changed(window, qtbot, fake_engine, tmp_path):
    run(qtbot, window, "hello")
    row = fake_engine.store.get_run(fake_engine.store.list_runs(limit=1)[0]["id"])
    assert row["model_sha256"]
    row["model_sha256"] = "0" * 64  # as if the file had been replaced since
    window.open_in_playground(row)
    pg = window.playground
    qtbot.waitUntil(lambda: "sha256" in pg.restore_label.text(), timeout=WAIT)
    assert pg.restore_banner.isVisibleTo(pg) and window.wb.selected == row["model_name"]


def test_open_in_playground_shows_the_chat_and_branch_that_hold_the_run(window, qtbot, fake_engine):
    pg = window.playground
    fake_engine.pool.backend.chunks = ["first answer"]
    first = run(qtbot, window, "hi")
    fake_engine.pool.backend.chunks = ["second answer"]
    with qtbot.waitSignal(window.wb.runFinished, timeout=WAIT):
        pg.regenerate()
    cid = pg.conversation_id
    pg.new_chat()
    window.show_view("history")
    window.history.select_run(first.run_id)
    window.history.detail.open_button.click()
    assert window.current_view() == "playground" and pg.conversation_id == cid
    answer = pg.thread.answer_bubble(-1)
    assert answer.ex.run_id == first.run_id and answer.body.text() == "first answer" and answer.branch.text() == "1/2"
