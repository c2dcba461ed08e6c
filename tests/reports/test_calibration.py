"""Calibration metrics (reports/calibration.py) against values worked out by hand."""

from __future__ import annotations

import pytest

from common.errors import StatsError
from reports.calibration import Prediction, bin_index, calibration, calibration_line, prediction_from_record

# four two-way predictions: confidences .9 (right), .6 (wrong), .8 (right), .55 (right)
PREDS = [
    Prediction({"A": 0.9, "B": 0.1}, "A"),
    Prediction({"A": 0.6, "B": 0.4}, "B"),
    Prediction({"A": 0.2, "B": 0.8}, "B"),
    Prediction({"A": 0.55, "B": 0.45}, "A"),
]


def test_hand_computed_figures_with_five_bins():
    c = calibration(PREDS, n_bins=5)
    assert c.n == 4 and c.accuracy == 0.75 and c.mean_confidence == pytest.approx(0.7125)
    # bins (.4,.6]: .55 and .6, accuracy 1/2, confidence .575; (.6,.8]: .8, 1/1; (.8,1]: .9, 1/1
    filled = [(b.lo, b.n, b.accuracy, b.confidence) for b in c.bins if b.n]
    assert filled == [(0.4, 2, 0.5, pytest.approx(0.575)), (0.6, 1, 1.0, 0.8), (0.8, 1, 1.0, 0.9)]
    assert [b.n for b in c.bins] == [0, 0, 2, 1, 1]
    # ECE = 2/4 * .075 + 1/4 * .2 + 1/4 * .1 = .1125; MCE = .2
    assert c.ece == pytest.approx(0.1125) and c.mce == pytest.approx(0.2)
    # Brier: (.02 + .72 + .08 + .405) / 4; top-label: (.01 + .36 + .04 + .2025) / 4
    assert c.brier == pytest.approx(0.30625) and c.brier_top == pytest.approx(0.153125)
    assert calibration_line(c) == "4 scored answers, accuracy 75%, mean confidence 71%, ECE 0.112, Brier 0.306"  # 0.1125 in binary is a hair under


def test_perfect_and_worst_cases():
    perfect = calibration([Prediction({"x": 1.0, "y": 0.0}, "x")] * 3)
    assert (perfect.ece, perfect.brier, perfect.accuracy) == (0.0, 0.0, 1.0)
    worst = calibration([Prediction({"x": 1.0, "y": 0.0}, "y")])
    assert (worst.ece, worst.brier, worst.brier_top) == (1.0, 2.0, 1.0)
    outside = calibration([Prediction({"x": 1.0}, "z")])  # the expected answer is not an option
    assert outside.brier == 2.0 and outside.accuracy == 0.0


def test_bin_edges():
    assert [bin_index(x, 10) for x in (0.0, 0.05, 0.1, 0.10001, 0.3, 0.7, 1.0)] == [0, 0, 0, 1, 2, 6, 9]


def test_refusals():
    with pytest.raises(StatsError, match="at least one prediction"):
        calibration([])
    with pytest.raises(StatsError, match="from 1 to 100"):
        calibration(PREDS, n_bins=0)


def test_prediction_from_a_stored_record():
    rec = {"answers": [{"answer": "Yes", "prob": 0.7}, {"answer": "No", "prob": 0.3}]}
    p = prediction_from_record(rec, " yes ")
    assert p is not None and p.expected == "Yes" and p.correct and p.confidence == 0.7
    assert prediction_from_record(rec, None) is None
    assert prediction_from_record({"error": "x", "answers": []}, "Yes") is None
