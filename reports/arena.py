"""The blind arena (Qt-free; in reports, as it ranks from the grid and the ledger): two outputs for the same dataset row from two variants of an
experiment, shown side by side with their names hidden and their positions random;
a person or a judge model votes left / right / tie / both bad into one ledger (the
store's ``arena_votes``), and the ranking is a Bradley-Terry fit with ties
(:func:`reports.ranking.rankings`) over those votes, overall and per tag.

- :func:`matchups` (grid) -> every (row, pair of variants) with an ok output on both.
- :func:`next_matchup` (grid, votes, rng) -> the least-voted matchup, sides random.
- :func:`cast` (store, matchup, outcome, voter) -> the stored vote.
- :func:`arena_ranking` (store, experiment) -> :class:`ArenaResult`: rankings, the
  judge's position bias and its agreement with people (Cohen's kappa).
- :func:`judge` (engine, experiment, model) -> asks the model about every matchup in
  both orders, its answer constrained to the four choices; each order is a vote.

Votes are tagged with who cast them ("human", "judge:<model>") and with a row's
``category``/``tag``/``tags`` variable when it has one, so the per-tag rankings split
people from judges and categories from each other. Qt-free.
"""

from __future__ import annotations

from common.i18n import _

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from common.errors import WorkbenchError

OUTCOMES = ("left", "right", "tie", "both_bad")
HUMAN = "human"
JUDGE_CHOICES = ("A", "B", "tie", "both bad")
JUDGE_OUTCOME = {"A": "left", "B": "right", "tie": "tie", "both bad": "both_bad"}
TAG_VARIABLES = ("category", "tag", "tags")


class ArenaError(WorkbenchError):
    """The arena cannot do what was asked (one variant, no outputs, a bad vote)."""


@dataclass(frozen=True)
class Matchup:
    """One blind comparison: ``left``/``right`` are column keys, in the order shown."""

    experiment_id: str
    row_index: int
    prompt: str
    left: str
    right: str
    left_label: str
    right_label: str
    left_run_id: str
    right_run_id: str
    left_output: str
    right_output: str
    tags: tuple[str, ...] = ()

    def swapped(self) -> Matchup:
        return Matchup(self.experiment_id, self.row_index, self.prompt, self.right, self.left, self.right_label,
                       self.left_label, self.right_run_id, self.left_run_id, self.right_output, self.left_output,
                       self.tags)

    @property
    def pair(self) -> tuple[int, frozenset[str]]:
        return self.row_index, frozenset((self.left, self.right))


def _row_tags(row: Any) -> tuple[str, ...]:
    out: list[str] = []
    for name in TAG_VARIABLES:
        v = row.variables.get(name)
        if isinstance(v, str) and v.strip():
            out += [t.strip() for t in v.split(",") if t.strip()]
        elif isinstance(v, (list, tuple)):
            out += [str(t).strip() for t in v if str(t).strip()]
    return tuple(dict.fromkeys(out))


def _prompt(row: Any, run: Any) -> str:
    text = row.variables.get("question") or row.variables.get("prompt") or row.variables.get("input")
    if isinstance(text, str) and text.strip():
        return text
    return row.label if row.variables else (run.sent_text or row.label)


def check_experiment(grid: Any) -> None:
    """An arena needs an experiment with at least two variants and a row both answered."""
    eid = grid.experiments[0]["id"] if grid.experiments else "?"
    if len(grid.columns) < 2:
        raise ArenaError(_('experiment {eid} has {n} variant; an arena compares two or more (add a model, template or params set)').format(eid=eid, n=len(grid.columns)))


