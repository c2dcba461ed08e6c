"""The ready quantization comparison, for real: the built-in experiment (trimmed to three
prompts) runs the bundled SmolLM2 as Q4_1 through llama.cpp and as float32 through
transformers; the agreement, speed and memory reach the comparison and the reports."""

from __future__ import annotations

import json

import pytest

from prompt_library import TemplateLibrary
from reports.agreement import agreement_of
from experiments.runner import run_batch, start_or_resume
from reports.grid import load_grid
from experiments.fileformat import BUILTIN_EXPERIMENTS, ParamSet, read_experiment
from experiments.loading import load_experiment
from reports.export import export
from tests.store_tools import open_log

pytestmark = pytest.mark.real

Q4, F32 = "Q4_1 · llama.cpp", "float32 · transformers"


@pytest.fixture(scope="module")
def quantization(tmp_path_factory, real_pool):
    from runs.engine import Engine

    home = tmp_path_factory.mktemp("quantization-home")
    engine = Engine.open(home, pool=real_pool, search_dirs=[])
    spec = read_experiment(BUILTIN_EXPERIMENTS / "quantization-smollm2.yaml")
    spec = spec.model_copy(update={
        "rows": spec.rows[:3],
        "params": {"greedy": ParamSet(temperature=0, max_tokens=12, seed=0, repeat_penalty=1.0)}})
    exp = load_experiment(spec, library=TemplateLibrary(user_dir=home / "templates"),
                          resolve_model=engine.registry.resolve, base_dir=BUILTIN_EXPERIMENTS)
    eid, _ = start_or_resume(engine.store, exp)
    out = run_batch(engine.pipeline, exp, eid)
    yield engine, eid, out
    engine.store.close()


def test_both_runtimes_ran_every_prompt(quantization):
    engine, eid, out = quantization
    assert out.status == "done" and out.ran == 6
    runs = list(open_log(engine.store).query("SELECT backend, status, extra_json FROM runs WHERE experiment_id = ?", [eid]))
    assert sorted(r["backend"] for r in runs) == ["llama.cpp"] * 3 + ["transformers"] * 3
    assert {r["status"] for r in runs} == {"ok"}
    assert all(json.loads(r["extra_json"])["memory"]["weights_mb"] > 0 for r in runs)


def test_agreement_speed_and_memory_of_q4_against_float32(quantization):
    engine, eid, _ = quantization
    agreement = agreement_of(load_grid(engine.store, [eid]))
    assert agreement is not None and agreement.reference == Q4
    [m] = agreement.comparisons
    assert m.other.model == F32 and m.pairs == 3 and m.errors_reference == m.errors_other == 0
    assert m.answer_agreement is not None and 0.0 <= m.answer_agreement <= 1.0
    assert 0.0 <= m.similarity <= 1.0
    assert len(m.differences) == 3 - m.outputs_agree
    # float32 weights are several times the 4-bit ones; both sides measured their speed
    assert m.other.weights_mb > 4 * m.reference.weights_mb
    assert m.reference.decode_tps_median and m.other.decode_tps_median and m.speed_ratio
    assert m.other.backend == "transformers" and m.reference.backend == "llama.cpp"


@pytest.mark.parametrize("fmt", ["html", "md", "json", "csv"])
def test_the_comparison_is_exported_in_every_format(quantization, tmp_path, fmt):
    engine, eid, _ = quantization
    path = tmp_path / f"quantization.{fmt}"
    export(engine.store, [eid], fmt, path)
    text = path.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        assert data["agreement"]["reference"] == Q4
        assert data["agreement"]["models"] == [Q4, F32]
        [m] = data["agreement"]["comparisons"]
        assert m["pairs"] == 3 and m["other"]["weights_mb"] > m["reference"]["weights_mb"]
    elif fmt == "csv":
        assert "agrees_with_reference" in text.splitlines()[0] and F32 in text
    else:
        q4 = Q4.replace("_", "\\_") if fmt == "md" else Q4  # Markdown escapes the underscore
        assert "Agreement between models" in text and F32 in text and q4 in text
