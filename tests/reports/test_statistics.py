"""reports.statistics against independently computed reference values (published
examples, closed-form formulas, scipy/statsmodels called directly), property tests by
seeded simulation (A/A comparisons, a planted difference), and degenerate input."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize
from scipy import stats as sps
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests

from common.errors import StatsError, WorkbenchError
from reports.statistics import (
    NOT_ENOUGH_PAIRED,
    Settings,
    Vote,
    analyze,
    bradley_terry,
    cohen_kappa,
    compare_pass,
    compare_scores,
    compare_variants,
    holm,
    mcnemar_rows_needed,
    mean_interval,
    pass_rate_interval,
    rankings,
    wilcoxon_rows_needed,
    wilson,
)

FAST = Settings(n_resamples=200)


def rows_of(values) -> dict[int, object]:
    return dict(enumerate(values))


def no_nan(obj) -> bool:
    """No float in the (nested) result is NaN or infinite, and it is JSON-serializable."""
    json.dumps(obj, allow_nan=False, default=str)
    return True


def table_rows(both: int, a_only: int, b_only: int, neither: int) -> tuple[dict, dict]:
    """Two variants' verdicts on rows making the paired 2x2 table."""
    a, b = [], []
    for n, (x, y) in ((both, (True, True)), (a_only, (True, False)), (b_only, (False, True)),
                      (neither, (False, False))):
        a += [x] * n
        b += [y] * n
    return rows_of(a), rows_of(b)


# --- Wilson ---------------------------------------------------------------------------
@pytest.mark.parametrize(("k", "n", "low", "high"), [
    # Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (score, no correction)
    (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718),
])
def test_wilson_matches_newcombe_table(k, n, low, high):
    lo, hi = wilson(k, n)
    assert (round(lo, 4), round(hi, 4)) == (low, high)
    e = pass_rate_interval(rows_of([True] * k + [False] * (n - k)))
    assert e.estimate == pytest.approx(k / n) and (e.low, e.high) == (lo, hi) and e.n == n == e.runs
    assert "Wilson" in e.method


def test_wilson_closed_form():
    z = sps.norm.ppf(0.975)
    for k, n in ((3, 7), (12, 40), (40, 40)):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        assert wilson(k, n) == pytest.approx((centre - half, centre + half), abs=1e-12)


def test_pass_rate_with_repeats_does_not_fake_precision():
    once = pass_rate_interval(rows_of([True] * 12 + [False] * 8))
    # five identical repeats per row: the same information as one run per row
    five = pass_rate_interval(rows_of([[True] * 5] * 12 + [[False] * 5] * 8))
    assert five.runs == 100 and five.n == 20
    assert (five.low, five.high) == pytest.approx((once.low, once.high))
    assert "effective sample size" in five.method
    # independent repeats (each row's runs vary) carry more information than one run per row
    rng = np.random.default_rng(3)
    mixed = pass_rate_interval({i: list(rng.random(5) < 0.6) for i in range(20)})
    assert mixed.high - mixed.low < once.high - once.low
    naive_low, naive_high = wilson(round(mixed.estimate * 100), 100)
    assert mixed.high - mixed.low >= (naive_high - naive_low) - 1e-9


# --- bootstrap ------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["BCa", "percentile"])
def test_mean_interval_is_scipy_bootstrap(method):
    x = np.random.default_rng(5).lognormal(3, 0.5, 60)
    s = Settings(bootstrap=method, n_resamples=500, seed=11)
    e = mean_interval(rows_of(x.tolist()), s, "mean latency")
    ref = sps.bootstrap((x,), np.mean, n_resamples=500, method=method, rng=np.random.default_rng(11))
    assert e.estimate == pytest.approx(x.mean())
    assert (e.low, e.high) == pytest.approx((ref.confidence_interval.low, ref.confidence_interval.high), rel=1e-12)
    assert e.method.startswith(f"{method} bootstrap") and (e.seed, e.n_resamples, e.n) == (11, 500, 60)


