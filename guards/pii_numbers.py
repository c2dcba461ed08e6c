"""Numbers that identify a person, found by kept libraries; our code finds candidates and maps spans.

- phones: ``phonenumbers.PhoneNumberMatcher`` (leniency VALID) over a list of default
  regions (``PHONE_REGIONS``, configurable); numbers written with ``+`` need no region.
- cards: ``stdnum.luhn`` on 13-19 digit runs (one separator kind, ISO/IEC 7812 issuer digit).
- IBANs: ``stdnum.iban`` (country format and mod-97), spaced, dashed or run together.
- Chinese resident ids: ``stdnum.cn.ric`` (birth date and MOD 11-2) plus the province code.

The libraries are imported on first use. The cheap candidate scans run first so a text
with no long digit run costs almost nothing; the matcher only sees short windows.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

Found = Iterator[tuple[int, int, str]]  # (start, end, label)

# Where a number written without "+" may be from: North America, the UK, China, the
# largest European and Asian numbering plans, Israel, Brazil, Australia.
PHONE_REGIONS: tuple[str, ...] = ("US", "GB", "CN", "DE", "FR", "IN", "JP", "IL", "BR", "AU")
_WINDOW = 2  # characters of context given to the matcher on each side of a candidate


@lru_cache(maxsize=1)
def _phonenumbers() -> Any:
    import phonenumbers

    return phonenumbers


@lru_cache(maxsize=1)
def _stdnum() -> tuple[Any, Any, Any]:
    from stdnum import iban, luhn
    from stdnum.cn import ric

    return iban, luhn, ric


# A phone candidate: an optional "+" or "(", then 7-17 digits, one separator (with or
# without a bracket) between two digits at most; a double space or a letter ends it.
_SEP = r"(?:\)[ .\-\u00a0]?|[ .\-/\u00a0]\(?|\()?"
_PHONE_CAND = re.compile(rf"(?:[+(]|(?<![0-9]))[0-9](?:{_SEP}[0-9]){{6,16}}(?![0-9])")
# What, just before a number, says it is an identifier and not a phone.
_NOT_PHONE_BEFORE = re.compile(
    r"(?:#|\b(?:order|invoice|ref|reference|id|no|nr|ticket|tracking|serial|sku|isbn|issn|build|version|"
    r"v|port|pid|uid|timestamp|epoch)\.?|订单号?|编号|单号|序列号|版本)\s*[:：#]?\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _SERVICE_TYPES(pn: Any) -> frozenset[int]:  # noqa: N802 - a constant, built lazily
    t = pn.PhoneNumberType
    return frozenset((t.PREMIUM_RATE, t.SHARED_COST, t.UAN))


_DOTTED_QUAD = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}")


# A word that says a number is a phone number, looked for just before a bare digit run.
_PHONE_WORD = re.compile(
    r"(?:phone|tel|call|mobile|cell|number|fax|contact|whatsapp|sms|text me|reach|dial|hotline|"
    r"电话|手机|号码|联系|致电|微信|座机|热线|телефон|teléfono|téléphone|telefon|handy)",
    re.IGNORECASE,
)
_CN_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_DECIMAL = re.compile(r"[0-9]+[.,][0-9]{1,3}")  # 1699999999.5, 3.141
_DATE_OR_TIME = re.compile(r"(?:19|20)[0-9]{2}[-./][01]?[0-9][-./][0-3]?[0-9]|[0-3]?[0-9][-./][01]?[0-9][-./](?:19|20)[0-9]{2}")
MAX_PLAIN_CANDIDATES = 400  # past this many candidates a number needs "+", brackets or a phone word


def find_phones(text: str, regions: tuple[str, ...] = PHONE_REGIONS) -> Found:
    """Valid phone numbers in any of ``regions`` (or in international form).

    A bare run of digits (no ``+``, bracket or separator) counts only next to a phone
    word or in the Chinese mobile shape, so ids, timestamps and order numbers are not
    phones. In a text with more than ``MAX_PLAIN_CANDIDATES`` candidates (a table of
    numbers, not prose) the rest need ``+``, brackets or a phone word too: that bounds
    the matcher's work, keeping the scan linear.
    """
    seen_end = -1
    plain = 0
    for cand in _PHONE_CAND.finditer(text):
        if cand.start() < seen_end:
            continue
        value = cand.group()
        if _NOT_PHONE_BEFORE.search(text, max(0, cand.start() - 16), cand.start()):
            continue
        if _DATE_OR_TIME.match(value) or _DECIMAL.fullmatch(value) or text[cand.end() : cand.end() + 1] == ":":
            continue  # a date, or a number that runs into a time of day
        marked = value[0] in "+(" or ")" in value
        if not marked:
            worded = _PHONE_WORD.search(text, max(0, cand.start() - 40), cand.start()) is not None
            if value.isdigit() and not worded and not _CN_MOBILE.fullmatch(value):
                continue
            if not worded:
                plain += 1
                if plain > MAX_PLAIN_CANDIDATES:
                    continue
        lo, hi = max(0, cand.start() - _WINDOW), min(len(text), cand.end() + _WINDOW)
        best: tuple[int, int] | None = None
        for start, end in _match_window(text[lo:hi], ("ZZ",) if value.startswith("+") else regions):
            start, end = lo + start, lo + end
            if start >= cand.start() and end <= cand.end() and (best is None or end - start > best[1] - best[0]):
                best = (start, end)
        if best is not None:
            seen_end = best[1]
            yield best[0], best[1], "PHONE"


@lru_cache(maxsize=4096)
def _match_window(window: str, regions: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """The matcher's valid, personal numbers in ``window`` for the first region that has any."""
    pn = _phonenumbers()
    for region in regions:
        found = tuple(
            (m.start, m.end) for m in pn.PhoneNumberMatcher(window, region, leniency=pn.Leniency.VALID, max_tries=8)
            if sum(c.isdigit() for c in m.raw_string) >= 7 and not _DOTTED_QUAD.fullmatch(m.raw_string)
            and pn.number_type(m.number) not in _SERVICE_TYPES(pn)
        )
        if found:
            return found
    return ()


