"""An experiment with two models (the same model as Q4 through llama.cpp and through
transformers) whose runs are written straight through ``runs.store.Store``, so every
output, error, timing and memory figure is known. Shared by the agreement tests of
the engine, the reports and the window.

The cells (reference Q4 against F16 = the ``@transformers`` entry):

=====  ==========================  ===========================  =================================
row    Q4 (llama.cpp)              F16 (transformers)           so
=====  ==========================  ===========================  =================================
0      "4"                         "4"                          same
1      "Paris is the capital."     "Paris is the capital city." same answer "Paris", outputs differ
2      "blue"                      "<b>green</b>"               answers differ (markup to escape)
3      "x"                         error                        left out: an error on F16
4      "unknown"                   (no cell)                    unmatched: only Q4 has it
=====  ==========================  ===========================  =================================
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from experiments import runner

from experiments.plan import plan
from tests.experiments.test_batch import load, write

Q4 = "smollm2-135m-instruct"
F16 = "smollm2-135m-instruct@transformers"
ROWS = ("What is 2+2?", "Capital of France?", "Colour of the sky?", "Boom?", "Anything else?")
EXPECTED = ("4", "Paris", "green", "x", "y")
EXPERIMENT = f"""\
name: q4 vs f16
templates: [qa.yaml]
rows:
{chr(10).join(f'  - {{vars: {{question: "{q}"}}, expected: "{e}"}}' for q, e in zip(ROWS, EXPECTED, strict=True))}
models:
  - {Q4}
  - {{name: smollm2-135m-instruct, backend: transformers}}
params:
  greedy: {{temperature: 0, max_tokens: 16, seed: 1}}
assertions:
  - {{kind: equals, ignore_case: true}}
"""
# row -> (output, answer, status); None: no cell
OUTPUTS: dict[str, list[tuple[str, str, str] | None]] = {
    Q4: [("4", "4", "ok"), ("Paris is the capital.", "Paris", "ok"), ("blue", "blue", "ok"), ("x", "x", "ok"),
         ("unknown", "unknown", "ok")],
    F16: [("4", "4", "ok"), ("Paris is the capital city.", "Paris", "ok"), ("<b>green</b>", "<b>green</b>", "ok"),
          ("", "", "error"), None],
}
SPEED = {Q4: (100.0, 20.0), F16: (40.0, 50.0)}  # decode tok/s, TTFT ms
MEMORY = {Q4: {"weights_mb": 105.5, "load_rss_mb": 160.0}, F16: {"weights_mb": 538.0, "load_rss_mb": 700.5}}


def make_experiment(engine: Any, folder: Path, *, models: tuple[str, ...] = (Q4, F16),
                    memory: dict[str, dict[str, float]] | None = None,
                    outputs: dict[str, list[tuple[str, str, str] | None]] | None = None) -> str:
    """Create the experiment and write its runs through the store (``outputs``: another
    table like :data:`OUTPUTS`); returns its id."""
    body = EXPERIMENT
    if F16 not in models:
        body = body.replace("  - {name: smollm2-135m-instruct, backend: transformers}\n", "")
    exp = load(engine, write(folder, body))
    store = engine.store
    eid = runner.create_experiment(store, exp)
    memory = MEMORY if memory is None else memory
    for cell in plan(exp):
        out = (outputs or OUTPUTS)[cell.model][cell.row.index]
        if out is None:
            continue
        output, answer, status = out
        extra: dict[str, Any] = {"batch": {"answer": answer, "expected": cell.row.expected, "row": cell.row.index,
                                           "repeat": cell.repeat, "params_set": cell.params_name}}
        if cell.model in memory:
            extra["memory"] = memory[cell.model]
        rid = store.start_run({
            "experiment_id": eid, "cell_key": cell.key, "template_id": cell.variant.template.id,
            "variables_json": dict(cell.row.values), "pattern": cell.variant.template.pattern.name,
            "backend": "transformers" if cell.model == F16 else "llama.cpp", "model_name": "smollm2-135m-instruct",
            "params_json": {"temperature": 0, "max_tokens": 16, "seed": 1}, "tags": "batch", "extra_json": extra,
            "sent_text": f"Q: {cell.row.values['question']}",
        })
        tps, ttft = SPEED[cell.model]
        if status == "ok":
            store.finish_run(rid, {"status": "ok", "output": output, "decode_tps": tps + cell.row.index,
                                   "ttft_ms": ttft, "completion_tokens": len(output.split()), "prompt_tokens": 5})
        else:
            store.finish_run(rid, {"status": "error", "output": "", "error": "CUDA out of memory"})
        passed = status == "ok" and answer.casefold() == str(cell.row.expected).casefold()
        store.add_checks(rid, "assertion", [{"name": "equals", "verdict": "pass" if passed else "fail",
                                             "score": 1.0 if passed else 0.0}])
    store.set_experiment_status(eid, "done")
    return eid
