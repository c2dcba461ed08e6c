"""One streamed generation from a server, read chunk by chunk under our own limits,
and the GenerationResult made from it.

:class:`StreamState` is per request (never shared). It takes the parsed chunks the
client yields, takes the API key out of their text (``Redactor``), enforces
``max_tokens`` and the stop strings itself (``StopEmitter``) whatever the server does,
and records usage, timings and the finish reason.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from backends.base import CancelToken, GenerationRequest, GenerationResult, SamplingParams, Timings, TokenEvent
from backends.openai_logprobs import LogprobCollector, clamp_top_k
from backends.openai_policy import Redactor, Secret
from backends.openai_wire import ToolCallDeltas, as_int
from backends.streaming import StopEmitter
from common.errors import BackendError

if TYPE_CHECKING:
    from backends.openai_http import OpenAIHTTPBackend

# A token is rarely longer than this; with it, a server that sends everything in one
# chunk still cannot pass max_tokens x MAX_CHARS_PER_TOKEN characters.
MAX_CHARS_PER_TOKEN = 64


class StreamState:
    """What one stream has seen so far, and the events it lets through."""

    def __init__(self, params: SamplingParams, secret: Secret, logprobs: int = 0):
        self.params = params
        self.logprobs = LogprobCollector(clamp_top_k(logprobs)[0], params.max_tokens, secret) if logprobs else None
        self.secret = secret
        self.redact = Redactor(secret)
        self.emit = StopEmitter(params.stop)
        self.max_chars = params.max_tokens * MAX_CHARS_PER_TOKEN
        self.n_chunks = 0  # content chunks taken (one token each on llama.cpp servers)
        self.n_chars = 0
        self.server_finish: str | None = None
        self.usage: dict[str, Any] | None = None
        self.server_timings: dict[str, Any] | None = None
        self.t_first: float | None = None
        self.t_last: float | None = None
        self.cancelled = False
        self.cut_by: str | None = None  # our own limit ended the stream: "max_tokens" | "stop"
        self.tool_calls = ToolCallDeltas()

    @property
    def done(self) -> bool:
        """Stop reading: cancelled, or one of our limits was reached."""
        return self.cancelled or self.cut_by is not None

    def take(self, chunk: dict[str, Any], cancel: CancelToken) -> Iterator[TokenEvent]:
        """TokenEvents for one chunk's first choice; records usage, timings, finish."""
        if isinstance(chunk.get("usage"), dict):
            self.usage = chunk["usage"]
        if isinstance(chunk.get("timings"), dict):
            self.server_timings = chunk["timings"]
        choices = chunk.get("choices")
        for choice in choices if isinstance(choices, list) else []:
            if not isinstance(choice, dict) or choice.get("index", 0) != 0:
                continue
            if isinstance(choice.get("delta"), dict):
                self.tool_calls.take(choice["delta"])
            text = _choice_text(choice)
            if choice.get("finish_reason"):
                self.server_finish = str(choice["finish_reason"])
            if self.logprobs is not None:
                self.logprobs.take(choice)
            if cancel.cancelled:
                self.cancelled = True
                return
            if text:
                yield from self._text(text)
                if cancel.cancelled:
                    self.cancelled = True
                if self.done:
                    return

    def _text(self, text: str) -> Iterator[TokenEvent]:
        if self.n_chunks >= self.params.max_tokens or self.n_chars >= self.max_chars:
            self.cut_by = "max_tokens"
            return
        if len(text) > self.max_chars - self.n_chars:
            text = text[: self.max_chars - self.n_chars]
            self.cut_by = "max_tokens"
        self.n_chunks += 1
        self.n_chars += len(text)
        now = time.perf_counter()
        self.t_first = self.t_first or now
        self.t_last = now
        yield from self.emit.feed(self.redact.feed(text))
        if self.emit.hit_stop:
            self.cut_by = "stop"

    def finish(self) -> Iterator[TokenEvent]:
        """What was held back (a possible start of a stop string or of the key)."""
        if self.emit.hit_stop or self.cancelled:
            return
        yield from self.emit.feed(self.redact.flush())
        if self.emit.hit_stop:
            self.cut_by = "stop"
        else:
            yield from self.emit.flush("")

    def calls(self) -> Iterator[TokenEvent]:
        """The server's structured tool calls, as the text a local model writes
        (``<tool_call>...``) for the pipeline to parse; the key is taken out of them too."""
        text = self.tool_calls.as_text()
        if not text or self.cancelled:
            return
        redact = Redactor(self.secret)
        text = redact.feed(text) + redact.flush()
        now = time.perf_counter()
        self.t_first = self.t_first or now
        self.t_last = now
        self.emit.out.append(text)
        yield TokenEvent(text)

    @property
    def text(self) -> str:
        return "".join(self.emit.out)


