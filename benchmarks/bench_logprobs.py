"""What recording token probabilities costs the llama.cpp loop, interleaved in one process.

Same model (bundled SmolLM2), same prompt, same seed, temperature 0.8: each repetition
runs the request without logprobs and with ``logprobs=10`` back to back (the order
alternating, ABBA), and the figure is the median over repetitions of the ratio of decode
tok/s (with / without; target >= 0.95). The two texts must be identical: recording
must not change what is generated. Also measured: factual-nucleus sampling against the
plain top-p chain (same interleaving), and one recording step on its own (the numpy
work on a 49,152-logit row).

    python -m benchmarks.bench_logprobs [--reps 6] [--tokens 96] [--threads 1]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace

import numpy as np

from backends.base import GenerationRequest, Message, SamplingParams, complete
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
from backends.registry import smollm2_path
from backends.token_record import StepRecorder

PROMPT = "Write a long story about a lighthouse keeper who finds a message in a bottle."


def decode_tps(backend: LlamaCppBackend, req: GenerationRequest) -> tuple[float, str, int]:
    backend.reset_cache()  # every run pays the same prefill
    r = complete(backend, req)
    return r.timings.decode_tps or float("nan"), r.text, r.timings.completion_tokens


def interleaved(backend: LlamaCppBackend, a: GenerationRequest, b: GenerationRequest, reps: int,
                same_text: bool) -> tuple[list[float], list[float], list[float]]:
    ta, tb, ratios = [], [], []
    for i in range(reps):
        order = (a, b) if i % 2 == 0 else (b, a)
        out = {id(req): decode_tps(backend, req) for req in order}
        (xa, texta, _), (xb, textb, _) = out[id(a)], out[id(b)]
        if same_text:
            assert texta == textb, "recording token probabilities changed the generated text"
        ta.append(xa)
        tb.append(xb)
        ratios.append(xb / xa)
    return ta, tb, ratios


def step_cost_ms(n_vocab: int = 49152, k: int = 10, n: int = 2000) -> float:
    rng = np.random.default_rng(0)
    row = rng.normal(0, 4, n_vocab).astype(np.float32)
    rec = StepRecorder(k, 0.8, lambda t: "x", "llama.cpp")
    t0 = time.perf_counter()
    for i in range(n):
        rec.step(row, i % n_vocab)
    return (time.perf_counter() - t0) / n * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=6)
    ap.add_argument("--tokens", type=int, default=96)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    backend = LlamaCppBackend(LlamaLoadParams(str(smollm2_path()), n_ctx=1024, n_threads=args.threads))
    backend.load()
    params = SamplingParams(temperature=0.8, max_tokens=args.tokens, seed=7)
    msgs = (Message("user", PROMPT),)
    off = GenerationRequest(messages=msgs, params=params)
    on = GenerationRequest(messages=msgs, params=params, logprobs=10)
    decode_tps(backend, off)  # warm-up
    ta, tb, ratios = interleaved(backend, off, on, args.reps, same_text=True)
    print(f"SmolLM2 135M Q4_1, {args.threads} thread(s), {args.tokens} tokens, {args.reps} interleaved pairs")
    print(f"decode tok/s without logprobs: median {statistics.median(ta):.1f}")
    print(f"decode tok/s with logprobs=10: median {statistics.median(tb):.1f}")
    print(f"ratio with/without (median of pairs): {statistics.median(ratios):.3f} "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f}; target >= 0.95); texts identical")
    fn = GenerationRequest(messages=msgs, params=replace(params, factual_nucleus=True))
    fa, fb, fr = interleaved(backend, off, fn, args.reps, same_text=False)
    print(f"factual nucleus vs top-p chain, decode tok/s ratio (median of pairs): {statistics.median(fr):.3f} "
          f"({statistics.median(fb):.1f} vs {statistics.median(fa):.1f} tok/s)")
    print(f"one recording step (top-10 of 49,152 logits, numpy): {step_cost_ms():.3f} ms")


if __name__ == "__main__":
    main()
