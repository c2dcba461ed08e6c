"""Calibration of answer probabilities: does a model that says 80% get 80% right?

Each prediction is one run of a cell with a choice constraint: its answer probabilities
(backends/answer_scoring.py, stored in the run's extra) and the row's expected answer.
The predicted answer is the most probable one and its probability is the confidence.

- **accuracy by confidence bin**: ``n_bins`` equal-width bins over [0, 1] (a confidence
  of exactly a bin's upper edge falls in that bin; 0 in the first), each with its count,
  accuracy and mean confidence: the points of a reliability diagram;
- **expected calibration error** (ECE, Guo et al. 2017): the bins' ``|accuracy -
  confidence|`` weighted by their share of predictions; **MCE**: the largest of them;
- **Brier score** (Brier 1950), multi-class: the mean over predictions of
  ``sum_k (p_k - y_k)^2`` over the answer set (0 is perfect, 2 the worst; an expected
  answer outside the set counts as a class with probability 0), and ``brier_top``,
  the binary one of the confidence against correctness.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from common.errors import StatsError

DEFAULT_BINS = 10


@dataclass(frozen=True)
class Prediction:
    probs: dict[str, float]  # answer -> probability (normalised over the set)
    expected: str

    @property
    def predicted(self) -> str:
        return max(self.probs, key=lambda a: self.probs[a])

    @property
    def confidence(self) -> float:
        return self.probs[self.predicted]

    @property
    def correct(self) -> bool:
        return self.predicted == self.expected


@dataclass(frozen=True)
class Bin:
    lo: float
    hi: float
    n: int
    accuracy: float | None  # None for an empty bin
    confidence: float | None


@dataclass
class Calibration:
    n: int
    accuracy: float
    mean_confidence: float
    ece: float
    mce: float
    brier: float
    brier_top: float
    bins: list[Bin] = field(default_factory=list)
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def bin_index(confidence: float, n_bins: int) -> int:
    """Bins (i/n, (i+1)/n], the first one closed at 0."""
    if confidence <= 0:
        return 0
    return min(n_bins - 1, max(0, math.ceil(confidence * n_bins - 1e-9) - 1))  # 0.6 * 5 is 3, not 3.0000001


def calibration(preds: Sequence[Prediction], n_bins: int = DEFAULT_BINS, label: str = "") -> Calibration:
    """The calibration figures of ``preds`` (at least one)."""
    if not preds:
        raise StatsError("calibration needs at least one prediction with answer probabilities")
    if not isinstance(n_bins, int) or not 1 <= n_bins <= 100:
        raise StatsError(f"the number of calibration bins must be from 1 to 100, got {n_bins!r}")
    n = len(preds)
    members: list[list[Prediction]] = [[] for _ in range(n_bins)]
    for p in preds:
        if not p.probs:
            raise StatsError("a prediction has no answer probabilities")
        members[bin_index(p.confidence, n_bins)].append(p)
    bins, ece, mce = [], 0.0, 0.0
    for i, m in enumerate(members):
        if not m:
            bins.append(Bin(i / n_bins, (i + 1) / n_bins, 0, None, None))
            continue
        acc = sum(p.correct for p in m) / len(m)
        conf = math.fsum(p.confidence for p in m) / len(m)
        bins.append(Bin(i / n_bins, (i + 1) / n_bins, len(m), acc, conf))
        gap = abs(acc - conf)
        ece += len(m) / n * gap
        mce = max(mce, gap)
    brier = math.fsum(_brier_one(p) for p in preds) / n
    brier_top = math.fsum((p.confidence - (1.0 if p.correct else 0.0)) ** 2 for p in preds) / n
    return Calibration(n, sum(p.correct for p in preds) / n, math.fsum(p.confidence for p in preds) / n,
                       ece, mce, brier, brier_top, bins, label)


def _brier_one(p: Prediction) -> float:
    s = math.fsum((q - (1.0 if a == p.expected else 0.0)) ** 2 for a, q in p.probs.items())
    return s if p.expected in p.probs else s + 1.0


def prediction_from_record(record: Any, expected: Any) -> Prediction | None:
    """A Prediction from a run's stored ``answer_probs`` and its row's expected answer, or None
    (nothing scored, no expected answer). The expected answer matches an option exactly,
    else ignoring case and surrounding spaces."""
    if expected is None or not isinstance(record, dict) or record.get("error"):
        return None
    answers = [a for a in record.get("answers") or [] if isinstance(a, dict) and "answer" in a and "prob" in a]
    if not answers:
        return None
    probs = {str(a["answer"]): float(a["prob"]) for a in answers}
    exp = str(expected)
    if exp not in probs:
        folded = {k.strip().casefold(): k for k in probs}
        exp = folded.get(exp.strip().casefold(), exp)
    return Prediction(probs, exp)


def grid_calibration(grid: Any, n_bins: int = DEFAULT_BINS) -> list[Calibration]:
    """One Calibration per grid column whose cells carry answer probabilities and expected answers."""
    out = []
    for col in grid.columns:
        preds = []
        for row in grid.rows:
            for cell in row.cells.get(col.key, []):
                if cell.status != "ok":
                    continue
                p = prediction_from_record(getattr(cell, "answer_probs", None), row.expected)
                if p is not None:
                    preds.append(p)
        if preds:
            out.append(calibration(preds, n_bins, label=col.label))
    return out


def calibration_line(c: Calibration) -> str:
    """One line for a summary: accuracy, mean confidence, ECE and Brier."""
    return (f"{c.label + ': ' if c.label else ''}{c.n} scored answers, accuracy {c.accuracy:.0%}, "
            f"mean confidence {c.mean_confidence:.0%}, ECE {c.ece:.3f}, Brier {c.brier:.3f}")


__all__ = ["Bin", "Calibration", "Prediction", "calibration", "calibration_line", "grid_calibration",
           "prediction_from_record"]
