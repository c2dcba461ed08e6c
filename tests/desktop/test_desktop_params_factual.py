"""The params panel's factual-nucleus checkbox: a real widget, offscreen."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from backends.base import SamplingParams  # noqa: E402
from desktop.params_panel import ParamsPanel  # noqa: E402
from desktop.presets import Presets  # noqa: E402


def test_the_checkbox_turns_factual_nucleus_on_and_keeps_its_shape(qtbot, home):
    panel = ParamsPanel(Presets(home))
    qtbot.addWidget(panel)
    assert panel.params().factual_nucleus is False
    with qtbot.waitSignal(panel.changed, timeout=1000):
        panel.factual_nucleus.setChecked(True)
    p = panel.params()
    assert p.factual_nucleus is True and p.factual_lambda == 0.9 and p.factual_omega == 0.3
    panel.set_params(SamplingParams(factual_nucleus=True, factual_lambda=0.7, factual_omega=0.2))
    assert panel.factual_nucleus.isChecked()
    assert (panel.params().factual_lambda, panel.params().factual_omega) == (0.7, 0.2)
    panel.set_params(SamplingParams())
    assert not panel.factual_nucleus.isChecked() and "factual_nucleus" not in panel.params().to_dict()
