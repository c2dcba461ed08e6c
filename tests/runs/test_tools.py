"""Tools and documents through the one run path: they reach the backend, are stored with
the run, calls in the output are parsed and checked; then end to end on SmolLM2."""

from __future__ import annotations

import json

import jsonschema
import pytest

from backends.base import SamplingParams
from common.errors import GuardError, InvalidParamsError
from guards.constrain import Constraint
from prompt_library.library import BUILTIN_TEMPLATES
from prompt_library.template import PromptTemplate
from runs.pipeline import spec_from_row
from runs.spec import RunSpec
from runs.templated import run_template
from tests.fakes import FakeBackend

WEATHER = {"name": "get_weather", "description": "The weather in a city.",
           "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}
CALL = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>'
DOCS = [{"title": "Shipping", "text": "We ship to Canada in 5 days."}]


def test_spec_normalizes_round_trips_and_refuses_completion_mode():
    spec = RunSpec(prompt="weather?", tools=[WEATHER], documents=["a note"])
    assert spec.tools == ({"type": "function", "function": WEATHER},)
    assert spec.documents == ({"text": "a note"},)
    again = RunSpec.from_dict(json.loads(json.dumps(spec.to_dict())))
    assert again.tools == spec.tools and again.documents == spec.documents
    assert RunSpec(prompt="x").to_dict()["tools"] is None
    with pytest.raises(InvalidParamsError, match="tools and documents need chat mode"):
        RunSpec(prompt="x", mode="completion", tools=[WEATHER])
    with pytest.raises(GuardError, match="tool 1: the name must be letters"):
        RunSpec(prompt="x", tools=[{"name": ""}])


class TestWithFakeBackend:
    def test_tools_reach_the_backend_and_the_call_is_parsed_checked_and_stored(self, fake_engine):
        fake_engine.pool.backend = FakeBackend([CALL])
        spec = RunSpec(prompt="Weather in Paris?", tools=[WEATHER], documents=DOCS,
                       params=SamplingParams(temperature=0, seed=1))
        out = fake_engine.pipeline.run(spec)
        request = fake_engine.pool.backend.requests[-1]
        assert request.tools == ({"type": "function", "function": WEATHER},)
        assert request.documents == tuple(DOCS)
        assert out.status == "ok"
        assert out.tool_calls == [{"name": "get_weather", "arguments": {"city": "Paris"}, "format": "hermes",
                                   "start": 0, "end": len(CALL), "problem": None}]
        run = fake_engine.store.get_run(out.run_id)
        assert json.loads(run["extra_json"])["tool_calls"] == out.tool_calls
        stored = json.loads(run["spec_json"])
        assert stored["tools"] == [{"type": "function", "function": WEATHER}] and stored["documents"] == DOCS
        checks = [c for c in fake_engine.store.checks_for(out.run_id) if c["name"] == "tool_call"]
        assert [(c["stage"], c["verdict"]) for c in checks] == [("output", "pass")]
        assert spec_from_row(run).tools == spec.tools  # a re-run sends the same tools

    def test_a_call_that_breaks_its_schema_fails_the_check(self, fake_engine):
        fake_engine.pool.backend = FakeBackend(['<tool_call>{"name": "get_weather", "arguments": {"town": 1}}</tool_call>'])
        out = fake_engine.pipeline.run(RunSpec(prompt="Weather?", tools=[WEATHER]))
        (check,) = [c for c in out.checks if c["name"] == "tool_call"]
        assert check["verdict"] == "fail" and "'city' is a required property" in check["message"]

    def test_no_tools_no_parsing(self, fake_engine):
        fake_engine.pool.backend = FakeBackend([CALL])
        out = fake_engine.pipeline.run(RunSpec(prompt="Weather?"))
        assert out.tool_calls == [] and not [c for c in out.checks if c["name"] == "tool_call"]

    def test_a_model_without_chat_template_refuses_tools(self, fake_engine):
        fake_engine.pool.backend = FakeBackend(chat=False)
        with pytest.raises(InvalidParamsError, match="has no chat template, so it cannot take tools"):
            fake_engine.pipeline.run(RunSpec(prompt="Weather?", tools=[WEATHER]))

    def test_the_text_template_checks_its_answer_with_the_same_check(self, fake_engine):
        fake_engine.pool.backend = FakeBackend(['{"name": "order_status", "arguments": {"order_id": "12345"}}'])
        template = PromptTemplate.from_file(BUILTIN_TEMPLATES / "tool-call-text.yaml")
        outcome = run_template(fake_engine.pipeline, template, {}, RunSpec(prompt="-"))
        request = fake_engine.pool.backend.requests[-1]
        assert request.tools is None and "order_status(order_id: string)" in request.messages[0].content
        checks = fake_engine.store.checks_for(outcome.run_id)
        assert [(c["name"], c["verdict"]) for c in checks] == [("tool_call", "pass")]


# --- end to end on the bundled SmolLM2 (its GGUF chat template is plain ChatML) -----------
TOOL_CALL_REGEX = (r'<tool_call>\{"name": "(product_info|order_status|shop_policy)", '
                   r'"arguments": \{"(query|order_id|topic)": "[A-Za-z0-9 ]{1,16}"\}\}</tool_call>')


def _native_template_and_spec(backend: str, **extra):
    template = PromptTemplate.from_file(BUILTIN_TEMPLATES / "tool-call-native.yaml")
    base = RunSpec(prompt="-", backend=backend, n_ctx=1024, n_threads=1,
                   params=SamplingParams(temperature=0, max_tokens=60, seed=3), **extra)
    return template, base


def _assert_tools_in_system_message(sent: str) -> None:
    # ChatML does not read `tools`: they went into the system message
    assert sent.startswith("<|im_start|>system\nYou are a shop assistant.")
    assert '<tools>\n{"type": "function", "function": {"name": "product_info"' in sent
    assert "reply with <tool_call>{" in sent and sent.endswith("<|im_start|>assistant\n")


@pytest.mark.real
def test_native_tools_end_to_end_on_smollm2(real_engine):
    template, base = _native_template_and_spec("llama.cpp", constraint=Constraint.regex(TOOL_CALL_REGEX).to_dict())
    outcome = run_template(real_engine.pipeline, template, {}, base)
    assert outcome.status == "ok", outcome.error
    run = real_engine.store.get_run(outcome.run_id)
    _assert_tools_in_system_message(run["sent_text"])
    assert json.loads(run["spec_json"])["tools"][1]["function"]["name"] == "order_status"
    calls = json.loads(run["extra_json"])["tool_calls"]
    assert len(calls) == 1 and calls[0]["format"] == "hermes" and calls[0]["problem"] is None
    tool = {t["function"]["name"]: t["function"] for t in template.spec.tools}[calls[0]["name"]]
    valid = jsonschema.Draft202012Validator(tool["parameters"]).is_valid(calls[0]["arguments"])
    (check,) = [c for c in real_engine.store.checks_for(outcome.run_id) if c["name"] == "tool_call"]
    assert check["verdict"] == ("pass" if valid else "fail"), check["message"]
    assert any("does not read tools" in n for n in outcome.stages[0].notices)
