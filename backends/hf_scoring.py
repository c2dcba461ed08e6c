"""Answer scoring on transformers (see backends/answer_scoring.py for what is scored).

The prompt goes through the model once with its KV cache kept; each answer then runs
as one forward pass over that cache (its tokens but the last, with the logits of every
row), and the cache is cropped back to the prompt before the next answer (``crop(-k)`` drops the
last k positions in transformers 5), so the
prompt is never evaluated twice. The first token's log-probability comes from the
prompt's last row.
"""

from __future__ import annotations

import time
from typing import Any

from backends.answer_scoring import AnswerScores, answer_tokens, build_scores, check_token_budget, first_step_mass
from common.errors import BackendError, InvalidParamsError


def score_hf(backend: Any, request: Any, answers: tuple[str, ...], cancel: Any = None) -> AnswerScores:
    """Called with the backend's lock held and the model loaded."""
    torch = backend._torch
    t0 = time.perf_counter()
    sent = backend.render(request)
    prompt = backend.tokenize(sent)
    tok = backend._tok

    def alone(text: str) -> list[int]:
        return list(tok(text, add_special_tokens=False)["input_ids"])

    toks, bounds = [], []
    for a in answers:
        t, b = answer_tokens(prompt, a, backend.tokenize, alone, sent)
        toks.append(t)
        bounds.append(b)
    check_token_budget(toks, len(prompt), backend.n_ctx)
    model = backend._model
    n = len(prompt)
    per: list[tuple[list[float], str]] = []
    evaluated = 0
    try:
        with torch.inference_mode():
            res = model(input_ids=torch.tensor([prompt], device=backend.device), use_cache=True)
            first = torch.log_softmax(res.logits[0, -1, :].double(), dim=-1)
            cache = res.past_key_values
            for ids, b in zip(toks, bounds):
                if cancel is not None and cancel.cancelled:
                    raise BackendError("answer scoring was cancelled")
                lps = [float(first[ids[0]])]
                if len(ids) > 1:
                    out = model(input_ids=torch.tensor([ids[:-1]], device=backend.device), past_key_values=cache,
                                use_cache=True)
                    rows = torch.log_softmax(out.logits[0].double(), dim=-1)
                    lps += [float(rows[j, ids[j + 1]]) for j in range(len(ids) - 1)]
                    evaluated += len(ids) - 1
                    cache.crop(-(len(ids) - 1))  # back to the prompt (transformers 5: a negative count)
                per.append((lps, b))
    except (BackendError, InvalidParamsError):
        raise
    except Exception as exc:  # torch errors: out of memory, device errors
        raise BackendError(f"transformers failed while scoring answers: {type(exc).__name__}: {exc}") from exc
    spelling = (first_step_mass(backend._ll_tokenizer(), request.constraint, first.cpu().numpy(),
                                {t[0] for t in toks}) if request.constraint is not None else {})
    note = spelling.pop("note", None)
    return build_scores(answers, per, source=backend.name, prompt_tokens=n, ms=(time.perf_counter() - t0) * 1000,
                        evaluated_tokens=evaluated, note=note, extras=spelling)
