"""Answer scoring cost against a constrained generation, interleaved in one process.

Bundled SmolLM2 on llama.cpp, one thread, greedy. For each answer set, each repetition
runs the constrained generation (choice constraint) and then scores the set
(backends/answer_scoring.py) on the prompt the KV cache still holds, the way a run with
a choice constraint records its answer probabilities; and a cold scoring after
``reset_cache()`` (the whole prompt evaluated). Ratios are medians of per-repetition
ratios.

    python -m benchmarks.bench_answer_scoring [--reps 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

from backends.answer_scoring import score_answers
from backends.base import GenerationRequest, Message, SamplingParams, complete
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
from backends.registry import smollm2_path
from guards.constrain import Constraint

SETS = {
    "yes/no (1 token each)": (["yes", "no"], "Is the sky blue on a clear day? Answer yes or no."),
    "5 digits (judge scale)": ([str(k) for k in range(1, 6)], "Rate this sentence from 1 to 5: 'I like cats.'"),
    "4 multi-token options": (["Paris, France", "Berlin is the answer", "Rome, Italy", "London, England"],
                              "Which city is the capital of France?"),
    "100 options (2-4 tokens)": ([f"option number {i}" for i in range(100)], "Pick an option number."),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    b = LlamaCppBackend(LlamaLoadParams(str(smollm2_path()), n_ctx=1024, n_threads=1))
    b.load()
    params = SamplingParams(temperature=0.0, repeat_penalty=1.0, max_tokens=12, seed=0)
    print(f"{'answer set':<26} {'generate ms':>11} {'score warm ms':>13} {'score cold ms':>13} "
          f"{'warm/gen':>8} {'cold/gen':>8}  evaluated tokens")
    for name, (answers, question) in SETS.items():
        req = GenerationRequest(messages=(Message("user", question),), params=params,
                                constraint=Constraint.choice(answers))
        complete(b, req)  # warm up: llguidance's tokenizer and this grammar
        gen, warm, cold, evaluated = [], [], [], 0
        for _ in range(args.reps):
            b.reset_cache()
            t0 = time.perf_counter()
            complete(b, req)
            gen.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            s = score_answers(b, req, answers)
            warm.append((time.perf_counter() - t0) * 1000)
            evaluated = s.evaluated_tokens
            b.reset_cache()
            t0 = time.perf_counter()
            score_answers(b, req, answers)
            cold.append((time.perf_counter() - t0) * 1000)
        med = statistics.median
        print(f"{name:<26} {med(gen):>11.1f} {med(warm):>13.1f} {med(cold):>13.1f} "
              f"{med([w / g for w, g in zip(warm, gen)]):>8.2f} {med([c / g for c, g in zip(cold, gen)]):>8.2f}"
              f"  {evaluated}")


if __name__ == "__main__":
    main()
