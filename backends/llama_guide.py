"""Constrained decoding inside our llama.cpp token loop, with llguidance.

Why not ``guidance.models.LlamaCpp`` on the loaded model: its engine keeps its own
record of what is in the KV cache on the shared llama.cpp context, tokenizes the
rendered prompt itself, renders chat templates outside our sandbox and has no cancel
hook between tokens. The grammar still comes from guidance (guards/constrain.py);
here llguidance's matcher masks the logits in place before our sampler chain runs,
and tokens the grammar forces are fast-forwarded in one batch without sampling, as
guidance itself does.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from common.errors import BackendError


class Guide:
    def __init__(self, tokenizer: Any, constraint: Any, llm: Any):
        import llguidance

        self._llm = llm
        self._n_vocab = int(llm.n_vocab())
        self.constraint = constraint
        self.matcher = llguidance.LLMatcher(tokenizer, constraint.to_ll_grammar())
        err = self.matcher.get_error()
        if err:
            raise BackendError(f"the constraint cannot be applied: {err.splitlines()[0]}")
        self.mask_ms: list[float] = []
        self.ff_tokens = 0
        self.sampled = 0

    @property
    def stopped(self) -> bool:
        return bool(self.matcher.is_stopped())

    def forced_tokens(self, budget: int) -> list[int]:
        if budget <= 0:
            return []
        ff = list(self.matcher.compute_ff_tokens())[:budget]
        if ff:
            if not self.matcher.consume_tokens(ff):
                raise BackendError(f"the constraint rejected its own forced tokens: {self.matcher.get_error()}")
            self.ff_tokens += len(ff)
        return ff

    def mask_logits(self) -> None:
        """Set the logits of every token the grammar forbids to -inf, in place."""
        import llama_cpp

        t0 = time.perf_counter()
        bits = np.frombuffer(self.matcher.compute_bitmask(), dtype=np.uint8)
        allowed = np.unpackbits(bits, bitorder="little")[: self._n_vocab].view(bool)
        if not allowed.any():
            raise BackendError(f"the constraint allows no next token: {self.matcher.get_error() or 'dead end'}")
        ptr = llama_cpp.llama_get_logits_ith(self._llm._ctx.ctx, -1)
        logits = np.ctypeslib.as_array(ptr, shape=(self._n_vocab,))
        logits[~allowed] = -np.inf
        self.mask_ms.append((time.perf_counter() - t0) * 1000)

    def consume(self, token: int) -> None:
        self.sampled += 1
        if not self.matcher.consume_token(token):
            raise BackendError(f"the sampled token broke the constraint: {self.matcher.get_error()}")

    def report(self) -> dict[str, Any]:
        masks = self.mask_ms
        return {
            "constraint_mechanism": "llguidance (grammar from guidance) in our llama.cpp loop",
            "constraint_satisfied": bool(self.matcher.is_accepting()),
            "ff_tokens": self.ff_tokens,
            "sampled_tokens": self.sampled,
            "mask_ms_total": round(sum(masks), 3),
            "mask_ms_mean": round(sum(masks) / len(masks), 4) if masks else None,
            "mask_ms_max": round(max(masks), 3) if masks else None,
        }
