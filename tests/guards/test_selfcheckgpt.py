"""selfcheckgpt without a model: sentence splitting, n-gram support, the judge variant on a
fake, seeds, bad options and failed samples. The run path (child runs) is in
tests/runs/test_selfcheckgpt_runs.py."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.errors import GuardError
from guards.checks import CHECKS, build_check
from guards.consistency import Sample, sample_seed
from guards.consistency_score import score_sentences
from guards.policy import Policy
from guards.sentences import _HAS_WORD, split_sentences, tokens
from tests.fakes import FakeBackend


class Scripted:
    """A SampleSource over fixed texts (None: that sample fails)."""

    def __init__(self, texts, seed=11):
        self.texts = list(texts)
        self.seed = seed
        self.asked: list[tuple[int, int | None, float]] = []
        self.reports: list[dict] = []

    def sample(self, index, seed, temperature):
        self.asked.append((index, seed, temperature))
        text = self.texts[index - 1]
        if text is None:
            return Sample(index, "", seed, f"r{index}", "backend failed on purpose")
        return Sample(index, text, seed, f"r{index}")

    def note(self, report):
        self.reports.append(report)


# --- sentences -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Paris is in France. It has 2.1 million people! Is it big? Yes.",
     ["Paris is in France.", "It has 2.1 million people!", "Is it big?", "Yes."]),
    ("巴黎是法国的首都。它位于塞纳河畔！真的吗？“是的。”然后呢",
     ["巴黎是法国的首都。", "它位于塞纳河畔！", "真的吗？", "“是的。”", "然后呢"]),
    ("1. Dr. Smith met J. K. Rowling, e.g. in London.\n2. Then he left.\n",
     ["1. Dr. Smith met J. K. Rowling, e.g. in London.", "2. Then he left."]),
    ('He said "Go." Then he left...', ['He said "Go."', "Then he left..."]),
    ("42.", ["42."]),
    ("  \n ", []),
])
def test_sentences_split_english_and_chinese_with_exact_offsets(text, expected):
    found = split_sentences(text)
    assert [s.text for s in found] == expected
    assert all(text[s.start:s.end] == s.text for s in found)


def test_tokens_fold_width_and_split_cjk_by_character():
    assert tokens("Ｐａｒｉｓ has 2 museums, 巴黎很美") == ["paris", "has", "2", "museums", "巴", "黎", "很", "美"]


# --- n-gram scoring ------------------------------------------------------------------------------
ANSWER = "Paris is the capital of France. It was founded by Napoleon in 1842."
SAMPLES = ["The capital of France is Paris. It is a large city.",
           "France has Paris as its capital, an old Roman town.",
           "Paris is the capital of France."]


def test_unigram_risk_is_one_minus_the_share_of_samples_repeating_each_content_word():
    first, second = score_sentences(split_sentences(ANSWER), ANSWER, SAMPLES, n=1)
    assert first.risk == 0.0 and first.ngrams == 3  # paris, capital, france: in every sample
    assert second.risk == 1.0  # founded, napoleon, 1842: in none
    assert second.neg_logp_max > first.neg_logp_max and second.neg_logp_avg > first.neg_logp_avg


def test_bigrams_see_word_order_unigrams_do_not():
    answer = "France is the capital of Paris."
    (uni,) = score_sentences(split_sentences(answer), answer, SAMPLES, n=1)
    (bi,) = score_sentences(split_sentences(answer), answer, SAMPLES, n=2)
    assert uni.risk == 0.0 and bi.risk > 0.3


def test_chinese_sentences_are_scored_by_characters():
    answer = "巴黎是法国的首都。它建于一八四二年。"
    samples = ["法国的首都是巴黎。", "巴黎是法国首都，很大。"]
    first, second = score_sentences(split_sentences(answer), answer, samples, n=1)
    assert first.risk == 0.0 and second.risk > 0.8


# --- the check -----------------------------------------------------------------------------------
def test_the_check_samples_n_times_with_derived_seeds_and_flags_unsupported_sentences():
    assert CHECKS["selfcheckgpt"].name == "selfcheckgpt"
    source = Scripted(SAMPLES, seed=11)
    result = build_check("selfcheckgpt", samples=3, temperature=0.9).run(ANSWER, source=source)
    assert source.asked == [(i, sample_seed(11, i), 0.9) for i in (1, 2, 3)]
    assert len({seed for _, seed, _ in source.asked} | {11}) == 4
    assert result.verdict == "fail" and result.score == 0.5
    (span,) = result.spans
    assert ANSWER[span.start:span.end] == span.text == "It was founded by Napoleon in 1842."
    assert span.label == "risk 1.00"
    assert result.message == ("1 of 2 sentences at risk >= 0.5 (highest 1.00); answer risk 0.50; "
                              "unigram over 3 of 3 samples")
    (report,) = source.reports
    assert [s["risk"] for s in report["sentences"]] == [0.0, 1.0]
    assert [s["run_id"] for s in report["samples"]] == ["r1", "r2", "r3"] and report["seed"] == 11


def test_a_supported_answer_passes():
    result = build_check("selfcheckgpt", samples=3).run("Paris is the capital of France.", source=Scripted(SAMPLES))
    assert (result.verdict, result.score, result.spans) == ("pass", 0.0, [])


def test_seeds_are_stable_distinct_and_none_without_a_run_seed():
    assert sample_seed(11, 1) == sample_seed(11, 1) != sample_seed(11, 2) != sample_seed(12, 2)
    assert all(0 <= sample_seed(2**32 - 1, i) < 2**32 for i in range(1, 21))
    assert sample_seed(None, 1) is None


def test_one_failed_sample_is_reported_and_left_out():
    source = Scripted([SAMPLES[0], None, SAMPLES[2]])
    result = build_check("selfcheckgpt", samples=3).run(ANSWER, source=source)
    assert result.verdict == "fail"
    assert "unigram over 2 of 3 samples; sample 2 failed: backend failed on purpose" in result.message
    assert source.reports[0]["samples"][1]["error"] == "backend failed on purpose"


def test_every_sample_failing_fails_the_check_with_the_reason_and_no_score():
    result = build_check("selfcheckgpt", samples=2).run(ANSWER, source=Scripted([None, None]))
    assert (result.verdict, result.score) == ("fail", None)
    assert result.message == "could not score: all 2 samples failed (backend failed on purpose)"


def test_an_empty_answer_samples_nothing():
    source = Scripted(SAMPLES)
    result = build_check("selfcheckgpt").run("  \n", source=source)
    assert (result.verdict, result.score, result.message) == ("pass", 0.0, "the answer is empty; nothing to score")
    assert source.asked == []


def test_without_a_run_to_sample_from_it_says_where_it_belongs():
    with pytest.raises(GuardError, match="selfcheckgpt: needs the run's model to sample from"):
        build_check("selfcheckgpt").run(ANSWER)


@pytest.mark.parametrize(("config", "message"), [
    ({"samples": 0}, "selfcheckgpt: samples must be an integer from 1 to 20; got 0"),
    ({"samples": 21}, "selfcheckgpt: samples must be an integer from 1 to 20; got 21"),
    ({"samples": True}, "samples must be an integer from 1 to 20; got True"),
    ({"temperature": 0}, "selfcheckgpt: temperature must be above 0"),
    ({"temperature": 5}, "selfcheckgpt: temperature must be between 0.0 and 2.0; got 5"),
    ({"method": "bert"}, "selfcheckgpt: method must be one of unigram, bigram, judge; got 'bert'"),
    ({"threshold": 1.5}, "selfcheckgpt: threshold must be between 0.0 and 1.0; got 1.5"),
    ({"max_sentences": 0}, "selfcheckgpt: max_sentences must be an integer >= 1; got 0"),
    ({"max_sentences": 51}, "selfcheckgpt: max_sentences must be at most 50; got 51"),
    ({"method": "judge"}, "selfcheckgpt: method judge needs the judge model loaded"),
    ({"n": 3}, "selfcheckgpt: unknown option 'n'; allowed: samples, temperature, method"),
])
def test_bad_options_are_refused_when_built(config, message):
    with pytest.raises(GuardError, match=message):
        build_check("selfcheckgpt", **config)


def test_a_policy_takes_it_on_the_output_only_and_gives_the_judge_its_model():
    with pytest.raises(GuardError, match="selfcheckgpt scores an answer against answers sampled again; "
                                         "put it under 'output'"):
        Policy.from_dict({"input": [{"check": "selfcheckgpt"}]}, judge_backend=lambda _m: object())
    asked = []
    policy = Policy.from_dict({"output": [{"check": "selfcheckgpt", "method": "judge", "model": "judge-1b"}]},
                              judge_backend=lambda m: asked.append(m) or object())
    assert asked == ["judge-1b"] and policy.output[0].check.method == "judge"
    Policy.from_dict({"output": ["selfcheckgpt"]})  # the n-gram variants need no judge
    decision = Policy.from_dict({"output": ["selfcheckgpt"]}).check_output(ANSWER, samples=Scripted(SAMPLES))
    assert [r.verdict for r in decision.results] == ["fail"]


# --- the judge variant on a fake model ------------------------------------------------------------
class ConstrainedFake(FakeBackend):
    supports_constraints = True


def test_the_judge_is_asked_per_sentence_and_sample_and_its_no_share_is_the_risk():
    def responder(request):
        body = request.messages[-1].content
        return ["no" if "Napoleon" in body.split("Sentence:")[1] else "yes"]

    judge = ConstrainedFake(responder=responder)
    source = Scripted(SAMPLES[:2])
    check = build_check("selfcheckgpt", samples=2, method="judge", backend=judge, model="j")
    result = check.run(ANSWER, source=source)
    assert len(judge.requests) == 4  # 2 sentences x 2 samples
    first = judge.requests[0]
    assert first.constraint.to_dict()["choices"] == ["yes", "no"] and first.params.temperature == 0.0
    assert "Is the sentence supported by the passage above?" in first.messages[-1].content
    assert SAMPLES[0] in first.messages[-1].content
    assert result.score == 0.5 and [s.text for s in result.spans] == ["It was founded by Napoleon in 1842."]
    assert [s["judge"] for s in source.reports[0]["sentences"]] == [
        {"yes": 2, "no": 0, "other": 0}, {"yes": 0, "no": 2, "other": 0}]


def test_the_judge_asks_in_chinese_for_a_chinese_sentence_and_caps_the_sentences():
    judge = ConstrainedFake(["no"])
    answer = "巴黎是法国的首都。它建于一八四二年。它很大。"
    result = build_check("selfcheckgpt", samples=1, method="judge", backend=judge, max_sentences=2).run(
        answer, source=Scripted(["巴黎是法国的首都。"]))
    assert len(judge.requests) == 2 and "上面的段落是否支持这个句子" in judge.requests[0].messages[-1].content
    assert result.message.endswith("the sentences after the first 2 (1 more) keep their unigram scores")


def test_a_judge_that_cannot_constrain_or_fails_leaves_the_unigram_scores():
    plain = FakeBackend(["no"])
    result = build_check("selfcheckgpt", samples=3, method="judge", backend=plain).run(ANSWER, source=Scripted(SAMPLES))
    assert plain.requests == [] and result.score == 0.5
    assert "the judge backend fake cannot constrain its answer to yes or no" in result.message
    broken = ConstrainedFake(["no"], fail_after=0)
    result = build_check("selfcheckgpt", samples=3, method="judge", backend=broken).run(ANSWER, source=Scripted(SAMPLES))
    assert result.score == 0.5 and "the judge failed (fake backend failed on purpose)" in result.message


# --- properties -----------------------------------------------------------------------------------
PIECES = st.text(alphabet=st.sampled_from(list("ab Z1.!?。！？…\n\"”）-中文e.gDr")), max_size=80)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PIECES, st.lists(PIECES, max_size=3))
def test_any_text_splits_into_ordered_exact_sentences_and_scores_in_range(text, samples):
    found = split_sentences(text)
    assert all(text[s.start:s.end] == s.text == s.text.strip() and s.text for s in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    covered = "".join(text[s.start:s.end] for s in found)
    assert len(_HAS_WORD.findall(covered)) == len(_HAS_WORD.findall(text))  # no letter is lost
    if samples:
        assert all(0.0 <= s.risk <= 1.0 for s in score_sentences(found, text, samples, n=2))
