"""Exports of stored runs: HTML (self-contained, escaped), Markdown, CSV, JSON; bad ids and folders."""

from __future__ import annotations

import csv
import io
import json
import os
import re

import pytest

from runs import batch
from runs.compare import CompareError
from runs.report import ExportError, bar_chart, build_report, export, render_csv, render_html, render_markdown
from tests.fakes import FakeBackend
from tests.test_batch import BASIC, answer, load, write

XSS = ['<script>document.title="PWNED"</script>', '<img src=x onerror="document.body.dataset.pwned=1">',
       "=HYPERLINK(\"http://evil\")", "a|b *c* _d_"]


def hostile(request):
    q = request.messages[-1].content
    if "2+2" in q:
        return [XSS[0]]
    if "France" in q:
        return [XSS[1]]
    return [XSS[2], " ", XSS[3]]


@pytest.fixture
def exp_id(fake_engine, tmp_path):
    fake_engine.pool.backend = FakeBackend(responder=hostile)
    body = BASIC.replace('"Colour of the sky?"', '"Colour of the sky? <b onmouseover=alert(1)>"')
    exp = load(fake_engine, write(tmp_path, body.replace("name: basic", 'name: "<i>basic</i>"')))
    eid = batch.create_experiment(fake_engine.store, exp)
    batch.run_batch(fake_engine.pipeline, exp, eid)
    return eid


def test_html_is_self_contained_and_escapes_everything(fake_engine, exp_id, tmp_path):
    text, path = export(fake_engine.store, [exp_id], "html", tmp_path / "r.html")
    assert path.read_text(encoding="utf-8") == text
    assert not re.search(r"<(script|img|b|i)[\s>]", text, re.I)  # no tag from model or user text survives
    assert not re.search(r"<[^>]*\son(error|mouseover)=", text)
    assert "&lt;script&gt;" in text and "&lt;i&gt;basic&lt;/i&gt;" in text
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", text)  # no external assets
    assert "<svg" in text and "Content-Security-Policy" in text
    assert text.count('class="badge fail"') == 6  # every answer fails its assertion


def test_markdown_csv_json(fake_engine, exp_id):
    report = build_report(fake_engine.store, [exp_id])
    md = render_markdown(report)
    assert "&lt;script&gt;" in md and "<script" not in md and "a\\|b \\*c\\* \\_d\\_" in md
    assert "| qa · greedy | 3 | 0% |" in md
    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    assert len(rows) == 6 and rows[0]["answer"] == XSS[0] and rows[0]["passed"] == "False"
    assert any(r["answer"].startswith("'=HYPERLINK") for r in rows)  # no formula injection
    data = json.loads(export(fake_engine.store, [exp_id], "json", None)[0])
    assert data["experiments"][0]["id"] == exp_id and len(data["rows"]) == 3
    assert data["summaries"][0]["pass_rate"] == 0.0
    first = data["rows"][0]["cells"][data["columns"][0]["key"]][0]
    assert first["output"] == XSS[0] and first["passed"] is False


def test_export_of_loose_runs_includes_a_side_by_side(fake_engine):
    from runs.spec import RunSpec

    ids = []
    for chunks in (["one <b>two</b>"], ["one three"]):
        fake_engine.pool.backend = FakeBackend(chunks)
        ids.append(fake_engine.pipeline.run(RunSpec(prompt="count")).run_id)
    html = render_html(build_report(fake_engine.store, ids))
    assert 'id="side-by-side"' in html
    assert "<del>&lt;</del>" in html or "<del>&lt;b&gt;two&lt;/b&gt;</del>" in html or "&lt;b&gt;" in html
    assert "<ins>three</ins>" in html


def test_bar_chart_escapes_labels():
    svg = str(bar_chart("<x>", [("<script>", 1.0, "1"), ("b", None, "–")]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and svg.startswith("<svg")


def test_export_errors_are_one_line_and_write_nothing(fake_engine, exp_id, tmp_path):
    with pytest.raises(CompareError, match="no experiment or run with id '01NOSUCH'"):
        export(fake_engine.store, ["01NOSUCH"], "html", tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(ExportError, match="does not exist"):
        export(fake_engine.store, [exp_id], "html", tmp_path / "nope" / "x.html")
    with pytest.raises(ExportError, match="cannot tell the format"):
        export(fake_engine.store, [exp_id], None, tmp_path / "x.txt")
    with pytest.raises(ExportError, match="is a folder"):
        export(fake_engine.store, [exp_id], "md", tmp_path)
    if os.geteuid() == 0:  # root writes through permission bits; /proc refuses new files
        target = "/proc/pw-report.html"
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        target = str(locked / "r.html")
    with pytest.raises(ExportError, match="not writable|cannot write") as err:
        export(fake_engine.store, [exp_id], "html", target)
    assert "\n" not in str(err.value)


def test_cli_export(fake_engine, exp_id, tmp_path, capsys):
    from cli.app import run_cli

    home = str(fake_engine.home)
    fake_engine.store.close()
    out = tmp_path / "r.md"
    assert run_cli(["--home", home, "export", exp_id[:10], "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# &lt;i&gt;basic&lt;/i&gt;")
    assert run_cli(["--home", home, "export", exp_id, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("experiment_id,row,")
    assert run_cli(["--home", home, "export", "01NOSUCH", "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: no experiment or run with id '01NOSUCH' in {fake_engine.home / 'runs.db'}"]
