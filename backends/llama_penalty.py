"""llama.cpp's repeat penalty as a sampler-chain stage that touches only the penalized tokens.

``llama_sampler_init_penalties`` looks every one of the vocabulary's entries up in a hash
map of the last ``penalty_last_n`` tokens on every step: on SmolLM2's 49,152 entries that
is ~0.24 ms per token, as much as the rest of the chain, greedy included, five times
over (benchmarks/bench_native_decode.py). :class:`RepeatPenalty` does the same
arithmetic on the same window, but only for the (at most ``last_n``) tokens in it.

It is the same stage, bit for bit, as llama.cpp's with ``penalty_freq`` and
``penalty_present`` 0 (all our loop uses): the window holds the last ``last_n`` tokens
the chain accepted (every sampled token, and the forced ones the loop accepts), a
token's logit is multiplied by the penalty when it is <= 0 and divided by it otherwise,
in float32 (numpy's float32 ``*`` and ``/`` are IEEE-rounded, as the C++ is). As the
chain's first stage it sees ``cur_p`` as llama.cpp fills it from the logits row,
entry ``i`` holding token ``i``; should an entry not hold its token, the tokens are
found by id instead.
"""

from __future__ import annotations

import ctypes
from collections import deque
from typing import Any

import numpy as np

_TOKEN_DATA = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)])


class RepeatPenalty:
    """One chain stage; add it with :func:`add_repeat_penalty`."""

    def __init__(self, penalty: float, last_n: int = 64) -> None:
        import llama_cpp

        if _TOKEN_DATA.itemsize != ctypes.sizeof(llama_cpp.llama_token_data):
            raise RuntimeError("llama_token_data is not (int32, float, float)")
        self.penalty = np.float32(penalty)
        self.last_n = last_n
        self._prev: deque[int] = deque()
        self._count: dict[int, int] = {}
        # the callbacks and the interface must live as long as the chain holds the stage
        self._accept_cb = llama_cpp.llama_sampler_i_accept(self._on_accept)
        self._apply_cb = llama_cpp.llama_sampler_i_apply(self._on_apply)
        self._iface = llama_cpp.llama_sampler_i()
        self._iface.accept = self._accept_cb
        self._iface.apply = self._apply_cb
        self._sampler = llama_cpp.llama_sampler()
        self._sampler.iface = ctypes.pointer(self._iface)
        self._sampler.ctx = None

    def pointer(self) -> Any:
        return ctypes.pointer(self._sampler)

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

    def apply(self, data: np.ndarray) -> None:
        """Penalize, in ``data`` (llama_token_data entries), every token in the window."""
        if not self._count or self.penalty == np.float32(1.0):
            return
        ids = np.fromiter(self._count, dtype=np.int64, count=len(self._count))
        n = len(data)
        inside = ids[ids < n]
        if len(inside) != len(ids) or not np.array_equal(data["id"][inside], inside):
            pos = np.flatnonzero(np.isin(data["id"], ids))  # not in id order: find them
        else:
            pos = inside
        logit = data["logit"][pos]
        data["logit"][pos] = np.where(logit <= 0, logit * self.penalty, logit / self.penalty)

    def _on_accept(self, _smpl: Any, token: int) -> None:
        self.accept(int(token))

    def _on_apply(self, _smpl: Any, cur_p: Any) -> None:
        arr = cur_p.contents
        if arr.size:
            buf = (ctypes.c_char * (arr.size * _TOKEN_DATA.itemsize)).from_address(ctypes.addressof(arr.data.contents))
            self.apply(np.frombuffer(buf, dtype=_TOKEN_DATA))
        arr.sorted = False


def add_repeat_penalty(chain: Any, penalty: float, last_n: int = 64) -> RepeatPenalty:
    """Append the stage to a ``llama_cpp._internals.LlamaSampler`` chain, registered as a
    custom stage so the chain hands it back before llama.cpp frees the rest."""
    import llama_cpp

    stage = RepeatPenalty(penalty, last_n)
    llama_cpp.llama_sampler_chain_add(chain.sampler, stage.pointer())
    chain.custom_samplers.append((llama_cpp.llama_sampler_chain_n(chain.sampler) - 1, stage))
    return stage
