"""The judge's probability-weighted score on the bundled model (guards/judge.py)."""

from __future__ import annotations

import pytest

from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
from guards.judge import JudgeCheck
from tests.fakes import FakeBackend

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def judge_model(smollm2):
    b = LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=1024, n_threads=1))
    yield b
    b.close()


def test_score_scale_gives_the_expected_score_and_records_the_distribution(judge_model):
    j = JudgeCheck(rubric="The response is polite.", scale="score", threshold=3, backend=judge_model)
    r = j.run("Thank you so much for your kind help!")
    dist = r.details["distribution"]
    assert list(dist) == ["1", "2", "3", "4", "5"] and sum(dist.values()) == pytest.approx(1.0)
    expected = sum(int(k) * p for k, p in dist.items())
    assert r.details["weighted"] == pytest.approx(expected) and r.score == pytest.approx(expected / 5)
    assert r.verdict == ("pass" if expected >= 3 else "fail")
    assert r.details["generated"] in dist and r.details["scored_by"] == "llama.cpp"
    bare = JudgeCheck(rubric="The response is polite.", scale="score", threshold=3, backend=judge_model,
                      weighted=False).run("Thank you so much for your kind help!")
    assert bare.details is None and bare.score == int(r.details["generated"]) / 5


def test_pass_fail_scale_scores_p_pass(judge_model):
    r = JudgeCheck(rubric="The response is written in English.", backend=judge_model).run("The cat sat on the mat.")
    dist = r.details["distribution"]
    assert set(dist) == {"pass", "fail"} and r.score == pytest.approx(dist["pass"])
    assert r.verdict == ("pass" if dist["pass"] >= 0.5 else "fail")
    assert f"P(pass) = {dist['pass']:.3f}" in r.message


def test_a_backend_that_cannot_score_keeps_the_bare_verdict():
    class Judge(FakeBackend):
        def __init__(self):
            super().__init__(["pass"])

    r = JudgeCheck(rubric="anything", backend=Judge()).run("text")
    assert (r.verdict, r.score, r.details) == ("pass", 1.0, None)
