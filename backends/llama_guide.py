"""Constrained decoding in our llama.cpp token loop: the llama.cpp half.

The matcher, fast-forwarding and the reasons for running llguidance in our own loop
(rather than ``guidance.models.LlamaCpp``) are in backends/guide.py, shared with the
transformers backend. What is llama.cpp's own: the llguidance tokenizer built from
the GGUF vocabulary, and writing the mask into the context's logits in place, before
our sampler chain reads them.
"""

from __future__ import annotations

from common.i18n import _

from typing import Any

import numpy as np

from backends.guide import Guide

MECHANISM = _("llguidance (grammar from guidance) in our llama.cpp loop")


def ll_tokenizer(llm: Any) -> Any:
    """llguidance's view of this model's vocabulary (~0.7 s for SmolLM2: build it once per model)."""
    import llguidance.llamacpp

    return llguidance.llamacpp.lltokenizer_from_vocab(llm._model.vocab)


def llama_guide(tokenizer: Any, constraint: Any) -> Guide:
    return Guide(tokenizer, constraint, MECHANISM)


def logits_masker(row: Any):
    """A function that sets the logits of the last evaluated position to -inf wherever
    ``allowed`` is False (and past its end), in llama.cpp's own buffer (``row``:
    backends/llama_logits.logits_row)."""

    def apply(allowed: np.ndarray) -> None:
        logits = row(-1)
        n = min(len(logits), len(allowed))
        logits[:n][~allowed[:n]] = -np.inf
        logits[n:] = -np.inf

    return apply
