"""PII and secrets: detect (fail with spans) or redact (replace with typed, numbered placeholders).

Kinds, each selectable (``kinds=[...]``), each from a kept library where one exists:

- ``secret``: detect-secrets plugins (:mod:`guards.pii_secrets`);
- ``email``; ``ip`` (IPv4, IPv6 checked by :mod:`ipaddress`);
- ``phone``: phonenumbers' PhoneNumberMatcher over ``regions`` (default
  :data:`guards.pii_numbers.PHONE_REGIONS`, Chinese mobile and landline included);
- ``card``, ``iban``, ``cn_id``: python-stdnum checksums (:mod:`guards.pii_numbers`).

Redaction replaces every detected span (overlapping finds are merged into one) by
``[LABEL_n]``; the same value gets the same number throughout a text, or throughout a
run when the caller passes one :class:`Placeholders` table to every redaction.
"""

from __future__ import annotations

import ipaddress
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
    want_choice,
    want_strings,
)
from guards.fold import normalize
from guards.pii_numbers import PHONE_REGIONS, find_cards, find_cn_ids, find_ibans, find_phones
from guards.pii_secrets import find_secrets

Found = Iterator[tuple[int, int, str]]  # (start, end, label)

# --- finders: each yields (start, end, label) ----------------------------------------------

# Most scanning patterns start with a character class and check what precedes the match
# with a lookbehind placed after that first character: Python's re then skips ahead fast.
_EMAIL = re.compile(
    r"[A-Za-z0-9](?<![\w.%+-][A-Za-z0-9])[A-Za-z0-9._%+-]{0,63}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{2,59})(?![A-Za-z0-9-])"
)


def find_emails(text: str) -> Found:
    if "@" not in text:
        return
    for m in _EMAIL.finditer(text):
        yield m.start(), m.end(), "EMAIL"


_IPV4 = re.compile(r"[0-9](?<![\w.][0-9])[0-9]{0,2}(?:\.[0-9]{1,3}){3}(?![\w]|\.[0-9])")
_IPV6 = re.compile(r"[0-9A-Fa-f:](?<![\w:.][0-9A-Fa-f:])[0-9A-Fa-f]{0,3}:[0-9A-Fa-f:.]{1,42}(?![\w:])")
_NOT_IP_BEFORE = re.compile(
    r"(?:version|ver\.?|v|section|sec\.?|chapter|ch\.?|§|clause|rule|step|item|release|build"
    r"|版本|章节|第)\s*$",
    re.IGNORECASE,
)


_ZONE = re.compile(r"%[A-Za-z0-9_.-]{1,16}(?![A-Za-z0-9_-])")
_PREFIX = re.compile(r"/([0-9]{1,3})(?![0-9A-Za-z])")


def _suffix_end(text: str, end: int, bits: int) -> int:
    """Where an address ends once a CIDR prefix length (``/24``) that fits is included."""
    m = _PREFIX.match(text, end)
    return m.end() if m and int(m.group(1)) <= bits else end


def find_ips(text: str) -> Found:
    for m in _IPV4.finditer(text):
        if all(len(p) == 1 or (p[0] != "0" and int(p) < 256) for p in m.group().split(".")):
            if not _NOT_IP_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                yield m.start(), _suffix_end(text, m.end(), 32), "IP"
    for m in _IPV6.finditer(text) if ":" in text else ():
        value = m.group().rstrip(".")  # a full stop ends the sentence, not the address
        if value.count(":") < 2 or (not any(c.isdigit() for c in value) and value.count(":") < 4):
            continue
        end = m.start() + len(value)
        zone = _ZONE.match(text, end)
        if zone:
            end = zone.end()
        try:
            ipaddress.IPv6Address(text[m.start() : end])
        except ValueError:
            continue
        yield m.start(), _suffix_end(text, end, 128), "IP"


# name -> (finder, priority: lower wins an overlap when detecting)
FINDERS: dict[str, tuple[Callable[..., Found], int]] = {
    "secret": (find_secrets, 0),
    "email": (find_emails, 1),
    "iban": (find_ibans, 2),
    "cn_id": (find_cn_ids, 3),
    "card": (find_cards, 4),
    "ip": (find_ips, 5),
    "phone": (find_phones, 6),
}
PII_KINDS: tuple[str, ...] = tuple(FINDERS)

# How a message counts each label: one and many, marked so the window translates them
# (a ``:d`` field matches digits only, so "found 2 email addresses" translates piece by piece)
COUNTED: dict[str, tuple[str, str]] = {
    "EMAIL": (_("{n:d} email address"), _("{n:d} email addresses")),
    "PHONE": (_("{n:d} phone number"), _("{n:d} phone numbers")),
    "CARD": (_("{n:d} payment card number"), _("{n:d} payment card numbers")),
    "IBAN": (_("{n:d} IBAN"), _("{n:d} IBANs")),
    "CN_ID": (_("{n:d} Chinese ID number"), _("{n:d} Chinese ID numbers")),
    "IP": (_("{n:d} IP address"), _("{n:d} IP addresses")),
    "SECRET": (_("{n:d} secret"), _("{n:d} secrets")),
    "PRIVATE_KEY": (_("{n:d} private key"), _("{n:d} private keys")),
}


def counted(spans: list[Span]) -> str:
    """"2 email addresses, 1 phone number": each label's count, in the order first found."""
    counts = Counter(s.label for s in spans)
    parts = []
    for label, n in counts.items():
        one, many = COUNTED.get(label, ("{n:d} " + label, "{n:d} " + label))
        parts.append((one if n == 1 else many).format(n=n))
    return ", ".join(parts)


