"""Any OpenAI-compatible server: llama.cpp's llama-server, llama-cpp-python's server,
vLLM, LM Studio, Ollama's ``/v1``, a hosted endpoint.

Chat requests go to ``/v1/chat/completions``, completion requests (a raw prompt) to
``/v1/completions``, always streamed over server-sent events. Timings are measured on
our side from chunk arrival; token counts come from the server's ``usage`` when it
sends one (we ask with ``stream_options.include_usage``), and a llama-server's own
``timings`` object is kept in ``result.extra["server_timings"]``. Where a number is
not the server's own, ``result.extra`` says where it came from.

What the server renders cannot be known here: ``render()`` of a chat request is a
plain-text view of the messages and ``chat_format`` is ``"server-side"``.

Constraints use what the server offers, and ``extra["constraint_mechanism"]`` records
which (the table in ``openai_wire.constraint_payload``): a JSON-schema ``response_format`` or a GBNF
``grammar`` (choices, and JSON schemas in completion mode) on llama.cpp servers;
anything a server cannot enforce is "not enforced ... — checked after generation".

The API key lives only in memory (passed in, or read from the environment variable
named by ``api_key_env``). It is never in a repr, ``params.to_dict()``, ``info``, a
notice, a result or an error message: server text quoted in errors is scrubbed of it.

Retry policy (``max_retries``, default 2, backoff ``backoff_s`` x 1, 2, 4 ...):
  - retried, only while no token has been streamed: connection refused or reset,
    connect timeout, a stream dropped before its first token, HTTP 429, 502, 503, 504;
  - never retried: any other 4xx (401, 404, 422 ...), HTTP 500 (llama-cpp-python's
    server answers bad requests with 500, so it is usually not transient), a read
    timeout (the server may still be working: retrying would pile up load), malformed
    streaming data, and anything at all once a token has been streamed (partial
    output is kept: the caller has the TokenEvents already yielded).
Every failure is a BackendError with a one-line message.

Thread safety: one backend serves many concurrent streams (``run_concurrently``).
Per-request state lives in local variables; the only shared things are a thread-safe
connection pool (``openai_client``/``http_sse``) and what ``load()`` discovers once,
under a lock. Connections bypass any HTTP proxy set in the environment.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from backends.base import (
    Backend,
    CancelToken,
    Event,
    GenerationRequest,
    GenerationResult,
    Timings,
    TokenEvent,
    complete,
)
from backends.http_sse import Endpoint, HTTPFailure, SSEFormatError, iter_sse_data, safe_url
from backends.openai_client import Retryable, Secret, ServerClient
from backends.openai_wire import ToolCallDeltas, as_int, choice_text, constraint_payload, estimate_tokens, tools_payload
from common.errors import BackendError, InvalidParamsError

SERVER_KINDS = ("auto", "llama-server", "llama-cpp-python", "openai")
UNKNOWN_CTX_NOTICE = (
    "The server at {url} does not report its context size, so prompt length is not checked "
    "before sending; pass n_ctx to check it."
)


@dataclass(frozen=True)
class OpenAIHTTPParams:
    """Where and how to reach the server. Holds no secret (the key stays on the backend)."""

    base_url: str
    model: str | None = None  # None: the first model /v1/models lists
    server: str = "auto"  # auto | llama-server | llama-cpp-python | openai
    api_key_env: str | None = None  # the NAME of an environment variable, never the key
    n_ctx: int | None = None  # None: what the server reports, if it does
    connect_timeout: float = 5.0
    read_timeout: float = 120.0  # longest silence allowed between two chunks
    max_retries: int = 2
    backoff_s: float = 0.5
    max_connections: int = 8
    include_usage: bool = True  # ask for a usage chunk (stream_options)
    send_sampling_extras: bool | None = None  # top_k/min_p/repeat_penalty; None: llama.cpp servers only
    # what the pipeline reads from every backend: a server decides these itself
    n_threads: int | None = None
    n_batch: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["base_url"] = safe_url(self.base_url)
        return d


@dataclass
class ServerInfo:
    """What the pipeline reads as ``backend.info`` (the GGUF info for local models)."""

    name: str
    server_kind: str
    models: list[str] = field(default_factory=list)
    chat_template: str | None = "(applied by the server)"
    context_length: int | None = None
    architecture: str | None = None
    block_count: int | None = None
    quantization: str | None = None
    parameters: int | None = None
    file_size: int | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


class OpenAIHTTPBackend:
    """A model behind an OpenAI-compatible HTTP server. Safe to share between threads."""

    name = "openai-http"
    can_stream = True
    supports_constraints = True  # some kinds only after the fact: see extra["constraint_mechanism"]
    supports_tools = True  # sent as `tools`; calls streamed in delta.tool_calls become <tool_call> text

    def __init__(self, params: OpenAIHTTPParams | str, *, api_key: str | None = None):
        if isinstance(params, str):
            params = OpenAIHTTPParams(base_url=params)
        if params.server not in SERVER_KINDS:
            raise InvalidParamsError(f"server must be one of {', '.join(SERVER_KINDS)}, got {params.server!r}")
        if params.max_retries < 0 or params.backoff_s < 0:
            raise InvalidParamsError("max_retries and backoff_s must be >= 0")
        if params.connect_timeout <= 0 or params.read_timeout <= 0:
            raise InvalidParamsError("timeouts must be > 0 seconds")
        if params.n_ctx is not None and params.n_ctx <= 0:
            raise InvalidParamsError(f"n_ctx must be > 0, got {params.n_ctx}")
        key = api_key
        if key is None and params.api_key_env:
            import os

            key = os.environ.get(params.api_key_env)
            if not key:
                raise InvalidParamsError(f"the environment variable {params.api_key_env} holding the API key is not set")
        try:
            endpoint = Endpoint.parse(params.base_url)
        except ValueError as exc:
            raise InvalidParamsError(str(exc)) from exc
        if endpoint.path in ("", "/"):
            endpoint = Endpoint(endpoint.scheme, endpoint.host, endpoint.port, "/v1")
        self.params = params
        self._client = ServerClient(endpoint, Secret(key), connect_timeout=params.connect_timeout,
                                    read_timeout=params.read_timeout, max_retries=params.max_retries,
                                    backoff_s=params.backoff_s, max_connections=params.max_connections)
        self.url = self._client.url
        self._api = endpoint.path  # e.g. /v1
        self._root = endpoint.path[: -len("/v1")] if endpoint.path.endswith("/v1") else endpoint.path
        self.notices: list[str] = []
        self.gpu_layers_requested = 0
        self.gpu_layers_effective = 0  # unknown for a server; extra["gpu_layers"] says so
        self._info: ServerInfo | None = None
        self._tokenize_path: str | None = None
        self._load_lock = threading.Lock()
        self._count_cache: dict[str, int] = {}
        self._count_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"OpenAIHTTPBackend({self.url!r}, model={self.params.model!r}, server={self.params.server!r})"

    # -- discovery ----------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._info is not None

    def load(self) -> float:
        """Ask the server what it serves (once); return the milliseconds it took."""
        with self._load_lock:
            if self._info is not None:
                return 0.0
            t0 = time.perf_counter()
            self._info = self._discover()
            return (time.perf_counter() - t0) * 1000

    def _discover(self) -> ServerInfo:
        c = self._client
        listing = c.get_json(f"{self._api}/models", what="the model list")
        data = listing.get("data") if isinstance(listing, dict) else None
        entries = [m for m in (data or []) if isinstance(m, dict) and m.get("id")]
        models = [str(m["id"]) for m in entries]
        model = self.params.model
        if model is None:
            if not models:
                raise BackendError(f"the server at {self.url} lists no models; pass the model name")
            model = models[0]
            if len(models) > 1:
                self.notices.append(f"The server at {self.url} serves {len(models)} models; using the first, {model}.")
        elif models and model not in models:
            raise BackendError(f"the server at {self.url} has no model {model!r}; it serves: {', '.join(models[:5])}")
        n_ctx: int | None = None
        for m in entries:  # vLLM: max_model_len; llama-server: meta.n_ctx_train
            if m.get("id") == model:
                n_ctx = as_int(m.get("max_model_len")) or as_int((m.get("meta") or {}).get("n_ctx_train"))
        kind = self.params.server
        template: str | None = "(applied by the server)"
        props = c.probe("GET", f"{self._root}/props") if kind in ("auto", "llama-server") else None
        if isinstance(props, dict) and "default_generation_settings" in props:
            kind = "llama-server"
            n_ctx = as_int((props.get("default_generation_settings") or {}).get("n_ctx")) or n_ctx
            template = props.get("chat_template") or template
            self._tokenize_path = f"{self._root}/tokenize"
        elif kind in ("auto", "llama-cpp-python"):
            if c.probe("POST", f"{self._root}/extras/tokenize/count", {"input": "a"}) is not None:
                kind = "llama-cpp-python"
                self._tokenize_path = f"{self._root}/extras/tokenize/count"
            elif kind == "auto":
                kind = "openai"
        if self.params.n_ctx is not None:
            n_ctx = self.params.n_ctx
        elif n_ctx is None:
            self.notices.append(UNKNOWN_CTX_NOTICE.format(url=self.url))
        return ServerInfo(name=model, server_kind=kind, models=models, chat_template=template, context_length=n_ctx)

    @property
    def info(self) -> ServerInfo:
        self.load()
        assert self._info is not None
        return self._info

    @property
    def server_kind(self) -> str:
        return self.info.server_kind

    def list_models(self) -> list[str]:
        """Model ids from the server's ``/v1/models``."""
        return list(self.info.models)

    @property
    def n_ctx(self) -> int:
        # unknown: large, so the pipeline sends the prompt and the server judges (a notice says so)
        return self.info.context_length or 2**31 - 1

    @property
    def chat_format(self) -> str:
        return "server-side"

    def close(self) -> None:
        self._client.close()

    # -- text ---------------------------------------------------------------------
    def render(self, request: GenerationRequest) -> str:
        """Completion mode: exactly the prompt. Chat mode: a plain-text view of the
        messages (the server applies its own template, which we cannot see)."""
        if request.messages is None:
            return request.prompt or ""
        head = "".join(f"<{k}>\n" + "\n".join(json.dumps(x, ensure_ascii=False) for x in v) + f"\n</{k}>\n"
                       for k, v in (("tools", request.tools), ("documents", request.documents)) if v)
        return head + "".join(f"<{m.role}>\n{m.content}\n</{m.role}>\n" for m in request.messages) + "<assistant>\n"

    def count_tokens(self, text: str) -> int:
        return self._count(text)[0]

    def _count(self, text: str) -> tuple[int, str]:
        """(tokens, how it was counted)."""
        self.load()
        if self._tokenize_path is None:
            return estimate_tokens(text), "estimate (about 4 characters a token)"
        with self._count_lock:
            cached = self._count_cache.get(text)
        if cached is None:
            body = {"content": text, "add_special": True} if self.server_kind == "llama-server" else {"input": text}
            data = self._client.post_json(self._tokenize_path, body, what="tokenize")
            cached = as_int(data.get("count")) if "count" in data else len(data.get("tokens") or [])
            with self._count_lock:
                if len(self._count_cache) > 256:
                    self._count_cache.clear()
                self._count_cache[text] = cached or 0
        return cached or 0, "server tokenize endpoint"

    def _count_quietly(self, text: str) -> tuple[int, str]:
        try:
            return self._count(text)
        except BackendError:
            return estimate_tokens(text), "estimate (about 4 characters a token; the tokenize endpoint failed)"

    # -- generation -------------------------------------------------------------
    def payload(self, request: GenerationRequest, seed: int) -> tuple[str, dict[str, Any], str | None, list[str]]:
        """(path, JSON body, constraint mechanism, knobs not sent) for one request."""
        p = request.params
        kind = self.server_kind
        body: dict[str, Any] = {"model": self.info.name, "stream": True, "max_tokens": p.max_tokens,
                                "temperature": p.temperature, "top_p": p.top_p, "seed": seed}
        if p.stop:
            body["stop"] = list(p.stop)
        if self.params.include_usage:
            body["stream_options"] = {"include_usage": True}
        extras = self.params.send_sampling_extras
        if extras is None:
            extras = kind in ("llama-server", "llama-cpp-python")
        not_sent: list[str] = []
        if extras:
            body.update(top_k=p.top_k, min_p=p.min_p, repeat_penalty=p.repeat_penalty)
        else:
            not_sent = ["top_k", "min_p", "repeat_penalty"]
        if request.messages is not None:
            path = f"{self._api}/chat/completions"
            body["messages"] = [{"role": m.role, "content": m.content} for m in request.messages]
            body.update(tools_payload(request.tools, request.documents))
        else:
            path = f"{self._api}/completions"
            body["prompt"] = request.prompt
        fields, mechanism = constraint_payload(kind, request.mode, request.constraint)
        body.update(fields)
        return path, body, mechanism, not_sent

    def stream(self, request: GenerationRequest, cancel: CancelToken | None = None) -> Iterator[Event]:
        cancel = cancel or CancelToken()
        t_start = time.perf_counter()
        self.load()
        seed = request.params.seed if request.params.seed is not None else random.getrandbits(32)
        path, body, mechanism, not_sent = self.payload(request, seed)
        c = self._client
        st = _StreamState()
        attempt = 0
        while True:  # retries happen only before the first token (see the module docstring)
            try:
                resp = c.open_stream(path, body)
            except Retryable as exc:
                if attempt >= c.max_retries or cancel.cancelled:
                    raise BackendError(exc.final_message(attempt + 1)) from exc
                attempt += 1
                _sleep(c.backoff(attempt), cancel)
                continue
            try:
                for data in iter_sse_data(resp.lines()):
                    if data.strip() == "[DONE]":
                        break
                    for text in st.take(c.parse_chunk(data, st.n_chunks), cancel):
                        if st.t_first is None:
                            st.t_first = time.perf_counter()
                        yield TokenEvent(text)
                    if cancel.cancelled:
                        st.cancelled = True
                        break
            except HTTPFailure as exc:
                resp.close()
                if st.n_chunks == 0 and exc.kind == "dropped" and attempt < c.max_retries and not cancel.cancelled:
                    attempt += 1
                    _sleep(c.backoff(attempt), cancel)
                    continue
                raise BackendError(c.stream_failure(exc, st.n_chunks)) from exc
            except SSEFormatError as exc:
                resp.close()
                raise BackendError(c.scrub(f"the server at {self.url} sent malformed streaming data after "
                                           f"{st.n_chunks} tokens: {exc}")) from exc
            except BaseException:
                resp.close()  # GeneratorExit (the consumer stopped reading), our own errors
                raise
            resp.close()  # after [DONE] or a cancel: anything left unread goes with the connection
            break
        calls = st.tool_calls.as_text()
        if calls and not st.cancelled:  # the server's structured calls, as text the pipeline parses
            st.t_first = st.t_first or time.perf_counter()
            st.t_last = time.perf_counter()
            st.out.append(calls)
            yield TokenEvent(calls)
        yield self._result(request, st, t_start, seed, mechanism, not_sent, attempt)

    def _result(self, request: GenerationRequest, st: _StreamState, t_start: float, seed: int,
                mechanism: str | None, not_sent: list[str], retries: int) -> GenerationResult:
        t_end = time.perf_counter()
        p = request.params
        if st.cancelled:
            finish = "cancelled"
        elif st.server_finish is None:
            hint = ""
            if self.server_kind == "llama-cpp-python":
                hint = ("; llama-cpp-python's server does this when the prompt does not fit its context, "
                        "or when another request arrives unless it runs with --interrupt_requests False")
            raise BackendError(f"the stream from {self.url} ended after {st.n_chunks} tokens without a finish reason{hint}")
        else:
            finish = "length" if st.server_finish == "length" else "stop"
        sent = self.render(request)
        timings = Timings()
        extra: dict[str, Any] = {"seed": seed, "server": self.server_kind, "model": self.info.name,
                                 "notices": list(self.notices), "gpu_layers": "unknown (decided by the server)"}
        usage = st.usage or {}
        # token counts: the server's own numbers when it gives them, and where each came from
        if as_int(usage.get("prompt_tokens")):
            timings.prompt_tokens = int(usage["prompt_tokens"])
            extra["prompt_tokens_source"] = "server usage"
        else:
            timings.prompt_tokens, how = self._count_quietly(sent)
            extra["prompt_tokens_source"] = how + (" of our plain-text view of the chat" if request.messages else "")
        if as_int(usage.get("completion_tokens")) is not None and finish != "cancelled":
            timings.completion_tokens = int(usage["completion_tokens"])
            extra["completion_tokens_source"] = "server usage"
        elif finish == "length":
            timings.completion_tokens = p.max_tokens  # the server stopped because it made exactly that many
            extra["completion_tokens_source"] = "max_tokens (the server stopped for length)"
        else:
            timings.completion_tokens = st.n_chunks
            extra["completion_tokens_source"] = "streamed chunks (one token each on llama.cpp servers)"
        timings.cached_tokens = as_int((usage.get("prompt_tokens_details") or {}).get("cached_tokens")) or 0
        if st.t_first is not None:
            timings.ttft_ms = (st.t_first - t_start) * 1000
            timings.gen_ms = ((st.t_last or t_end) - st.t_first) * 1000
        timings.prompt_ms = timings.ttft_ms or 0.0  # an upper bound: network + queue + prefill
        timings.total_ms = (t_end - t_start) * 1000
        if st.usage is not None:
            extra["usage"] = st.usage
        if st.server_timings is not None:
            extra["server_timings"] = st.server_timings
        if st.server_finish not in (None, "stop", "length"):
            extra["server_finish_reason"] = st.server_finish
        if not_sent:
            extra["params_not_sent"] = not_sent
        if retries:
            extra["retries"] = retries
        text = "".join(st.out)
        if request.constraint is not None:
            extra["constraint_mechanism"] = mechanism
            check = getattr(request.constraint, "check", None)
            if mechanism and mechanism.startswith("not enforced") and finish != "cancelled" and check is not None:
                ok, _, problem = check(text)
                extra["constraint_ok"] = ok
                if problem:
                    extra["constraint_problem"] = problem
        return GenerationResult(
            text=text,
            finish_reason=finish,  # type: ignore[arg-type]
            timings=timings,
            sent_text=sent,
            chat_format=self.chat_format if request.messages is not None else None,
            gpu_layers_effective=0,
            extra=extra,
        )


