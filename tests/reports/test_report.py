"""Exports of stored runs: HTML (self-contained, escaped), Markdown, CSV, JSON; bad ids and folders."""

from __future__ import annotations

import csv
import io
import json
import os
import re

import pytest

from experiments import runner
from reports.grid import CompareError
from reports.export import (
    ExportError,
    bar_chart,
    build_report,
    export,
    render_csv,
    render_html,
    render_json,
    render_markdown,
)
from tests.fakes import FakeBackend
from tests.experiments.test_batch import BASIC, load, write

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
    eid = runner.create_experiment(fake_engine.store, exp)
    runner.run_batch(fake_engine.pipeline, exp, eid)
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
    assert "| qa · greedy | 3 | 0% (0–56%) |" in md  # Wilson interval of 0/3
    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    assert len(rows) == 6 and rows[0]["answer"] == XSS[0] and rows[0]["passed"] == "False"
    assert any(r["answer"].startswith("'=HYPERLINK") for r in rows)  # no formula injection
    data = json.loads(export(fake_engine.store, [exp_id], "json", None)[0])
    assert data["experiments"][0]["id"] == exp_id and len(data["rows"]) == 3
    assert data["summaries"][0]["pass_rate"] == 0.0
    first = data["rows"][0]["cells"][data["columns"][0]["key"]][0]
    assert first["output"] == XSS[0] and first["passed"] is False


def test_markdown_keeps_long_inputs_and_says_when_a_cell_is_cut(fake_engine, tmp_path):
    from reports.export import MD_CELL

    question = "Which of these is the longest river: " + ", ".join(f"river {i}" for i in range(30)) + "?"
    assert 60 < len(question) < MD_CELL
    fake_engine.pool.backend = FakeBackend(responder=lambda r: ["x" * (MD_CELL + 50)])
    body = BASIC.replace('"Colour of the sky?"', f'"{question}"')
    exp = load(fake_engine, write(tmp_path, body))
    eid = runner.create_experiment(fake_engine.store, exp)
    runner.run_batch(fake_engine.pipeline, exp, eid)
    md = render_markdown(build_report(fake_engine.store, [eid]))
    assert f"| 3 | {question} | green |" in md  # a 200-character input is whole
    assert "x" * (MD_CELL - 1) + "…" in md and "x" * MD_CELL not in md
    assert "6 grid cells were cut at 400 characters; the JSON and CSV exports hold the whole text." in md


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


# --- agreement between models ------------------------------------------------------------
@pytest.fixture
def two_models(fake_engine, tmp_path):
    from tests.agreement_data import make_experiment

    return make_experiment(fake_engine, tmp_path)


def test_html_agreement_section(fake_engine, two_models):
    from tests.agreement_data import F16, Q4

    html = render_html(build_report(fake_engine.store, [two_models]))
    assert 'id="agreement-title">Agreement between models</h2>' in html
    section = html[html.index('id="agreement"'):html.index("<h2>Grid</h2>")]
    row = re.search(r'<tr data-model="([^"]+)">(.*?)</tr>', section, re.S)
    assert row.group(1) == F16 and f"<strong>{Q4}</strong>" in html
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(2), re.S)]
    # agreement 2/3 with its Wilson interval; kappa over (4, 4), (paris, paris), (blue, green):
    # po = 2/3, pe = 2/9, kappa = (2/3 - 2/9) / (1 - 2/9) = 4/7
    assert cells == [F16, "llama.cpp → transformers", "3 of 5", "67% (2/3)95% CI 21–94%", "33%",
                     "0.57 (0.08 to 1.00)", "0.56", "word 2.5", "75% → 50%", "101.5 → 41.0", "0.40×", "20 → 50",
                     "106 → 538", "160 → 700"]
    assert f'agreement-note">1 cell left out of the agreement: a run did not end ok (1 on {F16})' in section
    assert f"1 cell only {Q4} has" in section
    assert "3 pairs that differ" in section
    assert re.findall(r'<tr class="kind-(\w+)" data-row="(\d)">', section) == [("output", "1"), ("answer", "2"),
                                                                             ("error", "3")]
    # model text is escaped, in the answers and in the word diff of the outputs
    assert "&lt;b&gt;green&lt;/b&gt;" in section and "<b>green" not in html
    assert "<pre><del>blue</del><ins>&lt;b&gt;green&lt;/b&gt;</ins></pre>" in section
    assert "<pre>Paris is the capital<ins> city</ins>.</pre>" in section
    assert not re.search(r"<(script|img|b|i)[\s>]", html, re.I)


