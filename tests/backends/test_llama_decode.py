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


def _numbers(result) -> list[tuple]:
    """Every step's token, logprob, entropy and alternatives, as exact floats."""
    return [(s.token_id, s.logprob, s.entropy, tuple((a.token_id, a.logprob) for a in s.top))
            for s in result.tokens.steps]


def test_flash_attention_reuses_a_prefix_and_stays_exact_to_the_last_bit(smollm2):
    """With flash attention a row's logits depend on how the prompt was split into batches
    (tiled batches of 64 rows or more against smaller ones), so prompts are evaluated in
    batches under 64 rows below FA_FINE, where any shared prefix is kept, and in aligned
    chunks past it, where whole chunks are kept; or the very same prompt (a branch's given
    tokens after it). Every warm run gives the numbers a fresh context gives, bit for bit."""
    import llama_cpp

    fa = LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=1024, n_threads=1, flash_attn=True))
    shots = (Message("system", "Answer in a few words."), Message("user", "What colour is grass?"),
             Message("assistant", "Green."), Message("user", "How many legs does a cat have?"),
             Message("assistant", "Four."))
    greedy = SamplingParams(temperature=0, max_tokens=12)

    def req(messages, **kw):
        return GenerationRequest(messages=messages, params=greedy, logprobs=5, **kw)

    def cold(r):
        fa.reset_cache()
        return _numbers(complete(fa, r))

    a = req(shots + (Message("user", "What colour is the sky?"),))
    b = req(shots + (Message("user", "How many days are in a week?"),))
    try:
        assert fa.llm.context_params.flash_attn_type == llama_cpp.LLAMA_FLASH_ATTN_TYPE_ENABLED
        fa.reset_cache()
        complete(fa, a)
        other = complete(fa, b)
        shared = len(fa.tokenize(fa.render(a))) - 12
        assert other.timings.cached_tokens >= shared  # the few-shot prefix is kept
        assert _numbers(other) == cold(b)
        given = tuple(fa.tokenize_output(other.text)[:3])
        branch = req(b.messages, prefix_tokens=given)
        complete(fa, b)
        warm = complete(fa, branch)
        assert warm.timings.cached_tokens >= len(fa.tokenize(fa.render(b)))  # the same prompt: kept
        assert _numbers(warm) == cold(branch)
        # a system prompt past FA_FINE, then the chat's next turn: whole aligned chunks kept
        system = Message("system", "You are a careful assistant. " + "Keep every answer short and plain. " * 100)
        turn = req((system, Message("user", "Name a fruit.")))
        assert len(fa.tokenize(fa.render(turn))) > llama_mod.FA_FINE + llama_mod.FA_CHUNK
        fa.reset_cache()
        complete(fa, a)
        first = complete(fa, turn)
        assert first.timings.cached_tokens > 0  # a's system prompt start
        nxt = req(turn.messages + (Message("assistant", first.text), Message("user", "Why?")))
        again = complete(fa, nxt)
        assert again.timings.cached_tokens >= llama_mod.FA_FINE and again.timings.cached_tokens % llama_mod.FA_CHUNK == 0
        assert _numbers(again) == cold(nxt) and _numbers(first) == cold(turn)
    finally:
        fa.close()


@pytest.mark.parametrize("start,end", [(0, 1), (0, 2), (0, 63), (0, 64), (0, 127), (5, 70), (510, 512), (0, 600),
                                       (300, 1030), (512, 513), (640, 700), (0, 512)])
def test_flash_attention_prompt_chunks(start, end):
    """Below FA_FINE, batches of 2 to FA_ROWS rows (one only when one is all there is);
    past it, chunks ending on multiples of FA_CHUNK."""
    edges = llama_mod._fa_edges(start, end)
    assert edges[0] == start and edges[-1] == end and edges == sorted(set(edges))
    for x, y in zip(edges, edges[1:]):
        if x < llama_mod.FA_FINE:
            assert y <= llama_mod.FA_FINE and y - x <= llama_mod.FA_ROWS
            assert y - x >= 2 or end - start == 1
        else:
            assert y % llama_mod.FA_CHUNK == 0 or y == end
