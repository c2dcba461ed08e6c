"""Chain-of-verification through the pipeline: a parent run and one child per stage."""

from __future__ import annotations

import json

import pytest

from backends.base import SamplingParams
from prompt_library import PromptTemplate, TemplateLibrary
from runs.spec import RunSpec
from runs.templated import run_template
from tests.fakes import FakeBackend

BASE = RunSpec(prompt="-", params=SamplingParams(temperature=0, max_tokens=32), n_ctx=1024)


@pytest.fixture
def lib(home):
    return TemplateLibrary(user_dir=home / "templates")


def test_every_stage_is_a_child_run_and_the_parent_keeps_the_chain(fake_engine, lib):
    replies = iter(["Mercury, Venus and Mars.", "1. Does Mars have moons?\n2. Does Venus have moons?",
                    "Yes, two: Phobos and Deimos.", "No.", "Mercury and Venus."])
    fake = FakeBackend(responder=lambda req: [next(replies)])
    fake_engine.pool.backend = fake
    out = run_template(fake_engine.pipeline, lib.get("chain-of-verification-facts"), {}, BASE)
    assert out.status == "ok" and out.final_answer == "Mercury and Venus."
    store = fake_engine.store
    parent = store.get_run(out.run_id)
    kids = store.children(out.run_id)
    assert parent["stage"] == "pattern" and parent["pattern"] == "chain-of-verification"
    assert [k["stage"] for k in kids] == ["baseline", "plan-verifications", "verify-1", "verify-2", "answer"]
    extra = json.loads(parent["extra_json"])
    assert extra["stages"] == [k["id"] for k in kids]
    assert extra["pattern"]["verification_questions"] == ["Does Mars have moons?", "Does Venus have moons?"]
    # the template's own verify prompt, and no baseline in it
    verify = json.loads(kids[2]["messages_json"])[-1]["content"]
    assert verify.startswith("Does Mars have moons?\nAnswer in one short sentence.")
    assert "Mercury, Venus and Mars." not in kids[2]["sent_text"]
    assert "Phobos and Deimos" in kids[4]["sent_text"]


# a plan prompt the 135M model answers with a numbered list (it ignores the default's longer one)
SMALL = """name: cove-small
prompt: Name two planets that have no moons.
pattern:
  name: chain-of-verification
  max_questions: 2
  plan_prompt: |
    Draft answer: {{ baseline }}
    Write two short questions that check this draft, numbered 1. and 2.
"""


@pytest.mark.real
def test_on_smollm2_each_verification_runs_apart_from_the_baseline(real_engine, smollm2):
    base = RunSpec(prompt="-", model=str(smollm2), n_ctx=1024, n_threads=1,
                   params=SamplingParams(temperature=0, max_tokens=24, seed=1))
    out = run_template(real_engine.pipeline, PromptTemplate.from_yaml(SMALL), {}, base)
    assert out.status == "ok", out.error
    kids = real_engine.store.children(out.run_id)
    stages = [k["stage"] for k in kids]
    n = len(out.pattern.extra["verification_questions"])
    assert 1 <= n <= 2 and stages == ["baseline", "plan-verifications", *[f"verify-{i}" for i in range(1, n + 1)],
                                      "answer"]
    assert all(k["status"] == "ok" for k in kids)
    baseline = kids[0]["output"].strip()
    assert baseline and all(baseline not in k["sent_text"] for k in kids[2:-1])
    assert baseline in kids[-1]["sent_text"]
    assert real_engine.store.get_run(out.run_id)["output"] == out.final_answer
