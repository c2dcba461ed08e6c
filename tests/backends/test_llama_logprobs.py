"""Token probabilities and factual-nucleus sampling in the real llama.cpp loop (SmolLM2)."""

from __future__ import annotations

import math

import pytest

from backends.base import GenerationRequest, Message, SamplingParams, complete
from backends.factual_nucleus import SENTENCE_ENDS
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
from guards.constrain import Constraint

pytestmark = pytest.mark.real

MSGS = (Message("user", "Name a colour and say why you like it."),)


@pytest.fixture(scope="module")
def backend(smollm2):
    b = LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=512))
    yield b
    b.close()


def greedy(**kw) -> SamplingParams:
    return SamplingParams(temperature=0, repeat_penalty=1.0, max_tokens=kw.pop("max_tokens", 8), **kw)


def test_a_greedy_trace_has_the_chosen_token_on_top(backend):
    r = complete(backend, GenerationRequest(messages=MSGS, params=greedy(), logprobs=5))
    t = r.tokens
    assert t is not None and t.source == "llama.cpp" and t.k == 5 and t.temperature == 1.0
    assert len(t) == r.timings.completion_tokens == 8
    assert "".join(s.text for s in t.steps) == r.text
    for s in t.steps:
        assert 0 < s.prob <= 1 and s.entropy >= 0 and not s.forced
        assert len(s.top) == 5
        assert [a.logprob for a in s.top] == sorted((a.logprob for a in s.top), reverse=True)
        assert s.top[0].token_id == s.token_id and s.top[0].logprob == pytest.approx(s.logprob)
        assert sum(math.exp(a.logprob) for a in s.top) <= 1 + 1e-5
    assert t.perplexity == pytest.approx(math.exp(-t.mean_logprob))


def test_recording_changes_nothing_and_a_seed_repeats_the_trace(backend):
    p = SamplingParams(temperature=0.9, max_tokens=8, seed=21)
    plain = complete(backend, GenerationRequest(messages=MSGS, params=p))
    a = complete(backend, GenerationRequest(messages=MSGS, params=p, logprobs=3))
    b = complete(backend, GenerationRequest(messages=MSGS, params=p, logprobs=3))
    assert plain.tokens is None
    assert a.text == plain.text == b.text
    assert a.tokens.to_dict() == b.tokens.to_dict()
    assert a.tokens.temperature == pytest.approx(0.9)


def test_forced_tokens_are_marked_with_the_models_own_probabilities(backend):
    c = Constraint.choice(["blue, it is calm", "green grass"])
    req = GenerationRequest(messages=MSGS, params=greedy(max_tokens=16), constraint=c, logprobs=2)
    r = complete(backend, req)
    again = complete(backend, GenerationRequest(messages=MSGS, params=greedy(max_tokens=16), constraint=c))
    assert r.text == again.text  # keeping every row's logits leaves the last row as it was
    t = r.tokens
    assert "".join(s.text for s in t.steps) == r.text
    forced = [s for s in t.steps if s.forced]
    assert forced and any(not s.forced for s in t.steps)
    for s in forced:  # unmasked: the forced token need not be the model's favourite, but it has a probability
        assert -50 < s.logprob <= 0 and len(s.top) == 2


def test_factual_nucleus_narrows_within_a_sentence(backend):
    # lambda and omega tiny: from the second token of a sentence the nucleus is the top token
    p = SamplingParams(temperature=1.5, top_p=0.95, top_k=0, min_p=0, repeat_penalty=1.0, max_tokens=12, seed=3,
                       factual_nucleus=True, factual_lambda=0.01, factual_omega=0.01)
    r = complete(backend, GenerationRequest(messages=MSGS, params=p, logprobs=1))
    steps = r.tokens.steps
    checked = 0
    for prev, s in zip(steps, steps[1:]):
        if not prev.text.rstrip(" \t").endswith(SENTENCE_ENDS):
            assert s.token_id == s.top[0].token_id, s
            checked += 1
    assert checked >= 6
    again = complete(backend, GenerationRequest(messages=MSGS, params=p, logprobs=1))
    assert again.text == r.text  # seeded: reproducible


@pytest.mark.parametrize("kw, message", [
    ({"factual_lambda": 0}, "factual_lambda"),
    ({"factual_omega": 1.5}, "factual_omega"),
    ({"factual_nucleus": True, "top_p": 0.2}, "must not be above top_p"),
    ({"factual_nucleus": "yes"}, "true or false"),
])
def test_bad_factual_nucleus_params_are_refused(kw, message):
    from common.errors import InvalidParamsError

    with pytest.raises(InvalidParamsError, match=message):
        SamplingParams(**kw)


def test_params_without_factual_nucleus_record_as_before():
    assert "factual_nucleus" not in SamplingParams().to_dict()
    d = SamplingParams(factual_nucleus=True, factual_lambda=0.8).to_dict()
    assert d["factual_nucleus"] is True and d["factual_lambda"] == 0.8
    assert SamplingParams.from_dict(d) == SamplingParams(factual_nucleus=True, factual_lambda=0.8)
