"""Any OpenAI-compatible server: llama.cpp's llama-server, llama-cpp-python's server,
vLLM, LM Studio, Ollama's ``/v1``, a hosted endpoint — through the official ``openai``
client (``base_url``, ``extra_body`` for the server-specific fields).

Chat requests go to ``/v1/chat/completions``, completion requests (a raw prompt) to
``/v1/completions``, always streamed. Timings are measured on our side from chunk
arrival; token counts come from the server's ``usage`` when it sends one (we ask with
``stream_options.include_usage``), and a llama-server's own ``timings`` object is kept
in ``result.extra["server_timings"]``. Where a number is not the server's own,
``result.extra`` says where it came from.

What the server renders cannot be known here: ``render()`` of a chat request is a
plain-text view of the messages and ``chat_format`` is ``"server-side"``.

Constraints use what the server offers, and ``extra["constraint_mechanism"]`` records
which (the table in ``openai_wire.constraint_payload``).

Local limits, whatever the server streams: ``max_tokens`` (a content chunk counts as
one token, and the text may not pass ``max_tokens`` x ``MAX_CHARS_PER_TOKEN``
characters) and the stop strings (the shared ``StopEmitter``) are enforced here, and
the stream is closed when either is reached; ``extra["cut_by"]`` says so. Every
request has a connect timeout, an idle timeout (between events) and an overall
deadline, and a bound on the response size (``backends.openai_limits``); the values
used are recorded in ``extra["limits"]``. Each can be set on :class:`OpenAIHTTPParams`
or through the environment (``PROMPT_WORKBENCH_CONNECT_TIMEOUT`` and friends, see
``ENV``).

The API key lives only in memory (passed in, or read from the environment variable
named by ``api_key_env``; ``OPENAI_API_KEY`` and the client's other variables are never
read). It is never in a repr, ``params.to_dict()``, ``info``, a notice, a result or an
error message, and whatever the server sends back — output text (even split across
chunks), model names, error messages, usage — has it replaced by ``***``.

Retry policy (``max_retries``, default 2, backoff ``backoff_s`` x 1, 2, 4 ...); the
client's own retries are off, since they would retry what this policy does not:
  - retried, only while no token has been streamed: connection refused or reset,
    connect timeout, a stream dropped before its first token, HTTP 429, 502, 503, 504;
  - never retried: any other 4xx (401, 404, 422 ...), HTTP 500 (llama-cpp-python's
    server answers bad requests with 500, so it is usually not transient), a read or
    idle timeout (the server may still be working: retrying would pile up load), the
    deadline, an oversized response, malformed streaming data, and anything at all
    once a token has been streamed (partial output is kept: the caller has the
    TokenEvents already yielded).
Every failure is a BackendError with a one-line message.

Thread safety: one backend serves many concurrent streams (``run_concurrently``).
Per-request state lives in local variables; the only shared things are the client
(thread-safe, with its connection pool) and what ``load()`` discovers once, under a
lock. Connections bypass any HTTP proxy set in the environment.

Longer than ~400 lines: the backend is one class (discovery, counting, payload, the retrying
stream); its parts that stand alone live in openai_params, openai_policy, openai_limits,
openai_result and openai_wire.
"""

from __future__ import annotations

from common.i18n import _

import json
import os
import random
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx2
import openai

from backends.base import Backend, CancelToken, Event, GenerationRequest, GenerationResult, complete
from backends.openai_limits import DEADLINE_HEADER, LimitedTransport, StreamLimit
from backends.openai_logprobs import clamp_top_k, request_fields
from backends.openai_params import ENV, SERVER_KINDS, OpenAIHTTPParams, api_url, validate
from backends.openai_policy import Failure, Secret, failure
from backends.openai_result import StreamState, build_result
from backends.openai_wire import as_int, constraint_payload, estimate_tokens, tools_payload
from common.errors import BackendError, ContextOverflowError, InvalidParamsError