def matchups(grid: Any) -> list[Matchup]:
    """Every (row, pair of variants) where both have an ok run (the first repeat), in a
    fixed order (rows, then column pairs), the earlier column on the left."""
    check_experiment(grid)
    eid = grid.experiments[0]["id"] if grid.experiments else ""
    cols = grid.columns
    out = []
    for row in grid.rows:
        firsts = {}
        for c in cols:
            ok = [r for r in row.cells.get(c.key) or [] if r.status == "ok" and (r.output or "").strip()]
            if ok:
                firsts[c.key] = ok[0]
        for i, a in enumerate(cols):
            for b in cols[i + 1:]:
                if a.key in firsts and b.key in firsts:
                    ra, rb = firsts[a.key], firsts[b.key]
                    out.append(Matchup(eid, row.index, _prompt(row, ra), a.key, b.key, a.label, b.label,
                                       ra.run_id, rb.run_id, ra.output, rb.output, _row_tags(row)))
    if not out:
        raise ArenaError(_('experiment {eid} has no row where two variants both gave an answer (errors or empty outputs only): nothing to compare').format(eid=eid))
    return out


def next_matchup(grid: Any, votes: Sequence[dict[str, Any]], rng: random.Random, voter: str = HUMAN
                 ) -> Matchup:
    """The matchup this voter has voted on least (ties broken at random), its sides
    put in a random order."""
    ms = matchups(grid)
    seen: dict[tuple[int, frozenset[str]], int] = {}
    for v in votes:
        if v.get("voter", HUMAN) == voter:
            key = (int(v["row_index"]), frozenset((v["left_column"], v["right_column"])))
            seen[key] = seen.get(key, 0) + 1
    fewest = min(seen.get(m.pair, 0) for m in ms)
    m = rng.choice([m for m in ms if seen.get(m.pair, 0) == fewest])
    return m.swapped() if rng.random() < 0.5 else m


def cast(store: Any, m: Matchup, outcome: str, voter: str = HUMAN, raw: str | None = None) -> int:
    """Store a vote on ``m`` as shown (its left is the one shown on the left)."""
    if outcome not in OUTCOMES:
        raise ArenaError(_('a vote is one of {OUTCOMES}, not {outcome!r}').format(OUTCOMES=', '.join(OUTCOMES), outcome=outcome))
    kind = "judge" if voter.startswith("judge:") else HUMAN
    return store.add_arena_vote({
        "experiment_id": m.experiment_id, "row_index": m.row_index, "left_column": m.left, "right_column": m.right,
        "left_label": m.left_label, "right_label": m.right_label, "left_run_id": m.left_run_id,
        "right_run_id": m.right_run_id, "outcome": outcome, "voter": voter, "raw": raw,
        "tags": (kind, *m.tags)})


# --- ranking -----------------------------------------------------------------------------
@dataclass
class JudgeReport:
    voter: str
    votes: int
    pairs_both_orders: int  # matchups the judge saw in both orders
    consistent: int  # of those, the same verdict once the sides are put back
    left_share: float | None  # of its decisive votes, the share that went to the left
    position_p: float | None
    agreement: Any = None  # reports.ranking.Kappa against people (None: no matchup both voted on)
    statement: str | None = None


@dataclass
class ArenaResult:
    experiment_id: str
    labels: dict[str, str]  # column key -> variant name
    rankings: list[Any]  # reports.ranking.Ranking: overall first, then per tag
    judges: list[JudgeReport] = field(default_factory=list)
    votes: int = 0
    human_votes: int = 0

    @property
    def overall(self) -> Any:
        return self.rankings[0]

    def to_dict(self) -> dict[str, Any]:
        return {"experiment_id": self.experiment_id, "labels": self.labels, "votes": self.votes,
                "human_votes": self.human_votes, "rankings": [r.to_dict() for r in self.rankings],
                "judges": [{**{k: v for k, v in j.__dict__.items() if k != "agreement"},
                            "agreement": j.agreement.to_dict() if j.agreement is not None else None}
                           for j in self.judges]}


def _canonical(v: dict[str, Any]) -> tuple[tuple[int, tuple[str, str]], str]:
    """(row, sorted pair) and the outcome named by column: the winner's key, tie or both_bad."""
    pair = tuple(sorted((v["left_column"], v["right_column"])))
    o = v["outcome"]
    winner = v["left_column"] if o == "left" else v["right_column"] if o == "right" else o
    return (int(v["row_index"]), pair), winner  # type: ignore[return-value]


