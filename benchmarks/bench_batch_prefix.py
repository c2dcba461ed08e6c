"""A batch ordered for KV prefix reuse against each row in a fresh context.

The experiment ``resources/experiments/capitals-long-prefix.yaml``: 20 rows of one
few-shot template whose system text and 32 worked examples (the shared prefix, about
900 tokens with SmolLM2's chat template) are the same for every row; greedy, 6 output
tokens. Both ways run through the batch runner and the one pipeline, on the bundled
SmolLM2; the baseline calls ``backend.reset_cache()`` before every cell so each row
evaluates its whole prompt. Passes alternate (reuse, fresh, reuse, fresh...) so machine
load moves both sides together. Every output must be byte-identical between the two
ways (and between passes); the script exits 1 if not.

    python -m benchmarks.bench_batch_prefix [--reps 1] [--threads N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from backends.pool import BackendPool
from prompt_library import TemplateLibrary
from experiments import runner
from experiments.plan import plan
from runs.engine import Engine
from experiments.fileformat import BUILTIN_EXPERIMENTS
from experiments.loading import load_experiment

EXPERIMENT = BUILTIN_EXPERIMENTS / "capitals-long-prefix.yaml"


def shared_prefix_tokens(engine: Engine, exp, cells) -> tuple[int, int]:
    """(tokens shared by the first two rows' prompts, tokens of the first prompt)."""
    from prompt_library import render
    from runs.templated import spec_for_stage

    sent = []
    for cell in cells[:2]:
        spec = runner.base_spec(exp, "", cell)
        t = cell.variant.template
        values = t.coerce({k: v for k, v in cell.row.values.items() if k in {x.name for x in t.variables}})
        stage = spec_for_stage(spec, t, values, render(t, values), {}, stage=None, parent_id=None, constrained=True)
        prep = engine.pipeline.prepare(stage)
        sent.append(prep.backend.tokenize(prep.sent_text))
    a, b = sent
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n, len(a)


def one_pass(engine: Engine, exp, reuse: bool) -> tuple[float, list[str], float, list[float]]:
    backend = engine.pool.current()
    if backend is not None:
        backend.reset_cache()
    eid = runner.create_experiment(engine.store, exp)
    t0 = time.perf_counter()
    out = runner.run_batch(engine.pipeline, exp, eid, reuse_prefix=reuse)
    wall = time.perf_counter() - t0
    assert out.status == "done" and len(out.results) == len(exp.rows)
    outputs = [engine.store.get_run(r.run_id)["output"] for r in out.results]
    rows = [engine.store.get_run(r.run_id) for r in out.results]
    prompt_ms = sum(r["prompt_ms"] or 0 for r in rows)
    return wall, outputs, prompt_ms, [r["total_ms"] or 0 for r in rows[1:]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=1, help="passes of each way (alternating)")
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as home:
        engine = Engine.open(Path(home), pool=BackendPool(), search_dirs=[])
        exp = load_experiment(EXPERIMENT, library=TemplateLibrary(), resolve_model=engine.registry.resolve)
        if args.threads:
            exp = load_experiment(exp.spec.model_copy(update={"load": exp.spec.load.model_copy(
                update={"n_threads": args.threads})}), library=TemplateLibrary(),
                resolve_model=engine.registry.resolve, base_dir=EXPERIMENT.parent)
        cells = plan(exp)
        shared, first_len = shared_prefix_tokens(engine, exp, cells)
        # the model is loaded by now (counting the prefix prepared two cells); every pass starts
        # from an empty KV cache, so its first row costs a full prefill on both sides
        reuse_t, fresh_t, reuse_p, fresh_p = [], [], [], []
        per_row: dict[bool, list[float]] = {True: [], False: []}
        reference: list[str] | None = None
        identical = True
        for _ in range(args.reps):
            for reuse in (True, False):
                wall, outputs, prompt_ms, row_ms = one_pass(engine, exp, reuse)
                per_row[reuse] += row_ms
                (reuse_t if reuse else fresh_t).append(wall)
                (reuse_p if reuse else fresh_p).append(prompt_ms)
                if reference is None:
                    reference = outputs
                identical &= outputs == reference
        engine.close()

    n = len(exp.rows)
    r, f = statistics.median(reuse_t), statistics.median(fresh_t)
    speedup = statistics.median(b / a for a, b in zip(reuse_t, fresh_t))
    print(f"SmolLM2-135M-Instruct, {n} rows, shared prefix {shared} of {first_len} prompt tokens, "
          f"greedy, {exp.params[0][1].max_tokens} output tokens, {args.reps} alternating passes per way\n")
    print("| measure | fresh context per row (`reset_cache()`) | batch order, prefix reused | ratio |")
    print("|---|---|---|---|")
    print(f"| wall time for {n} rows (median) | {f:.2f} s | {r:.2f} s | {speedup:.2f}x faster (median of per-pass ratios; target >= 3x) |")
    print(f"| per row | {f / n * 1000:.0f} ms | {r / n * 1000:.0f} ms | |")
    pr, pf = statistics.median(per_row[True]), statistics.median(per_row[False])
    print(f"| one row, median over rows 2-{n} of every pass | {pf:.0f} ms | {pr:.0f} ms | {pf / pr:.1f}x |")
    print(f"| prompt evaluation, sum over rows (median) | {statistics.median(fresh_p):.0f} ms | "
          f"{statistics.median(reuse_p):.0f} ms | {statistics.median(fresh_p) / max(1e-9, statistics.median(reuse_p)):.1f}x |")
    print(f"| outputs byte-identical between the two ways | {'yes' if identical else 'NO'} | | |")
    if shared < 400:
        print(f"\nshared prefix is {shared} tokens, under the 400 the benchmark needs", file=sys.stderr)
        return 1
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
