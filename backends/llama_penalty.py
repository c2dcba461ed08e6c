"""llama.cpp's repeat penalty, applied only to the tokens it touches.

``llama_sampler_init_penalties`` looks every one of the vocabulary's entries up in a hash
map of the last ``penalty_last_n`` tokens on every step: on SmolLM2's 49,152 entries that
is ~0.15-0.24 ms per token, as much as the rest of the chain, greedy included, several
times over (benchmarks/bench_native_decode.py). :class:`RepeatPenalty` does the same
arithmetic on the same window, but only for the (at most ``last_n``) tokens in it; the
token picker (backends/llama_pick.py) applies it to the logits row before the chain.

It is the same stage, bit for bit, as llama.cpp's with ``penalty_freq`` and
``penalty_present`` 0 (all our loop uses): the window holds the last ``last_n`` tokens
accepted (every sampled token, and the forced or given ones the loop accepts), a
token's logit is multiplied by the penalty when it is <= 0 and divided by it otherwise,
in float32.

It is plain Python over a memoryview of the row, not numpy: right after a decode has
streamed the weights through the caches, each numpy call costs several microseconds
cold, and the ten it took came to ~0.11 ms a token in the loop (1% of a decode step
here), against ~0.02 ms for this loop over the window's few dozen distinct tokens.
Python multiplies and divides in double and the memoryview rounds the result to
float32 on the store; for ``*`` and ``/`` that is the float32 result exactly (double
has more than 2x24+2 significand bits, so the double rounding is innocuous), which the
test against llama.cpp's own stage checks bit for bit.
"""

from __future__ import annotations

from collections import deque

import numpy as np


class RepeatPenalty:
    """The window of the last ``last_n`` accepted tokens and the penalty on their logits."""

    def __init__(self, penalty: float, last_n: int = 64) -> None:
        self.penalty = np.float32(penalty)
        self._p = float(self.penalty)  # the float32 value, as the C++ stage holds it
        self.last_n = last_n
        self._prev: deque[int] = deque()
        self._count: dict[int, int] = {}

    @property
    def active(self) -> bool:
        """Whether :meth:`penalize` would change anything."""
        return bool(self._count) and self.penalty != np.float32(1.0)

    def accept(self, token: int) -> None:
        """What ``llama_sampler_penalties_accept`` does: count ``token``, drop the oldest past ``last_n``."""
        if self.last_n == 0:
            return
        count = self._count
        count[token] = count.get(token, 0) + 1
        if len(self._prev) >= self.last_n:
            old = self._prev.popleft()
            left = count[old] - 1
            if left:
                count[old] = left
            else:
                del count[old]
        self._prev.append(token)

    def penalize(self, row: memoryview) -> list[tuple[int, float]]:
        """Penalize, in place in ``row`` (a float32 memoryview indexed by token id), every
        token in the window; return what :meth:`restore` needs to undo it."""
        p = self._p
        n = len(row)
        saved = []
        for t in self._count:
            if 0 <= t < n:
                x = row[t]
                saved.append((t, x))
                row[t] = x * p if x <= 0 else x / p
        return saved

    @staticmethod
    def restore(row: memoryview, saved: list[tuple[int, float]]) -> None:
        for t, x in saved:
            row[t] = x