def arena_ranking(votes: Sequence[dict[str, Any]], labels: dict[str, str], experiment_id: str,
                  settings: Any = None, n_resamples: int | None = None) -> ArenaResult:
    """Rankings (Bradley-Terry with ties, bootstrap intervals) over the stored votes,
    named by column key; the judges' position bias and agreement with people."""
    from reports.ranking import cohen_kappa, rankings
    from reports.stats_settings import DEFAULT

    s = settings or DEFAULT
    vs = [{"left": v["left_column"], "right": v["right_column"], "outcome": v["outcome"], "tags": v.get("tags") or ()}
          for v in votes]
    ranks = rankings(vs, s, n_resamples)
    human = [v for v in votes if v.get("voter", HUMAN) == HUMAN]
    human_by: dict[Any, list[str]] = {}
    for v in human:
        key, o = _canonical(v)
        human_by.setdefault(key, []).append(o)
    judges = []
    for voter in sorted({v["voter"] for v in votes if str(v.get("voter", "")).startswith("judge:")}):
        mine = [v for v in votes if v["voter"] == voter]
        by: dict[Any, list[tuple[str, str]]] = {}
        for v in mine:
            key, o = _canonical(v)
            by.setdefault(key, []).append((v["left_column"], o))
        both = {k: os_ for k, os_ in by.items() if len({left for left, _ in os_}) == 2}
        consistent = sum(1 for os_ in both.values() if len({o for _, o in os_}) == 1)
        left = sum(1 for v in mine if v["outcome"] == "left")
        right = sum(1 for v in mine if v["outcome"] == "right")
        share = left / (left + right) if left + right else None
        p = None
        if left + right:
            from scipy.stats import binomtest

            p = float(binomtest(left, left + right, 0.5).pvalue)
        # agreement: per matchup, the judge's verdict when its two orders agree (else "inconsistent")
        # against each person's vote on the same matchup
        jx, hx = [], []
        for key, hos in human_by.items():
            if key not in by:
                continue
            jos = {o for _, o in by[key]}
            j = next(iter(jos)) if len(jos) == 1 else "inconsistent"
            for h in hos:
                jx.append(j)
                hx.append(h)
        agreement = cohen_kappa(jx, hx, s) if jx else None
        statement = None if jx else "no matchup has both a person's and this judge's vote yet"
        if jx and all(j == "inconsistent" for j in jx):
            statement = ("its verdict changed with the sides on every matchup people voted on: it agrees with "
                         "them no better than chance")
        judges.append(JudgeReport(voter, len(mine), len(both), consistent, share, p, agreement, statement))
    return ArenaResult(experiment_id, labels, ranks, judges, len(votes), len(human))


def load_arena(store: Any, experiment_id: str) -> tuple[Any, list[dict[str, Any]]]:
    """The experiment's grid and its stored votes."""
    from reports.grid import load_grid

    exp = store.get_experiment(experiment_id)
    grid = load_grid(store, [exp["id"]])
    return grid, store.arena_votes(exp["id"])


def ranking_of(store: Any, experiment_id: str, n_resamples: int | None = None) -> ArenaResult:
    grid, votes = load_arena(store, experiment_id)
    check_experiment(grid)
    labels = {c.key: c.label for c in grid.columns}
    labels.update({v["left_column"]: v.get("left_label") or v["left_column"] for v in votes
                   if v["left_column"] not in labels})
    labels.update({v["right_column"]: v.get("right_label") or v["right_column"] for v in votes
                   if v["right_column"] not in labels})
    return arena_ranking(votes, labels, grid.experiments[0]["id"], n_resamples=n_resamples)


# --- an LLM judge ----------------------------------------------------------------------
JUDGE_SYSTEM = "You compare two answers to the same request and say which is better."


def _model_name(model: str) -> str:
    """A judge is named by its model's file name (without the folder), or its registry name."""
    from pathlib import Path

    return Path(model).stem if model.endswith(".gguf") else model


