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

``--markdown-tokens 2000`` (the default) also streams a 2,000-piece Markdown answer with
fenced code blocks and tables into the chat thread, through the real window, pipeline
and run log, from a scripted backend at one piece per 2 ms (faster than SmolLM2 decodes
on a laptop), so what is measured is the thread's incremental Markdown rendering.
``--skip-model`` measures only that (no model needed).
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
    ap.add_argument("--markdown-tokens", type=int, default=2000, help="pieces of the scripted Markdown answer (0: skip)")
    ap.add_argument("--skip-model", action="store_true", help="only the scripted Markdown answer")
    args = ap.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.stall_probe import measure_markdown, run  # Qt lives in desktop/; this script stays Qt-free

    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.markdown_tokens:
        idle_md, *md = measure_markdown(args.markdown_tokens, args.repeat)
        stalls = [r["max_stall_ms"] for r in md]
        print("| UI stall, scripted Markdown answer into the chat thread | pieces | code blocks | tail renders "
              "| longest stall, median of runs (ms) | longest stall, worst run (ms) | p99 gap (ms) |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        print(f"| idle baseline, same window (2 s) | — | — | — | {idle_md['idle_max_stall_ms']:.1f} | "
              f"{idle_md['idle_max_stall_ms']:.1f} | — |")
        print(f"| {len(md)} runs, one piece per 2 ms | {md[0]['tokens']:.0f} | {md[0]['code_blocks']:.0f} | "
              f"{statistics.median(r['renders'] for r in md):.0f} | {statistics.median(stalls):.1f} | "
              f"{max(stalls):.1f} | {statistics.median(r['p99_gap_ms'] for r in md):.1f} |")
        print("per run (longest stall ms): " + ", ".join(f"{x:.1f}" for x in stalls))
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.skip_model:
        return 0
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
