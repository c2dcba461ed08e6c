"""Statistics for comparisons: intervals, paired tests and verdicts in words.

Pure functions on plain Python data (no store, no Qt). scipy and statsmodels do the
statistics; this module chooses the method, handles small and degenerate input, and
says what it did. Every result carries its method, confidence, seed, resample count
and n, so that it can be recomputed.

Data shape: one variant's cells are a mapping ``row key -> value``, where the value is
one observation or a sequence of repeats of the same row (``None`` entries, and
values that are not finite numbers, are missing and left out). Rows are the unit;
repeats are nested in their row, so repeats do not fake precision:

- :func:`pass_rate_interval` -> :class:`Estimate`: Wilson score interval
  (statsmodels ``proportion_confint(method="wilson")``); with repeats, on the
  effective sample size (runs over the design effect of the row clusters).
- :func:`mean_interval` -> :class:`Estimate`: seeded bootstrap (scipy.stats.bootstrap,
  BCa by default, or percentile) of the mean of scores, lengths, latencies or
  tokens/s; with repeats the rows are resampled with their repeats (cluster bootstrap
  of the pooled mean).
- :func:`compare_pass` / :func:`compare_scores` -> :class:`Comparison` between two
  variants on the rows both have: pass/fail by the exact McNemar test (two-sided
  binomial on the discordant rows); scores by the Wilcoxon signed-rank test, with the
  paired bootstrap interval of the mean difference in both cases. A verdict in words
  ("A better", "B better", or "no detectable difference (n=12; about 60 rows would
  detect a 10-point difference)"), where the rows needed come from a power
  calculation on the observed discordance (McNemar) or spread of differences (scores).
- :func:`compare_variants`: every pair (or the pairs given) of several variants, with
  Holm's step-down correction (:func:`holm`) across the comparisons when there
  are more than one; the rows needed are then computed at alpha / comparisons.
- :func:`analyze` -> :class:`Analysis`: all of the above for a whole comparison
  (variant -> metric -> cells) in one pass; bootstraps over the same rows share their
  resamples (:mod:`reports.bootstrap`), so 1,000 rows x 4 variants take well under 1 s.

Agreement (Cohen's kappa) and arena rankings (Bradley-Terry with ties) are in
:mod:`reports.ranking`, the power calculations in :mod:`reports.power`, the settings
in :mod:`reports.stats_settings`; all re-exported here.

Too little data is not an error: the result's ``statement`` says why there is no
estimate ("not enough paired rows: ..."), and its numbers are ``None``, never NaN.
Malformed input (a pass/fail value that is not a boolean, settings out of range)
raises :class:`common.errors.StatsError`.

Longer than ~400 lines: it is the one public face of the statistics (intervals, paired tests,
Holm, verdicts, kappa, rankings) over the helpers in bootstrap.py, power.py and ranking.py.
"""

from __future__ import annotations

from common.i18n import _

import math
import warnings
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Any

import numpy as np
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint

from common.errors import StatsError
from reports.bootstrap import Bootstraps
from reports.power import MAX_ROWS_NEEDED, mcnemar_rows_needed, wilcoxon_rows_needed
from reports.ranking import OUTCOMES, Kappa, Ranking, Strength, Vote, bradley_terry, cohen_kappa, rankings
from reports.stats_settings import BOOTSTRAP_METHODS, DEFAULT, Settings

NOT_ENOUGH_PAIRED = "not enough paired rows"

Cells = Mapping[Hashable, Any]  # row key -> one value, or a sequence of repeats


