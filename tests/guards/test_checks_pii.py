"""PII and secrets: validators, exact spans, exact redactions, hard negatives."""

from __future__ import annotations

import datetime as dt

import pytest

from guards.checks import Span, build_check
from stdnum import iban as stdnum_iban

from guards.pii import find_pii
from guards.pii_numbers import card_ok, cn_id_ok


def at(text: str, value: str, label: str) -> Span:
    start = text.index(value)
    return Span(start, start + len(value), label, value)


def labels(text: str) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in find_pii(text)]


# --- validators --------------------------------------------------------------------------


@pytest.mark.parametrize("digits", ["4111111111111111", "5555555555554444", "378282246310005",
                                    "6011111111111117", "3530111333300000", "30569309025904",
                                    "6250941006528599", "2223003122003222", "4222222222222"])
def test_card_ok_for_known_test_cards(digits):
    assert card_ok(digits)


@pytest.mark.parametrize(("digits", "why"), [
    ("4111111111111112", "Luhn fails"),
    ("9999999999999995", "Luhn ok, issuer digit 9 is not a card"),
    ("1000000000000009", "issuer digit 1 only for 15 digits"),
    ("0000000000000000", "one repeated digit"),
    ("411111111111", "too short"),
])
def test_card_rejects(digits, why):
    assert not card_ok(digits), why


@pytest.mark.parametrize("iban", ["DE89370400440532013000", "GB82WEST12345698765432",
                                  "FR1420041010050500013M02606", "NL91ABNA0417164300",
                                  "CH9300762011623852957", "BE71096123456769"])
def test_iban_ok(iban):
    assert stdnum_iban.is_valid(iban)


@pytest.mark.parametrize("iban", ["DE89370400440532013001", "DE8937040044053201300",
                                  "ZZ89370400440532013000", "GB12ABCD123456789012"])
def test_iban_rejects_bad_checksum_length_or_country(iban):
    assert not stdnum_iban.is_valid(iban)


def test_cn_id_checksum_date_and_region():
    assert cn_id_ok("11010519491231002X")
    assert cn_id_ok("11010519491231002x")
    assert not cn_id_ok("110105194912310021")  # wrong check character
    assert not cn_id_ok("110105194902300027")  # 30 February
    assert not cn_id_ok("99010519491231002X")  # no such region
    assert not cn_id_ok("1101051949123100")  # too short
    future = (dt.date.today() + dt.timedelta(days=400)).strftime("%Y%m%d")
    body = f"110105{future}001"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2))) % 11]
    assert not cn_id_ok(body + check)  # born in the future


# --- detection: exact spans --------------------------------------------------------------


def test_email_span():
    text = "Write to maria.gonzalez@acme-corp.com today."
    assert find_pii(text) == [Span(9, 37, "EMAIL", "maria.gonzalez@acme-corp.com")]


@pytest.mark.parametrize("phone", ["+1 (415) 555-0132", "+44 20 7946 0958", "212-555-0187",
                                   "(800) 555-0199", "138 0013 8000", "+86 13800138000",
                                   "15912345678", "186-1234-5678", "010-62345678", "0755-86001234",
                                   "+8613912345678"])
def test_phone_spans(phone):
    text = f"电话 {phone}，call me."
    assert find_pii(text) == [at(text, phone, "PHONE")]


def test_card_span_ignores_a_following_year():
    text = "Amex 378282246310005 2024 and Visa 4111-1111-1111-1111."
    assert find_pii(text) == [at(text, "378282246310005", "CARD"), at(text, "4111-1111-1111-1111", "CARD")]


def test_card_with_mixed_separators_is_not_one_number():
    assert find_pii("ref 4111 1111-1111 1111") == []


def test_iban_spans_and_neighbours():
    text = "Pay DE89 3704 0044 0532 0130 00 OK, or GB82WEST12345698765432."
    assert find_pii(text) == [
        at(text, "DE89 3704 0044 0532 0130 00", "IBAN"),
        at(text, "GB82WEST12345698765432", "IBAN"),
    ]


def test_cn_id_span():
    text = "身份证号：11010519491231002X。"
    assert find_pii(text) == [Span(5, 23, "CN_ID", "11010519491231002X")]


def test_ip_spans():
    text = "hosts 10.0.12.7, 2001:db8:85a3::8a2e:370:7334 and ::1."
    assert labels(text) == [("IP", "10.0.12.7"), ("IP", "2001:db8:85a3::8a2e:370:7334"), ("IP", "::1")]


