"""Streaming helpers shared by the local backends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from backends.base import CancelToken, Event, GenerationRequest, TokenEvent


class LocalBackend:
    """What the in-process backends share: one generation at a time (``_lock``), token
    counting through ``tokenize``, and the load time charged to the first run after a
    load (``_load_ms_unreported``, set by ``load()``)."""

    _lock: Any
    _load_ms_unreported: float

    def tokenize(self, text: str) -> list[int]:
        raise NotImplementedError

    def load(self) -> float:
        raise NotImplementedError

    def _stream_locked(self, request: GenerationRequest, cancel: CancelToken) -> Iterator[Event]:
        raise NotImplementedError

    def count_tokens(self, text: str) -> int:
        return len(self.tokenize(text))

    def stream(self, request: GenerationRequest, cancel: CancelToken | None = None) -> Iterator[Event]:
        with self._lock:
            yield from self._stream_locked(request, cancel or CancelToken())

    def _load_for_run(self) -> float:
        """Load if needed; the milliseconds of a load this run should report (once)."""
        self.load()
        ms, self._load_ms_unreported = self._load_ms_unreported, 0.0
        return ms


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