# --- results ---------------------------------------------------------------------------
@dataclass
class Estimate:
    """One figure with its interval. ``estimate``/``low``/``high`` are None (never NaN)
    when there is nothing to estimate; ``statement`` then says why. An estimate without
    an interval (one row) has ``statement`` too."""

    metric: str
    estimate: float | None
    low: float | None
    high: float | None
    n: int  # rows with at least one value: the unit
    runs: int  # values, repeats included
    method: str
    confidence: float
    seed: int | None = None
    n_resamples: int | None = None
    statement: str | None = None

    @property
    def has_interval(self) -> bool:
        return self.low is not None and self.high is not None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Comparison:
    """Variant ``a`` against variant ``b`` on the rows both have. ``difference`` is
    a - b (positive: a higher); ``winner`` is "a", "b" or None; ``verdict`` the words."""

    a: str
    b: str
    metric: str
    n: int  # paired rows
    a_estimate: float | None
    b_estimate: float | None
    difference: float | None
    low: float | None
    high: float | None
    interval_method: str
    test: str
    p_value: float | None
    confidence: float
    seed: int
    n_resamples: int
    detect: float
    power: float
    p_adjusted: float | None = None  # Holm-adjusted when part of a family, else = p_value
    correction: str | None = None
    a_only: int | None = None  # pass/fail with McNemar: rows only a passed
    b_only: int | None = None  # rows only b passed
    rows_needed: int | None = None
    power_method: str | None = None
    winner: str | None = None
    verdict: str = ""
    statement: str | None = None  # why there is no test (too few paired rows...)
    # what the rows needed are computed from: the observed share of discordant rows
    # (McNemar) or the SD of the per-row differences (Wilcoxon)
    spread: float | None = None

    @property
    def significant(self) -> bool:
        return self.winner is not None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- cleaning --------------------------------------------------------------------------
Clean = dict[Hashable, list[Any]]  # row key -> its values (at least one), missing ones left out
SEQUENCES = (list, tuple, np.ndarray)


def _boolean(v: Any) -> bool | None:
    if v is None or isinstance(v, (bool, np.bool_)):
        return None if v is None else bool(v)
    if isinstance(v, (int, np.integer)) and v in (0, 1):
        return bool(v)
    raise StatsError(_('a pass/fail value must be True or False, not {v!r}').format(v=v))


def _number(v: Any) -> float | None:
    if v is None:
        return None
    if isinstance(v, (int, float, np.integer, np.floating, np.bool_)):
        x = float(v)
        return x if math.isfinite(x) else None
    raise StatsError(_('a score or measurement must be a number, not {v!r}').format(v=v))


def _clean(cells: Cells, convert: Callable[[Any], Any], name: str = "the variant") -> Clean:
    if not isinstance(cells, Mapping):
        raise StatsError(_('{name}: cells must map a row to its values, not {name2}').format(name=name, name2=type(cells).__name__))
    out = {}
    for key, value in cells.items():
        if isinstance(value, SEQUENCES):
            vals = [x for x in map(convert, value) if x is not None]
            if vals:
                out[key] = vals
        else:
            x = convert(value)
            if x is not None:
                out[key] = [x]
    return out


def _finite(x: Any) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


