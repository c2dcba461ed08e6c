"""Hostile chat templates against the sandbox: how fast each is refused, and how.

Run ``python -m benchmarks.bench_chat_template_hostile`` from the repository root
(``--checkout DIR`` measures another checkout's ``backends.chat_template`` instead,
e.g. an older commit extracted with ``git archive``). Each template of
``tests/backends/hostile_templates.py`` renders in its own child process with a 1 GiB
address-space limit and a 5 s timeout, so a template that escapes the sandbox cannot
take the machine with it. Prints one Markdown table and a summary line.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 5.0
MEMORY_BYTES = 1 << 30

_CHILD = r"""
import json, resource, sys, time, tracemalloc
resource.setrlimit(resource.RLIMIT_AS, ({mem}, {mem}))
sys.path.insert(0, {checkout!r})
from backends.base import Message
from backends.chat_template import ChatTemplate
from common.errors import ChatTemplateError
source = sys.stdin.read()
msgs = [Message("system", "You are helpful."), Message("user", "Hello there")]
tracemalloc.start()
t0 = time.perf_counter()
try:
    out = ChatTemplate(source).render(msgs)
    verdict, detail = "rendered", f"{{len(out):,}} characters"
except ChatTemplateError as exc:
    verdict, detail = "refused", str(exc)
except MemoryError:
    verdict, detail = "MemoryError", "MemoryError escaped"
except BaseException as exc:
    verdict, detail = "crash", f"{{type(exc).__name__}}: {{exc}}"
ms = (time.perf_counter() - t0) * 1000
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({{"verdict": verdict, "detail": detail[:160], "ms": ms, "peak_mb": peak / 2**20}}))
"""


def run_case(source: str, checkout: Path) -> dict:
    code = _CHILD.format(mem=MEMORY_BYTES, checkout=str(checkout))
    try:
        proc = subprocess.run([sys.executable, "-c", code], input=source, capture_output=True, text=True,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {"verdict": f"still running after {TIMEOUT_S:.0f} s", "detail": "", "ms": None, "peak_mb": None}
    lines = proc.stdout.strip().splitlines()
    if not lines:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"verdict": "died", "detail": tail[:160], "ms": None, "peak_mb": None}
    return json.loads(lines[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkout", default=str(ROOT), help="the checkout whose backends.chat_template to measure")
    ap.add_argument("--only", default="", help="only case ids containing this text")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.backends.hostile_templates import DOS, MARKER, SSTI

    checkout = Path(args.checkout).resolve()
    print("| case | verdict | ms | peak MiB | detail |\n|---|---|---:|---:|---|")
    counts: dict[str, int] = {}
    slow = 0
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / MARKER
        cases = {**{f"dos/{k}": v for k, v in DOS.items()},
                 **{f"ssti/{k}": v.replace("{marker}", str(marker)) for k, v in SSTI.items()}}
        for cid, source in cases.items():
            if args.only not in cid:
                continue
            r = run_case(source, checkout)
            verdict = r["verdict"]
            if r["ms"] is not None and r["ms"] > TIMEOUT_S * 1000 and verdict == "rendered":
                verdict = "rendered after > 5 s"
            if r["ms"] is not None:
                worst = max(worst, r["ms"])
                slow += r["ms"] > 1000
            counts[verdict] = counts.get(verdict, 0) + 1
            ms = f"{r['ms']:.1f}" if r["ms"] is not None else "-"
            peak = f"{r['peak_mb']:.1f}" if r["peak_mb"] is not None else "-"
            print(f"| {cid} | {verdict} | {ms} | {peak} | {r['detail'].replace('|', '/')} |")
        executed = marker.exists()
    summary = ", ".join(f"{v}: {n}" for v, n in sorted(counts.items()))
    print(f"\n{sum(counts.values())} cases; {summary}; over 1 s: {slow}; slowest {worst:.0f} ms; "
          f"SSTI marker file created: {'YES' if executed else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
