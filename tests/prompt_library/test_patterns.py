"""Golden tests: the exact text every pattern sends for a fixed input, and its result."""

from __future__ import annotations

import pytest

from backends.base import Message
from common.errors import TemplateError
from prompt_library import PatternError, PromptTemplate, render, run_pattern, select_examples
from prompt_library.patterns import append_cue, last_step, parse_subquestions

U, A, S = (lambda c: Message("user", c)), (lambda c: Message("assistant", c)), (lambda c: Message("system", c))


class Script:
    """A fake ``generate``: answers per stage name, records every call."""

    def __init__(self, outputs: dict[str, str] | list[str]):
        self.outputs = outputs
        self.calls: list[tuple[str, object, dict]] = []

    def __call__(self, stage: str, rendered, params: dict) -> str:
        self.calls.append((stage, rendered, params))
        if isinstance(self.outputs, list):
            return self.outputs[len(self.calls) - 1]
        return self.outputs[stage]


EXAMPLES = """\
examples:
  - {question: 'Roger has 5 balls and buys 2 cans of 3. How many?', rationale: '5 + 2 * 3 = 11.', answer: '11'}
  - {question: 'What is 17 minus 14?', rationale: '17 - 14 = 3.', answer: '3'}
  - {question: 'What is 2 plus 2?', rationale: '2 + 2 = 4.', answer: '4'}
"""
QUESTION = "The cafeteria had 23 apples, used 20 and bought 6. How many now?"


def make(pattern: str, *, mode: str = "chat", language: str = "en", extra: str = "", system: str | None = "Be brief.") -> PromptTemplate:
    sys_line = f"system: {system}\n" if system else ""
    return PromptTemplate.from_yaml(
        f"name: golden\nmode: {mode}\nlanguage: {language}\n{sys_line}"
        f"variables:\n  - name: question\n    default: '{QUESTION}'\n"
        f"prompt: 'Q: {{{{ question }}}}'\n{extra}pattern:\n{pattern}")


# --- zero-shot and few-shot ---------------------------------------------------------------
def test_zero_shot_chat():
    t = make("  name: zero-shot\n")
    gen = Script({"answer": " 9 apples "})
    result = run_pattern(t, {}, gen)
    assert gen.calls == [("answer", [S("Be brief."), U(f"Q: {QUESTION}")], {})]
    assert result.final_answer == "9 apples"
    assert [s.name for s in result.stages] == ["answer"] and result.stages[0].is_answer


def test_zero_shot_completion():
    t = make("  name: zero-shot\n  answer: number\n", mode="completion")
    assert render(t) == f"Be brief.\n\nQ: {QUESTION}"
    assert run_pattern(t, {}, Script({"answer": " It is 9."})).final_answer == "9"


def test_few_shot_as_prior_turns_in_given_order():
    t = make("  name: few-shot\n  k: 2\n", extra=EXAMPLES + "example_input: 'Q: {{ question }}'\nexample_output: 'A: {{ answer }}'\n")
    assert render(t) == [
        S("Be brief."),
        U("Q: Roger has 5 balls and buys 2 cans of 3. How many?"), A("A: 11"),
        U("Q: What is 17 minus 14?"), A("A: 3"),
        U(f"Q: {QUESTION}"),
    ]


def test_few_shot_inline_reversed():
    t = make("  name: few-shot\n  k: 2\n  order: reversed\n  style: inline\n",
             extra=EXAMPLES + "examples_header: 'Examples:'\nexample_input: 'Q: {{ question }}'\n"
                              "example_output: 'A: {{ answer }}'\n")
    assert render(t) == [
        S("Be brief."),
        U("Examples:\n\nQ: What is 17 minus 14?\nA: 3\n\nQ: Roger has 5 balls and buys 2 cans of 3. How many?\nA: 11\n\n"
          f"Q: {QUESTION}"),
    ]


