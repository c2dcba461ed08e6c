"""CLI: `stats IDS... [--json]`: the statistics of stored experiments or runs, run again never.

Per variant the pass rate and the means (score, output tokens, TTFT, latency, decode
tok/s) with their 95% intervals; between variants the paired tests with the
difference, its interval, the p-value (Holm-adjusted with more than two variants)
and a verdict in words; with ``--baseline`` the paired test against the baseline
experiment; with two or more models the agreement's interval and Cohen's kappa.
``--seed``, ``--resamples``, ``--bootstrap`` and ``--confidence`` choose how; every
figure in ``--json`` carries its method, seed, resamples and n.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from cli.codes import command


def add_arguments(sub: Any) -> None:
    p = sub.add_parser("stats", help="intervals, paired tests and verdicts for experiments or runs; runs nothing")
    p.add_argument("ids", nargs="+", metavar="ID", help="experiment ids and/or run ids (unique prefixes work)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--baseline", metavar="EXPERIMENT_ID", help="also test the experiment against this one")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--resamples", type=int, default=2000, help="bootstrap resamples (default 2000)")
    p.add_argument("--bootstrap", choices=("BCa", "percentile"), default="BCa", help="bootstrap interval (default BCa)")
    p.add_argument("--confidence", type=float, default=0.95, help="interval level (default 0.95)")


def _settings(args: argparse.Namespace) -> Any:
    from reports.statistics import Settings

    return Settings(confidence=args.confidence, seed=args.seed, n_resamples=args.resamples, bootstrap=args.bootstrap)


def statistics_json(grid: Any, stats: Any, baseline: Any = None, agreement: Any = None) -> dict[str, Any]:
    """What `stats --json` prints: settings, per variant its estimates, the comparisons,
    the notes, and the baseline's and the agreement's statistics when there are any."""
    data = stats.to_dict()
    out = {
        "ids": grid.ids,
        "experiments": [e["id"] for e in grid.experiments],
        "settings": data["settings"],
        "variants": [{"column": c.key, "label": c.label, "estimates": data["estimates"].get(c.label, {})}
                     for c in grid.columns],
        "comparisons": data["comparisons"],
        "notes": data["notes"],
        "baseline": None,
        "agreement": None,
    }
    if baseline is not None:
        out["baseline"] = {"experiment_id": baseline.experiment_id, "baseline_id": baseline.baseline_id,
                           "counts": baseline.counts(), "significant": baseline.significant,
                           "verdict": baseline.verdict,
                           "overall": baseline.overall.to_dict() if baseline.overall else None,
                           "variants": [c.to_dict() for c in baseline.tests],
                           "regressions": [{"row": ch.row_index, "label": ch.label, "variant": ch.column_label}
                                           for ch in baseline.regressions()],
                           "improvements": [{"row": ch.row_index, "label": ch.label, "variant": ch.column_label}
                                            for ch in baseline.improvements()]}
    if agreement is not None:
        out["agreement"] = {"reference": agreement.reference, "models": [
            {"model": m.other.model, "pairs": m.pairs,
             "answer_agreement": m.agreement_interval.to_dict() if m.agreement_interval else None,
             "kappa": m.kappa.to_dict() if m.kappa else None} for m in agreement.comparisons]}
    return out


def print_statistics(grid: Any, stats: Any, baseline: Any = None, agreement: Any = None) -> None:
    from rich.console import Console
    from rich.table import Table

    from reports.stats_text import difference_text, interval_text, kappa_text, p_text

    console = Console(width=180)
    metrics = [m for m in ("pass", "score", "length", "ttft_ms", "latency_ms", "tokens_per_s")
               if any(m in stats.of(c.key) for c in grid.columns)]
    heads = {"pass": "pass rate", "score": "mean score", "length": "output tok", "ttft_ms": "TTFT ms",
             "latency_ms": "latency ms", "tokens_per_s": "decode tok/s"}
    table = Table(title=f"{stats.settings.confidence:.0%} intervals per variant")
    table.add_column("variant", no_wrap=True)
    table.add_column("rows", justify="right")
    for m in metrics:
        table.add_column(heads[m], justify="right")
    for c in grid.columns:
        est = stats.of(c.key)
        n = max((e.n for e in est.values()), default=0)
        table.add_row(c.label, str(n), *[interval_text(est.get(m)) if est.get(m) else "-" for m in metrics])
    console.print(table)
    tested = [cs for cs in stats.analysis.comparisons.values() if cs]
    if tested:
        t = Table(title="paired comparisons (A - B, on the rows both ran)")
        for col in ("metric", "A", "B", "rows", "difference", "p", "p adjusted", "verdict"):
            t.add_column(col, justify="right" if col in ("rows", "p", "p adjusted") else "left")
        for cs in tested:
            for x in cs:
                t.add_row(x.metric, x.a, x.b, str(x.n), difference_text(x), p_text(x.p_value),
                          p_text(x.p_adjusted) if x.correction else "-", x.verdict)
        console.print(t)
    if baseline is not None:
        counts = baseline.counts()
        console.print(f"against baseline {baseline.baseline_id}: {counts['better']} rows better, "
                      f"{counts['worse']} worse; {baseline.verdict}"
                      + (f" ({p_text(baseline.overall.p_value)}, {difference_text(baseline.overall)})"
                         if baseline.overall and baseline.overall.p_value is not None else ""))
        for ch in baseline.regressions():
            console.print(f"  worse: row {ch.row_index + 1} {ch.label[:60]!r} · {ch.column_label}")
        for ch in baseline.improvements():
            console.print(f"  better: row {ch.row_index + 1} {ch.label[:60]!r} · {ch.column_label}")
    if agreement is not None:
        for m in agreement.comparisons:
            console.print(f"agreement {m.other.model} with {agreement.reference}: answers "
                          f"{interval_text(m.agreement_interval)} over {m.pairs} pairs; Cohen's kappa "
                          f"{kappa_text(m.kappa)}" + (f" ({m.kappa.statement})" if m.kappa and m.kappa.statement
                                                      else ""))
    for note in stats.notes():
        console.print(note, style="dim")


@command("stats")
def cmd_stats(args: argparse.Namespace, engine: Any) -> int:
    from reports.agreement import agreement_of
    from reports.baseline import compare_to_baseline
    from reports.grid import CompareError, load_grid
    from reports.grid_stats import grid_statistics

    settings = _settings(args)
    grid = load_grid(engine.store, args.ids)
    stats = grid_statistics(grid, settings)
    baseline = None
    if args.baseline:
        if len(grid.experiments) != 1:
            raise CompareError("a baseline comparison needs exactly one experiment id")
        baseline = compare_to_baseline(engine.store, grid.experiments[0]["id"], args.baseline, settings)
    agreement = agreement_of(grid)
    if args.json:
        print(json.dumps(statistics_json(grid, stats, baseline, agreement), ensure_ascii=False, indent=1,
                         allow_nan=False))
    else:
        print_statistics(grid, stats, baseline, agreement)
    return 0
