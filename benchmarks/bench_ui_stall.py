"""The longest stall of the Qt event loop while the window streams a 256-token answer.

Run ``python -m benchmarks.bench_ui_stall`` from the repository root (offscreen unless
a display is set). It opens the real window on the bundled SmolLM2 model in a scratch
data folder, loads the model, then generates 256 tokens (a chat answer, fixed seed)
three times with the answer shown as Markdown and three times as plain text
(desktop/stall_probe.py does the measuring). A 1 ms heartbeat timer runs on the event
loop; the longest gap between two beats, minus the interval, is the longest time the
window could not react. An idle baseline (the same heartbeat with no
generation) shows how much of that is the machine rather than the app: on a loaded
machine the OS does not schedule the GUI thread, whatever the app does. Prints
Markdown table rows for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=3, help="runs per display mode (the median is reported)")
    args = ap.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.stall_probe import run  # Qt lives in desktop/; this script stays Qt-free

    idle, rows = run(args.tokens, args.repeat)
    print("| UI stall during a generation | answer shown as | tokens | decode tok/s (median) "
          "| longest stall, median of runs (ms) | longest stall, worst run (ms) |")
    print("|---|---|---:|---:|---:|---:|")
    print(f"| idle baseline, same window, no generation (3 s) | — | — | — | "
          f"{max(0.0, max(idle) - 1.0):.1f} | {max(0.0, max(idle) - 1.0):.1f} |")
    for markdown in (True, False):
        runs = [r for m, r in rows if m == markdown]
        stalls = [r["max_stall_ms"] for r in runs]
        print(f"| SmolLM2-135M Q4_1, CPU, {len(runs)} runs | {'Markdown' if markdown else 'plain text'} | "
              f"{statistics.median(r['tokens'] for r in runs):.0f} | "
              f"{statistics.median(r['decode_tps'] for r in runs):.1f} | "
              f"{statistics.median(stalls):.1f} | {max(stalls):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
