"""Folding text before it is scanned: fullwidth forms to ASCII, zero-width characters out.

Shared by the PII and injection checks and the injection classifier's features, so a
hidden character or a fullwidth letter cannot hide what a check looks for; offsets
map back to the original text.
"""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
_FULLWIDTH = re.compile(r"[\uff01-\uff5e\u3000]")
# Fullwidth ASCII forms and the ideographic space fold one-for-one, so offsets hold.
_FOLD = {c: unicodedata.normalize("NFKC", chr(c)) for c in [*range(0xFF01, 0xFF5F), 0x3000]}


def normalize(text: str) -> tuple[str, list[int] | None]:
    """Fold fullwidth forms and drop zero-width characters.

    Returns the folded text and, when characters were dropped, a map from each folded
    index to the original index (with one extra entry for the end); otherwise None.
    """
    text = _FULLWIDTH.sub(lambda m: _FOLD[ord(m.group())], text)
    if not _ZERO_WIDTH.search(text):
        return text, None
    kept: list[int] = []
    prev = 0
    for m in _ZERO_WIDTH.finditer(text):
        kept.extend(range(prev, m.start()))
        prev = m.end()
    kept.extend(range(prev, len(text) + 1))  # the extra entry maps the end
    return _ZERO_WIDTH.sub("", text), kept
