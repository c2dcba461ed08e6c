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
in float32 (numpy's float32 ``*`` and ``/`` are IEEE-rounded, as the C++ is).
"""

from __future__ import annotations

from collections import deque

import numpy as np


class RepeatPenalty:
    """The window of the last ``last_n`` accepted tokens and the penalty on their logits."""

    def __init__(self, penalty: float, last_n: int = 64) -> None:
        self.penalty = np.float32(penalty)
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

    def penalize(self, logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Penalize, in place in ``logits`` (float32, indexed by token id), every token in
        the window; return ``(ids, values)``: ``logits[ids] = values`` undoes it."""
        ids = np.fromiter(self._count, dtype=np.int64, count=len(self._count))
        ids = ids[(ids >= 0) & (ids < len(logits))]
        saved = logits[ids]
        logits[ids] = np.where(saved <= 0, saved * self.penalty, saved / self.penalty)
        return ids, saved
