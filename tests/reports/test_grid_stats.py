"""Statistics on stored runs (fake backend, a real SQLite log): the grid's intervals and
paired tests, the baseline's paired test, the agreement's kappa, the reports and the
`stats` command, each checked against scipy/statsmodels called here on the same data."""

from __future__ import annotations

import csv
import io
import json

import pytest
from scipy import stats as sps

from cli.app import run_cli
from common.errors import BackendError
from experiments import runner
from reports.baseline import compare_to_baseline
from reports.export import build_report, export, render_csv, render_html, render_markdown
from reports.grid import load_grid
from reports.grid_stats import cell_pass_interval, grid_cells, grid_statistics
from reports.statistics import NOT_ENOUGH_PAIRED, Settings
from reports.summary import summarize
from tests.experiments.test_batch import ANSWERS, TEMPLATE, load
from tests.fakes import FakeBackend

QUESTIONS = [f"Question {i}?" for i in range(12)]
# the "short" template answers right on rows 0-9, the "long" one on rows 0-3 only
EXPERIMENT = """\
name: two templates
templates: [short.yaml, long.yaml]
rows:
{rows}
models: [smollm2-135m-instruct]
params:
  greedy: {{temperature: 0, max_tokens: 8, seed: 5}}
repeats: {repeats}
assertions:
  - {{kind: equals, ignore_case: true}}
"""


def responder(request):
    text = request.messages[-1].content if request.messages else request.prompt
    long = text.startswith("Long:")
    q = text.split(": ", 1)[1]
    if q in ANSWERS:
        return [ANSWERS[q]]
    i = QUESTIONS.index(q)
    right = i < (4 if long else 10)
    return [f"answer {i}" if right else "wrong"]


def write_experiment(tmp_path, repeats: int = 1, name: str = "exp.yaml"):
    (tmp_path / "short.yaml").write_text(TEMPLATE.replace("name: qa", "name: short").replace('"Q: ', '"Short: '),
                                         encoding="utf-8")
    (tmp_path / "long.yaml").write_text(TEMPLATE.replace("name: qa", "name: long").replace('"Q: ', '"Long: '),
                                        encoding="utf-8")
    rows = "\n".join(f'  - {{vars: {{question: "{q}"}}, expected: "answer {i}"}}' for i, q in enumerate(QUESTIONS))
    p = tmp_path / name
    p.write_text(EXPERIMENT.format(rows=rows, repeats=repeats), encoding="utf-8")
    return p


@pytest.fixture
def engine(fake_engine):
    fake_engine.pool.backend = FakeBackend(responder=responder)
    return fake_engine


def run(engine, path, baseline_id=None):
    exp = load(engine, path)
    eid = runner.create_experiment(engine.store, exp, baseline_id=baseline_id)
    runner.run_batch(engine.pipeline, exp, eid)
    return eid


def test_grid_statistics_match_scipy_on_the_stored_verdicts(engine, tmp_path):
    eid = run(engine, write_experiment(tmp_path))
    grid = load_grid(engine.store, [eid])
    stats = grid_statistics(grid, Settings(n_resamples=500))
    short, long = grid.columns
    assert (short.label, long.label) == ("short", "long")
    cells = grid_cells(grid)
    assert set(cells["short"]) >= {"pass", "score", "length"}
    # per variant: Wilson of 10/12 and 4/12, as scipy computes it
    for col, k in ((short, 10), (long, 4)):
        est = stats.estimate(col.key, "pass")
        ci = sps.binomtest(k, 12).proportion_ci(method="wilson")
        assert est.estimate == pytest.approx(k / 12) and (est.low, est.high) == pytest.approx((ci.low, ci.high))
    # between them: 6 rows only "short" passed, none only "long": exact McNemar p = 2 * 0.5^6
    [c] = stats.comparisons("pass")
    assert (c.a, c.b, c.n, c.a_only, c.b_only) == ("short", "long", 12, 6, 0)
    assert c.p_value == pytest.approx(sps.binomtest(0, 6, 0.5).pvalue) == pytest.approx(2 / 64)
    assert c.verdict == "short better" and c.correction is None
    # the summaries carry the same estimates
    s = summarize(grid, stats)
    assert s[0].intervals["pass"] is stats.estimate(short.key, "pass")


