"""The statistics of a comparison grid: :mod:`reports.statistics` on the grid's cells.

- :func:`grid_statistics` (grid) -> :class:`GridStatistics`: per variant (column) an
  :class:`~reports.statistics.Estimate` for each metric, and between every pair of
  variants (or the pairs given) the paired comparisons of pass rate and score, on the
  rows both ran. Rows are the unit; a cell's repeats are nested in its row.
- :func:`cell_pass_interval` (a cell's runs) -> the Wilson interval of its pass rate
  over repeats (None without repeats or verdicts).

Metrics taken from each run. A run that did not end ``ok`` (error, blocked,
cancelled) gives no measurement and no verdict: it is left out of the statistics, as
an error says nothing about the quality of the answers (the summary's raw pass rate
counts it as a fail; the notes say how many runs were left out). So a variant with
only errors gets "no judged runs" and its comparisons "not enough paired rows".

=============== ================================ ==========================================
metric          from                             statistics
=============== ================================ ==========================================
``pass``        ``GridCell.passed``              Wilson interval; exact McNemar between variants
``score``       ``GridCell.score`` (0-1)         bootstrap interval; Wilcoxon between variants
``length``      completion tokens                bootstrap interval of the mean
``ttft_ms``     time to first token              bootstrap interval of the mean
``latency_ms``  total time of the run            bootstrap interval of the mean
``tokens_per_s`` decode tokens/s                 bootstrap interval of the mean
=============== ================================ ==========================================

Variants are named by their column labels in verdicts ("qa · greedy better").
"""

from __future__ import annotations

from common.i18n import _

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reports.grid import Grid, GridCell
from reports.statistics import DEFAULT, Analysis, Comparison, Estimate, Settings, analyze, pass_rate_interval

METRICS: dict[str, Callable[[GridCell], Any]] = {
    "pass": lambda c: c.passed if c.status == "ok" else None,
    "score": lambda c: c.score if c.status == "ok" else None,
    "length": lambda c: c.completion_tokens if c.status == "ok" else None,
    "ttft_ms": lambda c: c.ttft_ms if c.status == "ok" else None,
    "latency_ms": lambda c: c.total_ms if c.status == "ok" else None,
    "tokens_per_s": lambda c: c.decode_tps if c.status == "ok" and c.decode_tps else None,
}
LABELS = {"pass": "pass rate", "score": "mean score", "length": "mean output tokens", "ttft_ms": "mean TTFT ms",
          "latency_ms": "mean latency ms", "tokens_per_s": "mean decode tok/s"}


@dataclass
class GridStatistics:
    """Per column key its estimates; per tested metric ("pass", "score") the comparisons,
    named by column label. ``analysis`` is what :func:`reports.statistics.analyze` gave."""

    analysis: Analysis
    labels: dict[str, str]  # column key -> label (the name used in comparisons)
    left_out: int = 0  # runs that did not end ok

    @property
    def settings(self) -> Settings:
        return self.analysis.settings

    def of(self, column_key: str) -> dict[str, Estimate]:
        return self.analysis.estimates.get(self.labels.get(column_key, column_key), {})

    def estimate(self, column_key: str, metric: str) -> Estimate | None:
        return self.of(column_key).get(metric)

    def comparisons(self, metric: str = "pass") -> list[Comparison]:
        return self.analysis.comparisons.get(metric, [])

    def tested(self) -> list[Comparison]:
        """Every comparison that has a test (not "not enough paired rows")."""
        return [c for cs in self.analysis.comparisons.values() for c in cs if c.p_value is not None]

    def notes(self) -> list[str]:
        """One line each on how the figures were computed, for the foot of a table."""
        s = self.settings
        out = [f"{s.confidence:.0%} intervals: pass rates Wilson score (on the effective sample size when cells "
               f"have repeats); means {s.bootstrap} bootstrap, {s.n_resamples:,} resamples, seed {s.seed}, rows "
               f"resampled with their repeats."]
        if self.left_out == 1:
            out.append(_("1 run that did not end ok is left out of the statistics."))
        elif self.left_out:
            out.append(_("{n} runs that did not end ok are left out of the statistics.").format(n=self.left_out))
        scored = any("score" in e for e in self.analysis.estimates.values())
        if scored and "score" not in self.analysis.comparisons and len(self.labels) > 1:
            out.append(_("Every score is 1 for a pass and 0 for a fail, so the mean score is the pass rate: "
                         "compared once, as the pass rate."))
        tests = {c.test.split(" (")[0] for c in self.tested()}
        if tests:
            out.append("Paired tests on the rows both variants ran: " + "; ".join(sorted(tests)) + ".")
        families = {c.correction for c in self.tested() if c.correction}
        if families:
            out.append("P-values adjusted by " + " and ".join(sorted(families)) + " (per metric).")
        powers = sorted({c.power_method.split(" for ")[0].rstrip(",") for c in self.tested() if c.power_method})
        if powers:
            out.append(f"Rows needed: {'; '.join(powers)}, for a {s.detect:g} difference with power {s.power:g}.")
        return out

    def to_dict(self) -> dict[str, Any]:
        d = self.analysis.to_dict()
        d["columns"] = dict(self.labels)
        d["notes"] = self.notes()
        return d


def grid_cells(grid: Grid) -> dict[str, dict[str, dict[int, list[Any]]]]:
    """label -> metric -> row index -> the values of the cell's repeats (metrics that
    no run of the grid has are left out)."""
    out: dict[str, dict[str, dict[int, list[Any]]]] = {}
    present = set()
    for col in grid.columns:
        metrics: dict[str, dict[int, list[Any]]] = {m: {} for m in METRICS}
        for row in grid.rows:
            runs = row.cells.get(col.key) or []
            if not runs:
                continue
            for m, get in METRICS.items():
                values = [get(c) for c in runs]
                metrics[m][row.index] = values
                if any(v is not None for v in values):
                    present.add(m)
            if any(c.passed is not None for c in runs):  # judged, even if only errors: say so
                present.add("pass")
        out[col.label] = metrics
    return {label: {m: cells for m, cells in metrics.items() if m in present} for label, metrics in out.items()}


def grid_statistics(grid: Grid, settings: Settings = DEFAULT,
                    pairs: Sequence[tuple[str, str]] | None = None) -> GridStatistics:
    """The statistics of ``grid``; ``pairs`` of column keys limit the comparisons (default:
    every pair of columns)."""
    labels = {c.key: c.label for c in grid.columns}
    named = [(labels[a], labels[b]) for a, b in pairs] if pairs is not None else None
    analysis = analyze(grid_cells(grid), settings, named)
    for estimates in analysis.estimates.values():
        for metric, est in estimates.items():
            est.metric = LABELS.get(metric, est.metric)
    left_out = sum(1 for r in grid.rows for runs in r.cells.values() for c in runs if c.status != "ok")
    return GridStatistics(analysis, labels, left_out)


def cell_pass_interval(runs: Sequence[GridCell], settings: Settings = DEFAULT) -> Estimate | None:
    """The pass rate of one cell over its repeats with its Wilson interval (the repeats
    are the sample); None with fewer than two judged repeats."""
    verdicts = [c.passed for c in runs if c.passed is not None and c.status == "ok"]
    if len(verdicts) < 2:
        return None
    return pass_rate_interval(dict(enumerate(verdicts)), settings)


__all__ = ["LABELS", "METRICS", "GridStatistics", "cell_pass_interval", "grid_cells", "grid_statistics"]