def _choice_text(choice: dict[str, Any]) -> str:
    delta = choice.get("delta")
    text = delta.get("content") if isinstance(delta, dict) else choice.get("text")
    return text if isinstance(text, str) else ""


def build_result(backend: OpenAIHTTPBackend, request: GenerationRequest, st: StreamState, *, t_start: float,
                 seed: int, mechanism: str | None, not_sent: list[str], retries: int) -> GenerationResult:
    t_end = time.perf_counter()
    p = request.params
    url = backend.url
    if st.cancelled:
        finish = "cancelled"
    elif st.cut_by is not None:
        finish = "length" if st.cut_by == "max_tokens" else "stop"
    elif st.server_finish is None:
        hint = ""
        if backend.server_kind == "llama-cpp-python":
            hint = ("; llama-cpp-python's server does this when the prompt does not fit its context, "
                    "or when another request arrives unless it runs with --interrupt_requests False")
        raise BackendError(f"the stream from {url} ended after {st.n_chunks} tokens without a finish reason{hint}")
    else:
        finish = "length" if st.server_finish == "length" else "stop"
    sent = backend.render(request)
    timings = Timings()
    extra: dict[str, Any] = {"seed": seed, "server": backend.server_kind, "model": backend.info.name,
                             "notices": list(backend.notices), "gpu_layers": "unknown (decided by the server)",
                             "limits": backend.params.limits()}
    usage = st.secret.scrub_value(st.usage) if st.usage is not None else {}
    # token counts: the server's own numbers when it gives them, and where each came from
    if as_int(usage.get("prompt_tokens")):
        timings.prompt_tokens = int(usage["prompt_tokens"])
        extra["prompt_tokens_source"] = "server usage"
    else:
        timings.prompt_tokens, how = backend._count_quietly(sent)
        extra["prompt_tokens_source"] = how + (" of our plain-text view of the chat" if request.messages else "")
    server_count = as_int(usage.get("completion_tokens"))
    if st.cut_by == "max_tokens":
        timings.completion_tokens = p.max_tokens
        extra["completion_tokens_source"] = "max_tokens (the stream was cut there by the workbench)"
    elif server_count is not None and finish != "cancelled" and st.cut_by is None:
        timings.completion_tokens = min(server_count, p.max_tokens)
        extra["completion_tokens_source"] = "server usage" + (" (over max_tokens: clamped)" if server_count > p.max_tokens else "")
    elif finish == "length":
        timings.completion_tokens = p.max_tokens  # the server stopped because it made exactly that many
        extra["completion_tokens_source"] = "max_tokens (the server stopped for length)"
    else:
        timings.completion_tokens = st.n_chunks
        extra["completion_tokens_source"] = "streamed chunks (one token each on llama.cpp servers)"
    details = usage.get("prompt_tokens_details")
    timings.cached_tokens = as_int(details.get("cached_tokens") if isinstance(details, dict) else None) or 0
    if st.t_first is not None:
        timings.ttft_ms = (st.t_first - t_start) * 1000
        timings.gen_ms = ((st.t_last or t_end) - st.t_first) * 1000
    timings.prompt_ms = timings.ttft_ms or 0.0  # an upper bound: network + queue + prefill
    timings.total_ms = (t_end - t_start) * 1000
    if st.usage is not None:
        extra["usage"] = usage
    if st.server_timings is not None:
        extra["server_timings"] = st.secret.scrub_value(st.server_timings)
    if st.server_finish not in (None, "stop", "length"):
        extra["server_finish_reason"] = st.secret.scrub(st.server_finish)
    if st.cut_by == "max_tokens":
        extra["cut_by"] = f"max_tokens: the server sent more than {p.max_tokens} tokens; the workbench stopped reading"
    elif st.cut_by == "stop":
        extra["cut_by"] = "stop: a stop string arrived; the workbench stopped reading"
    if not_sent:
        extra["params_not_sent"] = not_sent
    if retries:
        extra["retries"] = retries
    text = st.text
    if request.constraint is not None:
        extra["constraint_mechanism"] = mechanism
        check = getattr(request.constraint, "check", None)
        if mechanism and mechanism.startswith("not enforced") and finish != "cancelled" and check is not None:
            ok, _, problem = check(text)
            extra["constraint_ok"] = ok
            if problem:
                extra["constraint_problem"] = problem
    trace = None
    if st.logprobs is not None:
        trace, missing = st.logprobs.trace()
        said = [n for n in (clamp_top_k(request.logprobs)[1], missing) if n]
        if said:
            extra["logprobs_notice"] = "; ".join(said)
    return GenerationResult(
        text=text,
        finish_reason=finish,  # type: ignore[arg-type]
        timings=timings,
        sent_text=sent,
        chat_format=backend.chat_format if request.messages is not None else None,
        gpu_layers_effective=0,
        extra=extra,
        tokens=trace,
    )


__all__ = ["MAX_CHARS_PER_TOKEN", "StreamState", "build_result"]
