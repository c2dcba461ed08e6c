"""The learned injection classifier: character n-grams and words, a linear model, pure Python.

Features of a text (after :func:`prepare`: NFKC, case folding, invisible characters out,
Unicode tag characters read as the ASCII they hide, look-alike Cyrillic and Greek letters
inside Latin words read as Latin, letter-by-letter spacing ("i g n o r e") closed up,
leetspeak digits inside words read as letters, whitespace runs collapsed to one space):
every character 2-, 3- and 4-gram and every word and word pair (words are runs of
letters or digits). Each distinct feature adds its weight once; the sum is divided by
the square root of the number of distinct features (the L2 norm of the binary feature
vector), so neither a long text nor a repeated phrase is louder than a short one. The
probability is a logistic function of that margin with a calibrated slope and offset
(Platt scaling on out-of-fold scores), shifted so that 0.5 is the threshold the
training chose (precision >= 0.95 out of fold).

A long text is scored in windows of ``WINDOW`` characters (half overlapping) and the
strongest window counts, so an instruction hidden in a long document is not drowned
out. The strongest of ``k`` windows is higher than a single one by chance alone, so its
margin is lowered by ``WINDOW_PENALTY * log2(k)``. Cost is linear in the text: each
character is in at most two windows, one dictionary look-up per feature.

The weights live in ``resources/guards/injection_model.json.gz`` (written by
``python -m guards.train_injection``), read once, on first use.
"""

from __future__ import annotations

from common.i18n import _

import gzip
import unicodedata
import json
import math
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common.errors import GuardError
from guards.fold import normalize

MODEL_PATH = Path(__file__).resolve().parent.parent / "resources" / "guards" / "injection_model.json.gz"
NGRAMS = (2, 3, 4)
SHORT = 360  # texts up to this many characters are scored whole, as in training
WINDOW = 120  # characters per window on longer texts (a sentence or two)
# Margin taken off the best of k windows, per doubling of k; measured in NOTES-inject.md
# (long documentation with and without an instruction inserted).
WINDOW_PENALTY = 0.5
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W_]+")
# Characters that render as nothing (format controls, bidi overrides, variation selectors).
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0001"
                        "\U000e007f\U000e0100-\U000e01ef]")
# Unicode tag characters U+E0020..U+E007E spell ASCII invisibly ("ASCII smuggling").
_TAGS = re.compile("[\U000e0020-\U000e007e]+")
# Cyrillic and Greek letters that look like Latin ones; applied only inside a word that
# also has a Latin letter, so Russian or Greek text stays what it is.
_LOOKALIKE = str.maketrans("аеорсухкмтвнізјԛԝѕԁɡαβεικνορτυχ",
                           "aeopcyxkmtbhizjqwsdgabeiknoptux")
_MIXED = re.compile(r"(?<![^\W\d_])[^\W\d_]*[а-яёіјѕԁԛԝɡα-ω][^\W\d_]*")
# Letters spelled out with one separator between them: "i g n o r e", "i.g.n.o.r.e".
_SPELLED = re.compile(r"(?<![^\W\d_])[^\W\d_](?:[ .\-_*+|/][^\W\d_](?![^\W\d_])){2,}")
_SPELL_SEP = re.compile(r"[ .\-_*+|/]")
# Leetspeak: a digit or sign between letters ("1gn0r3", "pr3v10u5") reads as a letter.
_LEET_WORD = re.compile(r"(?<![a-z0-9@$])[a-z0-9@$]*(?:[a-z][013457@$]|[013457@$][a-z])[a-z0-9@$]*")
_ASCII_LETTER = re.compile("[a-z]")
_LEET = str.maketrans("013457@$", "oieastas")


_LEET_INSIDE = re.compile(r"[a-z][013457@$]+[a-z]")


def _unleet(m: re.Match[str]) -> str:
    """A word reads as leetspeak with a sign between two letters, or two signs and three letters."""
    word = m.group()
    letters = sum(c.isalpha() for c in word)
    signs = sum(c in "013457@$" for c in word)
    if _LEET_INSIDE.search(word) or (letters >= 3 and signs >= 2 and letters + signs == len(word)):
        return word.translate(_LEET)
    return word


