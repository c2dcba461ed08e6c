"""Comparison over stored runs: the grid, summaries, stability, side-by-side, baseline."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from experiments import runner
from reports.baseline import compare_to_baseline
from reports.grid import CompareError, load_grid, percentile
from reports.summary import stability, summarize
from reports.side_by_side import side_by_side, word_diff
from runs.spec import RunSpec
from tests.fakes import FakeBackend
from tests.experiments.test_batch import BASIC, answer, load, write


def run_experiment(engine, path):
    exp = load(engine, path)
    eid = runner.create_experiment(engine.store, exp)
    runner.run_batch(engine.pipeline, exp, eid)
    return eid


@pytest.fixture
def engine(fake_engine):
    fake_engine.pool.backend = FakeBackend(responder=answer)
    return fake_engine


def test_grid_rows_columns_cells_and_differing_rows(engine, tmp_path):
    eid = run_experiment(engine, write(tmp_path, BASIC))
    grid = load_grid(engine.store, [eid])
    assert [c.label for c in grid.columns] == ["qa · greedy", "qa · warm"]
    assert [r.index for r in grid.rows] == [0, 1, 2]
    assert [r.expected for r in grid.rows] == ["4", "Paris", "green"]
    assert grid.rows[0].label == "What is 2+2?"
    cell = grid.rows[1].cells[grid.columns[0].key][0]
    assert cell.answer == "Paris" and cell.passed is True and cell.status == "ok" and cell.completion_tokens == 1
    assert grid.n_runs == 6
    assert grid.differing() == []  # both params sets gave the same answers
    # make one cell differ: the same row, another answer, in another experiment's column
    engine.pool.backend = FakeBackend(responder=lambda req: ["5"] if "2+2" in req.messages[-1].content else answer(req))
    eid2 = run_experiment(engine, tmp_path / "exp.yaml")
    both = load_grid(engine.store, [eid, eid2])
    assert len(both.columns) == 4 and all("exp " in c.label for c in both.columns)
    assert [r.index for r in both.differing()] == [0]


def test_summary_per_variant(engine, tmp_path):
    engine.pool.backend = FakeBackend(responder=answer, delay_s=0.002)
    eid = run_experiment(engine, write(tmp_path, BASIC))
    grid = load_grid(engine.store, [eid])
    engine.store.add_checks(grid.rows[0].cells[grid.columns[0].key][0].run_id, "output",
                            [{"name": "pii", "verdict": "fail"}])
    s = summarize(load_grid(engine.store, [eid]))
    assert [x.runs for x in s] == [3, 3] and [x.errors for x in s] == [0, 0]
    assert s[0].pass_rate == pytest.approx(2 / 3) and (s[0].passed, s[0].asserted) == (2, 3)
    assert s[0].assertion_pass_rates == {"equals": pytest.approx(2 / 3)}
    assert s[0].guard_failures == 1 and s[1].guard_failures == 0
    assert s[0].ttft_median_ms > 0 and s[0].ttft_p90_ms >= s[0].ttft_median_ms
    assert s[0].completion_tokens == 3 and s[0].prompt_tokens > 0
    assert s[0].agreement is None  # one repeat


def test_percentile():
    assert percentile([], 50) is None
    assert percentile([3], 90) == 3
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile(range(1, 11), 90) == pytest.approx(9.1)


def test_stability_over_repeats(engine, tmp_path):
    counter = itertools.count()

    def flaky(request):  # 2 of every 3 answers agree
        return ["blue"] if next(counter) % 3 else ["grey"]

    engine.pool.backend = FakeBackend(responder=flaky)
    body = BASIC.replace("repeats", "x").replace("name: basic", "name: stable\nrepeats: 3")
    eid = run_experiment(engine, write(tmp_path, body))
    grid = load_grid(engine.store, [eid])
    cells = stability(grid)
    assert len(cells) == 6 and all(c.runs == 3 for c in cells)
    assert {(c.distinct, c.top_answer, round(c.agreement, 2)) for c in cells} == {(2, "blue", 0.67)}
    assert [len(v) for v in grid.rows[0].cells.values()] == [3, 3]
    assert summarize(grid)[0].agreement == pytest.approx(2 / 3)


def test_side_by_side_word_diff(engine):
    ids = []
    for text in (["The cat sat", " on the mat."], ["The dog sat", " on the mat!"], ["The cat sat."]):
        engine.pool.backend = FakeBackend(text)
        ids.append(engine.pipeline.run(RunSpec(prompt="Describe the animal.", params=_greedy())).run_id)
    sbs = side_by_side(engine.store, ids)
    assert len(sbs.output_diffs) == 2
    changed = [(op.a, op.b) for op in sbs.output_diffs[0] if op.tag != "equal"]
    assert changed == [("cat", "dog"), (".", "!")]
    assert all(op.tag == "equal" for op in sbs.sent_diffs[0])
    with pytest.raises(CompareError, match="pick 2 to 4 runs"):
        side_by_side(engine.store, ids[:1])
    with pytest.raises(CompareError, match="no run with id"):
        side_by_side(engine.store, [ids[0], "01NOTARUN"])


@given(st.text(max_size=60), st.text(max_size=60))
def test_word_diff_reconstructs_both_texts(a, b):
    ops = word_diff(a, b)
    assert "".join(op.a for op in ops) == a and "".join(op.b for op in ops) == b


def test_loose_runs_group_into_columns_and_rows(engine):
    ids = []
    for prompt, chunks, temp in (("Hi", ["a"], 0.0), ("Hi", ["b"], 0.5), ("Bye", ["c"], 0.0), ("Bye", ["c"], 0.5)):
        engine.pool.backend = FakeBackend(chunks)
        ids.append(engine.pipeline.run(RunSpec(prompt=prompt, params=_greedy(temperature=temp))).run_id)
    grid = load_grid(engine.store, ids)
    assert len(grid.columns) == 2 and len(grid.rows) == 2
    assert grid.rows[0].variables == {"prompt": "Hi"}
    assert [r.index for r in grid.differing()] == [0]


def test_unknown_ids_are_one_line_errors(engine):
    with pytest.raises(CompareError, match="no experiment or run with id 'nothing-here'"):
        load_grid(engine.store, ["nothing-here"])
    with pytest.raises(CompareError, match="at least one"):
        load_grid(engine.store, [])


def test_compare_against_a_baseline(engine, tmp_path):
    base = run_experiment(engine, write(tmp_path, BASIC))

    def better_and_worse(request):
        q = request.messages[-1].content
        if "sky" in q:
            return ["green"]  # fail -> pass
        if "France" in q:
            return ["Lyon"]  # pass -> fail
        return ["4 ", "\n"]  # same verdict, same normalized answer
    engine.pool.backend = FakeBackend(responder=better_and_worse)
    cur = run_experiment(engine, tmp_path / "exp.yaml")
    cmp = compare_to_baseline(engine.store, cur, base)
    assert cmp.counts() == {"better": 2, "worse": 2, "changed": 0, "same": 2, "new": 0, "missing": 0}
    better = cmp.of_kind("better")[0]
    assert (better.row_index, better.baseline_answer, better.answer) == (2, "blue", "green")
    assert cmp.baseline_pass_rate == pytest.approx(4 / 6) and cmp.pass_rate == pytest.approx(4 / 6)
    with pytest.raises(CompareError, match="no experiment"):
        compare_to_baseline(engine.store, cur, "01NOPE")


def _greedy(**kw):
    from backends.base import SamplingParams

    return SamplingParams(**{"temperature": 0.0, "max_tokens": 8, "seed": 1, **kw})
