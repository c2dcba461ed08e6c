"""The OpenAI-compatible backend against hostile servers: each a real HTTP server on
127.0.0.1 in a thread, each case bounded by its own deadline (``within``).

A server here may stream forever, only ping, trickle a byte at a time, send one
endless line, ignore max_tokens and stop strings, or echo the API key anywhere it
can. Whatever it does, the run ends on time with a result or one clear BackendError,
our own limits hold, and the key is in nothing we store or show.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from backends.base import GenerationResult, TokenEvent
from backends.openai_http import ENV, OpenAIHTTPBackend, OpenAIHTTPParams
from common.errors import BackendError, InvalidParamsError
from tests.backend_contract import chat

SECRET = "sk-hostile-0123456789abcdef-KEY"


def event(obj: Any) -> bytes:
    return b"data: " + json.dumps(obj).encode() + b"\n\n"


def delta(text: str | None = None, finish: str | None = None) -> dict[str, Any]:
    return {"choices": [{"index": 0, "delta": {"content": text} if text is not None else {}, "finish_reason": finish}]}


class Hostile:
    """A server whose generation endpoint runs ``script(handler)``; ``/v1/models`` lists ``models``."""

    def __init__(self, script: Callable[[BaseHTTPRequestHandler], None], models: list[str] | None = None):
        self.stopping = threading.Event()
        self.auth: list[str | None] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: Any) -> None:
                pass

            def do_GET(self) -> None:
                if self.path == "/v1/models":
                    data = json.dumps({"data": [{"id": m} for m in (models or ["m"])]}).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                else:
                    self.send_error(404)

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if not self.path.endswith("completions"):
                    self.send_error(404)
                    return
                outer.auth.append(self.headers.get("Authorization"))
                try:
                    script(self)
                except OSError:  # the client hung up: what every endless case ends with
                    pass
                self.close_connection = True

            def start_stream(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()

            def send(self, data: bytes) -> None:
                if outer.stopping.is_set():
                    raise OSError("server stopping")
                self.wfile.write(data)
                self.wfile.flush()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def hostile():
    servers: list[Hostile] = []

    def make(script, *, models=None, key: str | None = SECRET, **params: Any) -> tuple[Hostile, OpenAIHTTPBackend]:
        srv = Hostile(script, models)
        servers.append(srv)
        params.setdefault("idle_timeout", 2.0)
        params.setdefault("request_timeout", 5.0)
        return srv, OpenAIHTTPBackend(OpenAIHTTPParams(base_url=srv.url, backoff_s=0.01, **params), api_key=key)

    yield make
    for s in servers:
        s.close()


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """The block must end within ``seconds``: the case's limit plus a margin for two
    shared, busy cores (without the limits, every one of these cases would never end)."""
    t0 = time.monotonic()
    yield
    took = time.monotonic() - t0
    assert took < seconds, f"took {took:.2f} s, over the case's deadline of {seconds} s"


def run(backend: OpenAIHTTPBackend, **params: Any) -> tuple[list[str], GenerationResult | None, BackendError | None]:
    seen: list[str] = []
    try:
        for ev in backend.stream(chat("hi", **params)):
            if isinstance(ev, TokenEvent):
                seen.append(ev.text)
            else:
                return seen, ev, None
    except BackendError as exc:
        assert "\n" not in str(exc)
        return seen, None, exc
    raise AssertionError("stream ended without a result")


def endless_tokens(h: BaseHTTPRequestHandler) -> None:
    h.start_stream()
    i = 0
    while True:
        h.send(event(delta(f"w{i} ")))
        i += 1
        time.sleep(0.002)


class TestEndlessStreams:
    def test_a_stream_that_never_ends_is_cut_at_max_tokens(self, hostile):
        _, b = hostile(endless_tokens)
        with within(3.5):
            seen, r, err = run(b, max_tokens=8)
        assert err is None and len(seen) == 8
        assert r.finish_reason == "length" and r.timings.completion_tokens == 8
        assert r.text == "".join(f"w{i} " for i in range(8))
        assert r.extra["cut_by"].startswith("max_tokens: the server sent more than 8 tokens")
        assert r.extra["completion_tokens_source"] == "max_tokens (the stream was cut there by the workbench)"

    def test_a_stream_that_never_ends_meets_the_deadline(self, hostile):
        _, b = hostile(endless_tokens, request_timeout=1.0)
        with within(4.0):
            seen, _, err = run(b, max_tokens=10**6)
        assert len(seen) > 10  # partial output was streamed before the cut
        assert str(err) == f"the request to {b.url} was stopped at its deadline of 1 s after {len(seen)} tokens (request timeout)"

    def test_one_giant_chunk_cannot_pass_max_tokens(self, hostile):
        def giant(h):
            h.start_stream()
            h.send(event(delta("x" * 100_000)) + event(delta(finish="stop")))

        _, b = hostile(giant)
        with within(3.5):
            _, r, err = run(b, max_tokens=8)
        assert err is None and r.finish_reason == "length" and len(r.text) == 8 * 64

    def test_stop_strings_hold_when_the_server_ignores_them(self, hostile):
        def ignores_stop(h):
            h.start_stream()
            for piece in ["Hello ", "wor", "ld, then ", "more"]:
                h.send(event(delta(piece)))
            while True:
                h.send(event(delta("more ")))
                time.sleep(0.002)

        _, b = hostile(ignores_stop)
        with within(3.5):
            seen, r, err = run(b, max_tokens=100, stop=("world",))
        assert err is None and r.text == "Hello " and "".join(seen) == "Hello "
        assert r.finish_reason == "stop" and r.extra["cut_by"].startswith("stop:")

    def test_usage_over_max_tokens_is_clamped(self, hostile):
        def lies(h):
            h.start_stream()
            h.send(event(delta("a")) + event(delta(finish="stop"))
                   + event({"choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 629}}) + b"data: [DONE]\n\n")

        _, b = hostile(lies)
        _, r, _ = run(b, max_tokens=8)
        assert r.timings.completion_tokens == 8 and "clamped" in r.extra["completion_tokens_source"]


class TestSlowAndSilentServers:
    def test_only_keep_alive_pings_hit_the_idle_timeout(self, hostile):
        def pings(h):
            h.start_stream()
            while True:
                h.send(b": ping\n\n")
                time.sleep(0.05)

        _, b = hostile(pings, idle_timeout=0.5)
        with within(4.5):
            seen, _, err = run(b, max_tokens=8)
        assert seen == []
        assert str(err) == (f"the server at {b.url} sent no event for 0.5 s after 0 tokens "
                            "(idle timeout; keep-alive pings do not count)")

    def test_pings_after_some_tokens_keep_the_partial_output(self, hostile):
        def then_pings(h):
            h.start_stream()
            h.send(event(delta("Hel")) + event(delta("lo")))
            while True:
                h.send(b": ping\n\n")
                time.sleep(0.05)

        _, b = hostile(then_pings, idle_timeout=0.5)
        with within(4.5):
            seen, _, err = run(b, max_tokens=8)
        assert seen == ["Hel", "lo"] and "no event for 0.5 s after 2 tokens" in str(err)

    def test_a_byte_at_a_time_hits_the_idle_timeout(self, hostile):
        def trickle(h):
            h.start_stream()
            for byte in event(delta("x" * 10_000)):
                h.send(bytes([byte]))
                time.sleep(0.01)

        _, b = hostile(trickle, idle_timeout=0.5)
        with within(4.5):
            _, _, err = run(b, max_tokens=8)
        assert "sent no event for 0.5 s after 0 tokens (idle timeout" in str(err)

    def test_slow_whole_events_meet_the_deadline(self, hostile):
        def slow_events(h):
            h.start_stream()
            while True:
                h.send(event(delta("t ")))
                time.sleep(0.2)

        _, b = hostile(slow_events, idle_timeout=1.0, request_timeout=1.0)
        with within(3.5):
            seen, _, err = run(b, max_tokens=1000)
        assert 2 <= len(seen) <= 6 and "stopped at its deadline" in str(err)

    def test_a_server_that_never_answers_meets_the_deadline(self, hostile):
        srv, b = hostile(lambda h: srv.stopping.wait(10), idle_timeout=30.0, request_timeout=0.8)
        with within(3.5):
            _, _, err = run(b, max_tokens=8)
        assert str(err) == f"the request to {b.url} was stopped at its deadline of 0.8 s (request timeout)"
        assert len(srv.auth) == 1  # not retried

    def test_connect_timeout(self):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = []
        try:
            for _ in range(4):  # fill the accept queue: further SYNs go unanswered
                s = socket.socket()
                s.setblocking(False)
                s.connect_ex(("127.0.0.1", port))
                fillers.append(s)
            time.sleep(0.1)
            url = f"http://127.0.0.1:{port}/v1"
            b = OpenAIHTTPBackend(OpenAIHTTPParams(base_url=url, model="m", connect_timeout=0.3, max_retries=1,
                                                   backoff_s=0.01))
            with within(4.5):
                with pytest.raises(BackendError) as err:
                    b.load()
            assert str(err.value) in (
                f"the server at {url} did not accept a connection within 0.3 s (tried 2 times)",
                f"cannot reach the server at {url}: connection refused (tried 2 times)")  # a kernel may refuse
        finally:
            for s in fillers:
                s.close()
            listener.close()


class TestOversizedResponses:
    def test_a_huge_single_line_is_cut(self, hostile):
        def endless_line(h):
            h.start_stream()
            h.send(b'data: {"choices": [{"index": 0, "delta": {"content": "')
            while True:
                h.send(b"a" * 65536)

        _, b = hostile(endless_line, max_response_mb=16)
        with within(4.5):
            _, _, err = run(b, max_tokens=8)
        assert str(err) == f"the response from {b.url} was cut after 0 tokens: a line of the event stream is longer than 4 MiB"

    def test_a_response_over_the_size_bound_is_cut(self, hostile):
        def padding(h):
            h.start_stream()
            pad = "p" * 60_000
            while True:  # valid events without text: nothing counts toward max_tokens
                h.send(event({"choices": [{"index": 0, "delta": {}, "finish_reason": None}], "pad": pad}))

        _, b = hostile(padding, max_response_mb=1)
        with within(4.5):
            _, _, err = run(b, max_tokens=8)
        assert str(err) == f"the response from {b.url} was cut after 0 tokens: the response is larger than 1 MiB"

    def test_not_server_sent_events(self, hostile):
        def html(h):
            h.start_stream()
            h.send(b"<html>" + b"x" * 100 + b"</html>\n")

        _, b = hostile(html)
        _, _, err = run(b, max_tokens=8)
        assert "sent malformed streaming data after 0 tokens: not a server-sent event line: '<html>" in str(err)

    def test_wrong_content_type(self, hostile):
        def json_body(h):
            data = json.dumps({"choices": [{"message": {"content": "hi"}}]}).encode()
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.send(data)

        _, b = hostile(json_body)
        _, _, err = run(b, max_tokens=8)
        assert str(err) == f"the server at {b.url} answered with application/json, not an event stream"

    def test_a_compressed_answer_is_refused(self, hostile):
        import gzip

        asked: list[str | None] = []

        def bomb(h):
            asked.append(h.headers.get("Accept-Encoding"))
            data = gzip.compress(b"data: " + b"a" * 20_000_000)  # 20 MB of one line in about 20 kB
            h.send_response(200)
            h.send_header("Content-Type", "text/event-stream")
            h.send_header("Content-Encoding", "gzip")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.send(data)

        _, b = hostile(bomb)
        _, _, err = run(b, max_tokens=8)
        assert asked == ["identity"]
        assert str(err) == (f"the response from {b.url} was cut after 0 tokens: the server compressed its answer "
                            "(Content-Encoding: gzip) though asked not to")

    @pytest.mark.parametrize("name,value", [("idle_timeout", 0), ("request_timeout", -1.0), ("connect_timeout", float("inf")),
                                            ("max_response_mb", 0)])
    def test_limits_must_be_positive(self, name, value):
        with pytest.raises(InvalidParamsError, match=f"{name} must be a number > 0"):
            OpenAIHTTPBackend(OpenAIHTTPParams(base_url="http://127.0.0.1:1", **{name: value}))


class TestKeyEchoes:
    def test_key_echoed_in_the_output_split_across_chunks(self, hostile):
        def echo(h):
            h.start_stream()
            half = len(SECRET) // 2
            for piece in ["your key is ", SECRET[:half], SECRET[half:], " and again ", SECRET, "."]:
                h.send(event(delta(piece)))
            h.send(event(delta(finish="stop"))
                   + event({"choices": [], "usage": {"prompt_tokens": 1, "completion_tokens": 6, "note": SECRET}})
                   + event({"choices": [], "timings": {"by": SECRET}}) + b"data: [DONE]\n\n")

        _, b = hostile(echo)
        seen, r, err = run(b, max_tokens=50)
        assert err is None
        assert r.text == "your key is *** and again ***." == "".join(seen)
        assert SECRET not in json.dumps(r.extra) and SECRET not in repr(r)

    def test_key_echoed_in_model_names(self, hostile):
        _, b = hostile(lambda h: None, models=[f"model-{SECRET}", "other"])
        b.load()
        blob = " ".join([repr(b.info), " ".join(b.list_models()), " ".join(b.notices), json.dumps(b.params.to_dict())])
        assert SECRET not in blob and "model-***" in b.list_models()

    def test_key_echoed_in_an_error_status(self, hostile):
        def refuse(h):
            data = json.dumps({"error": {"message": f"bad request from {SECRET}"}}).encode()
            h.send_response(400)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.send(data)

        _, b = hostile(refuse)
        _, _, err = run(b, max_tokens=8)
        assert str(err) == f"the server at {b.url} answered HTTP 400: bad request from ***"
        logged = "".join(traceback.format_exception(err))  # what the CLI writes to its log file
        assert SECRET not in logged

    def test_key_echoed_in_an_error_event(self, hostile):
        def mid_error(h):
            h.start_stream()
            h.send(event(delta("ok")) + event({"error": {"message": f"quota for {SECRET} exceeded"}}))

        _, b = hostile(mid_error)
        seen, _, err = run(b, max_tokens=8)
        assert seen == ["ok"]
        assert str(err) == f"the server at {b.url} reported an error after 1 tokens: quota for *** exceeded"

    def test_key_echoed_in_malformed_data(self, hostile):
        def garbage(h):
            h.start_stream()
            h.send(f"data: {{{SECRET}\n\n".encode())

        _, b = hostile(garbage)
        _, _, err = run(b, max_tokens=8)
        assert "not JSON" in str(err) and SECRET not in str(err)

    @pytest.mark.parametrize("key", [None, SECRET])
    def test_the_clients_environment_never_reaches_the_server(self, hostile, monkeypatch, key):
        """OPENAI_API_KEY, OPENAI_ORG_ID, OPENAI_CUSTOM_HEADERS are for api.openai.com:
        a server at base_url gets our key (or none) and nothing from them."""
        monkeypatch.setenv("OPENAI_API_KEY", "sk-from-the-environment")
        monkeypatch.setenv("OPENAI_ORG_ID", "org-from-the-environment")
        monkeypatch.setenv("OPENAI_CUSTOM_HEADERS", "Authorization: Bearer sk-custom\nX-Custom: leak")
        seen_headers: list[dict[str, str]] = []

        def answer(h):
            seen_headers.append({k.lower(): v for k, v in h.headers.items()})
            h.start_stream()
            h.send(event(delta("hi", "stop")))

        srv, b = hostile(answer, key=key)
        _, r, err = run(b, max_tokens=8)
        assert err is None and r.text == "hi"
        assert srv.auth == [f"Bearer {key}" if key else None]
        sent = json.dumps(seen_headers)
        assert "environment" not in sent and "custom" not in sent.lower()


class TestLimitsAreConfigurableAndRecorded:
    def test_from_the_environment_and_recorded_with_the_result(self, hostile, monkeypatch):
        monkeypatch.setenv(ENV["idle_timeout"], "0.4")
        monkeypatch.setenv(ENV["request_timeout"], "7")
        monkeypatch.setenv(ENV["connect_timeout"], "1.5")
        monkeypatch.setenv(ENV["max_response_mb"], "2")
        srv = Hostile(lambda h: (h.start_stream(), h.send(event(delta("hi", "stop")))))
        try:
            b = OpenAIHTTPBackend(OpenAIHTTPParams(base_url=srv.url))
            _, r, _ = run(b, max_tokens=8)
            assert r.extra["limits"] == {"connect_timeout_s": 1.5, "idle_timeout_s": 0.4, "request_timeout_s": 7.0,
                                         "max_response_mb": 2.0}
        finally:
            srv.close()

    def test_a_bad_environment_value_is_one_clear_error(self, monkeypatch):
        monkeypatch.setenv(ENV["idle_timeout"], "soon")
        with pytest.raises(InvalidParamsError, match="PROMPT_WORKBENCH_IDLE_TIMEOUT must be a number"):
            OpenAIHTTPParams(base_url="http://127.0.0.1:1")


class TestThroughThePipeline:
    def test_what_is_stored_holds_the_limits_and_never_the_key(self, home, monkeypatch):
        """A server that never stops and echoes the key: the run log gets max_tokens
        tokens, the limits used, and no key anywhere."""
        from runs.engine import Engine
        from runs.spec import RunSpec
        from backends.base import SamplingParams

        def echo_forever(h):
            h.start_stream()
            while True:
                h.send(event(delta(f"{SECRET} ")))
                time.sleep(0.002)

        srv = Hostile(echo_forever, models=[f"m-{SECRET}"])
        monkeypatch.setenv("WB_HOSTILE_KEY", SECRET)
        monkeypatch.setenv(ENV["request_timeout"], "4")  # how a person sets a limit for the CLI or the window
        engine = Engine.open(home, search_dirs=[])
        try:
            spec = RunSpec(prompt="hi", backend="openai", base_url=srv.url, api_key_env="WB_HOSTILE_KEY",
                           params=SamplingParams(max_tokens=8))
            with within(5.0):
                out = engine.pipeline.run(spec)
            assert out.status == "ok" and out.output == "*** " * 8
            row = engine.store.get_run(out.run_id)
            assert row["completion_tokens"] == 8 and row["finish_reason"] == "length"
            extra = json.loads(row["extra_json"])
            assert extra["limits"]["request_timeout_s"] == 4.0
            assert extra["cut_by"].startswith("max_tokens")
            assert SECRET not in json.dumps(row) and "WB_HOSTILE_KEY" in json.dumps(row)
        finally:
            engine.close()
            srv.close()


class TestWellFormedVariants:
    @pytest.mark.parametrize("eol", [b"\n", b"\r\n", b"\r"])
    def test_any_sse_line_ending_with_comments_and_fields(self, hostile, eol):
        """What servers legitimately send is not mistaken for a hostile stream."""
        def variants(h):
            h.start_stream()
            lines = [b": keep-alive", b"", b"retry: 1000", b"event: message", b"id: 1",
                     b"data: " + json.dumps(delta("Hel")).encode(), b"",
                     b"data: " + json.dumps(delta("lo", "stop")).encode(), b"", b"data: [DONE]", b""]
            for line in lines:
                h.send(line + eol)
                time.sleep(0.01)

        _, b = hostile(variants, idle_timeout=0.4)  # longer than any gap between two events here
        seen, r, err = run(b, max_tokens=8)
        assert err is None and seen == ["Hel", "lo"] and r.finish_reason == "stop"


class TestTrickledHeaders:
    def test_headers_a_byte_at_a_time_meet_the_deadline(self, hostile):
        """Every read gets a byte in time, so no read timeout fires: only the deadline ends it."""
        def trickle_headers(h):
            h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            while True:
                h.send(b"a")
                time.sleep(0.05)

        _, b = hostile(trickle_headers, idle_timeout=2.0, request_timeout=1.0)
        with within(3.5):
            _, _, err = run(b, max_tokens=8)
        assert str(err) == f"the request to {b.url} was stopped at its deadline of 1 s (request timeout)"
