"""Factual-nucleus sampling (Lee et al. 2022, "Factuality Enhanced Language Models for
Open-Ended Text Generation"): the top-p of nucleus sampling decays within a sentence,

    p_t = max(omega, p * lambda ** (t - 1))

where ``t`` counts the tokens of the current sentence from 1 and resets after a token
whose text ends a sentence (. ! ? 。！？ or a newline). Early tokens of a sentence keep
the run's diversity; later ones, where facts get completed, are sampled more greedily.

In our llama.cpp loop it replaces the chain's fixed top-p stage with a custom stage
(:func:`top_p_stage`) that reads the current ``p_t`` from a :class:`FactualNucleus`,
applied to the candidates left by top-k (so it sorts 40 candidates, not the vocabulary,
with the default top_k). Rebuilding the native chain per token would also reset its
random state; this keeps one seeded chain, so seeded runs reproduce.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

import numpy as np

SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", "\n")

# llama_token_data: {int32 id; float logit; float p}
TOKEN_DATA = np.dtype([("id", "<i4"), ("logit", "<f4"), ("p", "<f4")])


class FactualNucleus:
    """The decaying top-p of one run."""

    def __init__(self, p: float, lam: float = 0.9, omega: float = 0.3):
        self.p, self.lam, self.omega = p, lam, omega
        self.t = 1

    @property
    def current(self) -> float:
        return max(self.omega, self.p * self.lam ** (self.t - 1))

    def advance(self, text: str) -> None:
        """Count one more token of ``text``; a sentence end starts the next sentence."""
        if text.rstrip(" \t").endswith(SENTENCE_ENDS):
            self.t = 1
        else:
            self.t += 1


def nucleus_size(logits: np.ndarray, p: float) -> tuple[np.ndarray, int]:
    """The candidates' order (most likely first, stable) and how many the top-``p``
    nucleus keeps: the fewest whose probabilities sum to at least ``p`` (at least one)."""
    order = np.argsort(-logits, kind="stable")
    if p >= 1.0:
        return order, len(order)
    s = logits[order].astype(np.float64)
    e = np.exp(s - s[0])
    cum = np.cumsum(e) / e.sum()
    keep = int(np.searchsorted(cum, p, side="left")) + 1
    return order, min(max(keep, 1), len(order))


def top_p_stage(nucleus: FactualNucleus) -> Callable[[Any], None]:
    """A llama.cpp custom sampler ``apply`` keeping the top-``nucleus.current`` candidates."""

    def apply(cur_p: Any) -> None:
        arr = cur_p.contents
        n = int(arr.size)
        if n <= 1:
            return
        buf = (ctypes.c_char * (n * TOKEN_DATA.itemsize)).from_address(ctypes.addressof(arr.data.contents))
        data = np.frombuffer(buf, dtype=TOKEN_DATA)
        order, keep = nucleus_size(data["logit"], nucleus.current)
        data[:keep] = data[order[:keep]]
        arr.size = keep
        arr.sorted = True

    return apply