def _latin(m: re.Match[str]) -> str:
    word = m.group()
    return word.translate(_LOOKALIKE) if _ASCII_LETTER.search(word) else word


def prepare(text: str) -> str:
    """The form features are taken from: folded, lower case, de-obfuscated, single spaces, padded.

    Every step is one linear regular-expression pass or a translation table, so the cost
    stays linear in the text.
    """
    text = normalize(text)[0]
    if not text.isascii():
        text = _TAGS.sub(lambda m: "".join(chr(ord(c) - 0xE0000) for c in m.group()), text)
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    text = text.casefold()
    if not text.isascii():
        text = _MIXED.sub(_latin, text)
    text = _SPELLED.sub(lambda m: _SPELL_SEP.sub("", m.group()), text)
    text = _LEET_WORD.sub(_unleet, text)
    return " " + _SPACES.sub(" ", text).strip() + " "


BITS = 20  # features are hashed into 2**BITS buckets
_B = 0x100000001B3  # odd, so it has an inverse modulo 2**64
_B_INV = pow(_B, -1, 1 << 64)
_SALT = {2: 0x9E3779B97F4A7C15, 3: 0xC2B2AE3D27D4EB4F, 4: 0x165667B19E3779F9, "w": 0x27D4EB2F165667C5,
         "b": 0x94D049BB133111EB}


def _mix(x: Any) -> Any:
    """A 64-bit finaliser (splitmix64) on a uint64 array; wraps modulo 2**64."""
    import numpy as np

    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def feature_ids(prepared: str) -> tuple[Any, Any]:
    """Bucket and start of every feature occurrence of an already prepared text.

    Character 2-, 3- and 4-grams, words and word pairs, each hashed from its code points
    with a position-free polynomial hash (prefix sums of ``c[j] * B**j``, moved to the
    start by ``B**-s``), salted by kind, mixed and cut to ``BITS`` bits. Occurrences come
    kind by kind, each kind in start order. Training uses this too.
    """
    import numpy as np

    with np.errstate(over="ignore"):
        n = len(prepared)
        codes = np.frombuffer(prepared.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64) + np.uint64(1)
        powers = np.cumprod(np.full(n, _B, dtype=np.uint64)) if n else np.zeros(0, dtype=np.uint64)
        powers = np.concatenate([np.ones(1, dtype=np.uint64), powers[:-1]]) if n else powers
        inverse = np.cumprod(np.full(n, _B_INV, dtype=np.uint64)) if n else np.zeros(0, dtype=np.uint64)
        inverse = np.concatenate([np.ones(1, dtype=np.uint64), inverse[:-1]]) if n else inverse
        prefix = np.concatenate([np.zeros(1, dtype=np.uint64), np.cumsum(codes * powers, dtype=np.uint64)])

        def span(start: Any, end: Any) -> Any:
            return (prefix[end] - prefix[start]) * inverse[start]

        ids, starts = [], []
        for size in NGRAMS:
            count = max(0, n - size + 1)
            at = np.arange(count, dtype=np.int64)
            ids.append(_mix(span(at, at + size) ^ np.uint64(_SALT[size])))
            starts.append(at)
        found = [(m.start(), m.end()) for m in _WORDS.finditer(prepared)]
        if found:
            bounds = np.array(found, dtype=np.int64)
            words = span(bounds[:, 0], bounds[:, 1])
            ids.append(_mix(words ^ np.uint64(_SALT["w"])))
            starts.append(bounds[:, 0])
            if len(found) > 1:
                ids.append(_mix((words[:-1] * np.uint64(_B) + _mix(words[1:])) ^ np.uint64(_SALT["b"])))
                starts.append(bounds[:-1, 0])
        if not ids:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        bucket = (np.concatenate(ids) >> np.uint64(64 - BITS)).astype(np.int64)
        return bucket, np.concatenate(starts)


