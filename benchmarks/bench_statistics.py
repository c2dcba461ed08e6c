"""Statistics speed: a 1,000-row x 4-variant comparison with 2,000 bootstrap resamples.

`reports.statistics.analyze` over plain data: per variant the pass rate (Wilson) and
bootstrap intervals of the mean score, length, latency and tokens/s; between every
pair of variants (6) the exact McNemar test and the Wilcoxon signed-rank test with
paired bootstrap intervals of the differences, Holm-corrected. Target < 1 s (BCa).
Also: the same with 3 repeats per cell (cluster bootstrap), and the arena ranking
(Davidson-Bradley-Terry, 2,000 bootstrap refits) of 1,000 votes over 4 variants, and
the statistics of a stored experiment of 1,000 rows x 4 variants read from a SQLite
run log (``reports.grid_stats.grid_statistics`` on ``load_grid``).

    python -m benchmarks.bench_statistics [--rows 1000] [--variants 4] [--reps 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from reports.statistics import OUTCOMES, Settings, Vote, analyze, bradley_terry


def make_variants(rng: np.random.Generator, rows: int, variants: int, repeats: int = 1) -> dict:
    out = {}
    difficulty = rng.random(rows)
    for v in range(variants):
        def cells(draw):
            return {r: (draw(r) if repeats == 1 else [draw(r) for _ in range(repeats)]) for r in range(rows)}
        out[f"variant-{v}"] = {
            "pass": cells(lambda r, v=v: bool(rng.random() < min(1.0, difficulty[r] + 0.03 * v))),
            "score": cells(lambda r, v=v: float(np.clip(difficulty[r] + rng.normal(0.02 * v, 0.2), 0, 1))),
            "length": cells(lambda r: int(rng.poisson(40))),
            "latency_ms": cells(lambda r: float(rng.lognormal(5, 0.3))),
            "tokens_per_s": cells(lambda r: float(rng.normal(30, 3))),
        }
    return out


def make_stored_experiment(store, rng: random.Random, variants: int, rows: int) -> str:
    """An experiment written straight into the run log: one run per cell, each with an
    assertion check (pass more often for later variants)."""
    import sqlite_utils

    from experiments.plan import cell_key
    from runs.store import new_id

    seed = sqlite_utils.Database(store.path)  # a second connection to seed the file, as an import would

    eid = new_id()
    templates = [{"label": f"template-{v}", "id": f"{v + 1:x}" * 64, "name": f"template-{v}"} for v in range(variants)]
    seed["experiments"].insert({"id": eid, "name": "synthetic statistics benchmark", "status": "done",
                                    "config_json": json.dumps({"templates": templates, "spec": {"params": {"p": {}}}}),
                                    "created_utc": "2026-12-01T00:00:00", "total_cells": variants * rows})
    runs, checks = [], []
    for v, t in enumerate(templates):
        for r in range(rows):
            rid = new_id()
            passed = rng.random() < 0.5 + 0.03 * v
            runs.append({"id": rid, "experiment_id": eid, "cell_key": cell_key(t["id"], r, "smollm2", "p", 0),
                         "template_id": t["id"], "model_name": "smollm2", "params_json": "{}",
                         "variables_json": json.dumps({"question": f"row {r}"}), "status": "ok",
                         "output": "yes" if passed else "no", "sent_text": f"row {r}",
                         "extra_json": json.dumps({"batch": {"answer": "yes" if passed else "no", "row": r}}),
                         "ttft_ms": rng.uniform(40, 400), "decode_tps": rng.uniform(50, 150), "prompt_tokens": 60,
                         "completion_tokens": rng.randint(1, 30), "total_ms": rng.uniform(200, 900),
                         "started_utc": "2026-12-01T00:00:00"})
            checks.append({"run_id": rid, "stage": "assertion", "name": "equals", "verdict": "pass" if passed
                           else "fail", "score": 1.0 if passed else 0.0, "spans_json": "[]", "message": "", "ms": 0.1})
    seed["runs"].insert_all(runs, batch_size=500)
    seed["checks"].insert_all(checks, batch_size=500)
    seed.close()
    return eid


def planned_experiment(store, folder: Path, variants: int, rows: int):
    """An experiment file of ``variants`` templates x ``rows`` inline rows, loaded and started
    (nothing run): what the window's grid shows at the start of a batch."""
    from experiments.loading import load_experiment
    from experiments.runner import create_experiment
    from prompt_library import TemplateLibrary

    names = []
    for v in range(variants):
        (folder / f"t{v}.yaml").write_text(f'name: t{v}\nvariables:\n  - name: question\n'
                                           f'prompt: "{v}: {{{{ question }}}}"\n', encoding="utf-8")
        names.append(f"t{v}.yaml")
    lines = [f"name: planned\ntemplates: [{', '.join(names)}]\nmodels: [smollm2]\nmax_cells: {variants * rows}\nrows:"]
    lines += [f'  - {{vars: {{question: "row {r}"}}, expected: "yes"}}' for r in range(rows)]
    path = folder / "planned.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    exp = load_experiment(path, library=TemplateLibrary(None))
    return exp, create_experiment(store, exp)


def timed(fn, reps: int) -> tuple[float, float]:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--variants", type=int, default=4)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    rng = np.random.default_rng(7)
    ok = True
    plain = make_variants(rng, args.rows, args.variants)
    repeated = make_variants(rng, args.rows, args.variants, repeats=3)
    print(f"| statistics of {args.rows:,} rows x {args.variants} variants, 2,000 resamples | median | max |")
    print("|---|---|---|")
    for label, data in (("one run per cell", plain), ("3 repeats per cell (cluster bootstrap)", repeated)):
        for method in ("BCa", "percentile"):
            s = Settings(n_resamples=2000, bootstrap=method)
            med, mx = timed(lambda data=data, s=s: analyze(data, s), args.reps)
            print(f"| {label}, {method} | {med:.0f} ms | {mx:.0f} ms |")
            if data is plain and method == "BCa":
                ok &= med < 1000
    names = list(plain)
    votes = [Vote(*map(str, rng.choice(names, 2, replace=False)), str(rng.choice(OUTCOMES))) for _ in range(1000)]
    med, mx = timed(lambda: bradley_terry(votes, Settings(n_resamples=2000)), args.reps)
    print(f"| arena: Bradley-Terry with ties, 1,000 votes x {args.variants} variants, 2,000 refits | "
          f"{med:.0f} ms | {mx:.0f} ms |")

    from reports.grid import load_grid
    from reports.grid_stats import grid_statistics
    from runs.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "stats.db")
        eid = make_stored_experiment(store, random.Random(7), args.variants, args.rows)
        grid = load_grid(store, [eid])
        assert len(grid.columns) == args.variants and len(grid.rows) == args.rows
        med, mx = timed(lambda: grid_statistics(grid, Settings(n_resamples=2000)), args.reps)
        print(f"| stored experiment, {args.rows:,} rows x {args.variants} variants: `grid_statistics` | "
              f"{med:.0f} ms | {mx:.0f} ms |")
        med, mx = timed(lambda: load_grid(store, [eid]), args.reps)
        print(f"| (for scale) `load_grid` of the same experiment | {med:.0f} ms | {mx:.0f} ms |")
        planned, pid = planned_experiment(store, Path(tmp), args.variants, args.rows)
        med, mx = timed(lambda: load_grid(store, [pid], {pid: planned}), args.reps)
        print(f"| `load_grid` of an experiment of the same shape at its start (every cell planned, none run) | "
              f"{med:.0f} ms | {mx:.0f} ms |")
        store.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
