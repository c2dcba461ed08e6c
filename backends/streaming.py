"""Streaming helpers shared by the local backends."""

from __future__ import annotations

from collections.abc import Iterator

from backends.base import TokenEvent


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
