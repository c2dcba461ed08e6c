"""A person's review labels (stage ``human`` checks) on a real SQLite log: one label of each
kind per run, counted in the grid's statistics and a version's score history, and their
agreement with the LLM judge's verdicts (kappa and Wilson interval as statsmodels gives)."""

from __future__ import annotations

import pytest
from statsmodels.stats.inter_rater import cohens_kappa
from statsmodels.stats.proportion import proportion_confint

from common.errors import RunNotFoundError
from reports import human_review as hr
from reports.grid import load_grid
from reports.grid_stats import grid_statistics
from reports.version_scores import score_text, version_scores
from tests.reports.test_grid_stats import engine, run, write_experiment  # noqa: F401 - the fixture

__all__ = ["engine"]


def cell_runs(store, eid):
    grid = load_grid(store, [eid])
    short = grid.columns[0]
    return grid, short, [c.run_id for c in grid.cells(short.key)]


def test_one_label_of_each_kind_per_run_and_bad_labels_refused(engine, tmp_path):
    eid = run(engine, write_experiment(tmp_path))
    _grid, _short, ids = cell_runs(engine.store, eid)
    rid = ids[0]
    hr.record(engine.store, rid, hr.verdict_label(True))
    hr.record(engine.store, rid, hr.verdict_label(False))  # the person changed their mind
    hr.record(engine.store, rid, hr.score_label(5))
    hr.record(engine.store, rid, hr.text_label(hr.NOTE, "too terse"))
    human = [c for c in engine.store.checks_for(rid) if c["stage"] == "human"]
    assert sorted((c["name"], c["verdict"]) for c in human) == [
        ("human", "fail"), ("human_note", None), ("human_score", "pass")]
    labels = hr.labels_of(engine.store, [rid])[rid]
    assert hr.human_verdict(labels) == "fail" and labels[hr.NOTE]["message"] == "too terse"
    assert hr.human_verdict({hr.SCORE: {"verdict": "fail"}}) == "fail"
    for bad, why in ((lambda: hr.score_label(6), "from 1 to 5"), (lambda: hr.score_label(True), "from 1 to 5"),
                     (lambda: hr.text_label(hr.NOTE, "  "), "cannot be empty"),
                     (lambda: hr.text_label("other", "x"), "unknown text label")):
        with pytest.raises(hr.ReviewError, match=why):
            bad()
    with pytest.raises(RunNotFoundError):
        hr.record(engine.store, "nope", hr.verdict_label(True))
    # History filters on it like any check
    failed = engine.store.list_runs(checks="fail:human", limit=10)
    assert [r["id"] for r in failed] == [rid]


def test_human_verdicts_count_in_the_statistics_and_the_version_history(engine, tmp_path):
    eid = run(engine, write_experiment(tmp_path))
    grid, short, ids = cell_runs(engine.store, eid)
    before = version_scores(engine.store, short.template_id)
    assert [(s.experiment_id, s.runs, s.judged) for s in before] == [(eid, 12, 12)]
    low, high = proportion_confint(10, 12, method="wilson")
    assert before[0].estimate.estimate == pytest.approx(10 / 12)
    assert (before[0].estimate.low, before[0].estimate.high) == pytest.approx((low, high))
    assert score_text(before[0]).startswith("83% (")
    # a person fails two cells the equals assertion passed, and scores a third 2/5 (a fail)
    passing = [c.run_id for c in grid.cells(short.key) if c.passed]
    for rid in passing[:2]:
        hr.record(engine.store, rid, hr.verdict_label(False))
    hr.record(engine.store, passing[2], hr.score_label(2))
    after = grid_statistics(load_grid(engine.store, [eid])).estimate(short.key, "pass")
    assert after.estimate == pytest.approx(7 / 12)
    assert version_scores(engine.store, short.template_id)[0].estimate.estimate == pytest.approx(7 / 12)
    assert version_scores(engine.store, "0" * 64) == []


def test_agreement_with_the_judge_matches_statsmodels(engine, tmp_path):
    eid = run(engine, write_experiment(tmp_path))
    _grid, _short, ids = cell_runs(engine.store, eid)
    judge = ["pass", "pass", "pass", "fail", "fail", "pass", "fail", "pass", "pass", "fail"]
    human = ["pass", "pass", "fail", "fail", "fail", "pass", "pass", "pass", None, "fail"]
    for rid, j in zip(ids, judge, strict=False):
        engine.store.add_checks(rid, "assertion", [{"name": "judge", "verdict": j, "score": float(j == "pass"),
                                                    "message": f"judge says {j}"}])
    for rid, h in zip(ids, human, strict=False):
        if h:
            hr.record(engine.store, rid, hr.verdict_label(h == "pass"))
    a = hr.human_vs_judge(engine.store, ids)
    assert (a.runs, a.human, a.judge, a.pairs) == (12, 9, 10, 9)
    pairs = [(h, j) for h, j in zip(human, judge, strict=False) if h]
    agree = sum(h == j for h, j in pairs)
    table = [[sum(1 for p in pairs if p == (x, y)) for y in ("fail", "pass")] for x in ("fail", "pass")]
    assert a.kappa.agreement == pytest.approx(agree / 9)
    assert (a.kappa.agreement_low, a.kappa.agreement_high) == pytest.approx(
        proportion_confint(agree, 9, method="wilson"))
    assert a.kappa.kappa == pytest.approx(cohens_kappa(table).kappa)
    line = hr.agreement_text(a)
    assert line.startswith(f"person and judge agree on {agree / 9:.0%} (") and "of 9 runs; Cohen's kappa" in line
    none = hr.human_vs_judge(engine.store, ids[10:])
    assert none.pairs == 0 and hr.agreement_text(none).startswith("no run has both")
