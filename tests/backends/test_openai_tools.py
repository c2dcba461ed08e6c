"""Tools through an OpenAI-compatible server (a fake one on 127.0.0.1): sent as ``tools``
and ``chat_template_kwargs.documents``; calls streamed in ``delta.tool_calls`` come back as
``<tool_call>`` text that the run path parses and checks."""

from __future__ import annotations

import json

from backends.base import GenerationRequest, GenerationResult, Message, TokenEvent
from runs.spec import RunSpec
from tests.backends.test_openai_http import fake, sse, stream_reply  # noqa: F401 (fake is a fixture)

TOOL = {"type": "function", "function": {"name": "order_status", "description": "Looks up an order.",
                                         "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}},
                                                        "required": ["order_id"]}}}
DOCS = ({"title": "Policy", "text": "Orders ship in 2 days."},)


def tool_delta(index: int, name: str | None = None, args: str | None = None) -> dict:
    fn = {k: v for k, v in (("name", name), ("arguments", args)) if v is not None}
    return {"choices": [{"index": 0, "delta": {"tool_calls": [{"index": index, "type": "function", "function": fn}]},
                         "finish_reason": None}]}


CALLS = sse(tool_delta(0, "order_status", ""), tool_delta(0, args='{"order_'), tool_delta(0, args='id": "12345"}'),
            tool_delta(1, "order_status", '{"order_id": 7}'),
            {"choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]})


def test_tools_are_sent_and_streamed_calls_come_back_as_text(fake):  # noqa: F811 (the fixture)
    srv, backend = fake(lambda h, n: stream_reply(h, CALLS))
    request = GenerationRequest(messages=(Message("user", "Where is order 12345?"),), tools=(TOOL,), documents=DOCS)
    events = list(backend.stream(request))
    sent = srv.generations[0]
    assert sent["tools"] == [TOOL] and sent["chat_template_kwargs"] == {"documents": list(DOCS)}
    result = events[-1]
    assert isinstance(result, GenerationResult) and result.finish_reason == "stop"
    assert result.extra["server_finish_reason"] == "tool_calls"
    assert [e.text for e in events if isinstance(e, TokenEvent)] == [result.text]
    assert result.text == ('<tool_call>{"name": "order_status", "arguments": {"order_id": "12345"}}</tool_call>\n'
                           '<tool_call>{"name": "order_status", "arguments": {"order_id": 7}}</tool_call>')
    assert result.sent_text.startswith('<tools>\n{"type": "function"') and "<documents>\n" in result.sent_text


def test_a_server_run_parses_and_checks_the_calls(fake, home):  # noqa: F811 (the fixture)
    from runs.engine import Engine

    srv, _ = fake(lambda h, n: stream_reply(h, CALLS))
    engine = Engine.open(home, search_dirs=[])
    try:
        out = engine.pipeline.run(RunSpec(prompt="Where is order 12345?", backend="openai", base_url=srv.url,
                                          tools=[TOOL]))
        assert out.status == "ok", out.error
        assert [(c["name"], c["arguments"]) for c in out.tool_calls] == [
            ("order_status", {"order_id": "12345"}), ("order_status", {"order_id": 7})]
        (check,) = [c for c in out.checks if c["name"] == "tool_call"]
        assert check["verdict"] == "fail"
        assert check["message"] == ("call 2 (order_status): arguments do not match the schema at $.order_id: "
                                    "7 is not of type 'string'")
        assert json.loads(engine.store.get_run(out.run_id)["extra_json"])["tool_calls"] == out.tool_calls
    finally:
        engine.close()
