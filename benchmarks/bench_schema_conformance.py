"""JSON-schema constraints on the shared real-world sample (JSONSchemaBench, ../shared): figures per mode.

Run ``python -m benchmarks.bench_schema_conformance`` from the repository root (about 20 s, no
model). For closed objects (the default) and open ones it prints how many of the 200 schemas
compile, how many instances labelled valid (and valid under the schema's own validator) the
llguidance grammar accepts, why it rejects the others (llguidance's fixed property order, or
something else), and what the notices said: keywords checked after generation, exact rewrites,
unknown formats, objects left open. Each mode also runs with ``key_order="any"`` (keys in any
order, required keys checked after generation). The shared runner (../shared/conformance/jsonschema/run.py)
gives the same compile counts and scores the closed grammar.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

SUITE = Path(__file__).resolve().parents[2] / "shared" / "conformance" / "jsonschema"


def main() -> int:
    import jsonschema

    from common.errors import GuardError
    from guards.constrain import Constraint
    from guards.schema_llg import stopped_at_a_key

    if not (SUITE / "cases.jsonl").is_file():
        print(f"skipped: the shared suite is not at {SUITE}")
        return 0
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))  # guidance's Python byte parser recurses
    cases = [json.loads(line) for line in (SUITE / "cases.jsonl").read_text(encoding="utf-8").splitlines() if line]
    print("| objects | compile | valid accepted by the grammar | rejected: key order | rejected: other | s |")
    print("|---|---|---|---|---|---|")
    notes: Counter[str] = Counter()
    for closed, order_mode in ((True, "schema"), (False, "schema"), (True, "any"), (False, "any")):
        t0 = time.perf_counter()
        ok = valid = accepted = order = other = 0
        for case in cases:
            schema = case["schema"]
            try:
                c = Constraint.json_schema(schema, close_objects=closed, key_order=order_mode)
            except GuardError:
                continue
            ok += 1
            if closed and order_mode == "schema":
                for n in c.notices:
                    notes[n.split(":")[0] if "left open" not in n else "object(s) left open"] += 1
            own = jsonschema.validators.validator_for(schema)(schema)
            for t in case["tests"]:
                text = json.dumps(t["data"], ensure_ascii=False)
                if not (t["valid"] and own.is_valid(t["data"]) and c.check(text)[0]):
                    continue  # closed mode: an instance with unnamed keys is rightly refused
                valid += 1
                if c.grammar_accepts(text):
                    accepted += 1
                elif stopped_at_a_key(text, c.grammar_rejects_at(text) or 0):
                    order += 1
                else:
                    other += 1
        print(f"| {'closed' if closed else 'open'}, key order {order_mode} | {ok}/{len(cases)} | {accepted}/{valid} | {order} | {other} "
              f"| {time.perf_counter() - t0:.0f} |")
    print("\n| notice (closed objects), schemas | n |\n|---|---|")
    for what, n in notes.most_common():
        print(f"| {what} | {n} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
