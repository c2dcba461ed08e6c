"""`show RUN --tokens`: a run's token probabilities as a readable table, and the
one-line summary `run --logprobs K` prints after the answer."""

from __future__ import annotations

import math
from typing import Any

from backends.logprobs import TokenTrace

MAX_ALTERNATIVES_SHOWN = 5


def summary_line(trace: TokenTrace) -> str:
    mean, ppl = trace.mean_logprob, trace.perplexity
    forced = sum(1 for s in trace.steps if s.forced)
    return (f"[token probabilities: {len(trace)} tokens · top {trace.k} · mean logprob "
            f"{_num(mean, 3)} · perplexity {_num(ppl, 2)}" + (f" · {forced} forced" if forced else "")
            + f" · {trace.source}]" + (f" note: {trace.note}" if trace.note else ""))


def table(trace: TokenTrace, width: int = 160) -> str:
    """Token, probability, entropy and the top alternatives, one row per step."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    t = Table(show_lines=False)
    for col, justify in (("#", "right"), ("token", "left"), ("prob", "right"), ("logprob", "right"),
                         ("entropy", "right"), ("top alternatives", "left")):
        t.add_column(col, justify=justify, no_wrap=col != "top alternatives")  # type: ignore[arg-type]
    for i, s in enumerate(trace.steps):
        alts = "  ".join(f"{_shown(a.text)} {math.exp(a.logprob):.3f}" + (" ✗" if a.token_id in s.blocked else "")
                         for a in s.top[:MAX_ALTERNATIVES_SHOWN])
        t.add_row(str(i), escape(_shown(s.text) + (" (forced)" if s.forced else "")), f"{s.prob:.4f}",
                  f"{s.logprob:.3f}", f"{s.entropy:.3f}", escape(alts))
    console = Console(width=width, record=True, file=_Null())
    console.print(t)
    text = console.export_text()
    low = trace.low_confidence(0.1)
    tail = [summary_line(trace),
            f"temperature of the recorded distribution: {trace.temperature:g}; natural logarithms; entropy in nats"]
    if trace.constrained:
        tail.append("constrained: the model's own probabilities, before the constraint's mask; "
                    "✗ marks an alternative the constraint did not allow there")
    if low:
        tail.append("steps below 10% probability: " + ", ".join(
            f"{a}" if b - a == 1 else f"{a}-{b - 1}" for a, b in low))
    return text + "\n".join(tail) + "\n"


def _shown(text: str) -> str:
    """A token's text with its whitespace visible: quoted, newlines and tabs escaped."""
    return repr(text)[1:-1] if text.strip() == text and text else repr(text)


def _num(v: float | None, digits: int) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


class _Null:
    def write(self, _s: str) -> int:
        return 0

    def flush(self) -> None:
        pass


def trace_json(trace: TokenTrace | None) -> dict[str, Any] | None:
    return None if trace is None else {**trace.to_dict(), "summary": trace.summary()}
