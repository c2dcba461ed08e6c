"""Answer scoring on llama.cpp (see backends/answer_scoring.py for what is scored).

The prompt is evaluated once, reusing the KV cache's common prefix as a run does
(``_eval_prompt``); its last row's logits give every answer's first token. The rest of
an answer needs the logits after each of its tokens: ``Llama(logits_all=False)`` keeps
only the last row, so answers go through llama.cpp's low-level API instead: a
``llama_batch`` with logits requested for every row, decoded at the positions after the
prompt, and ``llama_get_logits_ith`` read per row (llama-cpp-python 0.3.36). Answers are
taken in token order, so one that shares leading tokens with the previous keeps them in
the KV cache and evaluates only the rest; an answer of one token costs nothing past the
prompt. The last token of an answer is never evaluated (nothing is scored after it).
Afterwards the KV cache holds exactly the prompt, so the next run reuses it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from backends.answer_scoring import AnswerScores, answer_tokens, build_scores, check_token_budget, first_step_mass
from common.errors import BackendError, InvalidParamsError


def log_softmax_row(ptr: Any, n_vocab: int) -> np.ndarray:
    """The log-probabilities of one row of logits (a ctypes float pointer), in float64."""
    x = np.ctypeslib.as_array(ptr, shape=(n_vocab,)).astype(np.float64)
    top = x.max()
    return x - (top + np.log(np.exp(x - top).sum()))


def score_llama(backend: Any, request: Any, answers: tuple[str, ...], cancel: Any,
                prime_prompt: Callable[[list[int]], int]) -> AnswerScores:
    """Called with the backend's lock held and the model loaded; ``prime_prompt`` is the
    backend's own prompt evaluation (its cache reuse included: the backend's
    ``_prime_prompt``), so the rows match a run's. It returns the tokens it kept."""
    from llama_cpp import _internals

    t0 = time.perf_counter()
    llm = backend._llm
    sent = backend.render(request)
    prompt = backend.tokenize(sent)
    n_ctx = int(llm.n_ctx())
    toks: list[list[int]] = []
    bounds: list[str] = []
    alone = _tokenize_alone(llm)
    for a in answers:
        t, b = answer_tokens(prompt, a, backend._tokenize, alone, sent)
        toks.append(t)
        bounds.append(b)
    check_token_budget(toks, len(prompt), n_ctx)
    n = len(prompt)
    n_vocab = int(llm.n_vocab())
    ctx = llm._ctx
    try:
        common = prime_prompt(prompt)
        first = log_softmax_row(ctx.get_logits_ith(-1), n_vocab)
        per: list[list[float] | None] = [None] * len(answers)
        order = sorted(range(len(answers)), key=lambda i: toks[i])
        longest = max(len(t) for t in toks)
        batch = _internals.LlamaBatch(n_tokens=max(1, longest), embd=0, n_seq_max=1, verbose=False)
        in_cache: list[int] = []  # answer tokens after the prompt now in the KV cache
        rows: list[np.ndarray] = []  # log-probabilities after each of them
        evaluated = 0
        try:
            for i in order:
                if cancel is not None and cancel.cancelled:
                    raise BackendError("answer scoring was cancelled")
                need = toks[i][:-1]  # the tokens whose next-token distribution is needed
                keep = 0
                while keep < min(len(in_cache), len(need)) and in_cache[keep] == need[keep]:
                    keep += 1
                if len(need) > keep:
                    ctx.kv_cache_seq_rm(0, n + keep, -1)
                    fresh = need[keep:]
                    _fill(batch.batch, fresh, n + keep)
                    ctx.decode(batch)
                    evaluated += len(fresh)
                    rows = rows[:keep] + [log_softmax_row(ctx.get_logits_ith(j), n_vocab) for j in range(len(fresh))]
                    in_cache = list(need)
                lps = [float(first[toks[i][0]])]
                lps += [float(rows[j][toks[i][j + 1]]) for j in range(len(need))]
                per[i] = lps
        finally:
            batch.close()
    except (BackendError, InvalidParamsError):
        llm.n_tokens = 0
        raise
    except Exception as exc:  # llama_decode failures surface as RuntimeError
        llm.n_tokens = 0
        raise BackendError(f"llama.cpp failed while scoring answers: {exc}") from exc
    ctx.kv_cache_seq_rm(0, n, -1)  # the cache holds the prompt, as after its evaluation
    llm.n_tokens = n
    spelling = (first_step_mass(backend._ll_tokenizer(), request.constraint, first, {t[0] for t in toks})
                if request.constraint is not None else {})
    note = spelling.pop("note", None)
    return build_scores(answers, [(p or [], b) for p, b in zip(per, bounds)], source=backend.name,
                        prompt_tokens=n, ms=(time.perf_counter() - t0) * 1000, evaluated_tokens=evaluated,
                        note=note, extras={"cached_tokens": common, **spelling})


def _fill(batch: Any, tokens: list[int], pos0: int) -> None:
    batch.n_tokens = len(tokens)
    for j, t in enumerate(tokens):
        batch.token[j] = t
        batch.pos[j] = pos0 + j
        batch.seq_id[j][0] = 0
        batch.n_seq_id[j] = 1
        batch.logits[j] = True


def _tokenize_alone(llm: Any) -> Any:
    def tok(text: str) -> list[int]:
        return list(llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    return tok
