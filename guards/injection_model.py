"""The learned injection classifier: character n-grams and words, a linear model, pure Python.

Features of a text (after :func:`guards.fold.normalize`, lower case, whitespace
runs collapsed to one space): every character 2-, 3- and 4-gram and every word and
word pair (words are runs of letters or digits). Each feature occurrence adds its
weight; the sum is divided by the square root of the number of features, so a long
text is not louder than a short one. The probability is a logistic function of that
margin with a calibrated slope and offset (Platt scaling on out-of-fold scores), shifted
so that 0.5 is the threshold the training chose (precision >= 0.95 out of fold).

A long text is scored in windows of ``WINDOW`` characters (half overlapping) and the
strongest window counts, so an instruction hidden in a long document is not drowned
out. Cost is linear in the text: one dictionary look-up per feature.

The weights live in ``resources/guards/injection_model.json.gz`` (written by
``python -m guards.train_injection``), read once, on first use.
"""

from __future__ import annotations

from common.i18n import _

import gzip
from bisect import bisect_left
from itertools import accumulate, repeat
from operator import add
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
WINDOW = 240  # characters per window on long texts (about two sentences)
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W_]+")


def prepare(text: str) -> str:
    """The form features are taken from: folded, lower case, single spaces, padded."""
    return " " + _SPACES.sub(" ", normalize(text)[0].lower()).strip() + " "


def feature_keys(prepared: str) -> list[str]:
    """Every feature occurrence of an already prepared text (training uses this too)."""
    keys = [prepared[i : i + n] for n in NGRAMS for i in range(len(prepared) - n + 1)]
    words = _WORDS.findall(prepared)
    keys += ["w:" + w for w in words]
    keys += ["b:" + a + " " + b for a, b in zip(words, words[1:])]
    return keys


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    slope: float
    offset: float
    meta: dict[str, Any]

    def margin(self, prepared: str) -> float:
        get = self.weights.get
        keys = feature_keys(prepared)
        if not keys:
            return self.bias
        total = sum(get(k, 0.0) for k in keys)
        return self.bias + total / math.sqrt(len(keys))

    def probability_of_margin(self, margin: float) -> float:
        z = self.slope * margin + self.offset
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def score(self, text: str) -> float:
        """The calibrated probability that ``text`` is an injection (0.5 is the threshold)."""
        prepared = prepare(text)
        if len(prepared) <= WINDOW + WINDOW // 2:
            return round(self.probability_of_margin(self.margin(prepared)), 4)
        return round(self.probability_of_margin(self._window_margin(prepared)), 4)

    def _window_margin(self, prepared: str) -> float:
        """The largest margin over windows of ``WINDOW`` characters, half overlapping.

        Each feature occurrence is looked up once and credited to the position it starts
        at; prefix sums then give every window's total and count in constant time.
        """
        get = self.weights.get
        n = len(prepared)
        sums = []  # per n-gram size: prefix sums of the weights by start position
        piece = prepared.__getitem__
        for size in NGRAMS:  # map() keeps the per-character loop in C
            grams = map(piece, map(slice, range(n - size + 1), range(size, n + 1)))
            sums.append(list(accumulate(map(get, grams, repeat(0.0)), initial=0.0)))
        found = list(_WORDS.finditer(prepared))
        starts = [m.start() for m in found]
        words = [m.group() for m in found]
        uni = map(get, map("w:".__add__, words), repeat(0.0))
        bi = [*map(get, map("b:{} {}".format, words, words[1:]), repeat(0.0)), 0.0]
        word_w = list(map(add, uni, bi))
        word_sum = list(accumulate(word_w, initial=0.0))
        best = -math.inf
        step = WINDOW // 2
        for start in range(0, max(1, n - step), step):
            end = min(n, start + WINDOW)
            total, count = 0.0, 0
            for size, prefix in zip(NGRAMS, sums):
                hi = max(start, min(end, n - size + 1))
                total += prefix[hi] - prefix[start]
                count += hi - start
            a, b = bisect_left(starts, start), bisect_left(starts, end)
            total += word_sum[b] - word_sum[a]
            count += 2 * (b - a)
            if count:
                best = max(best, self.bias + total / math.sqrt(count))
        return best


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
            model = Model(
                weights={str(k): float(v) for k, v in data["weights"].items()},
                bias=float(data["bias"]), slope=float(data["slope"]), offset=float(data["offset"]),
                meta=dict(data.get("meta") or {}),
            )
        except FileNotFoundError:
            raise GuardError(_('injection: the classifier file {path} is missing; run python -m guards.train_injection to build it').format(path=path)) from None
        except (OSError, ValueError, KeyError, TypeError, EOFError) as err:
            raise GuardError(_('injection: the classifier file {path} cannot be read ({err})').format(path=path, err=err)) from None
        _loaded[path] = model
        return model