@pytest.mark.parametrize("secret", [
    "sk-proj-Xq8tdMjHV6pmbBbwilTeT3BlbkFJ3UDnpdEwNNm6wVBpYM0o",
    "AKIAIOSFODNN7EXAMPLE",
    "ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ12",
    "xoxb-123456789012-1234567890123-AbCdEfGhIjKl",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
])
def test_secret_shapes(secret):
    text = f"key: {secret} (do not share)"
    assert find_pii(text) == [at(text, secret, "SECRET")]


def test_key_value_secret_keeps_the_key_name():
    text = 'api_key = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"; password: Tr0ub4dor&3x'
    assert find_pii(text) == [
        at(text, "9f8e7d6c5b4a39281706f5e4d3c2b1a0", "SECRET"),
        at(text, "Tr0ub4dor&3x", "SECRET"),
    ]


def test_private_key_block_whole_and_truncated():
    block = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc==\n-----END RSA PRIVATE KEY-----"
    text = f"key:\n{block}\nthanks"
    assert find_pii(text) == [at(text, block, "PRIVATE_KEY")]
    cut = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n"
    assert find_pii("here " + cut) == [Span(5, 5 + len(cut), "PRIVATE_KEY", cut)]


@pytest.mark.parametrize("text", [
    "The meeting is on 2024-03-15 at 14:30 in room 301.",
    "ISBN 978-0-306-40615-7 on the cover.",
    "Version 3.11.4 and section 4.2.1.7 and v1.2.3.4",
    "Invoice 4111 1111 1111 1112 is overdue.",
    "Timestamp 1700000000123 in milliseconds.",
    "订单编号 20231108123456，请妥善保存。",
    "这个号码 110105194912310021 的校验位不对。",
    "In C++ write std::vector<int>; the ratio was 3:2:1 at 09:45:30.",
    "Set api_key to your own key; max_tokens=512; secret = \"aaaaaaaaaaaaaaaaaaaaaaaa\"",
    "Install scikit-learn; sk-this-is-not-a-real-key-at-all",
    "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----",
    "commit 3f786850e387550fdab836ed7e6dc881de23001b fixed it",
    "Her handle is @maria_g, and ssh admin@server works.",
])
def test_hard_negatives(text):
    assert find_pii(text) == []


def test_kinds_limit_what_is_found():
    text = "a@b.co and 10.0.0.1"
    assert [s.label for s in build_check("pii", kinds=["ip"]).run(text).spans] == ["IP"]
    assert [s.label for s in build_check("pii", kinds="email").run(text).spans] == ["EMAIL"]


# --- the check: verdicts and exact redactions ----------------------------------------------


def test_detect_mode_fails_with_spans_and_counts():
    text = "Name: Tom, tom@example.com, +1 202 555 0143, card 4000056655665556."
    result = build_check("pii").run(text)
    assert result.verdict == "fail"
    assert result.message == "found 1 email address, 1 phone number, 1 payment card number"
    assert result.score == 1.0
    assert result.redacted_text is None
    assert result.spans == [
        at(text, "tom@example.com", "EMAIL"), at(text, "+1 202 555 0143", "PHONE"),
        at(text, "4000056655665556", "CARD"),
    ]


def test_redact_mode_exact_output_en():
    text = "Mail tom@example.com or call +1 (415) 555-0132; card 4111 1111 1111 1111; ip 10.1.2.3."
    result = build_check("pii", mode="redact").run(text)
    assert result.verdict == "redacted"
    assert result.redacted_text == "Mail [EMAIL_1] or call [PHONE_1]; card [CARD_1]; ip [IP_1]."
    assert result.message == "redacted 1 email address, 1 phone number, 1 payment card number, 1 IP address"


def test_redact_mode_exact_output_zh():
    text = "客户王芳，手机 139 1234 5678，邮箱 wangfang@qq.com，身份证 11010519491231002X，账户 DE89370400440532013000。"
    result = build_check("pii", mode="redact").run(text)
    assert result.redacted_text == "客户王芳，手机 [PHONE_1]，邮箱 [EMAIL_1]，身份证 [CN_ID_1]，账户 [IBAN_1]。"


def test_redact_mode_secrets():
    text = ("export OPENAI_API_KEY=sk-proj-Xq8tdMjHV6pmbBbwilTeT3BlbkFJ3UDnpdEwNNm6wVBpYM0o\n"
            "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----")
    result = build_check("pii", mode="redact").run(text)
    assert result.redacted_text == "export OPENAI_API_KEY=[SECRET_1]\n[PRIVATE_KEY_1]"


def test_clean_text_passes_in_both_modes():
    for mode in ("detect", "redact"):
        result = build_check("pii", mode=mode).run("今天天气晴朗，气温 25 度。")
        assert (result.verdict, result.spans, result.redacted_text, result.score) == ("pass", [], None, 0.0)
