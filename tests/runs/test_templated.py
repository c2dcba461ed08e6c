"""Template runs through the pipeline: single-call patterns and multi-stage chains."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backends.base import SamplingParams
from common.errors import TemplateError
from prompt_library import TemplateLibrary
from runs.spec import RunSpec
from runs.templated import run_template
from tests.fakes import FakeBackend
from tests.store_tools import open_log

ROOT = Path(__file__).resolve().parents[2]
BASE = RunSpec(prompt="-", params=SamplingParams(temperature=0, max_tokens=32), n_ctx=1024)


@pytest.fixture
def lib(home):
    return TemplateLibrary(user_dir=home / "templates")


def test_single_call_template_is_one_run_with_its_template_version(fake_engine, lib):
    t = lib.get("sentiment-few-shot")
    out = run_template(fake_engine.pipeline, t, {}, BASE)
    row = fake_engine.store.get_run(out.run_id)
    assert row["template_id"] == t.id and row["pattern"] == "few-shot" and row["parent_id"] is None
    stored = open_log(fake_engine.store)["templates"].get(t.id)
    assert stored["name"] == t.name and stored["body_yaml"] == t.yaml_text
    # the few-shot examples went out as prior chat turns
    msgs = json.loads(row["messages_json"])
    roles = [m["role"] for m in msgs]
    assert roles.count("assistant") >= 2 and roles[-1] == "user"


def test_self_consistency_records_every_sample_as_a_child_and_votes(fake_engine, lib):
    answers = iter(["... so the answer is 14.", "The answer is 14.", "I get 12.", "Answer: 14", "The answer is 12."])
    fake_engine.pool.backend = FakeBackend(responder=lambda req: [next(answers)])
    t = lib.get("self-consistency-math")
    out = run_template(fake_engine.pipeline, t, {}, BASE)
    assert out.status == "ok" and out.final_answer == "14"
    assert out.pattern.extra["agreement"] == pytest.approx(0.6)
    parent = fake_engine.store.get_run(out.run_id)
    kids = fake_engine.store.children(out.run_id)
    assert parent["stage"] == "pattern" and parent["output"] == "14"
    assert [k["stage"] for k in kids] == [f"sample-{i}" for i in range(1, 6)]
    seeds = [json.loads(k["params_json"])["seed"] for k in kids]
    temps = {json.loads(k["params_json"])["temperature"] for k in kids}
    assert len(set(seeds)) == 5 and temps == {0.7}
    assert json.loads(parent["extra_json"])["pattern"]["votes"] == {"14": 3, "12": 2}


def test_step_back_chain_feeds_each_stage_into_the_next(fake_engine, lib):
    replies = iter(["What law relates gas pressure and temperature?", "Gay-Lussac's law: p/T is constant.",
                    "The pressure rises by a factor of 1.5."])
    fake = FakeBackend(responder=lambda req: [next(replies)])
    fake_engine.pool.backend = fake
    out = run_template(fake_engine.pipeline, lib.get("step-back-physics"), {}, BASE)
    kids = fake_engine.store.children(out.run_id)
    assert [k["stage"] for k in kids] == ["step-back-question", "step-back-answer", "answer"]
    last_sent = fake.requests[2].messages[-1].content
    assert "Gay-Lussac's law" in last_sent


def test_a_cancelled_stage_cancels_the_chain(fake_engine, lib):
    from backends.base import CancelToken

    cancel = CancelToken()
    fake_engine.pool.backend = FakeBackend(["a", "b", "c"])
    seen = []

    def on_token(stage, text):
        seen.append(stage)
        cancel.cancel()

    out = run_template(fake_engine.pipeline, lib.get("step-back-physics"), {}, BASE, cancel=cancel, on_token=on_token)
    assert out.status == "cancelled"
    assert fake_engine.store.get_run(out.run_id)["status"] == "cancelled"
    assert len(fake_engine.store.children(out.run_id)) == 1


def test_wrong_variables_fail_before_anything_runs(fake_engine, lib):
    t = lib.get("self-consistency-math")
    with pytest.raises(TemplateError):
        run_template(fake_engine.pipeline, t, {"question": ["not", "a", "string"]}, BASE)
    assert fake_engine.store.count_runs() == 0


@pytest.mark.real
def test_cli_runs_a_template_with_variables_and_a_pattern_override(home):
    env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(home)}
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), "run", "--template", "zero-shot-cot-en",
                        "--var", "question=What is 2 + 3?", "--max-tokens", "24", "--temperature", "0", "--ctx", "1024",
                        "--json"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["pattern"] == "zero-shot-cot" and len(out["stages"]) == 2
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "run", "--template", "zero-shot-cot-en",
                          "--var", "nope=1"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "has no variable(s) nope" in bad.stderr
    missing = subprocess.run([sys.executable, str(ROOT / "main.py"), "run", "--template", "no-such-template"],
                             capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert missing.returncode == 1 and "no-such-template" in missing.stderr and "Traceback" not in missing.stderr
