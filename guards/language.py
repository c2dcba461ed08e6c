"""Language of an answer from script counts: en, zh, ja, ko, ru, ar.

Each CJK character counts as one unit and each Latin, Cyrillic or Arabic word as one
unit, after code blocks, inline code and URLs are removed. Japanese is Han plus kana
when kana make up at least a tenth of them. Latin script is reported as ``en``: the
check cannot tell English from French or German.
"""

from __future__ import annotations

from common.i18n import _

import re
from typing import Any

from common.errors import GuardError
from guards.checks_base import Check, CheckResult, want_int, want_number

LANGUAGES: tuple[str, ...] = ("en", "zh", "ja", "ko", "ru", "ar")

_NOISE = re.compile(r"```[\s\S]*?(?:```|$)|`[^`\n]*`|https?://\S+|\S+@\S+\.\w+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_WORDS = {
    "en": re.compile(r"[A-Za-z\u00c0-\u024f]+"),
    "ru": re.compile(r"[\u0400-\u04ff]+"),
    "ar": re.compile(r"[\u0600-\u06ff]+"),
}


def script_units(text: str) -> dict[str, int]:
    """Units of text per language, by script."""
    text = _NOISE.sub(" ", text)
    han, kana = len(_HAN.findall(text)), len(_KANA.findall(text))
    units = {lang: len(rx.findall(text)) for lang, rx in _WORDS.items()}
    units["ko"] = len(_HANGUL.findall(text))
    japanese = kana > 0 and kana * 10 >= han + kana
    units["ja"] = han + kana if japanese else 0
    units["zh"] = 0 if japanese else han + kana
    return units


def detect_language(text: str) -> tuple[str | None, float]:
    """The dominant language and its share of all units, or (None, 0.0) if no letters."""
    units = script_units(text)
    total = sum(units.values())
    if not total:
        return None, 0.0
    lang = max(units, key=units.__getitem__)
    return lang, units[lang] / total


def _language_code(value: Any) -> str:
    if not isinstance(value, str):
        raise GuardError(_('language: expected must be a language code; got {value!r}').format(value=value))
    code = re.split(r"[-_]", value.strip().lower())[0]
    if code not in LANGUAGES:
        raise GuardError(_('language: unknown language {value!r}; known: {LANGUAGES}').format(value=value, LANGUAGES=', '.join(LANGUAGES)))
    return code


class LanguageCheck(Check):
    """Passes when the expected language has at least ``min_share`` of the text.

    Texts with fewer than ``min_units`` units (e.g. just a number) pass: there is
    too little to tell.
    """

    name = "language"

    def __init__(self, *, expected: Any = None, min_share: Any = 0.5, min_units: Any = 3) -> None:
        super().__init__(expected=expected, min_share=min_share, min_units=min_units)
        self.expected = _language_code(expected)
        self.min_share = want_number(self.name, "min_share", min_share, low=0.0, high=1.0)
        self.min_units = want_int(self.name, "min_units", min_units)

    def _check(self, text: str) -> CheckResult:
        units = script_units(text)
        total = sum(units.values())
        if total < max(self.min_units, 1):
            return self.result("pass", _('too little text to tell the language ({total} units)').format(total=total))
        share = units[self.expected] / total
        top = max(units, key=units.__getitem__)
        if share >= self.min_share:
            return self.result("pass", _('{expected} ({share:.0%} of text)').format(expected=self.expected, share=share), score=round(share, 4))
        return self.result(
            "fail",
            _('expected {expected} but text is mostly {top} ({expected} {share:.0%}, {top} {value:.0%})').format(expected=self.expected, top=top, share=share, value=units[top] / total),
            score=round(share, 4),
        )
