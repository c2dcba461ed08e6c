"""Picking the next token from llama.cpp's logits, the way llama.cpp's sampler chain
would, without handing the chain the whole vocabulary when that provably changes nothing.

``llama_sampler_sample`` copies every vocabulary entry (49,152 on SmolLM2) into the
chain's candidate array on every step, and the chain's first stages walk all of it.
Right after a decode has streamed the weights through the caches that costs ~0.13 ms a
token greedy and ~0.24 ms with top-k sampling here (2 threads; 1.5-3% of a step).
:class:`TokenPicker` makes the same pick with less:

- **greedy**: the first index of the largest logit, which is what llama.cpp's greedy
  stage selects (it keeps the first of equal maxima); a NaN anywhere in the row hands
  the row to the chain instead;
- **top-k first** (``1 <= k <= 128``, and below the vocabulary's size): when the ``k + 1`` largest logits are
  pairwise distinct, the set of the ``k`` largest and their order are unique, so the
  chain's top-k stage leaves exactly the same array whether it is given the whole row
  or only those ``k`` entries (in id order, as it would find them). Every later stage
  (top-p, min-p, the factual nucleus, temperature, the seeded draw) then sees the same
  input and draws the same random number. With ties at that boundary, or a NaN, the
  whole row goes to the chain. Above 128 llama.cpp's top-k sorts by buckets, where
  ``int(+inf)`` lands in the lowest bucket, so a +inf logit is dropped from the whole
  row but would be kept from the short one: those k always take the whole row;
- anything else (no top-k): the whole row, as ``llama_sampler_sample`` fills it.

The repeat penalty (backends/llama_penalty.py) is applied here, to a copy of the row,
before any of that: it is the chain's first stage in llama.cpp's order, so the chain
itself holds only the stages after it. A test draws thousands of steps both ways
(llama.cpp's own chain with its own penalties stage, given the whole row, against this)
with ties, infinities and masked rows among them, and compares every pick; another
generates with the real model both ways.
"""

from __future__ import annotations

import ctypes
from typing import Any

import numpy as np

from backends.llama_penalty import TOKEN_DATA, RepeatPenalty
from common.errors import BackendError

BLOCK = 128  # block maxima bound the top-k threshold (see _top_ids)
MAX_SHORT_K = 128  # llama.cpp's top-k is std::partial_sort up to here, bucket sort above


class TokenPicker:
    """The loop's sampler: :meth:`pick` the next token from a logits row, :meth:`accept`
    a token given instead (a constraint's forced tokens, a branch's prefix)."""

    def __init__(self, chain: Any, n_vocab: int, *, greedy: bool, top_k: int,
                 penalty: RepeatPenalty | None = None) -> None:
        import llama_cpp

        self.chain = chain  # a llama_cpp._internals.LlamaSampler: every stage after the penalty
        self.penalty = penalty
        self.greedy = greedy
        self.n_vocab = n_vocab
        self.top_k = top_k if not greedy and 0 < top_k <= MAX_SHORT_K and top_k < n_vocab - 1 else 0
        self.short = 0  # picks made without the whole row (tests and benchmarks read them)
        self.whole = 0
        self._ids = np.arange(n_vocab, dtype=np.int32)
        self._rows = np.zeros(n_vocab, dtype=TOKEN_DATA)
        self._arr = llama_cpp.llama_token_data_array()
        self._arr.data = ctypes.cast(self._rows.ctypes.data, llama_cpp.llama_token_data_p)
        self._apply = llama_cpp.llama_sampler_apply
        self._accept = llama_cpp.llama_sampler_accept

    def accept(self, token: int) -> None:
        if self.penalty is not None:
            self.penalty.accept(token)
        self._accept(self.chain.sampler, token)

    def pick(self, logits: np.ndarray) -> int:
        """The token the chain picks from ``logits`` (one row, float32, by token id); accepted."""
        y = logits
        if self.penalty is not None and self.penalty.active:
            y = logits.copy()
            self.penalty.penalize(y)
        if self.greedy:
            tok = int(y.argmax())
            if y[tok] == y[tok]:  # numpy's argmax stops at a NaN; llama.cpp's comparisons pass it by
                self.short += 1
                self.accept(tok)
                return tok
        elif self.top_k:
            ids = _top_ids(y, self.top_k)
            if ids is not None:
                self.short += 1
                return self._run(ids, y[ids])
        self.whole += 1
        return self._run(self._ids, y)

    def _run(self, ids: np.ndarray, logits: np.ndarray) -> int:
        n = len(ids)
        rows = self._rows[:n]
        rows["id"] = ids
        rows["logit"] = logits
        rows["p"] = 0.0
        arr = self._arr
        arr.size, arr.selected, arr.sorted = n, -1, False
        self._apply(self.chain.sampler, ctypes.byref(arr))
        if not 0 <= arr.selected < arr.size:
            raise BackendError("llama.cpp's sampler chain selected no token")
        tok = int(rows["id"][arr.selected])
        self.accept(tok)
        return tok

    def close(self) -> None:
        self.chain.close()


def _top_ids(y: np.ndarray, k: int) -> np.ndarray | None:
    """The ids of the ``k`` largest values of ``y``, ascending, when the ``k + 1``
    largest are pairwise distinct (and no value is NaN); else None."""
    n = len(y)
    nb = n // BLOCK
    if nb > k:
        # every one of the k+1 largest block maxima has its block's maximum at or above the
        # (k+1)-th of them, so at least k+1 values are >= t: the k+1 largest all are
        maxima = y[: nb * BLOCK].reshape(nb, BLOCK).max(axis=1)
        if np.isnan(maxima).any() or np.isnan(y[nb * BLOCK:]).any():
            return None
        t = np.partition(maxima, nb - k - 1)[nb - k - 1]
        cand = np.flatnonzero(y >= t)
    else:
        if np.isnan(y).any():
            return None
        cand = np.arange(n)
    vals = y[cand]
    top = np.argpartition(vals, len(vals) - k - 1)[len(vals) - k - 1:]
    tv = vals[top]
    if len(np.unique(tv)) != k + 1:
        return None
    keep = cand[top[tv > tv.min()]]
    keep.sort()
    return keep.astype(np.int32)


def chain_stages(chain: Any, temperature: float, top_k: int, top_p: float, min_p: float, seed: int,
                 top_p_stage: Any = None) -> None:
    """Add the stages after the penalty, in llama.cpp's usual order, to ``chain``."""
    if temperature == 0:
        chain.add_greedy()
        return
    if top_k > 0:
        chain.add_top_k(top_k)
    if top_p_stage is not None:
        chain.add_custom(top_p_stage)
    elif top_p < 1.0:
        chain.add_top_p(top_p, 1)
    if min_p > 0:
        chain.add_min_p(min_p, 1)
    chain.add_temp(temperature)
    chain.add_dist(seed)


class ChainPicker:
    """llama.cpp's own path, for reference (tests, the benchmark's "before"): the whole
    chain, llama.cpp's penalties stage first, through ``llama_sampler_sample``."""

    def __init__(self, llm: Any, chain: Any) -> None:
        self.llm = llm
        self.chain = chain

    def accept(self, token: int) -> None:
        self.chain.accept(token)

    def pick(self, _logits: np.ndarray) -> int:
        return int(self.chain.sample(self.llm._ctx, -1))

    def close(self) -> None:
        self.chain.close()
