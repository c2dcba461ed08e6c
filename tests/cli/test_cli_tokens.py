"""`run --logprobs K` and `show RUN --tokens` through the real command line."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import cli, one_error_line

pytestmark = pytest.mark.real


def test_run_with_logprobs_then_show_the_table(home):
    p = cli(home, "run", "Name a fruit.", "--json", "--logprobs", "3", "--temperature", "0", "--repeat-penalty", "1",
            "--max-tokens", "6", "--ctx", "512")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    t = out["tokens"]
    assert t["k"] == 3 and t["source"] == "llama.cpp" and len(t["steps"]) == out["timings"]["completion_tokens"]
    assert "".join(s["text"] for s in t["steps"]) == out["output"]
    assert all(s["top"][0]["id"] == s["id"] for s in t["steps"])  # greedy, no penalty: the chosen one is top-1
    assert t["summary"]["perplexity"] > 1

    shown = cli(home, "show", out["run_id"], "--tokens")
    assert shown.returncode == 0, shown.stderr
    first = t["steps"][0]["text"].strip()
    assert "top alternatives" in shown.stdout and first in shown.stdout
    assert f"mean logprob {t['summary']['mean_logprob']:.3f}" in shown.stdout and "perplexity" in shown.stdout
    as_json = json.loads(cli(home, "show", out["run_id"], "--tokens", "--json").stdout)
    assert as_json["tokens"]["steps"] == t["steps"]

    plain = cli(home, "run", "Say yes.", "--max-tokens", "2", "--ctx", "512", "--factual-nucleus", "--seed", "1")
    assert plain.returncode == 0, plain.stderr
    run_id = plain.stderr.strip().split("run ")[-1]
    none = cli(home, "show", run_id, "--tokens")
    assert none.returncode == 0 and "has no token probabilities recorded" in none.stdout
    assert '"factual_nucleus": true' in cli(home, "show", run_id).stdout


@pytest.mark.parametrize("k", ["0", "10000", "-3"])
def test_bad_k_is_one_line_and_a_non_zero_exit(home, k):
    line = one_error_line(cli(home, "run", "hi", "--logprobs", k))
    assert "logprobs must be from 1 to 50" in line


def test_bad_factual_nucleus_params_are_one_line(home):
    line = one_error_line(cli(home, "run", "hi", "--factual-nucleus", "--factual-lambda", "2"))
    assert "factual_lambda" in line


def test_a_constrained_run_says_which_alternatives_the_constraint_ruled_out(home):
    p = cli(home, "run", "Is fire hot?", "--choice", "yes", "--choice", "no", "--temperature", "0",
            "--logprobs", "5", "--json", "--ctx", "512")
    assert p.returncode == 0, p.stderr
    t = json.loads(p.stdout)["tokens"]
    assert t["constrained"] is True
    allowed = [(a["text"], a["allowed"]) for a in t["steps"][0]["top"]]
    assert all(ok == any(c.startswith(text) for c in ("yes", "no")) for text, ok in allowed), allowed
    shown = cli(home, "show", json.loads(p.stdout)["run_id"], "--tokens").stdout
    assert "constrained: the model's own probabilities, before the constraint's mask" in shown
    assert ("✗" in shown) == any(not a["allowed"] for st in t["steps"] for a in st["top"][:5])  # the table shows 5
