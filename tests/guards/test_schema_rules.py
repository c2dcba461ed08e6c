"""JSON schemas from the wild: one test per rule of guards.schema_llg / schema_close, no model.

Each rule is checked on both sides: the llguidance grammar (``grammar_accepts``, what
generation enforces) and ``check`` (jsonschema after generation, what the run records).
"""

from __future__ import annotations

import json

import pytest

from common.errors import GuardError
from guards.constrain import Constraint, close_objects


def both(c: Constraint, value) -> tuple[bool, bool]:
    text = json.dumps(value)
    return c.grammar_accepts(text), c.check(text)[0]


# -- formats ---------------------------------------------------------------------------
def test_unknown_format_is_an_annotation_with_a_notice_and_known_ones_stay_enforced():
    c = Constraint.json_schema({"type": "object", "properties": {
        "home": {"type": "string", "format": "uri"}, "blob": {"type": "string", "format": "byte"},
        "when": {"type": "string", "format": "date-time"}}, "required": ["home", "when"]})
    assert c.notices[0] == ("format 'uri', 'byte' not known to llguidance: treated as an annotation "
                            "(neither enforced nor checked)")
    assert both(c, {"home": "not a uri at all", "when": "2024-05-01T10:00:00Z"}) == (True, True)
    assert c.grammar_accepts(json.dumps({"home": "x", "when": "yesterday"})) is False


def test_a_property_named_like_a_keyword_is_not_taken_for_one():
    schema = {"type": "object", "properties": {"format": {"type": "string"}, "not": {"type": "integer"},
                                               "properties": {"type": "boolean"}},
              "required": ["format", "not", "properties"]}
    c = Constraint.json_schema(schema)
    assert c.notices == ()
    assert both(c, {"format": "x", "not": 1, "properties": True}) == (True, True)
    assert both(c, {"format": "x", "not": "1", "properties": True}) == (False, False)


def test_data_in_const_and_enum_is_never_closed():
    schema = {"type": "object", "properties": {"kind": {"const": {"type": "object", "properties": {}, "x": 1}}}}
    closed = close_objects(schema)
    assert closed["properties"]["kind"]["const"] == {"type": "object", "properties": {}, "x": 1}
    c = Constraint.json_schema(schema)
    assert both(c, {"kind": {"type": "object", "properties": {}, "x": 1}}) == (True, True)


# -- exact rewrites ----------------------------------------------------------------------
def test_dependencies_are_rewritten_exactly_and_enforced():
    c = Constraint.json_schema({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": {"card": {"type": "string"}, "bill": {"type": "string"}},
                                "dependencies": {"card": ["bill"]}})
    assert "enforced through an equivalent rewrite for llguidance: dependencies" in c.notices
    assert both(c, {"card": "1", "bill": "a"}) == (True, True)
    assert both(c, {"bill": "a"}) == (True, True)
    assert both(c, {"card": "1"}) == (False, False)
    # draft 2020-12 (no $schema) has no `dependencies`: ignored on both sides, as jsonschema does
    later = Constraint.json_schema({"type": "object", "dependencies": {"card": ["bill"]}})
    assert any("'dependencies' is not a keyword of draft 2020-12" in n for n in later.notices)
    assert both(later, {"card": "1"}) == (True, True)
    required = Constraint.json_schema({"type": "object", "dependentRequired": {"card": ["bill"]}}, close_objects=False)
    assert both(required, {"card": "1"}) == (False, False) and both(required, {"card": 1, "bill": 2}) == (True, True)


def test_dependent_schemas_are_rewritten_exactly():
    c = Constraint.json_schema({"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
                                "dependentSchemas": {"a": {"properties": {"b": {"minimum": 10}}, "required": ["b"]}}},
                               close_objects=False)
    assert both(c, {"a": 1, "b": 10}) == (True, True)
    assert both(c, {"b": 3}) == (True, True)
    assert both(c, {"a": 1, "b": 3}) == (False, False)


def test_not_required_and_not_type_are_pushed_inward():
    c = Constraint.json_schema({"type": "object", "properties": {"a": {}, "b": {}},
                                "not": {"required": ["b"]}}, close_objects=False)
    assert any("equivalent rewrite" in n and "not" in n for n in c.notices)
    assert both(c, {"a": 1}) == (True, True)
    assert both(c, {"a": 1, "b": 2}) == (False, False)
    t = Constraint.json_schema({"not": {"type": ["string", "null"]}})
    assert both(t, 3) == (True, True) and both(t, "x") == (False, False) and both(t, None) == (False, False)


