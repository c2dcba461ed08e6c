"""Streaming helpers shared by the local backends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from backends.base import CancelToken, Event, GenerationRequest, TokenEvent


class LocalBackend:
    """What the in-process backends share: one generation at a time (``_lock``), token
    counting through ``tokenize``, the load time charged to the first run after a
    load (``_load_ms_unreported``, set by ``load()``), and what the loaded model costs
    in memory (``_memory``, set by ``load()``: see ``memory``)."""

    _lock: Any
    _load_ms_unreported: float
    _memory: dict[str, float]

    def tokenize(self, text: str) -> list[int]:
        raise NotImplementedError

    def load(self) -> float:
        raise NotImplementedError

    def _stream_locked(self, request: GenerationRequest, cancel: CancelToken) -> Iterator[Event]:
        raise NotImplementedError

    def count_tokens(self, text: str) -> int:
        return len(self.tokenize(text))

    def reset_cache(self) -> None:
        """Forget a reused prompt prefix (backends that keep one override this)."""

    @property
    def location(self) -> str:
        """Where the model lives: its file (or folder)."""
        return str(self.params.model_path)  # type: ignore[attr-defined]

    def stream(self, request: GenerationRequest, cancel: CancelToken | None = None) -> Iterator[Event]:
        with self._lock:
            yield from self._stream_locked(request, cancel or CancelToken())

    @property
    def memory(self) -> dict[str, float]:
        """What the loaded model costs, in MB (1e6 bytes), measured once at load:
        ``weights_mb`` (the weights as loaded: quantized for llama.cpp, full precision
        for transformers), ``load_rss_mb`` (how much this process's resident memory grew
        across the load) and, where the backend can tell, ``kv_cache_mb``. Loads the model."""
        self.load()
        return dict(self._memory)

    def _load_for_run(self) -> float:
        """Load if needed; the milliseconds of a load this run should report (once)."""
        self.load()
        ms, self._load_ms_unreported = self._load_ms_unreported, 0.0
        return ms


def rss_bytes() -> int:
    """This process's resident memory now."""
    import psutil

    return int(psutil.Process().memory_info().rss)


def memory_figures(weights_bytes: int, rss_before: int, kv_cache_bytes: int | None = None) -> dict[str, float]:
    """The ``memory`` dict of a backend just loaded, in MB rounded to 0.1."""
    figures = {"weights_mb": round(weights_bytes / 1e6, 1), "load_rss_mb": round((rss_bytes() - rss_before) / 1e6, 1)}
    if kv_cache_bytes is not None:
        figures["kv_cache_mb"] = round(kv_cache_bytes / 1e6, 1)
    return figures


class StopEmitter:
    """Turns decoded text into TokenEvents, holding back text that may start a stop string."""

    def __init__(self, stops: tuple[str, ...]):
        self.stops = stops
        self.hold = max((len(x) for x in stops), default=0)
        self.out: list[str] = []
        self.pending = ""
        self.hit_stop = False
        self._emitted = 0
        self._tail = ""  # the last ``hold`` characters emitted: a stop string may start there

    def _push(self, text: str) -> Iterator[TokenEvent]:
        if text:
            self.out.append(text)
            self._emitted += len(text)
            if self.hold:
                self._tail = (self._tail + text)[-self.hold :]
            yield TokenEvent(text)

    def feed(self, piece: str) -> Iterator[TokenEvent]:
        if not self.stops:
            yield from self._push(piece)
            return
        self.pending += piece
        window_start = self._emitted - len(self._tail)
        joined = self._tail + self.pending
        hits = [i for i in (joined.find(x) for x in self.stops) if i >= 0]
        if hits:
            cut = window_start + min(hits) - self._emitted
            if cut > 0:
                yield from self._push(self.pending[:cut])
            self.pending = ""
            self.hit_stop = True
            return
        keep = stop_prefix_len(self.pending, self.stops)
        ready, self.pending = self.pending[: len(self.pending) - keep], self.pending[len(self.pending) - keep :]
        yield from self._push(ready)

    def flush(self, tail: str) -> Iterator[TokenEvent]:
        rest, self.pending = self.pending + tail, ""
        yield from self._push(rest)


def stop_prefix_len(text: str, stops: tuple[str, ...]) -> int:
    """Length of the longest suffix of ``text`` that is a proper prefix of a stop string."""
    best = 0
    for s in stops:
        for k in range(min(len(s) - 1, len(text)), best, -1):
            if text.endswith(s[:k]):
                best = k
                break
    return best
