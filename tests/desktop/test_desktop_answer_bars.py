"""The answer-probability bars (desktop/answer_bars.py): from a stored record, in the run
detail, after a real run with a choice constraint on the bundled model."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from desktop.answer_bars import AnswerBars, record_from_extra  # noqa: E402
from desktop.run_detail import RunDetail  # noqa: E402
from runs.spec import RunSpec  # noqa: E402

RECORD = {"source": "llama.cpp", "ms": 12.5, "chosen": "no",
          "answers": [{"answer": "yes", "prob": 0.25, "logprob": -3.0, "tokens": 1},
                      {"answer": "no", "prob": 0.75, "logprob": -1.9, "tokens": 1}]}


def test_bars_rank_the_answers_mark_the_output_and_hide_without_a_record(qtbot):
    w = AnswerBars()
    qtbot.addWidget(w)
    w.resize(360, 80)
    w.set_record(RECORD)
    assert not w.isHidden() and w.items == [("no", 0.75), ("yes", 0.25)] and w.chosen == "no"
    assert "no: 75.0%" in w.toolTip() and "llama.cpp" in w.toolTip()
    assert w.accessibleDescription() == "no 75%, yes 25%"
    assert not w.grab().isNull()  # paints
    w.set_record({"error": "the answers could not be scored", "answers": []})
    assert w.isHidden() and w.toolTip() == "the answers could not be scored"
    w.set_record(None)
    assert w.isHidden() and w.items == []


def test_many_answers_show_the_top_ones():
    record = {"answers": [{"answer": f"a{i}", "prob": i / 55} for i in range(11)]}
    w = AnswerBars()
    w.set_record(record)
    assert [a for a, _ in w.items][:2] == ["a10", "a9"] and len(w.items) == 8 and w.more == 3


def test_record_from_extra_reads_json_or_dicts():
    assert record_from_extra('{"answer_probs": {"answers": []}}') == {"answers": []}
    assert record_from_extra("not json") is None and record_from_extra({"seed": 1}) is None


@pytest.mark.real
def test_run_detail_shows_the_bars_of_a_real_choice_run(real_engine, qtbot):
    from backends.base import SamplingParams

    spec = RunSpec(prompt="Is fire hot? Answer yes or no.", n_ctx=1024, n_threads=1,
                   params=SamplingParams(temperature=0, max_tokens=4, seed=0),
                   constraint={"kind": "choice", "choices": ["yes", "no"]})
    outcome = real_engine.pipeline.run(spec)
    assert outcome.status == "ok" and outcome.answer_probs["chosen"] == outcome.output
    from dataclasses import replace

    plain = real_engine.pipeline.run(replace(spec, answer_probs=False))  # run --no-answer-probs
    assert plain.answer_probs is None
    detail = RunDetail(real_engine.store)
    qtbot.addWidget(detail)
    detail.show_run(outcome.run_id)
    bars = detail.answer_bars
    assert not bars.isHidden() and {a for a, _ in bars.items} == {"yes", "no"}
    assert sum(p for _, p in bars.items) == pytest.approx(1.0) and bars.chosen == outcome.output
    detail.show_run(plain.run_id)
    assert bars.isHidden()


def test_the_builder_offers_the_answer_probability_assertion(fake_engine, qtbot):
    from desktop.experiment_builder import ExperimentBuilder
    from tests.desktop_helpers import open_window

    w = open_window(fake_engine, qtbot, "experiments")
    try:
        b = w.view("experiments").open_builder()
        qtbot.addWidget(b)
        box = b.assertions["answer-probability"]
        assert "P(expected answer)" in box.text()
        box.setChecked(True)
        assert {"kind": "answer-probability", "value": 0.5} in b.spec_data()["assertions"]
        assert isinstance(b, ExperimentBuilder)
    finally:
        w.close()
