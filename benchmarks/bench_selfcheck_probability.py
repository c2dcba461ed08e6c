"""The self-check's P(yes) (guards/selfcheck.py) as an injection detector, on a sample of
../shared/corpora/injection_dev.jsonl with the bundled SmolLM2 (135M parameters: a weak
judge; the figure says how weak, it is not a recommendation).

Every ``--every``-th row up to ``--n`` rows (injections and benign texts as they come),
input side, llama.cpp with one thread. Reported: accuracy of the generated yes/no verdict,
ROC AUC of P(yes) (Mann-Whitney U over injections vs benign texts, scipy), calibration of
P(yes) (reports/calibration.py: ECE over 10 bins, Brier), the share of rows where the
generated verdict differs from the more probable answer, and the time per row with the
part spent scoring.

    python -m benchmarks.bench_selfcheck_probability [--n 100] [--every 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
from backends.registry import smollm2_path
from guards.selfcheck import SelfCheck
from reports.calibration import Prediction, calibration

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "injection_dev.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--every", type=int, default=7)
    args = ap.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: {CORPUS} is not there (the shared corpora)")
        return 0
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    sample = rows[:: args.every][: args.n]
    b = LlamaCppBackend(LlamaLoadParams(str(smollm2_path()), n_ctx=2048, n_threads=1))
    b.load()
    check = SelfCheck(backend=b, model="smollm2-135m-instruct", max_chars=1500)
    got = []
    t_all = time.perf_counter()
    for r in sample:
        res = check.run(r["text"])
        d = res.details or {}
        got.append((bool(r["injection"]), d.get("generated"), float(res.score or 0.0), res.ms,
                    float(d.get("scoring_ms") or 0.0)))
    wall = time.perf_counter() - t_all
    from scipy.stats import mannwhitneyu

    pos = [p for inj, _, p, _, _ in got if inj]
    neg = [p for inj, _, p, _, _ in got if not inj]
    auc = mannwhitneyu(pos, neg).statistic / (len(pos) * len(neg)) if pos and neg else float("nan")
    acc = sum((g == "yes") == inj for inj, g, _, _, _ in got) / len(got)
    flips = sum((g == "yes") != (p >= 0.5) for _, g, p, _, _ in got) / len(got)
    cal = calibration([Prediction({"yes": p, "no": 1 - p}, "yes" if inj else "no") for inj, _, p, _, _ in got])
    print(f"rows {len(got)} ({len(pos)} injections, {len(neg)} benign), every {args.every}th of {CORPUS.name}")
    print(f"generated verdict accuracy {acc:.1%}; says yes on {sum(g == 'yes' for _, g, _, _, _ in got)} rows")
    print(f"P(yes) ROC AUC {auc:.3f}; mean P(yes) injections {statistics.mean(pos):.3f}, benign {statistics.mean(neg):.3f}")
    print(f"P(yes) calibration: accuracy at 0.5 {cal.accuracy:.1%}, ECE {cal.ece:.3f}, Brier {cal.brier:.3f}")
    print(f"generated verdict differs from the more probable answer on {flips:.1%} of rows")
    print(f"per row: median {statistics.median(x[3] for x in got):.0f} ms, of which scoring median "
          f"{statistics.median(x[4] for x in got):.0f} ms; {wall:.1f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
