"""Flash attention on against off, on whole runs of the app's workloads, interleaved.

Flash attention decodes ~9% faster on the CPU here (benchmarks/bench_native_decode.py),
but with it on a prompt is evaluated in batches under 64 rows up to position 512, and
past it in 128-position chunks of which a cached prefix keeps only whole ones
(backends/llama_cpp.py, ``_fa_edges``), so prefill and what a run reuses from the one
before change. Which wins depends on the workload, so each is timed end to end
through the pipeline (``Engine.pipeline.stream``, the bundled SmolLM2, the app's
defaults but the attention), one engine per setting, rounds interleaved:

- **experiment cells**: a few-shot prompt (an instruction and three worked examples,
  the same for every cell) and eight questions, 24 tokens each, greedy: what an
  experiment's grid does, where the shared prefix is reused from cell to cell;
- **long answer**: one question, 256 tokens, the default sampling;
- **chat**: three turns of one conversation, 96 tokens each, the default sampling,
  each turn sending the history.

    python -m benchmarks.bench_flash_attn_workloads [--rounds 5] [--threads N]

Prints per workload the median seconds each way and on/off (below 1: flash attention
is faster), the same per generated token (the two settings write different text, which
may end at a different length), and the tokens the prompts evaluated and the runs
generated each way.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from backends.base import Message, SamplingParams
from backends.llama_cpp import physical_cores
from backends.pool import BackendPool
from backends.registry import smollm2_path
from runs.engine import Engine
from runs.outcome import RunOutcome
from runs.spec import RunSpec

SYSTEM = ("You are a careful assistant. Answer each question with one short sentence, then stop. "
          "Here are three examples of the expected style.\n"
          "Q: How many legs does a spider have?\nA: A spider has eight legs.\n"
          "Q: What is the boiling point of water at sea level?\nA: Water boils at 100 degrees Celsius at sea level.\n"
          "Q: Which planet is known as the red planet?\nA: Mars is known as the red planet.\n")
QUESTIONS = ["How many days are in a week?", "What colour is the sky on a clear day?",
             "What is the capital of France?", "How many continents are there?",
             "What do bees make?", "What is frozen water called?",
             "How many hours are in a day?", "Which animal is known as the king of the jungle?"]
LONG = "Write a detailed explanation of how a refrigerator works, step by step."
TURNS = ["Tell me about the moon.", "How far away is it?", "Could people live there?"]


def experiment_cells(engine: Engine, fa: bool, threads: int) -> tuple[float, int, int]:
    p = SamplingParams(temperature=0, max_tokens=24)
    total = made = 0
    t0 = time.perf_counter()
    for q in QUESTIONS:
        o = _run(engine, RunSpec(prompt=q, system=SYSTEM, params=p, flash_attn=fa, n_threads=threads))
        total, made = total + o.prompt_eval, made + o.made
    return time.perf_counter() - t0, total, made


def long_answer(engine: Engine, fa: bool, threads: int) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    o = _run(engine, RunSpec(prompt=LONG, params=SamplingParams(seed=3, max_tokens=256), flash_attn=fa,
                             n_threads=threads))
    return time.perf_counter() - t0, o.prompt_eval, o.made


def chat(engine: Engine, fa: bool, threads: int) -> tuple[float, int, int]:
    history: list[Message] = []
    total = made = 0
    t0 = time.perf_counter()
    for i, turn in enumerate(TURNS):
        history.append(Message("user", turn))
        o = _run(engine, RunSpec(messages=tuple(history), params=SamplingParams(seed=i, max_tokens=96),
                                 flash_attn=fa, n_threads=threads))
        total, made = total + o.prompt_eval, made + o.made
        history.append(Message("assistant", o.text))
    return time.perf_counter() - t0, total, made


class _Done:
    def __init__(self, outcome: RunOutcome):
        t = outcome.result.timings
        self.text = outcome.result.text
        self.prompt_eval = t.prompt_tokens - t.cached_tokens
        self.made = t.completion_tokens


def _run(engine: Engine, spec: RunSpec) -> _Done:
    out = None
    for ev in engine.pipeline.stream(spec):
        if isinstance(ev, RunOutcome):
            out = ev
    if out is None or out.result is None:
        raise SystemExit("a run ended without a result")
    return _Done(out)


WORKLOADS = {"experiment cells (8 x 24 tokens, shared few-shot prefix)": experiment_cells,
             "long answer (256 tokens)": long_answer,
             "chat (3 turns x 96 tokens)": chat}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=physical_cores())
    args = ap.parse_args()
    if smollm2_path() is None:
        print("the bundled SmolLM2 is not installed: run `make setup`")
        return 2
    load0 = os.getloadavg()
    engines = {fa: Engine.open(Path(tempfile.mkdtemp(prefix=f"bench-fa-{fa}-")), pool=BackendPool(), search_dirs=[])
               for fa in (False, True)}
    for fa, eng in engines.items():  # warm-up: load, page the weights in
        for fn in WORKLOADS.values():
            fn(eng, fa, args.threads)
    secs = {(w, fa): [] for w in WORKLOADS for fa in (False, True)}
    evald: dict[tuple[str, bool], tuple[int, int]] = {}
    for r in range(args.rounds):
        for w, fn in WORKLOADS.items():
            for fa in ((False, True) if r % 2 == 0 else (True, False)):
                dt, n, made = fn(engines[fa], fa, args.threads)
                secs[(w, fa)].append(dt)
                evald[(w, fa)] = n, made
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr, flush=True)
    load1 = os.getloadavg()
    med = statistics.median
    print(f"SmolLM2-135M-Instruct Q4_1, {args.threads} threads, n_ctx 4096, {args.rounds} interleaved rounds; "
          f"load average {load0[0]:.1f} before, {load1[0]:.1f} after\n")
    print("| workload | off: s | on: s | on/off | on/off per generated token | prompt tokens evaluated off / on "
          "| tokens generated off / on |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for w in WORKLOADS:
        off, on = secs[(w, False)], secs[(w, True)]
        (p_off, g_off), (p_on, g_on) = evald[(w, False)], evald[(w, True)]
        ratio = med([b / a for a, b in zip(off, on)])
        print(f"| {w} | {med(off):.2f} | {med(on):.2f} | {ratio:.3f} | {ratio * g_off / g_on:.3f} | {p_off} / {p_on} "
              f"| {g_off} / {g_on} |")
    for eng in engines.values():
        eng.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
