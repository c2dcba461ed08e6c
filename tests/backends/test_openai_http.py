"""The OpenAI-compatible HTTP backend: against llama-cpp-python's own server on the
bundled SmolLM2 (contract, modes, constraints, concurrency), and against small fake
servers written here for every way a server can fail."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from backends.base import CancelToken, GenerationRequest, GenerationResult, Message, SamplingParams, TokenEvent, complete
from backends.local_server import free_port
from backends.openai_http import OpenAIHTTPBackend, OpenAIHTTPParams, run_concurrently
from backends.openai_wire import choices_gbnf, constraint_payload
from common.errors import BackendError, InvalidParamsError
from guards.constrain import Constraint
from tests.backend_contract import BackendContract, chat

SECRET = "sk-test-0123456789abcdef-SECRET"


# =====================================================================================
# the real server: llama-cpp-python's OpenAI-compatible server on the bundled model
# =====================================================================================
@pytest.fixture(scope="module")
def backend(llama_server):
    b = OpenAIHTTPBackend(OpenAIHTTPParams(base_url=llama_server, n_ctx=1024))
    yield b
    b.close()


@pytest.fixture
def failing_request():
    return chat("word " * 2000, max_tokens=4)  # over the server's 1024-token context


@pytest.mark.real
class TestServerContract(BackendContract):
    pass


@pytest.mark.real
class TestAgainstLlamaCppPythonServer:
    def test_discovers_the_server_and_its_model(self, backend, smollm2):
        assert backend.server_kind == "llama-cpp-python"
        assert backend.list_models() == [str(smollm2)]
        assert backend.info.name == str(smollm2)
        assert backend.n_ctx == 1024
        assert backend.chat_format == "server-side"

    def test_counts_tokens_with_the_servers_tokenizer(self, backend):
        # SmolLM2 has no BOS token, so "hello world" is two tokens
        assert backend.count_tokens("hello world") == 2

    def test_completion_mode_goes_to_v1_completions(self, backend):
        req = GenerationRequest(prompt="Once upon a time", params=SamplingParams(temperature=0, max_tokens=4))
        r = complete(backend, req)
        assert r.sent_text == "Once upon a time" and r.chat_format is None
        assert r.finish_reason == "length" and r.timings.completion_tokens == 4
        assert r.extra["prompt_tokens_source"] == "server tokenize endpoint"
        assert r.timings.prompt_tokens == 4

    def test_chat_render_is_a_plain_view_and_says_so(self, backend):
        req = GenerationRequest(messages=(Message("system", "Be brief."), Message("user", "Hi")))
        assert backend.render(req) == "<system>\nBe brief.\n</system>\n<user>\nHi\n</user>\n<assistant>\n"
        r = complete(backend, GenerationRequest(messages=req.messages, params=SamplingParams(temperature=0, max_tokens=3)))
        assert r.chat_format == "server-side"
        assert "plain-text view" in r.extra["prompt_tokens_source"]

    def test_greedy_is_reproducible_and_the_seed_is_recorded(self, backend):
        a = complete(backend, chat("Name a fruit.", temperature=0.9, seed=7, max_tokens=8))
        b = complete(backend, chat("Name a fruit.", temperature=0.9, seed=7, max_tokens=8))
        assert a.extra["seed"] == 7 and a.text == b.text

    def test_json_schema_through_response_format(self, backend):
        schema = {"type": "object", "properties": {"name": {"type": "string", "maxLength": 12}}, "required": ["name"]}
        c = Constraint.json_schema(schema)
        req = GenerationRequest(messages=(Message("user", "Give a person as JSON."),),
                                params=SamplingParams(temperature=0, max_tokens=40), constraint=c)
        r = complete(backend, req)
        assert r.extra["constraint_mechanism"] == "server response_format json_object with schema"
        assert c.matches(r.text), r.text

    def test_choice_through_a_server_grammar(self, backend):
        c = Constraint.choice(["yes", "no"])
        req = GenerationRequest(messages=(Message("user", "Is the sky blue?"),),
                                params=SamplingParams(temperature=0, max_tokens=5), constraint=c)
        r = complete(backend, req)
        assert r.extra["constraint_mechanism"] == "server grammar"
        assert r.text in ("yes", "no")

    def test_regex_is_not_enforced_and_is_checked_after(self, backend):
        c = Constraint.regex(r"[0-9]{3}")
        req = GenerationRequest(messages=(Message("user", "Say hi."),),
                                params=SamplingParams(temperature=0, max_tokens=3), constraint=c)
        r = complete(backend, req)
        assert r.extra["constraint_mechanism"].startswith("not enforced (server has no support for regexes)")
        assert r.extra["constraint_ok"] is c.matches(r.text)

    def test_concurrent_streams_share_one_backend(self, backend):
        reqs = [chat(f"Count to {i}.", temperature=0, max_tokens=4) for i in (2, 3, 4)]
        results = run_concurrently(backend, reqs, 3)
        assert all(isinstance(r, GenerationResult) for r in results), results
        assert [r.sent_text for r in results] == [backend.render(q) for q in reqs]
        serial = [complete(backend, q).text for q in reqs]
        assert [r.text for r in results] == serial

    def test_unknown_model_name_is_refused_clearly(self, llama_server):
        b = OpenAIHTTPBackend(OpenAIHTTPParams(base_url=llama_server + "/v1", model="gpt-99"))
        with pytest.raises(BackendError, match="has no model 'gpt-99'"):
            b.load()


# =====================================================================================
# fake servers: every way a server can fail
# =====================================================================================
Script = Callable[[BaseHTTPRequestHandler, int], None]  # (handler, n-th generation request)


def sse(*chunks: Any, done: bool = True) -> bytes:
    body = b"".join(b"data: " + (c if isinstance(c, bytes) else json.dumps(c).encode()) + b"\n\n" for c in chunks)
    return body + (b"data: [DONE]\n\n" if done else b"")


def delta(text: str | None = None, finish: str | None = None) -> dict[str, Any]:
    d = {"content": text} if text is not None else {}
    return {"choices": [{"index": 0, "delta": d, "finish_reason": finish}]}


GOOD = sse(delta("Hel"), delta("lo"), delta(finish="stop"),
           {"choices": [], "usage": {"prompt_tokens": 9, "completion_tokens": 2}})


class FakeServer:
    """A tiny OpenAI-ish server; ``script`` answers the generation requests."""

    def __init__(self, script: Script, *, llama_cpp_python: bool = False):
        self.generations: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: Any) -> None:
                pass

            def do_GET(self) -> None:
                if self.path == "/v1/models":
                    self.reply(200, {"object": "list", "data": [{"id": "fake-model"}]})
                else:
                    self.reply(404, {"detail": "Not Found"})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                if llama_cpp_python and self.path == "/extras/tokenize/count":
                    self.reply(200, {"count": len(str(body.get("input", "")).split())})
                    return
                if not self.path.endswith("completions"):
                    self.reply(404, {"detail": "Not Found"})
                    return
                with outer.lock:
                    outer.paths.append(self.path)
                    outer.generations.append(body)
                    outer.headers.append({k.lower(): v for k, v in self.headers.items()})
                    n = len(outer.generations)
                self.body = body
                script(self, n)

            def reply(self, status: int, obj: Any) -> None:
                data = json.dumps(obj).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def stream_reply(h: BaseHTTPRequestHandler, body: bytes, *, close: bool = True) -> None:
    """An SSE body, delimited by closing the connection (a clean end)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/event-stream")
    if close:
        h.send_header("Connection", "close")
        h.close_connection = True
    else:
        h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)
    h.wfile.flush()


