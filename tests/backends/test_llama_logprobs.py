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


def test_a_constrained_trace_marks_the_alternatives_the_grammar_did_not_allow(backend):
    """The numbers stay the model's own, but each step says which recorded alternatives the
    constraint ruled out there: every one but the token at a forced step, and exactly those
    outside the choices' next tokens at a sampled one; it survives storing and JSON."""
    from backends.logprobs import TokenTrace

    answers = ("blue, it is calm", "green grass", "red")
    c = Constraint.choice(list(answers))
    r = complete(backend, GenerationRequest(messages=MSGS, params=greedy(max_tokens=16), constraint=c, logprobs=10))
    t = r.tokens
    assert t.constrained
    first = t.steps[0]  # sampled: the grammar allows a token that begins one of the answers, whatever its split
    assert not first.forced and any(a.startswith(first.text) for a in answers)
    for a in first.top:
        assert (a.token_id in first.blocked) == (not any(ans.startswith(a.text) for ans in answers)), a
    assert first.blocked  # the model's favourites include words no answer starts with
    for s in t.steps:
        if s.forced:
            assert set(s.blocked) == {a.token_id for a in s.top} - {s.token_id}
    for back in (TokenTrace.from_bytes(t.to_bytes()), TokenTrace.from_dict(t.to_dict())):
        assert back.constrained and [s.blocked for s in back.steps] == [s.blocked for s in t.steps]
    d = t.to_dict()
    assert d["constrained"] is True
    assert [[a["allowed"] for a in st["top"]] for st in d["steps"]] == [
        [a.token_id not in s.blocked for a in s.top] for s in t.steps]
    plain = complete(backend, GenerationRequest(messages=MSGS, params=greedy(), logprobs=3)).tokens
    assert not plain.constrained and all(not s.blocked for s in plain.steps)
    assert "allowed" not in plain.to_dict()["steps"][0]["top"][0] and "constrained" not in plain.to_dict()


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
    ({"factual_nucleus": True, "top_p": 0.2}, "so top-p must be at least that; it is 0.2"),
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


def test_forced_probabilities_equal_scoring_the_text_in_one_batch(backend):
    """A choice of one option forces every token; their recorded log-probabilities are
    those of evaluating prompt + answer in one batch from scratch (not an approximation)."""
    import numpy as np

    from backends.llama_logits import logits_row

    r = complete(backend, GenerationRequest(messages=MSGS, params=greedy(max_tokens=12), logprobs=1,
                                            constraint=Constraint.choice(["the colour blue, calm"])))
    steps = r.tokens.steps
    assert len(steps) >= 4 and all(s.forced for s in steps) and r.tokens.note is None
    llm = backend.llm
    prompt = backend.tokenize(backend.render(GenerationRequest(messages=MSGS)))
    answer = [s.token_id for s in steps]
    llm.n_tokens = 0
    llm._ctx.kv_cache_seq_rm(-1, 0, -1)
    llm._batch.set_batch(batch=prompt + answer[:-1], n_past=0, logits_all=True)
    llm._ctx.decode(llm._batch)
    row = logits_row(llm)
    for j, s in enumerate(steps):
        x = row(len(prompt) - 1 + j).astype(np.float64)
        m = x.max()
        assert s.logprob == pytest.approx(x[s.token_id] - m - np.log(np.exp(x - m).sum()), abs=1e-4)
    llm.n_tokens = 0  # the next run evaluates its prompt from scratch