def test_if_then_else_is_rewritten_when_the_condition_can_be_negated():
    c = Constraint.json_schema({"type": "object", "properties": {"n": {"type": "integer"}, "s": {"type": "string"}},
                                "if": {"required": ["n"]}, "then": {"required": ["s"]}}, close_objects=False)
    assert "enforced through an equivalent rewrite for llguidance: if/then/else" in c.notices
    assert both(c, {"n": 1, "s": "x"}) == (True, True) and both(c, {}) == (True, True)
    assert both(c, {"n": 1}) == (False, False)


# -- dropped, and checked after generation ---------------------------------------------------
def test_not_of_an_enum_is_checked_after_generation_not_enforced():
    c = Constraint.json_schema({"type": "string", "not": {"enum": ["admin", "root"]}})
    assert c.notices == ("not enforced while generating, checked with jsonschema after generation: not",)
    assert both(c, "guest") == (True, True)
    assert both(c, "root") == (True, False)  # the grammar lets it through; the recorded check catches it


def test_unimplemented_restricting_keywords_are_dropped_from_the_grammar_only():
    c = Constraint.json_schema({"type": "array", "items": {"type": "integer"}, "uniqueItems": True})
    assert "checked with jsonschema after generation: uniqueItems" in c.notices[0]
    assert both(c, [1, 2]) == (True, True)
    assert both(c, [1, 1]) == (True, False)
    assert both(c, ["a"]) == (False, False)  # the rest is still enforced


def test_multiple_of_is_checked_after_generation_where_negative_numbers_are_allowed():
    c = Constraint.json_schema({"type": "number", "multipleOf": 0.01})
    assert "multipleOf (where negative numbers are allowed)" in c.notices[0]
    assert both(c, -500.25) == (True, True)
    kept = Constraint.json_schema({"type": "number", "multipleOf": 0.5, "minimum": 0})
    assert kept.notices == () and both(kept, 1.5) == (True, True) and both(kept, 1.2) == (False, False)


def test_lookaround_pattern_is_checked_after_generation():
    c = Constraint.json_schema({"type": "string", "pattern": "^(?!tmp)[a-z]+$", "maxLength": 8})
    assert "pattern" in c.notices[0]
    assert both(c, "home") == (True, True)
    assert both(c, "tmpdir") == (True, False)
    assert both(c, "muchtoolongname") == (False, False)


def test_what_cannot_be_dropped_soundly_is_still_refused_in_one_line():
    with pytest.raises(GuardError, match=r"^invalid json schema constraint: patternProperty regexes .* not disjoint"):
        Constraint.json_schema({"type": "object", "patternProperties": {"a": {"type": "string"}, "b": {"type": "integer"}},
                                "additionalProperties": False})


def test_draft_07_ignores_keywords_beside_ref():
    schema = {"$schema": "http://json-schema.org/draft-07/schema#",
              "type": "object", "properties": {"p": {"type": "string", "$ref": "#/definitions/point"}},
              "definitions": {"point": {"type": "object", "properties": {"x": {"type": "number"}}, "required": ["x"]}}}
    c = Constraint.json_schema(schema)
    assert both(c, {"p": {"x": 1}}) == (True, True)
    assert both(c, {"p": "x"}) == (False, False)


def test_draft_04_schema_is_checked_against_its_own_draft():
    c = Constraint.json_schema({"$schema": "http://json-schema.org/draft-04/schema#", "type": "number",
                                "minimum": 0, "exclusiveMinimum": True})
    assert both(c, 1) == (True, True) and both(c, 0) == (False, False)


