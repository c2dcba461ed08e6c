"""PII and secrets: detect (fail with spans) or redact (replace with ``[LABEL]``).

Kinds: e-mail, phone (E.164-ish, Chinese mobile and landline, NANP with separators),
payment card (Luhn-valid, known brand prefix), IBAN (known country length, mod-97),
Chinese resident ID (region, birth date, ISO 7064 MOD 11-2), IPv4/IPv6, and secrets
(API keys of known shapes, high-entropy ``key=value``, private key blocks).
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from common.errors import GuardError
from common.i18n import _
from guards.checks_base import (
    MODES,
    Check,
    CheckResult,
    Span,
    pick_non_overlapping,
    redact,
    want_choice,
    want_strings,
)

Found = Iterator[tuple[int, int, str]]  # (start, end, label)

# --- validators ---------------------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    """True if the digit string passes the Luhn checksum."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


# (prefix regex, allowed lengths) per card brand
_CARD_BRANDS: tuple[tuple[re.Pattern[str], frozenset[int]], ...] = tuple(
    (re.compile(prefix), frozenset(lengths))
    for prefix, lengths in (
        (r"4", (13, 16, 19)),  # Visa
        (r"5[1-5]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)", (16,)),  # Mastercard
        (r"3[47]", (15,)),  # American Express
        (r"30[0-5]|3[689]", (14, 15, 16, 17, 18, 19)),  # Diners Club
        (r"6011|64[4-9]|65", (16, 17, 18, 19)),  # Discover
        (r"35(?:2[89]|[3-8]\d)", (16, 17, 18, 19)),  # JCB
        (r"62|81", (16, 17, 18, 19)),  # UnionPay
    )
)


def card_ok(digits: str) -> bool:
    """Luhn-valid, a known brand prefix and length, not one repeated digit."""
    return (
        any(rx.match(digits) and len(digits) in lengths for rx, lengths in _CARD_BRANDS)
        and len(set(digits)) > 1
        and luhn_ok(digits)
    )


IBAN_LENGTHS: dict[str, int] = dict(
    AD=24, AE=23, AL=28, AT=20, AZ=28, BA=20, BE=16, BG=22, BH=22, BR=29, CH=21, CR=22,
    CY=28, CZ=24, DE=22, DK=18, DO=28, EE=20, ES=24, FI=18, FO=18, FR=27, GB=22, GE=22,
    GI=23, GL=18, GR=27, GT=28, HR=21, HU=28, IE=22, IL=23, IS=26, IT=27, JO=30, KW=30,
    KZ=20, LB=28, LI=21, LT=20, LU=20, LV=21, MC=27, MD=24, ME=22, MK=19, MR=27, MT=31,
    MU=30, NL=18, NO=15, PK=24, PL=28, PS=29, PT=25, QA=29, RO=24, RS=22, SA=24, SE=24,
    SI=19, SK=24, SM=27, TN=24, TR=26, UA=29, VG=24, XK=20,
)


def iban_ok(iban: str) -> bool:
    """Known country, the right length for it, and mod-97 == 1."""
    if IBAN_LENGTHS.get(iban[:2]) != len(iban) or not iban[2:4].isdigit():
        return False
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_REGIONS = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83".split()
)


def cn_id_ok(value: str, today: _dt.date | None = None) -> bool:
    """An 18-character Chinese resident ID: region, real past birth date, MOD 11-2."""
    if len(value) != 18 or not value[:17].isdigit() or value[:2] not in _ID_REGIONS:
        return False
    try:
        born = _dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if not (_dt.date(1900, 1, 1) <= born <= (today or _dt.date.today())):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == value[17].upper()


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values()) if n else 0.0


# --- finders: each yields (start, end, label) ----------------------------------------------

