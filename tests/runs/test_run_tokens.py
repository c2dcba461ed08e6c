"""Token probabilities recorded with the run: the pipeline saves the backend's trace in
the flow that finishes the run, says so when a backend has none, experiments set
``logprobs`` per params set or model, and every export carries the per-run figures."""

from __future__ import annotations

import csv
import io
import json
import math
import textwrap

import pytest

from backends.base import GenerationResult, SamplingParams
from backends.logprobs import Alternative, TokenStep, TokenTrace
from common.errors import InvalidParamsError
from experiments.fileformat import ParamSet
from reports.export import export
from runs.spec import RunSpec
from tests.fakes import FakeBackend


def trace_of(texts: list[str]) -> TokenTrace:
    steps = [TokenStep(i, t, -0.5 * (i + 1), 1.0, (Alternative(i, t, -0.5 * (i + 1)), Alternative(99, "z", -3.0)))
             for i, t in enumerate(texts)]
    return TokenTrace(k=2, steps=steps, source="llama.cpp")


class TracingBackend(FakeBackend):
    """The fake backend, returning a trace of its chunks when asked for one."""

    def stream(self, request, cancel=None):
        for ev in super().stream(request, cancel):
            if isinstance(ev, GenerationResult) and request.logprobs:
                ev.tokens = trace_of(self.chunks[: ev.timings.completion_tokens])
            yield ev


@pytest.fixture
def tracing(fake_engine):
    fake_engine.pool.backend = TracingBackend()
    return fake_engine


def test_the_trace_is_saved_with_the_run_and_the_spec_keeps_logprobs(tracing):
    out = tracing.pipeline.run(RunSpec(prompt="hi", logprobs=2, params=SamplingParams(seed=1)))
    assert out.status == "ok" and out.saved
    assert tracing.pool.backend.requests[-1].logprobs == 2
    stored = tracing.store.tokens(out.run_id)
    assert stored.to_dict() == trace_of(["Hello", ",", " world", "!"]).to_dict()
    assert json.loads(tracing.store.get_run(out.run_id)["spec_json"])["logprobs"] == 2
    plain = tracing.pipeline.run(RunSpec(prompt="hi"))
    assert tracing.store.tokens(plain.run_id) is None
    assert "logprobs" not in json.loads(tracing.store.get_run(plain.run_id)["spec_json"])


def test_a_backend_without_probabilities_leaves_a_notice_on_the_run(fake_engine):
    out = fake_engine.pipeline.run(RunSpec(prompt="hi", logprobs=3))
    assert out.status == "ok" and fake_engine.store.tokens(out.run_id) is None
    assert any("no token probabilities" in n for n in out.notices)
    extra = json.loads(fake_engine.store.get_run(out.run_id)["extra_json"])
    assert "no token probabilities" in extra["logprobs_notice"]


@pytest.mark.parametrize("k", [0.5, -1, 51, True])
def test_bad_k_in_a_spec(k):
    with pytest.raises(InvalidParamsError, match="logprobs"):
        RunSpec(prompt="hi", logprobs=k)


def test_params_sets_and_models_set_logprobs(tracing, tmp_path):
    from experiments.loading import load_experiment
    from experiments.runner import run_batch, start_or_resume
    from prompt_library import TemplateLibrary

    (tmp_path / "qa.yaml").write_text('name: qa\nvariables:\n  - name: q\nprompt: "Q: {{ q }}"\n', encoding="utf-8")
    (tmp_path / "exp.yaml").write_text(textwrap.dedent("""\
        name: lp
        templates: [qa.yaml]
        rows: [{vars: {q: "a"}}]
        models: [{name: smollm2-135m-instruct, logprobs: 2}]
        params:
          traced: {temperature: 0, max_tokens: 4, logprobs: 5, factual_nucleus: true}
          model_default: {temperature: 0, max_tokens: 4}
        """), encoding="utf-8")
    exp = load_experiment(tmp_path / "exp.yaml", library=TemplateLibrary(user_dir=tracing.home / "templates"),
                          resolve_model=tracing.registry.resolve)
    eid, _ = start_or_resume(tracing.store, exp)
    out = run_batch(tracing.pipeline, exp, eid)
    assert out.status == "done"
    asked = sorted(r.logprobs for r in tracing.pool.backend.requests)
    assert asked == [2, 5]
    assert any(r.params.factual_nucleus for r in tracing.pool.backend.requests)
    assert len(tracing.store.runs_with_tokens(r.run_id for r in out.results)) == 2
    assert "logprobs" not in ParamSet(logprobs=5).sampling().to_dict()
    with pytest.raises(Exception, match="logprobs"):
        ParamSet(logprobs=51)


def test_exports_carry_mean_logprob_and_perplexity(tracing, tmp_path):
    with_trace = tracing.pipeline.run(RunSpec(prompt="one", logprobs=2))
    without = tracing.pipeline.run(RunSpec(prompt="two"))
    ids = [with_trace.run_id, without.run_id]
    mean = trace_of(["Hello", ",", " world", "!"]).mean_logprob
    rows = {r["run_id"]: r for r in csv.DictReader(io.StringIO(export(tracing.store, ids, "csv", None)[0]))}
    assert float(rows[with_trace.run_id]["mean_logprob"]) == pytest.approx(mean)
    assert float(rows[with_trace.run_id]["perplexity"]) == pytest.approx(math.exp(-mean), rel=1e-3)
    assert rows[with_trace.run_id]["logprob_tokens"] == "4" and rows[without.run_id]["mean_logprob"] == ""
    data = json.loads(export(tracing.store, ids, "json", None)[0])
    assert list(data["tokens"]) == [with_trace.run_id]
    assert data["tokens"][with_trace.run_id]["trace"]["steps"][2]["text"] == " world"
    md = export(tracing.store, ids, "md", None)[0]
    assert "## Token probabilities" in md and with_trace.run_id in md.split("## Token probabilities")[1]
    html = export(tracing.store, ids, "html", None)[0]
    assert f"mean logprob {mean:.3f}" in html


def test_the_json_export_bounds_whole_traces(tracing, monkeypatch):
    from reports import tokens_report

    monkeypatch.setattr(tokens_report, "MAX_EXPORT_STEPS", 5)
    a = tracing.pipeline.run(RunSpec(prompt="one", logprobs=2))
    b = tracing.pipeline.run(RunSpec(prompt="two", logprobs=2))
    data = json.loads(export(tracing.store, [a.run_id, b.run_id], "json", None)[0])
    assert sum("trace" in v for v in data["tokens"].values()) == 1
    assert "1 runs' whole traces were left out" in data["tokens_truncated"]
    assert all(v["mean_logprob"] is not None for v in data["tokens"].values())


@pytest.mark.real
def test_a_real_run_records_and_a_rerun_repeats_its_trace(real_engine):
    spec = RunSpec(prompt="Name a fruit.", logprobs=3, n_ctx=512,
                   params=SamplingParams(temperature=0.7, max_tokens=6, seed=4))
    first = real_engine.pipeline.run(spec)
    t = real_engine.store.tokens(first.run_id)
    assert t is not None and len(t) == first.result.timings.completion_tokens and t.k == 3
    again = [e for e in real_engine.pipeline.rerun(first.run_id)][-1]
    assert real_engine.store.tokens(again.run_id).to_dict() == t.to_dict()
