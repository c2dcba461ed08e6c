"""CLI: `branch RUN --at I (--token ID | --text STR) [--max-tokens N] [--json]` (the command
itself is in cli/commands.py, beside `run`, whose streaming it shares) and the branch
tree that `show RUN --tree` prints."""

from __future__ import annotations

import json
import sys
from typing import Any


def add_arguments(sub: Any) -> None:
    p = sub.add_parser("branch", help="replace token I of a run (with token probabilities) and continue: a child run")
    p.add_argument("run_id", metavar="RUN", help="the run to branch (an id or unique prefix); it needs a token record "
                                                 "(`run --logprobs K`)")
    p.add_argument("--at", type=int, required=True, metavar="I",
                   help="the step to replace, from 0 (see `show RUN --tokens`)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--alt", type=int, metavar="N", help="the step's N-th most likely alternative (1: the most "
                                                           "likely), as `show RUN --tokens` lists them")
    what.add_argument("--token", type=int, metavar="ID", help="the replacement token id (`show RUN --tokens --json`)")
    what.add_argument("--text", metavar="STR", help="replacement text, tokenized as output")
    p.add_argument("--max-tokens", type=int, metavar="N",
                   help="new tokens after the replacement (default: as many as the run had left)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of streaming text")


def point_text(point: dict[str, Any] | None) -> str:
    if not point:
        return ""
    rep = "".join(point["replacement"]["texts"])
    return f"@{point['at']} {point['original']['text']!r} -> {rep!r}"


def show_tree(engine: Any, run_id: str, as_json: bool) -> int:
    from runs.branch import branch_tree

    tree = branch_tree(engine.store, run_id)
    if as_json:
        print(json.dumps(tree.to_dict(), ensure_ascii=False, indent=2))
        return 0
    out = sys.stdout
    for depth, node in tree.walk():
        mark = " *" if node.run_id.upper().startswith(run_id.upper()) else ""
        head = (node.row.get("output") or "").replace("\n", " ")[:60]
        out.write(f"{'  ' * depth}{node.run_id} [{node.row.get('status')}] {point_text(node.point)} {head!r}{mark}\n")
    return 0
