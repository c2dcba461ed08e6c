"""Blocked terms, length, regex, JSON, refusal, language and the evaluation assertions."""

from __future__ import annotations

import pytest

from common.errors import GuardError
from guards.checks import Span, build_check
from guards.checks_eval import find_numbers
from guards.checks_json import find_json
from guards.language import detect_language, script_units

# --- blocked terms -----------------------------------------------------------------------


def test_blocked_terms_word_boundaries_case_and_spacing():
    check = build_check("blocked_terms", terms=["bomb", "credit card"])
    text = "Bombastic? No: a BOMB, paid by credit\n card. Photobomb."
    result = check.run(text)
    assert result.verdict == "fail"
    assert result.spans == [Span(17, 21, "blocked_term", "BOMB"), Span(31, 43, "blocked_term", "credit\n card")]
    assert result.message == "blocked: 'bomb', 'credit\\n card'"


def test_blocked_terms_cjk_substring_and_latin_next_to_cjk():
    check = build_check("blocked_terms", topics={"drugs": ["毒品"], "rivals": ["Globex"]})
    text = "哪里买毒品？Globex公司呢？"
    assert check.run(text).spans == [Span(3, 5, "drugs", "毒品"), Span(6, 12, "rivals", "Globex")]
    assert check.run("我们要远离毒害健康的习惯").verdict == "pass"


def test_blocked_terms_prefers_the_longer_term():
    check = build_check("blocked_terms", terms=["card", "credit card"])
    assert [s.text for s in check.run("a credit card").spans] == ["credit card"]


def test_blocked_terms_redact_exact():
    check = build_check("blocked_terms", terms=["Acme"], mode="redact", placeholder="***")
    result = check.run("Acme is better than ACME Corp.")
    assert (result.verdict, result.redacted_text) == ("redacted", "*** is better than *** Corp.")


def test_blocked_terms_pass_message():
    result = build_check("blocked_terms", terms=["x y"]).run("xy")
    assert (result.verdict, result.message, result.spans) == ("pass", "no blocked terms", [])


# --- length ----------------------------------------------------------------------------


def test_length_chars_with_over_limit_span():
    result = build_check("length", max_chars=5).run("abcdefgh")
    assert result.verdict == "fail"
    assert result.message == "8 characters > max 5"
    assert result.spans == [Span(5, 8, "over_limit", "fgh")]
    assert build_check("length", min_chars=3).run("ab").message == "2 characters < min 3"
    assert build_check("length", min_chars=2, max_chars=2).run("中文").verdict == "pass"


def test_length_tokens_use_the_given_counter():
    words = build_check("length", max_tokens=3, min_tokens=2, count_tokens=lambda t: len(t.split()))
    assert words.run("one two three").verdict == "pass"
    assert words.run("one two three four").message == "4 tokens > max 3"
    assert words.run("one").message == "1 tokens < min 2"


def test_length_counter_failure_is_a_guard_error():
    def broken(text: str) -> int:
        raise ValueError("no tokenizer loaded")

    check = build_check("length", max_tokens=3, count_tokens=broken)
    with pytest.raises(GuardError, match="^length: count_tokens failed: no tokenizer loaded$"):
        check.run("text")


# --- regex -------------------------------------------------------------------------------


def test_must_match_search_and_full():
    assert build_check("must_match", pattern=r"\d+").run("order 66 now").spans == [Span(6, 8, "match", "66")]
    full = build_check("must_match", pattern=r"[ABCD]", full=True)
    assert full.run("  B\n").spans == [Span(2, 3, "match", "B")]
    result = full.run("B because")
    assert (result.verdict, result.message) == ("fail", "text does not match /[ABCD]/")


def test_must_match_flags():
    assert build_check("must_match", pattern="^yes$", ignore_case=True, multiline=True).run("x\nYES\n").passed
    assert build_check("must_match", pattern="a.b", dotall=True).run("a\nb").passed
    assert not build_check("must_match", pattern="a.b").run("a\nb").passed


def test_must_not_match_lists_every_match():
    result = build_check("must_not_match", pattern=r"TODO", ignore_case=True).run("todo: x; TODO: y")
    assert result.verdict == "fail"
    assert result.spans == [Span(0, 4, "match", "todo"), Span(9, 13, "match", "TODO")]
    assert result.message == "2 forbidden match(es) of /TODO/"
    assert build_check("must_not_match", pattern="x").run("abc").verdict == "pass"


# --- JSON --------------------------------------------------------------------------------

