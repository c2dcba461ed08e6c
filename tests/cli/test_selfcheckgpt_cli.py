"""selfcheckgpt from the command line: selected through a guard policy file (``--policy``)."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import cli, one_error_line

pytestmark = pytest.mark.real


def test_run_with_a_selfcheckgpt_policy_records_the_samples_and_show_lists_them(home, tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text("output:\n  - {check: selfcheckgpt, samples: 2, method: bigram}\n", encoding="utf-8")
    p = cli(home, "run", "Name a fruit.", "--policy", str(policy), "--max-tokens", "8", "--seed", "4", "--ctx", "512",
            "--threads", "1", timeout=300)
    assert p.returncode == 0, p.stderr
    assert "selfcheckgpt check: " in p.stderr and "bigram over 2 of 2 samples" in p.stderr
    run_id = p.stderr.split("] run ")[1].split()[0]
    shown = cli(home, "show", run_id, "--json")
    data = json.loads(shown.stdout)
    (check,) = [c for c in data["checks"] if c["name"] == "selfcheckgpt"]
    assert check["verdict"] in ("pass", "fail") and "bigram over 2 of 2 samples" in check["message"]
    assert len(data["children"]) == 2
    text = cli(home, "show", run_id).stdout
    assert "selfcheckgpt-sample-1" in text and "selfcheckgpt-sample-2" in text


def test_zero_samples_is_refused_before_anything_loads(home, tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text("output:\n  - {check: selfcheckgpt, samples: 0}\n", encoding="utf-8")
    line = one_error_line(cli(home, "run", "hi", "--policy", str(policy)))
    assert line.endswith("selfcheckgpt: samples must be an integer from 1 to 20; got 0")
