"""The ``answer-probability`` assertion in a small real experiment on the bundled model,
and the calibration the report draws from it."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pytest

from common.errors import ExperimentError
from experiments import runner
from experiments.loading import load_experiment
from prompt_library import TemplateLibrary

pytestmark = pytest.mark.real

TEMPLATE = """\
name: yes-no
system: "Answer yes or no."
variables:
  - name: question
prompt: "{{ question }}"
constraint: {kind: choice, choices: ["yes", "no"]}
"""

EXPERIMENT = """\
name: answer probability
templates: [yes-no.yaml]
rows:
  - {vars: {question: "Is a dog an animal?"}, expected: "yes"}
  - {vars: {question: "Is fire cold?"}, expected: "no"}
  - {vars: {question: "Is the sun a star?"}, expected: "yes"}
models: [smollm2-135m-instruct]
params:
  greedy: {temperature: 0, max_tokens: 4, seed: 0, repeat_penalty: 1.0}
load: {n_ctx: 1024, n_threads: 1}
assertions:
  - {kind: answer-probability, value: 0.5}
  - {kind: answer-probability, value: 0.0, expected: "maybe", label: "not an option"}
"""


def load(tmp_path: Path, engine, text: str = EXPERIMENT):
    (tmp_path / "yes-no.yaml").write_text(TEMPLATE, encoding="utf-8")
    p = tmp_path / "exp.yaml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_experiment(p, library=TemplateLibrary(), resolve_model=engine.registry.resolve)


def test_answer_probability_assertion_and_the_reports_calibration(real_engine, tmp_path):
    import json

    from reports.calibration import Prediction, calibration
    from reports.export import build_report, render_html, render_json, render_markdown
    from runs.answer_probs import stored_answer_probs

    exp = load(tmp_path, real_engine)
    out = runner.run_batch(real_engine.pipeline, exp, eid := runner.create_experiment(real_engine.store, exp))
    store = real_engine.store
    assert [r.status for r in out.results] == ["ok"] * 3
    preds = []
    for r in out.results:
        first, outside = r.assertions
        extra = json.loads(store.get_run(r.run_id)["extra_json"])
        record = extra["answer_probs"]
        assert math.isclose(sum(a["prob"] for a in record["answers"]), 1.0)
        p_expected = next(a["prob"] for a in record["answers"] if a["answer"] == r.cell.row.expected)
        assert first["score"] == pytest.approx(p_expected)
        assert first["verdict"] == ("pass" if p_expected >= 0.5 else "fail")
        assert first["message"].startswith(f"P('{r.cell.row.expected}') = ")
        assert outside["verdict"] == "fail" and "'maybe' is not one of the scored answers" in outside["message"]
        assert record["chosen"] == r.answer
        preds.append(Prediction(stored_answer_probs(extra).distribution(), r.cell.row.expected))
    # the report's calibration is computed from the same records
    want = calibration(preds)
    report = build_report(store, [eid])
    (cal,) = report.calibration
    assert (cal.n, cal.accuracy, cal.ece, cal.brier) == (3, want.accuracy, want.ece, want.brier)
    assert "## Calibration of answer probabilities" in render_markdown(report)
    assert json.loads(render_json(report))["calibration"][0]["brier"] == pytest.approx(want.brier)
    html = render_html(report)
    assert 'id="calibration"' in html and "Reliability diagram" in html


def test_it_needs_an_expected_answer(real_engine, tmp_path):
    text = EXPERIMENT.replace(', expected: "yes"}', "}").replace(', expected: "no"}', "}")
    with pytest.raises(ExperimentError, match="answer-probability needs an expected answer"):
        load(tmp_path, real_engine, text)