class _StreamState:
    """What one stream has seen so far (one per request: never shared)."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.n_chunks = 0
        self.server_finish: str | None = None
        self.usage: dict[str, Any] | None = None
        self.server_timings: dict[str, Any] | None = None
        self.t_first: float | None = None
        self.t_last: float | None = None
        self.cancelled = False
        self.tool_calls = ToolCallDeltas()

    def take(self, chunk: dict[str, Any], cancel: CancelToken) -> Iterator[str]:
        """The texts of one chunk's first choice; records usage, timings, finish."""
        if isinstance(chunk.get("usage"), dict):
            self.usage = chunk["usage"]
        if isinstance(chunk.get("timings"), dict):
            self.server_timings = chunk["timings"]
        for choice in chunk.get("choices") or []:
            if not isinstance(choice, dict) or choice.get("index", 0) != 0:
                continue
            if isinstance(choice.get("delta"), dict):
                self.tool_calls.take(choice["delta"])
            text = choice_text(choice)
            if text and not cancel.cancelled:
                self.t_last = time.perf_counter()
                self.n_chunks += 1
                self.out.append(text)
                yield text
            if choice.get("finish_reason"):
                self.server_finish = str(choice["finish_reason"])


def _sleep(seconds: float, cancel: CancelToken) -> None:
    end = time.monotonic() + seconds
    while not cancel.cancelled and time.monotonic() < end:
        time.sleep(min(0.05, max(0.0, end - time.monotonic())))


# -- batches ----------------------------------------------------------------------------
def run_concurrently(backend: Backend, requests: Sequence[GenerationRequest], n: int,
                     cancel: CancelToken | None = None) -> list[GenerationResult | Exception]:
    """Run ``requests`` with at most ``n`` in flight; results in request order.

    A request that fails gives its exception in its place (the others go on). One
    ``cancel`` stops them all between tokens.
    """
    if n <= 0:
        raise InvalidParamsError(f"concurrency must be > 0, got {n}")

    def one(req: GenerationRequest) -> GenerationResult | Exception:
        try:
            return complete(backend, req, cancel)
        except Exception as exc:  # noqa: BLE001 - handed back in the request's place
            return exc

    if n == 1:
        return [one(r) for r in requests]
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="openai-http") as pool:
        return list(pool.map(one, requests))


__all__ = ["OpenAIHTTPBackend", "OpenAIHTTPParams", "ServerInfo", "run_concurrently"]
