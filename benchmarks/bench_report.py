"""Report export and history search speed over synthetic run logs.

1. Exporting a 1,000-run comparison (one experiment: 4 variants x 250 rows, each run
   with an assertion check) as HTML, Markdown, CSV and JSON; target HTML < 2 s.
2. The history search over 100,000 runs: ``Store.list_runs(search=word, limit=50)``
   (FTS5 trigram index) for a rare word, a common word and a two-letter term (which
   scans); target < 100 ms. Runs are inserted with sqlite-utils ``insert_all`` into
   a temporary ``runs.db`` (the FTS index is filled by the store's triggers).

    python -m benchmarks.bench_report [--runs 100000] [--reps 7]
"""

from __future__ import annotations

import sqlite_utils

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from experiments.plan import cell_key
from reports.export import export
from runs.store import Store, new_id

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa "
         "quebec romeo sierra tango uniform victor whiskey xray yankee zulu capital river mountain answer "
         "question model token prompt city country ocean forest desert island bridge castle garden").split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def make_experiment(store: Store, rng: random.Random, variants: int = 4, rows: int = 250) -> str:
    eid = new_id()
    templates = [{"label": f"template-{v}", "id": f"{v:064x}", "name": f"template-{v}"} for v in range(variants)]
    sqlite_utils.Database(store.path)["experiments"].insert({"id": eid, "name": "synthetic 1,000-run comparison", "status": "done",
                                    "config_json": json.dumps({"templates": templates, "spec": {"params": {"p": {}}}}),
                                    "created_utc": "2026-11-22T00:00:00", "total_cells": variants * rows})
    runs, checks = [], []
    for v in range(variants):
        for r in range(rows):
            rid = new_id()
            answer = rng.choice(["Paris", "Lyon", "Paris.", "<b>Paris</b>"])
            runs.append({
                "id": rid, "experiment_id": eid, "cell_key": cell_key(templates[v]["id"], r, "smollm2", "p", 0),
                "template_id": templates[v]["id"], "pattern": "few-shot", "model_name": "smollm2",
                "params_json": json.dumps({"temperature": 0, "max_tokens": 16}),
                "variables_json": json.dumps({"question": f"Row {r}: " + sentence(rng, 12)}),
                "status": "ok", "output": answer + " " + sentence(rng, 30), "sent_text": sentence(rng, 400),
                "extra_json": json.dumps({"batch": {"answer": answer, "expected": "Paris", "row": r, "repeat": 0}}),
                "ttft_ms": rng.uniform(40, 400), "decode_tps": rng.uniform(50, 150), "prompt_tokens": 600,
                "completion_tokens": 16, "total_ms": rng.uniform(200, 900), "started_utc": "2026-11-22T00:00:00",
            })
            checks.append({"run_id": rid, "stage": "assertion", "name": "equals",
                           "verdict": "pass" if answer == "Paris" else "fail",
                           "score": 1.0 if answer == "Paris" else 0.0, "spans_json": "[]", "message": "", "ms": 0.1})
    sqlite_utils.Database(store.path)["runs"].insert_all(runs, batch_size=500)
    sqlite_utils.Database(store.path)["checks"].insert_all(checks, batch_size=500)
    return eid


def timed(fn, reps: int) -> tuple[float, float]:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=100_000, help="runs in the history-search log")
    ap.add_argument("--reps", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(7)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "export.db")
        eid = make_experiment(store, rng)
        print("| export of a 1,000-run comparison | median | max | size |")
        print("|---|---|---|---|")
        for fmt in ("html", "md", "csv", "json"):
            out = Path(tmp) / f"report.{fmt}"
            med, mx = timed(lambda fmt=fmt, out=out: export(store, [eid], fmt, out), args.reps)
            print(f"| {fmt} | {med:.0f} ms | {mx:.0f} ms | {out.stat().st_size / 1024:.0f} KiB |")
            if fmt == "html":
                ok &= med < 2000
        store.close()

        store = Store(Path(tmp) / "history.db")
        seed = sqlite_utils.Database(store.path)  # a second connection to seed the file, as an import would
        t0 = time.perf_counter()
        batch_rows = []
        for i in range(args.runs):
            batch_rows.append({"id": new_id(), "status": "ok", "model_name": "smollm2", "mode": "chat",
                               "started_utc": f"2026-11-{1 + i % 28:02d}T00:00:00",
                               "sent_text": sentence(rng, 40), "output": sentence(rng, 60),
                               "completion_tokens": 60, "decode_tps": 100.0, "ttft_ms": 100.0})
            if len(batch_rows) == 5000:
                seed["runs"].insert_all(batch_rows, batch_size=1000)
                batch_rows = []
        if batch_rows:
            seed["runs"].insert_all(batch_rows, batch_size=1000)
        # plant a rare word in a few runs
        ids = [r["id"] for r in seed.query("SELECT id FROM runs ORDER BY random() LIMIT 20")]
        for rid in ids:
            seed.execute("UPDATE runs SET output = output || ' zanzibar' WHERE id = ?", [rid])
        insert_s = time.perf_counter() - t0
        print(f"\n{store.count_runs():,} runs inserted (with the FTS trigger) in {insert_s:.1f} s\n")
        print("| history search, `list_runs(search=..., limit=50)` | hits | median | max |")
        print("|---|---|---|---|")
        for term, what in (("zanzibar", "rare word (20 runs)"), ("capital river", "common phrase"),
                           ("foxtrot", "common word (most runs)"), ("xr", "two letters (scan, no index)")):
            hits = len(store.list_runs(search=term, limit=50))
            med, mx = timed(lambda term=term: store.list_runs(search=term, limit=50), args.reps)
            print(f"| {what}: `{term}` | {hits} | {med:.1f} ms | {mx:.1f} ms |")
            if term == "zanzibar":
                ok &= med < 100
        # where the time of a common word goes, and a query shape that stops after 50 hits
        phrase = '"foxtrot"'
        med, _ = timed(lambda: seed.execute("SELECT count(*) FROM runs_fts WHERE runs_fts MATCH ?",
                                                [phrase]).fetchone(), args.reps)
        print(f"| (diagnostic) FTS match alone, all hits of `foxtrot`, count(*) | | {med:.1f} ms | |")
        sql = ("SELECT runs.id, runs.status, substr(runs.output, 1, 200) FROM runs JOIN (SELECT rowid AS r FROM runs_fts "
               "WHERE runs_fts MATCH ? ORDER BY rowid DESC LIMIT 50) hits ON runs.rowid = hits.r ORDER BY runs.id DESC")
        hits = len(list(seed.execute(sql, [phrase])))
        med, mx = timed(lambda: list(seed.execute(sql, [phrase])), args.reps)
        print(f"| (suggested query) FTS `ORDER BY rowid DESC LIMIT 50` then join: `foxtrot` | {hits} | {med:.1f} ms | {mx:.1f} ms |")
        store.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
