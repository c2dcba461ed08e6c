"""Per variant figures over a comparison grid, and how stable answers are over repeats.

- :func:`summarize` -> ``list[VariantSummary]``: per column, pass rate, median and
  p90 TTFT, decode tokens/s, tokens used, guard failures, errors, stopped cells (cancelled
  or interrupted: not an error, run again on resume); and ``intervals``:
  per metric the estimate with its 95% interval (:mod:`reports.grid_stats`: Wilson
  for the pass rate, bootstrap for means, rows as the unit).
- :func:`stability` -> ``list[Stability]``: per cell, distinct answers over repeats
  and the agreement rate of the most common one.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from reports.grid import Column, Grid, normalize, percentile, top_answer
from reports.grid_stats import GridStatistics, grid_statistics
from reports.statistics import Estimate
from runs.store import RUN_DONE, TERMINAL

# a cell's run that ended without finishing (cancelled, interrupted): the experiment runs it again
STOPPED = tuple(s for s in TERMINAL if s not in RUN_DONE)


@dataclass
class VariantSummary:
    column: Column
    runs: int
    ok: int
    errors: int  # error, blocked
    stopped: int  # cancelled, interrupted: not finished, run again on resume
    asserted: int  # runs with assertions
    passed: int
    pass_rate: float | None  # None: no assertions
    ttft_median_ms: float | None
    ttft_p90_ms: float | None
    decode_tps_median: float | None
    prompt_tokens: int
    completion_tokens: int
    guard_failures: int
    assertion_pass_rates: dict[str, float]
    agreement: float | None  # mean agreement over repeats (None with one repeat)
    # metric (pass, score, length, ttft_ms, latency_ms, tokens_per_s) -> estimate with its interval
    intervals: dict[str, Estimate] = field(default_factory=dict)


@dataclass
class Stability:
    row_index: int
    column_key: str
    runs: int
    distinct: int
    top_answer: str
    agreement: float  # share of repeats giving the most common answer
    answers: dict[str, int]


def summarize(grid: Grid, stats: GridStatistics | None = None) -> list[VariantSummary]:
    """Per column its figures; ``stats`` (default: computed here) gives the intervals."""
    out = []
    stab = stability(grid)
    stats = stats if stats is not None else grid_statistics(grid)
    for col in grid.columns:
        cells = grid.cells(col.key)
        ok = [c for c in cells if c.status == "ok"]
        stopped = sum(1 for c in cells if c.status in STOPPED)
        judged = [c for c in cells if c.passed is not None]
        per_assertion: dict[str, list[bool]] = {}
        for c in cells:
            for a in c.assertions:
                per_assertion.setdefault(a["name"], []).append(a["verdict"] != "fail")
        agreements = [s.agreement for s in stab if s.column_key == col.key and s.runs > 1]
        out.append(VariantSummary(
            column=col, runs=len(cells), ok=len(ok), errors=len(cells) - len(ok) - stopped,
            stopped=stopped, asserted=len(judged),
            passed=sum(1 for c in judged if c.passed),
            pass_rate=(sum(1 for c in judged if c.passed) / len(judged)) if judged else None,
            ttft_median_ms=percentile((c.ttft_ms for c in ok if c.ttft_ms is not None), 50),
            ttft_p90_ms=percentile((c.ttft_ms for c in ok if c.ttft_ms is not None), 90),
            decode_tps_median=percentile((c.decode_tps for c in ok if c.decode_tps), 50),
            prompt_tokens=sum(c.prompt_tokens or 0 for c in cells),
            completion_tokens=sum(c.completion_tokens or 0 for c in cells),
            guard_failures=sum(c.guard_failures for c in cells),
            assertion_pass_rates={k: sum(v) / len(v) for k, v in per_assertion.items()},
            agreement=statistics.fmean(agreements) if agreements else None,
            intervals=stats.of(col.key),
        ))
    return out


def stability(grid: Grid) -> list[Stability]:
    out = []
    for row in grid.rows:
        for col in grid.columns:
            runs = row.cells.get(col.key) or []
            if not runs:
                continue
            counts = Counter(normalize(r.answer if r.status == "ok" else f"<{r.status}>") for r in runs)
            top, n = top_answer(runs)
            out.append(Stability(row.index, col.key, len(runs), len(counts), top, n / len(runs), dict(counts)))
    return out
