"""The lens in the run detail: tokens shaded by probability with a legend, the hover
text, low-confidence spans flagged, and a branch from a clicked token: a signal with a
hand-made record (fast), and a real child run on SmolLM2 from the window's worker."""

from __future__ import annotations

import math

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QFont, QHelpEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from backends.logprobs import Alternative, TokenStep, TokenTrace  # noqa: E402
from desktop.run_detail import RunDetail  # noqa: E402
from desktop.token_lens import PALETTE, band  # noqa: E402
from runs.store import Store  # noqa: E402
from desktop.chat_tree import from_runs  # noqa: E402
from tests.desktop_helpers import WAIT, open_window  # noqa: E402

PROBS = [0.95, 0.8, 0.2, 0.3, 0.99]
TEXTS = ["The", " sky", " is", " 🌈blue", "."]


def hand_trace(constrained: bool = False) -> TokenTrace:
    """Five steps, two alternatives each; step 4 given (forced). ``constrained``: the
    grammar ruled out step 2's alternative."""
    steps = []
    for i, (p, t) in enumerate(zip(PROBS, TEXTS, strict=True)):
        top = (Alternative(100 + i, t, math.log(p)), Alternative(200 + i, f" alt{i}", math.log((1 - p) * 0.6)))
        blocked = (202,) if constrained and i == 2 else ()
        steps.append(TokenStep(100 + i, t, math.log(p), 0.7, top, forced=i == 4, blocked=blocked))
    return TokenTrace(k=2, steps=steps, constrained=constrained)


@pytest.fixture(params=[False], ids=["plain"])
def detail(request, tmp_path, qtbot):
    store = Store(tmp_path / "runs.db")
    rid = store.start_run({"status": "ok", "output": "".join(TEXTS), "model_name": "m"})
    store.save_tokens(rid, hand_trace(request.param))
    d = RunDetail(store)
    qtbot.addWidget(d)
    d.resize(900, 700)
    d.show()
    d.show_run(rid)
    d.tabs.setCurrentIndex(d.tabs.indexOf(d.lens.parentWidget()))
    yield d, rid
    store.close()


def test_tokens_are_shaded_by_probability_with_a_legend_and_summary(detail):
    d, _ = detail
    doc = d.lens.view.document()
    assert doc.toPlainText() == "".join(TEXTS)
    starts = d.lens._starts
    for i, p in enumerate(PROBS):
        c = d.lens.view.textCursor()
        c.setPosition(starts[i] + 1)  # the format of the character before the cursor
        assert c.charFormat().background().color().name() == PALETTE[band(p)][1]
    c.setPosition(starts[2] + 1)
    low = c.charFormat()
    assert low.underlineStyle() == low.UnderlineStyle.WaveUnderline and low.fontWeight() == QFont.Weight.Bold
    c.setPosition(starts[0] + 1)
    assert c.charFormat().underlineStyle() != c.charFormat().UnderlineStyle.WaveUnderline
    assert c.charFormat().fontWeight() != QFont.Weight.Bold and not c.charFormat().fontItalic()
    c.setPosition(starts[4] + 1)  # given, not sampled: italic, dotted, whatever its probability
    assert c.charFormat().fontItalic() and c.charFormat().underlineStyle() == c.charFormat().UnderlineStyle.DotLine
    assert "≥90%" in d.lens.legend.text() and "low-confidence" in d.lens.legend.text()
    s = d.lens.summary.text()
    mean = sum(math.log(p) for p in PROBS) / 5
    assert "5 tokens" in s and f"{mean:.3f}" in s and f"{math.exp(-mean):.2f}" in s and "1 low-confidence span" in s and "spans" not in s