def test_cluster_bootstrap_resamples_rows_with_their_repeats():
    x = np.random.default_rng(6).normal(10, 2, 40)
    once = mean_interval(rows_of(x.tolist()), FAST)
    twice = mean_interval(rows_of([[v, v] for v in x]), FAST)
    assert twice.runs == 80 and twice.n == 40 and "with their repeats" in twice.method
    assert (twice.low, twice.high) == pytest.approx((once.low, once.high))
    # the cluster statistic is the pooled mean: recomputed with scipy over (sums, counts)
    rows = [[v, v + 1, v - 2] if i % 2 else [v] for i, v in enumerate(x)]
    e = mean_interval(rows_of(rows), FAST)
    sums, counts = np.array([sum(r) for r in rows]), np.array([len(r) for r in rows], float)
    ref = sps.bootstrap((sums, counts), lambda s, c, axis=-1: s.sum(axis) / c.sum(axis), paired=True,
                        n_resamples=200, rng=np.random.default_rng(0))
    assert e.estimate == pytest.approx(sums.sum() / counts.sum())
    assert (e.low, e.high) == pytest.approx(tuple(ref.confidence_interval), rel=1e-9)


def test_same_seed_same_interval_other_seed_other_interval():
    x = rows_of(np.random.default_rng(7).normal(size=30).tolist())
    a, b = mean_interval(x, FAST), mean_interval(x, FAST)
    c = mean_interval(x, Settings(n_resamples=200, seed=1))
    assert (a.low, a.high) == (b.low, b.high) != (c.low, c.high)


# --- McNemar ----------------------------------------------------------------------------
def test_exact_mcnemar_published_example():
    # Fagerland, Lydersen, Laake (2013) BMC Med Res Methodol 13:91: airway hyper-responsiveness
    # before/after stem cell transplantation, discordant pairs 1 and 7: exact conditional p = 0.070
    a, b = table_rows(1, 1, 7, 12)
    c = compare_pass(a, b, ("before", "after"), FAST)
    assert round(c.p_value, 3) == 0.070 and (c.a_only, c.b_only, c.n) == (1, 7, 21)
    assert c.p_value == pytest.approx(2 * (math.comb(8, 0) + math.comb(8, 1)) / 2 ** 8)
    assert c.winner is None and c.verdict.startswith("no detectable difference (n=21; about ")
    assert "exact McNemar" in c.test


@pytest.mark.parametrize("table", [(794, 150, 86, 570), (5, 0, 9, 6), (10, 3, 3, 10), (0, 12, 2, 0)])
def test_exact_mcnemar_matches_statsmodels_and_binomial_sum(table):
    both, a_only, b_only, neither = table
    a, b = table_rows(*table)
    c = compare_pass(a, b, ("A", "B"), FAST)
    ref = mcnemar([[both, a_only], [b_only, neither]], exact=True).pvalue
    disc, low = a_only + b_only, min(a_only, b_only)
    by_hand = min(1.0, 2 * sum(math.comb(disc, i) for i in range(low + 1)) / 2 ** disc)
    assert c.p_value == pytest.approx(ref) == pytest.approx(by_hand)
    assert c.difference == pytest.approx((a_only - b_only) / sum(table))
    assert c.low <= c.difference <= c.high


def test_verdict_names_the_better_variant():
    a, b = table_rows(30, 2, 15, 13)
    c = compare_pass(a, b, ("short", "long"), FAST)
    assert c.winner == "b" and c.verdict == "long better" and c.p_value < 0.01 and c.difference < 0
    c = compare_pass(b, a, ("long", "short"), FAST)
    assert c.winner == "a" and c.verdict == "long better"


