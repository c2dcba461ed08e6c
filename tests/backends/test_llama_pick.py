"""The token picker (backends/llama_pick.py) against llama.cpp's own sampler chain, pick for pick.

The reference is ``llama_sampler_sample`` on a chain whose first stage is llama.cpp's own
penalties stage (``native_picker``). Both read the same context's logits row: after one real decode, the
tests write their own rows into it (ties, zeros of both signs, infinities, NaN, masked
rows among them), and both sides see the same accepted tokens and share nothing but the
seed. The last test generates with SmolLM2 both ways.
"""

from __future__ import annotations

import ctypes

import numpy as np
import pytest

import backends.llama_cpp as llama_mod
from backends.base import GenerationRequest, Message, SamplingParams, complete
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams, make_picker
from backends.llama_logits import logits_row
from backends.factual_nucleus import TOKEN_DATA
from backends.llama_penalty import RepeatPenalty
from backends.llama_pick import native_picker

pytestmark = pytest.mark.real
N_VOCAB = 49152


@pytest.fixture(scope="module")
def llm(smollm2):
    b = LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=256, n_threads=1))
    b.llm.eval(b.llm.tokenize(b"Hello there"))
    yield b.llm
    b.close()


def _row(rng: np.random.Generator, step: int) -> np.ndarray:
    logits = (rng.standard_normal(N_VOCAB) * 4).astype(np.float32)
    logits[rng.integers(0, 30, 8)] += 10  # the window's tokens are often the likely ones
    kind = step % 6
    if kind == 1:  # ties among the largest
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
    elif kind == 5 and step % 12 == 5:  # so spread out that few logits are near the largest
        logits *= 40
    return logits


PARAMS = {
    "greedy": SamplingParams(temperature=0, repeat_penalty=1.0),
    "greedy, penalty 1.5": SamplingParams(temperature=0, repeat_penalty=1.5),
    "greedy, penalty 0.8": SamplingParams(temperature=0, repeat_penalty=0.8),
    "defaults (top-k 40, penalty 1.1)": SamplingParams(seed=1),
    "no top-k, penalty 1.3": SamplingParams(top_k=0, top_p=0.9, temperature=1.2, repeat_penalty=1.3),
    "top-k 1": SamplingParams(top_k=1, seed=2),
    "top-k 5, hot, no penalty": SamplingParams(top_k=5, temperature=2.0, top_p=1.0, min_p=0.0, repeat_penalty=1.0),
    "top-k 200, penalty 1.2": SamplingParams(top_k=200, top_p=0.99, repeat_penalty=1.2, seed=4),
}


@pytest.mark.parametrize("name", list(PARAMS))
def test_every_pick_is_llama_cpps(llm, name):
    p = PARAMS[name]
    rng = np.random.default_rng(11)
    row = logits_row(llm)
    theirs, ours = native_picker(llm, p, seed=99), make_picker(llm, p, seed=99)
    try:
        for step in range(200):  # past the 64-token penalty window, several times
            view = row(-1)
            view[:] = _row(rng, step)
            before = view.tobytes()
            expected = theirs.pick(view)
            assert ours.pick(view) == expected, f"step {step}"
            assert view.tobytes() == before  # the penalty was undone in the row
            if step % 5 == 0:  # a token given, not picked (forced, or a branch's prefix)
                tok = int(rng.integers(0, 30))
                theirs.accept(tok)
                ours.accept(tok)
    finally:
        theirs.close()
        ours.close()
    assert (ours.by_argmax, ours.by_chain) == ((200, 0) if p.temperature == 0 else (0, 200))


def test_a_nan_hands_a_greedy_row_to_the_chain(llm):
    row = logits_row(llm)
    ours = make_picker(llm, SamplingParams(temperature=0), seed=3)
    try:
        view = row(-1)
        view[:] = np.random.default_rng(0).standard_normal(N_VOCAB).astype(np.float32)
        view[7] = np.nan
        assert ours.pick(view) != 7 and (ours.by_argmax, ours.by_chain) == (0, 1)
    finally:
        ours.close()


@pytest.mark.parametrize("penalty", [1.3, 1.1, 0.8, 1.7])
def test_penalty_is_llama_cpps_arithmetic(penalty):
    import llama_cpp

    rng = np.random.default_rng(3)
    native = llama_cpp.llama_sampler_init_penalties(N_VOCAB, 64, penalty, 0.0, 0.0)
    ours = RepeatPenalty(penalty)
    try:
        for tok in rng.integers(0, 50, 100):
            llama_cpp.llama_sampler_accept(native, int(tok))
            ours.accept(int(tok))
        data = np.zeros(N_VOCAB, dtype=TOKEN_DATA)
        data["id"] = np.arange(N_VOCAB)
        data["logit"] = rng.standard_normal(N_VOCAB).astype(np.float32) * 5
        data["logit"][:10] = [0.0, -0.0, np.inf, -np.inf, 1e-45, -1e-45, 3.4e38, -3.4e38, 1.17e-38, np.nan]
        logits = data["logit"].copy()
        raw = logits.copy()
        arr = llama_cpp.llama_token_data_array(data=data.ctypes.data_as(llama_cpp.llama_token_data_p), size=N_VOCAB,
                                               selected=-1, sorted=False)
        llama_cpp.llama_sampler_apply(native, ctypes.byref(arr))
        saved = ours.penalize(memoryview(logits))
        assert data["logit"].tobytes() == logits.tobytes()
        ours.restore(memoryview(logits), saved)
        assert logits.tobytes() == raw.tobytes()
        assert len(ours._prev) == 64 and sum(ours._count.values()) == 64
    finally:
        llama_cpp.llama_sampler_free(native)


def test_generation_is_the_same_as_through_llama_cpps_chain(smollm2, monkeypatch):
    """The whole loop, real model: our picker against llama.cpp's chain and penalties stage."""
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
                    m.setattr(llama_mod, "make_picker", native_picker)
                for r in reqs:
                    b.reset_cache()
                    outs.append(complete(b, r).text)
        assert outs[:3] == outs[3:]
        assert outs[0] != complete(b, GenerationRequest(messages=reqs[0].messages,
                                                        params=SamplingParams(temperature=0, repeat_penalty=1.0,
                                                                              max_tokens=70))).text
    finally:
        b.close()
