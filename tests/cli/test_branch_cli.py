"""`branch` and `show --tree` as a person uses them: real processes, the real model."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import cli, one_error_line

pytestmark = pytest.mark.real

FAST = ("--temperature", "0", "--ctx", "1024", "--threads", "1")


def test_branch_prints_the_child_and_show_tree_lists_it(home):
    p = cli(home, "run", "Name three fruits.", "--max-tokens", "8", "--logprobs", "3", "--json", *FAST)
    parent = json.loads(p.stdout)
    b = cli(home, "branch", parent["run_id"], "--at", "2", "--text", " mango", "--max-tokens", "4", "--json")
    assert b.returncode == 0, b.stderr
    child = json.loads(b.stdout)
    assert child["status"] == "ok" and " mango" in child["output"]
    tree = cli(home, "show", child["run_id"], "--tree")
    assert tree.returncode == 0, tree.stderr
    lines = tree.stdout.splitlines()
    assert lines[0].startswith(parent["run_id"]) and lines[1].startswith("  " + child["run_id"])
    assert "@2 " in lines[1] and "' mango'" in lines[1] and lines[1].endswith("*")
    alt = cli(home, "branch", parent["run_id"], "--at", "1", "--alt", "2", "--max-tokens", "2", "--json")
    assert alt.returncode == 0, alt.stderr
    assert "alternatives recorded; choose one from 1 to 3" in one_error_line(
        cli(home, "branch", parent["run_id"], "--at", "1", "--alt", "9"))
    # refused in one line with a non-zero exit (the other refusals: tests/runs/test_branch_real.py)
    line = one_error_line(cli(home, "branch", parent["run_id"], "--at", "500", "--token", "1"))
    assert line.startswith(f"error: step 500 is out of range: run {parent['run_id']} has ")