SCHEMA = {"type": "object", "required": ["name", "age"],
          "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}}}


def test_find_json_whole_fenced_and_embedded():
    assert find_json(' {"a": 1} ') == ({"a": 1}, 1, 9)
    fenced = 'Result:\n```json\n{"a": [1, 2]}\n```\nDone {"b": 2}'
    assert find_json(fenced) == ({"a": [1, 2]}, 16, 29)
    assert find_json('The answer is {"b": 2} ok') == ({"b": 2}, 14, 22)
    assert find_json("[broken {nope} ") is None


def test_json_schema_pass_and_fail_messages():
    check = build_check("json", schema=SCHEMA)
    ok = check.run('Here: ```json\n{"name": "Ada", "age": 36}\n``` bye')
    assert (ok.verdict, ok.message) == ("pass", "valid JSON, matches the schema")
    assert ok.spans == [Span(14, 40, "json", '{"name": "Ada", "age": 36}')]
    bad = check.run('{"name": "Ada", "age": -1}')
    assert bad.message == "JSON does not match the schema at $.age: -1 is less than the minimum of 0"
    missing = check.run('{"name": "Ada"}')
    assert missing.message == "JSON does not match the schema at $: 'age' is a required property"


def test_json_schema_given_as_a_string():
    check = build_check("json", schema='{"type": "array", "items": {"type": "integer"}}')
    assert check.run("[1, 2]").passed
    assert check.run('[1, "x"]').message == "JSON does not match the schema at $[1]: 'x' is not of type 'integer'"


def test_json_without_schema():
    check = build_check("json")
    assert check.run("{'python': 'dict'}").message == "no valid JSON found in the text"
    assert check.run('Result: {"ok": tru}').verdict == "fail"
    assert check.run('```\n{"ok": true}\n```').message == "valid JSON"


# --- refusal -----------------------------------------------------------------------------


def test_refusal_en_exact_spans_and_score():
    text = "I'm sorry, but I can't help with that."
    result = build_check("refusal").run(text)
    assert result.verdict == "fail"
    assert result.spans == [Span(0, 22, "refusal", "I'm sorry, but I can't"), Span(15, 27, "refusal", "I can't help")]
    assert result.score == 1.0


def test_refusal_zh():
    result = build_check("refusal").run("作为一个AI语言模型，我不能提供这类信息。")
    assert result.spans == [Span(0, 6, "refusal", "作为一个AI"), Span(11, 16, "refusal", "我不能提供")]
    assert result.score == 0.9


@pytest.mark.parametrize("text", [
    "I can't recommend this book enough.", "You can't divide by zero.", "我不能确定，但大约是 42。",
    "很抱歉让您久等了，以下是报告。", "作为一个程序员，我每天写代码。", "As an engineer, I'd pick PostgreSQL.",
])
def test_refusal_hard_negatives(text):
    result = build_check("refusal").run(text)
    assert (result.verdict, result.spans) == ("pass", [])


def test_refusal_within_and_threshold():
    text = "Here is the plan. " * 20 + "As an AI, I note a caveat."
    assert build_check("refusal").run(text).verdict == "fail"
    assert build_check("refusal", within=100).run(text).verdict == "pass"
    weak = build_check("refusal", threshold=0.7).run("As an AI, I think so.")
    assert (weak.verdict, weak.score) == ("pass", 0.6)


# --- language ----------------------------------------------------------------------------


def test_script_units_ignore_code_and_urls():
    text = "示例：\n```python\nprint('hello world from code')\n```\n见 https://example.com/docs 文档。"
    assert script_units(text)["zh"] == 5
    assert script_units(text)["en"] == 0


@pytest.mark.parametrize(("text", "lang"), [
    ("The capital of France is Paris.", "en"), ("法国的首都是巴黎。", "zh"),
    ("東京は日本の首都です。", "ja"), ("서울은 한국의 수도입니다.", "ko"),
    ("Москва — столица России.", "ru"), ("用 Python 的 pandas 库读取 CSV 文件。", "zh"),
])
def test_detect_language(text, lang):
    assert detect_language(text)[0] == lang


def test_detect_language_without_letters():
    assert detect_language("42 + 7 = 49") == (None, 0.0)


def test_language_check_verdicts_and_messages():
    zh = build_check("language", expected="zh-CN")
    assert zh.run("法国的首都是巴黎。").message == "zh (100% of text)"
    result = zh.run("The capital of France is Paris.")
    assert (result.verdict, result.score) == ("fail", 0.0)
    assert result.message == "expected zh but text is mostly en (zh 0%, en 100%)"
    assert zh.run("答案：42").message == "too little text to tell the language (2 units)"


# --- evaluation assertions -----------------------------------------------------------------


def test_equals():
    assert build_check("equals", expected="Paris").run("  Paris\n").verdict == "pass"
    assert build_check("equals", expected="Paris").run("paris").message == "expected 'Paris', got 'paris'"
    assert build_check("equals", expected="Paris", ignore_case=True).run("PARIS").passed
    assert build_check("equals", expected="a  b").run("a b").passed
    assert not build_check("equals", expected="a  b", normalize_whitespace=False).run("a b").passed


def test_contains_all_and_any():
    check = build_check("contains", values=["B", "second law"])
    result = check.run("The answer is B, by the second law.")
    assert result.spans == [Span(14, 15, "found", "B"), Span(24, 34, "found", "second law")]
    assert (result.verdict, result.score) == ("pass", 1.0)
    missing = check.run("The answer is B.")
    assert (missing.verdict, missing.message, missing.score) == ("fail", "missing 'second law'", 0.5)
    anyone = build_check("contains", values=["red", "green"], ignore_case=True, require="any")
    assert anyone.run("RED it is").passed


def test_find_numbers():
    assert find_numbers("a 1,234.5 b -3 c 1e3 d .5 e v2 f ５") == [
        (1234.5, 2, 9), (-3.0, 12, 14), (1000.0, 17, 20), (0.5, 23, 25), (5.0, 33, 34),
    ]
    assert [n[0] for n in find_numbers("pages 2-3, 答案是42。")] == [2.0, 3.0, 42.0]


def test_numeric_last_first_and_tolerance():
    result = build_check("numeric", expected=42).run("6 x 7 is 42.")
    assert result.spans == [Span(9, 11, "number", "42")]
    assert result.message == "found 42 (expected 42)"
    assert build_check("numeric", expected=42).run("40 + 2 = 43").message == "found 43, expected 42 ± 0"
    assert build_check("numeric", expected=6, pick="first").run("6 x 7 is 42.").passed
    assert build_check("numeric", expected=3.14159, tolerance=0.001).run("about 3.1416").passed
    assert build_check("numeric", expected=100, rel_tolerance=0.05).run("105 apples").passed
    assert not build_check("numeric", expected=100, rel_tolerance=0.04).run("105 apples").passed
    assert build_check("numeric", expected=7).run("no idea").message == "no number found (expected 7)"
