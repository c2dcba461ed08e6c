"""Answer probabilities as text: one line per answer with a bar of ``#`` (CLI ``show``)."""

from __future__ import annotations

import math
from typing import Any

BAR_WIDTH = 30
MAX_SHOWN = 20


def answer_prob_lines(record: dict[str, Any] | None, width: int = BAR_WIDTH) -> list[str]:
    """The lines for a run's ``answer_probs`` record (most probable first), or [] when there is none."""
    if not isinstance(record, dict):
        return []
    if record.get("error"):
        return [f"not scored: {record['error']}"]
    answers = [a for a in record.get("answers") or [] if isinstance(a, dict)]
    if not answers:
        return []
    answers.sort(key=lambda a: -float(a.get("prob") or 0.0))
    label_w = min(24, max(len(str(a.get("answer"))) for a in answers))
    chosen = record.get("chosen")
    lines = []
    for a in answers[:MAX_SHOWN]:
        p = float(a.get("prob") or 0.0)
        bar = "#" * round(p * width)
        label = str(a.get("answer"))
        label = label if len(label) <= label_w else label[: label_w - 1] + "…"
        lp = float(a.get("logprob", -math.inf))
        mark = " <- output" if chosen is not None and a.get("answer") == chosen else ""
        lines.append(f"{label:<{label_w}} {p:6.1%} {bar:<{width}} logprob {lp:8.3f} ({a.get('tokens', '?')} tok){mark}")
    if len(answers) > MAX_SHOWN:
        rest = sum(float(a.get("prob") or 0.0) for a in answers[MAX_SHOWN:])
        lines.append(f"... {len(answers) - MAX_SHOWN} more answers, {rest:.1%} in all")
    if record.get("note"):
        lines.append(f"note: {record['note']}")
    ms = record.get("ms")
    lines.append(f"scored by {record.get('source', '?')} in {ms if ms is not None else '?'} ms "
                 f"(normalised over the {len(answers)} answers; raw logprob = sum over the answer's tokens)")
    return lines


__all__ = ["answer_prob_lines"]