# Most scanning patterns start with a character class and check what precedes the match
# with a lookbehind placed after that first character: Python's re then skips ahead fast.
_EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)
_PHONES = tuple(
    re.compile(p)
    for p in (
        r"1(?<![0-9+]1)[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])",  # CN mobile
        r"0(?<![0-9-]0)[1-9][0-9]{1,2}-[2-9][0-9]{2,3}[ -]?[0-9]{4}(?![0-9-])",  # CN landline 010-1234 5678
        r"\((?<![0-9-]\()0[1-9][0-9]{1,2}\)\s?[2-9][0-9]{6,7}(?![0-9-])",  # CN landline (010)12345678
        r"0(?<![0-9-]0)7[0-9]{3} ?[0-9]{6}(?![0-9-])",  # UK mobile 07700 900123
        r"[2-9](?<![\w.-][2-9])[0-9]{2}[-. ][2-9][0-9]{2}[-. ][0-9]{4}(?![\w-]|\.[0-9])",  # NANP
        r"\((?<![\w.-]\()[2-9][0-9]{2}\)\s?[2-9][0-9]{2}[-. ][0-9]{4}(?![\w-]|\.[0-9])",  # NANP (212)
    )
)
_PHONE_INTL = re.compile(r"\+(?<![\w+]\+)[1-9][0-9]{0,2}(?:[ .-]?(?:\([0-9]{1,4}\)|[0-9]{2,5})){1,5}(?![0-9])")
_NUMBER_RUN = re.compile(r"[0-9](?<![0-9.,-][0-9])[0-9]*(?:[ -][0-9]+)*(?![0-9])")
_IBAN = re.compile(r"[A-Z](?<![A-Za-z0-9][A-Z])[A-Z][0-9]{2}(?: ?[A-Z0-9]){11,40}")
_CN_ID = re.compile(
    r"[1-9](?<![0-9A-Za-z][1-9])[0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
    r"[0-9]{3}[0-9Xx](?![0-9A-Za-z])"
)
_IPV4 = re.compile(r"[0-9](?<![\w.][0-9])[0-9]{0,2}(?:\.[0-9]{1,3}){3}(?![\w]|\.[0-9])")
_IPV6 = re.compile(r"[0-9A-Fa-f:](?<![\w:.][0-9A-Fa-f:])[0-9A-Fa-f]{0,3}:[0-9A-Fa-f:.]{1,42}(?![\w:])")
_SECRET_SHAPES = re.compile(
    r"(?<![\w-])(?:"
    r"sk-(?:proj-|ant-(?:api\d\d-)?|svcacct-)?[A-Za-z0-9_-]{20,}"
    r"|(?:AKIA|ASIA)[0-9A-Z]{16}"
    r"|gh[pousr]_[A-Za-z0-9]{36,}"
    r"|github_pat_[A-Za-z0-9_]{22,}"
    r"|xox[abposr]-[A-Za-z0-9-]{10,}"
    r"|AIza[0-9A-Za-z_-]{35}"
    r"|(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}"
    r"|hf_[A-Za-z0-9]{30,}"
    r"|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"
    r")(?![\w-])"
)
_ASSIGN = re.compile(r"[:=]>?\s*[\"']?([A-Za-z0-9_\-+/=.~!@#$%^&*]{8,})")
_KEY_NAME = re.compile(
    r"(?i)(?<![A-Za-z0-9])((?:[a-z0-9]+[_-])*(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd"
    r"|access[_-]?key|auth|credentials?|private[_-]?key)(?:[_-][a-z0-9]+)*)[\"']?\s*$"
)
_PRIVATE_KEY = re.compile(
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
    r"(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s:,.-]*)"
)


def find_emails(text: str) -> Found:
    if "@" not in text:
        return
    for m in _EMAIL.finditer(text):
        yield m.start(), m.end(), "EMAIL"


def find_phones(text: str) -> Found:
    for m in _PHONE_INTL.finditer(text) if "+" in text else ():
        if 8 <= sum(c.isdigit() for c in m.group()) <= 15:
            yield m.start(), m.end(), "PHONE"
    for rx in _PHONES:
        for m in rx.finditer(text):
            yield m.start(), m.end(), "PHONE"


def find_cards(text: str) -> Found:
    """Card numbers: runs of digit groups (one separator kind) that are card-valid."""
    for m in _NUMBER_RUN.finditer(text):
        run = m.group()
        if len(run) < 13:
            continue
        groups = [(g.start(), g.end()) for g in re.finditer(r"\d+", run)]
        if len({run[e] for _, e in groups[:-1]}) > 1:
            continue  # mixed separators: not one number
        i = 0
        while i < len(groups):
            best, digits = 0, ""
            for j in range(i, len(groups)):
                digits += run[groups[j][0] : groups[j][1]]
                if len(digits) > 19:
                    break
                if len(digits) >= 13 and card_ok(digits):
                    best = j + 1
            if best:
                yield m.start() + groups[i][0], m.start() + groups[best - 1][1], "CARD"
                i = best
            else:
                i += 1


def find_ibans(text: str) -> Found:
    pos = 0
    while (m := _IBAN.search(text, pos)) is not None:
        pos = m.start() + 1
        want = IBAN_LENGTHS.get(m.group()[:2])
        if want is None:
            continue
        chars, end = [], m.start()
        for i in range(m.start(), m.end()):
            if text[i] != " ":
                chars.append(text[i])
                end = i + 1
                if len(chars) == want:
                    break
        if len(chars) == want and not text[end : end + 1].isalnum() and iban_ok("".join(chars)):
            yield m.start(), end, "IBAN"
            pos = end


