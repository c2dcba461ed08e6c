"""Picking the next token from llama.cpp's logits, exactly as llama.cpp's sampler chain
would, with less work where that is provably the same.

``llama_sampler_sample`` copies every vocabulary entry (49,152 on SmolLM2) into the
chain's candidate array on every step and hands it to the chain. Right after a decode
has streamed the weights through the caches that costs ~0.13 ms a token even greedy
(2 threads here: 1.3% of a step). :class:`TokenPicker`:

- **greedy**: the first index of the largest logit, which is what llama.cpp's greedy
  stage selects (it keeps the first of equal maxima): ~0.03 ms. A NaN in the row hands
  it to the chain instead (numpy's argmax stops at a NaN; llama.cpp's comparisons pass
  it by);
- **sampled**: ``llama_sampler_sample`` on the chain, as before. Handing the chain only
  the top-k candidates (exact whenever the k+1 largest logits are distinct) was tried
  and measured: the numpy calls to find them cost as much, right after a decode, as
  llama.cpp's own copy and partial sort (~0.25 ms either way), so it is not done.

The repeat penalty (backends/llama_penalty.py) is llama.cpp's first stage: it is applied
to the window's entries of the context's logits row in place, before either path, and
undone after (the token recorder reads the raw row again), so the chain holds only the
stages after it. Tests compare every pick with llama.cpp's own chain and penalties stage
over adversarial rows (ties, infinities, masked rows, NaN) and over real generations.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from backends.llama_penalty import RepeatPenalty


class TokenPicker:
    """The loop's sampler: :meth:`pick` the next token from the context's last logits row,
    :meth:`accept` a token given instead (a constraint's forced tokens, a branch's prefix)."""

    def __init__(self, chain: Any, ctx: Any, *, greedy: bool, penalty: RepeatPenalty | None = None) -> None:
        import llama_cpp

        self.chain = chain  # a llama_cpp._internals.LlamaSampler: every stage after the penalty
        self.ctx = ctx  # the llama_context whose last row pick() is given
        self.penalty = penalty
        self.greedy = greedy
        self.by_argmax = 0  # picks made without the chain (tests and benchmarks read them)
        self.by_chain = 0
        self._sample = llama_cpp.llama_sampler_sample
        self._accept = llama_cpp.llama_sampler_accept

    def accept(self, token: int) -> None:
        if self.penalty is not None:
            self.penalty.accept(token)
        self._accept(self.chain.sampler, token)

    def pick(self, logits: np.ndarray) -> int:
        """The token the chain picks; accepted. ``logits`` must be a view of the context's
        last row (``llama_get_logits_ith(ctx, -1)``): the chain reads that buffer."""
        pen = self.penalty
        if pen is None or not pen.active:
            return self._pick(logits)
        view = memoryview(logits)
        saved = pen.penalize(view)
        try:
            return self._pick(logits)
        finally:
            pen.restore(view, saved)

    def _pick(self, y: np.ndarray) -> int:
        if self.greedy:
            tok = int(y.argmax())
            if y[tok] == y[tok]:
                self.by_argmax += 1
                self.accept(tok)
                return tok
        self.by_chain += 1
        tok = int(self._sample(self.chain.sampler, self.ctx, -1))  # accepts it in the chain
        if self.penalty is not None:
            self.penalty.accept(tok)
        return tok

    def close(self) -> None:
        self.chain.close()


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


def native_picker(llm: Any, p: Any, seed: int, nucleus: Any = None) -> ChainPicker:
    """llama.cpp's own sampling for ``p`` (SamplingParams), in ``make_picker``'s place:
    its penalties stage first, then the same stages (no factual nucleus)."""
    from llama_cpp import _internals

    chain = _internals.LlamaSampler()
    if p.repeat_penalty != 1.0:
        chain.add_penalties(n_vocab=int(llm.n_vocab()), penalty_last_n=64, penalty_repeat=p.repeat_penalty,
                            penalty_freq=0.0, penalty_present=0.0)
    chain_stages(chain, p.temperature, p.top_k, p.top_p, p.min_p, seed)
    return ChainPicker(llm, chain)


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