def test_few_shot_shuffled_with_seed_is_reproducible():
    t = make("  name: few-shot\n  order: shuffled\n  seed: 3\n", extra=EXAMPLES)
    first = render(t)
    assert render(t) == first
    # the seeded shuffle of the three examples, pinned
    assert [m.content for m in first if m.role == "assistant"] == ["3", "4", "11"]
    other = make("  name: few-shot\n  order: shuffled\n  seed: 4\n", extra=EXAMPLES)
    assert [m.content for m in render(other) if m.role == "assistant"] == ["4", "3", "11"]


def test_few_shot_in_completion_mode_is_inline():
    t = make("  name: few-shot\n  k: 1\n", mode="completion", system=None,
             extra=EXAMPLES + "example_input: 'Q: {{ question }}'\nexample_output: 'A: {{ answer }}'\n")
    assert render(t) == f"Q: Roger has 5 balls and buys 2 cans of 3. How many?\nA: 11\n\nQ: {QUESTION}"


def test_few_shot_examples_from_a_dataset_replace_the_templates():
    t = make("  name: few-shot\n", extra=EXAMPLES)
    rows = [{"question": "1+1?", "answer": "2"}]
    assert render(t, examples=rows) == [S("Be brief."), U("1+1?"), A("2"), U(f"Q: {QUESTION}")]


def test_few_shot_example_missing_a_column():
    t = make("  name: few-shot-cot\n", extra=EXAMPLES)
    with pytest.raises(TemplateError, match=r"^template 'golden' \(example 1\): variable 'rationale' is not defined$"):
        render(t, examples=[{"question": "q", "answer": "a"}])


@pytest.mark.parametrize("order,k,seed,expected", [
    ("given", None, 0, [1, 2, 3, 4, 5]), ("given", 2, 0, [1, 2]), ("reversed", 3, 0, [3, 2, 1]),
    ("shuffled", None, 1, [3, 4, 5, 1, 2]), ("shuffled", 2, 1, [3, 4]), ("given", 0, 0, []),
])
def test_select_examples(order, k, seed, expected):
    assert select_examples([1, 2, 3, 4, 5], k, order, seed) == expected


# --- chain of thought -------------------------------------------------------------------------
def test_zero_shot_cot_two_stages_chat():
    t = make("  name: zero-shot-cot\n  answer: number\n")
    gen = Script({"reasoning": "23 - 20 = 3. 3 + 6 = 9.\n", "answer": " 9."})
    result = run_pattern(t, {}, gen)
    first = [S("Be brief."), U(f"Q: {QUESTION}\nLet's think step by step.")]
    assert gen.calls == [
        ("reasoning", first, {}),
        ("answer", [*first, A("23 - 20 = 3. 3 + 6 = 9."), U("Therefore, the answer (arabic numerals) is")], {}),
    ]
    assert result.final_answer == "9"
    assert result.extra == {"rationale": "23 - 20 = 3. 3 + 6 = 9.\n", "extracted": True}
    assert [s.is_answer for s in result.stages] == [False, True]


def test_zero_shot_cot_completion_kojima_format():
    t = PromptTemplate.from_yaml("name: k\nmode: completion\nprompt: 'Q: What is 17 minus 14?\n\n  A:'\n"
                                 "pattern: {name: zero-shot-cot, answer: number}\n")
    gen = Script({"reasoning": " 17 - 14 = 3.", "answer": " 3."})
    result = run_pattern(t, {}, gen)
    assert gen.calls[0][1] == "Q: What is 17 minus 14?\nA: Let's think step by step."
    assert gen.calls[1][1] == ("Q: What is 17 minus 14?\nA: Let's think step by step. 17 - 14 = 3.\n"
                               "Therefore, the answer (arabic numerals) is")
    assert result.final_answer == "3"