def find_cn_ids(text: str) -> Found:
    for m in _CN_ID.finditer(text):
        if cn_id_ok(m.group()):
            yield m.start(), m.end(), "CN_ID"


_NOT_IP_BEFORE = re.compile(
    r"(?:version|ver\.?|v|section|sec\.?|chapter|ch\.?|§|clause|rule|step|item|release|build"
    r"|版本|章节|第)\s*$",
    re.IGNORECASE,
)


def find_ips(text: str) -> Found:
    for m in _IPV4.finditer(text):
        if all(len(p) == 1 or (p[0] != "0" and int(p) < 256) for p in m.group().split(".")):
            if not _NOT_IP_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                yield m.start(), m.end(), "IP"
    for m in _IPV6.finditer(text) if ":" in text else ():
        value = m.group().rstrip(".")  # a full stop ends the sentence, not the address
        if value.count(":") < 2 or (not any(c.isdigit() for c in value) and value.count(":") < 4):
            continue
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            continue
        yield m.start(), m.start() + len(value), "IP"


_SHAPE_TRIGGERS = ("sk-", "akia", "asia", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat", "xox", "aiza", "sk_", "rk_", "hf_", "eyj")
_KEY_TRIGGERS = ("key", "secret", "token", "passw", "pwd", "auth", "credential")


def find_secrets(text: str) -> Found:
    lowered = text.lower()
    if "-----BEGIN" in text:
        for m in _PRIVATE_KEY.finditer(text):
            yield m.start(), m.end(), "PRIVATE_KEY"
    shapes = _SECRET_SHAPES.finditer(text) if any(t in lowered for t in _SHAPE_TRIGGERS) else ()
    for m in shapes:
        value = m.group()
        if any(c.isdigit() for c in value) and entropy(value) >= 3.0:
            yield m.start(), m.end(), "SECRET"
    if not any(t in lowered for t in _KEY_TRIGGERS):
        return
    for m in _ASSIGN.finditer(text):
        key = _KEY_NAME.search(text, max(0, m.start() - 64), m.start())
        if key is None:
            continue
        value = m.group(1).rstrip(".")
        short = any(w in key.group(1).lower() for w in ("pass", "pwd"))
        if len(value) >= (8 if short else 16) and entropy(value) >= (2.5 if short else 3.0):
            if short or not value.isalpha():
                yield m.start(1), m.start(1) + len(value), "SECRET"


# name -> (finder, priority: lower wins an overlap)
FINDERS: dict[str, tuple[Callable[[str], Found], int]] = {
    "secret": (find_secrets, 0),
    "email": (find_emails, 1),
    "iban": (find_ibans, 2),
    "cn_id": (find_cn_ids, 3),
    "card": (find_cards, 4),
    "ip": (find_ips, 5),
    "phone": (find_phones, 6),
}
PII_KINDS: tuple[str, ...] = tuple(FINDERS)


def find_pii(text: str, kinds: tuple[str, ...] = PII_KINDS) -> list[Span]:
    """All PII spans in ``text``, non-overlapping, in text order."""
    candidates = []
    for kind in kinds:
        finder, priority = FINDERS[kind]
        for start, end, label in finder(text):
            candidates.append((priority, Span(start, end, label, text[start:end])))
    return pick_non_overlapping(candidates)


class PiiCheck(Check):
    """Finds PII and secrets; ``mode="detect"`` fails, ``mode="redact"`` replaces them."""

    name = "pii"

    def __init__(self, *, mode: str = "detect", kinds: Any = None) -> None:
        super().__init__(mode=mode, kinds=kinds)
        self.mode = want_choice(self.name, "mode", mode, MODES)
        if kinds is None:
            self.kinds = PII_KINDS
        else:
            chosen = want_strings(self.name, "kinds", kinds)
            unknown = [k for k in chosen if k not in FINDERS]
            if unknown:
                raise GuardError(
                    f"pii: unknown kind {unknown[0]!r}; known: {', '.join(PII_KINDS)}"
                )
            self.kinds = tuple(k for k in PII_KINDS if k in chosen)

    def _check(self, text: str) -> CheckResult:
        spans = find_pii(text, self.kinds)
        if not spans:
            return self.result("pass", _("no PII found"), score=0.0)
        counts = Counter(s.label for s in spans)
        what = ", ".join(f"{n} {label}" for label, n in counts.items())
        if self.mode == "redact":
            redacted = redact(text, spans, lambda s: f"[{s.label}]")
            return self.result(
                "redacted", _("redacted {what}").format(what=what), spans, score=1.0, redacted_text=redacted
            )
        return self.result("fail", _("found {what}").format(what=what), spans, score=1.0)
