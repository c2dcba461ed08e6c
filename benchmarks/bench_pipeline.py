"""Our pipeline against a bare ``llama_cpp.Llama`` call, interleaved in one process.

Same model (bundled SmolLM2), same rendered prompt, greedy, same max_tokens. Each
repetition runs the bare call and our pipeline back to back (order alternating), both
from an empty KV cache, and measures on the caller's side: wall time from the call to
the first token's text (TTFT) and decode tokens/s from the first token to the last.
Also the cost of recording a run (start_run + finish_run) in a real SQLite file.

    python -m benchmarks.bench_pipeline [--reps 12] [--tokens 128]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from backends.base import SamplingParams, TokenEvent
from backends.llama_cpp import physical_cores
from backends.pool import BackendPool
from backends.registry import smollm2_path
from runs.engine import Engine
from runs.outcome import RunOutcome
from runs.spec import RunSpec

PROMPT = "Write a detailed explanation of how a refrigerator works, step by step."


def bare_run(llm, text: str, max_tokens: int) -> tuple[float, float, int]:
    llm.reset()
    t0 = time.perf_counter()
    first = last = None
    n = 0
    for _chunk in llm.create_completion(text, max_tokens=max_tokens, temperature=0.0, top_k=40, top_p=0.95,
                                       min_p=0.05, repeat_penalty=1.1, stream=True):
        now = time.perf_counter()
        if first is None:
            first = now
        last = now
        n += 1
    return (first - t0) * 1000, (n - 1) / (last - first), n


def our_run(engine: Engine, spec: RunSpec) -> tuple[float, float, int]:
    backend = engine.pool.current()
    if backend is not None:
        backend.reset_cache()
    t0 = time.perf_counter()
    first = last = None
    tokens = None
    for ev in engine.pipeline.stream(spec):
        now = time.perf_counter()
        if isinstance(ev, TokenEvent):
            if first is None:
                first = now
            last = now
        elif isinstance(ev, RunOutcome):
            tokens = ev.result.timings.completion_tokens
    return (first - t0) * 1000, (tokens - 1) / (last - first), tokens


def store_cost(home: Path, reps: int = 300) -> float:
    from runs.store import Store

    s = Store(home / "bench-store.db")
    row = {"model_name": "m", "sent_text": "x" * 400, "params_json": {"temperature": 0.8}, "spec_json": {"a": 1}}
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        rid = s.start_run(row)
        s.finish_run(rid, {"status": "ok", "output": "y" * 800, "completion_tokens": 128, "ttft_ms": 12.0})
        times.append((time.perf_counter() - t0) * 1000)
    s.close()
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=12)
    ap.add_argument("--tokens", type=int, default=128)
    args = ap.parse_args()
    import llama_cpp

    model = smollm2_path()
    threads = physical_cores()
    home = Path(tempfile.mkdtemp(prefix="bench-"))
    engine = Engine.open(home, pool=BackendPool(), search_dirs=[])
    spec = RunSpec(prompt=PROMPT, params=SamplingParams(temperature=0, max_tokens=args.tokens), n_ctx=2048, n_threads=threads)
    prep = engine.pipeline.prepare(spec)  # loads our copy of the model
    llm = llama_cpp.Llama(str(model), n_ctx=2048, n_threads=threads, n_threads_batch=threads, verbose=False)
    bare_run(llm, prep.sent_text, 8)  # warm-up both
    our_run(engine, spec)
    bare_ttft, ours_ttft, bare_tps, ours_tps = [], [], [], []
    for i in range(args.reps):
        order = (0, 1) if i % 2 == 0 else (1, 0)
        for which in order:
            if which == 0:
                t, r, _ = bare_run(llm, prep.sent_text, args.tokens)
                bare_ttft.append(t)
                bare_tps.append(r)
            else:
                t, r, _ = our_run(engine, spec)
                ours_ttft.append(t)
                ours_tps.append(r)
    med = statistics.median
    added = [o - b for o, b in zip(ours_ttft, bare_ttft)]
    ratios = [o / b for o, b in zip(ours_tps, bare_tps)]
    store_ms = store_cost(home)
    print(f"model SmolLM2-135M-Instruct Q4_1, {threads} threads, {args.reps} interleaved reps, {args.tokens} tokens, greedy")
    print("| measure | bare Llama.create_completion | our pipeline | ratio / difference |")
    print("|---|---|---|---|")
    print(f"| decode tok/s (median) | {med(bare_tps):.1f} | {med(ours_tps):.1f} | {med(ratios):.3f}x (median of per-rep ratios) |")
    print(f"| TTFT ms (median) | {med(bare_ttft):.1f} | {med(ours_ttft):.1f} | {med(added):+.1f} ms added (median of per-rep differences) |")
    print(f"| recording a run (start + finish, median of 300) | | {store_ms:.2f} ms | |")


if __name__ == "__main__":
    main()