@dataclass(frozen=True)
class Model:
    weights: Any  # float32 array of 2**BITS weights, one per bucket
    bias: float
    slope: float
    offset: float
    meta: dict[str, Any]

    def margin(self, prepared: str) -> float:
        """Bias plus the weights of the distinct features, over the square root of their number."""
        import numpy as np

        ids = np.unique(feature_ids(prepared)[0])
        if not len(ids):
            return self.bias
        return self.bias + float(self.weights[ids].sum(dtype=np.float64)) / math.sqrt(len(ids))

    def probability_of_margin(self, margin: float) -> float:
        z = self.slope * margin + self.offset
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def score(self, text: str) -> float:
        """The calibrated probability that ``text`` is an injection (0.5 is the threshold)."""
        prepared = prepare(text)
        if len(prepared) <= SHORT:
            return round(self.probability_of_margin(self.margin(prepared)), 4)
        return round(self.probability_of_margin(self._window_margin(prepared)), 4)

    def _window_margin(self, prepared: str) -> float:
        """The larger of the whole text's margin and the best margin over windows of
        ``WINDOW`` characters, half overlapping, less the penalty for their number.

        Each feature occurrence is known by its bucket, its start and the start of the
        previous occurrence of the same bucket; a window counts the occurrences that start
        inside it and have no earlier one inside it (its distinct features). numpy does
        the per-window sums, a block of windows at a time.
        """
        import numpy as np

        n = len(prepared)
        ident, start = feature_ids(prepared)
        if not len(ident):
            return self.bias
        weight = self.weights[ident].astype(np.float64)
        order = np.lexsort((start, ident))  # by bucket, then start
        prev = np.full(len(ident), -1, dtype=np.int64)
        same = ident[order[1:]] == ident[order[:-1]]
        prev[order[1:][same]] = start[order[:-1][same]]
        first = prev < 0
        whole = self.bias + float(weight[first].sum()) / math.sqrt(int(first.sum()))

        by_start = np.argsort(start, kind="stable")
        start_s, weight_s, prev_s = start[by_start], weight[by_start], prev[by_start]
        step = WINDOW // 2
        win = np.arange(0, max(1, n - step), step, dtype=np.int64)
        lo = np.searchsorted(start_s, win, side="left")
        hi = np.searchsorted(start_s, win + WINDOW, side="left")
        width = max(1, int((hi - lo).max()))
        best = -math.inf
        for block in range(0, len(win), 256):
            w0, l0, h0 = win[block : block + 256], lo[block : block + 256], hi[block : block + 256]
            idx = l0[:, None] + np.arange(width)[None, :]
            valid = idx < h0[:, None]
            idx = np.minimum(idx, len(ident) - 1)
            counted = valid & (prev_s[idx] < w0[:, None])
            total = (weight_s[idx] * counted).sum(axis=1)
            distinct = counted.sum(axis=1)
            margins = self.bias + total / np.sqrt(np.maximum(distinct, 1))
            best = max(best, float(margins.max()))
        return max(whole, best - WINDOW_PENALTY * math.log2(max(1, len(win))))


_lock = threading.Lock()
_loaded: dict[Path, Model] = {}


def load(path: Path = MODEL_PATH) -> Model:
    """The model at ``path``, read once per process; a missing or broken file is a GuardError."""
    with _lock:
        if path in _loaded:
            return _loaded[path]
        try:
            with gzip.open(path, "rt", encoding="utf-8") as f:
                data = json.load(f)
            import numpy as np

            weights = np.zeros(1 << BITS, dtype=np.float32)
            if int(data["bits"]) != BITS:
                raise ValueError(f"hashed into {data['bits']} bits, this code reads {BITS}")
            weights[np.array(data["buckets"], dtype=np.int64)] = np.array(data["values"], dtype=np.float32)
            model = Model(weights=weights, bias=float(data["bias"]), slope=float(data["slope"]),
                          offset=float(data["offset"]), meta=dict(data.get("meta") or {}))
        except FileNotFoundError:
            raise GuardError(_('injection: the classifier file {path} is missing; run python -m guards.train_injection to build it').format(path=path)) from None
        except (OSError, ValueError, KeyError, TypeError, EOFError, IndexError) as err:
            raise GuardError(_('injection: the classifier file {path} cannot be read ({err})').format(path=path, err=err)) from None
        _loaded[path] = model
        return model
