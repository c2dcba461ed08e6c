"""Decoding one token at a time into a llama-cpp-python context, without ``Llama.eval``.

``Llama.eval([tok])`` per generated token trims the KV cache past ``n_tokens`` (one
call into llama.cpp), fills the binding's n_batch-sized ``llama_batch`` field by field,
decodes, and writes the token into ``input_ids`` through a list-to-slice copy. In our
token loop the cache never holds anything past ``n_tokens`` (the prompt was evaluated
through ``Llama.eval``, which trimmed it, and every later token is appended), so only the
decode is needed. :class:`OneToken` keeps a one-token ``llama_batch`` whose arrays are
ours (ctypes, freed with the object) and whose sequence id and logits flag are set
once; :func:`decode_one` writes the token and its position, calls
``llama_cpp.llama_decode``, and keeps ``llm.input_ids`` / ``llm.n_tokens`` exactly as
``Llama.eval`` would (the next run's prefix reuse reads them). The batch is the same
one-token batch ``Llama.eval`` builds (one token, one sequence, its logits kept), so the
logits are bit-identical. ``llm.scores`` is not touched: ``Llama.eval`` only fills it
with ``logits_all``, which our backend never sets.

llama.cpp itself refuses a position that does not follow the cache's last one
(``llama_decode`` returns -1), so a stale cache fails loudly instead of mixing contexts.
"""

from __future__ import annotations

import ctypes
from typing import Any

from common.errors import BackendError


class OneToken:
    """A reusable one-token ``llama_batch`` for sequence 0 with its logits kept."""

    def __init__(self) -> None:
        import llama_cpp

        self._token = (llama_cpp.llama_token * 1)()
        self._pos = (llama_cpp.llama_pos * 1)()
        self._n_seq_id = (ctypes.c_int32 * 1)(1)
        self._seq = (llama_cpp.llama_seq_id * 1)(0)
        self._seq_ids = (ctypes.POINTER(llama_cpp.llama_seq_id) * 1)(
            ctypes.cast(self._seq, ctypes.POINTER(llama_cpp.llama_seq_id)))
        self._logits = (ctypes.c_int8 * 1)(1)
        self.batch = llama_cpp.llama_batch(
            n_tokens=1,
            token=ctypes.cast(self._token, ctypes.POINTER(llama_cpp.llama_token)),
            embd=None,
            pos=ctypes.cast(self._pos, ctypes.POINTER(llama_cpp.llama_pos)),
            n_seq_id=ctypes.cast(self._n_seq_id, ctypes.POINTER(ctypes.c_int32)),
            seq_id=ctypes.cast(self._seq_ids, ctypes.POINTER(ctypes.POINTER(llama_cpp.llama_seq_id))),
            logits=ctypes.cast(self._logits, ctypes.POINTER(ctypes.c_int8)),
        )
        self.decode = llama_cpp.llama_decode


def decode_one(llm: Any, one: OneToken, token: int) -> None:
    """Evaluate ``token`` at position ``llm.n_tokens`` (what ``llm.eval([token])`` does
    when the KV cache ends at ``n_tokens``), leaving its logits for the sampler."""
    pos = llm.n_tokens
    one._token[0] = token
    one._pos[0] = pos
    rc = one.decode(llm._ctx.ctx, one.batch)
    if rc != 0:
        raise BackendError(f"llama.cpp failed while generating: llama_decode returned {rc}")
    llm.input_ids[pos] = token
    llm.n_tokens = pos + 1


def decode_tokens(llm: Any, one: OneToken, tokens: list[int]) -> None:
    """Evaluate ``tokens`` (a constraint's forced run) after the cache: one token through
    :func:`decode_one`, several as one batch through ``Llama.eval`` (its per-call cost is
    spread over the batch), exactly the batches the loop used before."""
    if len(tokens) == 1:
        decode_one(llm, one, tokens[0])
    else:
        llm.eval(tokens)
