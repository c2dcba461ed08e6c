"""Sentences with their offsets, and the word tokens n-gram scoring counts (English and Chinese).

``split_sentences(text)`` cuts after ``.``, ``!`` and ``?`` followed by a space or the
end, after the Chinese full stops ``。！？`` (no space needed), and at line breaks, so a
numbered list gives one sentence per item. Closing quotes and brackets stay with their
sentence; a title or initial before a full stop (``Dr.``, ``e.g.``, ``J.``) does not end
one; a piece with no word in it (``1.``, ``-``) joins the next. Every sentence is
stripped and carries its half-open range in the text, so ``text[start:end]`` is it.

``tokens(text)`` lower-cases (after NFKC, so full-width letters and digits fold) and
returns runs of letters or digits, with each Chinese, Japanese or Korean character a
token of its own (these scripts do not separate words by spaces).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
_HAS_WORD = re.compile(r"[^\W\d_]")  # a letter or a CJK character, not a bare number
# a terminator, then any closing quotes or brackets
_END = re.compile(r"(?:[.!?]+|…+)[\"'”’)\]）」』]*(?=\s|$)|[。！？]+[\"'”’)\]）」』]*|\n")
_TITLE_BEFORE = re.compile(r"\b(?:mr|mrs|ms|dr|prof|sr|jr|st|vs|etc|no|fig|eq|cf|approx|e\.g|i\.e)$", re.IGNORECASE)
_INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-Z]$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, each stripped, with its offsets."""
    cuts: list[int] = []
    for m in _END.finditer(text):
        if m.group().rstrip("\"'”’)]）」』") == "." and _abbreviation_before(text, m.start()):
            continue
        cuts.append(m.end())
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        if cut > start:
            pieces.append((start, cut))
            start = cut
    out: list[Sentence] = []
    carry: int | None = None  # start of a word-less piece waiting for the next one
    for a, b in pieces:
        a0 = carry if carry is not None else a
        chunk = text[a:b]
        if not _HAS_WORD.search(chunk):
            if chunk.strip() and carry is None:
                carry = a
            continue
        carry = None
        s, e = _strip(text, a0, b)
        if e > s:
            out.append(Sentence(s, e, text[s:e]))
    if carry is not None:  # a trailing word-less piece ("42.") joins the last sentence, or is one
        s, e = _strip(text, out[-1].start if out else carry, len(text))
        out[-1:] = [Sentence(s, e, text[s:e])]
    return out


def _abbreviation_before(text: str, dot: int) -> bool:
    """A title (``Dr``, ``e.g``) or an initial (``J``) ends just before the full stop at ``dot``."""
    lo = max(0, dot - 8)  # bounded: a text with many full stops stays linear
    return bool(_TITLE_BEFORE.search(text, lo, dot) or _INITIAL_BEFORE.search(text, lo, dot))


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; each CJK character is one token."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).lower())


# Function words left out of unigram support (they appear in every sample and say nothing
# about the facts): a short English list and common Chinese function characters.
STOPWORDS = frozenset("""
a an the and or but if then so of to in on at by for with from as into about over under than that this these
those it its is are was were be been being am do does did has have had having not no nor there here which who whom
whose what when where why how all any both each few more most other some such only own same too very can will
just should would could may might must shall i me my we our you your he him his she her they them their one also
""".split()) | frozenset("的了是在和与及或也就都而着把被这那之其于以为个有没不很又呢吗吧啊")
