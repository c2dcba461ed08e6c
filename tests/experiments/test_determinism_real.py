"""The determinism check with the bundled SmolLM2: a sampled run (temperature 0.9, a
fixed seed) re-run under two thread counts; every figure is measured, not assumed.
Then the same through the CLI (`determinism RUN -n ... --json`), and the result kept
with the run."""

from __future__ import annotations

import json

import pytest

from backends.base import SamplingParams
from cli.app import run_cli
from experiments.determinism import _piece_of, _tokenizer, check_run, first_difference, summary_line
from runs.spec import RunSpec

pytestmark = pytest.mark.real


def test_real_determinism_across_threads(real_engine, smollm2, capsys):
    spec = RunSpec(prompt="Name a colour.", model=str(smollm2), n_ctx=512, n_threads=1,
                   params=SamplingParams(temperature=0.9, max_tokens=8, seed=11))
    run = real_engine.pipeline.run(spec)
    assert run.status == "ok" and run.output
    report = check_run(real_engine, run.run_id, 3, threads=[1, 2])
    assert [c.config for c in report.configs] == ["threads=1 batch=512", "threads=2 batch=512"]
    for c in report.configs:
        assert c.runs == 3 and sum(c.counts) == 3 and 1 <= c.distinct == len(c.outputs) <= 3
        assert c.seed == 11 and c.ms > 0
        assert (c.first_difference is None) == (c.distinct == 1)
        line = summary_line(c)
        assert line.startswith(c.config) and "nan" not in line.lower()
    # the same seed, threads and batch as the logged run: llama.cpp on the CPU repeats it
    assert report.configs[0].same_as_logged == 3 and report.configs[0].distinct == 1
    # where outputs part, by the model's own tokenizer
    _, backend = real_engine.pipeline.backend_for(spec)
    diff = first_difference(["The sea is calm today.", "The sea is wild today."], _tokenizer(backend),
                            _piece_of(backend))
    assert diff == {"char": 11, "token": 3, "tokens": [" calm", " wild"]}
    stored = real_engine.store.determinism_of(run.run_id)
    assert [d["config"] for d in stored] == ["threads=1 batch=512", "threads=2 batch=512"]

    # the CLI, on the same log: one more configuration (a small batch), JSON out
    code = run_cli(["--home", str(real_engine.home), "determinism", run.run_id[:10], "-n", "2", "--batch", "8",
                    "--threads", "1", "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    data = json.loads(out)
    assert data["n"] == 2 and data["configs"][0]["config"] == "threads=1 batch=8"
    assert data["configs"][0]["runs"] == 2
    assert {d["config"] for d in real_engine.store.determinism_of(run.run_id)} == {
        "threads=1 batch=512", "threads=2 batch=512", "threads=1 batch=8"}


def test_first_difference_names_the_token():
    words = {"a": 1, " red": 2, " blue": 3, " sky": 4}

    def tok(text: str) -> list[int]:
        out, rest = [], text
        while rest:
            w = next(w for w in sorted(words, key=len, reverse=True) if rest.startswith(w))
            out.append(words[w])
            rest = rest[len(w):]
        return out

    inv = {v: k for k, v in words.items()}
    d = first_difference(["a red sky", "a blue sky", "a red sky"], tok, inv.get)
    assert d == {"char": 2, "token": 1, "tokens": [" red", " blue"]}
    assert first_difference(["same", "same"], tok) is None
    assert first_difference(["a red", "a red sky"], tok, inv.get)["tokens"] == ["<end>", " sky"]
