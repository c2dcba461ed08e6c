"""Token probabilities through the OpenAI-compatible backend: a real llama-cpp-python
server on 127.0.0.1, and hostile servers (tests/backends/test_openai_hostile.py's) that
send none, malformed ones, oversized ones, or the API key inside them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from backends.base import GenerationRequest, Message, SamplingParams, complete
from backends.openai_http import OpenAIHTTPBackend, OpenAIHTTPParams
from backends.openai_logprobs import SERVER_MAX_TOP_LOGPROBS, LogprobCollector
from backends.openai_policy import Secret
from tests.backends.test_openai_hostile import SECRET, Hostile, event, within

MSGS = (Message("user", "Name a colour."),)


def req(k: int, **params: Any) -> GenerationRequest:
    params.setdefault("max_tokens", 6)
    return GenerationRequest(messages=MSGS, params=SamplingParams(temperature=0, **params), logprobs=k)


def chat_chunk(text: str, lp: Any, finish: str | None = None) -> dict[str, Any]:
    return {"choices": [{"index": 0, "delta": {"content": text}, "logprobs": lp, "finish_reason": finish}]}


def entry(token: str, logprob: float, tops: list[tuple[str, float]]) -> dict[str, Any]:
    return {"token": token, "logprob": logprob, "top_logprobs": [{"token": t, "logprob": v} for t, v in tops]}


def serve(chunks: list[dict[str, Any]], seen: list[dict[str, Any]] | None = None):
    def script(h):
        h.start_stream()
        for c in chunks:
            h.send(event(c))
        h.send(event({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}))
        h.send(b"data: [DONE]\n\n")
    return script


@pytest.fixture
def hostile():
    """A hostile server (test_openai_hostile.Hostile) and a backend with the key, per script."""
    servers: list[Hostile] = []

    def make(script):
        srv = Hostile(script)
        servers.append(srv)
        params = OpenAIHTTPParams(base_url=srv.url, backoff_s=0.01, idle_timeout=2.0, request_timeout=5.0)
        return srv, OpenAIHTTPBackend(params, api_key=SECRET)

    yield make
    for s in servers:
        s.close()


@pytest.mark.real
def test_a_real_server_returns_a_trace(llama_server):
    b = OpenAIHTTPBackend(OpenAIHTTPParams(base_url=llama_server, n_ctx=1024))
    r = complete(b, req(3))
    t = r.tokens
    assert t is not None and t.source == "server" and "top 3 only" in t.note
    assert len(t) >= 1 and all(0 < s.prob <= 1 and len(s.top) <= 3 for s in t.steps)
    assert "".join(s.text for s in t.steps) == r.text
    plain = complete(b, GenerationRequest(messages=MSGS, params=SamplingParams(temperature=0, max_tokens=6)))
    assert plain.tokens is None and "logprobs_notice" not in plain.extra


def test_the_request_asks_for_logprobs_with_k_clamped(hostile):
    _, b = hostile(serve([chat_chunk("a", None)]))
    _, body, _, _ = b.payload(req(SERVER_MAX_TOP_LOGPROBS + 10), seed=1)
    assert body["logprobs"] is True and body["top_logprobs"] == SERVER_MAX_TOP_LOGPROBS
    _, body, _, _ = b.payload(GenerationRequest(prompt="x", logprobs=4), seed=1)
    assert body["logprobs"] == 4 and "top_logprobs" not in body
    _, body, _, _ = b.payload(GenerationRequest(prompt="x"), seed=1)
    assert "logprobs" not in body


def test_a_server_that_sends_none_says_so(hostile):
    _, b = hostile(serve([chat_chunk("blue", None)]))
    with within(10):
        r = complete(b, req(5))
    assert r.text == "blue" and r.tokens is None
    assert "returned no token probabilities" in r.extra["logprobs_notice"]


def test_a_clamped_k_is_a_notice_and_the_chat_shape_is_read(hostile):
    lp = {"content": [entry("blue", -0.1, [("blue", -0.1), ("red", -2.5)])]}
    _, b = hostile(serve([chat_chunk("blue", lp)]))
    r = complete(b, req(30))
    assert "at most 20" in r.extra["logprobs_notice"]
    s = r.tokens.steps[0]
    assert (s.text, s.logprob, s.token_id) == ("blue", -0.1, -1)
    assert [a.text for a in s.top] == ["blue", "red"] and s.entropy > 0


def test_the_legacy_completions_shape_is_read():
    c = LogprobCollector(2, 8, Secret(None))
    c.take({"logprobs": {"tokens": ["a", "b"], "token_logprobs": [-0.5, -1.0],
                         "top_logprobs": [{"a": -0.5, "z": -1.5, "y": -3.0}, None]}})
    t, notice = c.trace()
    assert notice is None and [s.text for s in t.steps] == ["a", "b"]
    assert [a.text for a in t.steps[0].top] == ["a", "z"] and t.steps[1].top == ()


HOSTILE_PAYLOADS = [
    "not a dict", 7, [1, 2], {"content": "nope"}, {"content": [None, 3, {"token": 5, "logprob": -1}]},
    {"content": [{"token": "x", "logprob": "high"}]}, {"content": [{"token": "x", "logprob": 3.0}]},
    {"content": [{"token": "x", "logprob": float("nan")}]},
    {"content": [{"token": "x", "logprob": -1, "top_logprobs": "all"}]},
    {"content": [{"token": "x", "logprob": -1, "top_logprobs": [None, {"token": [], "logprob": -1}]}]},
    {"tokens": "abc", "token_logprobs": None}, {"tokens": ["a"], "token_logprobs": [True]},
    {"tokens": ["a"], "token_logprobs": [-1], "top_logprobs": [{"a": "x"}]},
]


@pytest.mark.parametrize("payload", HOSTILE_PAYLOADS)
def test_malformed_payloads_never_raise(payload):
    c = LogprobCollector(3, 4, Secret(None))
    c.take({"logprobs": payload})
    t, notice = c.trace()
    for s in t.steps if t else ():
        assert s.logprob <= 0 and len(s.top) <= 3 and isinstance(s.text, str)
    assert t is not None or notice


def test_sizes_are_bounded():
    c = LogprobCollector(2, 4, Secret(None))
    huge = {"content": [entry("w" * 10_000, -1.0, [("t", -1.0)] * 1000)] * 5000}
    c.take({"logprobs": huge})
    t, _ = c.trace()
    assert len(t) == c.max_steps == 16 and "cut at 16" in t.note
    assert all(len(s.text) <= 256 and len(s.top) == 2 for s in t.steps)


def test_a_malformed_stream_ends_with_a_notice_not_a_crash(hostile):
    chunks = [chat_chunk("a", {"content": [None]}), chat_chunk("b", "garbage")]
    _, b = hostile(serve(chunks))
    r = complete(b, req(2))
    assert r.text == "ab" and r.tokens is None and "malformed" in r.extra["logprobs_notice"]


def test_the_key_never_reaches_a_stored_trace(hostile):
    half = len(SECRET) // 2
    lp1 = {"content": [entry(SECRET[:half], -0.2, [(SECRET, -0.2), ("ok", -3)])]}
    lp2 = {"content": [entry(SECRET[half:], -0.1, [(SECRET[half:], -0.1)])]}
    _, b = hostile(serve([chat_chunk("x", lp1), chat_chunk("y", lp2)]))
    r = complete(b, req(2))
    blob = json.dumps(r.tokens.to_dict())
    assert SECRET not in blob and SECRET[:half] not in blob and SECRET[half:] not in blob
    assert "ok" in blob
