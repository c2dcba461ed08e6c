"""Golden tests for chain-of-verification: the exact text of every stage for a fixed input."""

from __future__ import annotations

import pytest

from backends.base import Message
from common.errors import TemplateError
from prompt_library import PromptTemplate, render, run_pattern
from tests.prompt_library.test_patterns import Script

U, S = (lambda c: Message("user", c)), (lambda c: Message("system", c))
QUESTION = "Which planets have no moons?"
BASELINE = "Mercury, Venus and Mars have no moons."


def cove(extra: str = "", *, language: str = "en", system: str | None = None) -> PromptTemplate:
    sys_line = f"system: {system}\n" if system else ""
    return PromptTemplate.from_yaml(f"name: c\nlanguage: {language}\n{sys_line}prompt: '{QUESTION}'\n"
                                    f"pattern:\n  name: chain-of-verification\n{extra}")


def test_stages_in_order_each_verification_without_the_baseline():
    gen = Script({
        "baseline": BASELINE,
        "plan-verifications": "1. Does Mercury have a moon?\n2. Does Venus have a moon?\n3. Does Mars have a moon?\n",
        "verify-1": "No, Mercury has no moon.",
        "verify-2": "No.",
        "verify-3": "Yes, Mars has two moons, Phobos and Deimos.",
        "answer": "Mercury and Venus.",
    })
    result = run_pattern(cove(system="Be brief."), {}, gen)
    assert [c[0] for c in gen.calls] == ["baseline", "plan-verifications", "verify-1", "verify-2", "verify-3", "answer"]
    assert gen.calls[0][1] == [S("Be brief."), U(QUESTION)]
    assert gen.calls[1][1] == [S("Be brief."), U(
        f"Question: {QUESTION}\n\nDraft answer:\n{BASELINE}\n\n"
        "Write verification questions to check the facts in the draft answer: short questions, each about one fact "
        "the draft states, that can be answered without seeing the draft. List at most 5, one per line, numbered "
        "1., 2., 3. Do not answer them.")]
    assert gen.calls[2][1] == [S("Be brief."), U("Does Mercury have a moon?\nAnswer briefly and factually.")]
    for _, sent, _ in gen.calls[2:5]:  # a fresh context: neither the draft nor the other questions
        assert BASELINE not in sent[-1].content and sent[-1].content.count("?") == 1
    assert gen.calls[5][1] == [S("Be brief."), U(
        f"Question: {QUESTION}\n\nDraft answer:\n{BASELINE}\n\n"
        "Verification questions, each answered separately:\n"
        "1. Does Mercury have a moon?\nAnswer: No, Mercury has no moon.\n"
        "2. Does Venus have a moon?\nAnswer: No.\n"
        "3. Does Mars have a moon?\nAnswer: Yes, Mars has two moons, Phobos and Deimos.\n\n"
        "Correct whatever in the draft the verification answers contradict, and drop what they do not support. "
        "Write the final answer to the question, and only that.")]
    assert result.final_answer == "Mercury and Venus."
    assert result.extra["baseline"] == BASELINE and len(result.extra["verifications"]) == 3
    assert result.stages[-1].is_answer and not any(s.is_answer for s in result.stages[:-1])


def test_questions_are_capped_and_none_parsed_still_revises():
    many = "\n".join(f"{i}. Question {i}?" for i in range(1, 9))
    gen = Script(["draft", many, "a1", "a2", "final"])
    result = run_pattern(cove("  max_questions: 2\n"), {}, gen)
    assert [c[0] for c in gen.calls] == ["baseline", "plan-verifications", "verify-1", "verify-2", "answer"]
    assert result.extra["verification_questions"] == ["Question 1?", "Question 2?"]
    gen = Script(["draft", "I cannot think of any.", "final"])
    result = run_pattern(cove(), {}, gen)
    assert [c[0] for c in gen.calls] == ["baseline", "plan-verifications", "answer"]
    assert gen.calls[-1][1][-1].content == ("Question: Which planets have no moons?\n\nDraft answer:\ndraft\n\n"
                                            "Write the final answer to the question, and only that.")
    assert result.final_answer == "final" and result.extra["verifications"] == []


def test_chinese_wording_and_render_gives_the_baseline_call():
    t = PromptTemplate.from_yaml("name: c\nlanguage: zh\nprompt: 太空有什么特点？\npattern: chain-of-verification\n")
    gen = Script(["太空没有空气，没有重力。", "1. 太空中有重力吗？", "有，重力无处不在。", "太空没有空气，但有重力。"])
    result = run_pattern(t, {}, gen)
    assert gen.calls[1][1] == [U(
        "问题：太空有什么特点？\n\n初稿答案：\n太空没有空气，没有重力。\n\n"
        "请写出用来核实初稿中事实的验证问题：每个问题简短，只问初稿说到的一个事实，不看初稿也能回答。"
        "最多 5 个，每行一个，编号为 1. 2. 3.，先不要回答。")]
    assert gen.calls[2][1] == [U("太空中有重力吗？\n请简要、如实地回答。")]
    assert gen.calls[3][1][-1].content.startswith("问题：太空有什么特点？\n\n初稿答案：\n太空没有空气，没有重力。\n\n"
                                                  "分别回答的验证问题：\n1. 太空中有重力吗？\n答案：有，重力无处不在。\n")
    assert result.final_answer == "太空没有空气，但有重力。"
    assert render(t) == [U("太空有什么特点？")]


def test_template_stage_prompts_override_and_cannot_reach_unknown_names():
    t = cove("  verify_prompt: 'Q{{ index }}: {{ verification_question }}'\n")
    gen = Script(["d", "1. Is it?", "yes", "f"])
    run_pattern(t, {}, gen)
    assert gen.calls[2][1] == [U("Q1: Is it?")]
    with pytest.raises(TemplateError, match="nope"):
        cove("  plan_prompt: '{{ nope }}'\n")
    with pytest.raises(TemplateError, match="max_questions"):
        cove("  max_questions: 11\n")
