"""The longest stall of the Qt event loop while the window streams a 256-token answer.

Run ``python -m benchmarks.bench_ui_stall`` from the repository root (offscreen unless
a display is set). It opens the real window on the bundled SmolLM2 model in a scratch
data folder, loads the model, then generates 256 tokens (a chat answer, fixed seed)
three times with the answer shown as Markdown and three times as plain text. A 1 ms heartbeat timer
runs on the event loop; the longest gap between two beats, minus the interval, is the
longest time the window could not react. An idle baseline (the same heartbeat with no
generation) shows how much of that is the machine rather than the app: on a loaded
machine the OS does not schedule the GUI thread, whatever the app does. Prints
Markdown table rows for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PROMPT = "Write a long, detailed essay about the history of the Roman Empire, with many sections."


def heartbeat(seconds: float) -> list[float]:
    """Gaps between 1 ms beats while the loop is otherwise idle: the machine's own noise."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    gaps: list[float] = []
    clock = QElapsedTimer()
    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(1)
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last[0])
        last[0] = now

    beat.timeout.connect(tick)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    clock.start()
    beat.start()
    loop.exec()
    beat.stop()
    return gaps[1:] or [0.0]


def measure(window, app, *, markdown: bool, max_tokens: int) -> dict[str, float]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    pg = window.playground
    pg.markdown.setChecked(markdown)
    window.params.max_tokens.setValue(max_tokens)
    pg.set_mode("chat")
    pg.new_chat()
    pg.prompt.setPlainText(PROMPT)
    gaps: list[float] = []
    clock = QElapsedTimer()
    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(1)
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last[0])
        last[0] = now

    beat.timeout.connect(tick)
    result: dict = {}
    loop = QEventLoop()
    window.wb.runFinished.connect(lambda o: (result.setdefault("outcome", o), loop.quit()))
    clock.start()
    beat.start()
    t0 = time.perf_counter()
    pg.run()
    loop.exec()  # the real event loop, as in the app
    beat.stop()
    outcome = result["outcome"]
    t = outcome.timings
    gaps = gaps[1:] or [0.0]
    return {
        "max_stall_ms": max(0.0, max(gaps) - 1.0),
        "p99_gap_ms": statistics.quantiles(gaps, n=100)[98] if len(gaps) >= 100 else max(gaps),
        "tokens": float(t.completion_tokens),
        "decode_tps": float(t.decode_tps or 0.0),
        "wall_s": time.perf_counter() - t0,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=3, help="runs per display mode (the median is reported)")
    args = ap.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.app import setup_application
    from desktop.main_window import MainWindow
    from runs.engine import Engine

    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as home:
        engine = Engine.open(home, search_dirs=[])
        setup_application(app, engine, "en")
        window = MainWindow(engine)
        window.resize(1280, 800)
        window.show()
        loaded: list = []
        window.wb.loadFinished.connect(loaded.append)
        window.wb.failed.connect(lambda what, err: loaded.append(err))
        window.wb.load("smollm2-135m-instruct", window.wb.load_settings)
        while not loaded:
            app.processEvents()
            time.sleep(0.005)
        window.params.seed_fixed.setChecked(True)
        window.params.seed.setValue(1234)
        window.params.temperature.setValue(0.8)
        idle = heartbeat(3.0)
        rows = []
        for _ in range(args.repeat):
            for markdown in (True, False):
                rows.append((markdown, measure(window, app, markdown=markdown, max_tokens=args.tokens)))
        window.close()
        engine.close()
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
