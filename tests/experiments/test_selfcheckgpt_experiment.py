"""selfcheckgpt from an experiment file: the experiment's policy samples every cell's answer."""

from __future__ import annotations

import json

from experiments.runner import run_batch, start_or_resume
from tests.experiments.test_batch import load, runs_of, write
from tests.fakes import FakeBackend

EXPERIMENT = """\
name: consistency
templates: [qa.yaml]
rows:
  - {vars: {question: "Capital of France?"}}
models: [smollm2-135m-instruct]
params:
  warm: {temperature: 0.7, max_tokens: 16, seed: 9}
policy:
  output:
    - {check: selfcheckgpt, samples: 2}
"""


def test_each_cell_is_sampled_and_scored(fake_engine, tmp_path):
    replies = iter(["Paris. It was built in 1842.", "Paris.", "It is Paris."])
    fake_engine.pool.backend = FakeBackend(responder=lambda req: [next(replies)])
    exp = load(fake_engine, write(tmp_path, EXPERIMENT))
    eid, _ = start_or_resume(fake_engine.store, exp)
    out = run_batch(fake_engine.pipeline, exp, eid)
    assert out.status == "done" and out.ran == 1
    (cell,) = [r for r in runs_of(fake_engine, eid) if r["parent_id"] is None]
    kids = fake_engine.store.children(cell["id"])
    assert [k["stage"] for k in kids] == ["selfcheckgpt-sample-1", "selfcheckgpt-sample-2"]
    (check,) = fake_engine.store.checks_for(cell["id"])
    assert check["name"] == "selfcheckgpt" and check["verdict"] == "fail"
    assert [s["text"] for s in json.loads(check["spans_json"])] == ["It was built in 1842."]
    extra = json.loads(cell["extra_json"])
    assert extra["batch"]["answer"] == cell["output"] and len(extra["selfcheckgpt"]) == 1
