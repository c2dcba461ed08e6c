"""The same bundled model as a Q4 GGUF through llama.cpp against full precision
through transformers (the same file, dequantized to float32), on the same prompts.

Greedy (temperature 0, repeat penalty off) on both, so any difference in output
comes from the weights and kernels, not from sampling. Each backend runs in its own
child process so that its peak RSS is its own. Reports, per prompt: whether the two
outputs are identical and the index of the first token where they diverge (both
outputs tokenized with the model's tokenizer), decode tokens/s and peak RSS.

    python -m benchmarks.bench_quantization [--tokens 48] [--threads 1]

Threads: 1 by default. On a shared 2-core machine torch's OpenMP pool with 2 threads
collapses to 1-3 tok/s whenever another process is busy (measured), which would
measure the neighbours, not the backends.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROMPTS = [
    "What is the capital of France?",
    "Explain in two sentences why the sky is blue.",
    "Write a haiku about autumn leaves.",
    "List three uses for a paperclip.",
    "How do I boil an egg?",
]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def worker(kind: str, tokens: int, threads: int, out: Path, other: Path | None) -> None:
    from backends.base import GenerationRequest, Message, SamplingParams, complete
    from backends.registry import smollm2_path

    model = smollm2_path()
    base_rss = rss_mb()
    t0 = time.perf_counter()
    if kind == "llama":
        from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams

        b = LlamaCppBackend(LlamaLoadParams(str(model), n_ctx=1024, n_threads=threads))
    else:
        from backends.transformers_hf import HFLoadParams, TransformersBackend

        b = TransformersBackend(HFLoadParams(str(model), device="cpu", n_ctx=1024, n_threads=threads))
    b.load()
    load_s = time.perf_counter() - t0
    params = SamplingParams(temperature=0, repeat_penalty=1.0, max_tokens=tokens)
    runs = []
    for q in PROMPTS:
        r = complete(b, GenerationRequest(messages=(Message("user", q),), params=params))
        runs.append({"text": r.text, "tokens": r.timings.completion_tokens, "decode_tps": r.timings.decode_tps,
                     "ttft_ms": r.timings.ttft_ms, "sent": r.sent_text})
    result = {"kind": kind, "load_s": load_s, "runs": runs, "base_rss_mb": base_rss, "peak_rss_mb": rss_mb(),
              "weights": b.info.quantization if kind == "hf" else f"{b.info.quantization} (GGUF, llama.cpp kernels)"}
    if other is not None:  # token-level agreement, with this model's tokenizer
        theirs = json.loads(other.read_text())["runs"]
        for mine, them in zip(runs, theirs):
            a, c = b.tokenize(mine["text"]), b.tokenize(them["text"])
            first = next((i for i, (x, y) in enumerate(zip(a, c)) if x != y), None)
            if first is None and len(a) != len(c):
                first = min(len(a), len(c))
            mine["first_divergence"] = first
            mine["same_prompt"] = mine["sent"] == them["sent"]
    out.write_text(json.dumps(result))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=48)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--show", action="store_true", help="print both outputs of every prompt")
    ap.add_argument("--worker", choices=["llama", "hf"], help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--other", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker, args.tokens, args.threads, args.out, args.other)
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench-quant-"))
    common = ["--tokens", str(args.tokens), "--threads", str(args.threads)]
    me = [sys.executable, "-m", "benchmarks.bench_quantization"]
    subprocess.run(me + ["--worker", "llama", "--out", str(tmp / "llama.json")] + common, check=True)
    subprocess.run(me + ["--worker", "hf", "--out", str(tmp / "hf.json"), "--other", str(tmp / "llama.json")] + common,
                   check=True, stderr=subprocess.DEVNULL)
    ll = json.loads((tmp / "llama.json").read_text())
    hf = json.loads((tmp / "hf.json").read_text())

    print(f"\nSmolLM2-135M-Instruct, {len(PROMPTS)} chat prompts, greedy, repeat penalty off, "
          f"max_tokens {args.tokens}, {args.threads} thread(s), CPU\n")
    print("| prompt | identical | first divergence (token) | tokens llama.cpp / transformers |")
    print("|---|---|---|---|")
    for q, a, b in zip(PROMPTS, ll["runs"], hf["runs"]):
        div = b["first_divergence"]
        print(f"| {q} | {'yes' if a['text'] == b['text'] else 'no'} | {'-' if div is None else div} | "
              f"{a['tokens']} / {b['tokens']} |")
    same = sum(a["text"] == b["text"] for a, b in zip(ll["runs"], hf["runs"]))
    print(f"\nexact match: {same}/{len(PROMPTS)}; same rendered prompt on both: "
          f"{sum(r['same_prompt'] for r in hf['runs'])}/{len(PROMPTS)}\n")
    print("| backend | weights | load s | decode tok/s (median) | TTFT ms (median) | peak RSS MB | RSS before load MB |")
    print("|---|---|---|---|---|---|---|")
    for name, r in (("llama.cpp", ll), ("transformers", hf)):
        tps = statistics.median(x["decode_tps"] for x in r["runs"] if x["decode_tps"])
        ttft = statistics.median(x["ttft_ms"] for x in r["runs"])
        print(f"| {name} | {r['weights']} | {r['load_s']:.1f} | {tps:.1f} | {ttft:.0f} | "
              f"{r['peak_rss_mb']:.0f} | {r['base_rss_mb']:.0f} |")
    if args.show:
        for a, b in zip(ll["runs"], hf["runs"]):
            print(json.dumps(a["text"]), "\n", json.dumps(b["text"]), "\n")


if __name__ == "__main__":
    main()