def vanish_after(h: BaseHTTPRequestHandler, body: bytes) -> None:
    """Chunked encoding, then the connection drops without the final chunk."""
    h.send_response(200)
    h.send_header("Content-Type", "text/event-stream")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    h.wfile.write(f"{len(body):x}\r\n".encode() + body + b"\r\n")
    h.wfile.flush()
    time.sleep(0.05)
    h.connection.shutdown(socket.SHUT_RDWR)
    h.close_connection = True


def status(code: int, message: str) -> Script:
    return lambda h, n: h.reply(code, {"error": {"message": message, "type": "x"}})


@pytest.fixture
def fake(request):
    servers: list[FakeServer] = []

    def make(script: Script, *, llama_cpp_python: bool = False, **params: Any) -> tuple[FakeServer, OpenAIHTTPBackend]:
        srv = FakeServer(script, llama_cpp_python=llama_cpp_python)
        servers.append(srv)
        p = OpenAIHTTPParams(base_url=srv.url, backoff_s=0.01, **params)
        return srv, OpenAIHTTPBackend(p, api_key=SECRET)

    yield make
    for s in servers:
        s.close()


def run(backend: OpenAIHTTPBackend, **params: Any) -> tuple[list[str], GenerationResult | None, BackendError | None]:
    """Tokens seen, the result, and the error (partial output is what was seen)."""
    seen: list[str] = []
    try:
        for ev in backend.stream(chat("hi", max_tokens=params.pop("max_tokens", 8), **params)):
            if isinstance(ev, TokenEvent):
                seen.append(ev.text)
            else:
                return seen, ev, None
    except BackendError as exc:
        assert "\n" not in str(exc)
        assert SECRET not in str(exc)
        return seen, None, exc
    raise AssertionError("stream ended without a result")


