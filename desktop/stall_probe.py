"""Measures how long the window's event loop stalls while it streams an answer.

Used by ``benchmarks/bench_ui_stall.py`` (which stays Qt-free). A 1 ms heartbeat timer
runs on the event loop; the longest gap between two beats, minus the interval, is the
longest time the window could not react. An idle baseline (the same heartbeat with no
generation) shows how much of that is the machine rather than the app.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

PROMPT = "Write a long, detailed essay about the history of the Roman Empire, with many sections."


def heartbeat_gaps(start: Callable[[QEventLoop], None]) -> list[float]:
    """Run the event loop with a 1 ms heartbeat until it quits; ``start`` arms the quit."""
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
    clock.start()
    beat.start()
    start(loop)
    loop.exec()  # the real event loop, as in the app
    beat.stop()
    return gaps[1:] or [0.0]


def idle_gaps(seconds: float) -> list[float]:
    """Gaps between beats while the loop is otherwise idle: the machine's own noise."""
    return heartbeat_gaps(lambda loop: QTimer.singleShot(int(seconds * 1000), loop.quit))


def measure(window: Any, *, markdown: bool, max_tokens: int) -> dict[str, float]:
    pg = window.playground
    pg.markdown.setChecked(markdown)
    window.params.max_tokens.setValue(max_tokens)
    pg.set_mode("chat")
    pg.new_chat()
    pg.prompt.setPlainText(PROMPT)
    result: dict[str, Any] = {}

    def start(loop: QEventLoop) -> None:
        window.wb.runFinished.connect(lambda o: (result.setdefault("outcome", o), loop.quit()))
        pg.run()

    t0 = time.perf_counter()
    gaps = heartbeat_gaps(start)
    t = result["outcome"].timings
    return {
        "max_stall_ms": max(0.0, max(gaps) - 1.0),
        "p99_gap_ms": statistics.quantiles(gaps, n=100)[98] if len(gaps) >= 100 else max(gaps),
        "tokens": float(t.completion_tokens),
        "decode_tps": float(t.decode_tps or 0.0),
        "wall_s": time.perf_counter() - t0,
    }


def run(tokens: int, repeat: int) -> tuple[list[float], list[tuple[bool, dict[str, float]]]]:
    """Open the real window on SmolLM2 in a scratch data folder and measure; returns
    (idle gaps, [(markdown?, figures)] for ``repeat`` runs per display mode)."""
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
        loaded: list[Any] = []
        window.wb.loadFinished.connect(loaded.append)
        window.wb.failed.connect(lambda what, err: loaded.append(err))
        window.wb.load("smollm2-135m-instruct", window.wb.load_settings)
        while not loaded:
            app.processEvents()
            time.sleep(0.005)
        window.params.seed_fixed.setChecked(True)
        window.params.seed.setValue(1234)
        window.params.temperature.setValue(0.8)
        idle = idle_gaps(3.0)
        rows = [(markdown, measure(window, markdown=markdown, max_tokens=tokens))
                for _ in range(repeat) for markdown in (True, False)]
        window.close()
        engine.close()
    return idle, rows
