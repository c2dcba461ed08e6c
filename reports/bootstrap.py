"""Seeded bootstrap intervals of means, many columns over the same rows at once."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats as sps

from reports.stats_settings import Settings


def bootstrap_means(sums: np.ndarray, counts: np.ndarray | None, s: Settings) -> list[tuple[float, float, str]]:
    """Per column (first axis) of ``sums``: (low, high, method) of a seeded two-sided
    bootstrap interval of the mean over rows (last axis), or with ``counts`` of the
    pooled mean sum(sums) / sum(counts) (a row's repeats stay together).

    scipy.stats.bootstrap resamples the row indices (as it does itself for paired
    samples) and computes the interval, BCa or percentile; the statistic turns each
    resample of indices into row weights and takes every column's weighted mean with
    one matrix product, so that all columns share the resampled rows. BCa is undefined
    for some data (every resample on one side of the estimate): then the percentile
    interval of the same resamples is given, and the method says so."""
    n = sums.shape[1]

    def statistic(idx: np.ndarray, axis: int = -1) -> np.ndarray:
        lead, m = idx.shape[:-1], idx.shape[-1]
        k = int(np.prod(lead)) if lead else 1
        flat = np.asarray(idx, dtype=np.intp).reshape(k, m) + (np.arange(k, dtype=np.intp) * n)[:, None]
        weights = np.bincount(flat.ravel(), minlength=k * n).reshape(k, n).astype(float, copy=False)
        num = weights @ sums.T
        den = weights @ counts.T if counts is not None else float(m)
        return (num / den).T.reshape(sums.shape[0], *lead)

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = sps.bootstrap((np.arange(n),), statistic, n_resamples=s.n_resamples, vectorized=True,
                            confidence_level=s.confidence, method=s.bootstrap, batch=500,
                            rng=np.random.default_rng(s.seed))
    lows, highs = np.atleast_1d(res.confidence_interval.low), np.atleast_1d(res.confidence_interval.high)
    dists = np.atleast_2d(res.bootstrap_distribution)
    tail = (1 - s.confidence) / 2
    out = []
    for low, high, dist in zip(lows, highs, dists, strict=True):
        if math.isfinite(low) and math.isfinite(high):
            out.append((float(low), float(high), f"{s.bootstrap} bootstrap"))
        else:
            q = np.quantile(dist[np.isfinite(dist)], [tail, 1 - tail])
            out.append((float(q[0]), float(q[1]), "percentile bootstrap (BCa is undefined for this data)"))
    return out


@dataclass
class _Job:
    rows: list[list[float]]
    done: Callable[[float, float, str], None]


class Bootstraps:
    """Bootstrap intervals asked for by several results, computed together: columns over
    the same rows (same keys, same order) share one scipy.stats.bootstrap call and so
    the same resampled rows. A column's interval is the same as when computed alone
    (the resampled row indices depend only on the seed and the number of rows)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._groups: dict[tuple[Hashable, ...], list[_Job]] = {}

    def add(self, keys: Sequence[Hashable], rows: list[list[float]], done: Callable[[float, float, str], None]) -> None:
        self._groups.setdefault(tuple(keys), []).append(_Job(rows, done))

    def run(self) -> None:
        for jobs in self._groups.values():
            if any(len(r) > 1 for j in jobs for r in j.rows):
                sums = np.array([[math.fsum(r) for r in j.rows] for j in jobs])
                counts = np.array([[len(r) for r in j.rows] for j in jobs], dtype=float)
                unit = "rows resampled with their repeats"
            else:
                sums, counts = np.array([[r[0] for r in j.rows] for j in jobs]), None
                unit = "rows resampled"
            for job, (low, high, how) in zip(jobs, bootstrap_means(sums, counts, self.settings), strict=True):
                job.done(low, high, f"{how} (scipy.stats.bootstrap, {unit})")
        self._groups = {}


__all__ = ["Bootstraps", "bootstrap_means"]