class TestFakeServers:
    def test_a_good_stream_uses_the_servers_usage(self, fake):
        srv, b = fake(lambda h, n: stream_reply(h, GOOD, close=False))
        seen, r, err = run(b)
        assert err is None and seen == ["Hel", "lo"] and r.text == "Hello"
        assert r.finish_reason == "stop"
        assert (r.timings.prompt_tokens, r.timings.completion_tokens) == (9, 2)
        assert r.extra["prompt_tokens_source"] == r.extra["completion_tokens_source"] == "server usage"
        assert srv.headers[0]["authorization"] == f"Bearer {SECRET}"
        sent = srv.generations[0]
        assert sent["stream"] is True and sent["stream_options"] == {"include_usage": True}
        assert "top_k" not in sent and r.extra["params_not_sent"] == ["top_k", "min_p", "repeat_penalty"]
        assert b.server_kind == "openai"

    def test_what_a_llama_cpp_python_server_is_sent(self, fake):
        srv, b = fake(lambda h, n: stream_reply(h, sse(delta("yes"), delta(finish="stop"))), llama_cpp_python=True)
        assert b.server_kind == "llama-cpp-python" and b.count_tokens("three words here") == 3
        r = complete(b, GenerationRequest(messages=(Message("user", "ok?"),), constraint=Constraint.choice(["yes", "no"]),
                                          params=SamplingParams(temperature=0, max_tokens=3, stop=("\n",), seed=5)))
        assert r.text == "yes" and r.extra["constraint_mechanism"] == "server grammar"
        sent = srv.generations[0]
        assert srv.paths[0] == "/v1/chat/completions" and sent["messages"] == [{"role": "user", "content": "ok?"}]
        assert sent["grammar"] == choices_gbnf(["yes", "no"])  # through extra_body
        assert (sent["top_k"], sent["min_p"], sent["repeat_penalty"]) == (40, 0.05, 1.1)
        assert (sent["max_tokens"], sent["stop"], sent["seed"], sent["temperature"]) == (3, ["\n"], 5, 0)
        complete(b, GenerationRequest(prompt="Once", params=SamplingParams(max_tokens=2)))
        assert srv.paths[1] == "/v1/completions" and srv.generations[1]["prompt"] == "Once"
        assert r.extra["limits"] == b.params.limits()

    @pytest.mark.parametrize("tail", [b"\n", b""])
    def test_a_last_event_without_its_blank_line_still_counts(self, fake, tail):
        body = sse(delta("Hi"), done=False) + b"data: " + json.dumps(delta(finish="stop")).encode() + tail
        _, b = fake(lambda h, n: stream_reply(h, body))
        _, r, err = run(b)
        assert err is None and r.text == "Hi" and r.finish_reason == "stop"

    def test_server_timings_are_kept(self, fake):
        timings = {"prompt_n": 9, "prompt_ms": 12.5, "predicted_n": 2, "predicted_ms": 30.0}
        body = sse(delta("Hi"), {**delta(finish="length"), "timings": timings})
        _, b = fake(lambda h, n: stream_reply(h, body))
        _, r, _ = run(b, max_tokens=1)
        assert r.extra["server_timings"] == timings
        assert r.finish_reason == "length" and r.timings.completion_tokens == 1

    def test_connection_keeps_alive_between_requests(self, fake):
        srv, b = fake(lambda h, n: stream_reply(h, GOOD, close=False))
        for _ in range(3):
            assert run(b)[1].text == "Hello"
        assert len(srv.generations) == 3

    def test_server_down(self):
        url = f"http://127.0.0.1:{free_port()}/v1"
        b = OpenAIHTTPBackend(OpenAIHTTPParams(base_url=url, backoff_s=0.01), api_key=SECRET)
        with pytest.raises(BackendError) as err:
            complete(b, chat("hi"))
        assert str(err.value) == f"cannot reach the server at {url}: connection refused (tried 3 times)"

    def test_read_timeout_is_not_retried(self, fake):
        srv, b = fake(lambda h, n: time.sleep(1.0), idle_timeout=0.3)
        _, _, err = run(b)
        assert str(err) == f"the server at {srv.url} did not answer within 0.3 s (not retried)"
        assert len(srv.generations) == 1

    def test_silence_mid_stream_times_out_keeping_partial_output(self, fake):
        def slow(h, n):
            h.send_response(200)
            h.send_header("Content-Type", "text/event-stream")
            h.send_header("Connection", "close")
            h.end_headers()
            h.wfile.write(sse(delta("Hel"), done=False))
            h.wfile.flush()
            time.sleep(1.0)

        srv, b = fake(slow, idle_timeout=0.3)
        seen, _, err = run(b)
        assert seen == ["Hel"]
        assert "sent nothing for 0.3 s after 1 tokens (idle timeout)" in str(err)

    def test_401_names_the_problem_and_never_the_key(self, fake):
        srv, b = fake(status(401, f"Incorrect API key provided: {SECRET}"))
        _, _, err = run(b)
        assert str(err).startswith(f"the server at {srv.url} refused the API key (HTTP 401)")
        assert "***" in str(err)  # the server's echo of the key, scrubbed
        assert len(srv.generations) == 1

    def test_401_without_a_key_says_one_is_needed(self, fake):
        srv = FakeServer(status(401, "no key"))
        try:
            b = OpenAIHTTPBackend(OpenAIHTTPParams(base_url=srv.url))
            with pytest.raises(BackendError, match=r"needs an API key \(pass api_key or api_key_env\) \(HTTP 401\)"):
                complete(b, chat("hi"))
            assert "authorization" not in srv.headers[0]
        finally:
            srv.close()

    def test_404_points_at_the_base_url(self, fake):
        srv, b = fake(status(404, "nope"))
        _, _, err = run(b)
        assert "has no /v1/chat/completions (HTTP 404); check the base URL" in str(err)
        assert len(srv.generations) == 1

    def test_500_is_reported_and_not_retried(self, fake):
        srv, b = fake(status(500, "model crashed\nTraceback (most recent call last): ..."))
        _, _, err = run(b)
        assert str(err) == f"the server at {srv.url} answered HTTP 500: model crashed"
        assert len(srv.generations) == 1

    def test_503_is_retried_then_succeeds(self, fake):
        def flaky(h, n):
            if n <= 2:
                h.reply(503, {"error": {"message": "loading model"}})
            else:
                stream_reply(h, GOOD)

        srv, b = fake(flaky)
        _, r, err = run(b)
        assert err is None and r.text == "Hello" and r.extra["retries"] == 2
        assert len(srv.generations) == 3

    def test_503_gives_up_after_two_retries(self, fake):
        srv, b = fake(status(503, "overloaded"))
        _, _, err = run(b)
        assert str(err) == f"the server at {srv.url} answered HTTP 503: overloaded (tried 3 times)"
        assert len(srv.generations) == 3

    def test_429_is_retried(self, fake):
        srv, b = fake(status(429, "slow down"))
        _, _, err = run(b)
        assert "rate-limiting requests (HTTP 429): slow down (tried 3 times)" in str(err)
        assert len(srv.generations) == 3

    def test_retries_are_configurable(self, fake):
        srv, b = fake(status(502, "bad gateway"), max_retries=0)
        run(b)
        assert len(srv.generations) == 1

    def test_malformed_sse(self, fake):
        body = sse(delta("Hel")) .replace(b"data: [DONE]", b"data: {not json")
        srv, b = fake(lambda h, n: stream_reply(h, body))
        seen, _, err = run(b)
        assert seen == ["Hel"]
        assert str(err) == f"the server at {srv.url} sent malformed streaming data after 1 tokens: not JSON: '{{not json'"
        assert len(srv.generations) == 1

    def test_not_an_event_stream_at_all(self, fake):
        srv, b = fake(lambda h, n: stream_reply(h, b"<html>gateway</html>\n"))
        _, _, err = run(b)
        assert "malformed streaming data after 0 tokens: not a server-sent event line" in str(err)

    def test_error_event_mid_stream(self, fake):
        body = sse(delta("Hel"), {"error": {"message": "KV cache full"}}, done=False)
        srv, b = fake(lambda h, n: stream_reply(h, body))
        seen, _, err = run(b)
        assert seen == ["Hel"]
        assert str(err) == f"the server at {srv.url} reported an error after 1 tokens: KV cache full"

    def test_truncated_stream_keeps_partial_output_and_is_not_retried(self, fake):
        srv, b = fake(lambda h, n: stream_reply(h, sse(delta("Hel"), delta("lo"), done=False)))
        seen, _, err = run(b)
        assert seen == ["Hel", "lo"]
        assert str(err) == f"the stream from {srv.url} ended after 2 tokens without a finish reason"
        assert len(srv.generations) == 1

    def test_done_without_a_finish_reason_is_truncation(self, fake):
        srv, b = fake(lambda h, n: stream_reply(h, sse(delta("Hel"))))
        _, _, err = run(b)
        assert "ended after 1 tokens without a finish reason" in str(err)

    def test_server_vanishes_mid_stream(self, fake):
        srv, b = fake(lambda h, n: vanish_after(h, sse(delta("Hel"), delta("lo"), done=False)))
        seen, _, err = run(b)
        assert seen == ["Hel", "lo"]
        assert str(err).startswith(f"the connection to {srv.url} was lost after 2 tokens: ")
        assert len(srv.generations) == 1  # never retried once tokens were streamed

    def test_dropped_before_the_first_token_is_retried(self, fake):
        def drop_first(h, n):
            if n == 1:
                vanish_after(h, b": ping\n\n")
            else:
                stream_reply(h, GOOD)

        srv, b = fake(drop_first)
        _, r, err = run(b)
        assert err is None and r.text == "Hello" and r.extra["retries"] == 1

    def test_cancel_closes_the_stream(self, fake):
        many = sse(*[delta(f"t{i} ") for i in range(50)], delta(finish="length"))
        srv, b = fake(lambda h, n: stream_reply(h, many))
        cancel = CancelToken()
        seen = []
        for ev in b.stream(chat("hi", max_tokens=50), cancel):
            if isinstance(ev, TokenEvent):
                seen.append(ev.text)
                if len(seen) == 3:
                    cancel.cancel()
            else:
                result = ev
        assert result.finish_reason == "cancelled" and len(seen) == 3
        assert result.timings.completion_tokens == 3

    def test_the_key_is_in_no_repr_dict_notice_or_result(self, fake, monkeypatch):
        monkeypatch.setenv("MY_KEY_VAR", SECRET)
        srv = FakeServer(lambda h, n: stream_reply(h, GOOD))
        try:
            b = OpenAIHTTPBackend(OpenAIHTTPParams(base_url=srv.url.replace("http://", "http://user:pw@"),
                                                   api_key_env="MY_KEY_VAR"))
            r = complete(b, chat("hi"))
            assert srv.headers[0]["authorization"] == f"Bearer {SECRET}"
            blob = " ".join([repr(b), str(vars(b)), json.dumps(b.params.to_dict()), repr(b.params),
                             repr(b.info), " ".join(b.notices), json.dumps(r.extra, default=str), repr(r)])
            assert SECRET not in blob and "pw" not in json.dumps(b.params.to_dict()) and "pw@" not in b.url
        finally:
            srv.close()

    def test_missing_key_env_var_is_named(self, monkeypatch):
        monkeypatch.delenv("NO_SUCH_KEY_VAR", raising=False)
        with pytest.raises(InvalidParamsError, match="environment variable NO_SUCH_KEY_VAR"):
            OpenAIHTTPBackend(OpenAIHTTPParams(base_url="http://127.0.0.1:1", api_key_env="NO_SUCH_KEY_VAR"))

    def test_bad_url(self):
        with pytest.raises(InvalidParamsError, match="not an http"):
            OpenAIHTTPBackend("localhost:8080")

    def test_run_concurrently_keeps_order_and_hands_back_errors(self, fake):
        def script(h, n):
            word = h.body["messages"][-1]["content"]
            if word == "fail":
                h.reply(400, {"error": {"message": "bad request"}})
            else:
                time.sleep(0.2)
                stream_reply(h, sse(delta(word), delta(finish="stop")))

        srv, b = fake(script)
        complete(b, chat("warm-up"))  # discovery and the client's first-call imports are not what is timed
        reqs = [chat(w) for w in ("a", "b", "fail", "c", "d", "e")]
        t0 = time.perf_counter()
        out = run_concurrently(b, reqs, 3)
        took = time.perf_counter() - t0
        assert [r.text if isinstance(r, GenerationResult) else "ERR" for r in out] == ["a", "b", "ERR", "c", "d", "e"]
        assert isinstance(out[2], BackendError) and "HTTP 400: bad request" in str(out[2])
        assert took < 0.2 * 5 * 0.7  # five slow answers, three at a time: well under serial
        with pytest.raises(InvalidParamsError):
            run_concurrently(b, reqs, 0)


