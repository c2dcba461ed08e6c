"""llama.cpp logits rows for the token loop's probabilities (backends/llama_cpp.py):
a numpy view of one output row, and a batch evaluation that keeps every row."""

from __future__ import annotations

from typing import Any

from backends.token_record import StepRecorder
from common.errors import BackendError


def logits_row(llm: Any) -> Any:
    """``row(i)``: llama.cpp's logits of output row ``i`` (-1: the last) as a numpy view (no
    copy). The view of an address already seen is reused: the loop asks for the last row
    after every decode, and building a view costs more than the argmax it is for."""
    import ctypes

    import llama_cpp
    import numpy as np

    n_vocab = int(llm.n_vocab())
    ctx = llm._ctx.ctx
    get = llama_cpp.llama_get_logits_ith
    floats = ctypes.c_float * n_vocab
    seen: dict[int, Any] = {}

    def row(i: int) -> Any:
        addr = ctypes.cast(get(ctx, i), ctypes.c_void_p).value
        if not addr:
            raise BackendError("llama.cpp returned no logits for a token it evaluated")
        view = seen.get(addr)
        if view is None:
            if len(seen) > 64:  # the output buffer was reallocated: forget the old addresses
                seen.clear()
            view = seen[addr] = np.frombuffer(floats.from_address(addr), dtype=np.float32)
        return view

    return row


def eval_keeping_rows(llm: Any, tokens: list[int], row: Any, rec: StepRecorder, nexts: list[int],
                      skip: int = 0) -> None:
    """``llm.eval(tokens)``, but keeping every row's logits: row ``i`` (the distribution
    after ``tokens[i]``) records the forced token ``nexts[i]`` (from ``i = skip`` on; a token
    the grammar forced, so the only one it allowed there), before the next batch overwrites
    it. The last row is the same as ``llm.eval`` leaves (kept for sampling)."""
    llm._ctx.kv_cache_seq_rm(-1, llm.n_tokens, -1)
    for start in range(0, len(tokens), llm.n_batch):
        chunk = tokens[start:start + llm.n_batch]
        n_past = llm.n_tokens
        llm._batch.set_batch(batch=chunk, n_past=n_past, logits_all=True)
        llm._ctx.decode(llm._batch)
        llm.input_ids[n_past:n_past + len(chunk)] = chunk
        llm.n_tokens += len(chunk)
        for j in range(max(0, skip - start), min(len(chunk), len(nexts) - start)):
            rec.step(row(j), nexts[start + j], forced=True, only=True)
