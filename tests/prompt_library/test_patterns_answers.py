"""Answer extraction: pure functions over model text."""

from __future__ import annotations

import pytest

from prompt_library import (
    answer_is,
    answer_is_zh,
    choice_letter,
    extract_answer,
    last_number,
    normalize_answer,
    true_false,
)
from prompt_library.answers import normalize_number


@pytest.mark.parametrize("text,expected", [
    ("Roger started with 5 balls. 2 cans of 3 is 6. 5 + 6 = 11.", "11"),
    ("The answer is 1,000 dollars.", "1000"),
    ("It costs $18.50 in total.", "18.5"),
    ("Temperature fell to -4 degrees.", "-4"),
    ("5-3 leaves 2", "2"),
    ("所以 84 / 12 = 7。", "7"),
    ("共 84个鸡蛋", "84"),
    ("全角数字：７", "7"),
    ("7.0", "7"),
    ("version v2 or 3rd", None),
    ("no digits here", None),
    ("", None),
])
def test_last_number(text, expected):
    assert last_number(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("A: The cafeteria had 23 apples. 23 - 20 = 3. 3 + 6 = 9. The answer is 9.", "9"),
    ("The answer is $18.", "18"),
    ("So the answer is (B).", "(B)"),
    ("Therefore, the answer (arabic numerals) is 42", "42"),
    ("Answer: Paris\nThat's all.", "Paris"),
    ("The answer is 3.5. Then more text.", "3.5"),
    ("the answer is 1. Actually, the answer is 2.", "2"),
    ("**The answer is 12.**", "12"),
    ("no final phrase here", None),
])
def test_answer_is(text, expected):
    assert answer_is(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("克莱儿一周吃 21 颗蛋……84 / 12 = 7。答案是7。", "7"),
    ("因此，答案是：北京。", "北京"),
    ("答案为 B", "B"),
    ("答案（阿拉伯数字）是 20", "20"),
    ("答案：真\n理由……", "真"),
    ("没有答案短语", None),
])
def test_answer_is_zh(text, expected):
    assert answer_is_zh(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("B", "B"), ("C.", "C"), ("(D)", "D"), ("A", "A"), ("A、查询商品", "A"), ("B：订单工具", "B"),
    ("The answer is (A).", "A"), ("Therefore, among A through D, the answer is C", "C"),
    ("答案是D", "D"), ("我选B，因为……", "B"), ("I would pick option C here.", "C"),
    ("A tool for orders would be best, so (B)", "B"),
    ("A tool that fits", None), ("none of these", None), ("E", None), ("", None),
])
def test_choice_letter(text, expected):
    assert choice_letter(text) == expected


def test_choice_letter_other_letters():
    assert choice_letter("The answer is E.", letters="ABCDE") == "E"


@pytest.mark.parametrize("text,expected", [
    ("True", "true"), ("False.", "false"), ("yes, it is prime", "true"), ("No.", "false"),
    ("Incorrect", "false"), ("真", "true"), ("假。", "false"), ("对", "true"), ("错误", "false"),
    ("正确", "true"), ("不正确", "false"), ("是的", "true"), ("不是", "false"),
    ("Let me check... The answer is yes", "true"), ("答案是假", "false"), ("maybe", None), ("", None),
])
def test_true_false(text, expected):
    assert true_false(text) == expected


@pytest.mark.parametrize("text,kind,expected", [
    ("  The answer is 9.  ", "text", "The answer is 9."),
    ("", "text", None),
    ("3 + 6 = 9 apples. The answer is 9 apples.", "number", "9"),
    ("The answer is unknown but 7 appears", "number", "7"),
    ("I think (B) fits, the answer is C.", "choice", "C"),
    ("The answer is true.", "true-false", "true"),
    ("The answer is 11.", "auto", "11"),
    ("The answer is Paris.", "auto", "Paris"),
    ("84 / 12 = 7", "auto", "7"),
    ("Bonjour tout le monde\n\nSalut.", "auto", "Salut"),
    ("克莱儿……答案是7。", "auto", "7"),
])
def test_extract_answer(text, kind, expected):
    assert extract_answer(text, kind) == expected


@pytest.mark.parametrize("answer,kind,expected", [
    ("9", "number", "9"), ("9.0", "auto", "9"), ("1,000", "auto", "1000"), ("b", "choice", "B"),
    ("  Paris. ", "text", "paris"), ("PARIS", "auto", "paris"), (None, "auto", None), ("-0.50", "auto", "-0.5"),
])
def test_normalize_answer(answer, kind, expected):
    assert normalize_answer(answer, kind) == expected


def test_normalize_number_rejects_garbage():
    assert normalize_number("abc") is None
    assert normalize_number("NaN") is None and normalize_number("Infinity") is None
    assert normalize_number("1e999999999") is None  # never expanded
    assert normalize_number("12.50") == "12.5"
