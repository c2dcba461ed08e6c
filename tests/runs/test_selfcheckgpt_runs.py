"""selfcheckgpt in the run path: samples recorded as child runs of the run they check,
seeded from its seed, per-sentence scores stored with it; on a fake and on SmolLM2."""

from __future__ import annotations

import json

import pytest

from backends.base import SamplingParams
from common.errors import BackendError
from guards.consistency import sample_seed
from runs.spec import RunSpec
from tests.fakes import FakeBackend

ANSWER = "Paris is the capital of France. It was founded by Napoleon in 1842."
SAMPLES = ["The capital of France is Paris.", "Paris is the capital city of France."]
POLICY = {"output": [{"check": "selfcheckgpt", "samples": 2}]}


def scripted(outputs):
    it = iter(outputs)

    def responder(request):
        out = next(it)
        if isinstance(out, Exception):
            raise out
        return [out]

    return responder


def test_samples_are_child_runs_with_derived_seeds_and_the_scores_are_stored(fake_engine):
    fake = FakeBackend(responder=scripted([ANSWER, *SAMPLES]))
    fake_engine.pool.backend = fake
    spec = RunSpec(prompt="Tell me about Paris.", params=SamplingParams(temperature=0.2, seed=21), policy=POLICY)
    out = fake_engine.pipeline.run(spec)
    assert out.status == "ok" and out.output == ANSWER
    store = fake_engine.store
    kids = store.children(out.run_id)
    assert [k["stage"] for k in kids] == ["selfcheckgpt-sample-1", "selfcheckgpt-sample-2"]
    assert [k["output"] for k in kids] == SAMPLES and all(k["status"] == "ok" for k in kids)
    params = [json.loads(k["params_json"]) for k in kids]
    assert [p["seed"] for p in params] == [sample_seed(21, 1), sample_seed(21, 2)]
    assert {p["temperature"] for p in params} == {1.0}
    # the same request went out again, without the policy
    assert [r.messages for r in fake.requests[1:]] == [fake.requests[0].messages] * 2
    assert all(json.loads(k["spec_json"])["policy"] is None for k in kids)
    (check,) = [c for c in store.checks_for(out.run_id) if c["name"] == "selfcheckgpt"]
    assert check["verdict"] == "fail" and check["score"] == pytest.approx(0.5)
    (span,) = json.loads(check["spans_json"])
    assert ANSWER[span["start"]:span["end"]] == "It was founded by Napoleon in 1842."
    (report,) = json.loads(store.get_run(out.run_id)["extra_json"])["selfcheckgpt"]
    assert [s["risk"] for s in report["sentences"]] == [0.0, 1.0]
    assert [s["run_id"] for s in report["samples"]] == [k["id"] for k in kids]
    assert not [c for k in kids for c in store.checks_for(k["id"])]  # samples are not checked themselves


def test_a_backend_failure_in_one_sample_is_recorded_and_reported(fake_engine):
    fake_engine.pool.backend = FakeBackend(responder=scripted([ANSWER, BackendError("the GPU fell over"), SAMPLES[0]]))
    out = fake_engine.pipeline.run(RunSpec(prompt="Paris?", params=SamplingParams(seed=3), policy=POLICY))
    assert out.status == "ok"
    kids = fake_engine.store.children(out.run_id)
    assert [(k["status"], k["error"]) for k in kids] == [("error", "the GPU fell over"), ("ok", None)]
    (check,) = out.checks
    assert "over 1 of 2 samples; sample 1 failed: the GPU fell over" in check["message"]


def test_the_same_samples_serve_two_rules_and_a_reask_resamples_each_attempt(fake_engine):
    fake = FakeBackend(responder=scripted([ANSWER, *SAMPLES]))
    fake_engine.pool.backend = fake
    policy = {"output": [{"check": "selfcheckgpt", "samples": 2},
                         {"check": "selfcheckgpt", "samples": 2, "method": "bigram"}]}
    out = fake_engine.pipeline.run(RunSpec(prompt="Paris?", params=SamplingParams(seed=3), policy=policy))
    assert len(fake.requests) == 3 and [c["name"] for c in out.checks] == ["selfcheckgpt"] * 2
    assert len(json.loads(fake_engine.store.get_run(out.run_id)["extra_json"])["selfcheckgpt"]) == 2

    fake_engine.pool.backend = FakeBackend(responder=scripted([ANSWER, "Rome.", "Rome.", SAMPLES[0], *SAMPLES]))
    reask = {"output": [{"check": "selfcheckgpt", "samples": 2, "on_fail": "reask"}], "max_reasks": 1}
    out = fake_engine.pipeline.run(RunSpec(prompt="Paris?", params=SamplingParams(seed=3), policy=reask))
    attempts = fake_engine.store.children(out.run_id)
    assert [a["stage"] for a in attempts] == ["attempt-1", "attempt-2"]
    assert [len(fake_engine.store.children(a["id"])) for a in attempts] == [2, 2]
    assert out.output == SAMPLES[0] and out.checks[0]["verdict"] == "pass"


@pytest.mark.real
def test_on_smollm2_two_samples_are_recorded_and_every_sentence_scored(real_engine, smollm2):
    spec = RunSpec(prompt="In two sentences, what is Paris known for?", model=str(smollm2), n_ctx=1024,
                   n_threads=1, params=SamplingParams(temperature=0.7, max_tokens=24, seed=5),
                   policy={"output": [{"check": "selfcheckgpt", "samples": 2},
                                      {"check": "selfcheckgpt", "samples": 2, "method": "judge", "max_sentences": 1}]})
    out = real_engine.pipeline.run(spec)
    assert out.status == "ok" and out.output.strip(), out.error
    kids = real_engine.store.children(out.run_id)
    assert [k["stage"] for k in kids] == ["selfcheckgpt-sample-1", "selfcheckgpt-sample-2"]
    assert all(k["status"] == "ok" and k["output"] for k in kids)
    assert [json.loads(k["params_json"])["seed"] for k in kids] == [sample_seed(5, 1), sample_seed(5, 2)]
    assert len(kids) == 2  # the judge rule scored the same two samples
    unigram, judged = out.checks
    for check in (unigram, judged):
        assert 0.0 <= check["score"] <= 1.0 and check["verdict"] in ("pass", "fail"), check["message"]
    assert "judge over 2 of 2 samples" in judged["message"]
    report, judge_report = json.loads(real_engine.store.get_run(out.run_id)["extra_json"])["selfcheckgpt"]
    from guards.sentences import split_sentences

    assert [s["text"] for s in report["sentences"]] == [s.text for s in split_sentences(out.output)]
    assert all(0.0 <= s["risk"] <= 1.0 for s in report["sentences"])
    votes = judge_report["sentences"][0]["judge"]  # the bundled model, constrained: always yes or no
    assert votes["yes"] + votes["no"] == 2 and votes["other"] == 0