def test_repeats_are_nested_in_rows(engine, tmp_path):
    eid = run(engine, write_experiment(tmp_path, repeats=3))
    grid = load_grid(engine.store, [eid])
    stats = grid_statistics(grid, Settings(n_resamples=200))
    est = stats.estimate(grid.columns[0].key, "pass")
    assert (est.n, est.runs) == (12, 36) and "effective sample size 12.0" in est.method
    # the three repeats agree (greedy fake): the interval is the one-run-per-row interval
    ci = sps.binomtest(10, 12).proportion_ci(method="wilson")
    assert (est.low, est.high) == pytest.approx((ci.low, ci.high))
    [c] = stats.comparisons("pass")
    assert c.n == 12 and c.a_only == 6 and "exact McNemar" in c.test
    cell = grid.rows[0].cells[grid.columns[0].key]
    ci = cell_pass_interval(cell)
    assert ci.estimate == 1.0 and ci.n == 3 and ci.low == pytest.approx(sps.binomtest(3, 3).proportion_ci(
        method="wilson").low)
    md = render_markdown(build_report(engine.store, [eid]))
    assert "✅ answer 0 (pass 100% (44–100%), 3/3 agree)" in md  # a cell's repeats: its own Wilson interval


def test_baseline_paired_test_regressions_and_improvements(engine, tmp_path):
    base = run(engine, write_experiment(tmp_path))
    # now the long template answers right on rows 0-9 too, and row 0 of "short" breaks
    def better(request):
        text = request.messages[-1].content
        q = text.split(": ", 1)[1]
        i = QUESTIONS.index(q)
        return ["wrong" if (i == 0 and text.startswith("Short:")) else (f"answer {i}" if i < 10 else "wrong")]
    engine.pool.backend = FakeBackend(responder=better)
    eid = run(engine, tmp_path / "exp.yaml", baseline_id=base)
    b = compare_to_baseline(engine.store, eid, base, Settings(n_resamples=200))
    assert [(ch.row_index, ch.column_label) for ch in b.regressions()] == [(0, "short")]
    assert sorted(ch.row_index for ch in b.improvements()) == [4, 5, 6, 7, 8, 9]
    short, long = b.tests
    assert (short.a, short.b) == ("short", "short (baseline)") and short.correction.startswith("Holm")
    assert long.a_only == 6 and long.b_only == 0
    assert long.p_value == pytest.approx(2 / 64) and long.p_adjusted == pytest.approx(min(1, 2 * 2 / 64))
    # overall: 24 matched cells, 6 improved, 1 regressed
    o = b.overall
    assert (o.n, o.a_only, o.b_only) == (24, 6, 1)
    assert o.p_value == pytest.approx(sps.binomtest(1, 7, 0.5).pvalue)
    assert b.verdict.startswith("no detectable difference (n=24;") and not b.significant
    md = render_markdown(build_report(engine.store, [eid]))
    assert "Paired test over 24 matched cells" in md and "| short | 12 |" in md


def test_reports_carry_intervals_and_verdicts(engine, tmp_path):
    eid = run(engine, write_experiment(tmp_path))
    report = build_report(engine.store, [eid])
    c = report.statistics.comparisons("pass")[0]
    md = render_markdown(report)
    assert "| short | 12 | 83% (55–95%) |" in md
    assert "| pass rate | short | long | 12 | 83% | 33% | +50 points (" in md and "| short better |" in md
    html = render_html(report)
    assert 'id="comparisons"' in html and '<g class="interval"' in html and "95% CI 55–95%" in html
    assert '<td class="verdict">short better</td>' in html
    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    assert {r["variant_pass_rate_low"] for r in rows if r["column"] == "short"} == {str(round(
        report.statistics.estimate(report.grid.columns[0].key, "pass").low, 6))}
    data = json.loads(export(engine.store, [eid], "json", None)[0])
    assert data["statistics"]["comparisons"]["pass"][0]["p_value"] == pytest.approx(c.p_value)
    assert data["statistics"]["settings"] == {"confidence": 0.95, "seed": 0, "n_resamples": 2000, "bootstrap": "BCa",
                                              "detect": 0.1, "power": 0.8}
    summary = data["summaries"][0]["intervals"]["pass"]
    assert summary["method"].startswith("Wilson") and summary["n"] == 12


