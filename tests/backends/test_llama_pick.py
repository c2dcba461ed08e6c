"""The token picker (backends/llama_pick.py) against llama.cpp's own sampler chain, pick for pick.

The reference is what ``llama_sampler_sample`` does: the whole row in id order handed to
a chain whose first stage is llama.cpp's own penalties stage. The first tests need no
model: both sides see the same accepted tokens and the same rows (with ties at the
top-k boundary, zeros of both signs, infinities, NaN, masked rows among them) and share
nothing but the seed. The last generates with the real SmolLM2 both ways.
"""

from __future__ import annotations

import ctypes

import numpy as np
import pytest

import backends.llama_cpp as llama_mod
from backends.base import GenerationRequest, Message, SamplingParams, complete
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
from backends.llama_penalty import TOKEN_DATA, RepeatPenalty
from backends.llama_pick import ChainPicker, TokenPicker, _top_ids, chain_stages

N_VOCAB = 49152


def _reference(p: SamplingParams, seed: int):
    """llama.cpp's chain as llama_sampler_sample runs it: its own penalties stage first."""
    import llama_cpp
    from llama_cpp import _internals

    chain = _internals.LlamaSampler()
    if p.repeat_penalty != 1.0:
        chain.add_penalties(n_vocab=N_VOCAB, penalty_last_n=64, penalty_repeat=p.repeat_penalty, penalty_freq=0.0,
                            penalty_present=0.0)
    chain_stages(chain, p.temperature, p.top_k, p.top_p, p.min_p, seed)

    def pick(logits: np.ndarray) -> int:
        data = np.zeros(N_VOCAB, dtype=TOKEN_DATA)
        data["id"] = np.arange(N_VOCAB)
        data["logit"] = logits
        arr = llama_cpp.llama_token_data_array(data=data.ctypes.data_as(llama_cpp.llama_token_data_p),
                                               size=N_VOCAB, selected=-1, sorted=False)
        llama_cpp.llama_sampler_apply(chain.sampler, ctypes.byref(arr))
        tok = int(data["id"][arr.selected])
        chain.accept(tok)
        return tok

    return chain, pick


def _picker(p: SamplingParams, seed: int) -> TokenPicker:
    from llama_cpp import _internals

    chain = _internals.LlamaSampler()
    chain_stages(chain, p.temperature, p.top_k, p.top_p, p.min_p, seed)
    penalty = RepeatPenalty(p.repeat_penalty) if p.repeat_penalty != 1.0 else None
    return TokenPicker(chain, N_VOCAB, greedy=p.temperature == 0, top_k=p.top_k, penalty=penalty)


def _row(rng: np.random.Generator, step: int) -> np.ndarray:
    logits = (rng.standard_normal(N_VOCAB) * 4).astype(np.float32)
    logits[rng.integers(0, 30, 8)] += 10  # the window's tokens are often the likely ones
    kind = step % 7
    if kind == 1:  # ties among the largest, and at the top-k boundary
        top = np.argsort(logits)[-60:]
        logits[top[::2]] = logits[top[1::2]]
    elif kind == 2:  # signed zeros, infinities, tiny values
        logits[:6] = [0.0, -0.0, -np.inf, np.inf if step % 3 == 0 else 3.0, 1e-38, -1e-38]
    elif kind == 3:  # a constraint's mask: few tokens allowed, the rest -inf
        allowed = rng.integers(0, N_VOCAB, int(rng.integers(1, 90)))
        masked = np.full(N_VOCAB, -np.inf, dtype=np.float32)
        masked[allowed] = logits[allowed]
        logits = masked
    elif kind == 4:  # a coarse grid: many exact ties everywhere
        logits = np.round(logits).astype(np.float32)
    return logits


PARAMS = {
    "greedy": SamplingParams(temperature=0, repeat_penalty=1.0),
    "greedy penalty 1.5": SamplingParams(temperature=0, repeat_penalty=1.5),
    "defaults (top-k 40, penalty 1.1)": SamplingParams(seed=1),
    "top-k 40, no penalty": SamplingParams(repeat_penalty=1.0),
    "top-k 1": SamplingParams(top_k=1, temperature=0.7),
    "top-k 128, penalty 0.8": SamplingParams(top_k=128, top_p=0.9, min_p=0.0, repeat_penalty=0.8),
    "top-k 200 (bucket sort: whole rows)": SamplingParams(top_k=200, top_p=0.9, repeat_penalty=0.8),
    "no top-k": SamplingParams(top_k=0, top_p=0.9, temperature=1.2),
}