# Digit groups joined by single spaces or dashes; the run as a whole is split into cards.
_NUMBER_RUN = re.compile(r"[0-9](?<![0-9A-Za-z.,][0-9])[0-9]*(?:[ -][0-9]+)*(?![0-9A-Za-z])")
_DIGITS = re.compile(r"[0-9]+")
_IBAN_HEAD = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}[ -]$")  # the digits go on an IBAN-shaped string


# The lengths cards are issued in, by the first (ISO/IEC 7812 major industry) digit:
# 13 only old Visa, 14 Diners, 15 Amex and UATP, 16 most brands, 19 Visa/Maestro/UnionPay.
_CARD_LENGTHS: dict[int, str] = {13: "4", 14: "3", 15: "13", 16: "23456", 19: "456"}


def card_ok(digits: str) -> bool:
    """An issued length for its first digit, not one digit repeated, and ``stdnum.luhn``."""
    if digits[:1] not in _CARD_LENGTHS.get(len(digits), "") or len(set(digits)) < 2:
        return False
    return bool(_stdnum()[1].is_valid(digits))


def _grouped_like_a_card(sizes: list[int]) -> bool:
    """One block, fours (the last group shorter), or the Amex/Diners 4-6-5 and 4-6-4."""
    if len(sizes) == 1:
        return True
    if sizes in ([4, 6, 5], [4, 6, 4]):
        return True
    return all(n == 4 for n in sizes[:-1]) and 1 <= sizes[-1] <= 4


def find_cards(text: str) -> Found:
    """Card numbers: digit groups with one separator kind that are card-valid.

    A card starts where a run of digit groups starts, right after another card, or where
    the separator changes; never in the middle of a longer number.
    """
    for m in _NUMBER_RUN.finditer(text):
        run = m.group()
        if sum(c.isdigit() for c in run) < 13 or _IBAN_HEAD.search(text, max(0, m.start() - 6), m.start()):
            continue
        groups = [(g.start(), g.end()) for g in _DIGITS.finditer(run)]
        seps = [run[groups[k][1]] for k in range(len(groups) - 1)]
        i = 0
        while i < len(groups):
            best, digits = 0, ""
            for j in range(i, len(groups)):
                if j > i and seps[j - 1] != seps[i]:
                    break  # a change of separator starts another number
                digits += run[groups[j][0] : groups[j][1]]
                if len(digits) > 19:
                    break
                if card_ok(digits) and _grouped_like_a_card([e - b for b, e in groups[i : j + 1]]):
                    best = j + 1
            if best:
                yield m.start() + groups[i][0], m.start() + groups[best - 1][1], "CARD"
                i = best
            else:
                i += 1  # the next start: where the separator changes (or the last group)
                while i < len(groups) - 1 and seps[i - 1] == seps[i]:
                    i += 1


# A country code and two check digits, then up to 30 more letters and digits, spaced or dashed.
_IBAN = re.compile(r"[A-Z](?<![A-Za-z0-9][A-Z])[A-Z][ -]?[0-9]{2}(?:[ .-]?[A-Za-z0-9]){8,32}")


def find_ibans(text: str) -> Found:
    """IBANs that ``stdnum.iban`` accepts; the span ends where a letter/digit group ends."""
    iban = _stdnum()[0]
    pos = 0
    while (m := _IBAN.search(text, pos)) is not None:
        pos = m.start() + 1
        value = m.group()
        # Try each end at a group boundary, the longest first.
        ends = [i + 1 for i in range(len(value) - 1, 0, -1)
                if value[i].isalnum() and (i + 1 == len(value) or not value[i + 1].isalnum())]
        if m.end() < len(text) and text[m.end()].isalnum():
            ends = [e for e in ends if e != len(value)]
        for end in ends:
            if iban.is_valid(value[:end]):
                yield m.start(), m.start() + end, "IBAN"
                pos = m.start() + end
                break


_CN_ID = re.compile(
    r"[1-9](?<![0-9A-Za-z][1-9])[0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
    r"[0-9]{3}[0-9Xx](?![0-9A-Za-z])"
)
_CN_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83".split()
)


def cn_id_ok(value: str) -> bool:
    """An 18-character Chinese resident id: province code, real past birth date, MOD 11-2.

    The check digit and the date come from ``stdnum.cn.ric``. Its full ``is_valid`` also
    demands that the county code existed in the birth year, which rejects the many real
    ids issued where a county was created after its holder was born: not used.
    """
    ric = _stdnum()[2]
    value = value.upper()
    if len(value) != 18 or not value[:17].isdigit() or value[:2] not in _CN_PROVINCES:
        return False
    if ric.calc_check_digit(value) != value[17]:
        return False
    try:
        born = ric.get_birth_date(value)
    except Exception:  # stdnum raises its ValidationError for an impossible date
        return False
    return _dt.date(1900, 1, 1) <= born <= _dt.date.today()


def find_cn_ids(text: str) -> Found:
    for m in _CN_ID.finditer(text):
        if cn_id_ok(m.group()):
            yield m.start(), m.end(), "CN_ID"