def test_rows_needed_from_observed_discordance():
    # Connor (1987): n = (z_a * sqrt(psi) + z_b * sqrt(psi - d^2))^2 / d^2
    za, zb = sps.norm.ppf(0.975), sps.norm.ppf(0.8)
    for psi in (0.1, 0.25, 0.5):
        n = (za * math.sqrt(psi) + zb * math.sqrt(psi - 0.01)) ** 2 / 0.01
        assert mcnemar_rows_needed(psi, 0.1) == math.ceil(n)
    assert mcnemar_rows_needed(0.25, 0.1) == 194
    # the discordance is at least the difference
    assert mcnemar_rows_needed(0.0, 0.1) == mcnemar_rows_needed(0.1, 0.1)
    # 12 rows, 2 discordant: the verdict states the calculation from that discordance
    a, b = table_rows(6, 1, 1, 4)
    c = compare_pass(a, b, ("A", "B"), FAST)
    assert c.verdict == f"no detectable difference (n=12; about {mcnemar_rows_needed(2 / 12, 0.1)} rows would " \
                        f"detect a 10-point difference)"
    assert "Connor" in c.power_method and "observed 0.17" in c.power_method
    # more discordance, more rows needed
    a2, b2 = table_rows(3, 3, 3, 3)
    assert compare_pass(a2, b2, ("A", "B"), FAST).rows_needed > c.rows_needed


def test_rows_needed_gives_about_the_stated_power():
    """At the computed n, the exact McNemar test detects the difference about 80% of the
    time in simulation (the exact test is a little conservative)."""
    psi, delta = 0.3, 0.15
    n = mcnemar_rows_needed(psi, delta)
    rng = np.random.default_rng(2)
    probs = [(psi + delta) / 2, (psi - delta) / 2, 1 - psi]  # a only, b only, concordant
    hits = 0
    for _ in range(400):
        a_only, b_only, _ = rng.multinomial(n, probs)
        hits += sps.binomtest(min(a_only, b_only), a_only + b_only, 0.5).pvalue < 0.05
    assert 0.70 <= hits / 400 <= 0.90


# --- scores -----------------------------------------------------------------------------
def test_scores_match_scipy_wilcoxon_and_paired_bootstrap():
    rng = np.random.default_rng(8)
    a = rng.uniform(0, 1, 25)
    b = a + rng.normal(0.15, 0.1, 25)
    c = compare_scores(rows_of(a.tolist()), rows_of(b.tolist()), ("A", "B"), FAST)
    d = a - b
    assert c.p_value == pytest.approx(sps.wilcoxon(d).pvalue)
    ref = sps.bootstrap((d,), np.mean, n_resamples=200, rng=np.random.default_rng(0)).confidence_interval
    assert (c.low, c.high) == pytest.approx((ref.low, ref.high), rel=1e-9)
    assert c.difference == pytest.approx(d.mean()) and c.n == 25
    assert c.winner == "b" and c.verdict == "B better"


def test_score_rows_needed():
    n = wilcoxon_rows_needed(0.3, 0.1)
    from statsmodels.stats.power import TTestPower
    t = TTestPower().solve_power(effect_size=1 / 3, alpha=0.05, power=0.8)
    assert n == math.ceil(t / (3 / math.pi))
    assert wilcoxon_rows_needed(0.0, 0.1) == 6  # 2 * 0.5^6 < 0.05 <= 2 * 0.5^5