def _candidates(text: str, kinds: tuple[str, ...], regions: tuple[str, ...]) -> list[tuple[int, Span]]:
    """Every find of every kind, as (priority, span); spans point into ``text``.

    The finders see the text with fullwidth forms folded and zero-width characters
    dropped (``１３８\u200b1234…`` is still a phone number); spans are mapped back.
    """
    folded, where = normalize(text)
    out = []
    for kind in kinds:
        finder, priority = FINDERS[kind]
        found = finder(folded, regions) if kind == "phone" else finder(folded)
        for start, end, label in found:
            if where is not None:
                start, end = where[start], where[end - 1] + 1
            out.append((priority, Span(start, end, label, text[start:end])))
    return out


def find_pii(text: str, kinds: tuple[str, ...] = PII_KINDS, regions: tuple[str, ...] = PHONE_REGIONS) -> list[Span]:
    """All PII spans in ``text``, non-overlapping, in text order."""
    return pick_non_overlapping(_candidates(text, kinds, regions))


def merge_spans(text: str, candidates: list[tuple[int, Span]]) -> list[Span]:
    """Overlapping finds merged into one span each, labelled by the strongest kind among them."""
    merged: list[tuple[int, int, int, str]] = []  # start, end, priority, label
    for priority, s in sorted(candidates, key=lambda c: (c[1].start, c[1].end)):
        if merged and s.start < merged[-1][1]:
            start, end, p, label = merged[-1]
            if priority < p:
                p, label = priority, s.label
            merged[-1] = (start, max(end, s.end), p, label)
        else:
            merged.append((s.start, s.end, priority, s.label))
    return [Span(a, b, label, text[a:b]) for a, b, _, label in merged]


class Placeholders:
    """Typed, numbered placeholders: the same value always gets the same ``[LABEL_n]``."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], str] = {}
        self._count: Counter[str] = Counter()

    def __call__(self, span: Span) -> str:
        key = (span.label, span.text)
        if key not in self._seen:
            self._count[span.label] += 1
            self._seen[key] = f"[{span.label}_{self._count[span.label]}]"
        return self._seen[key]

    def table(self) -> dict[str, str]:
        """placeholder -> original value (for a person who may see the originals)."""
        return {ph: value for (_, value), ph in self._seen.items()}


def redact_pii(text: str, spans: list[Span], placeholders: Placeholders | None = None) -> str:
    """``text`` with every span (non-overlapping, as from :func:`merge_spans`) replaced."""
    name = placeholders or Placeholders()
    out, pos = [], 0
    for s in sorted(spans, key=lambda s: s.start):
        out.append(text[pos : s.start])
        out.append(name(s))
        pos = s.end
    out.append(text[pos:])
    return "".join(out)


class PiiCheck(Check):
    """Finds PII and secrets; ``mode="detect"`` fails, ``mode="redact"`` replaces them.

    Options: ``mode`` (detect | redact), ``kinds`` (a subset of :data:`PII_KINDS`),
    ``regions`` (two-letter regions for phone numbers written without ``+``).
    """

    name = "pii"

    def __init__(self, *, mode: str = "detect", kinds: Any = None, regions: Any = None) -> None:
        super().__init__(mode=mode, kinds=kinds, regions=regions)
        self.mode = want_choice(self.name, "mode", mode, MODES)
        if kinds is None:
            self.kinds = PII_KINDS
        else:
            chosen = want_strings(self.name, "kinds", kinds)
            unknown = [k for k in chosen if k not in FINDERS]
            if unknown:
                raise GuardError(
                    _('pii: unknown kind {value!r}; known: {PII_KINDS}').format(value=unknown[0], PII_KINDS=', '.join(PII_KINDS))
                )
            self.kinds = tuple(k for k in PII_KINDS if k in chosen)
        if regions is None:
            self.regions = PHONE_REGIONS
        else:
            chosen = [r.upper() for r in want_strings(self.name, "regions", regions)]
            bad = [r for r in chosen if not re.fullmatch(r"[A-Z]{2}", r)]
            if bad:
                raise GuardError(_('pii: a region is two letters like US or CN; got {value!r}').format(value=bad[0]))
            from guards.pii_numbers import _phonenumbers

            known = _phonenumbers().SUPPORTED_REGIONS
            unknown = [r for r in chosen if r not in known]
            if unknown:
                raise GuardError(_('pii: phonenumbers knows no region {value!r}').format(value=unknown[0]))
            self.regions = tuple(chosen)
        self._table: Placeholders | None = None

    def run(self, text: str, *, placeholders: Placeholders | None = None) -> CheckResult:
        """Check ``text``; redactions number their placeholders in ``placeholders`` if given."""
        self._table = placeholders
        try:
            return super().run(text)
        finally:
            self._table = None

    def _check(self, text: str) -> CheckResult:
        candidates = _candidates(text, self.kinds, self.regions)
        if not candidates:
            return self.result("pass", _("no PII found"), score=0.0)
        if self.mode == "redact":
            spans = merge_spans(text, candidates)
            return self.result(
                "redacted", _("redacted {what}").format(what=counted(spans)), spans, score=1.0,
                redacted_text=redact_pii(text, spans, self._table),
            )
        spans = pick_non_overlapping(candidates)
        return self.result("fail", _("found {what}").format(what=counted(spans)), spans, score=1.0)

    def redact(self, text: str, placeholders: Placeholders | None = None) -> tuple[str, list[Span]]:
        """Redact ``text`` with a caller's ``placeholders`` table (one per run keeps numbers stable)."""
        spans = merge_spans(text, _candidates(text, self.kinds, self.regions))
        return redact_pii(text, spans, placeholders), spans