def test_zero_shot_cot_chinese():
    t = PromptTemplate.from_yaml("name: zh\nlanguage: zh\nprompt: '问题：克莱儿 4 周吃多少打鸡蛋？\n\n  答案：'\n"
                                 "pattern: {name: zero-shot-cot, answer: number}\n")
    gen = Script({"reasoning": "3 * 7 * 4 = 84，84 / 12 = 7。", "answer": "7 打。"})
    result = run_pattern(t, {}, gen)
    first = [U("问题：克莱儿 4 周吃多少打鸡蛋？\n答案：让我们一步一步地思考。")]
    assert gen.calls[0][1] == first
    assert gen.calls[1][1] == [*first, A("3 * 7 * 4 = 84，84 / 12 = 7。"), U("因此，答案（阿拉伯数字）是")]
    assert result.final_answer == "7"


def test_zero_shot_cot_without_extraction_step():
    t = make("  name: zero-shot-cot\n  extract_step: false\n  trigger: Think.\n")
    gen = Script({"reasoning": "3 + 6 = 9. The answer is 9."})
    result = run_pattern(t, {}, gen)
    assert len(gen.calls) == 1 and gen.calls[0][1][-1] == U(f"Q: {QUESTION}\nThink.")
    assert result.final_answer == "9" and result.stages[0].is_answer


def test_few_shot_cot_rationale_before_answer():
    t = make("  name: few-shot-cot\n  k: 1\n", extra=EXAMPLES + "example_input: 'Q: {{ question }}'\n"
                                                          "example_output: 'A: {{ rationale }} The answer is {{ answer }}.'\n")
    gen = Script({"answer": "A: They had 23 - 20 = 3, then 3 + 6 = 9. The answer is 9."})
    result = run_pattern(t, {}, gen)
    assert gen.calls[0][1] == [S("Be brief."), U("Q: Roger has 5 balls and buys 2 cans of 3. How many?"),
                               A("A: 5 + 2 * 3 = 11. The answer is 11."), U(f"Q: {QUESTION}")]
    assert result.final_answer == "9"


def test_few_shot_cot_default_wording_en_and_zh():
    en = make("  name: few-shot-cot\n  k: 1\n", extra=EXAMPLES)
    assert render(en)[2] == A("5 + 2 * 3 = 11. The answer is 11.")
    zh = PromptTemplate.from_yaml(
        "name: zh\nlanguage: zh\nprompt: '{{ question }}'\nvariables: [{name: question, default: 新题}]\n"
        "examples: [{question: 旧题, rationale: 3 * 7 = 21。, answer: '21'}]\npattern: few-shot-cot\n")
    assert render(zh) == [U("旧题"), A("3 * 7 = 21。答案是21。"), U("新题")]


# --- step-back ------------------------------------------------------------------------------------
def test_step_back_three_stages_default_wording():
    t = make("  name: step-back\n")
    gen = Script({"step-back-question": " What is the principle of subtraction and addition? ",
                  "step-back-answer": "Removing lowers a count; adding raises it.",
                  "answer": "23 - 20 + 6 = 9."})
    result = run_pattern(t, {}, gen)
    q = f"Q: {QUESTION}"
    assert gen.calls == [
        ("step-back-question", [S("Be brief."), U(
            "You are an expert at finding the general concept or principle behind a specific question.\n"
            f"Question: {q}\n"
            "Write one more general step-back question about the concept or principle needed to answer it. "
            "Reply with the step-back question only.")], {}),
        ("step-back-answer", [S("Be brief."), U(
            "What is the principle of subtraction and addition?\n"
            "Answer this general question concisely, stating the relevant concepts, principles or facts.")], {}),
        ("answer", [S("Be brief."), U(
            "Background principles:\nRemoving lowers a count; adding raises it.\n\n"
            f"Using the principles above, answer the original question.\nQuestion: {q}")], {}),
    ]
    assert result.final_answer == "23 - 20 + 6 = 9."
    assert result.extra["step_back_question"] == "What is the principle of subtraction and addition?"
    assert [s.is_answer for s in result.stages] == [False, False, True]