# --- several variants: Holm --------------------------------------------------------------
def test_holm_across_comparisons():
    rng = np.random.default_rng(9)
    base = rng.random(80)
    variants = {name: rows_of((base + rng.normal(shift, 0.3, 80) > 0.5).tolist())
                for name, shift in (("a", 0.0), ("b", 0.1), ("c", 0.25), ("d", 0.0))}
    cs = compare_variants(variants, "pass", FAST)
    assert [(c.a, c.b) for c in cs] == [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")]
    raw = [c.p_value for c in cs]
    _, ref, _, _ = multipletests(raw, method="holm")
    order = np.argsort(raw)
    by_hand = np.maximum.accumulate([raw[i] * (6 - r) for r, i in enumerate(order)])
    assert [c.p_adjusted for c in cs] == pytest.approx(list(ref))
    assert holm([0.01, 0.04, 0.03, 0.5]) == pytest.approx(list(multipletests([0.01, 0.04, 0.03, 0.5], method="holm")[1]))
    assert [cs[i].p_adjusted for i in order] == pytest.approx(np.minimum(by_hand, 1))
    assert all(c.correction == "Holm's correction across 6 comparisons" for c in cs)
    assert all(c.significant == (c.p_adjusted < 0.05) for c in cs)
    # two variants: one comparison, no correction
    one = compare_variants({"a": variants["a"], "c": variants["c"]}, "pass", FAST)
    assert one[0].correction is None and one[0].p_adjusted == one[0].p_value
    # each against a baseline
    vs_base = compare_variants(variants, "pass", FAST, pairs=[("b", "a"), ("c", "a")])
    assert [c.correction for c in vs_base] == ["Holm's correction across 2 comparisons"] * 2


# --- property tests ------------------------------------------------------------------------
def _aa_pass(rng, n):
    difficulty = rng.random(n)
    return rows_of((rng.random(n) < difficulty).tolist()), rows_of((rng.random(n) < difficulty).tolist())


def test_aa_pass_fail_reports_no_difference():
    rng = np.random.default_rng(100)
    calls = [compare_pass(*_aa_pass(rng, 40), ("A", "A'"), FAST) for _ in range(150)]
    assert sum(c.winner is None for c in calls) / len(calls) >= 0.95
    assert all(c.verdict.startswith("no detectable difference") for c in calls if c.winner is None)


def test_aa_scores_and_three_variants_report_no_difference():
    rng = np.random.default_rng(101)
    quiet = 0
    for _ in range(120):
        row = rng.normal(0.5, 0.2, 30)
        a, b = row + rng.normal(0, 0.1, 30), row + rng.normal(0, 0.1, 30)
        quiet += compare_scores(rows_of(a.tolist()), rows_of(b.tolist()), ("A", "A'"), FAST).winner is None
    assert quiet / 120 >= 0.95
    families = 0
    for _ in range(60):
        difficulty = rng.random(30)
        variants = {n: rows_of((rng.random(30) < difficulty).tolist()) for n in "xyz"}
        families += all(c.winner is None for c in compare_variants(variants, "pass", FAST))
    assert families / 60 >= 0.95


def test_planted_30_point_difference_on_200_rows_is_detected():
    rng = np.random.default_rng(102)
    found_pass = found_score = 0
    for _ in range(60):
        a, b = rng.random(200) < 0.4, rng.random(200) < 0.7
        c = compare_pass(rows_of(a.tolist()), rows_of(b.tolist()), ("A", "B"), FAST)
        found_pass += c.winner == "b"
        x = rng.uniform(0, 0.7, 200)
        y = np.clip(x + 0.3 + rng.normal(0, 0.3, 200), 0, 1)
        found_score += compare_scores(rows_of(x.tolist()), rows_of(y.tolist()), ("A", "B"), FAST).winner == "b"
    assert found_pass / 60 >= 0.95 and found_score / 60 >= 0.95


# --- degenerate input -------------------------------------------------------------------
def test_degenerate_comparisons_say_so_plainly():
    a = rows_of([True, False, True])
    cases = {
        "no overlap": compare_pass(a, {10: True, 11: False}, ("A", "B"), FAST),
        "one row": compare_pass(a, {0: True}, ("A", "B"), FAST),
        "only errors": compare_pass(a, {0: None, 1: [None, None]}, ("A", "B"), FAST),
        "scores only errors": compare_scores({0: None}, {0: 1.0}, ("A", "B"), FAST),
    }
    assert cases["no overlap"].verdict == f"{NOT_ENOUGH_PAIRED}: A and B have no row in common"
    assert cases["one row"].verdict == f"{NOT_ENOUGH_PAIRED}: only one row has judged runs on both A and B"
    assert cases["only errors"].verdict == f"{NOT_ENOUGH_PAIRED}: B has no judged runs (only errors, or nothing recorded)"
    assert cases["scores only errors"].verdict.startswith(f"{NOT_ENOUGH_PAIRED}: A has no values")
    for c in cases.values():
        assert c.statement == c.verdict and c.p_value is None and c.difference is None and c.winner is None
        assert no_nan(c.to_dict())
    # all ties: every row the same on both sides
    same = compare_pass(a, a, ("A", "B"), FAST)
    assert same.p_value == 1.0 and same.difference == 0
    # three rows that agree do not show there is no difference: the interval says how much there could be
    assert same.low == pytest.approx(-same.high) and 0.3 < same.high < 0.6 and "Newcombe" in same.interval_method
    assert same.verdict.startswith("no detectable difference (n=3;")
    tie_scores = compare_scores({0: 0.5, 1: 0.5, 2: 0.9}, {0: 0.5, 1: 0.5, 2: 0.9}, ("A", "B"), FAST)
    assert tie_scores.p_value == 1.0 and tie_scores.winner is None and no_nan(tie_scores.to_dict())


def test_degenerate_estimates_say_so_plainly():
    assert pass_rate_interval({0: None, 1: []}).statement == "no judged runs (only errors, or no assertions)"
    assert mean_interval({}, FAST).statement == "no values (only errors, or nothing measured)"
    one = mean_interval({0: [1.0, 2.0, 4.0]}, FAST)
    assert one.estimate == pytest.approx(7 / 3) and one.low is None and one.statement.startswith("one row")
    flat = mean_interval(rows_of([3.0] * 5), FAST)
    assert (flat.estimate, flat.low, flat.high) == (3.0, 3.0, 3.0) and "all 5 values are 3" in flat.statement
    # NaN and infinity are missing values, not numbers
    e = mean_interval({0: float("nan"), 1: 1.0, 2: float("inf"), 3: 2.0}, FAST)
    assert e.n == 2 and e.estimate == 1.5
    skewed = mean_interval(rows_of([0.0] * 19 + [1.0]), Settings(n_resamples=200))  # BCa may be undefined
    for est in (one, flat, e, skewed):
        assert no_nan(est.to_dict())


def test_analyze_whole_comparison_with_a_variant_of_only_errors():
    rng = np.random.default_rng(10)
    good = {"pass": rows_of((rng.random(30) < 0.6).tolist()), "score": rows_of(rng.random(30).tolist()),
            "latency_ms": rows_of(rng.lognormal(5, 0.2, 30).tolist())}
    broken = {"pass": rows_of([None] * 30), "score": rows_of([None] * 30), "latency_ms": {}}
    other = {"pass": rows_of((rng.random(30) < 0.6).tolist()), "score": rows_of(rng.random(30).tolist())}
    result = analyze({"good": good, "broken": broken, "other": other}, FAST)
    assert result.estimates["broken"]["pass"].statement.startswith("no judged runs")
    assert result.estimates["good"]["latency_ms"].metric == "mean latency_ms"
    assert result.estimates["good"]["latency_ms"].low is not None
    pass_family = result.comparisons["pass"]
    assert [(c.a, c.b) for c in pass_family] == [("good", "broken"), ("good", "other"), ("broken", "other")]
    assert pass_family[0].verdict.startswith(NOT_ENOUGH_PAIRED) and pass_family[1].p_value is not None
    assert pass_family[1].correction is None  # the only comparison with a test
    assert result.comparison("good", "other", "score").n == 30
    assert no_nan(result.to_dict())
    # the same figures as computed one by one (shared resamples change nothing)
    alone = compare_pass(good["pass"], other["pass"], ("good", "other"), FAST)
    same = pass_family[1]
    assert (alone.low, alone.high, alone.p_value) == pytest.approx((same.low, same.high, same.p_value), rel=1e-12)
    assert result.estimates["good"]["score"].low == pytest.approx(mean_interval(good["score"], FAST).low, rel=1e-12)


def test_malformed_input_raises_stats_error():
    for bad in (lambda: Settings(confidence=1.5), lambda: Settings(bootstrap="basic"),
                lambda: Settings(n_resamples=10 ** 9), lambda: Settings(seed=-1),
                lambda: pass_rate_interval({0: "yes"}), lambda: mean_interval({0: "fast"}),
                lambda: compare_variants({"a": {}}, "pass", pairs=[("a", "b")]),
                lambda: compare_variants({"a": {}}, "median"), lambda: cohen_kappa(["a"], ["a", "b"]),
                lambda: bradley_terry([{"left": "x", "right": "x", "outcome": "tie"}]),
                lambda: bradley_terry([{"left": "x", "right": "y", "outcome": "draw"}]),
                lambda: bradley_terry([("x", "y")]), lambda: wilson(5, 3), lambda: analyze({"a": [1, 2]})):
        with pytest.raises(StatsError) as info:
            bad()
        assert isinstance(info.value, WorkbenchError) and "\n" not in str(info.value)


# --- Cohen's kappa --------------------------------------------------------------------------
def test_kappa_textbook_example_and_fleiss_variance():
    # 50 items, two raters: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> po 0.7, pe 0.5, kappa 0.4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    k = cohen_kappa(a, b)
    assert k.kappa == pytest.approx(0.4) and k.agreement == pytest.approx(0.7) and k.n == 50
    # Fleiss, Cohen & Everitt (1969) large-sample variance, computed here by hand
    p = np.array([[15, 10], [5, 20]]) / 50  # rows: a = no, yes; columns: b = no, yes
    row, col, pe, kap = p.sum(1), p.sum(0), 0.5, 0.4
    diag = sum(p[i, i] * (1 - (row[i] + col[i]) * (1 - kap)) ** 2 for i in range(2))
    off = (1 - kap) ** 2 * sum(p[i, j] * (col[i] + row[j]) ** 2 for i in range(2) for j in range(2) if i != j)
    se = math.sqrt((diag + off - (kap - pe * (1 - kap)) ** 2) / (50 * (1 - pe) ** 2))
    z = sps.norm.ppf(0.975)
    assert (k.low, k.high) == pytest.approx((0.4 - z * se, 0.4 + z * se))
    assert (k.agreement_low, k.agreement_high) == pytest.approx(wilson(35, 50))


def test_kappa_degenerate():
    assert cohen_kappa([], []).statement == "no pairs with an answer on both sides"
    same = cohen_kappa(["4"] * 6, ["4"] * 6)
    assert same.kappa is None and same.agreement == 1.0 and "kappa is undefined" in same.statement
    k = cohen_kappa(["a", None, "b", "a"], ["a", "b", None, "b"])
    assert k.n == 2 and no_nan(k.to_dict())
    perfect = cohen_kappa(list("abcabc"), list("abcabc"))
    assert perfect.kappa == pytest.approx(1.0) and perfect.high == 1.0


# --- Bradley-Terry ------------------------------------------------------------------------
def _davidson_nll(x, votes, names):
    k = len(names)
    th, lam = x[:k], x[k]
    total = 0.0
    for v in votes:
        a, b = th[names.index(v.left)], th[names.index(v.right)]
        ld = np.logaddexp(np.logaddexp(a, b), lam + (a + b) / 2)
        z = {"left": a, "right": b}.get(v.outcome, lam + (a + b) / 2)
        total += z - ld
    return -total + 0.5 * np.sum(x ** 2) / 9


def test_bradley_terry_matches_direct_optimization():
    rng = np.random.default_rng(12)
    names = ["a", "b", "c"]
    truth = {"a": 0.8, "b": 0.0, "c": -0.8}
    votes = []
    for _ in range(120):
        left, right = rng.choice(names, 2, replace=False)
        pa, pb, pt = math.exp(truth[left]), math.exp(truth[right]), 0.6 * math.exp((truth[left] + truth[right]) / 2)
        outcome = rng.choice(["left", "right", "tie"], p=np.array([pa, pb, pt]) / (pa + pb + pt))
        votes.append(Vote(str(left), str(right), str(outcome)))
    r = bradley_terry(votes, FAST)
    ref = optimize.minimize(_davidson_nll, np.zeros(4), args=(votes, names), method="BFGS").x
    ref_theta = ref[:3] - ref[:3].mean()
    got = {s.name: s.strength for s in r.variants}
    assert [got[n] for n in names] == pytest.approx(list(ref_theta), abs=1e-4)
    assert r.tie_parameter == pytest.approx(math.exp(ref[3]), rel=1e-3)
    assert [s.name for s in r.variants] == ["a", "b", "c"]
    assert all(s.low <= s.strength <= s.high for s in r.variants)
    assert r.variants[0].rating == pytest.approx(1000 + 400 * got["a"] / math.log(10))
    assert (r.votes, r.seed, r.n_resamples) == (120, 0, 200) and "Davidson" in r.method


def test_bradley_terry_ties_position_bias_tags_and_degenerate_votes():
    assert bradley_terry([]).statement == "no votes yet"
    ties = bradley_terry([Vote("x", "y", "tie"), Vote("y", "x", "both_bad"), Vote("x", "y", "tie")], FAST)
    assert ties.statement == "every vote is a tie: no variant ranks above another"
    assert [s.strength for s in ties.variants] == pytest.approx([0, 0], abs=1e-9) and ties.both_bad == 1
    # an unbeaten variant stays finite; no ties at all: nu is 0
    unbeaten = bradley_terry([{"left": "x", "right": "y", "outcome": "left", "tags": "math"}] * 5, FAST)
    assert unbeaten.tie_parameter == 0.0 and math.isfinite(unbeaten.variants[0].strength)
    assert unbeaten.variants[0].name == "x" and unbeaten.left_share == 1.0 and unbeaten.position_p < 0.1
    votes = [Vote("x", "y", "left", ("math",)), Vote("y", "x", "left", ("math",)), Vote("x", "z", "right", ("prose",)),
             Vote("z", "y", "tie", ("prose",))]
    out = rankings(votes, FAST)
    assert [r.tag for r in out] == [None, "math", "prose"] and [r.votes for r in out] == [4, 2, 2]
    assert out[1].of("z") is None and out[0].of("z").wins == 1
    assert out[0].left_wins == 2 and out[0].right_wins == 1
    for r in [*out, ties, unbeaten, bradley_terry([])]:
        assert no_nan(r.to_dict())


def test_bradley_terry_bootstrap_is_fast_and_seeded():
    import time
    rng = np.random.default_rng(13)
    names = ["a", "b", "c", "d", "e"]
    votes = [Vote(*map(str, rng.choice(names, 2, replace=False)), str(rng.choice(["left", "right", "tie"])))
             for _ in range(500)]
    t = time.perf_counter()
    r1 = bradley_terry(votes, Settings(n_resamples=2000))
    assert time.perf_counter() - t < 5
    r2 = bradley_terry(votes, Settings(n_resamples=2000))
    assert [(s.low, s.high) for s in r1.variants] == [(s.low, s.high) for s in r2.variants]


# --- fuzz: any small input gives numbers or a statement, never NaN or a traceback -------------
verdict = st.one_of(st.none(), st.booleans(), st.lists(st.one_of(st.none(), st.booleans()), max_size=3))
number = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True, width=32),
                   st.lists(st.floats(-5, 5), max_size=3))


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.integers(0, 6), verdict, max_size=7), st.dictionaries(st.integers(0, 6), verdict, max_size=7),
       st.dictionaries(st.integers(0, 6), number, max_size=7))
