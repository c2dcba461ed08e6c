"""Agreement and arena rankings: Cohen's kappa, and a Bradley-Terry fit with ties.

- :func:`cohen_kappa` (answers of side A, answers of side B, paired by position)
  -> :class:`Kappa`: statsmodels ``cohens_kappa`` on the confusion table, with the
  asymptotic interval kappa ± z·SE (SE under the alternative, from statsmodels), and
  the raw agreement with its Wilson interval.
- :func:`bradley_terry` (votes) -> :class:`Ranking`: Davidson's (1970) extension of
  the Bradley-Terry model, which gives ties their own probability:
  P(i beats j) = pi_i / D, P(tie) = nu·sqrt(pi_i·pi_j) / D, D = pi_i + pi_j + nu·sqrt(pi_i·pi_j).
  Fitted by Newton-Raphson on the log-likelihood plus a weak normal prior (SD 3) on
  the log-strengths and on log nu, which keeps an unbeaten variant finite and fixes
  the scale's origin (strengths average zero); without any tie, nu is 0 (plain
  Bradley-Terry). "both bad" votes count as ties. Intervals:
  seeded percentile bootstrap over the votes (resampled with replacement, refitted).
  Ratings are the log-strengths on the familiar Elo scale: 1000 + 400·theta/ln 10.
  Position bias: the share of decisive votes that went to the left output, with a
  two-sided binomial test against one half.
- :func:`rankings` (votes) -> overall, then one :class:`Ranking` per tag.

A vote is a :class:`Vote` or a mapping with ``left``, ``right``, ``outcome`` (left |
right | tie | both_bad) and optional ``tags``.
"""

from __future__ import annotations

from common.i18n import _

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from scipy import stats as sps
from statsmodels.stats.inter_rater import cohens_kappa as sm_cohens_kappa
from statsmodels.stats.proportion import proportion_confint

from common.errors import StatsError
from reports.stats_settings import DEFAULT, Settings

OUTCOMES = ("left", "right", "tie", "both_bad")
PRIOR_SD = 3.0  # of the log-strengths
ELO_SCALE = 400 / math.log(10)
ELO_BASE = 1000.0