def test_hover_shows_the_alternatives_and_a_click_asks_for_a_branch(detail, qtbot):
    d, rid = detail
    vp = d.lens.view.viewport()
    point = d.lens.step_point(3)  # after a character outside the BMP: positions count UTF-16 units
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, point, vp.mapToGlobal(point)))
    tip = d.lens.last_tooltip
    assert tip.startswith("Token 3: ' 🌈blue' — 30.0%")
    assert "' alt3'  42.0%" in tip and "Alternatives:" in tip
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=d.lens.step_point(2))
    assert d.picker.at == 2 and d.picker.alternatives.count() == 1
    with qtbot.waitSignal(d.branchRequested, timeout=WAIT) as sig:
        d.picker.with_alternative.click()
    assert sig.args == [rid, 2, 202, None]
    d.picker.text.setText(" grey")
    with qtbot.waitSignal(d.branchRequested, timeout=WAIT) as sig:
        d.picker.with_text.click()
    assert sig.args == [rid, 2, None, " grey"]


@pytest.mark.parametrize("detail", [True], ids=["constrained"], indirect=True)
def test_a_constrained_record_says_so_and_offers_only_allowed_alternatives(detail, qtbot):
    d, _ = detail
    assert "constrained: the model's own probabilities, before the constraint's mask" in d.lens.summary.text()
    assert "' alt2'  48.0%  ✗ not allowed by the constraint" in d.lens.tooltip_text(2)
    assert "not allowed" not in d.lens.tooltip_text(1)
    qtbot.mouseClick(d.lens.view.viewport(), Qt.MouseButton.LeftButton, pos=d.lens.step_point(2))
    item = d.picker.alternatives.item(0)
    assert item.text().endswith("✗ not allowed by the constraint")
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled and not d.picker.with_alternative.isEnabled()
    assert "allows none of these alternatives here; type a replacement" in d.picker.title.text()
    d.picker.alternatives.itemDoubleClicked.emit(item)  # nothing asked for either way
    d.picker.with_alternative.click()
    qtbot.mouseClick(d.lens.view.viewport(), Qt.MouseButton.LeftButton, pos=d.lens.step_point(1))
    assert d.picker.with_alternative.isEnabled()  # step 1's alternative is allowed
    with qtbot.waitSignal(d.branchRequested, timeout=WAIT) as sig:
        d.picker.with_alternative.click()
    assert sig.args[1:] == [1, 201, None]


def test_the_picker_waits_while_the_model_is_busy_and_needs_text_to_branch_with(detail, qtbot):
    d, _ = detail
    asked = []
    d.branchRequested.connect(lambda *a: asked.append(a))
    d.set_branching(True)  # a run, a load or a branch holds the model
    qtbot.mouseClick(d.lens.view.viewport(), Qt.MouseButton.LeftButton, pos=d.lens.step_point(2))
    assert d.picker.at == 2  # selecting a token shows it, but nothing can be branched yet
    assert not d.picker.with_alternative.isEnabled() and not d.picker.with_text.isEnabled()
    d.picker._branch_alternative()
    d.set_branching(False)
    assert d.picker.with_alternative.isEnabled()
    assert d.picker.text.text() == "" and not d.picker.with_text.isEnabled()  # empty text: nothing to branch with
    d.picker.text.returnPressed.emit()
    d.picker.text.setText(" ")
    assert d.picker.with_text.isEnabled()  # a space is a token too
    assert asked == []


def test_a_run_without_a_record_says_how_to_get_one(detail):
    d, _ = detail
    rid = d.store.start_run({"status": "ok", "output": "x"})
    d.show_run(rid)
    assert "Logprobs" in d.lens.summary.text() and d.lens.view.toPlainText() == ""
    assert not d.picker.with_alternative.isEnabled()


