"""promptfoo out: an experiment as a promptfoo config + CSV, and the round trip back; results
in promptfoo's JSON output shape from a real stored experiment."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from experiments.fileformat import BUILTIN_EXPERIMENTS, example_files
from experiments.loading import load_experiment
from experiments.plan import plan
from experiments.promptfoo_in import import_promptfoo
from experiments.promptfoo_out import _iregex, export_experiment
from prompt_library import TemplateLibrary
from prompt_library.patterns import render

LIB = TemplateLibrary(None)


def _shape(exp):
    """Cells without template ids and model names: (variant, row values, params values, repeat) per model."""
    variants = {v.key: i for i, v in enumerate(exp.variants)}
    return sorted((variants[c.variant.key], json.dumps(c.row.values, sort_keys=True),
                   json.dumps(c.params.model_dump(exclude_none=True), sort_keys=True), c.repeat)
                  for c in plan(exp) if c.ref == exp.models[0])


@pytest.mark.parametrize("name", [p.name for p in example_files()])
def test_builtin_experiment_exports_and_imports_back_to_the_same_cells(name, tmp_path):
    original = load_experiment(BUILTIN_EXPERIMENTS / name, library=LIB)
    files = export_experiment(BUILTIN_EXPERIMENTS / name, library=LIB)
    cfg = yaml.safe_load(files["promptfooconfig.yaml"])
    assert len(cfg["prompts"]) == len(original.variants)
    assert len(cfg["providers"]) == len(original.models) * len(original.params)
    back = load_experiment(import_promptfoo(files.write(tmp_path / "pf")).write(tmp_path / "back"), library=LIB)
    assert len(plan(back)) == len(plan(original))
    assert _shape(back) == _shape(original)


def test_sentiment_sweep_round_trip_renders_the_same_messages(tmp_path):
    path = BUILTIN_EXPERIMENTS / "sentiment-sweep.yaml"
    original = load_experiment(path, library=LIB)
    back = load_experiment(import_promptfoo(export_experiment(path, library=LIB).write(tmp_path / "pf"))
                           .write(tmp_path / "back"), library=LIB)
    for v1, v2 in zip(original.variants, back.variants):
        for r1, r2 in zip(original.rows, back.rows):
            assert render(v1.template, r1.values) == render(v2.template, r2.values)
    # equals ignoring case became a regex promptfoo can run, and it still passes what equals passed
    row = back.rows[0]
    (a,) = row.assertions
    from experiments.assertions import build_assertion

    assert build_assertion(a, row).run("  Positive ").verdict == "pass"
    assert build_assertion(a, row).run("not positive").verdict == "fail"


def test_export_files_promptfoo_would_accept(tmp_path):
    files = export_experiment(BUILTIN_EXPERIMENTS / "capitals-long-prefix.yaml", library=LIB)
    cfg = yaml.safe_load(files["promptfooconfig.yaml"])
    assert set(cfg) <= {"description", "prompts", "providers", "defaultTest", "tests", "evaluateOptions"}
    assert cfg["tests"] == "file://tests.csv"
    (prov,) = cfg["providers"]
    assert prov["id"] == "openai:chat:smollm2-135m-instruct" and prov["config"]["temperature"] == 0 and prov["config"]["max_tokens"] == 6
    rows = list(csv.DictReader(io.StringIO(files["tests.csv"])))
    assert len(rows) == 20 and rows[0]["__expected1"].startswith("icontains:")
    assert files.write(tmp_path / "x").name == "promptfooconfig.yaml"
    with pytest.raises(Exception, match="not an empty folder"):
        files.write(tmp_path / "x")


def test_case_insensitive_literal_regex():
    import re

    rx = re.compile("^" + _iregex("New  York") + "$")
    assert rx.match("new york") and rx.match("NEW YORK") and not rx.match("newyork")
