"""Token probabilities in the exports: per run its mean log-probability and perplexity
(every format), and in JSON the full traces, bounded in total size.

``mean_logprob`` is the mean over the run's generated tokens of their natural-log
probability; ``perplexity`` is ``exp(-mean_logprob)``. Runs without a trace have neither.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from reports.text import md as _md
from runs.store import Store

# the JSON export carries whole traces up to this many token steps in all; past it, the
# remaining runs keep their summaries only (``tokens_truncated`` says how many)
MAX_EXPORT_STEPS = 100_000
MAX_MARKDOWN_ROWS = 200
TOKEN_CSV_FIELDS = ("mean_logprob", "perplexity", "logprob_tokens")


def summaries(store: Store, run_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Run id -> ``{k, n_tokens, source, mean_logprob, perplexity}`` for runs with a trace."""
    out = store.token_summaries(run_ids)
    for s in out.values():
        m = s.get("mean_logprob")
        s["mean_logprob"] = round(m, 5) if isinstance(m, (int, float)) and math.isfinite(m) else None
        s["perplexity"] = _perplexity(s["mean_logprob"])
    return out


def traces(store: Store, run_ids: Iterable[str], max_steps: int | None = None) -> tuple[dict[str, Any], int]:
    """(run id -> TokenTrace.to_dict(), how many runs were left out to stay under ``max_steps``,
    default :data:`MAX_EXPORT_STEPS`)."""
    max_steps = MAX_EXPORT_STEPS if max_steps is None else max_steps
    out: dict[str, Any] = {}
    left_out = 0
    total = 0
    for rid, s in summaries(store, run_ids).items():
        n = int(s.get("n_tokens") or 0)
        if total + n > max_steps:
            left_out += 1
            continue
        trace = store.tokens(rid)
        if trace is not None:
            out[rid] = trace.to_dict()
            total += n
    return out, left_out


def csv_fields(summary: dict[str, Any] | None) -> dict[str, Any]:
    if not summary:
        return dict.fromkeys(TOKEN_CSV_FIELDS)
    return {"mean_logprob": summary["mean_logprob"], "perplexity": summary["perplexity"],
            "logprob_tokens": summary["n_tokens"]}


def markdown(rows: list[tuple[str, str, dict[str, Any]]]) -> list[str]:
    """A section listing ``(run id, variant label, summary)``; nothing when no run has a trace."""
    if not rows:
        return []
    lines = ["", "## Token probabilities", "",
             "Mean natural-log probability of the generated tokens and perplexity (exp of minus the mean), per run.",
             "", "| run | variant | tokens | mean logprob | perplexity | source |", "|---|---|---|---|---|---|"]
    for rid, label, s in rows[:MAX_MARKDOWN_ROWS]:
        lines.append(f"| {rid} | {_md(label)} | {s['n_tokens']} | {_fmt(s['mean_logprob'], 3)} | "
                     f"{_fmt(s['perplexity'], 2)} | {_md(str(s['source']))} |")
    if len(rows) > MAX_MARKDOWN_ROWS:
        lines.append(f"\n{len(rows) - MAX_MARKDOWN_ROWS} more runs in the CSV and JSON exports.")
    return lines


def _perplexity(mean: float | None) -> float | None:
    if mean is None:
        return None
    try:
        return round(math.exp(-mean), 4)
    except OverflowError:
        return None


def _fmt(v: float | None, digits: int) -> str:
    return "–" if v is None else f"{v:.{digits}f}"
