"""CLI: `determinism RUN_ID -n 5 [--threads 1,2] [--batch 8,512] [--json]`: run a logged
run again N times with its seed (under each thread count x batch size given) and say
how many distinct outputs came back and where they first differ; the result is kept
with the run (shown in the window's run detail)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cli.codes import command


def _ints(text: str) -> list[int]:
    try:
        values = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated whole numbers, not {text!r}") from None
    if not values:
        raise argparse.ArgumentTypeError("give at least one number")
    return values


def add_arguments(sub: Any) -> None:
    p = sub.add_parser("determinism", help="re-run a run N times with its seed and count the distinct outputs")
    p.add_argument("run_id", metavar="RUN_ID", help="run id (a unique prefix works); an experiment cell's run too")
    p.add_argument("-n", type=int, default=5, help="re-runs per configuration (1-100, default 5)")
    p.add_argument("--threads", type=_ints, help="thread counts to try, e.g. 1,2 (default: the run's)")
    p.add_argument("--batch", type=_ints, help="batch sizes to try, e.g. 8,512 (default: the run's)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


@command("determinism")
def cmd_determinism(args: argparse.Namespace, engine: Any) -> int:
    from experiments.determinism import check_bounds, check_run, summary_line

    check_bounds(args.n, args.threads, args.batch)  # before anything loads

    def progress(label: str, k: int) -> None:
        if not args.json:
            print(f"\r{label}: {k}/{args.n}", end="", file=sys.stderr, flush=True)

    report = check_run(engine, args.run_id, args.n, threads=args.threads, batches=args.batch, on_progress=progress)
    if not args.json:
        print(file=sys.stderr)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"run {report.run_id} ({report.model}), {report.n} re-runs per configuration, seed "
          f"{report.configs[0].seed if report.configs else '?'}")
    for c in report.configs:
        print("  " + summary_line(c))
    if len(report.configs) > 1:
        print(f"  across configurations: {report.distinct_overall} distinct output(s)")
    return 0
