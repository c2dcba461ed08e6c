"""Tool definitions and documents as checked data; tool calls parsed from the common
formats; the tool_call check validates arguments against each tool's schema."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import GuardError
from guards.checks import build_check
from guards.tool_calls import normalize_documents, normalize_tools, parse_tool_calls

WEATHER = {"name": "get_weather", "description": "The weather in a city.",
           "parameters": {"type": "object", "properties": {"city": {"type": "string"},
                                                           "unit": {"enum": ["c", "f"]}}, "required": ["city"]}}
TIME = {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}}


def test_definitions_are_wrapped_and_checked():
    tools = normalize_tools([WEATHER, TIME])
    assert tools[0] == {"type": "function", "function": WEATHER}
    assert tools[1] == TIME
    assert normalize_tools({"tools": [TIME]}) == (TIME,)
    assert normalize_tools(None) is None


@pytest.mark.parametrize("tools,message", [
    ("get_weather", "tools must be a list of function definitions"),
    ([{"description": "x"}], "tool 1: the name must be letters"),
    ([{"name": "has space"}], "the name must be letters"),
    ([WEATHER, WEATHER], "the name 'get_weather' is used twice"),
    ([{"name": "f", "parameters": {"type": "objekt"}}], "tool 'f': invalid parameters schema at $.type"),
    ([{"name": "f", "parameters": []}], "parameters must be a JSON schema object"),
    ([{"name": "f", "params": {}}], "unknown key 'params'"),
    ([{"type": "retrieval", "function": {"name": "f"}}], "only tools of type 'function'"),
    ([{"name": f"f{i}"} for i in range(200)], "200 tools is more than the limit of 128"),
])
def test_bad_definitions_are_one_clear_line(tools, message):
    with pytest.raises(GuardError) as err:
        normalize_tools(tools)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_documents():
    assert normalize_documents(["plain text"]) == ({"text": "plain text"},)
    assert normalize_documents({"title": "T", "text": "x"}) == ({"title": "T", "text": "x"},)
    with pytest.raises(GuardError, match="document 1: keys and values must be text"):
        normalize_documents([{"title": 3}])
    with pytest.raises(GuardError, match="over the limit"):
        normalize_documents([{"text": "x" * 2_000_001}])


@pytest.mark.parametrize("text,fmt,calls", [
    ('<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>', "hermes",
     [("get_weather", {"city": "Paris"})]),
    (('Let me check.<tool_call>{"name": "get_time", "arguments": {}}</tool_call>\n'
      '<tool_call>{"name": "get_weather", "arguments": {"city": "Oslo"}}</tool_call>'), "hermes",
     [("get_time", {}), ("get_weather", {"city": "Oslo"})]),
    ('<tool_call>[{"name": "get_weather", "arguments": {"city": "Rome"}}]</tool_call>', "hermes",  # SmolLM2
     [("get_weather", {"city": "Rome"})]),
    ('<tool_call>{"name": "get_weather", "arguments": {"city": "Lima"}}', "hermes",  # stopped before the tag
     [("get_weather", {"city": "Lima"})]),
    ('[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Nice"}}, {"name": "get_time", "arguments": {}}]',
     "mistral", [("get_weather", {"city": "Nice"}), ("get_time", {})]),
    ('[TOOL_CALLS]get_weather[ARGS]{"city": "Bern"}[TOOL_CALLS]get_time[ARGS]{}', "mistral",
     [("get_weather", {"city": "Bern"}), ("get_time", {})]),
    ('{"name": "get_weather", "parameters": {"city": "Kyiv"}}', "json", [("get_weather", {"city": "Kyiv"})]),
    ('<|python_tag|>{"name": "get_weather", "parameters": {"city": "Baku"}}; {"name": "get_time", "parameters": {}}',
     "json", [("get_weather", {"city": "Baku"}), ("get_time", {})]),
    ('```json\n{"name": "get_weather", "arguments": "{\\"city\\": \\"Riga\\"}"}\n```', "json",
     [("get_weather", {"city": "Riga"})]),
])
def test_parses_the_common_formats(text, fmt, calls):
    found = parse_tool_calls(text)
    assert [(c.name, c.arguments) for c in found] == calls
    assert {c.format for c in found} == {fmt} and all(c.problem is None for c in found)
    assert all(0 <= c.start < c.end <= len(text) for c in found)


@pytest.mark.parametrize("text", [
    "The weather in Paris is sunny.", '{"people": ["Ada"]}', "", '{"name": "x"} and more prose',
    "I would call get_weather with city=Paris.",
])
def test_prose_and_other_json_are_not_calls(text):
    assert parse_tool_calls(text) == []


def test_broken_calls_say_why():
    (call,) = parse_tool_calls("<tool_call>get_weather(city=Paris)</tool_call>")
    assert call.problem == "the text inside <tool_call> is not JSON"
    (call,) = parse_tool_calls('<tool_call>{"arguments": {}}</tool_call>')
    assert call.problem == "the call has no name"
    (call,) = parse_tool_calls('[TOOL_CALLS][{"name": "f", "arguments": "{oops"}]')
    assert call.name == "f" and call.problem == "the arguments are not valid JSON"
    assert json.dumps(call.to_dict())  # a plain value for the run log


@pytest.mark.parametrize("text,verdict,message", [
    ('<tool_call>{"name": "get_weather", "arguments": {"city": "Paris", "unit": "c"}}</tool_call>', "pass",
     "1 tool call (get_weather), arguments match the schemas"),
    ('<tool_call>{"name": "get_weather", "arguments": {"unit": "c"}}</tool_call>', "fail",
     "call 1 (get_weather): arguments do not match the schema at $: 'city' is a required property"),
    ('<tool_call>{"name": "get_weather", "arguments": {"city": "Paris", "unit": "k"}}</tool_call>', "fail",
     "call 1 (get_weather): arguments do not match the schema at $.unit: 'k' is not one of ['c', 'f']"),
    ('<tool_call>{"name": "get_news", "arguments": {}}</tool_call>', "fail",
     "call 1 (get_news): no tool named 'get_news'; known: get_time, get_weather"),
    ("<tool_call>nope</tool_call>", "fail", "call 1: the text inside <tool_call> is not JSON"),
    ("It is sunny.", "pass", "no tool call in the answer"),
])
def test_tool_call_check(text, verdict, message):
    result = build_check("tool_call", tools=[WEATHER, TIME]).run(text)
    assert (result.verdict, result.message) == (verdict, message)
    if "<tool_call>" in text:
        assert result.spans and result.spans[0].start == 0


def test_tool_call_check_options():
    assert build_check("tool_call", tools=[WEATHER], required=True).run("It is sunny.").verdict == "fail"
    assert build_check("tool_call", tools=json.dumps([WEATHER])).validators.keys() == {"get_weather"}
    with pytest.raises(GuardError, match="tool_call: give the tool definitions"):
        build_check("tool_call")
    with pytest.raises(GuardError, match="tool 'f': invalid parameters schema"):
        build_check("tool_call", tools=[{"name": "f", "parameters": {"type": 5}}])
    with pytest.raises(GuardError, match="required must be true or false"):
        build_check("tool_call", tools=[WEATHER], required="yes")


@pytest.mark.parametrize("text", ["[" * 100_000, "<tool_call>" + "[" * 100_000, "[TOOL_CALLS]" + "{" * 100_000,
                                  "```json\n" + "[" * 100_000 + "\n```"])
def test_pathological_output_is_no_call_not_a_crash(text):
    calls = parse_tool_calls(text)
    assert all(c.problem for c in calls)
    assert build_check("tool_call", tools=[WEATHER]).run(text).verdict in ("pass", "fail")
    assert build_check("json").run(text).verdict == "fail"


def test_deep_arguments_and_many_calls_are_bounded():
    deep = '<tool_call>{"name": "get_weather", "arguments": ' + "[" * 500 + "]" * 500 + "}</tool_call>"
    (call,) = parse_tool_calls(deep)
    assert call.arguments is None and call.problem == "the arguments are nested more than 64 levels deep"
    many = '[TOOL_CALLS]get_time[ARGS]{}' * 5000
    assert len(parse_tool_calls(many)) == 64


_PIECES = [*'<>/[]{}":,; \nabc1', "<tool_call>", "</tool_call>", "[TOOL_CALLS]", "[ARGS]", '"name"',
           '"arguments"', '"parameters"', "```json\n", "```", "<|python_tag|>"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_any_text_parses_without_raising(text):
    for call in parse_tool_calls(text):
        assert 0 <= call.start <= call.end <= len(text)
        assert call.problem is not None or isinstance(call.name, str)
    assert build_check("tool_call", tools=[WEATHER, TIME]).run(text).verdict in ("pass", "fail")
