"""Recording token probabilities from a row of logits (numpy), for our own token loops.

Shared by the llama.cpp loop (a view of llama.cpp's own logits buffer) and the
transformers loop (a torch row turned into numpy). What is recorded, for every step:

- the distribution of ``logits / T`` (``T`` the run's temperature; 1 for greedy runs,
  temperature 0), *before* the repeat penalty and before truncation (top-k, top-p,
  min-p, factual nucleus) and before a constraint's mask: what the model itself
  believed, the same numbers whatever the sampler then kept;
- the chosen token's log-probability in it, the step's entropy (nats) and the ``k``
  most likely tokens, most likely first (ties broken by token id).

Because the repeat penalty is not in the recorded distribution, a greedy run with a
repeat penalty may pick a token that is not the recorded top-1 (it is top-1 with
``repeat_penalty`` 1).

Cost: one pass for the maximum, one ``exp``, a sum and a dot product over the vocabulary,
and the top k found among the logits within ``TOP_WINDOW`` nats of the maximum (a full
``argpartition`` over 49,152 logits costs more than all the rest together; it is the
fallback when fewer than k are that close). About 0.15 ms for SmolLM2's 49,152 logits
on one idle core (benchmarks/bench_logprobs.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from backends.logprobs import Alternative, TokenStep, TokenTrace


class StepRecorder:
    """Turns logits rows into :class:`TokenStep` s: ``observe(row)`` before sampling,
    ``commit(token)`` once the token is known (the row must still hold the same numbers)."""

    def __init__(self, k: int, temperature: float, text_of: Callable[[int], str], source: str):
        self.k = k
        self.temperature = temperature if temperature > 0 else 1.0
        self._inv_t = 1.0 / self.temperature
        self._text_of = text_of
        self.trace = TokenTrace(k=k, source=source, temperature=self.temperature)
        self._row: np.ndarray | None = None
        self._lse = 0.0
        self._entropy = 0.0
        self._top: tuple[Alternative, ...] = ()
        self._blocked: tuple[int, ...] = ()

    def observe(self, row: np.ndarray) -> None:
        """Take the distribution of one step (``row``: raw logits, not yet masked)."""
        x = row if self._inv_t == 1.0 else row * np.float32(self._inv_t)
        m = float(x.max())
        if not math.isfinite(m):  # every logit -inf or a NaN: nothing meaningful to say
            self._row, self._lse, self._entropy, self._top = x, math.inf, math.nan, ()
            return
        e = np.exp(x - m)
        z = float(e.sum())
        lse = m + math.log(z)
        dot = float(np.dot(e, x))
        if not math.isfinite(dot):  # some logits are -inf (0 * -inf): leave them out
            finite = np.isfinite(x)
            dot = float(np.dot(e[finite], x[finite]))
        self._entropy = max(0.0, lse - dot / z)
        self._lse = lse
        idx = _top_ids(x, min(self.k, x.shape[0]), m)
        self._top = tuple(Alternative(int(i), self._text_of(int(i)), float(x[i]) - lse) for i in idx)
        self._row = x
        self._blocked = ()

    def allow(self, allowed: np.ndarray) -> None:
        """The observed step was constrained: ``allowed`` (a bool per token id) says which
        tokens the grammar let through; the alternatives it did not are marked blocked."""
        self.trace.constrained = True
        n = allowed.shape[0]
        self._blocked = tuple(a.token_id for a in self._top if a.token_id >= n or not allowed[a.token_id])

    def commit(self, token: int, forced: bool = False) -> None:
        """Record ``token`` as this step's output (its probability in the observed row)."""
        if self._row is None:
            return
        lp = float(self._row[token]) - self._lse if token < self._row.shape[0] else -math.inf
        if math.isnan(lp):
            lp = -math.inf
        self.trace.steps.append(TokenStep(token, self._text_of(token), lp, self._entropy, self._top, forced,
                                          self._blocked))
        self._row = None

    def step(self, row: np.ndarray, token: int, forced: bool = False, only: bool = False) -> None:
        """Observe and commit in one; ``only``: the grammar allowed ``token`` alone here
        (a forced token), so every other alternative is marked blocked."""
        self.observe(row)
        if only:
            self.trace.constrained = True
            self._blocked = tuple(a.token_id for a in self._top if a.token_id != token)
        self.commit(token, forced)


def noting_allowed(rec: StepRecorder, apply: Callable[[np.ndarray], None]) -> Callable[[np.ndarray], None]:
    """A constraint's mask step (``apply(allowed)``, backends/guide.py) that first tells
    ``rec`` which of the observed step's alternatives the grammar allowed."""

    def both(allowed: np.ndarray) -> None:
        rec.allow(allowed)
        apply(allowed)

    return both


TOP_WINDOW = 12.0  # nats below the most likely token: e**-12 is a probability ratio of 6e-6


def _top_ids(x: np.ndarray, k: int, m: float) -> np.ndarray:
    """The ids of the ``k`` largest of ``x`` (its maximum ``m``), largest first, ties by id."""
    cand = np.flatnonzero(x >= m - TOP_WINDOW)
    if len(cand) < k:
        cand = np.arange(x.shape[0])
    if len(cand) > k:
        vals = x[cand]
        kth = np.partition(vals, -k)[-k]
        cand = cand[vals >= kth]  # every tie at the k-th value, so ties go by id below
    return cand[np.lexsort((cand, -x[cand]))][:k]
