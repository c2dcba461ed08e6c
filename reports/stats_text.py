"""The statistics in words and tables for the reports and the CLI: intervals as text
("62% (41–79%)"), the comparisons between variants and the baseline's paired test as
Markdown, and flat records for CSV. The HTML draws them in ``report.html.j2``."""

from __future__ import annotations

from typing import Any

from common.i18n import _
from reports.baseline import BaselineComparison
from reports.grid_stats import GridStatistics
from reports.statistics import Comparison, Estimate, Kappa
from reports.text import md, num

PERCENT_METRICS = ("pass", "pass rate", "answer agreement")


def _is_rate(metric: str) -> bool:
    return metric in PERCENT_METRICS


def value_text(value: float | None, rate: bool, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.{digits}f}%" if rate else num(value, digits if digits else (1 if abs(value) < 100 else 0))


def interval_text(est: Estimate | None, digits: int = 0) -> str:
    """ "62% (41–79%)", "153 (150–156)", or the estimate alone when it has no interval."""
    if est is None or est.estimate is None:
        return "–"
    rate = _is_rate(est.metric)
    if rate:
        shown = value_text(est.estimate, True, digits)
        return f"{shown} ({est.low * 100:.{digits}f}–{est.high * 100:.{digits}f}%)" if est.low is not None else shown
    d = 2 if abs(est.estimate) < 10 else (1 if abs(est.estimate) < 100 else 0)
    shown = f"{est.estimate:.{d}f}"
    return f"{shown} ({est.low:.{d}f}–{est.high:.{d}f})" if est.low is not None else shown


def p_text(p: float | None) -> str:
    if p is None:
        return "–"
    return "p<0.001" if p < 0.001 else f"p={p:.3f}"


def difference_text(c: Comparison) -> str:
    """ "+12 points (−3 to +27)" for pass rates, "+0.12 (−0.03 to +0.27)" for scores."""
    if c.difference is None:
        return "–"
    if c.metric == "pass rate":
        def f(x: float) -> str:
            return "0" if round(x * 100) == 0 else f"{x * 100:+.0f}"
    else:
        def f(x: float) -> str:
            return "0" if x == 0 else f"{x:+.3g}"
    if c.metric == "pass rate":
        if c.low is None or c.high is None:
            return _("{difference} points").format(difference=f(c.difference))
        return _("{difference} points ({low} to {high})").format(difference=f(c.difference), low=f(c.low),
                                                                  high=f(c.high))
    if c.low is None or c.high is None:
        return f(c.difference)
    return _("{difference} ({low} to {high})").format(difference=f(c.difference), low=f(c.low), high=f(c.high))


def kappa_text(k: Kappa | None) -> str:
    if k is None:
        return "–"
    if k.kappa is None:
        return "undefined"
    return f"{k.kappa:.2f} ({k.low:.2f} to {k.high:.2f})" if k.low is not None else f"{k.kappa:.2f}"


METRIC_HEADS = {"pass": "pass rate", "score": "mean score", "length": "output tokens", "ttft_ms": "TTFT ms",
                "latency_ms": "latency ms", "tokens_per_s": "decode tok/s"}


def interval_table(stats: GridStatistics, columns: list[Any]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """(metric heads, [(variant label, cells)]) of every metric any variant has, each
    cell the estimate with its interval ("–" where there is none)."""
    metrics = [m for m in METRIC_HEADS if any(m in stats.of(c.key) for c in columns)]
    rows = [(c.label, [interval_text(stats.estimate(c.key, m)) for m in metrics]) for c in columns]
    return [METRIC_HEADS[m] for m in metrics], rows


def intervals_markdown(stats: GridStatistics, columns: list[Any]) -> list[str]:
    """The "95% intervals per variant" table: every metric's mean (or rate) with its interval."""
    heads, rows = interval_table(stats, columns)
    if not heads:
        return []
    lines = ["", f"## {stats.settings.confidence:.0%} intervals per variant", "",
             "| variant | " + " | ".join(heads) + " |", "|---|" + "---|" * len(heads)]
    lines += [f"| {md(label, 60)} | " + " | ".join(cells) + " |" for label, cells in rows]
    return lines


def comparisons_markdown(stats: GridStatistics) -> list[str]:
    """The "Comparisons between variants" section (nothing with fewer than two variants)."""
    families = [(m, cs) for m, cs in stats.analysis.comparisons.items() if cs]
    if not families:
        return []
    lines = ["", "## Comparisons between variants", "",
             "Paired on the rows both variants ran; difference is A − B with its 95% interval.", "",
             "| metric | A | B | rows | A value | B value | difference | p | p adjusted | verdict |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for _family, cs in families:
        for c in cs:
            rate = c.metric == "pass rate"
            lines.append(f"| {c.metric} | {md(c.a, 40)} | {md(c.b, 40)} | {c.n} | "
                         f"{value_text(c.a_estimate, rate) if rate else num(c.a_estimate, 3)} | "
                         f"{value_text(c.b_estimate, rate) if rate else num(c.b_estimate, 3)} | "
                         f"{difference_text(c)} | {p_text(c.p_value)} | "
                         f"{p_text(c.p_adjusted) if c.correction else '–'} | {md(c.verdict, 200)} |")
    lines += [""] + [f"- {md(n, 400)}" for n in stats.notes()]
    return lines


def baseline_markdown(b: BaselineComparison) -> list[str]:
    """Whether the change against the baseline is significant, and per variant."""
    if b.overall is None:
        return ["", "No variant matched the baseline: no paired test."]
    o = b.overall
    lines = ["", f"Paired test over {o.n} matched cells: {difference_text(o)}, {p_text(o.p_value)} "
                 f"({o.test.split(' (')[0]}): **{md(o.verdict, 200)}**."]
    if len(b.tests) > 1:
        lines += ["", "| variant | rows | difference | p | p adjusted | verdict |", "|---|---|---|---|---|---|"]
        for c in b.tests:
            lines.append(f"| {md(c.a, 40)} | {c.n} | {difference_text(c)} | {p_text(c.p_value)} | "
                         f"{p_text(c.p_adjusted) if c.correction else '–'} | {md(c.verdict, 200)} |")
    return lines


STATS_CSV_FIELDS = ("variant_pass_rate", "variant_pass_rate_low", "variant_pass_rate_high",
                    "variant_mean_score", "variant_mean_score_low", "variant_mean_score_high")


def variant_record(stats: GridStatistics | None, column_key: str) -> dict[str, Any]:
    """The CSV columns of a run's variant: its pass rate and mean score with intervals."""
    out: dict[str, Any] = dict.fromkeys(STATS_CSV_FIELDS)
    if stats is None:
        return out
    for metric, prefix in (("pass", "variant_pass_rate"), ("score", "variant_mean_score")):
        est = stats.estimate(column_key, metric)
        if est is not None and est.estimate is not None:
            out[prefix] = round(est.estimate, 6)
            out[f"{prefix}_low"] = round(est.low, 6) if est.low is not None else None
            out[f"{prefix}_high"] = round(est.high, 6) if est.high is not None else None
    return out


__all__ = ["METRIC_HEADS", "STATS_CSV_FIELDS", "baseline_markdown", "comparisons_markdown", "difference_text",
           "interval_table", "interval_text", "intervals_markdown", "kappa_text", "p_text", "value_text",
           "variant_record"]