# --- Cohen's kappa ---------------------------------------------------------------------
@dataclass
class Kappa:
    kappa: float | None
    low: float | None
    high: float | None
    agreement: float | None  # share of pairs with the same answer
    agreement_low: float | None
    agreement_high: float | None
    n: int  # pairs with an answer on both sides
    categories: list[str]
    method: str
    confidence: float
    statement: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def cohen_kappa(a: Sequence[Any], b: Sequence[Any], settings: Settings = DEFAULT) -> Kappa:
    """Cohen's kappa between two raters' categorical answers, paired by position
    (None on either side: that pair is left out). Pairs are taken as independent."""
    if isinstance(a, (str, bytes)) or isinstance(b, (str, bytes)) \
            or not isinstance(a, Sequence) or not isinstance(b, Sequence):
        raise StatsError(_('kappa needs two lists of answers, paired by position'))
    if len(a) != len(b):
        raise StatsError(_('kappa needs answers paired one to one, not {n} against {n2}').format(n=len(a), n2=len(b)))
    pairs = [(str(x), str(y)) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    n = len(pairs)
    method = (f"Cohen's kappa (statsmodels cohens_kappa), asymptotic {settings.confidence:.0%} interval kappa ± z·SE; "
              f"agreement: Wilson score interval")
    if n == 0:
        return Kappa(None, None, None, None, None, None, 0, [], method, settings.confidence,
                     "no pairs with an answer on both sides")
    cats = sorted({x for p in pairs for x in p})
    index = {c: i for i, c in enumerate(cats)}
    table = np.zeros((len(cats), len(cats)))
    for x, y in pairs:
        table[index[x], index[y]] += 1
    agree = int(np.trace(table))
    alow, ahigh = proportion_confint(agree, n, alpha=settings.alpha, method="wilson")
    po = agree / n
    if len(cats) == 1:
        return Kappa(None, None, None, po, float(alow), float(ahigh), n, cats, method, settings.confidence,
                     f"both sides gave the same single answer ({cats[0]!r}) on all {n} pairs: kappa is undefined "
                     f"(chance agreement is already 100%)")
    pe = float(np.sum(table.sum(axis=0) * table.sum(axis=1))) / n ** 2
    if pe >= 1:
        return Kappa(None, None, None, po, float(alow), float(ahigh), n, cats, method, settings.confidence,
                     "kappa is undefined: chance agreement is 100%")
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = sm_cohens_kappa(table)
    kappa = float(res.kappa)
    se = float(res.std_kappa)
    statement = None
    if n < 2 or not math.isfinite(se):
        low = high = None
        statement = _('one pair: no interval') if n < 2 else _('the interval cannot be computed for this table')
    else:
        z = float(sps.norm.ppf(1 - settings.alpha / 2))
        low, high = max(-1.0, kappa - z * se), min(1.0, kappa + z * se)
    return Kappa(kappa, low, high, po, float(alow), float(ahigh), n, cats, method, settings.confidence, statement)


# --- votes -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Vote:
    left: str
    right: str
    outcome: str  # left | right | tie | both_bad
    tags: tuple[str, ...] = ()


def _vote(v: Any) -> Vote:
    if isinstance(v, Vote):
        left, right, outcome, tags = v.left, v.right, v.outcome, v.tags
    elif isinstance(v, Mapping):
        try:
            left, right, outcome = v["left"], v["right"], v["outcome"]
        except KeyError as exc:
            raise StatsError(_('a vote needs left, right and outcome; this one has no {value!r}').format(value=exc.args[0])) from None
        tags = v.get("tags") or ()
    else:
        raise StatsError(_('a vote must be a Vote or a mapping, not {name}').format(name=type(v).__name__))
    if isinstance(tags, str):
        tags = (tags,)
    if not isinstance(left, str) or not isinstance(right, str) or not left or not right:
        raise StatsError(_("a vote's left and right must be variant names, not {left!r} and {right!r}").format(left=left, right=right))
    if left == right:
        raise StatsError(_('a vote compares {left!r} with itself').format(left=left))
    if outcome not in OUTCOMES:
        raise StatsError(_("a vote's outcome must be one of {OUTCOMES}, not {outcome!r}").format(OUTCOMES=', '.join(OUTCOMES), outcome=outcome))
    return Vote(str(left), str(right), str(outcome), tuple(str(t) for t in tags))


@dataclass
class Strength:
    name: str
    strength: float  # log-strength theta, centred (the average variant is 0)
    low: float | None
    high: float | None
    rating: float  # 1000 + 400·theta/ln 10
    rating_low: float | None
    rating_high: float | None
    wins: int
    losses: int
    ties: int  # ties and both-bad votes
    votes: int


@dataclass
class Ranking:
    tag: str | None  # None: every vote
    variants: list[Strength]  # strongest first
    votes: int
    ties: int
    both_bad: int
    tie_parameter: float | None  # Davidson's nu (0: no ties)
    left_wins: int
    right_wins: int
    left_share: float | None  # of decisive votes
    position_p: float | None  # two-sided binomial test of left_share against 1/2
    method: str
    confidence: float
    seed: int
    n_resamples: int
    statement: str | None = None
    _order: list[str] = field(default_factory=list, repr=False)

    def of(self, name: str) -> Strength | None:
        return next((s for s in self.variants if s.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("_order", None)
        return d


def _tables(votes: Sequence[Vote], names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per vote: (index of the first-named side i, of the other j, outcome code 0: i won,
    1: j won, 2: tie), with i < j so that each unordered pair is one cell."""
    index = {n: k for k, n in enumerate(names)}
    i, j, o = np.empty(len(votes), int), np.empty(len(votes), int), np.empty(len(votes), int)
    for k, v in enumerate(votes):
        x, y = index[v.left], index[v.right]
        win = 0 if v.outcome == "left" else 1 if v.outcome == "right" else 2
        if x > y:
            x, y = y, x
            win = {0: 1, 1: 0, 2: 2}[win]
        i[k], j[k], o[k] = x, y, win
    return i, j, o


def _design(pi: np.ndarray, pj: np.ndarray, k: int, ties: bool) -> np.ndarray:
    """Per pair, the outcomes' log-odds as linear functions of the parameters
    (theta_1..theta_k, then log nu when there are ties): i wins: theta_i; j wins:
    theta_j; tie: log nu + (theta_i + theta_j) / 2. Shape (pairs, outcomes, params)."""
    m = np.zeros((len(pi), 3 if ties else 2, k + (1 if ties else 0)))
    rows = np.arange(len(pi))
    m[rows, 0, pi] = 1.0
    m[rows, 1, pj] = 1.0
    if ties:
        m[rows, 2, pi] = 0.5
        m[rows, 2, pj] = 0.5
        m[:, 2, k] = 1.0
    return m


def _fit(design: np.ndarray, counts: np.ndarray, x0: np.ndarray, iterations: int = 50) -> np.ndarray:
    """Davidson-Bradley-Terry maximum a posteriori estimates, one per set of counts, by
    Newton-Raphson on the log-posterior (concave: a log-sum-exp of linear functions
    and a normal prior), all sets at once. ``counts``: (sets, pairs, outcomes);
    returns (sets, params)."""
    x = np.array(np.broadcast_to(x0, (counts.shape[0], design.shape[2])), dtype=float)
    total = counts.sum(axis=2)  # (sets, pairs)
    observed = np.einsum("rpo,poq->rq", counts, design)
    precision = np.eye(design.shape[2]) / PRIOR_SD ** 2
    for _step in range(iterations):
        z = np.einsum("poq,rq->rpo", design, x)
        z -= z.max(axis=2, keepdims=True)
        prob = np.exp(z)
        prob /= prob.sum(axis=2, keepdims=True)
        expected = np.einsum("rp,rpo,poq->rq", total, prob, design)
        grad = observed - expected - x @ precision
        mean = np.einsum("rpo,poq->rpq", prob, design)  # E[row of design] per pair
        second = np.einsum("rpo,poq,pos->rpqs", prob, design, design)
        cov = second - mean[..., :, None] * mean[..., None, :]
        hess = -np.einsum("rp,rpqs->rqs", total, cov) - precision
        step = np.linalg.solve(hess, grad[..., None])[..., 0]
        size = np.abs(step).max(axis=1, keepdims=True)
        step *= np.minimum(1.0, 2.0 / np.maximum(size, 1e-300))  # at most 2 log-units per iteration
        x -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return x


def bradley_terry(votes: Iterable[Any], settings: Settings = DEFAULT, tag: str | None = None,
                  n_resamples: int | None = None) -> Ranking:
    """The Davidson-Bradley-Terry ranking of the variants in ``votes`` (all of them, or
    only those carrying ``tag``), with seeded bootstrap intervals."""
    s = settings
    reps = s.n_resamples if n_resamples is None else int(n_resamples)
    if not 0 <= reps <= 100_000:
        raise StatsError(_('bootstrap resamples must be from 0 to 100000, not {reps}').format(reps=reps))
    vs = [_vote(v) for v in votes]
    if tag is not None:
        vs = [v for v in vs if tag in v.tags]
    method = (f"Bradley-Terry with ties (Davidson 1970; 'both bad' counted as a tie), maximum a posteriori with a "
              f"normal prior SD {PRIOR_SD:g} on log-strengths and log nu; {s.confidence:.0%} percentile bootstrap over votes; "
              f"position bias: two-sided binomial test")
    if not vs:
        return Ranking(tag, [], 0, 0, 0, None, 0, 0, None, None, method, s.confidence, s.seed, reps,
                       "no votes yet" if tag is None else f"no votes tagged {tag!r}")
    names = sorted({n for v in vs for n in (v.left, v.right)})
    k = len(names)
    pi, pj, oc = _tables(vs, names)
    cell = (pi * k + pj) * 3 + oc  # one code per (pair, outcome)
    codes, counts = np.unique(cell, return_counts=True)
    cpi, cpj, coc = codes // 3 // k, codes // 3 % k, codes % 3
    pairs = np.unique(cpi * k + cpj)
    ppi, ppj = pairs // k, pairs % k
    slot = np.searchsorted(pairs, cpi * k + cpj)

    n_ties = int(sum(1 for v in vs if v.outcome in ("tie", "both_bad")))
    has_ties = n_ties > 0
    design = _design(ppi, ppj, k, has_ties)
    outcomes = design.shape[1]

    def table(c: np.ndarray) -> np.ndarray:  # (sets, cells) -> (sets, pairs, outcomes)
        w = np.zeros((c.shape[0], len(pairs), 3))
        for col, (sl, oc) in enumerate(zip(slot, coc, strict=True)):
            w[:, sl, oc] += c[:, col]
        return w[:, :, :outcomes]

    full = _fit(design, table(counts[None, :].astype(float)), np.zeros(design.shape[2]))[0]
    theta = full[:k] - full[:k].mean()
    low = high = None
    if reps and len(vs) > 1:
        rng = np.random.default_rng(s.seed)
        draws = rng.multinomial(len(vs), counts / counts.sum(), size=reps).astype(float)
        boot = _fit(design, table(draws), full)[:, :k]
        boot -= boot.mean(axis=1, keepdims=True)
        tail = (1 - s.confidence) / 2
        low, high = np.quantile(boot, tail, axis=0), np.quantile(boot, 1 - tail, axis=0)
    strengths = []
    for idx, name in enumerate(names):
        mine = [v for v in vs if name in (v.left, v.right)]
        wins = sum(1 for v in mine if (v.outcome == "left" and v.left == name) or (v.outcome == "right" and v.right == name))
        tie_n = sum(1 for v in mine if v.outcome in ("tie", "both_bad"))
        lo = float(low[idx]) if low is not None else None
        hi = float(high[idx]) if high is not None else None
        strengths.append(Strength(name, float(theta[idx]), lo, hi, _elo(theta[idx]), _elo(lo), _elo(hi),
                                  wins, len(mine) - wins - tie_n, tie_n, len(mine)))
    strengths.sort(key=lambda x: (-x.strength, x.name))
    left = sum(1 for v in vs if v.outcome == "left")
    right = sum(1 for v in vs if v.outcome == "right")
    share = left / (left + right) if left + right else None
    pos_p = float(sps.binomtest(left, left + right, 0.5).pvalue) if left + right else None
    statement = None
    if n_ties == len(vs):
        statement = _('every vote is a tie: no variant ranks above another')
    elif len(vs) == 1:
        statement = _('one vote: no interval')
    return Ranking(tag, strengths, len(vs), n_ties, sum(1 for v in vs if v.outcome == "both_bad"),
                   float(math.exp(full[k])) if has_ties else 0.0, left, right, share, pos_p, method, s.confidence,
                   s.seed, reps, statement, names)


def _elo(theta: float | None) -> float | None:
    return None if theta is None else ELO_BASE + ELO_SCALE * float(theta)


def rankings(votes: Iterable[Any], settings: Settings = DEFAULT, n_resamples: int | None = None) -> list[Ranking]:
    """The overall ranking first, then one per tag (tags in sorted order)."""
    vs = [_vote(v) for v in votes]
    out = [bradley_terry(vs, settings, None, n_resamples)]
    for t in sorted({t for v in vs for t in v.tags}):
        out.append(bradley_terry(vs, settings, t, n_resamples))
    return out


__all__ = ["OUTCOMES", "Kappa", "Ranking", "Strength", "Vote", "bradley_terry", "cohen_kappa", "rankings"]
