"""Answer probabilities (backends/answer_scoring.py): the limits and arithmetic without a
model, then the bundled SmolLM2 through llama.cpp."""

from __future__ import annotations

import math

import pytest

from backends.answer_scoring import (
    MAX_OPTIONS,
    AnswerScores,
    build_scores,
    check_answers,
    finite_answers,
    normalise,
    score_answers,
)
from backends.base import GenerationRequest, Message, SamplingParams, complete
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
from common.errors import ContextOverflowError, InvalidParamsError
from guards.constrain import Constraint
from tests.fakes import FakeBackend

GREEDY = SamplingParams(temperature=0.0, repeat_penalty=1.0, max_tokens=8, seed=0)


class TestWithoutModel:
    def test_ten_thousand_options_are_refused_with_one_line(self):
        with pytest.raises(InvalidParamsError, match=r"^10,000 answers are too many to score; the limit is 1,000$"):
            check_answers([f"option {i}" for i in range(10_000)])
        assert len(check_answers([str(i) for i in range(MAX_OPTIONS)])) == MAX_OPTIONS

    @pytest.mark.parametrize("bad, message", [
        ([], "no answers"), (["a", "a"], "duplicates"), (["a", ""], "non-empty"), ("yes", "not one string"),
        (["x" * 2001], "too long"),
    ])
    def test_bad_answer_sets(self, bad, message):
        with pytest.raises(InvalidParamsError, match=message):
            check_answers(bad)

    def test_normalise_sums_to_one_without_underflow(self):
        probs = normalise([-1000.0, -1001.0, -1000.0])
        assert math.isclose(sum(probs), 1.0)
        e = math.exp(-1)
        assert probs == pytest.approx([1 / (2 + e), e / (2 + e), 1 / (2 + e)])

    def test_scores_sum_their_tokens_and_round_trip(self):
        s = build_scores(["a", "bc"], [([-0.5], "joint"), ([-0.2, -0.3], "separate")], source="x")
        assert [x.logprob for x in s.scores] == [-0.5, -0.5] and [x.prob for x in s.scores] == [0.5, 0.5]
        back = AnswerScores.from_dict(s.to_dict())
        assert back.scores == s.scores and back.scores[1].n_tokens == 2 and back.scores[1].boundary == "separate"
        assert s.expected_value({"a": 1.0, "bc": 3.0}) == pytest.approx(2.0)
        with pytest.raises(InvalidParamsError, match="malformed"):
            AnswerScores.from_dict({"answers": [{"answer": "a"}]})

    @pytest.mark.parametrize("constraint, answers", [
        (Constraint.choice(["yes", "no"]), ("yes", "no")),
        (Constraint.regex("yes|no|maybe"), ("yes", "no", "maybe")),
        (Constraint.regex("^(?:A|B\\.|C)$"), ("A", "B.", "C")),
        (Constraint.regex("[1-5]"), ("1", "2", "3", "4", "5")),
        (Constraint.regex("[a-z]+"), None),
        (Constraint.regex("yes|no+"), None),
        (Constraint.regex("\\d|x"), None),
        (Constraint.json_schema({"type": "integer"}), None),
    ])
    def test_finite_answer_sets(self, constraint, answers):
        assert finite_answers(constraint) == answers

    def test_a_backend_that_cannot_says_so(self):
        with pytest.raises(InvalidParamsError, match="fake backend cannot score answers: an OpenAI-compatible"):
            score_answers(FakeBackend(), GenerationRequest(prompt="x"), ["a", "b"])


@pytest.fixture(scope="module")
def llama(smollm2):
    b = LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=1024, n_threads=1))
    yield b
    b.close()


def ask(text: str, options: list[str]) -> GenerationRequest:
    return GenerationRequest(messages=(Message("user", text),), params=GREEDY, constraint=Constraint.choice(options))