UNKNOWN_CTX_NOTICE = (
    "The server at {url} does not report its context size, so prompt length is not checked "
    "before sending; pass n_ctx to check it."
)
DISCOVERY_TIMEOUT = 30.0  # the longest a model list, probe or tokenize call may take


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
    supports_answer_scoring = False  # a server gives top-k of what it sampled, not a given answer's probability

    def __init__(self, params: OpenAIHTTPParams | str, *, api_key: str | None = None):
        if isinstance(params, str):
            params = OpenAIHTTPParams(base_url=params)
        validate(params)
        key = api_key
        if key is None and params.api_key_env:
            key = os.environ.get(params.api_key_env)
            if not key:
                raise InvalidParamsError(_('the environment variable {api_key_env} holding the API key is not set').format(api_key_env=params.api_key_env))
        self.params = params
        self._secret = Secret(key)
        self.url = api_url(params.base_url)  # for messages and requests: no credentials, no key
        self._root = self.url[: -len("/v1")] if self.url.endswith("/v1") else self.url
        transport = LimitedTransport(
            httpx2.HTTPTransport(limits=httpx2.Limits(max_connections=None, max_keepalive_connections=params.max_connections)),
            idle_timeout=params.idle_timeout, max_response_bytes=int(params.max_response_mb * 2**20),
            max_line_bytes=min(int(params.max_response_mb * 2**20), 4 * 2**20))
        self._client = openai.OpenAI(
            api_key=key or "", admin_api_key="", base_url=self.url, max_retries=0,
            http_client=httpx2.Client(transport=transport, follow_redirects=False),
            default_headers=_headers(key))  # type: ignore[arg-type]
        self.notices: list[str] = []
        self.gpu_layers_requested = 0
        self.gpu_layers_effective = 0  # unknown for a server; extra["gpu_layers"] says so
        self._info: ServerInfo | None = None
        self._wire_model: str | None = None  # the model id as the server spells it
        self._tokenize_url: str | None = None
        self._load_lock = threading.Lock()
        self._count_cache: dict[str, int] = {}
        self._count_lock = threading.Lock()

    @property
    def location(self) -> str:
        """Where the model lives: the server (no credentials)."""
        return self.url

    def reset_cache(self) -> None:
        """Nothing to forget here: a server keeps (or not) its own prompt cache."""

    def __repr__(self) -> str:
        return f"OpenAIHTTPBackend({self.url!r}, model={self.params.model!r}, server={self.params.server!r})"

    # -- talking to the server ------------------------------------------------------
    def _options(self, deadline: float, read: float) -> dict[str, Any]:
        """Per-request timeout and headers: what is left of ``deadline`` bounds every phase."""
        left = max(0.001, deadline - time.monotonic())
        p = self.params
        headers: dict[str, Any] = {DEADLINE_HEADER: repr(deadline)}
        if self._secret.reveal() is None:
            headers["Authorization"] = openai.Omit()  # no key: send none (never one from the environment)
        timeout = httpx2.Timeout(min(read, left), connect=min(p.connect_timeout, left), pool=min(p.connect_timeout, left))
        return {"timeout": timeout, "extra_headers": headers}

    def _fail(self, exc: BaseException, deadline: float, *, n_tokens: int = 0, started: bool = False,
              what: str | None = None, budget: float | None = None) -> Failure:
        if isinstance(exc, openai.APITimeoutError) and time.monotonic() >= deadline - 0.01:
            exc = StreamLimit("deadline", "the request ran past its deadline")  # the time left was the shorter limit
        return failure(exc, url=self.url, secret=self._secret, n_tokens=n_tokens, started=started,
                       connect_timeout=self.params.connect_timeout, idle_timeout=self.params.idle_timeout,
                       request_timeout=budget or self.params.request_timeout, what=what)

    def _raw(self, method: str, url: str, body: dict[str, Any] | None, deadline: float, read: float) -> httpx2.Response:
        opts = self._options(deadline, read)
        options: Any = {"timeout": opts["timeout"], "headers": opts["extra_headers"]}
        if method == "GET":
            return self._client.get(url, cast_to=httpx2.Response, options=options)
        return self._client.post(url, cast_to=httpx2.Response, body=body, options=options)

    def _json(self, method: str, url: str, body: dict[str, Any] | None, *, what: str) -> Any:
        """A JSON call (discovery, tokenize) under the same retry policy as generation."""
        budget = min(DISCOVERY_TIMEOUT, self.params.request_timeout)
        deadline = time.monotonic() + budget
        attempt = 0
        while True:
            try:
                resp = self._raw(method, url, body, deadline, min(self.params.idle_timeout, DISCOVERY_TIMEOUT))
            except (openai.OpenAIError, StreamLimit) as exc:
                f = self._fail(exc, deadline, what=what, budget=budget)
                if not f.retry or attempt >= self.params.max_retries or time.monotonic() >= deadline:
                    # never chained: the cause may quote the key, and a logged traceback would show it
                    raise BackendError(f.message + _tries(attempt + 1, f)) from None
                attempt += 1
                time.sleep(self._backoff(attempt))
                continue
            try:
                return resp.json()
            except ValueError:
                raise BackendError(_('the server at {url} sent an unreadable answer for {what}').format(url=self.url, what=what)) from None

    def _probe(self, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
        """A JSON answer, or None when the server does not have that endpoint."""
        try:
            t = self.params.connect_timeout
            return self._raw(method, url, body, time.monotonic() + t, t).json()
        except (openai.OpenAIError, StreamLimit, ValueError):
            return None

    def _backoff(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (1, 2, ...)."""
        return self.params.backoff_s * 2 ** (attempt - 1)

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
        scrub = self._secret.scrub
        listing = self._json("GET", "/models", None, what="the model list")
        data = listing.get("data") if isinstance(listing, dict) else None
        entries = [m for m in (data if isinstance(data, list) else []) if isinstance(m, dict) and m.get("id")]
        ids = [str(m["id"]) for m in entries]
        models = [scrub(i) for i in ids]
        model = self.params.model
        if model is None:
            if not ids:
                raise BackendError(_('the server at {url} lists no models; pass the model name').format(url=self.url))
            model = ids[0]
            if len(ids) > 1:
                self.notices.append(f"The server at {self.url} serves {len(ids)} models; using the first, {scrub(model)}.")
        elif ids and model not in ids:
            raise BackendError(scrub(f"the server at {self.url} has no model {model!r}; it serves: {', '.join(models[:5])}"))
        n_ctx: int | None = None
        for m in entries:  # vLLM: max_model_len; llama-server: meta.n_ctx_train
            if str(m["id"]) == model:
                meta = m.get("meta") if isinstance(m.get("meta"), dict) else {}
                n_ctx = as_int(m.get("max_model_len")) or as_int(meta.get("n_ctx_train"))
        kind = self.params.server
        template: str | None = "(applied by the server)"
        props = self._probe("GET", f"{self._root}/props") if kind in ("auto", "llama-server") else None
        if isinstance(props, dict) and "default_generation_settings" in props:
            kind = "llama-server"
            settings = props.get("default_generation_settings")
            n_ctx = as_int(settings.get("n_ctx") if isinstance(settings, dict) else None) or n_ctx
            chat_template = props.get("chat_template")
            template = scrub(chat_template) if isinstance(chat_template, str) and chat_template else template
            self._tokenize_url = f"{self._root}/tokenize"
        elif kind in ("auto", "llama-cpp-python"):
            if self._probe("POST", f"{self._root}/extras/tokenize/count", {"input": "a"}) is not None:
                kind = "llama-cpp-python"
                self._tokenize_url = f"{self._root}/extras/tokenize/count"
            elif kind == "auto":
                kind = "openai"
        if self.params.n_ctx is not None:
            n_ctx = self.params.n_ctx
        elif n_ctx is None:
            self.notices.append(UNKNOWN_CTX_NOTICE.format(url=self.url))
        self._wire_model = model
        return ServerInfo(name=scrub(model), server_kind=kind, models=models, chat_template=template, context_length=n_ctx)

    @property
    def info(self) -> ServerInfo:
        self.load()
        assert self._info is not None
        return self._info

    @property
    def server_kind(self) -> str:
        return self.info.server_kind

    def list_models(self) -> list[str]:
        """Model ids from the server's ``/v1/models`` (with the key, if a server echoes it, masked)."""
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
        if self._tokenize_url is None:
            return estimate_tokens(text), "estimate (about 4 characters a token)"
        with self._count_lock:
            cached = self._count_cache.get(text)
        if cached is None:
            body = {"content": text, "add_special": True} if self.server_kind == "llama-server" else {"input": text}
            data = self._json("POST", self._tokenize_url, body, what="tokenize")
            data = data if isinstance(data, dict) else {}
            tokens = data.get("tokens")
            cached = as_int(data.get("count")) if "count" in data else len(tokens) if isinstance(tokens, list) else 0
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
        body: dict[str, Any] = {"model": self._wire_model or self.info.name, "stream": True, "max_tokens": p.max_tokens,
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
        if p.factual_nucleus:  # the server's sampler has a fixed top_p
            not_sent.append("factual_nucleus")
        if request.messages is not None:
            path = "/chat/completions"
            body["messages"] = [{"role": m.role, "content": m.content} for m in request.messages]
            body.update(tools_payload(request.tools, request.documents))
        else:
            path = "/completions"
            body["prompt"] = request.prompt
        fields, mechanism = constraint_payload(kind, request.mode, request.constraint)
        body.update(fields)
        if request.logprobs:
            body.update(request_fields(request.mode, clamp_top_k(request.logprobs)[0]))
        return path, body, mechanism, not_sent

    def _open(self, path: str, body: dict[str, Any], deadline: float) -> openai.Stream[Any]:
        """Start one streamed generation; the fields the client has no argument for go in ``extra_body``."""
        opts = self._options(deadline, self.params.idle_timeout)
        known = {"model", "stream", "max_tokens", "temperature", "top_p", "seed", "stop", "stream_options"}
        args = {k: v for k, v in body.items() if k in known}
        extra = {k: v for k, v in body.items() if k not in known and k not in ("messages", "prompt")}
        if path == "/chat/completions":
            return self._client.chat.completions.create(messages=body["messages"], extra_body=extra, **args, **opts)
        return self._client.completions.create(prompt=body["prompt"], extra_body=extra, **args, **opts)

    def stream(self, request: GenerationRequest, cancel: CancelToken | None = None) -> Iterator[Event]:
        cancel = cancel or CancelToken()
        t_start = time.perf_counter()
        deadline = time.monotonic() + self.params.request_timeout
        self.load()
        seed = request.params.seed if request.params.seed is not None else random.getrandbits(32)
        path, body, mechanism, not_sent = self.payload(request, seed)
        st = StreamState(request.params, self._secret, request.logprobs)
        attempt = 0
        while True:  # retries happen only before the first token (see the module docstring)
            started = False
            try:
                stream = self._open(path, body, deadline)
                started = True
                with stream:
                    _check_event_stream(stream, self.url)
                    for chunk in stream:
                        yield from st.take(chunk.to_dict(warnings=False), cancel)
                        if st.done:
                            break
                    yield from st.finish()
                    yield from st.calls()
            except (openai.OpenAIError, StreamLimit, ValueError) as exc:
                f = self._fail(exc, deadline, n_tokens=st.n_chunks, started=started)
                if (f.retry and st.n_chunks == 0 and attempt < self.params.max_retries and not cancel.cancelled
                        and time.monotonic() + self._backoff(attempt + 1) < deadline):
                    attempt += 1
                    _sleep(self._backoff(attempt), cancel)
                    st = StreamState(request.params, self._secret, request.logprobs)  # nothing of it is kept
                    continue
                if f.overflow:
                    raise ContextOverflowError(f.message) from None
                raise BackendError(f.message + _tries(attempt + 1, f)) from None  # not chained: see _json
            break
        yield build_result(self, request, st, t_start=t_start, seed=seed, mechanism=mechanism,
                           not_sent=not_sent, retries=attempt)


def _headers(key: str | None) -> dict[str, Any]:
    """Headers that keep the client's environment out of our requests: OPENAI_ORG_ID,
    OPENAI_PROJECT_ID and OPENAI_CUSTOM_HEADERS (which could even replace the key) are
    meant for api.openai.com, never for whatever server base_url names."""
    omit = openai.Omit()
    names = [line.partition(":")[0].strip() for line in os.environ.get("OPENAI_CUSTOM_HEADERS", "").splitlines()]
    headers: dict[str, Any] = {name: omit for name in names if name}
    headers.update({"OpenAI-Organization": omit, "OpenAI-Project": omit})
    headers["Authorization"] = f"Bearer {key}" if key else omit
    headers["Accept-Encoding"] = "identity"  # the response limits count bytes as sent (openai_limits)
    return headers


def _check_event_stream(stream: openai.Stream[Any], url: str) -> None:
    ctype = stream.response.headers.get("content-type", "")
    if ctype and "text/event-stream" not in ctype:
        raise BackendError(_('the server at {url} answered with {value}, not an event stream').format(url=url, value=ctype.split(';')[0][:60]))


def _tries(n: int, f: Failure) -> str:
    return f" (tried {n} times)" if n > 1 and f.retry else ""


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
        raise InvalidParamsError(_('concurrency must be > 0, got {n}').format(n=n))

    def one(req: GenerationRequest) -> GenerationResult | Exception:
        try:
            return complete(backend, req, cancel)
        except Exception as exc:  # noqa: BLE001 - handed back in the request's place
            return exc

    if n == 1:
        return [one(r) for r in requests]
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="openai-http") as pool:
        return list(pool.map(one, requests))



def open_backend(settings: Any, registry: Any, pool: Any) -> tuple[Any, OpenAIHTTPBackend]:
    """The catalog's entry point (backends/catalog.py): the server at ``base_url``, pooled."""
    from backends.registry import ModelEntry

    params = OpenAIHTTPParams(base_url=settings.base_url or "", model=settings.model, api_key_env=settings.api_key_env)
    server = pool.get(("openai", params), lambda: OpenAIHTTPBackend(params))
    return ModelEntry(name=server.info.name, path=None, source=f"server {server.url}", kind="chat"), server

__all__ = ["ENV", "SERVER_KINDS", "OpenAIHTTPBackend", "OpenAIHTTPParams", "ServerInfo", "run_concurrently"]