def test_step_back_custom_stage_prompts_get_variables():
    t = make("  name: step-back\n  step_back_prompt: 'Principle behind: {{ question }}'\n"
             "  final_prompt: 'Given {{ step_back_answer }}: {{ question }} ({{ question|length }})'\n", system=None)
    gen = Script({"step-back-question": "P?", "step-back-answer": "P.", "answer": "ok"})
    run_pattern(t, {"question": "Why?"}, gen)
    assert gen.calls[0][1] == [U("Principle behind: Q: Why?")]
    assert gen.calls[2][1] == [U("Given P.: Q: Why? (7)")]


def test_step_back_single_prompt_chinese_steps():
    t = PromptTemplate.from_yaml(
        "name: sb\nlanguage: zh\nprompt: 请翻译：Hello.\npattern: {name: step-back, variant: single-prompt}\n")
    out = "1. 前提问题：语气？\n2. 答案：友好。\n3. 基于这个前提问题，翻译结果：\n你好。"
    gen = Script({"answer": out})
    result = run_pattern(t, {}, gen)
    assert gen.calls[0][1] == [U("请翻译：Hello.\n\n请按照以下步骤输出结果：\n"
                                 "1. 要做好这件事，你需要先知道哪些前提问题\n2. 这些前提问题的答案分别是什么\n"
                                 "3. 基于这些前提问题，给出最终答案")]
    assert result.final_answer == "你好。"


@pytest.mark.parametrize("text,expected", [
    ("1. a\n2. b\n3. The final answer is 42.", "The final answer is 42."),
    ("1. a\n2. b\n3. Translation:\nBonjour.\n", "Bonjour."),
    ("**1.** a\n**3.** done", "done"),
    ("no steps at all", "no steps at all"),
])
def test_last_step(text, expected):
    assert last_step(text, 3) == expected


# --- self-consistency ----------------------------------------------------------------------------
def test_self_consistency_votes_and_records_every_sample():
    t = make("  name: self-consistency\n  n: 5\n  temperature: 0.7\n  seed: 10\n  answer: number\n", system=None)
    outputs = ["3 + 6 = 9. The answer is 9.", "The answer is 27.", "So 9 apples.", "The answer is 9.0",
               "I am not sure."]
    gen = Script(outputs)
    result = run_pattern(t, {}, gen)
    sent = [U(f"Q: {QUESTION}\nLet's think step by step.")]
    assert gen.calls == [(f"sample-{i + 1}", sent, {"temperature": 0.7, "seed": 10 + i}) for i in range(5)]
    assert result.final_answer == "9"
    assert result.extra["answers"] == ["9", "27", "9", "9", None]
    assert result.extra["votes"] == {"9": 3, "27": 1}
    assert result.extra["agreement"] == pytest.approx(0.6)
    assert [s.output for s in result.stages] == outputs and all(s.is_answer for s in result.stages)


def test_self_consistency_uses_cot_examples_when_present_and_breaks_ties_by_first_seen():
    t = make("  name: self-consistency\n  n: 2\n  k: 1\n", extra=EXAMPLES, system=None)
    gen = Script(["The answer is 12.", "The answer is 9."])
    result = run_pattern(t, {}, gen)
    assert gen.calls[0][1] == [U("Roger has 5 balls and buys 2 cans of 3. How many?"),
                               A("5 + 2 * 3 = 11. The answer is 11."), U(f"Q: {QUESTION}")]
    assert result.final_answer == "12" and result.extra["agreement"] == 0.5


def test_self_consistency_with_no_extractable_answer():
    t = make("  name: self-consistency\n  n: 2\n  answer: choice\n", system=None)
    result = run_pattern(t, {}, Script(["hmm", "no idea"]))
    assert result.final_answer == "" and result.extra["agreement"] == 0.0 and result.extra["winner"] is None


