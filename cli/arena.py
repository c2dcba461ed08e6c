"""CLI: `arena EXPERIMENT --judge MODEL` (an LLM judge votes on every matchup, both
orders, its answer constrained to A / B / tie / both bad) and `arena EXPERIMENT
--ranking [--json]` (the Bradley-Terry ranking with ties over every stored vote,
overall and per tag, the judges' position bias and agreement with people).
People vote in the window's Arena view."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cli.codes import EXIT_USAGE, command


def add_arguments(sub: Any) -> None:
    p = sub.add_parser("arena", help="blind arena: an LLM judge's votes, and the Bradley-Terry ranking of the votes")
    p.add_argument("experiment", metavar="EXPERIMENT", help="experiment id (a unique prefix works)")
    p.add_argument("--judge", metavar="MODEL", help="let this model vote on every matchup, in both orders")
    p.add_argument("--limit", type=int, help="--judge: at most this many matchups")
    p.add_argument("--ranking", action="store_true", help="print the ranking (the default without --judge)")
    p.add_argument("--resamples", type=int, default=2000, help="bootstrap refits for the intervals (default 2000)")
    p.add_argument("--json", action="store_true", help="print the ranking as one JSON object")


@command("arena")
def cmd_arena(args: argparse.Namespace, engine: Any) -> int:
    from reports.arena import ArenaError, judge, ranking_lines, ranking_of

    if not 0 <= args.resamples <= 100_000:
        raise ArenaError(f"--resamples must be from 0 to 100000, not {args.resamples}")
    if args.limit is not None and not args.judge:
        sys.stderr.write("error: --limit goes with --judge (see --help)\n")
        return EXIT_USAGE
    if args.judge:
        def said(m: Any, outcome: str, raw: str) -> None:
            if not args.json:
                print(f"row {m.row_index + 1}: judge says {raw!r} ({outcome})", file=sys.stderr)

        ids = judge(engine, args.experiment, args.judge, limit=args.limit, on_vote=said)
        if not args.json:
            print(f"{len(ids)} judge votes stored")
    result = ranking_of(engine.store, args.experiment, n_resamples=args.resamples)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    elif args.ranking or not args.judge:
        for line in ranking_lines(result):
            print(line)
    return 0