@pytest.mark.real
class TestLlamaCpp:
    def test_three_options_sum_to_one_and_agree_with_the_greedy_constrained_answer(self, llama):
        options = ["red", "green", "blue"]  # each one token after "assistant\n", each a different first token
        req = ask("What colour is the sky on a clear day? Answer red, green or blue.", options)
        s = score_answers(llama, req, options)
        assert math.isclose(sum(x.prob for x in s.scores), 1.0, abs_tol=1e-12)
        assert all(x.n_tokens == 1 and x.boundary == "joint" for x in s.scores)
        assert all(math.isclose(x.prob, math.exp(x.logprob) / sum(math.exp(y.logprob) for y in s.scores))
                   for x in s.scores)
        generated = complete(llama, req).text
        assert generated == s.best.answer
        assert s.evaluated_tokens == 0  # one-token answers cost nothing past the prompt
        mass = s.extras["first_token_mass"]
        assert 0 < mass["canonical"] <= mass["allowed"] <= 1 and s.note is None

    def test_multi_token_answers_equal_token_by_token_evaluation(self, llama):
        import numpy as np  # noqa: F401 - the scoring returns float64 rows

        from backends.llama_scoring import log_softmax_row

        options = ["Paris", "Berlin is the answer", "Rome, Italy"]
        req = ask("Capital of France?", options)
        s = score_answers(llama, req, options)
        assert [x.n_tokens for x in s.scores] == [1, 5, 3]
        assert s.evaluated_tokens == 4 + 2
        # the same numbers by evaluating prompt + answer prefix from scratch, one position at a time
        llm = llama.llm
        sent = llama.render(req)
        prompt = llama.tokenize(sent)
        rome = llama._tokenize(sent + "Rome, Italy")[len(prompt):]
        total = 0.0
        for j, t in enumerate(rome):
            llm.n_tokens = 0
            llm.eval(prompt + rome[:j])
            total += float(log_softmax_row(llm._ctx.get_logits_ith(-1), llm.n_vocab())[t])
        assert s.scores[2].logprob == pytest.approx(total, abs=1e-4)
        assert s.best.answer == "Paris"
        # SmolLM2 would rather start "B" or "R" (other spellings the grammar allows): scoring says so
        assert s.extras["first_token_mass"]["share"] < 0.5 and "may pick a different answer" in s.note
        again = score_answers(llama, req, options)  # on the cached prompt: the same numbers
        assert [x.logprob for x in again.scores] == pytest.approx([x.logprob for x in s.scores], abs=1e-4)

    def test_with_flash_attention_a_warm_cache_scores_bit_for_bit_as_a_cold_one(self, smollm2):
        """Scoring evaluates its prompt the way a run does (the backend's own reuse), so
        with flash attention, where a row depends on its batch, a prompt that shares a
        prefix with the last run scores exactly as in a fresh context."""
        fa = LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=1024, n_threads=1, flash_attn=True))
        options = ["Paris", "Berlin is the answer", "Rome, Italy"]
        shots = "Answer with a city. " + "".join(f"Capital of {c}? {t}. " for c, t in (
            ("Spain", "Madrid"), ("Japan", "Tokyo"), ("Peru", "Lima"), ("Egypt", "Cairo"), ("Kenya", "Nairobi"),
            ("Chile", "Santiago"), ("Norway", "Oslo"), ("Greece", "Athens"), ("Canada", "Ottawa")))
        req = GenerationRequest(messages=(Message("user", shots + "Capital of France?"),), params=GREEDY,
                                constraint=Constraint.choice(options))
        try:
            fa.reset_cache()
            cold = [x.logprob for x in score_answers(fa, req, options).scores]
            complete(fa, GenerationRequest(messages=(Message("user", shots + "Capital of Italy?"),), params=GREEDY))
            warm = score_answers(fa, req, options)
            assert len(fa.tokenize(fa.render(req))) > 64  # one batch of it would be tiled
            assert warm.extras["cached_tokens"] > 60  # the shared start was kept
            assert [x.logprob for x in warm.scores] == cold
        finally:
            fa.close()

    def test_a_completion_prompt_ending_in_a_space_scores_the_answer_alone(self, llama):
        req = GenerationRequest(prompt="Q: Is water wet?\nAnswer: ", params=GREEDY,
                                constraint=Constraint.choice(["yes", "no"]))
        s = score_answers(llama, req, ["yes", "no"])
        assert {x.boundary for x in s.scores} == {"separate"}  # " yes" would swallow the prompt's last space
        assert complete(llama, req).text == s.best.answer

    def test_answers_longer_than_the_context_are_refused(self, llama):
        with pytest.raises(ContextOverflowError, match="do not fit the context size of 1024"):
            score_answers(llama, ask("word " * 990, ["a", "b"]), ["a", "word " * 60])  # ~1 token a word
