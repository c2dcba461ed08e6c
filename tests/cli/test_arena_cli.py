"""`arena` and `determinism` on the command line: the ranking as text and JSON, and
bad input (one variant, zero votes, N = 0 / 1,000, a run that errored) as one line."""

from __future__ import annotations

import json

import pytest

from cli.app import run_cli
from reports.arena import cast, matchups
from reports.grid import load_grid
from tests.arena_data import make_experiment


@pytest.fixture
def eid(fake_engine, tmp_path):
    return make_experiment(fake_engine, tmp_path)


def cli(home, *args):
    return run_cli(["--home", str(home), *args])


def test_arena_ranking_text_and_json(fake_engine, eid, capsys):
    assert cli(fake_engine.home, "arena", eid[:10], "--ranking") == 0
    assert "no votes yet" in capsys.readouterr().out
    grid = load_grid(fake_engine.store, [eid])
    for i, m in enumerate(matchups(grid)):
        cast(fake_engine.store, m, "left" if i else "right")
        cast(fake_engine.store, m.swapped(), "right" if i else "tie")
    assert cli(fake_engine.home, "arena", eid, "--ranking", "--resamples", "200") == 0
    out = capsys.readouterr().out
    assert out.startswith("overall: 8 votes (1 ties, 0 both bad)") and "1. " in out and "nan" not in out.lower()
    assert cli(fake_engine.home, "arena", eid, "--json", "--resamples", "100") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["votes"] == 8 and data["rankings"][0]["variants"][0]["wins"] == 6
    assert data["rankings"][0]["n_resamples"] == 100 and data["labels"]


def test_arena_bad_input_one_line(fake_engine, tmp_path, capsys):
    one = make_experiment(fake_engine, tmp_path, templates=1)
    assert cli(fake_engine.home, "arena", one, "--ranking") == 1
    err = capsys.readouterr().err
    assert err.startswith("error: experiment") and "an arena compares two or more" in err and err.count("\n") == 1
    assert cli(fake_engine.home, "arena", "NOPE1234") == 1
    assert "no experiment with id" in capsys.readouterr().err
    assert cli(fake_engine.home, "arena", one, "--resamples", "-1") == 1
    assert "--resamples must be from 0 to 100000" in capsys.readouterr().err


@pytest.mark.parametrize("n", ["0", "1000"])
def test_determinism_n_bounds(fake_engine, eid, n, capsys):
    run_id = fake_engine.store.cell_runs(eid, ["id"])[0]["id"]
    assert cli(fake_engine.home, "determinism", run_id, "-n", n) == 1
    err = capsys.readouterr().err
    assert err == f"error: -n must be from 1 to 100 re-runs, not {n}\n"


def test_determinism_bad_runs_one_line(fake_engine, eid, tmp_path, capsys):
    rows = fake_engine.store.cell_runs(eid, ["id", "status"])
    assert cli(fake_engine.home, "determinism", "NOPE1234", "-n", "2") == 1
    assert "no run with id" in capsys.readouterr().err
    assert cli(fake_engine.home, "determinism", rows[0]["id"], "--threads", "0") == 1
    assert "--threads values must be from 1 to 256, not 0" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        cli(fake_engine.home, "determinism", rows[0]["id"], "--batch", "x")
    assert exc.value.code == 2
    assert "expected comma-separated whole numbers" in capsys.readouterr().err
    # a run that errored (the fake model fell over on Boom?) has nothing to repeat
    three = make_experiment(fake_engine, tmp_path, templates=3)
    bad = [r["id"] for r in fake_engine.store.cell_runs(three, ["id", "status"]) if r["status"] == "error"]
    assert len(bad) == 1
    assert cli(fake_engine.home, "determinism", bad[0], "-n", "2") == 1
    assert "only a run that ended ok can be checked" in capsys.readouterr().err
