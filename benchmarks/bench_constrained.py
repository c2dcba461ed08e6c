"""Constrained output speed against our unconstrained path, interleaved in one process.

Same model (bundled SmolLM2), same prompt, temperature 1.0 with the same seeds.
For each constraint kind, each repetition runs the unconstrained request and the
constrained one back to back. Measured on the caller's side: output tokens per wall
second over the whole request (prefill included) and over the decode phase (first to
last token). Free answers shorter than 40 tokens are left out of the free side (they
would measure prefill, not decoding); the decode-phase ratio is the figure to read. Fast-forwarded tokens count as output tokens, as they are. Also the
per-token mask time (llguidance mask + applying it to the logits), from the backend.

    python -m benchmarks.bench_constrained [--reps 8] [--tokens 160] [--backend llama.cpp|transformers]

``--backend transformers`` measures the same in the transformers loop (the same GGUF
dequantized to float32, 1 torch thread); the guide is the same code for both.
"""

from __future__ import annotations

import argparse
import statistics
import time

from pydantic import BaseModel, ConfigDict, Field

from backends.base import GenerationRequest, Message, SamplingParams, TokenEvent
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
from backends.transformers_hf import HFLoadParams, TransformersBackend
from backends.registry import smollm2_path
from guards.constrain import Constraint


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=30)
    age: int
    city: str = Field(max_length=30)
    hobbies: list[str] = Field(max_length=4)


class People(BaseModel):
    model_config = ConfigDict(extra="forbid")
    people: list[Person] = Field(min_length=3, max_length=3)


PROMPT = ("Write a long, detailed JSON list of ten people, each with a name, age, city and a list of "
          "hobbies, then describe each person in a paragraph.")
KINDS = {
    "json_schema": Constraint.json_schema(People),
    "regex": Constraint.regex(r"([A-Z][a-z]{2,9} ){12}[A-Z][a-z]{2,9}\."),
    "grammar": Constraint.lark('start: item (", " item)~11 "."\nitem: /[a-z]{3,8}/'),
    "choice": Constraint.choice(["The people are listed in the attached spreadsheet, sorted by age.",
                                 "Three people: Ana, Bo and Cy, who live in Lisbon, Oslo and Lima."]),
}


def timed(backend, req) -> tuple[float, float, int, dict]:
    t0 = time.perf_counter()
    first = last = None
    result = None
    for ev in backend.stream(req):
        now = time.perf_counter()
        if isinstance(ev, TokenEvent):
            first = first or now
            last = now
        else:
            result = ev
    n = result.timings.completion_tokens
    wall = n / (last - t0)
    decode = (n - 1) / (last - first) if n > 1 and last > first else float("nan")
    return wall, decode, n, result.extra


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=8)
    ap.add_argument("--tokens", type=int, default=160)
    ap.add_argument("--backend", choices=("llama.cpp", "transformers"), default="llama.cpp")
    args = ap.parse_args()
    if args.backend == "transformers":
        backend = TransformersBackend(HFLoadParams(str(smollm2_path()), n_ctx=2048, n_threads=1))
    else:
        backend = LlamaCppBackend(LlamaLoadParams(str(smollm2_path()), n_ctx=2048))
    reset = getattr(backend, "reset_cache", lambda: None)
    msgs = (Message("user", PROMPT),)
    rows = []
    for kind, constraint in KINDS.items():
        free_w, free_d, con_w, con_d, masks, ff, ntok = [], [], [], [], [], [], []
        for rep in range(args.reps):
            for constrained in ((False, True) if rep % 2 == 0 else (True, False)):
                reset()
                params = SamplingParams(temperature=1.0, seed=rep, max_tokens=args.tokens)
                req = GenerationRequest(messages=msgs, params=params, constraint=constraint if constrained else None)
                w, d, n, extra = timed(backend, req)
                if constrained:
                    con_w.append(w)
                    con_d.append(d)
                    ntok.append(n)
                    masks.append(extra["mask_ms_mean"])
                    ff.append(extra["ff_tokens"] / max(1, n))
                elif n >= min(40, args.tokens):  # a free answer that ended early measures prefill, not decoding
                    free_w.append(w)
                    free_d.append(d)
        med = statistics.median
        rows.append((kind, med(ntok), med(free_w), med(con_w), med(con_w) / med(free_w), med(free_d), med(con_d),
                     med(con_d) / med(free_d), med(masks), med(ff)))
    print(f"SmolLM2-135M Q4_1 via {args.backend}, temperature 1.0, max {args.tokens} tokens, {args.reps} interleaved "
          f"reps per kind, tokens per wall second")
    print("| kind | tokens (median) | free tok/s (wall) | constrained tok/s (wall) | ratio | free decode tok/s | "
          "constrained decode tok/s | ratio | mask ms/token | fast-forwarded share |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]:.0f} | {r[2]:.1f} | {r[3]:.1f} | {r[4]:.2f}x | {r[5]:.1f} | {r[6]:.1f} | {r[7]:.2f}x | "
              f"{r[8]:.3f} | {r[9]:.0%} |")


if __name__ == "__main__":
    main()
