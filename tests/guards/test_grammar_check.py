"""Text against a constraint's llguidance grammar, no model (guards/grammar_check.py)."""

from __future__ import annotations

import json

from guards.constrain import Constraint


def test_a_regex_grammar_accepts_rejects_and_says_where():
    c = Constraint.regex(r"\+?[0-9]{1,3} [0-9]{3} [0-9]{4}")
    assert c.grammar_accepts("+1 415 5550")
    assert not c.grammar_accepts("+1 415 555")  # a prefix: allowed so far, not complete
    assert c.grammar_rejects_at("+1 415 555") is None
    assert c.grammar_rejects_at("+1 41x 5550") == 5
    assert not c.grammar_accepts("+1 415 55500")  # one byte too many
    assert c.grammar_rejects_at("+1 415 55500") == 11


def test_offsets_are_bytes_and_non_ascii_text_is_checked():
    c = Constraint.choice(["café", "naïve"])
    assert c.grammar_accepts("café") and c.grammar_accepts("naïve")
    assert not c.grammar_accepts("cafe")
    assert c.grammar_rejects_at("cafè") == 4  # é and è share their first byte (C3): the second differs
    assert c.grammar_rejects_at("") is None and not c.grammar_accepts("")


def test_a_schema_with_a_closed_object_rejects_an_extra_key_without_raising():
    """The case guidance's ByteParser raised on (TokenParserException: NoExtensionBias)."""
    schema = {"allOf": [{"properties": {"foo": {"type": "string"}}},
                        {"properties": {"bar": {"type": "integer"}}, "additionalProperties": False}]}
    c = Constraint.json_schema(schema, close_objects=False)
    text = json.dumps({"bar": 2, "baz": None, "foo": "quux", "extra": "value"})
    assert c.grammar_accepts(text) is False
    at = c.grammar_rejects_at(text)
    assert isinstance(at, int) and 0 < at < len(text)
    assert c.grammar_accepts(json.dumps({"bar": 2}))
