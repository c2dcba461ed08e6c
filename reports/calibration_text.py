"""Calibration in the exports: a Markdown section, a JSON list and, for the HTML report,
a reliability diagram as inline SVG (accuracy against confidence per bin; the diagonal
is perfect calibration; a bar's width is its bin, its height the bin's accuracy, and a
dot marks the bin's mean confidence). Labels are escaped here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from reports.calibration import Calibration
from reports.text import md as _md


def calibration_markdown(cals: Sequence[Calibration]) -> list[str]:
    if not cals:
        return []
    lines = ["", "## Calibration of answer probabilities", "",
             "Each run with a choice constraint was scored: the most probable answer is the prediction and its "
             "probability the confidence (ECE: expected calibration error over 10 bins; Brier: multi-class, 0 best).",
             "", "| variant | scored | accuracy | mean confidence | ECE | MCE | Brier | Brier (top answer) |",
             "|---|---|---|---|---|---|---|---|"]
    for c in cals:
        lines.append(f"| {_md(c.label)} | {c.n} | {c.accuracy:.0%} | {c.mean_confidence:.0%} | {c.ece:.3f} | "
                     f"{c.mce:.3f} | {c.brier:.3f} | {c.brier_top:.3f} |")
    lines += ["", "Accuracy by confidence bin (n in brackets):", "",
              "| variant | " + " | ".join(f"{b.lo:.1f}–{b.hi:.1f}" for b in cals[0].bins) + " |",
              "|---|" + "---|" * len(cals[0].bins)]
    for c in cals:
        cells = ["–" if b.accuracy is None else f"{b.accuracy:.0%} ({b.n})" for b in c.bins]
        lines.append(f"| {_md(c.label)} | " + " | ".join(cells) + " |")
    return lines


def calibration_json(cals: Sequence[Calibration]) -> list[dict[str, Any]]:
    return [c.to_dict() for c in cals]


def reliability_svg(c: Calibration, size: int = 260) -> Markup:
    """One variant's reliability diagram."""
    pad_l, pad_b, pad_t = 34, 28, 24
    plot = size - pad_l - 8
    h = pad_t + plot + pad_b

    def x(v: float) -> float:
        return pad_l + v * plot

    def y(v: float) -> float:
        return pad_t + (1 - v) * plot

    title = f"{c.label or 'answers'}: ECE {c.ece:.3f}, n {c.n}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart reliability" width="{size}" height="{h}" '
             f'viewBox="0 0 {size} {h}" role="img" aria-label="{escape("Reliability diagram " + title)}">',
             f'<text x="0" y="14" class="chart-title">{escape(title)}</text>',
             f'<rect x="{pad_l}" y="{pad_t}" width="{plot}" height="{plot}" fill="none" stroke="#999"/>',
             f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#999" stroke-dasharray="4 3"/>']
    for b in c.bins:
        if b.accuracy is None or b.confidence is None:
            continue
        parts.append(f'<rect x="{x(b.lo) + 1:.1f}" y="{y(b.accuracy):.1f}" width="{max(1.0, (b.hi - b.lo) * plot - 2):.1f}" '
                     f'height="{b.accuracy * plot:.1f}" fill="#3b6fb6" opacity="0.75"><title>{b.lo:.1f}–{b.hi:.1f}: '
                     f'accuracy {b.accuracy:.0%}, confidence {b.confidence:.0%}, n {b.n}</title></rect>')
        parts.append(f'<circle cx="{x(b.confidence):.1f}" cy="{y(b.confidence):.1f}" r="2.5" fill="#b22222"/>')
    for v in (0.0, 0.5, 1.0):
        parts.append(f'<text x="{x(v):.1f}" y="{pad_t + plot + 14}" text-anchor="middle" class="chart-label">{v:g}</text>')
        parts.append(f'<text x="{pad_l - 4}" y="{y(v) + 4:.1f}" text-anchor="end" class="chart-label">{v:g}</text>')
    parts.append(f'<text x="{x(0.5):.1f}" y="{h - 2}" text-anchor="middle" class="chart-label">confidence</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


__all__ = ["calibration_json", "calibration_markdown", "reliability_svg"]