# --- least-to-most --------------------------------------------------------------------------------
def test_least_to_most_solves_subquestions_in_order():
    t = make("  name: least-to-most\n  max_subquestions: 3\n", system=None)
    gen = Script({
        "decompose": "1. How many apples were left after lunch?\n2. How many after buying more?\n",
        "subquestion-1": "23 - 20 = 3.",
        "subquestion-2": "3 + 6 = 9.",
        "answer": "They have 9 apples.",
    })
    result = run_pattern(t, {}, gen)
    q = f"Q: {QUESTION}"
    assert [c[0] for c in gen.calls] == ["decompose", "subquestion-1", "subquestion-2", "answer"]
    assert gen.calls[0][1] == [U(
        f"{q}\n\nTo answer this question, which simpler sub-questions must be solved first? "
        "List them in the order they should be solved, one per line, numbered 1., 2., 3. Do not answer them yet.")]
    assert gen.calls[1][1] == [U(f"{q}\n\nSub-question 1: How many apples were left after lunch?\nAnswer:")]
    assert gen.calls[2][1] == [U(f"{q}\n\nSub-question 1: How many apples were left after lunch?\nAnswer: 23 - 20 = 3.\n\n"
                                 "Sub-question 2: How many after buying more?\nAnswer:")]
    assert gen.calls[3][1] == [U(f"{q}\n\nSub-question 1: How many apples were left after lunch?\nAnswer: 23 - 20 = 3.\n\n"
                                 "Sub-question 2: How many after buying more?\nAnswer: 3 + 6 = 9.\n\n"
                                 "Using the answers above, answer the original question.")]
    assert result.final_answer == "They have 9 apples."
    assert result.extra["subquestions"] == ["How many apples were left after lunch?", "How many after buying more?"]


def test_least_to_most_chinese_wording():
    t = PromptTemplate.from_yaml("name: l\nlanguage: zh\nprompt: 写一篇关于太空的文章\npattern: least-to-most\n")
    gen = Script({"decompose": "1. 太空是什么？", "subquestion-1": "地球大气层之外的空间。", "answer": "文章"})
    run_pattern(t, {}, gen)
    assert gen.calls[1][1] == [U("写一篇关于太空的文章\n\n子问题1：太空是什么？\n答案：")]
    assert gen.calls[2][1] == [U("写一篇关于太空的文章\n\n子问题1：太空是什么？\n答案：地球大气层之外的空间。\n\n"
                                 "请利用以上答案回答原来的问题。")]


@pytest.mark.parametrize("text,expected", [
    ("1. A?\n2) B?\n3、C？", ["A?", "B?", "C？"]),
    ("- first\n* second", ["first", "second"]),
    ("Sub-question 1: x?\nSub-question 2: y?", ["x?", "y?"]),
    ("Here are some.\nWhat is x?\nWhy y?", ["What is x?", "Why y?"]),
    ("1. a\n2. b\n3. c\n4. d\n5. e\n6. f", ["a", "b", "c", "d", "e"]),
    ("", []),
])
def test_parse_subquestions(text, expected):
    assert parse_subquestions(text, 5) == expected


# --- contract of the injected callable ----------------------------------------------------------
def test_generate_errors_propagate_and_non_text_is_refused():
    t = make("  name: zero-shot\n")

    def boom(stage, rendered, params):
        raise RuntimeError("backend down")

    with pytest.raises(RuntimeError, match="backend down"):
        run_pattern(t, {}, boom)
    with pytest.raises(PatternError, match="stage 'answer' returned NoneType, not text"):
        run_pattern(t, {}, lambda *a: None)


def test_render_is_the_first_stage_and_calls_no_model():
    t = make("  name: least-to-most\n")
    first = render(t, {"question": "Why?"})
    assert first[-1].content.startswith("Q: Why?\n\nTo answer this question")


@pytest.mark.parametrize("text,cue,expected", [
    ("Q: x\nA:", "Go.", "Q: x\nA: Go."), ("答案：", "想。", "答案：想。"), ("Q: x", "Go.", "Q: x\nGo."), ("", "Go.", "Go."),
])
def test_append_cue(text, cue, expected):
    assert append_cue(text, cue) == expected