# =====================================================================================
# pure functions
# =====================================================================================
class TestMapping:

    def test_choice_grammar_escapes(self):
        assert choices_gbnf(['say "hi"', "a\\b\n"]) == 'root ::= "say \\"hi\\"" | "a\\\\b\\n"\n'

    @pytest.mark.parametrize("server,mode,expected", [
        ("llama-cpp-python", "chat", "server response_format json_object with schema"),
        ("llama-server", "chat", "server response_format json_schema"),
        ("openai", "chat", "server response_format json_schema"),
        ("llama-server", "completion", "server grammar (GBNF from the JSON schema)"),
        ("openai", "completion", "not enforced (server has no support for JSON schemas in completion mode) — checked after generation"),
    ])
    def test_json_schema_mechanism(self, server, mode, expected):
        c = Constraint.json_schema({"type": "object", "properties": {"a": {"type": "integer"}}})
        fields, mechanism = constraint_payload(server, mode, c)
        assert mechanism == expected
        if "response_format" in fields:
            rf = fields["response_format"]
            schema = rf.get("schema") or rf["json_schema"]["schema"]
            assert schema["additionalProperties"] is False  # the closed schema the check uses
        if "grammar" in fields:
            assert "root ::=" in fields["grammar"]

    def test_lark_grammar_is_not_enforced(self):
        c = Constraint.lark('start: "a" | "b"')
        assert constraint_payload("llama-server", "chat", c) == (
            {}, "not enforced (server has no support for Lark grammars) — checked after generation")