def judge_prompt(m: Matchup) -> str:
    return (f"Request:\n{m.prompt}\n\nAnswer A:\n{m.left_output}\n\nAnswer B:\n{m.right_output}\n\n"
            f"Which answer is better? Reply with exactly one of: A, B, tie, both bad.\nVerdict: ")


def judge(engine: Any, experiment_id: str, model: str, *, limit: int | None = None, max_tokens: int = 4,
          on_vote: Callable[[Matchup, str, str], None] | None = None, seed: int = 0) -> list[int]:
    """Ask ``model`` about every matchup (at most ``limit``), once in each order; the
    answer is constrained to A / B / tie / both bad (``guards.constrain`` choices), so
    every reply is a vote. Returns the stored vote ids."""
    from backends.base import SamplingParams
    from guards.constrain import Constraint
    from runs.spec import RunSpec

    if limit is not None and not 1 <= limit <= 10_000:
        raise ArenaError(f"--limit must be from 1 to 10000, not {limit}")
    grid, _ = load_arena(engine.store, experiment_id)
    ms = matchups(grid)
    if limit is not None:
        ms = ms[:limit]
    voter = f"judge:{_model_name(model)}"
    constraint = Constraint.choice(list(JUDGE_CHOICES)).to_dict()
    ids = []
    for m in ms:
        for shown in (m, m.swapped()):  # both orders: position bias shows as disagreement
            spec = RunSpec(prompt=judge_prompt(shown), system=JUDGE_SYSTEM, model=model, mode="auto",
                           params=SamplingParams(temperature=0.0, max_tokens=max_tokens, seed=seed),
                           constraint=constraint, tags=("arena-judge",))
            outcome = engine.pipeline.run(spec)
            if outcome.status != "ok":
                raise ArenaError(f"the judge {model} failed on row {m.row_index + 1}: {outcome.error or outcome.status}")
            raw = outcome.output.strip()
            if raw not in JUDGE_OUTCOME:
                raise ArenaError(f"the judge {model} answered {raw[:40]!r}, not one of {', '.join(JUDGE_CHOICES)}")
            ids.append(cast(engine.store, shown, JUDGE_OUTCOME[raw], voter, raw))
            if on_vote is not None:
                on_vote(shown, JUDGE_OUTCOME[raw], raw)
    return ids


def ranking_lines(result: ArenaResult) -> Iterable[str]:
    """The ranking as plain lines (the CLI prints them; the window has its own table)."""
    from reports.stats_text import p_text

    for r in result.rankings:
        head = "overall" if r.tag is None else f"tag {r.tag}"
        yield f"{head}: {r.votes} votes ({r.ties} ties, {r.both_bad} both bad)"
        if r.statement:
            yield f"  {r.statement}"
        for i, s in enumerate(r.variants, 1):
            ci = (f" ({s.rating_low:.0f}–{s.rating_high:.0f})" if s.rating_low is not None and s.rating_high is not None
                  else "")
            yield (f"  {i}. {result.labels.get(s.name, s.name)}: {s.rating:.0f}{ci}  "
                   f"{s.wins} won, {s.losses} lost, {s.ties} tied")
    for j in result.judges:
        bias = (f"left chosen in {j.left_share:.0%} of decisive votes ({p_text(j.position_p)})"
                if j.left_share is not None else "no decisive votes")
        yield (f"{j.voter}: {j.votes} votes; {j.consistent}/{j.pairs_both_orders} matchups the same in both orders; "
               f"position bias: {bias}")
        if j.agreement is not None:
            k = j.agreement
            kt = ("undefined" if k.kappa is None else f"{k.kappa:.2f}" + (
                f" ({k.low:.2f} to {k.high:.2f})" if k.low is not None else ""))
            yield f"  agreement with people: kappa {kt} over {k.n} votes" + (f"; {k.statement}" if k.statement else "")
        if j.statement:
            yield f"  {j.statement}"