def test_stats_command_text_and_json(engine, tmp_path, capsys):
    eid = run(engine, write_experiment(tmp_path))
    engine.store.close()
    home = str(engine.home)
    assert run_cli(["--home", home, "stats", eid, "--json", "--resamples", "300", "--seed", "4"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["settings"]["seed"] == 4 and data["settings"]["n_resamples"] == 300
    assert [v["label"] for v in data["variants"]] == ["short", "long"]
    [c] = data["comparisons"]["pass"]
    assert c["verdict"] == "short better" and c["p_value"] == pytest.approx(2 / 64)
    assert data["variants"][0]["estimates"]["pass"]["estimate"] == pytest.approx(10 / 12)
    assert run_cli(["--home", home, "stats", eid]) == 0
    out = capsys.readouterr().out
    assert "short better" in out and "83% (55–95%)" in out and "exact McNemar" in out
    assert run_cli(["--home", home, "stats", eid, "--resamples", "5"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: bootstrap resamples must be a whole number from 100 to 100000, not 5"]
    assert run_cli(["--home", home, "stats", "01NOSUCH"]) == 1
    assert capsys.readouterr().err.startswith("error: no experiment or run with id '01NOSUCH'")


def test_degenerate_grids_say_so(engine, tmp_path):
    # one variant whose every run fails: no judged runs, no verdict, no NaN anywhere
    def down(request):
        raise BackendError("the fake model is down")
    engine.pool.backend = FakeBackend(responder=down)
    eid = run(engine, write_experiment(tmp_path))
    grid = load_grid(engine.store, [eid])
    stats = grid_statistics(grid, Settings(n_resamples=200))
    est = stats.estimate(grid.columns[0].key, "pass")
    assert est.statement == "no judged runs (only errors, or no assertions)" and est.estimate is None
    [c] = stats.comparisons("pass")
    assert c.verdict == f"{NOT_ENOUGH_PAIRED}: short and long have no judged runs (only errors, or nothing recorded)"
    assert "24 runs that did not end ok are left out of the statistics." in stats.notes()
    json.dumps(stats.to_dict(), allow_nan=False)
    md = render_markdown(build_report(engine.store, [eid]))
    assert "nan" not in md.lower().replace("nano", "")


def test_batch_command_summary_has_intervals_and_verdicts(tmp_path, capsys, monkeypatch):
    from runs.engine import Engine
    from tests.fakes import FakePool

    pool = FakePool(FakeBackend(responder=responder))
    real_open = Engine.open
    monkeypatch.setattr(Engine, "open", lambda home=None, **kw: real_open(home, pool=pool, search_dirs=[]))
    home = tmp_path / "home"
    home.mkdir()
    path = write_experiment(tmp_path)
    assert run_cli(["--home", str(home), "batch", str(path)]) == 0
    text = capsys.readouterr().out
    assert "55–95%" in text and "short vs long: short better (+50 points (" in text
    assert run_cli(["--home", str(home), "batch", str(path), "--new", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["statistics"]["comparisons"]["pass"][0]["verdict"] == "short better"


def test_every_variant_metric_has_its_interval_in_the_reports(engine, tmp_path):
    eid = run(engine, write_experiment(tmp_path))
    report = build_report(engine.store, [eid])
    md = render_markdown(report)
    assert "## 95% intervals per variant" in md
    assert "| variant | pass rate | mean score | output tokens |" in md
    assert "| short | 83% (55–95%) | 0.83 (" in md
    html = render_html(report)
    assert 'id="intervals"' in html and '<td class="num ci">83% (55–95%)</td>' in html
