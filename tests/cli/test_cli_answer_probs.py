"""Answer probabilities in the CLI: `run --choice` records them, `show` prints bars, JSON has them."""

from __future__ import annotations

import json

import pytest

from reports.answer_text import answer_prob_lines
from tests.cli.test_cli import cli


def test_bar_lines_most_probable_first_with_the_output_marked():
    record = {"source": "llama.cpp", "ms": 3.5, "chosen": "no",
              "answers": [{"answer": "yes", "prob": 0.25, "logprob": -2.0, "tokens": 1},
                          {"answer": "no", "prob": 0.75, "logprob": -0.9, "tokens": 1}]}
    lines = answer_prob_lines(record, width=8)
    assert lines[0] == "no   75.0% ######   logprob   -0.900 (1 tok) <- output"
    assert lines[1] == "yes  25.0% ##       logprob   -2.000 (1 tok)"
    assert lines[2].startswith("scored by llama.cpp in 3.5 ms")
    assert answer_prob_lines({"error": "too long", "answers": []}) == ["not scored: too long"]
    assert answer_prob_lines(None) == []


@pytest.mark.real
def test_run_with_choices_then_show(home):
    p = cli(home, "run", "Is fire hot?", "--choice", "yes", "--choice", "no", "--temperature", "0",
            "--ctx", "1024", "--threads", "1", "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    probs = out["answer_probs"]
    assert {a["answer"] for a in probs["answers"]} == {"yes", "no"} and probs["chosen"] == out["output"]
    shown = cli(home, "show", out["run_id"])
    assert "--- answer probabilities ---" in shown.stdout and "<- output" in shown.stdout
    # (show --json adds the same record under "answer_probs"; --no-answer-probs is RunSpec.answer_probs=False,
    # tested in tests/desktop/test_desktop_answer_bars.py with the engine in-process)
