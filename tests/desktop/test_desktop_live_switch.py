"""Language and theme switch live from the View menu; engine messages are marked in the
engine (no Qt there) and translated in the window by their templates, values kept."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.engine_i18n import marked_strings, translate_message  # noqa: E402
from desktop.engine_strings import ENGINE_STRINGS  # noqa: E402
from desktop.live_switch import WindowHost  # noqa: E402
from desktop.theme import current_scheme  # noqa: E402
from tests.desktop_helpers import WAIT  # noqa: E402


@pytest.fixture
def host(fake_engine, qtbot):
    app = QApplication.instance()
    h = WindowHost(app, fake_engine, lang="en")
    h.window.show()
    qtbot.waitUntil(lambda: bool(h.window.wb.models), timeout=WAIT)
    yield h
    h.switch_language("en") if h.language != "en" else None
    h.window.close()


def test_live_language_switch_translates_an_engine_error(host, qtbot, tmp_path):
    old = host.window
    old.show_view("models")
    new = host.switch_language("zh_CN")
    assert new is not old and host.window is new and new.current_view() == "models"
    assert new.view("models").remove_button.text() == "移除"  # the widgets are built in Chinese
    assert host.engine.settings.language == "zh_CN"
    qtbot.waitUntil(lambda: bool(new.wb.models), timeout=WAIT)
    bad = tmp_path / "notes.gguf"
    bad.write_text("not a model", encoding="utf-8")
    with qtbot.waitSignal(new.errorShown, timeout=WAIT) as sig:
        new.view("models").add_path(str(bad))
    assert sig.args[0] == "无法添加模型"
    assert sig.args[1] == "notes.gguf 不是 GGUF 模型文件（只有 11 字节）"  # the value carried over
    back = host.switch_language("en")
    assert back.view("models").remove_button.text() == "Remove"


def test_composed_messages_translate_part_by_part(host, qtbot):
    host.switch_language("zh_CN")
    msg = "exp.yaml: dataset: unknown column 'answer' in data.csv; it has q, label"
    assert translate_message(msg) == "exp.yaml：数据集：data.csv 中没有 'answer' 列；它有 q, label"
    assert translate_message("unknown model 'x'; `python main.py models` lists the known ones") == \
        "未知模型 'x'；`python main.py models` 可列出已知模型"
    assert translate_message("nothing marked here") == "nothing marked here"


def test_theme_switches_live(host):
    menus = host.window.menus
    menus.themes["dark"].trigger()
    assert current_scheme(QApplication.instance()) == "dark" and host.engine.settings.theme == "dark"
    menus.themes["light"].trigger()
    assert current_scheme(QApplication.instance()) == "light"
    menus.themes["system"].trigger()
    assert host.engine.settings.theme is None


def test_engine_marks_are_extracted_and_the_engine_needs_no_qt():
    assert set(marked_strings()) == set(ENGINE_STRINGS)  # desktop/engine_strings.py is up to date
    code = ("import sys; sys.modules['PySide6'] = None; "
            "import common.i18n, backends.registry, backends.gguf_meta, experiments.loading, prompt_library.library")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-800:]


def test_check_messages_are_translated_in_the_checks_table(host, qtbot):
    from desktop.checks_view import ChecksPanel

    host.switch_language("zh_CN")
    panel = ChecksPanel()
    qtbot.addWidget(panel)
    panel.show_checks([{"stage": "output", "name": "length", "verdict": "fail", "score": None,
                        "message": "40 characters > max 5", "ms": 0.1}], None, None)
    assert panel.table.item(0, 4).text() == "40 个字符，超过上限 5"