def test_any_small_input_gives_numbers_or_a_statement(a, b, x):
    results = [compare_pass(a, b, ("A", "B"), FAST), pass_rate_interval(a, FAST), mean_interval(x, FAST),
               compare_scores(x, {k: v for k, v in x.items() if k % 2}, ("A", "B"), FAST)]
    for r in results:
        assert no_nan(r.to_dict())
    c = results[0]
    assert c.p_value is not None or c.statement.startswith(NOT_ENOUGH_PAIRED)
    assert c.verdict


def test_the_paired_pass_rate_interval_is_newcombes():
    """Newcombe's method 10 against Altman et al., Statistics with Confidence (2000), the
    worked example of paired proportions (14 both, 5 only the first, 0 only the second, 22
    neither: 0.011 to 0.226); swapping the sides mirrors it; it agrees with McNemar on a
    dozen rows where a bootstrap did not."""
    from reports.statistics import paired_difference_interval

    low, high = paired_difference_interval(14, 5, 0, 22)
    assert (round(low, 3), round(high, 3)) == (0.011, 0.226)
    assert paired_difference_interval(14, 0, 5, 22) == pytest.approx((-high, -low))
    # the sentiment sweep's 12 rows: 1 only A, 4 only B; McNemar p = 0.375 and the interval holds 0
    low, high = paired_difference_interval(3, 1, 4, 4)
    assert low < 0 < high
    a = {i: v for i, v in enumerate([True] * 4 + [False] * 8)}
    b = {i: v for i, v in enumerate([True, True, True, False, True, True, True, True] + [False] * 4)}
    c = compare_pass(a, b, ("A", "B"), FAST)
    assert (c.a_only, c.b_only) == (1, 4) and c.low < 0 < c.high and c.winner is None
    with pytest.raises(StatsError):
        paired_difference_interval(0, 0, 0, 0)