@pytest.mark.real
def test_playground_records_with_logprobs_and_branches_in_a_worker(real_engine, qtbot):
    w = open_window(real_engine, qtbot, wait=WAIT)
    try:
        w.params.max_tokens.setValue(8)
        w.params.temperature.setValue(0.0)
        assert w.params.logprobs() == 0 and w.params.logprobs_k.value() == 10  # off by default, k 10
        w.params.logprobs_on.setChecked(True)
        w.show_view("models")
        w.models.select("smollm2-135m-instruct")
        w.models.n_ctx.setValue(1024)
        w.models.threads.setValue(1)  # a busy machine slows multi-threaded one-token steps many times over
        with qtbot.waitSignal(w.wb.loadFinished, timeout=60_000):
            qtbot.mouseClick(w.models.load_button, Qt.MouseButton.LeftButton)
        w.show_view("playground")
        pg = w.playground
        pg.prompt.setPlainText("Name a colour.")
        with qtbot.waitSignal(w.wb.runFinished, timeout=60_000) as sig:
            pg.run()
        parent = sig.args[0]
        trace = real_engine.store.tokens(parent.run_id)
        assert trace is not None and trace.k == 10
        assert pg.tokens.isVisible() and pg.tokens.lens.view.toPlainText() == parent.output
        pg.tokens.toggle.click()
        qtbot.mouseClick(pg.tokens.lens.view.viewport(), Qt.MouseButton.LeftButton, pos=pg.tokens.lens.step_point(1))
        assert pg.tokens.picker.at == 1 and pg.tokens.picker.alternatives.count() >= 1
        with qtbot.waitSignal(w.wb.branchFinished, timeout=60_000) as sig:
            pg.tokens.picker.with_alternative.click()
            assert not pg.tokens.picker.with_alternative.isEnabled()  # the worker has it; the window stays live
        child = sig.args[0]
        assert child.status == "ok"
        kids = real_engine.store.children(parent.run_id)
        assert [k["id"] for k in kids] == [child.run_id] and kids[0]["stage"] == "branch"
        # the playground keeps it: the answer's new alternative, shown, its lens up, saved with the chat
        assert w.current_view() == "playground"
        last = pg.thread.tree.last()
        assert last.run_id == child.run_id and last.answer == child.output and last.user == "Name a colour."
        assert [e.run_id for e in pg.thread.tree.siblings(last)] == [parent.run_id, child.run_id]
        assert pg.tokens.run_id == child.run_id and pg.thread.bubbles[-1].ex is last
        assert w.inspector.timing_labels["completion"].text() == str(child.timings.completion_tokens)  # its figures
        assert child.run_id[-8:].lower() in w.status.currentMessage()
        assert pg.branch_banner.isVisible() and "alternative 2 of this answer" in pg.branch_label.text()
        saved = from_runs(real_engine.store.conversation_runs(pg.conversation_id))  # the chat reopened
        assert [e.run_id for e in saved.siblings(saved.last())] == [parent.run_id, child.run_id]
        pg.thread.switch(last, -1)  # ‹ : the original again, with its lens
        assert pg.thread.tree.last().run_id == parent.run_id and pg.tokens.run_id == parent.run_id
        pg.thread.switch(pg.thread.tree.last(), +1)
        # Compare in History: the run's detail shows the tree with the branch selected, beside the
        # original with a word diff
        pg.branch_compare.click()
        d = w.history.detail
        assert w.current_view() == "history" and d.row["id"] == parent.run_id
        assert d.tabs.currentWidget() is d.branches and d.branches.tree.topLevelItemCount() == 1
        item = d.branches.tree.currentItem()
        assert item.text(0) == child.run_id and item.text(1).startswith("@1: ")
        assert "removed" in d.branches.compare.toHtml()
        d.lens.stepClicked.emit(2)
        assert d.picker.with_alternative.isEnabled()  # free for the next branch
        # a refused branch: the reason in a box, the picker free again, no stale "Branching…"
        with qtbot.waitSignal(w.errorShown, timeout=60_000) as err:
            w.branch(parent.run_id, 99, 1, None)
        assert "step 99 is out of range" in err.args[1]
        qtbot.waitUntil(lambda: not w.wb.busy, timeout=10_000)
        assert d.picker.with_alternative.isEnabled() and w.status.currentMessage() == ""
        # back in the playground: its panels show its last run, and a new chat clears them
        w.show_view("playground")
        assert pg.under.isVisible() and pg.tokens.run_id == child.run_id
        assert pg.thread.height() >= pg.thread.minimumHeight()
        pg.new_chat()
        assert pg.tokens.isHidden() and pg.tokens.run_id is None and not pg.under.isVisible()
    finally:
        w.close()
