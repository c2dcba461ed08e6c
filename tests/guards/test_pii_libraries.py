"""PII through the kept libraries: regions, Chinese formats, numbered redaction, re-scan, bad input."""

from __future__ import annotations

import time

import pytest

from common.errors import GuardError
from guards.checks import build_check
from guards.pii import PII_KINDS, Placeholders, find_pii
from guards.policy import Policy


def kinds(text: str, **config) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in build_check("pii", **config).run(text).spans]


@pytest.mark.parametrize("phone", ["13812345678", "139 1234 5678", "010-62345678", "0755-8888 6666", "(010)12345678",
                                   "+86 138 1234 5678"])
def test_chinese_mobile_and_landline_formats(phone):
    text = f"我的电话是{phone}，请联系。"
    assert kinds(text, kinds=["phone"]) == [("PHONE", phone)]


def test_regions_decide_what_a_national_number_is():
    text = "My Israeli number is 09-7625400"
    assert kinds(text, kinds=["phone"]) == [("PHONE", "09-7625400")]
    assert kinds(text, kinds=["phone"], regions=["US"]) == []
    assert kinds("Call +972 9 762 5400 now", kinds=["phone"], regions=["US"]) == [("PHONE", "+972 9 762 5400")]


@pytest.mark.parametrize(("regions", "message"), [
    (["USA"], "a region is two letters"), (["QQ"], "phonenumbers knows no region 'QQ'"), (5, "list of strings"),
])
def test_bad_regions_are_configuration_errors(regions, message):
    with pytest.raises(GuardError, match=message):
        build_check("pii", regions=regions)


def test_every_kind_is_selectable_alone():
    text = ("mail a@b.co, ip 10.0.0.1, card 4111 1111 1111 1111, IBAN DE89370400440532013000, id 11010519491231002X, "
            "call 415-555-0132, token 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")
    seen = {}
    for kind in PII_KINDS:
        spans = build_check("pii", kinds=[kind]).run(text).spans
        assert spans, kind
        seen[kind] = {s.label for s in spans}
    assert seen == {"secret": {"SECRET"}, "email": {"EMAIL"}, "iban": {"IBAN"}, "cn_id": {"CN_ID"},
                    "card": {"CARD"}, "ip": {"IP"}, "phone": {"PHONE"}}


def test_same_value_same_placeholder_and_rescan_is_clean():
    text = "Call 415-555-0132 or mail bob@example.com; again: 415-555-0132, or ann@example.com."
    check = build_check("pii", mode="redact")
    result = check.run(text)
    assert result.redacted_text == "Call [PHONE_1] or mail [EMAIL_1]; again: [PHONE_1], or [EMAIL_2]."
    assert check.run(result.redacted_text).verdict == "pass"
    assert find_pii(result.redacted_text) == []


def test_overlapping_finds_are_merged_so_nothing_detected_stays_readable():
    text = "https://admin:Sup3rS3cretPassw0rd@db.example.com/x"
    result = build_check("pii", mode="redact").run(text)
    for span in build_check("pii").run(text).spans:
        assert span.text not in result.redacted_text
    assert "Sup3rS3cretPassw0rd" not in result.redacted_text


def test_one_table_per_run_numbers_input_and_output_alike():
    policy = Policy.from_dict({"input": [{"check": "pii", "on_fail": "redact"}],
                               "output": [{"check": "pii", "on_fail": "redact"}]})
    sent = policy.check_input("Write to bob@example.com and ann@example.com")
    shown = policy.check_output("I wrote to ann@example.com.")
    assert sent.text == "Write to [EMAIL_1] and [EMAIL_2]"
    assert shown.text == "I wrote to [EMAIL_2]."
    assert policy.placeholders.table() == {"[EMAIL_1]": "bob@example.com", "[EMAIL_2]": "ann@example.com"}
    assert Placeholders()(sent.results[0].spans[0]) == "[EMAIL_1]"


# --- bad input -------------------------------------------------------------------------------

DIGIT_HEAVY = [
    "Order #4155552671 shipped on 2024-03-15 at 14:30:05; invoice 20240315001.",
    "timestamps 1700000000 1700000000123 1699999999.5 and 2024-01-02T03:04:05Z",
    "订单号 4155552671，下单时间 2024-03-15 14:30，编号 20231108123456。",
    "build 3.11.4 released 2023-06-06; ticket 123456789; version 10.0.19045.3803",
    "ISBN 978-0-306-40615-7 and EAN 4006381333931 and serial 0123456789012",
]


@pytest.mark.parametrize("text", DIGIT_HEAVY)
def test_order_numbers_dates_and_timestamps_are_not_phones_or_cards(text):
    assert [s.label for s in find_pii(text) if s.label in ("PHONE", "CARD")] == []


def test_empty_and_whitespace_pass():
    for text in ("", " ", "\n\t"):
        assert build_check("pii").run(text).verdict == "pass"


def test_invalid_utf8_and_binary_decoded_text_is_checked_without_error():
    raw = bytes(range(256)) * 8 + b"\xff\xfe mail bob@example.com \xc3\x28"
    for text in (raw.decode("utf-8", errors="replace"), raw.decode("utf-8", errors="surrogateescape")):
        result = build_check("pii", mode="redact").run(text)
        assert "bob@example.com" not in result.redacted_text


def test_not_text_is_one_guard_error():
    with pytest.raises(GuardError, match="pii: expected text \\(str\\), got bytes"):
        build_check("pii").run(b"bob@example.com")


def test_base64_blob_is_not_a_phone_or_card():
    import base64

    blob = base64.b64encode(bytes(range(256)) * 40).decode()
    assert [s.label for s in find_pii(f"data: {blob}") if s.label in ("PHONE", "CARD", "IBAN")] == []


def test_zero_width_and_fullwidth_do_not_hide_pii():
    text = "电话 １３８\u200b1234\u200b5678，mail bo\u200bb@example.com"
    result = build_check("pii", mode="redact").run(text)
    assert result.redacted_text == "电话 [PHONE_1]，mail [EMAIL_1]"


def test_mixed_scripts():
    text = "Клиент Иван, 电话 13812345678, E-Mail ivan@example.ru, عنوان IP 192.168.0.7"
    assert [s.label for s in find_pii(text)] == ["PHONE", "EMAIL", "IP"]


def test_long_text_is_bounded_and_about_linear():  # 1 MB is measured in benchmarks/bench_checks.py
    unit = "Order 12 shipped 2024-03-15. Mail ops@example.com, call 415-555-0132, 42 boxes. "
    small, big = unit * (20_000 // len(unit)), unit * (200_000 // len(unit))
    check = build_check("pii", mode="redact")
    t0 = time.perf_counter()
    check.run(small)
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = check.run(big)
    t_big = time.perf_counter() - t0
    assert "ops@example.com" not in result.redacted_text and "415-555-0132" not in result.redacted_text
    assert t_big < 10 and t_big < 20 * max(t_small, 0.05)
