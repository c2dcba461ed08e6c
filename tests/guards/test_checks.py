"""The Check interface, results, serialization and the registry's config errors."""

from __future__ import annotations

import json

import pytest

from common.errors import GuardError
from guards.checks import (
    CHECKS,
    DEFAULT_CHECKS,
    Check,
    CheckResult,
    Span,
    build_check,
    build_checks,
    default_checks,
    run_checks,
)
from guards.checks_base import pick_non_overlapping, redact


def test_registry_names_match_classes():
    assert sorted(CHECKS) == [
        "blocked_terms", "contains", "equals", "injection", "json", "judge", "language", "length",
        "must_match", "must_not_match", "numeric", "pii", "refusal", "self_check", "selfcheckgpt", "tool_call",
    ]
    for name, cls in CHECKS.items():
        assert cls.name == name
        assert issubclass(cls, Check)


def test_result_round_trips_through_dict_and_json():
    result = CheckResult(
        "pii", "redacted", [Span(3, 8, "EMAIL", "a@b.c")], "redacted 1 EMAIL", 0.25,
        "to [EMAIL]", 1.0,
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert data == {
        "name": "pii", "verdict": "redacted",
        "spans": [{"start": 3, "end": 8, "label": "EMAIL", "text": "a@b.c"}],
        "message": "redacted 1 EMAIL", "ms": 0.25, "redacted_text": "to [EMAIL]", "score": 1.0,
    }
    assert CheckResult.from_dict(data) == result


def test_to_row_fits_the_checks_table():
    result = CheckResult("refusal", "fail", [Span(0, 3, "refusal", "我不能")], "refusal", 0.5, None, 0.8)
    row = result.to_row("01HXYZ", "output")
    assert row == {
        "run_id": "01HXYZ", "stage": "output", "name": "refusal", "verdict": "fail",
        "score": 0.8, "spans_json": '[{"start": 0, "end": 3, "label": "refusal", "text": "我不能"}]',
        "message": "refusal", "ms": 0.5,
    }


def test_to_row_rejects_unknown_stage():
    with pytest.raises(GuardError, match="unknown check stage 'middle'; known: input, output, assertion"):
        CheckResult("pii", "pass").to_row("r1", "middle")


def test_from_dict_rejects_unknown_verdict():
    with pytest.raises(GuardError, match="unknown verdict 'maybe'"):
        CheckResult.from_dict({"name": "pii", "verdict": "maybe"})


def test_passed_is_false_only_for_fail():
    assert CheckResult("x", "pass").passed
    assert CheckResult("x", "redacted").passed
    assert not CheckResult("x", "fail").passed


def test_run_measures_its_own_time_and_keeps_config():
    check = build_check("pii", mode="redact")
    result = check.run("mail a.b@example.com")
    assert result.name == "pii"
    assert result.ms > 0.0
    assert check.config == {"mode": "redact", "kinds": None, "regions": None}
    assert repr(check) == "PiiCheck(mode='redact', kinds=None, regions=None)"


def test_run_rejects_non_text():
    with pytest.raises(GuardError, match="pii: expected text \\(str\\), got bytes"):
        build_check("pii").run(b"bytes")  # type: ignore[arg-type]


def test_default_checks_are_the_config_free_ones():
    assert DEFAULT_CHECKS == ("pii", "injection", "refusal")
    assert [c.name for c in default_checks()] == list(DEFAULT_CHECKS)


def test_build_checks_from_names_and_mappings():
    checks = build_checks(["pii", {"name": "length", "max_chars": 5}])
    results = run_checks(checks, "hello world")
    assert [(r.name, r.verdict) for r in results] == [("pii", "pass"), ("length", "fail")]


def test_build_checks_rejects_a_spec_without_name():
    with pytest.raises(GuardError, match="a check is a name or a mapping with a 'name'"):
        build_checks([{"mode": "redact"}])


def test_redact_replaces_right_spans_and_skips_overlaps():
    text = "abc def ghi"
    spans = [Span(4, 7, "X", "def"), Span(0, 3, "Y", "abc"), Span(5, 9, "Z", "ef g")]
    assert redact(text, spans, lambda s: f"<{s.label}>") == "<Y> <X> ghi"


def test_pick_non_overlapping_prefers_priority_then_length():
    a, b, c = Span(0, 10, "A", "x" * 10), Span(2, 5, "B", "xxx"), Span(12, 14, "C", "xx")
    assert pick_non_overlapping([(1, a), (0, b), (5, c)]) == [b, c]
    assert pick_non_overlapping([(0, a), (0, b)]) == [a]


BAD_CONFIGS = [
    ("pi", {}, "unknown check 'pi' \\(did you mean 'pii'\\?\\); known: blocked_terms, contains, equals, "
               "injection, json, judge, language, length, must_match, must_not_match, numeric, pii, refusal, "
               "self_check"),
    ("nothing_like_it", {}, "unknown check 'nothing_like_it'; known: blocked_terms"),
    ("pii", {"mdoe": "redact"}, "pii: unknown option 'mdoe'; allowed: mode, kinds, regions"),
    ("pii", {"mode": "mask"}, "pii: mode must be one of detect, redact; got 'mask'"),
    ("pii", {"kinds": ["email", "ssn"]}, "pii: unknown kind 'ssn'; known: secret, email, iban"),
    ("pii", {"kinds": []}, "pii: kinds needs at least one non-empty string"),
    ("injection", {"threshold": 2}, "injection: threshold must be between 0.01 and 1.0; got 2"),
    ("injection", {"threshold": "high"}, "injection: threshold must be a number; got 'high'"),
    ("injection", {"decode": "yes"}, "injection: decode must be true or false; got 'yes'"),
    ("must_match", {"pattern": "(unclosed"}, "invalid regex for must_match: missing \\), unterminated subpattern"),
    ("must_not_match", {"pattern": "[a-"}, "invalid regex for must_not_match: unterminated character set"),
    ("must_match", {}, "must_match: pattern must be a non-empty string"),
    ("must_match", {"pattern": "a", "full": "yes"}, "must_match: full must be true or false"),
    ("length", {}, "length: give at least one of max_chars, min_chars, max_tokens, min_tokens"),
    ("length", {"max_tokens": 10}, "length: token limits need a count_tokens callable"),
    ("length", {"max_chars": -1}, "length: max_chars must be an integer >= 0; got -1"),
    ("length", {"min_chars": 10, "max_chars": 5}, "length: min_chars \\(10\\) > max_chars \\(5\\)"),
    ("blocked_terms", {}, "blocked_terms: give terms or topics"),
    ("blocked_terms", {"terms": ["", "  "]}, "blocked_terms: terms needs at least one non-empty string"),
    ("blocked_terms", {"terms": [1, 2]}, "blocked_terms: terms must be a list of strings"),
    ("blocked_terms", {"topics": ["guns"]}, "blocked_terms: topics must map topic names to lists of terms"),
    ("json", {"schema": {"type": "nope"}}, "invalid JSON schema at \\$.type"),
    ("json", {"schema": "{not json"}, "json: schema is not valid JSON"),
    ("json", {"schema": [1]}, "json: schema must be an object; got list"),
    ("language", {}, "language: expected must be a language code; got None"),
    ("language", {"expected": "klingon"}, "language: unknown language 'klingon'; known: en, zh, ja, ko, ru, ar"),
    ("language", {"expected": "en", "min_share": 1.5}, "language: min_share must be between 0.0 and 1.0"),
    ("refusal", {"within": -5}, "refusal: within must be an integer >= 0; got -5"),
    ("equals", {}, "equals: expected must be a string; got None"),
    ("contains", {"values": []}, "contains: values needs at least one non-empty string"),
    ("contains", {"values": ["a"], "require": "most"}, "contains: require must be one of all, any"),
    ("numeric", {"expected": "42"}, "numeric: expected must be a number; got '42'"),
    ("numeric", {"expected": float("inf")}, "numeric: expected must be finite"),
    ("numeric", {"expected": 1, "tolerance": -1}, "numeric: tolerance must be >= 0.0; got -1"),
    ("numeric", {"expected": 1, "pick": "middle"}, "numeric: pick must be one of last, first"),
]


@pytest.mark.parametrize(("name", "config", "message"), BAD_CONFIGS, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD_CONFIGS)])
def test_bad_config_raises_guard_error_at_construction(name, config, message):
    with pytest.raises(GuardError, match=f"^{message}") as info:
        build_check(name, **config)
    assert "\n" not in str(info.value)
