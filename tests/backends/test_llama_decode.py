"""The one-token decode (backends/llama_decode.py) against ``Llama.eval`` on the real SmolLM2.

The loop used to call ``llm.eval([tok])`` per generated token (and ``llm.eval(forced)``
for a constraint's forced tokens); the reference runs below put those calls back by
patching the two helpers, so every comparison is old path against new in one process.
"""

from __future__ import annotations

import pytest

import backends.llama_cpp as llama_mod
from backends.base import GenerationRequest, Message, SamplingParams, complete
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
from backends.llama_decode import OneToken, decode_one
from common.errors import BackendError
from guards.constrain import Constraint

pytestmark = pytest.mark.real

QUESTIONS = ("Why is the sky blue?", "Name three uses of copper.", "Write a haiku about rain.")
PARAMS = {
    "greedy": SamplingParams(temperature=0, repeat_penalty=1.0, max_tokens=24),
    "seeded": SamplingParams(temperature=0.9, seed=1234, max_tokens=24),  # top-k/p, min-p, repeat penalty 1.1
}


@pytest.fixture(scope="module")
def backend(smollm2):
    b = LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=512, n_threads=1))
    yield b
    b.close()


def _old_eval(monkeypatch) -> None:
    monkeypatch.setattr(llama_mod, "decode_one", lambda llm, one, tok: llm.eval([tok]))
    monkeypatch.setattr(llama_mod, "decode_tokens", lambda llm, one, toks: llm.eval(toks))


def _req(question: str, params: SamplingParams, constraint=None) -> GenerationRequest:
    return GenerationRequest(messages=(Message("user", question),), params=params, constraint=constraint)


def _state(backend) -> tuple[int, list[int]]:
    llm = backend.llm
    return llm.n_tokens, [int(t) for t in llm.input_ids[: llm.n_tokens]]


def _run(backend, req):
    backend.reset_cache()
    r = complete(backend, req)
    return r.text, r.finish_reason, r.timings.completion_tokens, _state(backend)


@pytest.mark.parametrize("mode", list(PARAMS))
def test_outputs_and_cache_state_are_bit_identical_to_llama_eval(backend, monkeypatch, mode):
    new = [_run(backend, _req(q, PARAMS[mode])) for q in QUESTIONS]
    with monkeypatch.context() as m:
        _old_eval(m)
        old = [_run(backend, _req(q, PARAMS[mode])) for q in QUESTIONS]
    assert new == old
    assert all(n[2] > 5 for n in new)  # the runs generated something to compare


def test_constrained_run_with_forced_tokens_is_identical(backend, monkeypatch):
    schema = {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
              "required": ["name", "age"]}
    req = _req("A person as JSON.", SamplingParams(temperature=1.0, seed=3, max_tokens=40), Constraint.json_schema(schema))
    backend.reset_cache()
    r_new = complete(backend, req)
    new = (r_new.text, _state(backend))
    with monkeypatch.context() as m:
        _old_eval(m)
        backend.reset_cache()
        r_old = complete(backend, req)
        old = (r_old.text, _state(backend))
    assert r_new.extra["ff_tokens"] > 0  # the forced-token path ran
    assert new == old


def test_cache_holds_the_run_so_the_next_run_reuses_it(backend):
    import llama_cpp

    first = _req("Why is the sky blue?", PARAMS["greedy"])
    backend.reset_cache()
    r = complete(backend, first)
    n, ids = _state(backend)
    # the prompt and every generated token but the last (sampled, never evaluated)
    assert n == r.timings.prompt_tokens + r.timings.completion_tokens - 1
    assert ids[: r.timings.prompt_tokens] == backend.tokenize(r.sent_text)
    mem = llama_cpp.llama_get_memory(backend.llm._ctx.ctx)
    assert llama_cpp.llama_memory_seq_pos_max(mem, 0) == n - 1  # the KV cache ends where n_tokens says
    # continuing the conversation reuses the whole first exchange from the cache
    follow = GenerationRequest(messages=(Message("user", "Why is the sky blue?"), Message("assistant", r.text),
                                         Message("user", "And at sunset?")), params=PARAMS["greedy"])
    again = complete(backend, follow)
    assert again.timings.cached_tokens >= r.timings.prompt_tokens


def test_a_position_that_does_not_follow_the_cache_fails_with_our_error(backend):
    complete(backend, _req("Hi", SamplingParams(temperature=0, max_tokens=3)))
    llm = backend.llm
    n = llm.n_tokens
    llm.n_tokens = n + 5  # pretend: a gap after the cache's last cell
    try:
        with pytest.raises(BackendError, match="llama_decode returned -1"):
            decode_one(llm, OneToken(), 42)
    finally:
        llm.n_tokens = 0


def test_flash_attention_reuses_aligned_chunks_or_the_same_prompt_and_stays_exact(smollm2):
    """With flash attention a row's logits depend on how the prompt was split into batches
    (on this few-shot prompt nearly every split changes them), so a run reuses the cache
    only in whole aligned chunks, or the very same prompt (a branch's given tokens after
    it), and every run gives the bytes a fresh context gives."""
    import llama_cpp

    fa = LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=512, n_threads=1, flash_attn=True))
    shots = (Message("system", "Answer in a few words."), Message("user", "What colour is grass?"),
             Message("assistant", "Green."), Message("user", "How many legs does a cat have?"),
             Message("assistant", "Four."))
    greedy = SamplingParams(temperature=0, max_tokens=12)
    a = GenerationRequest(messages=shots + (Message("user", "What colour is the sky?"),), params=greedy)
    b = GenerationRequest(messages=shots + (Message("user", "How many days are in a week?"),), params=greedy)
    try:
        assert fa.llm.context_params.flash_attn_type == llama_cpp.LLAMA_FLASH_ATTN_TYPE_ENABLED
        fa.reset_cache()
        first, other = complete(fa, a), complete(fa, b)
        assert other.timings.cached_tokens == 0  # a shared few-shot prefix shorter than a chunk is not kept
        fa.reset_cache()
        assert (complete(fa, b).text, complete(fa, a).text) == (other.text, first.text)
        given = tuple(fa.tokenize_output(other.text)[:3])
        branch = GenerationRequest(messages=b.messages, params=greedy, prefix_tokens=given)
        complete(fa, b)
        warm = complete(fa, branch)
        assert warm.timings.cached_tokens >= len(fa.tokenize(fa.render(b)))  # the same prompt: kept
        fa.reset_cache()
        assert complete(fa, branch).text == warm.text
        # a long shared system prompt, then the chat's next turn: whole 128-token chunks kept
        system = Message("system", "You are a careful assistant. " + "Keep every answer short and plain. " * 40)
        turn = GenerationRequest(messages=(system, Message("user", "Name a fruit.")), params=greedy)
        fa.reset_cache()
        complete(fa, a)
        first = complete(fa, turn)
        nxt = GenerationRequest(messages=turn.messages + (Message("assistant", first.text), Message("user", "Why?")),
                                params=greedy)
        again = complete(fa, nxt)
        assert again.timings.cached_tokens >= 256 and again.timings.cached_tokens % llama_mod.FA_CHUNK == 0
        fa.reset_cache()
        assert complete(fa, nxt).text == again.text and complete(fa, turn).text == first.text
    finally:
        fa.close()
