"""An LLM judge (the bundled SmolLM2) votes through the arena's ledger: its answer is
constrained to the four choices, each matchup is asked in both orders, and its
position bias and agreement with a person's votes are reported."""

from __future__ import annotations

import json

import pytest

from cli.app import run_cli

from reports.arena import JUDGE_CHOICES, cast, judge, matchups, ranking_lines, ranking_of
from reports.grid import load_grid
from tests.arena_data import make_experiment

pytestmark = pytest.mark.real


def test_real_judge_votes_both_orders(fake_engine, real_engine, smollm2, tmp_path, capsys):
    eid = make_experiment(fake_engine, tmp_path)  # the outputs come from the fake model; the judge is real
    # through the CLI: `arena EXP --judge MODEL --limit 1 --json`
    assert run_cli(["--home", str(real_engine.home), "arena", eid, "--judge", str(smollm2), "--limit", "1",
                    "--json", "--resamples", "50"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["votes"] == 2 and data["judges"][0]["voter"] == f"judge:{smollm2.stem}"
    assert data["judges"][0]["pairs_both_orders"] == 1
    # and the library call, on the next matchup as well
    ids = judge(real_engine, eid, str(smollm2), limit=2)
    votes = real_engine.store.arena_votes(eid, voter="judge")[2:]
    assert len(ids) == 4 and [v["id"] for v in votes] == ids
    assert all(v["raw"] in JUDGE_CHOICES and v["voter"] == f"judge:{smollm2.stem}" for v in votes)
    # both orders of each matchup: the same two runs, sides swapped
    assert votes[0]["left_run_id"] == votes[1]["right_run_id"] and votes[0]["right_run_id"] == votes[1]["left_run_id"]
    for m in matchups(load_grid(real_engine.store, [eid]))[:2]:
        cast(real_engine.store, m, "left")  # a person prefers the first template
    r = ranking_of(real_engine.store, eid, n_resamples=100)
    j = r.judges[0]
    assert j.votes == 6 and j.pairs_both_orders == 2 and 0 <= j.consistent <= 2
    assert j.agreement is not None and j.agreement.n == 2
    assert {x.tag for x in r.rankings[1:]} >= {"human", "judge"}
    text = "\n".join(ranking_lines(r))
    assert "position bias" in text and "agreement with people" in text and "nan" not in text.lower()
    print(text)
