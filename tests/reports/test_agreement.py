"""Agreement between models over stored runs: pairing columns that differ only by model,
matching cells, errors and unmatched cells left out, speed, memory, the drill-down list."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from experiments import runner
from reports.agreement import agreement_of, first_difference, models_of, similarity
from reports.grid import CompareError, load_grid
from tests.agreement_data import F16, Q4, make_experiment
from tests.fakes import FakeBackend
from tests.experiments.test_batch import BASIC, answer, load, write


def test_two_models_agreement_errors_and_unmatched_cells(fake_engine, tmp_path):
    eid = make_experiment(fake_engine, tmp_path)
    grid = load_grid(fake_engine.store, [eid])
    assert models_of(grid) == [Q4, F16]
    assert [c.backend for c in grid.columns] == ["llama.cpp", "transformers"]
    ag = agreement_of(grid)
    assert ag is not None and ag.reference == Q4 and ag.models == [Q4, F16]
    [m] = ag.comparisons
    assert (m.reference.model, m.other.model) == (Q4, F16)
    assert (m.reference.backend, m.other.backend) == ("llama.cpp", "transformers")
    assert m.other.model_name == "smollm2-135m-instruct"
    assert m.variants == 1
    # rows 0-3 are on both sides; row 3 errored on F16; row 4 has no F16 cell
    assert (m.matched, m.pairs, m.excluded) == (4, 3, 1)
    assert (m.errors_reference, m.errors_other) == (0, 1)
    assert (m.unmatched_reference, m.unmatched_other) == (1, 0)
    assert (m.answers_agree, m.outputs_agree) == (2, 1)
    assert m.answer_agreement == pytest.approx(2 / 3) and m.output_agreement == pytest.approx(1 / 3)
    # words: identical, 3 of 4+5 words in common, nothing in common
    assert m.similarity == pytest.approx((1 + 6 / 9 + 0) / 3)
    assert m.first_difference == pytest.approx((4 + 1) / 2) and m.word_differences == 2 and not m.identical
    # pass rates over the 4 matched cells: Q4 passes rows 0, 1, 3; F16 rows 0, 1
    assert (m.reference.passed, m.reference.asserted, m.other.passed, m.other.asserted) == (3, 4, 2, 4)
    assert m.reference.pass_rate == 0.75 and m.other.pass_rate == 0.5
    # speed over each side's ok matched cells (tok/s grows by the row index in the data)
    assert m.reference.decode_tps_median == pytest.approx(101.5) and m.other.decode_tps_median == pytest.approx(41.0)
    assert m.reference.ttft_median_ms == 20.0 and m.other.ttft_median_ms == 50.0
    assert m.speed_ratio == pytest.approx(41.0 / 101.5)
    assert (m.reference.weights_mb, m.reference.load_rss_mb) == (105.5, 160.0)
    assert (m.other.weights_mb, m.other.load_rss_mb) == (538.0, 700.5)
    # the drill-down list: every pair that is not the same, in grid order, with both run ids
    diffs = m.differences
    assert [(d.row_index, d.kind) for d in diffs] == [(1, "output"), (2, "answer"), (3, "error")]
    assert diffs[0].row_label == "Capital of France?" and diffs[0].first_difference == 4
    assert diffs[1].reference_answer == "blue" and diffs[1].answer == "<b>green</b>" and diffs[1].similarity == 0
    assert diffs[2].answer == "CUDA out of memory" and diffs[2].similarity is None and diffs[2].status == "error"
    cells = grid.rows[2].cells
    assert (diffs[1].reference_run_id, diffs[1].run_id) == (cells[grid.columns[0].key][0].run_id,
                                                             cells[grid.columns[1].key][0].run_id)
    assert diffs[0].variant == "qa"
    notes = m.notes()
    assert notes == [f"1 cell left out of the agreement: a run did not end ok (1 on {F16})",
                     f"1 cell only {Q4} has (no finished match on the other side)"]
    assert set(ag.by_run()) == {p.run_id for p in m.cells} and len(m.cells) == 4


def test_a_named_reference_and_an_unknown_one(fake_engine, tmp_path):
    grid = load_grid(fake_engine.store, [make_experiment(fake_engine, tmp_path)])
    ag = agreement_of(grid, reference=F16)
    assert ag.reference == F16 and [c.other.model for c in ag.comparisons] == [Q4]
    m = ag.comparisons[0]
    assert (m.unmatched_reference, m.unmatched_other, m.errors_reference, m.errors_other) == (0, 1, 1, 0)
    assert m.speed_ratio == pytest.approx(101.5 / 41.0)
    assert ag.of(Q4) is m and ag.of(F16) is None
    with pytest.raises(CompareError, match=r"no model 'q8' in this comparison; its models are smollm2"):
        agreement_of(grid, reference="q8")


def test_one_model_has_no_agreement_and_is_not_an_error(fake_engine, tmp_path):
    grid = load_grid(fake_engine.store, [make_experiment(fake_engine, tmp_path, models=(Q4,))])
    assert models_of(grid) == [Q4] and len(grid.columns) == 1
    assert agreement_of(grid) is None
    assert agreement_of(grid, reference=Q4) is None


def test_memory_not_recorded_is_none_and_a_running_cell_is_unmatched(fake_engine, tmp_path):
    eid = make_experiment(fake_engine, tmp_path, memory={})
    grid = load_grid(fake_engine.store, [eid])
    f16_row0 = grid.rows[0].cells[grid.columns[1].key][0].run_id
    fake_engine.store.update_run(f16_row0, {"status": "running"})  # still generating
    m = agreement_of(load_grid(fake_engine.store, [eid])).comparisons[0]
    assert (m.reference.weights_mb, m.reference.load_rss_mb, m.other.weights_mb) == (None, None, None)
    assert (m.matched, m.pairs, m.unmatched_reference) == (3, 2, 2)
    assert m.answers_agree == 1 and m.outputs_agree == 0


def test_pairs_only_columns_that_differ_only_by_model(fake_engine, tmp_path):
    """Two params sets x two models, run by the batch runner: each params set is paired with itself."""
    fake_engine.pool.backend = FakeBackend(responder=answer)
    body = BASIC.replace("models: [smollm2-135m-instruct]",
                         "models:\n  - smollm2-135m-instruct\n  - {name: smollm2-135m-instruct, backend: transformers}")
    exp = load(fake_engine, write(tmp_path, body))
    eid = runner.create_experiment(fake_engine.store, exp)
    runner.run_batch(fake_engine.pipeline, exp, eid)
    grid = load_grid(fake_engine.store, [eid])
    assert len(grid.columns) == 4
    m = agreement_of(grid).comparisons[0]
    assert m.variants == 2 and m.pairs == m.matched == 6  # 3 rows x 2 params sets
    assert m.answer_agreement == 1.0 and m.output_agreement == 1.0 and m.identical
    assert m.first_difference is None and m.differences == [] and m.similarity == 1.0
    assert {d.variant for d in m.cells} == {"qa · greedy", "qa · warm"}


def test_word_similarity_and_first_difference():
    assert similarity("", "") == 1.0 and similarity("a b", "") == 0.0
    assert similarity("the cat sat", "the  cat\nsat") == 1.0
    assert similarity("a b c d", "a b x d") == pytest.approx(0.75)
    assert first_difference("a b c", "a b c") is None
    assert first_difference("a b c", "a x c") == 2
    assert first_difference("a b", "a b c") == 3 and first_difference("", "word") == 1


@given(st.text(max_size=40), st.text(max_size=40))
def test_similarity_is_bounded_and_one_only_for_the_same_words(a, b):
    s = similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert (s == 1.0) == (a.split() == b.split()) == (first_difference(a, b) is None)
