"""End to end with the bundled model: two templates over the built-in true/false
statements (6 rows), run as a real batch; the exported JSON's per-row pass/fail,
recomputed here with scipy, gives the p-value and intervals the reports and the
`stats` command show."""

from __future__ import annotations

import json
import math

import pytest
from scipy import stats as sps

from cli.app import run_cli
from experiments import runner
from reports.export import build_report, export, render_markdown
from reports.stats_text import p_text
from tests.experiments.test_batch import load

pytestmark = pytest.mark.real


TERSE = """\
name: terse
mode: chat
variables:
  - name: statement
prompt: "True or false: {{ statement }} Answer with one word."
"""
CHATTY = """\
name: chatty
mode: chat
variables:
  - name: statement
system: "You are a careful fact checker."
prompt: "Is this statement true? {{ statement }}"
"""
EXPERIMENT = """\
name: terse vs chatty
templates: [terse.yaml, chatty.yaml]
dataset: {path: builtin:true_false_statements.csv, limit: 6, expected: label}
models: [smollm2-135m-instruct]
params:
  greedy: {temperature: 0, max_tokens: 6, seed: 1}
load: {n_ctx: 512}
assertions:
  - {kind: contains, ignore_case: true}
"""


def test_real_batch_statistics_recompute_with_scipy(real_engine, tmp_path, capsys):
    for name, body in (("terse.yaml", TERSE), ("chatty.yaml", CHATTY), ("exp.yaml", EXPERIMENT)):
        (tmp_path / name).write_text(body, encoding="utf-8")
    exp = load(real_engine, tmp_path / "exp.yaml")
    eid = runner.create_experiment(real_engine.store, exp)
    assert runner.run_batch(real_engine.pipeline, exp, eid).status == "done"

    out = tmp_path / "report.json"
    export(real_engine.store, [eid], "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    a, b = data["columns"]
    verdicts = {}
    for col in (a, b):
        verdicts[col["label"]] = {r["index"]: r["cells"][col["key"]][0]["passed"] for r in data["rows"]
                                  if r["cells"][col["key"]][0]["status"] == "ok"}
    va, vb = verdicts[a["label"]], verdicts[b["label"]]
    assert len(va) == len(vb) == 6
    stats = data["statistics"]
    # each variant's Wilson interval, from scipy
    for col in (a, b):
        k = sum(verdicts[col["label"]].values())
        est = stats["estimates"][col["label"]]["pass"]
        ci = sps.binomtest(k, 6).proportion_ci(method="wilson")
        assert est["estimate"] == pytest.approx(k / 6)
        assert (est["low"], est["high"]) == pytest.approx((ci.low, ci.high))
    # the exact McNemar test, from scipy's binomial test on the discordant rows
    a_only = sum(1 for i in va if va[i] and not vb[i])
    b_only = sum(1 for i in va if vb[i] and not va[i])
    [c] = stats["comparisons"]["pass"]
    expected_p = sps.binomtest(min(a_only, b_only), a_only + b_only, 0.5).pvalue if a_only + b_only else 1.0
    assert (c["a_only"], c["b_only"], c["n"]) == (a_only, b_only, 6)
    assert c["p_value"] == pytest.approx(expected_p)
    assert c["difference"] == pytest.approx((a_only - b_only) / 6)
    assert math.isfinite(c["low"]) and c["low"] <= c["difference"] <= c["high"]
    assert c["verdict"] in (f"{a['label']} better", f"{b['label']} better") or c["verdict"].startswith(
        "no detectable difference (n=6; about ")

    # the Markdown report and the stats command show the same figures
    md = render_markdown(build_report(real_engine.store, [eid]))
    assert f"| {p_text(expected_p)} |" in md and c["verdict"] in md
    assert run_cli(["--home", str(real_engine.home), "stats", eid, "--json"]) == 0
    cli_data = json.loads(capsys.readouterr().out)
    assert cli_data["comparisons"]["pass"][0]["p_value"] == pytest.approx(expected_p)
    assert cli_data["comparisons"]["pass"][0]["low"] == pytest.approx(c["low"])
