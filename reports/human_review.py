"""A person's labels on logged runs (the review queue) and how they agree with the LLM judge.

A label is a check with stage ``human``, one of each kind per run (a new label of a kind
replaces the old one):

- ``human``: pass or fail (score 1 or 0);
- ``human_score``: 1-5 (score n/5; it passes at :data:`PASS_AT`, as the judge's score does);
- ``human_corrected``: the output the person would have wanted (message; no verdict);
- ``human_note``: a note (message; no verdict).

The pass/fail and the score count in the statistics like an assertion (``reports.grid``),
they filter History like any check (``fail:human``), and :func:`human_vs_judge` compares them
with the judge's verdicts on the same runs: the share of runs both agree on (Wilson interval)
and Cohen's kappa (asymptotic interval), from ``reports.ranking.cohen_kappa``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from common.errors import WorkbenchError
from common.i18n import _
from reports.ranking import Kappa, cohen_kappa
from reports.stats_settings import DEFAULT, Settings

STAGE = "human"
VERDICT = "human"
SCORE = "human_score"
CORRECTED = "human_corrected"
NOTE = "human_note"
KINDS = (VERDICT, SCORE, CORRECTED, NOTE)
PASS_AT = 4  # the lowest passing 1-5 score (the judge's default threshold)
MAX_TEXT = 20_000


class ReviewError(WorkbenchError):
    """A label that cannot be stored (a score out of 1-5, an empty note)."""


def verdict_label(passed: bool) -> dict[str, Any]:
    return {"name": VERDICT, "verdict": "pass" if passed else "fail", "score": 1.0 if passed else 0.0,
            "message": "a person passed it" if passed else "a person failed it"}


def score_label(score: int, pass_at: int = PASS_AT) -> dict[str, Any]:
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise ReviewError(_("a review score is a whole number from 1 to 5, not {score}").format(score=repr(score)))
    return {"name": SCORE, "verdict": "pass" if score >= pass_at else "fail", "score": score / 5,
            "message": f"a person scored it {score}/5 (pass at {pass_at})"}


def text_label(kind: str, text: str) -> dict[str, Any]:
    """A corrected output or a note."""
    if kind not in (CORRECTED, NOTE):
        raise ReviewError(_("unknown text label {kind}; use {a} or {b}").format(kind=repr(kind), a=CORRECTED, b=NOTE))
    if not isinstance(text, str) or not text.strip():
        raise ReviewError(_("a corrected output or a note cannot be empty"))
    if len(text) > MAX_TEXT:
        raise ReviewError(_("a corrected output or a note is at most {max} characters, not {n}").format(
            max=MAX_TEXT, n=len(text)))
    return {"name": kind, "verdict": None, "score": None, "message": text}


def record(store: Any, run_id: str, label: dict[str, Any]) -> None:
    """Store a label on a run, replacing the run's earlier label of that kind."""
    store.replace_checks(run_id, STAGE, [label["name"]], [label])


def labels_of(store: Any, run_ids: Sequence[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """run id -> label kind -> the label's check row (only runs that have one)."""
    wanted = set(run_ids)
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for c in store.checks_of_runs(list(run_ids)):
        if c["stage"] == STAGE and c["run_id"] in wanted and c["name"] in KINDS:
            out.setdefault(c["run_id"], {})[c["name"]] = c  # oldest first: the last one wins
    return out


def human_verdict(labels: dict[str, dict[str, Any]]) -> str | None:
    """``pass``/``fail`` from a run's labels: the pass/fail label, else the 1-5 score's."""
    for kind in (VERDICT, SCORE):
        row = labels.get(kind)
        if row and row.get("verdict") in ("pass", "fail"):
            return str(row["verdict"])
    return None


def is_judge(check: dict[str, Any]) -> bool:
    """A check written by the LLM judge (an experiment's judge assertion or a judge guard)."""
    if check.get("stage") == STAGE or check.get("verdict") not in ("pass", "fail"):
        return False
    message = str(check.get("message") or "")
    return check.get("name") == "judge" or message.startswith(("judge says ", "judge scores "))


def judge_verdicts(checks: Iterable[dict[str, Any]], run_ids: Sequence[str]) -> dict[str, str]:
    """run id -> the judge's verdict (the last judge check of the run; several judges: fail wins)."""
    wanted = set(run_ids)
    out: dict[str, str] = {}
    for c in checks:
        if c["run_id"] in wanted and is_judge(c):
            out[c["run_id"]] = "fail" if "fail" in (out.get(c["run_id"]), c["verdict"]) else "pass"
    return out


@dataclass
class HumanAgreement:
    """The person against the judge on the runs both labelled."""

    runs: int  # runs asked about
    human: int  # runs with a person's verdict
    judge: int  # runs with a judge verdict
    kappa: Kappa  # n: runs with both; agreement and kappa with their intervals

    @property
    def pairs(self) -> int:
        return self.kappa.n


def human_vs_judge(store: Any, run_ids: Sequence[str], settings: Settings = DEFAULT) -> HumanAgreement:
    """How often the person's pass/fail matches the LLM judge's on the same runs."""
    ids = list(dict.fromkeys(run_ids))
    checks = store.checks_of_runs(ids)
    humans = {rid: human_verdict(lab) for rid, lab in labels_of(store, ids).items()}
    humans = {rid: v for rid, v in humans.items() if v is not None}
    judges = judge_verdicts(checks, ids)
    both = [rid for rid in ids if rid in humans and rid in judges]
    kappa = cohen_kappa([humans[r] for r in both], [judges[r] for r in both], settings)
    return HumanAgreement(len(ids), len(humans), len(judges), kappa)


def agreement_text(a: HumanAgreement) -> str:
    """One line for the window and the CLI."""
    k = a.kappa
    if k.n == 0:
        return _("no run has both a person's verdict and the judge's yet ({human} labelled by a person, "
                 "{judge} by the judge, of {runs})").format(human=a.human, judge=a.judge, runs=a.runs)
    pct = f"{k.agreement:.0%}"
    if k.agreement_low is not None and k.agreement_high is not None:
        pct += f" ({k.agreement_low:.0%}-{k.agreement_high:.0%}, {k.confidence:.0%} CI)"
    kt = "—" if k.kappa is None else f"{k.kappa:.2f}" + (
        f" ({k.low:.2f} to {k.high:.2f})" if k.low is not None and k.high is not None else "")
    line = _("person and judge agree on {pct} of {n} runs; Cohen's kappa {kappa}").format(pct=pct, n=k.n, kappa=kt)
    return line + (f"; {k.statement}" if k.statement else "")


__all__ = ["CORRECTED", "KINDS", "NOTE", "PASS_AT", "SCORE", "STAGE", "VERDICT", "HumanAgreement", "ReviewError",
           "agreement_text", "human_verdict", "human_vs_judge", "is_judge", "judge_verdicts", "labels_of", "record",
           "score_label", "text_label", "verdict_label"]
