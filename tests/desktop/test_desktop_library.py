"""The Library view: the template list, the editor (form from variables, inline errors,
pattern picker), versions, the live preview and template runs with their stages."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QPlainTextEdit, QSpinBox  # noqa: E402

from desktop.main_window import MainWindow  # noqa: E402
from tests.desktop_helpers import WAIT, open_window


FORM_YAML = """\
name: form-demo
title: Form demo
variables:
  - name: topic
    description: What to write about.
    default: tides
  - name: count
    type: int
    default: 3
    description: How many points.
  - name: warmth
    type: float
    default: 0.5
  - name: formal
    type: bool
    default: true
  - name: tone
    type: choice
    choices: [plain, playful]
    default: playful
  - name: facts
    type: list
    description: One fact per line.
    required: false
prompt: |
  Write {{ count }} {{ tone }} points about {{ topic }}.
  {% if formal %}Be formal.{% endif %} Warmth {{ warmth }}.
"""


@pytest.fixture
def window(fake_engine, qtbot):
    w = open_window(fake_engine, qtbot, "library")
    yield w
    w.close()


def test_library_lists_builtins_and_broken_files(window, fake_engine):
    lib = window.library
    assert "step-back-physics" in lib.names() and "sentiment-few-shot" in lib.names()
    (fake_engine.home / "templates").mkdir(exist_ok=True)
    (fake_engine.home / "templates" / "broken.yaml").write_text("name: broken\nprompt: '{{ x '\n")
    lib.refresh_list()
    item = next(lib.list.topLevelItem(i) for i in range(lib.list.topLevelItemCount())
                if lib.list.topLevelItem(i).text(0) == "broken")
    assert item.text(1) == lib.tr("error") and "line 2" in item.toolTip(0)
    lib.list.setCurrentItem(item)  # opens the raw text, with its error under the editor
    assert lib.editor.template is None and lib.editor.error.isVisibleTo(lib) and not lib.run_button.isEnabled()


def test_form_is_generated_from_the_declared_variables(window):
    ed = window.library.editor
    ed.load(FORM_YAML)
    inputs = ed.form.inputs
    assert list(inputs) == ["topic", "count", "warmth", "formal", "tone", "facts"]
    assert isinstance(inputs["topic"], QLineEdit) and inputs["topic"].text() == "tides"
    assert inputs["topic"].toolTip() == "What to write about."
    assert isinstance(inputs["count"], QSpinBox) and inputs["count"].value() == 3
    assert isinstance(inputs["warmth"], QDoubleSpinBox) and inputs["warmth"].value() == pytest.approx(0.5)
    assert isinstance(inputs["formal"], QCheckBox) and inputs["formal"].isChecked()
    assert isinstance(inputs["tone"], QComboBox) and inputs["tone"].currentText() == "playful"
    assert isinstance(inputs["facts"], QPlainTextEdit)
    inputs["count"].setValue(5)
    inputs["tone"].setCurrentText("plain")
    ed.update_preview()
    assert "Write 5 plain points about tides." in ed.preview.toPlainText()
    # a rebuild after an edit of the YAML keeps what was typed
    ed.text.setPlainText(FORM_YAML.replace("title: Form demo", "title: Form demo 2"))
    ed.parse()
    assert ed.form.inputs["count"].value() == 5


def test_a_syntax_error_is_shown_inline_with_its_line(window):
    ed = window.library.editor
    ed.load(FORM_YAML.replace("{{ topic }}.", "{{ topic }.", 1))
    assert ed.template is None
    text = ed.error.text()
    assert ed.error.isVisibleTo(ed) and "line 26" in text and "Traceback" not in text and "\n" not in text
    assert ed.error_line == 26 and len(ed.text.extraSelections()) == 1
    ed.text.setPlainText(FORM_YAML)
    ed.parse()
    assert ed.template is not None and not ed.error.isVisibleTo(ed)


def test_pattern_picker_edits_the_yaml(window):
    lib = window.library
    lib.select("sentiment-few-shot")
    picker = lib.editor.picker
    assert picker.current_name() == "few-shot" and picker.k.value() == 4
    picker.name.setCurrentIndex(picker.name.findData("self-consistency"))
    picker.n.setValue(3)
    t = lib.editor.template
    assert t.pattern.name == "self-consistency" and t.pattern.n == 3 and t.pattern.k == 4
    assert "# Few-shot sentiment classification" in lib.editor.text.toPlainText()  # comments kept
    assert picker.n.isVisible() and not picker.variant.isVisible()


def test_save_creates_a_new_version_and_the_list_updates(window, fake_engine):
    lib = window.library
    lib.select("summarizer")
    before = lib.editor.template.id
    assert not lib.save_button.isEnabled()
    lib.editor.form.set_values({"text": "A long article about rivers."})
    lib.editor.text.setPlainText(lib.editor.text.toPlainText().replace("title:", "title: Edited", 1))
    lib.editor.parse()
    assert lib.save_button.isEnabled()
    tid = lib.save()
    assert tid and tid != before and lib.editor.template.id == tid
    assert lib.editor.form.values()["text"] == "A long article about rivers."  # what was typed stays after a save
    row = next(lib.list.topLevelItem(i) for i in range(lib.list.topLevelItemCount())
               if lib.list.topLevelItem(i).text(0) == "summarizer")
    assert row.text(3) == lib.tr("yours")
    assert (fake_engine.home / "templates" / "summarizer.yaml").exists()
    assert lib.versions.count() == 2 and tid[:10] in lib.versions.itemText(0)
    assert "Saved version 2" in lib.message.text()
    lib.duplicate("summarizer-2")
    assert "summarizer-2" in lib.names() and lib.editor.template.name == "summarizer-2"
    assert lib.editor.form.values()["text"] == "A long article about rivers."  # and the copy starts with it
    out = fake_engine.home / "out.yaml"
    lib.export_file(str(out))
    assert "name: summarizer-2" in out.read_text()


def test_preview_shows_the_rendered_text_and_token_count(window, qtbot):
    lib = window.library
    with qtbot.waitSignal(window.wb.loadFinished, timeout=WAIT):
        window.models.load_selected()
    lib.select("sentiment-few-shot")
    with qtbot.waitSignal(lib.editor.previewReady, timeout=WAIT,
                          check_params_cb=lambda text, n, ctx: n is not None and "Loved" in text) as sig:
        lib.editor.form.inputs["review"].setText("Loved every minute of it")
    text, n, n_ctx = sig.args
    assert "<system>This is a text-classification task" in text and "Review: Loved every minute of it" in text
    assert text.endswith("<assistant>")  # the (fake) model's chat template was applied
    assert n == len(text.split()) and n_ctx == 2048
    assert f"{n} tokens of a 2048-token context" in lib.editor.tokens.text()


def test_preview_without_a_loaded_model_shows_the_messages(window):
    lib = window.library
    lib.select("step-back-physics")
    ed = lib.editor
    ed.update_preview()
    assert ed.preview.toPlainText().startswith("[system]\nYou are a physics teacher.")
    assert "model loaded" in ed.tokens.text() and "first of several model calls" in ed.tokens.text()


def test_running_a_multi_stage_template_shows_each_stage(window, qtbot, fake_engine):
    lib = window.library
    lib.select("step-back-physics")
    window.params.max_tokens.setValue(64)
    with qtbot.waitSignal(window.wb.templateFinished, timeout=WAIT) as sig:
        lib.run_button.click()
    outcome = sig.args[0]
    assert outcome.status == "ok" and len(outcome.stages) == 3
    assert lib.results.names() == ["step-back-question", "step-back-answer", "answer"]
    tabs = lib.results.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Step-back question", "Step-back answer", "Answer"]
    assert lib.results.stage_label("verify-2") == "Verify 2" and lib.results.stage_label("my-stage") == "my-stage"
    assert lib.results.text("answer") == "Hello, world!"
    assert "Final answer" in lib.results.answer.text() and outcome.run_id[:12] in lib.results.answer.text()
    children = fake_engine.store.children(outcome.run_id)
    assert [c["stage"] for c in children] == ["step-back-question", "step-back-answer", "answer"]
    assert lib.run_button.isEnabled() and not lib.stop_button.isEnabled()


@pytest.mark.real
def test_a_builtin_template_runs_with_the_real_model(real_engine, qtbot):
    w = MainWindow(real_engine)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: bool(w.wb.models), timeout=60_000)
    w.inspector.select_model("smollm2-135m-instruct")
    w.params.temperature.setValue(0.0)
    w.params.max_tokens.setValue(8)
    w.show_view("library")
    lib = w.library
    lib.select("sentiment-few-shot")
    lib.editor.form.inputs["review"].setText("A wonderful, moving film. I loved it.")
    with qtbot.waitSignal(w.wb.templateFinished, timeout=120_000) as sig:
        lib.run()
    outcome = sig.args[0]
    assert outcome.status == "ok", outcome.error
    assert outcome.final_answer in ("positive", "negative", "neutral")  # the template's choice constraint
    assert lib.results.text("answer").strip() == outcome.final_answer
    row = real_engine.store.get_run(outcome.run_id)
    assert row["model_name"] == "smollm2-135m-instruct" and row["template_id"] == lib.editor.template.id
    w.close()


def test_stop_cancels_a_template_run(window, qtbot, fake_engine):
    from tests.fakes import FakeBackend

    fake_engine.pool.backend = FakeBackend([f"t{i} " for i in range(300)], delay_s=0.01)
    lib = window.library
    lib.select("step-back-physics")
    with qtbot.waitSignal(window.wb.templateText, timeout=WAIT):
        lib.run()
    assert lib.stop_button.isEnabled() and not lib.run_button.isEnabled()
    with qtbot.waitSignal(window.wb.templateFinished, timeout=WAIT) as sig:
        lib.stop_button.click()
    outcome = sig.args[0]
    assert outcome.status == "cancelled" and lib.results.names() == ["step-back-question"]
    assert fake_engine.store.get_run(outcome.run_id)["status"] == "cancelled"
    assert lib.run_button.isEnabled()
