"""Engine messages in zh_CN after a live language switch: every marked template has a
translation with the same placeholders, and the window shows a translated engine error
(the constraint picker, the Run gate), a translated check message (checks table and the
answer's bubble) and a translated statistics verdict, the values carried over."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.engine_i18n import FIELD, translate_message  # noqa: E402
from desktop.engine_strings import ENGINE_STRINGS  # noqa: E402
from desktop.i18n import TS_FILE  # noqa: E402
from desktop.live_switch import WindowHost  # noqa: E402
from tests.desktop_helpers import WAIT  # noqa: E402
from tests.fakes import FakeBackend  # noqa: E402


@pytest.fixture
def host(fake_engine, qtbot):
    h = WindowHost(QApplication.instance(), fake_engine, lang="en")
    h.window.show()
    qtbot.waitUntil(lambda: bool(h.window.wb.models), timeout=WAIT)
    yield h
    h.switch_language("en") if h.language != "en" else None
    h.window.close()


def test_every_marked_engine_message_has_a_chinese_translation_with_its_fields():
    tree = ET.parse(TS_FILE)
    engine = next(c for c in tree.iter("context") if c.findtext("name") == "engine")
    done = {m.findtext("source"): m.find("translation") for m in engine.iter("message")}
    missing = [s for s in ENGINE_STRINGS if s not in done or done[s].get("type") == "unfinished"
               or not (done[s].text or "").strip()]
    assert not missing, missing[:5]
    for s in ENGINE_STRINGS:
        fields = {m.group(1) for m in FIELD.finditer(s)}
        shown = {m.group(1) for m in FIELD.finditer(done[s].text)}
        assert shown <= fields, (s, done[s].text)  # never a value the message does not have
        words = re.findall(r"[A-Za-z]{3,}", FIELD.sub("", s))
        assert done[s].text != s and (len(words) < 2 or re.search(r"[\u4e00-\u9fff]", done[s].text)), s


def test_live_switch_shows_translated_engine_errors_and_check_messages(host, qtbot, fake_engine):
    w = host.switch_language("zh_CN")
    qtbot.waitUntil(lambda: bool(w.wb.models), timeout=WAIT)
    pg = w.playground
    assert pg.guards_button.text() == "护栏…" and pg.guards_label.text() == "无护栏"
    # an engine error: the constraint picker's, and the Run gate's reason
    pg.prompt.setPlainText("hello")
    w.constraint.set_constraint("regex", "[a-")
    qtbot.waitUntil(lambda: "无效的正则 '[a-'" in pg.reason_text, timeout=60_000)  # the first build imports guidance
    assert pg.reason.text().startswith("约束：无效的正则 '[a-'：")
    w.constraint.set_constraint(None)
    qtbot.waitUntil(lambda: pg.can_run, timeout=WAIT)
    w.constraint.set_constraint("json_schema", '{"type": ')
    qtbot.waitUntil(lambda: "JSON Schema 不是有效的 JSON：" in pg.reason_text, timeout=WAIT)
    w.constraint.set_constraint(None)
    qtbot.waitUntil(lambda: pg.can_run, timeout=WAIT)
    # a preset named as zh_CN shows a built-in one is refused, in Chinese
    assert not w.params.save_preset("均衡") and w.last_error[1] == "“均衡”是内置预设，请换一个名称。"
    # check messages: in the checks table and on the answer's bubble
    fake_engine.pool.backend = FakeBackend(responder=lambda r: ['{"city": "Paris"}'])
    pg.set_guards({"output": [{"check": "json", "on_fail": "warn"}, {"check": "length", "max_chars": 5,
                                                                      "on_fail": "warn"}]})
    with qtbot.waitSignal(w.wb.runFinished, timeout=WAIT):
        pg.run()
    messages = [pg.checks.table.item(r, 4).text() for r in range(pg.checks.table.rowCount())]
    assert "有效的 JSON" in messages and "17 个字符，超过上限 5" in messages
    assert "17 个字符，超过上限 5" in pg.thread.bubbles[-1].checks.text()
    # a statistics verdict, composed of two marked templates, the values kept
    verdict = "no detectable difference (n=12; about 40 rows would detect a 20-point difference)"
    assert translate_message(verdict) == "没有可检测到的差异（n=12；大约 40 行可以检测到 20 个百分点的差异）"
    assert translate_message("A better") == "A 更好"
    # a template that ends a message inside brackets leaves the closing bracket to the outer one
    inner = "no detectable difference (n=12; about 276 rows would detect a difference of 0.1 in mean score)"
    assert translate_message(inner) == "没有可检测到的差异（n=12；大约 276 行可以检测到 平均分上 0.1 的差异）"
    # the metric names and the difference column are translated too
    assert translate_message("+12 points (-3 to +27)") == "+12 个百分点（-3 至 +27）"
    assert translate_message("+0.12 (-0.03 to +0.27)") == "+0.12（-0.03 至 +0.27）"
    assert translate_message("24 runs that did not end ok are left out of the statistics.") == "24 次未正常结束的运行未计入统计。"
    # a file's place, then PyYAML's own English: the "found" inside it is not the check's "found {what}"
    assert translate_message("bad.yaml line 4, column 2: expected <block end>, but found '<block mapping start>'") \
        == "bad.yaml 第 4 行第 2 列：expected <block end>, but found '<block mapping start>'"
    # a field's text that is itself a marked message is translated too
    assert translate_message("run 01ABC was constrained, and the constraint does not allow '\\n' at output token 7") \
        == "运行 01ABC 带有约束，且约束不允许在第 7 个输出词元处出现 '\\n'"
    # a PII check counts its finds by name, one and many, each part translated; "1 secret"
    # is not the start of "2 secrets"
    assert translate_message("found 2 email addresses, 1 phone number, 3 secrets") \
        == "发现 2 个电子邮件地址, 1 个电话号码, 3 个密钥或凭据"
    assert translate_message("redacted 1 IP address") == "已遮蔽 1 个 IP 地址"
    # a verdict whose interval and test read differently says so, in both parts
    caveat = ("no detectable difference (n=41; about 90 rows would detect a 20-point difference); "
              "the interval leaves out 0, but the test does not reject (p=0.0625, alpha 0.05)")
    assert translate_message(caveat) == ("没有可检测到的差异（n=41；大约 90 行可以检测到 20 个百分点的差异）"
                                         "；区间不含 0，但检验未拒绝（p=0.0625，显著性水平 0.05）")
    # a template without fields keeps the same word rules: "valid JSON" is not inside "not valid JSON"
    assert translate_message("valid JSON") == "有效的 JSON"
    assert translate_message("the file is not valid JSON") == "the file is not valid JSON"