def test_markdown_json_and_csv_carry_the_agreement(fake_engine, two_models):
    from tests.agreement_data import F16, Q4

    report = build_report(fake_engine.store, [two_models])
    md = render_markdown(report)
    assert "## Agreement between models" in md
    esc = lambda s: s.replace("_", "\\_")  # noqa: E731
    assert (f"| {esc(F16)} | llama.cpp → transformers | 3 | 67% (21–94%) | 0.57 (0.08 to 1.00) | 33% | 0.56 | "
            f"word 2.5 | 75% → 50% | 101.5 → 41.0 | 0.40× | 20 → 50 | 106 → 538 | 160 → 700 |") in md
    assert f"### Rows that differ: {esc(F16)} against {esc(Q4)}" in md
    assert "| 3. Colour of the sky? | qa | 1 | other answer | blue | &lt;b&gt;green&lt;/b&gt; | 0.00 | 1 |" in md
    assert "| 4. Boom? | qa | 1 | a run failed | x | CUDA out of memory | – | – |" in md
    assert f"- 1 cell left out of the agreement: a run did not end ok (1 on {esc(F16)})" in md

    data = json.loads(render_json(report))
    ag = data["agreement"]
    assert ag["reference"] == Q4 and ag["models"] == [Q4, F16]
    [m] = ag["comparisons"]
    assert (m["pairs"], m["matched"], m["excluded"], m["errors_other"], m["unmatched_reference"]) == (3, 4, 1, 1, 1)
    assert m["answer_agreement"] == pytest.approx(2 / 3) and m["identical"] is False
    assert m["other"]["backend"] == "transformers" and m["other"]["weights_mb"] == 538.0
    assert m["reference"]["decode_tps_median"] == 101.5 and "cells" not in m
    assert [(d["row_index"], d["kind"]) for d in m["differences"]] == [(1, "output"), (2, "answer"), (3, "error")]
    assert m["notes"][0].startswith("1 cell left out")

    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    assert len(rows) == 9
    by = {(r["model"], r["row"]): r for r in rows}
    assert by[(Q4, "0")]["backend"] == "llama.cpp" and by[(F16, "0")]["backend"] == "transformers"
    assert {r["reference_model"] for r in rows} == {Q4}
    assert [by[(F16, str(i))]["agrees_with_reference"] for i in range(4)] == ["True", "True", "False", ""]
    assert by[(F16, "1")]["similarity_to_reference"] == "0.6667" and by[(F16, "1")]["first_difference_word"] == "4"
    assert by[(F16, "0")]["first_difference_word"] == ""
    assert all(by[(Q4, str(i))]["agrees_with_reference"] == "" for i in range(5))  # the reference itself


def test_agreement_csv_table_and_a_named_reference(fake_engine, two_models, tmp_path):
    from reports.export import AGREEMENT_CSV_FIELDS
    from tests.agreement_data import F16, Q4

    text, path = export(fake_engine.store, [two_models], None, tmp_path / "agreement.csv", agreement_only=True)
    [row] = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert list(row) == list(AGREEMENT_CSV_FIELDS) and path.read_text(encoding="utf-8") == text
    assert (row["reference_model"], row["model"], row["backend"], row["pairs"]) == (Q4, F16, "transformers", "3")
    assert float(row["answer_agreement"]) == pytest.approx(2 / 3) and row["rows_differing"] == "3"
    assert (row["weights_mb_reference"], row["load_rss_mb_model"]) == ("105.5", "700.5")
    flipped = export(fake_engine.store, [two_models], "csv", None, agreement_only=True, reference=F16)[0]
    [row] = list(csv.DictReader(io.StringIO(flipped)))
    assert (row["reference_model"], row["model"], row["unmatched_model"]) == (F16, Q4, "1")
    with pytest.raises(ExportError, match="the agreement table is written as CSV, not html"):
        export(fake_engine.store, [two_models], "html", tmp_path / "a.html", agreement_only=True)
    with pytest.raises(CompareError, match="no model 'q8' in this comparison"):
        export(fake_engine.store, [two_models], "md", None, reference="q8")
    assert not (tmp_path / "a.html").exists()


def test_one_model_has_no_agreement_section(fake_engine, exp_id, tmp_path):
    report = build_report(fake_engine.store, [exp_id])
    assert report.agreement is None
    assert "Agreement between models" not in render_html(report)
    assert "Agreement between models" not in render_markdown(report)
    assert json.loads(render_json(report))["agreement"] is None
    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    assert {r["reference_model"] for r in rows} == {""} and {r["agrees_with_reference"] for r in rows} == {""}
    with pytest.raises(ExportError, match="fewer than two models"):
        export(fake_engine.store, [exp_id], "csv", tmp_path / "a.csv", agreement_only=True)
    assert not (tmp_path / "a.csv").exists()


def test_cli_export_agreement(fake_engine, two_models, tmp_path, capsys):
    from cli.app import run_cli
    from tests.agreement_data import F16

    home = str(fake_engine.home)
    fake_engine.store.close()
    assert run_cli(["--home", home, "export", two_models, "--agreement"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("reference_model,reference_backend,model,") and f",{F16},transformers," in out
    assert run_cli(["--home", home, "export", two_models, "--format", "md", "--reference", F16]) == 0
    assert f"the reference {F16.replace('_', chr(92) + '_')} on the same cells" in capsys.readouterr().out
