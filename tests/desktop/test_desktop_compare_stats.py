"""The comparison view's statistics (fake backend, real log): every variant's pass
rate with its 95% interval, the paired comparisons with difference, interval, p,
Holm-adjusted p said on screen with three variants, and a verdict in words; the
chart's rate axis is 0-100% with whiskers; a single row and an all-errors variant
are said plainly, never NaN."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from common.errors import BackendError  # noqa: E402
from desktop.compare_view import SummaryPanel, build_comparison  # noqa: E402
from experiments.loading import load_experiment  # noqa: E402
from experiments.runner import run_batch, start_or_resume  # noqa: E402
from prompt_library import TemplateLibrary  # noqa: E402
from tests.fakes import FakeBackend  # noqa: E402

ROWS = 12


def make(engine, folder, rows: int = ROWS, broken: bool = False) -> str:
    heads = {"good": "A", "bad": "B", "half": "C"}
    for name, head in heads.items():
        (folder / f"{name}.yaml").write_text(
            f'name: {name}\nvariables:\n  - name: n\nprompt: "{head}: {{{{ n }}}}"\n', encoding="utf-8")
    body = "\n".join([
        "name: three", "templates: [good.yaml, bad.yaml, half.yaml]", "rows:",
        *(f'  - {{vars: {{n: "{i}"}}, expected: "{i}"}}' for i in range(rows)),
        "models: [smollm2-135m-instruct]", "params:", "  greedy: {temperature: 0, max_tokens: 8, seed: 5}",
        "assertions:", "  - {kind: equals}", ""])
    (folder / "three.yaml").write_text(body, encoding="utf-8")

    def answer(request):
        head, n = request.messages[-1].content.split(": ")
        if broken and head == "B":
            raise BackendError("the fake model fell over")
        if head == "A":
            return [n]
        if head == "B":
            return [n] if int(n) == 0 else ["no"]
        return [n] if int(n) % 2 == 0 else ["no"]

    engine.pool.backend = FakeBackend(responder=answer)
    exp = load_experiment(folder / "three.yaml", library=TemplateLibrary(user_dir=engine.home / "templates"),
                          resolve_model=engine.registry.resolve)
    eid, _ = start_or_resume(engine.store, exp, new=True)
    assert run_batch(engine.pipeline, exp, eid).status == "done"
    return eid


def shown(panel) -> tuple[list[list[str]], str]:
    t = panel.comparisons
    rows = [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]
    return rows, panel.notes.text()


@pytest.fixture
def panel(qtbot):
    p = SummaryPanel()
    qtbot.addWidget(p)
    p.resize(1000, 640)
    p.show()
    return p


def test_intervals_comparisons_holm_and_verdicts(panel, fake_engine, tmp_path):
    comparison = build_comparison(fake_engine.store, make(fake_engine, tmp_path))
    assert comparison.stats is not None
    panel.set_summaries(comparison.summaries, comparison.stats)
    t = panel.table
    assert [t.item(r, 0).text() for r in range(3)] == ["good", "bad", "half"]
    assert t.item(0, 3).text() == "100% (76–100%)" and t.item(1, 3).text() == "8% (1–35%)"
    assert "Wilson" in t.item(0, 3).toolTip()
    rows, notes = shown(panel)
    assert [r[0] for r in rows] == ["pass rate"] * 3  # every pair of the three
    # equals scores 1 for a pass and 0 for a fail: the mean score is the pass rate, compared once
    assert "compared once, as the pass rate" in notes
    good_bad = next(r for r in rows if r[1] == "good" and r[2] == "bad")
    assert good_bad[0] == "pass rate" and good_bad[3] == "12"
    assert good_bad[6].startswith("+92 points (") and good_bad[7].startswith("p") and good_bad[8].startswith("p")
    assert good_bad[9] == "good better"
    assert not panel.comparisons.isColumnHidden(8)  # Holm p shown with three variants
    assert "Holm-adjusted" in notes and "3 variants" in notes
    assert "Wilson" in panel.notes.toolTip() and "seed 0" in panel.notes.toolTip()
    assert any("no detectable difference" in r[9] and "rows would detect" in r[9] for r in rows)
    # the chart: a 0-100% axis, bars of the statistic and whiskers from the intervals
    chart = panel.charts.pass_rate
    from PySide6.QtCharts import QValueAxis

    axis = next(a for a in chart.chart().axes() if isinstance(a, QValueAxis))
    assert (axis.min(), axis.max()) == (0, 100)
    assert chart.values == [100.0, 8.3, 50.0]
    assert all(iv is not None and 0 <= iv[0] <= v <= iv[1] <= 100 for iv, v in zip(chart.intervals, chart.values,
                                                                                     strict=True))
    assert "nan" not in (" ".join(" ".join(r) for r in rows) + notes).lower()


def test_single_row_and_only_errors_said_plainly(panel, fake_engine, tmp_path):
    comparison = build_comparison(fake_engine.store, make(fake_engine, tmp_path, rows=1, broken=True))
    panel.set_summaries(comparison.summaries, comparison.stats)
    t = panel.table
    assert t.item(1, 3).text() == "—"  # "bad" has only errors: no judged runs
    rows, notes = shown(panel)
    texts = " ".join(r[9] for r in rows)
    assert "not enough paired rows" in texts and "bad has no judged runs" in texts
    assert "only one row" in texts
    assert "nan" not in (" ".join(" ".join(r) for r in rows) + notes).lower()
    assert "left out of the statistics" in notes


def test_a_chart_of_small_values_labels_its_ticks_with_their_decimals(qtbot):
    """Decode rates under 2 tok/s had ticks reading 0, 1, 1, 2, 2: the 1.5 bar reached "2"."""
    from PySide6.QtCore import Qt

    from desktop.charts import SPEED_COLOR, BarChart

    chart = BarChart("Decode tok/s", SPEED_COLOR)
    qtbot.addWidget(chart)
    chart.set_data(["a", "b"], [1.5, 0.8])
    (y,) = [a for a in chart.chart().axes() if a.orientation() == Qt.Orientation.Vertical]
    assert y.labelFormat() == "%.1f" and y.max() >= 1.5
    chart.set_data(["a", "b"], [150.0, 80.0])
    (y,) = [a for a in chart.chart().axes() if a.orientation() == Qt.Orientation.Vertical]
    assert y.labelFormat() == "%.0f"
