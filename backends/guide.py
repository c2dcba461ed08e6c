"""Constrained decoding inside our own token loops, with llguidance: the core both
local backends share (llama.cpp in backends/llama_cpp.py, transformers in
backends/transformers_hf.py).

Why not guidance's own model wrappers (``guidance.models.LlamaCpp``,
``guidance.models.Transformers``) on the loaded model: their engines keep their own
record of what is in the KV cache, tokenize the rendered prompt themselves, render
chat templates outside our sandbox and have no cancel hook between tokens. The
grammar still comes from guidance (guards/constrain.py); here llguidance's matcher
says which tokens may come next, the backend forbids the rest in its logits before
its sampler runs, and tokens the grammar forces are fast-forwarded in one batch
without sampling, as guidance itself does.

A backend builds one llguidance tokenizer per loaded model (it costs about a second)
and one :class:`Guide` per run. Each step it calls ``forced_tokens`` (feed those
through the model, no sampling), else ``mask(apply)`` with its own way of writing the
mask into its logits, samples, and ``consume``s the token; ``report()`` goes into
``GenerationResult.extra``.
"""

from __future__ import annotations

from common.i18n import _

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from common.errors import BackendError, InvalidParamsError


class Guide:
    """One constrained run: llguidance's matcher over the tokens generated so far."""

    def __init__(self, tokenizer: Any, constraint: Any, mechanism: str):
        import llguidance

        self.constraint = constraint
        self.mechanism = mechanism
        self.n_vocab = int(tokenizer.vocab_size)
        self.matcher = llguidance.LLMatcher(tokenizer, constraint.to_ll_grammar())
        err = self.matcher.get_error()
        if err:
            raise BackendError(_('the constraint cannot be applied to this model: {first_line}').format(first_line=_first_line(err)))
        self.mask_ms: list[float] = []
        self.ff_tokens = 0
        self.sampled = 0

    @property
    def stopped(self) -> bool:
        return bool(self.matcher.is_stopped())

    def forced_tokens(self, budget: int) -> list[int]:
        """The tokens the grammar fixes from here (at most ``budget``), already consumed."""
        if budget <= 0:
            return []
        ff = list(self.matcher.compute_ff_tokens())[:budget]
        if ff:
            if not self.matcher.consume_tokens(ff):
                raise BackendError(_('the constraint rejected its own forced tokens: {first_line}').format(first_line=_first_line(self.matcher.get_error())))
            self.ff_tokens += len(ff)
        return ff

    def replay(self, tokens: list[int], text_of: Callable[[int], str]) -> list[tuple[int, int]]:
        """Consume given output tokens (a branch's kept tokens and its replacement) the way
        the run that produced them did, and return the spans (offsets into ``tokens``) the
        grammar forced: the loop evaluated each of those as one batch and the others one
        per step, so a replay evaluating the same way computes the same numbers. A token
        the grammar does not allow where it stands is refused, saying which."""
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            ff = self.forced_tokens(len(tokens) - i)  # consumed; a mismatch refuses the whole replay
            if ff:
                given = tokens[i:i + len(ff)]
                if given != ff:
                    j = next(n for n, (a, b) in enumerate(zip(given, ff)) if a != b)
                    raise InvalidParamsError(_(
                        "the constraint allows only {forced!r} at output token {i}, not {given!r}").format(
                        forced=text_of(ff[j]), i=i + j, given=text_of(given[j])))
                spans.append((i, i + len(ff)))
                i += len(ff)
                continue
            t = tokens[i]
            if not (0 <= t < self.n_vocab and self.matcher.validate_tokens([t]) == 1):
                raise InvalidParamsError(_("the constraint does not allow {given!r} at output token {i}").format(
                    given=text_of(t), i=i))
            self.consume(t)
            i += 1
        return spans

    def allowed(self) -> np.ndarray:
        """Which of the ``n_vocab`` tokens may come next (a bool array)."""
        bits = np.frombuffer(self.matcher.compute_bitmask(), dtype=np.uint8)
        allowed = np.unpackbits(bits, bitorder="little")[: self.n_vocab].view(bool)
        if not allowed.any():
            raise BackendError(_('the constraint allows no next token: {value}').format(value=_first_line(self.matcher.get_error()) or 'dead end'))
        return allowed

    def mask(self, apply: Callable[[np.ndarray], None]) -> None:
        """Compute the allowed tokens and hand them to ``apply``, which forbids every
        other token in the backend's logits (including ids past ``n_vocab``); timed."""
        t0 = time.perf_counter()
        apply(self.allowed())
        self.mask_ms.append((time.perf_counter() - t0) * 1000)

    def consume(self, token: int) -> None:
        self.sampled += 1
        if not self.matcher.consume_token(token):
            raise BackendError(_('the sampled token broke the constraint: {first_line}').format(first_line=_first_line(self.matcher.get_error())))

    def report(self) -> dict[str, Any]:
        masks = self.mask_ms
        return {
            "constraint_mechanism": self.mechanism,
            "constraint_satisfied": bool(self.matcher.is_accepting()),
            "ff_tokens": self.ff_tokens,
            "sampled_tokens": self.sampled,
            "mask_ms_total": round(sum(masks), 3),
            "mask_ms_mean": round(sum(masks) / len(masks), 4) if masks else None,
            "mask_ms_max": round(max(masks), 3) if masks else None,
        }


def _first_line(text: str | None) -> str:
    text = (text or "").strip()
    return text.splitlines()[0] if text else ""
