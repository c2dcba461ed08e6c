"""Small experiments for the arena tests, run with the fake backend (two or three
variants over a few rows), so votes have real runs and a real grid behind them."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from experiments.loading import load_experiment
from experiments.runner import run_batch, start_or_resume
from prompt_library import TemplateLibrary
from tests.fakes import FakeBackend

QA = 'name: qa\nvariables:\n  - name: question\n  - {name: category, required: false}\nprompt: "Q: {{ question }}"\n'
QA2 = 'name: qa2\nvariables:\n  - name: question\n  - {name: category, required: false}\nprompt: "Question: {{ question }}"\n'
QA3 = 'name: qa3\nvariables:\n  - name: question\n  - {name: category, required: false}\nprompt: "Ask: {{ question }}"\n'
BODY = """\
name: arena
templates: [TEMPLATES]
rows:
  - {vars: {question: "What is 2+2?", category: maths}}
  - {vars: {question: "Capital of France?", category: geo}}
  - {vars: {question: "Colour of the sky?", category: geo}}
  - {vars: {question: "Boom?", category: maths}}
models: [smollm2-135m-instruct]
params:
  greedy: {temperature: 0, max_tokens: 8, seed: 5}
"""


def fake_answer(request: Any) -> list[str]:
    from common.errors import BackendError

    text = request.messages[-1].content if request.messages else request.prompt
    head, q = text.split(": ", 1)
    if q == "Boom?" and head == "Ask":
        raise BackendError("the fake model fell over")
    return [f"{head} answers {q}"]


def make_experiment(engine: Any, folder: Path, templates: int = 2) -> str:
    """Run the experiment (``templates`` variants x 4 rows) with the fake backend; its id."""
    engine.pool.backend = FakeBackend(responder=fake_answer)
    names = ["qa.yaml", "qa2.yaml", "qa3.yaml"][:templates]
    for name, body in zip(["qa.yaml", "qa2.yaml", "qa3.yaml"], [QA, QA2, QA3], strict=True):
        (folder / name).write_text(body, encoding="utf-8")
    path = folder / f"arena{templates}.yaml"
    path.write_text(textwrap.dedent(BODY.replace("TEMPLATES", ", ".join(names))), encoding="utf-8")
    exp = load_experiment(path, library=TemplateLibrary(user_dir=engine.home / "templates"),
                          resolve_model=engine.registry.resolve)
    eid, _ = start_or_resume(engine.store, exp, new=True)
    out = run_batch(engine.pipeline, exp, eid)
    assert out.status == "done", out
    return eid
