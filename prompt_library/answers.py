"""Reading the final answer out of a model's text: pure functions, no model.

Used by the chain-of-thought patterns (Kojima et al. 2022 extract the answer with a
second call, then parse it; Wei et al. 2022 end each rationale with "The answer is
X"), by self-consistency's vote (Wang et al. 2022) and by evaluation checks.

Every function returns ``None`` when it finds nothing, never raises.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal

from prompt_library.spec import AnswerKind

_NUMBER = re.compile(r"(?<![0-9A-Za-z.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![0-9A-Za-z])")
_ANSWER_EN = re.compile(
    r"\banswer(?:\s*\([^)\n]{0,40}\))?\s*(?:is|was|would be|:|=)\s*:?\s*(.+?)(?=\.(?:\s|$)|\n|$)",
    re.IGNORECASE)
_ANSWER_ZH = re.compile(r"答案(?:（[^）\n]{0,20}）|\([^)\n]{0,20}\))?\s*(?:应该是|是|为|:|：)\s*(.+?)(?=[。\n]|$)")
_EDGE = " \t\"'`*“”‘’「」《》.,;:!?，。；：！？"


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _strip(text: str) -> str:
    text = text.strip(_EDGE)
    if text.startswith("$") and _NUMBER.fullmatch(text[1:].replace(" ", "")):
        text = text[1:]
    return text.strip()


def normalize_number(text: str) -> str | None:
    """``'1,000'`` -> ``'1000'``, ``'7.0'`` -> ``'7'``, ``'-0.50'`` -> ``'-0.5'``."""
    try:
        value = Decimal(_nfkc(text).replace(",", "").strip())
        if not value.is_finite() or abs(value.adjusted()) > 60:  # never expand 1e999999999
            return None
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    except ArithmeticError:  # InvalidOperation, Overflow
        return None


def last_number(text: str) -> str | None:
    """The last number in the text, normalized (``'... 5 + 6 = 11.'`` -> ``'11'``)."""
    found = _NUMBER.findall(_nfkc(text or ""))
    return normalize_number(found[-1]) if found else None


def _last_match(pattern: re.Pattern[str], text: str) -> tuple[int, str] | None:
    best = None
    for m in pattern.finditer(text):
        value = _strip(m.group(1))
        if value:
            best = (m.start(), value)
    return best


def answer_is(text: str) -> str | None:
    """What follows the last "the answer is" (also "answer:", "the answer (arabic numerals) is")."""
    found = _last_match(_ANSWER_EN, _nfkc(text or ""))
    return found[1] if found else None


def answer_is_zh(text: str) -> str | None:
    """What follows the last 答案是 / 答案为 / 答案：."""
    found = _last_match(_ANSWER_ZH, _nfkc(text or ""))
    return found[1] if found else None


def answer_phrase(text: str) -> str | None:
    """The later of :func:`answer_is` and :func:`answer_is_zh`."""
    text = _nfkc(text or "")
    found = [f for f in (_last_match(_ANSWER_EN, text), _last_match(_ANSWER_ZH, text)) if f]
    return max(found)[1] if found else None


def choice_letter(text: str, letters: str = "ABCD") -> str | None:
    """The option letter the text picks: "B", "(C).", "The answer is (A)", "答案是D", "选B"."""
    text = _nfkc(text or "").strip()
    if not text:
        return None
    cls = re.escape(letters)
    phrase = answer_phrase(text)
    if phrase:
        m = re.match(rf"^[\(\[]?([{cls}])(?![A-Za-z])", phrase)
        if m:
            return m.group(1)
    m = re.match(rf"^[\(\[]?([{cls}])[\)\]]?(?=$|[\s.)。．:：、,，]|[^\x00-\x7f])", text)
    if m and not re.match(rf"^[{cls}]\s+[a-z]", text):  # "A tool..." is an article, not option A
        return m.group(1)
    m = re.findall(rf"(?:选|选项|option\s*|choice\s*)\(?([{cls}])\)?", text, re.IGNORECASE)
    if m:
        return m[-1]
    m = re.findall(rf"[\(\[]([{cls}])[\)\]]", text)
    if m:
        return m[-1]
    return None


_TRUE_WORDS = ("true", "yes", "correct", "真", "对", "正确", "是")
_FALSE_WORDS = ("false", "no", "incorrect", "wrong", "假", "错", "错误", "不正确", "否", "不是")


def true_false(text: str) -> str | None:
    """``'true'`` / ``'false'`` from True/False, yes/no, 真/假, 对/错, 正确/错误, 是/否."""
    text = _nfkc(text or "").strip()
    phrase = answer_phrase(text)
    for candidate in ([phrase] if phrase else []) + [text]:
        head = candidate.strip(_EDGE).lower()
        word = re.match(r"[a-z]+", head)
        first = word.group(0) if word else head[:3]
        for words, result in ((_FALSE_WORDS, "false"), (_TRUE_WORDS, "true")):
            # longest first so 不正确 wins over 正确, 不是 over 是
            for w in sorted(words, key=len, reverse=True):
                if (word and first == w) or (not word and first.startswith(w)):
                    return result
    return None


def _last_line(text: str) -> str | None:
    for line in reversed((text or "").strip().splitlines()):
        if line.strip():
            return _strip(line) or line.strip()
    return None


def extract_answer(text: str, kind: AnswerKind = "auto") -> str | None:
    """The final answer of ``kind`` in ``text``; None when there is none."""
    text = text or ""
    if kind == "text":
        return text.strip() or None
    phrase = answer_phrase(text)
    if kind == "number":
        return (last_number(phrase) if phrase else None) or last_number(text)
    if kind == "choice":
        return choice_letter(text)
    if kind == "true-false":
        return true_false(text)
    # auto: the "answer is" phrase (its number if it has one), else the last number,
    # else the last non-empty line
    if phrase:
        return last_number(phrase) or phrase
    return last_number(text) or _last_line(text)


def normalize_answer(answer: str | None, kind: AnswerKind = "auto") -> str | None:
    """A form for voting/comparison: numbers canonical, letters upper, text folded."""
    if answer is None:
        return None
    if kind in ("choice",):
        return answer.strip().upper() or None
    number = normalize_number(answer) if _NUMBER.fullmatch(_nfkc(answer).strip()) else None
    if number is not None:
        return number
    folded = " ".join(_nfkc(answer).casefold().split()).strip(_EDGE)
    return folded or None


EXTRACTORS: dict[str, Callable[[str], str | None]] = {
    "last_number": last_number,
    "choice_letter": choice_letter,
    "answer_is": answer_is,
    "answer_is_zh": answer_is_zh,
    "true_false": true_false,
}
