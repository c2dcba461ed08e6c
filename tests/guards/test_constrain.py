"""Constrained output: grammars tested without a model, then the guarantee on the real models."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel, ConfigDict, Field

from backends.base import GenerationRequest, Message, SamplingParams, complete
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
from common.errors import GuardError
from guards.constrain import Constraint, close_objects
from runs.spec import RunSpec


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=24)
    age: int = Field(ge=0, le=130)
    likes_tea: bool


GRAMMAR = """
start: answer "." 
answer: "yes" | "no" | "maybe, " reason
reason: /[a-z ]{1,20}/
"""


class TestGrammarsWithoutAModel:
    def test_choice(self):
        c = Constraint.choice(["A", "B", "C", "D"])
        assert c.matches("C") and not c.matches("E") and not c.matches("C ")

    def test_regex(self):
        c = Constraint.regex(r"\d{3}-\d{4}")
        assert c.matches("555-0134") and not c.matches("555-013")

    def test_json_schema_from_pydantic_is_closed(self):
        c = Constraint.json_schema(Person)
        assert c.matches('{"name": "Ada", "age": 36, "likes_tea": true}')
        assert not c.matches('{"name": "Ada", "age": 36, "likes_tea": true, "extra": 1}')
        assert not c.matches('{"name": "Ada", "age": "36", "likes_tea": true}')
        assert not c.matches("not json")

    def test_raw_json_schema_objects_are_closed_by_default_and_can_be_opened(self):
        schema = {"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "integer"}}}}}
        closed = close_objects(schema)
        assert closed["additionalProperties"] is False and closed["properties"]["a"]["additionalProperties"] is False
        assert "additionalProperties" not in schema  # the caller's schema is not changed
        assert not Constraint.json_schema(schema).matches('{"a": {"b": 1, "c": 2}}')
        assert Constraint.json_schema(schema, close_objects=False).matches('{"a": {"b": 1, "c": 2}}')

    def test_lark_and_gbnf_grammars(self):
        c = Constraint.lark(GRAMMAR)
        assert c.matches("yes.") and c.matches("maybe, it rains.") and not c.matches("perhaps.")
        g = Constraint.gbnf('root ::= "on" | "off"')
        assert g.matches("on") and not g.matches("onn")

    def test_round_trips_through_its_stored_form(self):
        for c in (Constraint.choice(["x", "y"]), Constraint.regex("a+"), Constraint.json_schema(Person), Constraint.lark(GRAMMAR)):
            again = Constraint.from_dict(json.loads(json.dumps(c.to_dict())))
            assert again == c and again.to_ll_grammar() == c.to_ll_grammar()


class TestBadConstraintsFailBeforeTheRun:
    @pytest.mark.parametrize("make, message", [
        (lambda: Constraint.regex("[a-"), "invalid regex '[a-'"),
        (lambda: Constraint.regex("a{5,2}"), "invalid regex"),
        (lambda: Constraint.json_schema({"type": "nope"}), "invalid JSON schema"),
        (lambda: Constraint.json_schema({"type": "integer", "minimum": 5, "maximum": 3}), "Unsatisfiable schema"),
        (lambda: Constraint.json_schema({}), "needs a schema object"),
        (lambda: Constraint.lark("start: foo"), 'unknown name: "foo"'),
        (lambda: Constraint.lark("start: ("), "invalid grammar constraint"),
        (lambda: Constraint.gbnf("root ::= ("), "GBNF grammar does not parse"),
        (lambda: Constraint.choice([]), "at least one option"),
        (lambda: Constraint.choice(["a", "b", "a"]), "duplicates: 'a'"),
        (lambda: Constraint.from_dict({"kind": "xml"}), "unknown constraint kind 'xml'"),
        (lambda: Constraint.from_dict({"kind": "regex", "pattern": "a", "flavour": "pcre"}), "unknown constraint setting(s): flavour"),
        (lambda: Constraint.json_schema(int), "not a pydantic model"),
    ])
    def test_clear_one_line_errors(self, make, message):
        with pytest.raises(GuardError) as err:
            make()
        assert message in str(err.value) and "\n" not in str(err.value)

    def test_pipeline_refuses_before_loading_or_recording(self, fake_engine):
        with pytest.raises(GuardError, match="invalid regex"):
            fake_engine.pipeline.run(RunSpec(prompt="x", constraint={"kind": "regex", "pattern": "("}))
        assert fake_engine.store.count_runs() == 0


KINDS = {
    "choice": (Constraint.choice(["positive", "negative", "neutral"]), "Classify the sentiment: 'The food was cold and late.'"),
    "regex": (Constraint.regex(r"\+?[0-9]{1,3} [0-9]{3} [0-9]{4}"), "Write a phone number."),
    "json_schema": (Constraint.json_schema(Person), "Describe a person as JSON."),
    "grammar": (Constraint.lark(GRAMMAR), "Will it rain tomorrow? Answer yes, no or maybe."),
}


@pytest.fixture(scope="module", params=["smollm2", "gemma3"])
def tiny(request, smollm2, shared_home):
    if request.param == "smollm2":
        path = smollm2
    else:
        from backends.registry import prepare_gemma

        path = prepare_gemma(shared_home)
    b = LlamaCppBackend(LlamaLoadParams(str(path), n_ctx=512))
    yield request.param, b
    b.close()


@pytest.mark.real
@pytest.mark.parametrize("kind", list(KINDS))
def test_fifty_runs_at_temperature_one_all_parse_and_validate(tiny, kind):
    name, backend = tiny
    constraint, question = KINDS[kind]
    failures = []
    for seed in range(50):
        if backend.info.chat_template:
            req = GenerationRequest(messages=(Message("user", question),), constraint=constraint,
                                    params=SamplingParams(temperature=1.0, seed=seed, max_tokens=80))
        else:
            req = GenerationRequest(prompt=f"Q: {question}\nA: ", constraint=constraint,
                                    params=SamplingParams(temperature=1.0, seed=seed, max_tokens=80))
        r = complete(backend, req)
        ok, _, problem = constraint.check(r.text)
        if not ok or r.finish_reason != "stop" or not r.extra["constraint_satisfied"]:
            failures.append((seed, r.text, r.finish_reason, problem))
    assert failures == [], f"{name}/{kind}: {failures[:3]}"


@pytest.mark.real
def test_constrained_run_is_recorded_with_its_constraint_and_check(real_engine):
    c = Constraint.json_schema(Person)
    out = real_engine.pipeline.run(RunSpec(prompt="A person as JSON.", constraint=c.to_dict(), n_ctx=512,
                                           params=SamplingParams(temperature=1.0, seed=3, max_tokens=80)))
    run = real_engine.store.get_run(out.run_id)
    assert json.loads(run["constraint_json"]) == c.to_dict()
    extra = json.loads(run["extra_json"])
    assert extra["constraint_satisfied"] is True and extra["ff_tokens"] > 0
    assert extra["constraint_mechanism"].startswith("llguidance")
    (check,) = real_engine.store.checks_for(out.run_id)
    assert (check["name"], check["verdict"]) == ("constraint", "pass")
    Person.model_validate_json(out.output)