def test_a_score_that_is_the_verdict_is_not_compared_twice():
    """equals and contains score 1 for a pass and 0 for a fail: their mean score is the pass
    rate, and testing it again (by Wilcoxon, beside McNemar) gave a second, different p
    for the same data. A score that is not the verdict is still compared."""
    from reports.statistics import analyze

    verdicts = {"A": [True, True, False, True, False, True], "B": [False, True, False, False, False, True]}
    binary = {name: {"pass": dict(enumerate(v)), "score": {i: float(x) for i, x in enumerate(v)}}
              for name, v in verdicts.items()}
    got = analyze(binary, FAST)
    assert set(got.comparisons) == {"pass"} and "score" in got.estimates["A"]
    graded = {name: {"pass": m["pass"], "score": {i: 0.5 * x + 0.2 for i, x in m["score"].items()}}
              for name, m in binary.items()}
    assert set(analyze(graded, FAST).comparisons) == {"pass", "score"}


def test_a_verdict_says_so_where_its_interval_and_its_test_read_differently():
    """Altman's example: the paired interval leaves out 0 (0.011 to 0.226), but the exact
    McNemar test on 5 discordant rows cannot reject (p = 0.0625). The verdict follows the
    test and says why the interval beside it seems to disagree; agreeing ones say nothing."""
    a = {i: v for i, v in enumerate([True] * 19 + [False] * 22)}
    b = {i: v for i, v in enumerate([True] * 14 + [False] * 27)}
    c = compare_pass(a, b, ("A", "B"), FAST)
    assert c.winner is None and c.low > 0 and c.p_adjusted == pytest.approx(0.0625)
    assert c.verdict.startswith("no detectable difference (n=41; ")
    assert c.verdict.endswith("; the interval leaves out 0, but the test does not reject (p=0.0625, alpha 0.05)")
    plain = compare_pass({i: v for i, v in enumerate([True] * 4 + [False] * 8)},
                         {i: v for i, v in enumerate([True, True, True, False, True, True, True, True] + [False] * 4)},
                         ("A", "B"), FAST)
    assert "interval" not in plain.verdict  # interval holds 0 and the test does not reject: nothing to add