# --- one variant -----------------------------------------------------------------------
def wilson(passed: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of ``passed`` out of ``n`` (n > 0)."""
    if n <= 0 or not 0 <= passed <= n:
        raise StatsError(_('a pass count must be between 0 and the number of runs, not {passed} of {n}').format(passed=passed, n=n))
    low, high = proportion_confint(passed, n, alpha=1 - confidence, method="wilson")
    return float(low), float(high)


def paired_difference_interval(both: int, a_only: int, b_only: int, neither: int,
                               confidence: float = 0.95) -> tuple[float, float]:
    """Newcombe's hybrid score interval (method 10, Newcombe 1998) of the difference of two
    paired pass rates, A's minus B's, from the rows' 2x2 table: the Wilson intervals of
    the two rates, combined with a correction for their correlation (phi). It agrees
    with the exact McNemar test far more often than a bootstrap does on a few rows.
    (statsmodels has it as ``confint_proportions_paired`` only after 0.15.)"""
    n = both + a_only + b_only + neither
    if n <= 0 or min(both, a_only, b_only, neither) < 0:
        raise StatsError(_('a paired table needs counts of 0 or more and at least one row'))
    p1, p2 = (both + a_only) / n, (both + b_only) / n
    l1, u1 = wilson(both + a_only, n, confidence)
    l2, u2 = wilson(both + b_only, n, confidence)
    margins = (both + a_only) * (b_only + neither) * (both + b_only) * (a_only + neither)
    cross = both * neither - a_only * b_only
    corrected = cross - n / 2 if cross > n / 2 else (cross if cross < 0 else 0.0)
    phi = corrected / math.sqrt(margins) if margins else 0.0
    d = p1 - p2
    low = d - math.sqrt(max(0.0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2))
    high = d + math.sqrt(max(0.0, (p2 - l2) ** 2 - 2 * phi * (p2 - l2) * (u1 - p1) + (u1 - p1) ** 2))
    return max(-1.0, low), min(1.0, high)


def pass_rate_interval(cells: Cells, settings: Settings = DEFAULT) -> Estimate:
    """The pass rate (passed runs over judged runs) with its Wilson interval.

    With repeats the interval uses the effective sample size: the runs divided by the
    design effect (the cluster-robust variance of the pooled rate over the binomial
    variance), kept between the number of rows and the number of runs. When every
    run passed or every run failed the design effect cannot be estimated and the
    rows are taken as the sample size."""
    return _pass_estimate(_clean(cells, _boolean), settings)


def _pass_estimate(clean: Clean, settings: Settings) -> Estimate:
    rows = list(clean.values())
    n, runs = len(rows), sum(len(r) for r in rows)
    base = "Wilson score interval (statsmodels proportion_confint)"
    if runs == 0:
        return Estimate("pass rate", None, None, None, 0, 0, base, settings.confidence,
                        statement="no judged runs (only errors, or no assertions)")
    k = sum(sum(r) for r in rows)
    p = k / runs
    if runs == n:
        low, high = wilson(k, n, settings.confidence)
        return Estimate("pass rate", p, low, high, n, runs, base, settings.confidence)
    sizes = np.array([len(r) for r in rows], dtype=float)
    passes = np.array([sum(r) for r in rows], dtype=float)
    if 0 < p < 1 and n > 1:
        v_cluster = n / (n - 1) * float(np.sum((passes - p * sizes) ** 2)) / runs ** 2
        deff = v_cluster / (p * (1 - p) / runs)
        n_eff = min(max(runs / deff, float(n)), float(runs)) if deff > 0 else float(runs)
        how = f"design effect {runs / n_eff:.2f}"
    else:
        n_eff = float(n)
        how = ("every run " + ("passed" if p == 1 else "failed")) if n > 1 else "one row"
    low, high = proportion_confint(p * n_eff, n_eff, alpha=settings.alpha, method="wilson")
    method = f"{base} on the effective sample size {n_eff:.1f} ({runs} runs in {n} rows with repeats; {how})"
    return Estimate("pass rate", p, float(low), float(high), n, runs, method, settings.confidence)


def _mean_estimate(clean: Clean, s: Settings, metric: str, boots: Bootstraps) -> Estimate:
    rows = list(clean.values())
    n, runs = len(rows), sum(len(r) for r in rows)
    est = Estimate(metric, None, None, None, n, runs, f"{s.bootstrap} bootstrap (scipy.stats.bootstrap)",
                   s.confidence, s.seed, s.n_resamples)
    if runs == 0:
        est.statement = _('no values (only errors, or nothing measured)')
        return est
    values = [v for r in rows for v in r]
    est.estimate = math.fsum(values) / runs
    if min(values) == max(values):
        est.low = est.high = est.estimate
        est.method = "no spread"
        est.statement = _('all {runs} values are {estimate:g}: the interval is that value').format(runs=runs, estimate=est.estimate)
    elif n < 2:
        est.statement = _('one row: no interval (the rows are the unit, not its repeats)')
    else:
        def done(low: float, high: float, how: str) -> None:
            est.low, est.high, est.method = low, high, how
        boots.add(list(clean), rows, done)
    return est


def mean_interval(cells: Cells, settings: Settings = DEFAULT, metric: str = "mean") -> Estimate:
    """The mean of the values (pooled over repeats) with a seeded bootstrap interval;
    rows are resampled, each with its repeats (cluster bootstrap)."""
    boots = Bootstraps(settings)
    est = _mean_estimate(_clean(cells, _number), settings, metric, boots)
    boots.run()
    return est


# --- two variants ----------------------------------------------------------------------
def _paired(a: dict[Hashable, list[Any]], b: dict[Hashable, list[Any]], names: tuple[str, str], what: str
            ) -> tuple[list[Hashable], str | None]:
    keys = [k for k in a if k in b]
    if len(keys) >= 2:
        return keys, None
    if not a or not b:
        empty = [n for n, side in zip(names, (a, b), strict=True) if not side]
        verb = "has" if len(empty) == 1 else "have"
        return keys, f"{NOT_ENOUGH_PAIRED}: {' and '.join(empty)} {verb} no {what} (only errors, or nothing recorded)"
    if not keys:
        return keys, f"{NOT_ENOUGH_PAIRED}: {names[0]} and {names[1]} have no row in common"
    return keys, f"{NOT_ENOUGH_PAIRED}: only one row has {what} on both {names[0]} and {names[1]}"


def _blank(names: tuple[str, str], metric: str, s: Settings, n: int, statement: str, test: str) -> Comparison:
    return Comparison(names[0], names[1], metric, n, None, None, None, None, None, "", test, None, s.confidence,
                      s.seed, s.n_resamples, s.detect, s.power, verdict=statement, statement=statement)


def _interval_of_difference(c: Comparison, keys: list[Hashable], d: np.ndarray, boots: Bootstraps) -> None:
    if d.min() == d.max():
        c.low = c.high = float(d[0])
        c.interval_method = "no spread: every row differs by the same amount"
        return

    def done(low: float, high: float, how: str) -> None:
        c.low, c.high = low, high
        c.interval_method = f"paired {how.replace('(scipy', 'of the mean per-row difference (scipy', 1)}"
    boots.add(keys, [[float(x)] for x in d], done)


def _wilcoxon(d: np.ndarray) -> float:
    if not np.any(d != 0):
        return 1.0
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        p = sps.wilcoxon(d, zero_method="wilcox").pvalue
    p = _finite(p)
    return 1.0 if p is None else min(1.0, p)


def _compare_pass(ca: Clean, cb: Clean, names: tuple[str, str], s: Settings, boots: Bootstraps) -> Comparison:
    keys, why = _paired(ca, cb, names, "judged runs")
    if why:
        return _blank(names, "pass rate", s, len(keys), why, "exact McNemar test")
    ra = np.array([sum(ca[k]) / len(ca[k]) for k in keys])
    rb = np.array([sum(cb[k]) / len(cb[k]) for k in keys])
    d = ra - rb
    single = bool(np.all((ra == 0) | (ra == 1)) and np.all((rb == 0) | (rb == 1)))
    if single:
        a_only, b_only = int(np.sum((ra == 1) & (rb == 0))), int(np.sum((ra == 0) & (rb == 1)))
        disc = a_only + b_only
        p = float(sps.binomtest(min(a_only, b_only), disc, 0.5).pvalue) if disc else 1.0
        test = (f"exact McNemar test (two-sided binomial on the {disc} discordant rows: {a_only} only {names[0]} "
                f"passed, {b_only} only {names[1]} passed)")
        spread = disc / len(keys)
    else:
        a_only = b_only = None
        p = _wilcoxon(d)
        test = ("Wilcoxon signed-rank test on per-row pass-rate differences (repeats disagree within some rows, "
                "so exact McNemar does not apply)")
        spread = float(np.std(d, ddof=1))
    c = Comparison(names[0], names[1], "pass rate", len(keys), float(ra.mean()), float(rb.mean()), float(d.mean()),
                   None, None, "", test, min(1.0, p), s.confidence, s.seed, s.n_resamples, s.detect, s.power,
                   a_only=a_only, b_only=b_only, spread=spread)
    if single:  # one verdict a row: the paired 2x2 table's own interval, not a bootstrap over a few rows
        both = int(np.sum((ra == 1) & (rb == 1)))
        c.low, c.high = paired_difference_interval(both, a_only or 0, b_only or 0,
                                                   len(keys) - both - disc, s.confidence)
        c.interval_method = ("Newcombe's hybrid score interval for paired pass rates (method 10, 1998: the "
                             "two rates' Wilson intervals, corrected for their correlation)")
    else:
        _interval_of_difference(c, keys, d, boots)
    return c


def _compare_scores(ca: Clean, cb: Clean, names: tuple[str, str], s: Settings, metric: str, boots: Bootstraps
                    ) -> Comparison:
    keys, why = _paired(ca, cb, names, "values")
    if why:
        return _blank(names, metric, s, len(keys), why, "Wilcoxon signed-rank test")
    ma = np.array([math.fsum(ca[k]) / len(ca[k]) for k in keys])
    mb = np.array([math.fsum(cb[k]) / len(cb[k]) for k in keys])
    d = ma - mb
    c = Comparison(names[0], names[1], metric, len(keys), float(ma.mean()), float(mb.mean()), float(d.mean()),
                   None, None, "", "Wilcoxon signed-rank test on per-row differences (scipy.stats.wilcoxon)",
                   _wilcoxon(d), s.confidence, s.seed, s.n_resamples, s.detect, s.power,
                   spread=float(np.std(d, ddof=1)))
    _interval_of_difference(c, keys, d, boots)
    return c


def compare_pass(a: Cells, b: Cells, names: tuple[str, str] = ("A", "B"), settings: Settings = DEFAULT
                 ) -> Comparison:
    """Pass/fail of two variants on the rows both judged.

    When each cell has one verdict (one run, or repeats that all agree), the test is
    the exact McNemar test: a two-sided binomial test (scipy.stats.binomtest, p=1/2)
    on the discordant rows, and the difference gets Newcombe's paired score interval
    (:func:`paired_difference_interval`). When repeats disagree within some row, McNemar
    does not apply: the per-row pass rates are compared by the Wilcoxon signed-rank test
    and the difference (a - b, averaged over rows) gets a paired bootstrap interval."""
    boots = Bootstraps(settings)
    c = _compare_pass(_clean(a, _boolean, names[0]), _clean(b, _boolean, names[1]), names, settings, boots)
    boots.run()
    return _finish([c], settings)[0]


def compare_scores(a: Cells, b: Cells, names: tuple[str, str] = ("A", "B"), settings: Settings = DEFAULT,
                   metric: str = "mean score") -> Comparison:
    """Scores (or any measurement) of two variants on the rows both have: repeats are
    averaged within a row; the Wilcoxon signed-rank test (scipy.stats.wilcoxon, zero
    differences dropped) on the per-row differences, and the paired bootstrap interval
    of their mean. A difference is declared only when the test rejects and the interval
    excludes zero on the same side."""
    boots = Bootstraps(settings)
    c = _compare_scores(_clean(a, _number, names[0]), _clean(b, _number, names[1]), names, settings, metric, boots)
    boots.run()
    return _finish([c], settings)[0]


def _check_pairs(names: list[str], pairs: Sequence[tuple[str, str]] | None) -> list[tuple[str, str]]:
    if pairs is None:
        return list(combinations(names, 2))
    out = []
    for pair in pairs:
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise StatsError(_('a comparison is a pair of variant names, not {pair!r}').format(pair=pair))
        x, y = pair
        for n in (x, y):
            if n not in names:
                raise StatsError(_('no variant named {n!r}; the variants are {value}').format(n=n, value=', '.join(map(str, names)) or 'none'))
        if x == y:
            raise StatsError(_('a variant cannot be compared with itself ({x!r})').format(x=x))
        out.append((x, y))
    return out


def compare_variants(variants: Mapping[str, Cells], kind: str = "pass", settings: Settings = DEFAULT,
                     pairs: Sequence[tuple[str, str]] | None = None, metric: str | None = None) -> list[Comparison]:
    """Every pair of ``variants`` (in order: first against second...), or the ``pairs``
    given (e.g. each against a baseline), compared by :func:`compare_pass` (``kind``
    "pass") or :func:`compare_scores` ("score"). With more than one comparison, the
    p-values are adjusted by Holm's method (:func:`holm`) across them and
    the verdicts use the adjusted values."""
    if kind not in ("pass", "score"):
        raise StatsError(_("kind must be 'pass' or 'score', not {kind!r}").format(kind=kind))
    if not isinstance(variants, Mapping):
        raise StatsError(_('variants must map a name to its cells'))
    boots = Bootstraps(settings)
    convert = _boolean if kind == "pass" else _number
    clean = {name: _clean(cells, convert, str(name)) for name, cells in variants.items()}
    out = []
    for x, y in _check_pairs(list(variants), pairs):
        if kind == "pass":
            out.append(_compare_pass(clean[x], clean[y], (x, y), settings, boots))
        else:
            out.append(_compare_scores(clean[x], clean[y], (x, y), settings, metric or "mean score", boots))
    boots.run()
    return _finish(out, settings)


# --- everything at once ----------------------------------------------------------------
TESTED = {"pass": _("pass rate"), "score": _("mean score")}  # marked: the window translates them in verdicts


@dataclass
class Analysis:
    """The statistics of one comparison: per variant and metric an :class:`Estimate`;
    per tested metric ("pass", "score") the comparisons between variants (a family,
    Holm-corrected when it has more than one comparison)."""

    estimates: dict[str, dict[str, Estimate]]
    comparisons: dict[str, list[Comparison]]
    settings: Settings

    def comparison(self, a: str, b: str, metric: str = "pass") -> Comparison | None:
        for c in self.comparisons.get(metric, []):
            if (c.a, c.b) == (a, b):
                return c
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"settings": self.settings.to_dict(),
                "estimates": {v: {m: e.to_dict() for m, e in ms.items()} for v, ms in self.estimates.items()},
                "comparisons": {m: [c.to_dict() for c in cs] for m, cs in self.comparisons.items()}}


def analyze(variants: Mapping[str, Mapping[str, Cells]], settings: Settings = DEFAULT,
            pairs: Sequence[tuple[str, str]] | None = None) -> Analysis:
    """All the statistics of a comparison in one pass (bootstraps over the same rows are
    computed together). ``variants``: name -> metric -> cells. The metric "pass" holds
    booleans (Wilson interval; McNemar between variants), "score" numbers (bootstrap
    interval; Wilcoxon between variants); any other metric (length, latency_ms,
    tokens_per_s...) numbers with a bootstrap interval of their mean."""
    if not isinstance(variants, Mapping) or not all(isinstance(m, Mapping) for m in variants.values()):
        raise StatsError(_('variants must map a name to its metrics, each mapping a row to its values'))
    names = list(variants)
    pairs = _check_pairs(names, pairs)
    boots = Bootstraps(settings)
    clean = {name: {metric: _clean(cells, _boolean if metric == "pass" else _number, f"{name} {metric}")
                    for metric, cells in metrics.items()} for name, metrics in variants.items()}
    estimates: dict[str, dict[str, Estimate]] = {}
    for name, metrics in clean.items():
        estimates[name] = {}
        for metric, cells in metrics.items():
            if metric == "pass":
                estimates[name][metric] = _pass_estimate(cells, settings)
            else:
                estimates[name][metric] = _mean_estimate(cells, settings, TESTED.get(metric, f"mean {metric}"), boots)
    comparisons: dict[str, list[Comparison]] = {}
    for metric in TESTED:
        if not any(metric in m for m in clean.values()):
            continue
        if metric == "score" and all(_score_is_pass(m) for m in clean.values()):
            continue  # 1 for a pass, 0 for a fail: the pass rate's comparison already, by another test
        family = []
        for x, y in pairs:
            cx, cy = clean[x].get(metric, {}), clean[y].get(metric, {})
            if metric == "pass":
                family.append(_compare_pass(cx, cy, (x, y), settings, boots))
            else:
                family.append(_compare_scores(cx, cy, (x, y), settings, TESTED[metric], boots))
        comparisons[metric] = family
    boots.run()
    for family in comparisons.values():
        _finish(family, settings)
    return Analysis(estimates, comparisons, settings)


def _score_is_pass(metrics: Mapping[str, Clean]) -> bool:
    """Every score of the variant is 1.0 for a pass and 0.0 for a fail, run for run."""
    scores, passes = metrics.get("score"), metrics.get("pass")
    if not scores or not passes:
        return not scores
    return all(len(v) == len(passes.get(k, ())) and all(float(x) == float(bool(p)) for x, p in zip(v, passes[k]))
               for k, v in scores.items())


# --- verdicts --------------------------------------------------------------------------
def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values, in the order given: sorted ascending, the
    i-th smallest (from 0) times (m - i), made non-decreasing, capped at 1.

    The same values as statsmodels ``multipletests(method="holm")`` (the tests check
    it), computed here because that function runs a full ``gc.collect()`` on every
    call, which costs 60-150 ms in a process with a large heap (a window, a test run)."""
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(p, kind="stable")
    m = len(p)
    stepped = np.maximum.accumulate(p[order] * (m - np.arange(m)))
    out = np.empty(m)
    out[order] = np.minimum(stepped, 1.0)
    return [float(x) for x in out]


def _detect_text(c: Comparison) -> str:
    if c.metric == "pass rate":
        return _("a {points:g}-point difference").format(points=c.detect * 100)
    return _("a difference of {detect:g} in {metric}").format(detect=c.detect, metric=c.metric)


def _finish(comparisons: list[Comparison], s: Settings) -> list[Comparison]:
    """Holm's correction across the tested comparisons (when more than one), the rows
    needed at the family's strictest level, and the verdicts."""
    tested = [c for c in comparisons if c.p_value is not None]
    m = len(tested)
    if m > 1:
        adjusted = holm([c.p_value for c in tested])
        for c, q in zip(tested, adjusted, strict=True):
            c.p_adjusted = min(1.0, float(q))
            c.correction = f"Holm's correction across {m} comparisons"
    else:
        for c in tested:
            c.p_adjusted = c.p_value
    level = s.alpha / m if m > 1 else s.alpha
    for c in tested:
        if c.a_only is not None:
            c.rows_needed = mcnemar_rows_needed(c.spread or 0.0, s.detect, level, s.power)
            c.power_method = (_('McNemar sample size (Connor 1987) for {detect_text} with power {power:g} at alpha {level:.3g}, discordance {max:.2f} (observed {value:.2f}, at least the difference)').format(detect_text=_detect_text(c), power=s.power, level=level, max=max(c.spread or 0.0, s.detect), value=c.spread or 0.0))
        else:
            c.rows_needed = wilcoxon_rows_needed(c.spread or 0.0, s.detect, level, s.power)
            c.power_method = (_("paired t-test sample size (statsmodels TTestPower) over Wilcoxon's efficiency 3/pi, for {detect_text} with power {power:g} at alpha {level:.3g}, SD of per-row differences {value:.3g}").format(detect_text=_detect_text(c), power=s.power, level=level, value=c.spread or 0.0))
        c.winner = _winner(c, s)
        if c.winner == "a":
            c.verdict = _('{a} better').format(a=c.a)
        elif c.winner == "b":
            c.verdict = _('{b} better').format(b=c.b)
        else:
            needed = (_('about {rows_needed} rows would detect {detect_text}').format(rows_needed=c.rows_needed, detect_text=_detect_text(c)) if c.rows_needed
                      else _('more than {MAX_ROWS_NEEDED:,} rows would be needed to detect {detect_text}').format(MAX_ROWS_NEEDED=MAX_ROWS_NEEDED, detect_text=_detect_text(c)))
            c.verdict = _('no detectable difference (n={n}; {needed})').format(n=c.n, needed=needed)
        c.verdict += _caveat(c, s)
    return comparisons


def _caveat(c: Comparison, s: Settings) -> str:
    """What to add where the interval and the test read differently (they are computed
    differently: a bootstrap or score interval of the mean, a rank or exact test of the
    rows, the test Holm-corrected), so the two numbers side by side do not contradict the
    words: the verdict follows the test and says so."""
    if c.low is None or c.high is None or c.p_adjusted is None or c.low == c.high:
        return ""
    leaves_out_zero = c.low > 0 or c.high < 0
    if c.winner is None and leaves_out_zero:
        return _("; the interval leaves out 0, but the test does not reject (p={p:.3g}, alpha {alpha:g})").format(
            p=c.p_adjusted, alpha=s.alpha)
    if c.winner is not None and not leaves_out_zero:
        return _("; the test rejects (p={p:.3g}), though the interval includes 0").format(p=c.p_adjusted)
    return ""


def _winner(c: Comparison, s: Settings) -> str | None:
    if c.p_adjusted is None or c.difference is None or c.p_adjusted >= s.alpha or c.difference == 0:
        return None
    side = "a" if c.difference > 0 else "b"
    if c.a_only is not None:  # McNemar: the discordant counts decide
        return side
    if c.low is None or c.high is None:
        return None
    agrees = c.low > 0 if side == "a" else c.high < 0
    return side if agrees else None


__all__ = [
    "BOOTSTRAP_METHODS", "Analysis", "Cells", "Comparison", "DEFAULT", "Estimate", "Kappa", "NOT_ENOUGH_PAIRED", "OUTCOMES",
    "Ranking", "Settings", "Strength", "TESTED", "Vote", "analyze", "bradley_terry", "cohen_kappa", "compare_pass", "compare_scores",
    "compare_variants", "holm", "mcnemar_rows_needed", "mean_interval", "paired_difference_interval",
    "pass_rate_interval", "rankings",
    "wilcoxon_rows_needed", "wilson",
]
