"""key_order="any": an object's keys in any order, each still held to its own subschema."""

from __future__ import annotations

import json

import pytest

from common.errors import GuardError
from guards.constrain import Constraint

SHAPE = {"type": "object", "required": ["shape"],
         "properties": {"shape": {"enum": ["circle", "square"]}, "radius": {"type": "number"},
                        "a.b": {"type": "string"}}}


def test_schema_order_refuses_what_any_order_accepts():
    text = '{"radius": 2, "shape": "circle"}'
    assert not Constraint.json_schema(SHAPE, close_objects=False).grammar_accepts(text)
    c = Constraint.json_schema(SHAPE, close_objects=False, key_order="any")
    assert c.grammar_accepts(text)
    assert c.grammar_accepts('{"a.b": "x", "shape": "square"}')  # a regex metacharacter in a name
    assert not c.grammar_accepts('{"radius": "two", "shape": "circle"}')  # values still held to their schema
    closed = Constraint.json_schema(SHAPE, key_order="any")
    assert not closed.grammar_accepts('{"axb": "x", "shape": "circle"}')  # the '.' in "a.b" is literal


def test_closed_objects_still_refuse_unnamed_keys_in_any_order():
    c = Constraint.json_schema(SHAPE, key_order="any")
    assert c.grammar_accepts('{"radius": 1, "shape": "circle"}')
    assert not c.grammar_accepts('{"colour": "red", "shape": "circle"}')


def test_required_is_checked_after_generation_and_said():
    c = Constraint.json_schema(SHAPE, close_objects=False, key_order="any")
    assert any("required (keys accepted in any order)" in n for n in c.notices)
    assert c.grammar_accepts('{"radius": 1}')  # the grammar no longer forces it ...
    ok, _, err = c.check('{"radius": 1}')  # ... the check after generation does
    assert not ok and "required" in err


def test_refs_into_properties_keep_schema_order():
    schema = {"type": "object", "properties": {"b": {"type": "integer"}, "a": {"$ref": "#/properties/b"}}}
    c = Constraint.json_schema(schema, close_objects=False, key_order="any")
    assert any("kept as the schema lists it" in n for n in c.notices)
    assert c.grammar_accepts('{"b": 1, "a": 2}')


def test_overlapping_pattern_properties_keep_schema_order():
    schema = {"type": "object", "properties": {"x-id": {"type": "integer"}, "name": {"type": "string"}},
              "patternProperties": {"^x-": {"type": "integer"}}}
    c = Constraint.json_schema(schema, close_objects=False, key_order="any")
    assert any("kept as the schema lists it" in n for n in c.notices)


def test_key_order_round_trips_and_bad_values_are_refused():
    c = Constraint.json_schema(SHAPE, key_order="any")
    d = c.to_dict()
    assert d["key_order"] == "any"
    assert Constraint.from_dict(json.loads(json.dumps(d))).key_order == "any"
    assert "key_order" not in Constraint.json_schema(SHAPE).to_dict()
    with pytest.raises(GuardError, match="key_order must be one of schema, any"):
        Constraint.json_schema(SHAPE, key_order="sorted")


def test_cli_flag_needs_a_json_schema(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "main.py", "--home", str(tmp_path), "run", "hi", "--regex", "a+",
                           "--json-any-key-order"], capture_output=True, text=True, cwd=root, timeout=60, check=False)
    assert proc.returncode != 0
    assert proc.stderr.strip().splitlines()[-1].endswith("--json-any-key-order applies to --json-schema only")
