"""The Library's list and editor: whole names at the default size, the editor wraps, New /
Duplicate / Rename / Delete (versions kept for runs), undoable pattern switches,
variables kept per template, and a broken template said plainly."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QPlainTextEdit  # noqa: E402

from tests.desktop_helpers import open_window  # noqa: E402


@pytest.fixture
def window(fake_engine, qtbot):
    w = open_window(fake_engine, qtbot, "library")
    w.resize(1366, 768)
    qtbot.wait(50)
    yield w
    w.close()


def test_whole_names_show_and_the_editor_wraps(window):
    lib = window.library
    lib._fit_columns()
    fm = lib.list.fontMetrics()
    longest = max(lib.names(), key=fm.horizontalAdvance)
    assert lib.list.columnWidth(0) >= fm.horizontalAdvance(longest)
    assert lib.splitter.sizes()[0] >= lib.list.columnWidth(0)  # the list pane shows the name column whole
    assert lib.editor.text.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    assert lib.editor.text.width() >= lib.editor.side.width() - 24  # the YAML spans the editor


def test_new_rename_delete_keep_versions_for_runs(window, fake_engine):
    lib = window.library
    lib.new_template("mine")
    assert "mine" in lib.names() and lib.editor.template.name == "mine"
    lib.editor.text.setPlainText(lib.editor.text.toPlainText().replace("{{ question }}", "Q: {{ question }}"))
    lib.editor.parse()
    assert lib.save()
    ids = [v.id for v in lib.library.versions("mine")]
    assert len(ids) == 2
    lib.rename("ours")
    assert "ours" in lib.names() and "mine" not in lib.names()
    lib.delete(confirm=False)
    assert "ours" not in lib.names()
    names = fake_engine.store.template_names(ids)
    assert set(names) == set(ids)  # the old versions stay reachable in the run log
    lib.select("fact-check")
    lib.delete(confirm=False)
    assert "cannot be deleted" in lib.message.text() and "fact-check" in lib.names()


def test_pattern_switch_is_undoable_and_says_what_it_dropped(window, qtbot):
    lib = window.library
    lib.select("sentiment-few-shot")
    before = lib.editor.text.toPlainText()
    picker = lib.editor.picker
    picker.name.setCurrentIndex(picker.name.findData("zero-shot"))
    assert lib.editor.text.toPlainText() != before
    assert "removed" in lib.message.text() and "Ctrl+Z" in lib.message.text()
    lib.editor.text.undo()
    assert lib.editor.text.toPlainText() == before


def test_variables_are_kept_per_template(window):
    lib = window.library
    lib.select("fact-check")
    lib.editor.form.set_values({"statement": "Water is wet."})
    lib.select("fact-check-zh")
    values = lib.editor.form.values()
    assert "Water is wet." not in values.values()
    lib.select("fact-check")
    assert lib.editor.form.values().get("statement") == "Water is wet."


def test_broken_template_is_said_plainly(window):
    lib = window.library
    lib.new_template("breakme")
    lib.editor.text.setPlainText("name: breakme\nprompt: '{{ x '\n")
    lib.editor.parse()
    assert lib.editor.template is None and lib.editor.error.isVisibleTo(lib.editor)
    msg = lib.editor.error.text()
    assert msg and "\n" not in msg.strip() and "Traceback" not in msg
    assert not lib.run_button.isEnabled() and window.isVisible()


def test_guards_picked_in_the_window_run_and_show_beside_the_output(fake_engine, qtbot):
    from desktop.guard_picker import GuardPicker, check_catalogue
    from tests.fakes import FakeBackend

    fake_engine.pool.backend = FakeBackend(responder=lambda r: ["Write to jane.doe@example.com today."])
    w = open_window(fake_engine, qtbot, "library")
    lib = w.library
    lib.new_template("guarded")
    names = [n for n, _d, _o in check_catalogue()]
    assert "pii" in names and "length" in names  # the registry, with options
    picker = GuardPicker(None, lib)
    qtbot.addWidget(picker)
    picker.pick("pii", "output", "warn")
    picker.pick("length", "output", "warn", "max_chars: 5")
    policy = picker.policy()
    assert policy == {"output": [{"check": "length", "on_fail": "warn", "max_chars": 5},
                                 {"check": "pii", "on_fail": "warn"}]}
    picker.pick("length", "output", "warn", "colour: red")
    with pytest.raises(Exception, match="unknown option 'colour'"):
        picker.policy()
    lib.pick_guards(policy)
    assert "guards:" in lib.editor.text.toPlainText() and lib.editor.template.spec.guards == policy
    lib.editor.form.set_values({"question": "Who?"})
    with qtbot.waitSignal(w.wb.templateFinished, timeout=10_000):
        lib.run()
    qtbot.waitSignal(lib.checksShown, timeout=10_000).wait() if not lib.checks.rows else None
    qtbot.waitUntil(lambda: bool(lib.checks.rows), timeout=10_000)
    verdicts = dict(lib.checks.verdicts())
    assert verdicts["pii"] == "fail" and verdicts["length"] == "fail"
    assert lib.checks.table.isVisibleTo(lib.checks)
    # the span the pii check found is highlighted in the output shown beside the table
    assert lib.highlighted >= 1
    lib.editor.text.undo()
    assert "guards:" not in lib.editor.text.toPlainText()
    w.close()


def test_malformed_schema_is_said_plainly(fake_engine, qtbot):
    from tests.fakes import FakeBackend

    fake_engine.pool.backend = FakeBackend(responder=lambda r: ['{"a": 1}'])
    w = open_window(fake_engine, qtbot, "library")
    lib = w.library
    lib.new_template("schema-bad")
    lib.editor.text.setPlainText("name: schema-bad\nprompt: hi\nconstraint:\n  kind: json_schema\n"
                                 "  schema: {type: object, properties: {a: {type: 5}}}\n")
    lib.editor.parse()
    if lib.editor.template is None:  # refused while editing
        msg = lib.editor.error.text()
    else:
        lib.run()
        qtbot.waitUntil(lambda: not lib.running, timeout=10_000)
        msg = lib.message.text()
    assert msg and "schema" in msg.lower() and "\n" not in msg and "Traceback" not in msg
    assert w.isVisible() and not w.wb.busy
    w.close()