class TestThroughThePipeline:
    """The server backend through the one run path and the CLI, against the real server."""

    def test_pipeline_records_a_server_run_without_the_key(self, llama_server, home, monkeypatch):
        from runs.engine import Engine
        from runs.spec import RunSpec

        monkeypatch.setenv("WB_TEST_KEY", "sk-very-secret-value")
        engine = Engine.open(home, search_dirs=[])
        try:
            spec = RunSpec(prompt="Say hi.", backend="openai", base_url=llama_server, api_key_env="WB_TEST_KEY",
                           params=SamplingParams(temperature=0, max_tokens=8))
            out = engine.pipeline.run(spec)
            assert out.status == "ok" and out.output, out.error
            row = engine.store.get_run(out.run_id)
            assert row["backend"] == "openai-http" and row["model_path"].startswith(llama_server)
            assert row["completion_tokens"] > 0 and row["ttft_ms"] > 0
            dump = json.dumps(row)
            assert "sk-very-secret-value" not in dump and "WB_TEST_KEY" in dump  # the variable's name only
        finally:
            engine.close()

    def test_cli_with_a_server_that_is_down(self, home):
        import os as _os

        env = {**_os.environ, "PROMPT_WORKBENCH_HOME": str(home)}
        p = subprocess.run([sys.executable, "main.py", "run", "hi", "--backend", "openai", "--base-url",
                            f"http://127.0.0.1:{free_port()}"], capture_output=True, text=True, env=env,
                           cwd=Path(__file__).resolve().parents[2], timeout=120)
        assert p.returncode == 1 and p.stderr.count("\n") == 1 and "Traceback" not in p.stderr
        assert p.stderr.startswith("error: ")
