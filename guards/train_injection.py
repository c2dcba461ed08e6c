"""Train the injection classifier and write ``resources/guards/injection_model.json.gz``.

    python -m guards.train_injection [--corpus ../shared/corpora/injection_dev.jsonl] [--seed 0]
                                     [--out resources/guards/injection_model.json.gz] [--l2 0.02]
                                     [--report-only] [--no-cross-source]

Data: the development corpus (deepset/prompt-injections and half of NotInject, see its
README) and the examples the project writes itself: the template families of
:mod:`guards.injection_examples` (with ``_attacks`` and ``_benign``), the project's own
README, BENCHMARKS and source code as benign text, and short attacks embedded in pieces
of that text with benign twins. Rows from the sources the corpus README reserves for
evaluation are refused.

Model: the hashed binary features of :mod:`guards.injection_model`, kept when they
occur in at least two training texts; L2-regularised logistic regression with balanced
class weights, fitted with L-BFGS (scipy). Calibration: 5-fold stratified out-of-fold
margins, Platt scaling on the corpus rows, then the threshold with the best recall at
out-of-fold precision >= 0.95, moved to 0.5. Weights under 1e-3 are dropped and the rest
rounded, which keeps the file small (about 650 KiB).

It prints the out-of-fold figures by source and language and leave-one-source-out runs
(train on some sources, test on the others) at two thresholds, and stores them in the
file's ``meta``. Same seed and same checkout: same file. About 1-1.5 minutes on one core.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import random
import sys
from pathlib import Path
from typing import Any

from guards.injection_examples import embedded, examples, project_code, project_prose
from guards.injection_model import BITS, MODEL_PATH, feature_ids, prepare

# One BLAS thread: the problem is small, and spinning threads on a shared machine cost more
# than they give (set before numpy is first imported, which happens inside the functions).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

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


class Features:
    """Every row's hashed features (:func:`guards.injection_model.feature_ids`), computed
    once and sliced per fit.

    A row's value is 1 for each distinct bucket, divided by the square root of its number
    of distinct buckets, which is exactly what inference does.
    """

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        import numpy as np
        from scipy import sparse

        ind, ptr = [], [0]
        for r in rows:
            ids = np.unique(feature_ids(prepare(r["text"]))[0])
            ind.append(ids)
            ptr.append(ptr[-1] + len(ids))
        cols = np.concatenate(ind)
        data = np.concatenate([np.full(len(i), 1.0 / math.sqrt(max(1, len(i)))) for i in ind])
        self.x = sparse.csr_matrix((data, cols, np.array(ptr)), shape=(len(rows), 1 << BITS))
        self.y = np.array([1.0 if r["injection"] else 0.0 for r in rows])


def fit(feats: Features, idx: list[int], l2: float | None = None) -> tuple[Any, float]:
    """A dense weight vector over ``feats``' vocabulary and the bias, fitted on rows ``idx``.

    Features must occur in at least ``MIN_DF`` of those rows; the others keep weight 0.
    """
    import numpy as np
    from scipy import optimize

    l2 = _L2[0] if l2 is None else l2
    rows = feats.x[np.asarray(idx)]
    df = np.asarray((rows > 0).sum(axis=0)).ravel()
    cols = np.flatnonzero(df >= MIN_DF)
    x = rows[:, cols].tocsr()
    xt = x.T.tocsr()
    y = feats.y[np.asarray(idx)]
    pos = y.sum()
    sw = np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * (len(y) - pos)))  # balanced classes

    def loss(params: Any) -> tuple[float, Any]:
        w, b = params[:-1], params[-1]
        z = x @ w + b
        ll = (sw * (np.logaddexp(0, z) - y * z)).sum()
        g = sw * (1 / (1 + np.exp(-z)) - y)
        grad = np.concatenate([xt @ g + l2 * w, [g.sum()]])
        return float(ll + 0.5 * l2 * float(w @ w)), grad

    res = optimize.minimize(loss, np.zeros(len(cols) + 1), jac=True, method="L-BFGS-B",
                            options={"maxiter": 500})
    w = np.zeros(feats.x.shape[1])
    w[cols] = res.x[:-1]
    return w, float(res.x[-1])


def margins(feats: Features, idx: list[int], w: Any, b: float) -> list[float]:
    import numpy as np

    return [float(m) for m in feats.x[np.asarray(idx)] @ w + b]


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
    tp = int(sum(bool(s >= t and y) for s, y in zip(scores, labels)))
    fp = int(sum(bool(s >= t and not y) for s, y in zip(scores, labels)))
    fn = int(sum(bool(s < t and y) for s, y in zip(scores, labels)))
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


def cross_source(rows: list[dict[str, Any]], feats: Features, cut: float) -> list[dict[str, Any]]:
    """Train on some sources, test on the others (leave one source out).

    Each run reports the test rows at margin 0 (the balanced model's own boundary) and at
    ``cut``, the margin the calibration of the shipped model puts its threshold at.
    """
    def where(pred: Any) -> list[int]:
        return [i for i, r in enumerate(rows) if pred(r)]

    deepset = where(lambda r: r["source"].startswith("deepset"))
    notinject = where(lambda r: "NotInject" in r["source"])
    made = where(lambda r: r["source"].startswith("project"))
    made_zh = [i for i in made if rows[i]["lang"] == "zh"]
    zh_all = where(lambda r: r["lang"] == "zh")
    de = [i for i in deepset if rows[i]["lang"] == "de"]
    runs = [
        ("project examples + NotInject", "deepset (en, de)", notinject + made, deepset),
        ("project examples only", "deepset (en, de)", made, deepset),
        ("deepset + project examples", "NotInject (benign, trigger words)", deepset + made, notinject),
        ("corpus only (deepset + NotInject)", "project examples (all)", deepset + notinject, made),
        ("deepset (en) + project examples", "deepset (de)", sorted(set(deepset) - set(de)) + made, de),
        ("everything but Chinese", "Chinese (project + NotInject zh)", sorted(set(range(len(rows))) - set(zh_all)),
         zh_all),
        ("everything but the project's Chinese", "project zh examples", sorted(set(range(len(rows))) - set(made_zh)),
         made_zh),
    ]
    out = []
    for train_name, test_name, train, test in runs:
        w, b = fit(feats, train)
        scores = margins(feats, test, w, b)
        labels = [rows[i]["injection"] for i in test]
        entry: dict[str, Any] = {"train": train_name, "test": test_name, "n_test": len(test),
                                 "positives": sum(labels)}
        line = f"  train {train_name:<38} test {test_name:<34} n={len(test):>4}"
        for name, t in (("margin0", 0.0), ("calibrated", cut)):
            p, r, tp, fp, fn = prf(scores, labels, t)
            fpr = fp / max(1, len(labels) - sum(labels))
            entry[name] = {"precision": round(p, 3), "recall": None if math.isnan(r) else round(r, 3),
                           "false_alarm_rate": round(fpr, 3), "tp": tp, "fp": fp, "fn": fn}
            line += f" | {name}: P {p:.3f} R {'-' if math.isnan(r) else f'{r:.3f}'} FPR {fpr:.3f}"
        out.append(entry)
        print(line, flush=True)
    return out


def out_of_fold(rows: list[dict[str, Any]], feats: Features, k: int, seed: int) -> list[float]:
    """Each row's margin from the model fitted on the other ``k - 1`` stratified folds."""
    fold = folds(rows, k, seed)
    oof = [0.0] * len(rows)
    for f in range(k):
        test = [i for i, g in enumerate(fold) if g == f]
        w, b = fit(feats, [i for i, g in enumerate(fold) if g != f])
        for i, m in zip(test, margins(feats, test, w, b)):
            oof[i] = m
    return oof


def calibrate(oof: list[float], labels: list[bool]) -> tuple[float, float, float]:
    """Platt slope and offset on out-of-fold margins, and the probability threshold with the
    best recall at precision >= ``TARGET_PRECISION`` (0.5 if none reaches it)."""
    slope, offset = platt(oof, labels)
    probs = [1 / (1 + math.exp(-(slope * m + offset))) for m in oof]
    best_t, best_r = 0.5, -1.0
    for t in [i / 400 for i in range(40, 400)]:
        p, r, *_ = prf(probs, labels, t)
        if p >= TARGET_PRECISION and r > best_r:
            best_t, best_r = t, r
    return slope, offset, best_t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--l2", type=float, default=L2, help=f"L2 penalty (default {L2})")
    ap.add_argument("--report-only", action="store_true", help="the validation figures only, write nothing")
    ap.add_argument("--no-cross-source", action="store_true", help="skip the leave-one-source-out runs")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}; pass --corpus", file=sys.stderr)
        return 2
    _L2[0] = args.l2
    corpus = load_corpus(args.corpus)
    carriers = project_prose() + project_code(seed=args.seed)
    made = examples(seed=args.seed) + carriers + embedded(carriers, seed=args.seed)
    rows = corpus + made
    print(f"corpus {len(corpus)} rows ({sum(r['injection'] for r in corpus)} injections), "
          f"project examples {len(made)} ({sum(r['injection'] for r in made)} injections)", flush=True)
    feats = Features(rows)

    oof = out_of_fold(rows, feats, 5, args.seed)
    is_corpus = [i < len(corpus) for i in range(len(rows))]
    cm = [m for m, c in zip(oof, is_corpus) if c]
    cy = [r["injection"] for r, c in zip(rows, is_corpus) if c]
    slope, offset, best_t = calibrate(cm, cy)
    shift = math.log(best_t / (1 - best_t))
    cut = (shift - offset) / slope  # the margin at which the calibrated probability is 0.5
    labels = [r["injection"] for r in rows]

    def report(name: str, pick: Any) -> dict[str, Any]:
        idx = [i for i, r in enumerate(rows) if pick(i, r)]
        p, r, tp, fp, fn = prf([oof[i] for i in idx], [labels[i] for i in idx], cut)
        neg = sum(not labels[i] for i in idx)
        print(f"  {name:<44} n={len(idx):>5}  P {p:.3f}  R {'-' if math.isnan(r) else f'{r:.3f}'}  "
              f"FPR {fp / max(1, neg):.3f}  (tp {tp} fp {fp} fn {fn})", flush=True)
        return {"n": len(idx), "precision": round(p, 3), "recall": None if math.isnan(r) else round(r, 3),
                "false_alarm_rate": round(fp / max(1, neg), 3), "tp": tp, "fp": fp, "fn": fn}

    print(f"5-fold out of fold, calibrated threshold {best_t:.4f} (moved to 0.5):")
    oof_report = {
        "corpus": report("corpus (deepset + NotInject)", lambda i, r: is_corpus[i]),
        "deepset": report("deepset", lambda i, r: r["source"].startswith("deepset")),
        "notinject": report("NotInject (benign)", lambda i, r: "NotInject" in r["source"]),
        "project": report("project examples", lambda i, r: not is_corpus[i]),
        "zh": report("Chinese (all rows)", lambda i, r: r["lang"] == "zh"),
    }
    xs = [] if args.no_cross_source else cross_source(rows, feats, cut)
    if args.report_only:
        return 0

    w, bias = fit(feats, list(range(len(rows))))
    buckets = [int(j) for j in range(len(w)) if abs(w[j]) >= 1e-3]
    values = [round(float(w[j]), 4) for j in buckets]
    meta = {
        "trained_by": "python -m guards.train_injection", "seed": args.seed, "l2": args.l2, "min_df": MIN_DF,
        "corpus_sha256": hashlib.sha256(args.corpus.read_bytes()).hexdigest(),
        "rows": {"corpus": len(corpus), "project_examples": len(made)},
        "features": len(buckets), "bits": BITS, "threshold_before_shift": best_t,
        "out_of_fold_corpus": {"precision": oof_report["corpus"]["precision"],
                               "recall": oof_report["corpus"]["recall"]},
        "out_of_fold": oof_report,
        "cross_source": xs,
    }
    blob = {"bias": bias, "slope": slope, "offset": offset - shift, "bits": BITS, "buckets": buckets,
            "values": values, "meta": meta}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(blob, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with open(args.out, "wb") as f:  # mtime 0 and no name in the header: the same bytes every run
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as gz:
            gz.write(raw)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB, {len(buckets)} weighted buckets)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