# -- closing objects -------------------------------------------------------------------------
CONFLICTS = [  # (schema, an instance it accepts with objects open, why closing must leave an object open)
    ({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a", "b"]},
     {"a": "x", "b": 1}, "required 'b' is not among its properties"),
    ({"allOf": [{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
                {"type": "object", "properties": {"b": {"type": "integer"}}, "required": ["b"]}]},
     {"a": "x", "b": 1}, "names 'b'"),
    ({"type": "object", "properties": {"kind": {"enum": ["circle", "square"]}}, "required": ["kind"],
      "anyOf": [{"properties": {"r": {"type": "number"}}, "required": ["r"]},
                {"properties": {"side": {"type": "number"}}, "required": ["side"]}]},
     {"kind": "circle", "r": 2}, "names 'r'"),
    ({"$defs": {"base": {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]}},
      "allOf": [{"$ref": "#/$defs/base"}], "properties": {"name": {"type": "string"}}, "required": ["name"]},
     {"id": 1, "name": "n"}, "names"),
    ({"allOf": [{"type": "object", "properties": {"id": {"type": "integer"}}},
                {"type": "object", "patternProperties": {"^x-": {"type": "string"}}}]},
     {"id": 1, "x-note": "n"}, "allows keys matching /^x-/"),
    ({"type": "object", "properties": {"a": {"type": "integer"}}, "if": {"required": ["a"]},
      "then": {"properties": {"b": {"type": "string"}}, "required": ["b"]}},
     {"a": 1, "b": "x"}, "names 'b'"),
]


@pytest.mark.parametrize("schema, instance, why", CONFLICTS)
def test_closing_never_makes_a_satisfiable_schema_unsatisfiable(schema, instance, why):
    c = Constraint.json_schema(schema)  # closed by default; used to be "Unsatisfiable schema" for some
    assert any("left open, as closing them would conflict" in n and why in n for n in c.notices), c.notices
    assert both(c, instance) == (True, True)


def test_discriminated_union_of_refs_is_still_closed():
    schema = {"anyOf": [{"$ref": "#/$defs/cat"}, {"$ref": "#/$defs/dog"}],
              "$defs": {"cat": {"type": "object", "properties": {"meow": {"type": "boolean"}}, "required": ["meow"]},
                        "dog": {"type": "object", "properties": {"bark": {"type": "boolean"}}, "required": ["bark"]}}}
    c = Constraint.json_schema(schema)
    assert c.notices == ()
    assert both(c, {"meow": True}) == (True, True)
    assert both(c, {"meow": True, "extra": 1}) == (False, False)


def test_nothing_under_not_is_closed():
    schema = {"type": "object", "properties": {"a": {}}, "not": {"type": "object", "properties": {"a": {"const": 1}},
                                                               "required": ["a"]}}
    closed = close_objects(schema)
    assert "additionalProperties" not in closed["not"] and closed["additionalProperties"] is False


# -- recorded with the run ---------------------------------------------------------------------
@pytest.mark.real
def test_a_run_says_and_records_what_the_grammar_did_not_enforce(real_engine):
    from backends.base import SamplingParams
    from runs.spec import RunSpec

    c = Constraint.json_schema({"type": "object", "properties": {
        "site": {"type": "string", "format": "uri", "maxLength": 40},
        "tags": {"type": "array", "items": {"enum": ["a", "b"]}, "maxItems": 3, "uniqueItems": True}},
        "required": ["site", "tags"]})
    out = real_engine.pipeline.run(RunSpec(prompt="A website and its tags as JSON.", constraint=c.to_dict(),
                                           n_ctx=512, params=SamplingParams(temperature=0, seed=1, max_tokens=60)))
    assert out.status == "ok", out.error
    assert c.notices[0] in out.notices and "format 'uri'" in c.notices[0]
    assert any("checked with jsonschema after generation: uniqueItems" in n for n in out.notices)
    (check,) = real_engine.store.checks_for(out.run_id)
    assert check["name"] == "constraint" and "checked with jsonschema after generation: uniqueItems" in check["message"]
    assert check["verdict"] == ("pass" if c.check(out.output)[0] else "fail")


def test_the_pipeline_passes_the_notices_on_and_stores_them_with_the_check(fake_engine):
    from backends.base import SamplingParams
    from runs.spec import RunSpec

    c = Constraint.json_schema({"type": "array", "items": {"type": "integer"}, "uniqueItems": True})
    fake_engine.pool.backend.chunks = ["[1, ", "1]"]  # what the grammar would let through
    out = fake_engine.pipeline.run(RunSpec(prompt="numbers", constraint=c.to_dict(), params=SamplingParams(seed=1)))
    assert out.status == "ok", out.error
    assert out.notices == list(c.notices)
    (check,) = fake_engine.store.checks_for(out.run_id)
    assert check["name"] == "constraint" and c.notices[0] in check["message"]
    assert check["verdict"] == "fail" and "non-unique" in check["message"]  # caught after generation


def test_a_definition_that_is_an_alternative_here_and_combined_elsewhere_stays_open():
    schema = {"type": "object", "properties": {
        "pet": {"anyOf": [{"$ref": "#/$defs/cat"}, {"$ref": "#/$defs/dog"}]},
        "catdog": {"allOf": [{"$ref": "#/$defs/cat"}, {"$ref": "#/$defs/dog"}]}},
        "$defs": {"cat": {"type": "object", "properties": {"meow": {"type": "boolean"}}, "required": ["meow"]},
                  "dog": {"type": "object", "properties": {"bark": {"type": "boolean"}}, "required": ["bark"]}}}
    c = Constraint.json_schema(schema)
    assert both(c, {"pet": {"meow": True}, "catdog": {"meow": True, "bark": False}}) == (True, True)


def test_one_of_is_enforced_as_any_of_and_says_so():
    c = Constraint.json_schema({"oneOf": [{"type": "integer"}, {"type": "number", "maximum": 10}]})
    assert c.notices == ("not enforced while generating, checked with jsonschema after generation: "
                         "oneOf (enforced as anyOf; that only one branch matches)",)
    assert both(c, 2.5) == (True, True) and both(c, 50) == (True, True)
    assert both(c, 3) == (True, False)  # matches both branches: only the check after generation sees it
    assert both(c, "x") == (False, False)
