"""Our repeat-penalty stage (backends/llama_penalty.py) against llama.cpp's own, bit for bit.

The first test needs no model: both stages see the same accepted tokens and the same
logits (zeros of both signs, infinities, tiny values among them), inside full chains
as _make_sampler builds them. The second generates with the real SmolLM2 both ways.
"""

from __future__ import annotations

import ctypes

import numpy as np
import pytest

import backends.llama_cpp as llama_mod
from backends.base import GenerationRequest, Message, SamplingParams, complete
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
from backends.llama_penalty import _TOKEN_DATA, add_repeat_penalty

N_VOCAB = 49152


def _chain(stage: str, penalty: float, sampled: bool):
    import llama_cpp
    from llama_cpp import _internals

    s = _internals.LlamaSampler()
    if stage == "ours":
        add_repeat_penalty(s, penalty, last_n=64)
    elif stage == "llama.cpp":
        s.add_penalties(n_vocab=N_VOCAB, penalty_last_n=64, penalty_repeat=penalty, penalty_freq=0.0,
                        penalty_present=0.0)
    if sampled:
        s.add_top_k(40)
        s.add_top_p(0.95, 1)
        s.add_min_p(0.05, 1)
        s.add_temp(0.8)
        s.add_dist(99)
    else:
        s.add_greedy()
    return s, llama_cpp


@pytest.mark.parametrize("penalty", [1.1, 1.5, 0.8])
@pytest.mark.parametrize("sampled", [False, True], ids=["greedy", "sampled"])
def test_same_logits_and_choices_as_llama_cpp_penalties(penalty, sampled):
    rng = np.random.default_rng(7)
    theirs, llama_cpp = _chain("llama.cpp", penalty, sampled)
    ours, _ = _chain("ours", penalty, sampled)
    bare, _ = _chain("none", penalty, sampled)  # no penalty: shows the penalty changed picks
    differs_from_bare = 0
    try:
        for _step in range(150):  # past the 64-token window
            logits = (rng.standard_normal(N_VOCAB) * 6).astype(np.float32)
            logits[:6] = [0.0, -0.0, -np.inf, np.inf if _step % 17 == 0 else 3.0, 1e-38, -1e-38]
            logits[rng.integers(0, 20, 8)] += 12  # the window's tokens are often the likely ones
            picks, rows = [], []
            for chain in (theirs, ours, bare):
                data = np.zeros(N_VOCAB, dtype=_TOKEN_DATA)
                data["id"] = np.arange(N_VOCAB)
                data["logit"] = logits
                arr = llama_cpp.llama_token_data_array(data=data.ctypes.data_as(llama_cpp.llama_token_data_p),
                                                       size=N_VOCAB, selected=-1, sorted=False)
                llama_cpp.llama_sampler_apply(chain.sampler, ctypes.byref(arr))
                picks.append(int(data["id"][arr.selected]))
                rows.append(data[: arr.size].tobytes())
            assert picks[0] == picks[1] and rows[0] == rows[1]
            differs_from_bare += picks[0] != picks[2]
            tok = picks[0] if _step % 3 else int(rng.integers(0, 6))  # also the odd zero/inf token
            for chain in (theirs, ours, bare):
                chain.accept(tok)
    finally:
        for chain in (theirs, ours, bare):
            chain.close()
    assert differs_from_bare > 0  # the penalty did change choices, and both stages agreed on them


@pytest.mark.real
def test_generation_matches_llama_cpp_penalties(smollm2, monkeypatch):
    def native(chain, penalty, last_n=64):
        chain.add_penalties(n_vocab=N_VOCAB, penalty_last_n=last_n, penalty_repeat=penalty, penalty_freq=0.0,
                            penalty_present=0.0)

    b = LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=512, n_threads=1))
    try:
        reqs = [GenerationRequest(messages=(Message("user", q),), params=p) for q, p in [
            ("List ten fruits, one per line.", SamplingParams(temperature=0, repeat_penalty=1.5, max_tokens=70)),
            ("Write a haiku about rain.", SamplingParams(temperature=0.9, seed=5, repeat_penalty=1.2, max_tokens=30)),
        ]]
        outs = []
        for patch in (False, True):
            with monkeypatch.context() as m:
                if patch:
                    m.setattr(llama_mod, "add_repeat_penalty", native)
                for r in reqs:
                    b.reset_cache()
                    outs.append(complete(b, r).text)
        assert outs[:2] == outs[2:]
        assert outs[0] != complete(b, GenerationRequest(messages=reqs[0].messages,
                                                        params=SamplingParams(temperature=0, repeat_penalty=1.0,
                                                                              max_tokens=70))).text
    finally:
        b.close()


def test_entries_out_of_id_order_are_found_by_id():
    import llama_cpp

    from backends.llama_penalty import RepeatPenalty

    rng = np.random.default_rng(3)
    native = llama_cpp.llama_sampler_init_penalties(N_VOCAB, 64, 1.3, 0.0, 0.0)
    ours = RepeatPenalty(1.3)
    try:
        for tok in rng.integers(0, 50, 100):
            llama_cpp.llama_sampler_accept(native, int(tok))
            ours.accept(int(tok))
        data = np.zeros(N_VOCAB, dtype=_TOKEN_DATA)
        data["id"] = rng.permutation(N_VOCAB)
        data["logit"] = rng.standard_normal(N_VOCAB).astype(np.float32) * 5
        a, b = data.copy(), data.copy()
        arr = llama_cpp.llama_token_data_array(data=a.ctypes.data_as(llama_cpp.llama_token_data_p), size=N_VOCAB,
                                               selected=-1, sorted=False)
        llama_cpp.llama_sampler_apply(native, ctypes.byref(arr))
        ours.apply(b)
        assert a.tobytes() == b.tobytes() and a.tobytes() != data.tobytes()
        assert len(ours._prev) == 64 and sum(ours._count.values()) == 64
    finally:
        llama_cpp.llama_sampler_free(native)
