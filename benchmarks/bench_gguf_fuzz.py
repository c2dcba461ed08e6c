"""Fuzz the GGUF header reader with seeded mutations of the bundled SmolLM2 header.

Run ``python -m benchmarks.bench_gguf_fuzz`` from the repository root (default 3,000
cases, seed 1). Each case is a mutated header (wrong-typed metadata, lying counts and
lengths, odd tensor records, nested arrays, cut headers, random bytes; see
``tests/gguf_tools.py``) written to a file with a sparse data section and read through
``read_gguf``, then every figure the app derives from it (the listing summary, the VRAM
estimate). A crash is any exception that is not the project's own error. Prints a
Markdown table; exits non-zero on a crash or a case over the time limit.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile
import time
from pathlib import Path

from backends.registry import smollm2_path
from tests.gguf_tools import run_fuzz


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--slow", type=float, default=1.0, help="seconds a case may take (default 1)")
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                    help="time a case by the wall clock (default) or by this thread's CPU time")
    args = ap.parse_args(argv)
    src = smollm2_path()
    if src is None:
        sys.stderr.write("error: the bundled SmolLM2 model is not installed (make setup)\n")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        clock = time.perf_counter if args.clock == "wall" else time.thread_time
        s = run_fuzz(src, Path(tmp), n=args.cases, seed=args.seed, slow_s=args.slow, clock=clock)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"GGUF header fuzz: {s.cases:,} mutated copies of {src.name}'s header, seed {args.seed}, "
          f"{args.clock} clock, load average {load} on {os.cpu_count()} CPUs\n")
    print(f"| cases | refused (our error) | read | crashes | over {args.slow:g} s | slowest case | total |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {s.cases:,} | {s.refused:,} | {s.accepted:,} | {len(s.crashes)} | {len(s.slow)} | "
          f"{s.slowest * 1000:.0f} ms | {s.total_s:.1f} s |")
    if s.crashes:
        print("\nCrash signatures:")
        for (label, err), n in collections.Counter((c[0].split(" + ")[0], c[1].split(":")[0]) for c in s.crashes).most_common():
            print(f"- {n} x {err} on {label}")
    for label, dt in s.slow[:20]:
        print(f"- slow: {label} ({dt:.2f} s)")
    return 1 if s.crashes or s.slow else 0


if __name__ == "__main__":
    sys.exit(main())
