"""The built-in sentiment experiment evaluates on rows kept apart from its template's
few-shot demonstrations (a test split), so its headline measures something."""

from __future__ import annotations

from experiments.fileformat import BUILTIN_EXPERIMENTS
from experiments.loading import load_experiment
from prompt_library import TemplateLibrary


def test_sentiment_experiment_tests_on_rows_apart_from_its_demonstrations():
    path = BUILTIN_EXPERIMENTS / "sentiment-sweep.yaml"
    assert "Test split" in path.read_text(encoding="utf-8")  # said in the file
    exp = load_experiment(path, library=TemplateLibrary())
    shown = {" ".join(str(e["review"]).split()) for v in exp.variants for e in (v.template.spec.examples or [])}
    tested = [" ".join(str(r.values["review"]).split()) for r in exp.rows]
    assert shown and len(tested) >= 10
    assert not shown & set(tested)
    assert {r.expected for r in exp.rows} == {"positive", "negative", "neutral"}
