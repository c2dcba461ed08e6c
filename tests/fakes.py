"""A deterministic fake backend for fast tests: streams queued chunks and records
every request it was given. It speaks the same interface as the real backends."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from backends.base import CancelToken, Event, GenerationRequest, GenerationResult, Timings, TokenEvent
from common.errors import BackendError


@dataclass
class FakeInfo:
    chat_template: str | None = "fake"
    name: str = "fake"
    block_count: int = 4
    context_length: int = 2048


@dataclass
class FakeParams:
    model_path: str = "fake.gguf"
    n_ctx: int = 2048
    n_threads: int = 1
    n_batch: int = 512
    n_gpu_layers: int = 0


class FakeBackend:
    name = "fake"
    can_stream = True
    supports_constraints = False
    supports_tools = True  # it records the tools it was given
    supports_answer_scoring = False

    def __init__(self, chunks: list[str] | None = None, *, fail_after: int | None = None,
                 delay_s: float = 0.0, n_ctx: int = 2048, chat: bool = True,
                 responder: Any = None):
        self.chunks = list(chunks if chunks is not None else ["Hello", ",", " world", "!"])
        self.responder = responder  # request -> list of chunks, for multi-call tests
        self.fail_after = fail_after
        self.delay_s = delay_s
        self.requests: list[GenerationRequest] = []
        self.info = FakeInfo(chat_template="fake" if chat else None)
        self.params = FakeParams(n_ctx=n_ctx)
        self.notices: list[str] = []
        self.gpu_layers_effective = 0
        self.closed = False
        self.resets = 0  # reset_cache() calls

    # same surface as LlamaCppBackend where the pipeline touches it
    def load(self) -> float:
        return 0.0

    def close(self) -> None:
        self.closed = True

    @property
    def n_ctx(self) -> int:
        return self.params.n_ctx

    @property
    def location(self) -> str:
        return str(self.params.model_path)

    def reset_cache(self) -> None:
        self.resets += 1

    @property
    def chat_format(self) -> str:
        return "fake-chatml"

    def render(self, request: GenerationRequest) -> str:
        if request.messages is None:
            return request.prompt or ""
        return "".join(f"<{m.role}>{m.content}</{m.role}>" for m in request.messages) + "<assistant>"

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def stream(self, request: GenerationRequest, cancel: CancelToken | None = None) -> Iterator[Event]:
        cancel = cancel or CancelToken()
        self.requests.append(request)
        t0 = time.perf_counter()
        out: list[str] = []
        finish = "stop"
        first = None
        chunks = self.responder(request) if self.responder is not None else self.chunks
        for i, chunk in enumerate(chunks):
            if cancel.cancelled:
                finish = "cancelled"
                break
            if self.fail_after is not None and i >= self.fail_after:
                raise BackendError("fake backend failed on purpose")
            if i >= request.params.max_tokens:
                finish = "length"
                break
            if self.delay_s:
                time.sleep(self.delay_s)
            if first is None:
                first = time.perf_counter()
            out.append(chunk)
            yield TokenEvent(chunk)
        end = time.perf_counter()
        t = Timings(
            ttft_ms=((first or end) - t0) * 1000,
            prompt_tokens=self.count_tokens(self.render(request)),
            prompt_ms=0.1,
            completion_tokens=len(out),
            gen_ms=(end - (first or end)) * 1000,
            total_ms=(end - t0) * 1000,
        )
        yield GenerationResult("".join(out), finish, t, self.render(request), extra={"seed": request.params.seed or 7})


@dataclass
class FakePool:
    """Stands in for BackendPool: hands out one FakeBackend."""

    backend: Any = field(default_factory=FakeBackend)

    def llama(self, params: Any) -> Any:
        return self.backend

    def get(self, key: Any, factory: Any) -> Any:
        return self.backend

    def current(self) -> Any:
        return self.backend

    def unload_all(self) -> None:
        self.backend.close()
