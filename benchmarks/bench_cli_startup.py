"""CLI start-up: how long until `--help` and `runs --limit 20` have printed.

Each command is a fresh process, timed from spawn to exit, interleaved with the
baseline (`python -c pass`, the interpreter alone) so machine load hits both alike.
Targets (issue 11, on a quiet machine): --help < 0.3 s, runs --limit 20 < 0.5 s.
The run log holds 1,000 runs so `runs` reads a real page.

    python -m benchmarks.bench_cli_startup [--reps 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {
    "interpreter (`python -c pass`)": [sys.executable, "-c", "pass"],
    "`--help`": [sys.executable, "main.py", "--help"],
    "`runs --limit 20`": [sys.executable, "main.py", "runs", "--limit", "20"],
    "`show RUN`": None,  # filled once a run id is known
}
TARGETS = {"`--help`": 0.3, "`runs --limit 20`": 0.5}


def _seed(home: Path) -> str:
    sys.path.insert(0, str(ROOT))
    from runs.store import Store

    store = Store(home / "runs.db")
    last = ""
    for i in range(1000):
        last = store.start_run({"model_name": "smollm2", "sent_text": f"prompt {i}", "mode": "chat"})
        store.finish_run(last, {"status": "ok", "output": f"answer {i}", "completion_tokens": 10})
    store.close()
    return last


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        run_id = _seed(home)
        COMMANDS["`show RUN`"] = [sys.executable, "main.py", "show", run_id]
        env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(home)}
        times: dict[str, list[float]] = {k: [] for k in COMMANDS}
        for _ in range(args.reps):  # interleaved: one of each per round
            for name, cmd in COMMANDS.items():
                t0 = time.perf_counter()
                subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                times[name].append(time.perf_counter() - t0)
    base = statistics.median(times["interpreter (`python -c pass`)"])
    print(f"load average {os.getloadavg()[0]:.1f}, {args.reps} rounds\n")
    print("| command | median | best | vs interpreter | target |")
    print("|---|---|---|---|---|")
    ok = True
    for name, ts in times.items():
        med = statistics.median(ts)
        target = TARGETS.get(name)
        mark = "" if target is None else (f"< {target} s " + ("ok" if min(ts) < target else "MISSED"))
        ok &= target is None or min(ts) < target
        print(f"| {name} | {med * 1000:.0f} ms | {min(ts) * 1000:.0f} ms | {med / base:.1f}x | {mark} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
