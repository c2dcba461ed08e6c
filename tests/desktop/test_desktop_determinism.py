"""The determinism check from the run detail (fake backend, real log): the button
re-runs the run in a worker, the result is kept with the run and shown per model
configuration, with the first difference when the outputs differ."""

from __future__ import annotations

import itertools

import pytest

pytest.importorskip("PySide6")

from backends.base import SamplingParams  # noqa: E402
from runs.spec import RunSpec  # noqa: E402
from tests.desktop_helpers import WAIT, open_window  # noqa: E402
from tests.fakes import FakeBackend  # noqa: E402


def test_run_detail_checks_and_shows_determinism(fake_engine, qtbot):
    outputs = itertools.cycle([["a red", " sky"], ["a red", " sky"], ["a blue", " sky"]])
    fake_engine.pool.backend = FakeBackend(responder=lambda _r: next(outputs))
    run = fake_engine.pipeline.run(RunSpec(prompt="Sky?", params=SamplingParams(seed=3, max_tokens=8)))
    w = open_window(fake_engine, qtbot, "history")
    try:
        detail = w.history.detail
        detail.show_run(run.run_id)
        assert detail.determinism.rowCount() == 0 and "Not checked yet" in detail.determinism_note.text()
        assert detail.determinism_button.isEnabled()
        with qtbot.waitSignal(w.determinismChecked, timeout=WAIT) as sig:
            detail.determinism_button.click()
        report = sig.args[0]
        c = report.configs[0]
        assert (c.runs, c.distinct, c.counts) == (5, 2, [3, 2])  # the cycle gave red, blue, red, red, blue
        assert c.first_difference == {"char": 2, "tokens": ["red sky", "blue sky"]}
        qtbot.waitUntil(lambda: detail.determinism.rowCount() == 1, timeout=WAIT)
        cells = [detail.determinism.item(0, col).text() for col in range(detail.determinism.columnCount())]
        assert cells[1:4] == ["5", "2", f"{c.same_as_logged}/5"]
        assert cells[4].startswith("character 2: 'red sky' vs 'blue sky'")
        assert fake_engine.store.determinism_of(run.run_id)[0]["distinct"] == 2
    finally:
        w.close()
