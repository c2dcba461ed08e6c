"""Default wording of the patterns' added text, per language (English and Chinese).

Templates override any of these through their pattern settings. The multi-stage
prompts are Jinja, rendered in the same sandbox as the template, with the names
listed in ``spec.py`` (``question`` is the template's rendered prompt).
"""

from __future__ import annotations

from typing import Any

_EN: dict[str, Any] = {
    # Kojima et al. 2022, zero-shot CoT: reasoning trigger, then answer extraction
    "trigger": "Let's think step by step.",
    "extraction": {
        "number": "Therefore, the answer (arabic numerals) is",
        "choice": "Therefore, among A through D, the answer is",
        "true-false": "Therefore, the answer (true or false) is",
        "default": "Therefore, the answer is",
    },
    # Wei et al. 2022, few-shot CoT: the rationale comes before the answer
    "example_input": "{{ question }}",
    "example_output": "{{ answer }}",
    "cot_example_output": "{{ rationale }} The answer is {{ answer }}.",
    # Zheng et al. 2023, step-back prompting
    "step_back_prompt": (
        "You are an expert at finding the general concept or principle behind a specific question.\n"
        "Question: {{ question }}\n"
        "Write one more general step-back question about the concept or principle needed to answer it. "
        "Reply with the step-back question only."
    ),
    "principles_prompt": (
        "{{ step_back_question }}\n"
        "Answer this general question concisely, stating the relevant concepts, principles or facts."
    ),
    "final_prompt": (
        "Background principles:\n{{ step_back_answer }}\n\n"
        "Using the principles above, answer the original question.\n"
        "Question: {{ question }}"
    ),
    "steps_header": "Please output the result in the following steps:",
    "steps": [
        "What prerequisite questions do you need to answer first to do this well?",
        "What are the answers to these prerequisite questions?",
        "Based on these prerequisite questions and answers, give the final answer.",
    ],
    # Zhou et al. 2022, least-to-most prompting
    "decompose_prompt": (
        "{{ question }}\n\n"
        "To answer this question, which simpler sub-questions must be solved first? "
        "List them in the order they should be solved, one per line, numbered 1., 2., 3. "
        "Do not answer them yet."
    ),
    "solve_prompt": (
        "{{ question }}\n\n"
        "{% for s in solved %}"
        "Sub-question {{ loop.index }}: {{ s.question }}\nAnswer: {{ s.answer }}\n\n"
        "{% endfor %}"
        "Sub-question {{ index }}: {{ subquestion }}\nAnswer:"
    ),
    "ltm_final_prompt": (
        "{{ question }}\n\n"
        "{% for s in solved %}"
        "Sub-question {{ loop.index }}: {{ s.question }}\nAnswer: {{ s.answer }}\n\n"
        "{% endfor %}"
        "Using the answers above, answer the original question."
    ),
    # Dhuliawala et al. 2023, Chain-of-Verification (factored: each question on its own)
    "cove_plan_prompt": (
        "Question: {{ question }}\n\n"
        "Draft answer:\n{{ baseline }}\n\n"
        "Write verification questions to check the facts in the draft answer: short questions, each about "
        "one fact the draft states, that can be answered without seeing the draft. "
        "List at most {{ max_questions }}, one per line, numbered 1., 2., 3. Do not answer them."
    ),
    "cove_verify_prompt": "{{ verification_question }}\nAnswer briefly and factually.",
    "cove_final_prompt": (
        "Question: {{ question }}\n\n"
        "Draft answer:\n{{ baseline }}\n\n"
        "{% if verifications %}Verification questions, each answered separately:\n"
        "{% for v in verifications %}{{ loop.index }}. {{ v.question }}\nAnswer: {{ v.answer }}\n{% endfor %}\n\n"
        "Correct whatever in the draft the verification answers contradict, and drop what they do not support. "
        "{% endif %}"
        "Write the final answer to the question, and only that."
    ),
}

_ZH: dict[str, Any] = {
    "trigger": "让我们一步一步地思考。",
    "extraction": {
        "number": "因此，答案（阿拉伯数字）是",
        "choice": "因此，在 A 到 D 中，答案是",
        "true-false": "因此，答案（真或假）是",
        "default": "因此，答案是",
    },
    "example_input": "{{ question }}",
    "example_output": "{{ answer }}",
    "cot_example_output": "{{ rationale }}答案是{{ answer }}。",
    "step_back_prompt": (
        "你擅长找出一个具体问题背后的一般概念或原理。\n"
        "问题：{{ question }}\n"
        "请提出一个更一般的“退一步”问题，问的是回答这个问题所需要的概念或原理。只输出这个退一步问题。"
    ),
    "principles_prompt": "{{ step_back_question }}\n请简洁地回答这个一般性问题，说明相关的概念、原理或事实。",
    "final_prompt": "背景原理：\n{{ step_back_answer }}\n\n请基于以上原理回答原来的问题。\n问题：{{ question }}",
    "steps_header": "请按照以下步骤输出结果：",
    "steps": [
        "要做好这件事，你需要先知道哪些前提问题",
        "这些前提问题的答案分别是什么",
        "基于这些前提问题，给出最终答案",
    ],
    "decompose_prompt": (
        "{{ question }}\n\n"
        "要回答这个问题，需要先解决哪些更简单的子问题？请按解决的顺序列出，每行一个，编号为 1. 2. 3.，先不要回答。"
    ),
    "solve_prompt": (
        "{{ question }}\n\n"
        "{% for s in solved %}"
        "子问题{{ loop.index }}：{{ s.question }}\n答案：{{ s.answer }}\n\n"
        "{% endfor %}"
        "子问题{{ index }}：{{ subquestion }}\n答案："
    ),
    "ltm_final_prompt": (
        "{{ question }}\n\n"
        "{% for s in solved %}"
        "子问题{{ loop.index }}：{{ s.question }}\n答案：{{ s.answer }}\n\n"
        "{% endfor %}"
        "请利用以上答案回答原来的问题。"
    ),
    "cove_plan_prompt": (
        "问题：{{ question }}\n\n"
        "初稿答案：\n{{ baseline }}\n\n"
        "请写出用来核实初稿中事实的验证问题：每个问题简短，只问初稿说到的一个事实，不看初稿也能回答。"
        "最多 {{ max_questions }} 个，每行一个，编号为 1. 2. 3.，先不要回答。"
    ),
    "cove_verify_prompt": "{{ verification_question }}\n请简要、如实地回答。",
    "cove_final_prompt": (
        "问题：{{ question }}\n\n"
        "初稿答案：\n{{ baseline }}\n\n"
        "{% if verifications %}分别回答的验证问题：\n"
        "{% for v in verifications %}{{ loop.index }}. {{ v.question }}\n答案：{{ v.answer }}\n{% endfor %}\n\n"
        "请改正初稿中与验证答案矛盾的内容，删去验证答案不支持的内容。"
        "{% endif %}"
        "只写出这个问题的最终答案。"
    ),
}


def wording(language: str) -> dict[str, Any]:
    """The defaults for a language code; Chinese for ``zh*``, English otherwise."""
    return _ZH if language.lower().startswith("zh") else _EN


def extraction_cue(language: str, answer_kind: str) -> str:
    table = wording(language)["extraction"]
    return table.get(answer_kind, table["default"])