@pytest.mark.parametrize("name", list(PARAMS))
def test_every_pick_is_llama_cpps(name):
    p = PARAMS[name]
    rng = np.random.default_rng(11)
    ref_chain, ref_pick = _reference(p, seed=99)
    ours = _picker(p, seed=99)
    try:
        for step in range(300):  # past the 64-token penalty window, several times
            logits = _row(rng, step)
            expected = ref_pick(logits.copy())
            assert ours.pick(logits) == expected, f"step {step}"
            if step % 5 == 0:  # a token given, not picked (forced, or a branch's prefix)
                tok = int(rng.integers(0, 30))
                ref_chain.accept(tok)
                ours.accept(tok)
    finally:
        ref_chain.close()
        ours.close()
    if p.temperature == 0:
        assert ours.short == 300  # ties are llama.cpp's too: the first of equal maxima
    elif 0 < p.top_k <= 128:
        assert ours.short > 150 and ours.whole > 0  # the short path mostly, the whole row on ties
    else:
        assert ours.short == 0


def test_a_nan_hands_the_row_to_the_chain():
    p = SamplingParams(seed=3)
    logits = np.random.default_rng(0).standard_normal(N_VOCAB).astype(np.float32)
    logits[N_VOCAB - 1] = np.nan  # in the tail past the last whole block, too
    for params in (p, SamplingParams(temperature=0)):
        ours = _picker(params, seed=3)
        try:
            ours.pick(logits)
            assert ours.whole == 1 and ours.short == 0
        finally:
            ours.close()


def test_top_ids_are_the_k_largest_or_none_on_ties():
    y = np.arange(1000, dtype=np.float32)[::-1].copy()
    assert _top_ids(y, 5).tolist() == [0, 1, 2, 3, 4]
    y[5] = y[4]  # the 5th and 6th largest tie: the set is not unique
    assert _top_ids(y, 5) is None
    small = np.array([3.0, 1.0, 2.0], dtype=np.float32)  # fewer than a block
    assert _top_ids(small, 1).tolist() == [0]


def test_penalty_is_llama_cpps_arithmetic():
    import llama_cpp

    rng = np.random.default_rng(3)
    native = llama_cpp.llama_sampler_init_penalties(N_VOCAB, 64, 1.3, 0.0, 0.0)
    ours = RepeatPenalty(1.3)
    try:
        for tok in rng.integers(0, 50, 100):
            llama_cpp.llama_sampler_accept(native, int(tok))
            ours.accept(int(tok))
        data = np.zeros(N_VOCAB, dtype=TOKEN_DATA)
        data["id"] = np.arange(N_VOCAB)
        data["logit"] = rng.standard_normal(N_VOCAB).astype(np.float32) * 5
        data["logit"][:2] = [0.0, -0.0]
        logits = data["logit"].copy()
        arr = llama_cpp.llama_token_data_array(data=data.ctypes.data_as(llama_cpp.llama_token_data_p), size=N_VOCAB,
                                               selected=-1, sorted=False)
        llama_cpp.llama_sampler_apply(native, ctypes.byref(arr))
        ours.penalize(logits)
        assert data["logit"].tobytes() == logits.tobytes()
        assert len(ours._prev) == 64 and sum(ours._count.values()) == 64
    finally:
        llama_cpp.llama_sampler_free(native)


@pytest.mark.real
def test_generation_is_the_same_as_through_llama_sampler_sample(smollm2, monkeypatch):
    """The whole loop, real model: our picker against llama.cpp's chain and penalties stage."""
    from llama_cpp import _internals

    def native(llm, p, seed, nucleus=None):
        chain = _internals.LlamaSampler()
        if p.repeat_penalty != 1.0:
            chain.add_penalties(n_vocab=N_VOCAB, penalty_last_n=64, penalty_repeat=p.repeat_penalty,
                                penalty_freq=0.0, penalty_present=0.0)
        chain_stages(chain, p.temperature, p.top_k, p.top_p, p.min_p, seed)
        return ChainPicker(llm, chain)

    b = LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=512, n_threads=1))
    try:
        reqs = [GenerationRequest(messages=(Message("user", q),), params=p) for q, p in [
            ("List ten fruits, one per line.", SamplingParams(temperature=0, repeat_penalty=1.5, max_tokens=70)),
            ("Write a haiku about rain.", SamplingParams(temperature=0.9, seed=5, repeat_penalty=1.2, max_tokens=40)),
            ("Name a colour.", SamplingParams(seed=8, max_tokens=30)),
        ]]
        outs = []
        for patch in (False, True):
            with monkeypatch.context() as m:
                if patch:
                    m.setattr(llama_mod, "make_picker", native)
                for r in reqs:
                    b.reset_cache()
                    outs.append(complete(b, r).text)
        assert outs[:3] == outs[3:]
        assert outs[0] != complete(b, GenerationRequest(messages=reqs[0].messages,
                                                        params=SamplingParams(temperature=0, repeat_penalty=1.0,
                                                                              max_tokens=70))).text
    finally:
        b.close()
