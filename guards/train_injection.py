"""Train the injection classifier and write ``resources/guards/injection_model.json.gz``.

    python -m guards.train_injection [--corpus ../shared/corpora/injection_dev.jsonl] [--seed 0]
                                     [--out resources/guards/injection_model.json.gz] [--report-only]

Data: the development corpus (deepset/prompt-injections and half of NotInject, see its
README) and the examples the project writes itself (:mod:`guards.injection_examples`).
Rows from the sources that corpus's README reserves for evaluation are refused.

Model: the features of :mod:`guards.injection_model`, kept when they occur in at least
two training texts; L2-regularised logistic regression fitted with L-BFGS (scipy, a
training-time dependency only: ``pip install .[train]``). Calibration: 5-fold
out-of-fold margins, Platt scaling on the corpus rows, then the threshold with the best
recall at out-of-fold precision >= 0.95, moved to 0.5. Weights under 1e-3 are dropped
and the rest rounded, which keeps the file small.

It prints cross-source validation (train on some sources, test on the others) and the
out-of-fold figures, and stores them in the file's ``meta``. Same seed, same data: same
file.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from guards.injection_examples import examples, project_prose
from guards.injection_model import MODEL_PATH, feature_keys, prepare

RESERVED = ("gandalf", "lakera", "pint", "giskard", "llm-guard", "llm_guard", "protectai", "bipia",
            "wildguard", "presidio-research")
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "injection_dev.jsonl"
L2 = 0.02
MIN_DF = 2
TARGET_PRECISION = 0.95
_L2 = [L2]  # set from --l2 by main()


def load_corpus(path: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    bad = [r["source"] for r in rows if any(k in str(r.get("source", "")).lower() for k in RESERVED)]
    if bad:
        raise SystemExit(f"refusing to train on a reserved evaluation source: {bad[0]}")
    return [{"text": r["text"], "injection": bool(r["injection"]), "lang": r.get("lang", "?"),
             "source": r["source"]} for r in rows]


def fit(rows: list[dict[str, Any]], l2: float | None = None) -> tuple[dict[str, float], float]:
    """Weights per feature and the bias of a logistic regression on ``rows``."""
    import numpy as np
    from scipy import optimize, sparse

    l2 = _L2[0] if l2 is None else l2

    keyed = [Counter(feature_keys(prepare(r["text"]))) for r in rows]
    df = Counter(k for c in keyed for k in c)
    vocab = {k: i for i, k in enumerate(sorted(k for k, n in df.items() if n >= MIN_DF))}
    data, ind, ptr = [], [], [0]
    for c in keyed:
        norm = math.sqrt(sum(c.values())) or 1.0
        for k, n in c.items():
            j = vocab.get(k)
            if j is not None:
                ind.append(j)
                data.append(n / norm)
        ptr.append(len(ind))
    x = sparse.csr_matrix((np.array(data), np.array(ind), np.array(ptr)), shape=(len(rows), len(vocab)))
    y = np.array([1.0 if r["injection"] else 0.0 for r in rows])
    pos = y.sum()
    sw = np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * (len(y) - pos)))  # balanced classes

    def loss(params: Any) -> tuple[float, Any]:
        w, b = params[:-1], params[-1]
        z = x @ w + b
        p = 1 / (1 + np.exp(-z))
        eps = 1e-12
        ll = -(sw * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))).sum()
        g = sw * (p - y)
        grad = np.concatenate([x.T @ g + l2 * w, [g.sum()]])
        return ll + 0.5 * l2 * float(w @ w), grad

    res = optimize.minimize(loss, np.zeros(len(vocab) + 1), jac=True, method="L-BFGS-B",
                            options={"maxiter": 500})
    w = res.x[:-1]
    inv = {i: k for k, i in vocab.items()}
    return {inv[i]: float(w[i]) for i in range(len(w))}, float(res.x[-1])


def margin(weights: dict[str, float], bias: float, text: str) -> float:
    keys = feature_keys(prepare(text))
    return bias + sum(weights.get(k, 0.0) for k in keys) / math.sqrt(len(keys) or 1)


def platt(margins: list[float], labels: list[bool]) -> tuple[float, float]:
    """Slope and offset of p = sigmoid(a * m + c), by maximum likelihood."""
    import numpy as np
    from scipy import optimize

    m, y = np.array(margins), np.array(labels, dtype=float)

    def nll(p: Any) -> float:
        z = p[0] * m + p[1]
        return float(np.sum(np.logaddexp(0, z) - y * z))

    a, c = optimize.minimize(nll, np.array([1.0, 0.0]), method="Nelder-Mead").x
    return float(a), float(c)


def prf(scores: list[float], labels: list[bool], t: float) -> tuple[float, float, int, int, int]:
    tp = sum(s >= t and y for s, y in zip(scores, labels))
    fp = sum(s >= t and not y for s, y in zip(scores, labels))
    fn = sum(s < t and y for s, y in zip(scores, labels))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else float("nan")
    return p, r, tp, fp, fn


def folds(rows: list[dict[str, Any]], k: int, seed: int) -> list[int]:
    """A stratified fold number per row."""
    rng = random.Random(seed)
    out = [0] * len(rows)
    for label in (True, False):
        idx = [i for i, r in enumerate(rows) if r["injection"] == label]
        rng.shuffle(idx)
        for n, i in enumerate(idx):
            out[i] = n % k
    return out


def cross_source(corpus: list[dict[str, Any]], made: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Train on some sources, test on the others; the threshold is the margin 0 (no calibration)."""
    deepset = [r for r in corpus if r["source"].startswith("deepset")]
    notinject = [r for r in corpus if "NotInject" in r["source"]]
    made_zh = [r for r in made if r["lang"] == "zh"]
    made_other = [r for r in made if r["lang"] != "zh"]
    runs = [
        ("project examples + NotInject", "deepset (en, de)", made + notinject, deepset),
        ("project examples only", "deepset (en, de)", made, deepset),
        ("deepset + project examples", "NotInject (benign, trigger words)", deepset + made, notinject),
        ("deepset (en) + project examples", "deepset (de)", [r for r in deepset if r["lang"] != "de"] + made,
         [r for r in deepset if r["lang"] == "de"]),
        ("corpus + project examples without zh", "project zh examples", corpus + made_other, made_zh),
    ]
    out = []
    for train_name, test_name, train, test in runs:
        w, b = fit(train)
        scores = [margin(w, b, r["text"]) for r in test]
        labels = [r["injection"] for r in test]
        p, r, tp, fp, fn = prf(scores, labels, 0.0)
        out.append({"train": train_name, "test": test_name, "n_test": len(test), "positives": sum(labels),
                    "precision": round(p, 3), "recall": None if math.isnan(r) else round(r, 3),
                    "tp": tp, "fp": fp, "fn": fn})
        print(f"  train {train_name:<40} test {test_name:<36} n={len(test):>4}  P {p:.3f}  "
              f"R {'-' if math.isnan(r) else f'{r:.3f}'}  (tp {tp} fp {fp} fn {fn})", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--l2", type=float, default=L2, help=f"L2 penalty (default {L2})")
    ap.add_argument("--report-only", action="store_true", help="cross-source figures only, write nothing")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}; pass --corpus", file=sys.stderr)
        return 2
    _L2[0] = args.l2
    corpus = load_corpus(args.corpus)
    made = examples(seed=args.seed) + project_prose()
    rows = corpus + made
    print(f"corpus {len(corpus)} rows ({sum(r['injection'] for r in corpus)} injections), "
          f"project examples {len(made)} ({sum(r['injection'] for r in made)} injections)")
    print("cross-source validation (threshold: margin 0):")
    xs = cross_source(corpus, made)
    if args.report_only:
        return 0

    k = 5
    fold = folds(rows, k, args.seed)
    oof = [0.0] * len(rows)
    for f in range(k):
        w, b = fit([r for r, g in zip(rows, fold) if g != f])
        for i, r in enumerate(rows):
            if fold[i] == f:
                oof[i] = margin(w, b, r["text"])
    is_corpus = [i < len(corpus) for i in range(len(rows))]
    cm = [m for m, c in zip(oof, is_corpus) if c]
    cy = [r["injection"] for r, c in zip(rows, is_corpus) if c]
    slope, offset = platt(cm, cy)
    probs = [1 / (1 + math.exp(-(slope * m + offset))) for m in cm]
    best_t, best = 0.5, (-1.0, 0.0)
    for t in [i / 200 for i in range(20, 200)]:
        p, r, *_ = prf(probs, cy, t)
        if p >= TARGET_PRECISION and r > best[0]:
            best_t, best = t, (r, p)
    shift = math.log(best_t / (1 - best_t))
    p, r, tp, fp, fn = prf(probs, cy, best_t)
    print(f"out-of-fold on the corpus rows: threshold {best_t:.3f} (moved to 0.5): P {p:.3f}  R {r:.3f} "
          f"(tp {tp} fp {fp} fn {fn})")
    made_probs = [1 / (1 + math.exp(-(slope * m + offset - shift))) for m, c in zip(oof, is_corpus) if not c]
    mp, mr, *_ = prf(made_probs, [r["injection"] for r, c in zip(rows, is_corpus) if not c], 0.5)
    print(f"out-of-fold on the project examples: P {mp:.3f}  R {mr:.3f}")

    weights, bias = fit(rows)
    kept = {key: round(v, 4) for key, v in sorted(weights.items()) if abs(v) >= 1e-3}
    meta = {
        "trained_by": "python -m guards.train_injection", "seed": args.seed, "l2": args.l2, "min_df": MIN_DF,
        "corpus_sha256": hashlib.sha256(args.corpus.read_bytes()).hexdigest(),
        "rows": {"corpus": len(corpus), "project_examples": len(made)},
        "features": len(kept), "threshold_before_shift": best_t,
        "out_of_fold_corpus": {"precision": round(p, 3), "recall": round(r, 3)},
        "out_of_fold_project_examples": {"precision": round(mp, 3), "recall": round(mr, 3)},
        "cross_source": xs,
    }
    blob = {"bias": bias, "slope": slope, "offset": offset - shift, "weights": kept, "meta": meta}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(blob, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with open(args.out, "wb") as f:  # mtime 0 and no name in the header: the same bytes every run
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as gz:
            gz.write(raw)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB, {len(kept)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
