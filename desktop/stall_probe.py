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


def markdown_answer(tokens: int) -> list[str]:
    """A Markdown answer of about ``tokens`` pieces (3-5 characters each, as a tokenizer
    cuts English): headings, paragraphs, lists, a table and fenced Python code blocks."""
    section = (
        "## Step {n}\n\nThis part explains how the function works and why each line is there, "
        "with a short example that you can run as it is.\n\n"
        "- first, read the input\n- then, check it\n- finally, return the result\n\n"
        "```python\ndef step_{n}(values):\n    total = 0\n    for v in values:\n        if v > 0:\n"
        "            total += v\n    return total\n```\n\n"
        "| input | output |\n|---|---|\n| [1, 2] | 3 |\n| [-1, 4] | 4 |\n\n"
    )
    text, n = "# A worked answer\n\n", 1
    pieces: list[str] = []
    while True:
        text += section.format(n=n)
        pieces = [text[i:i + 4] for i in range(0, len(text), 4)]
        if len(pieces) >= tokens:
            return pieces[:tokens]
        n += 1


def measure_markdown(tokens: int, repeat: int, token_ms: float = 2.0) -> list[dict[str, float]]:
    """The real window and pipeline streaming a ``tokens``-piece Markdown answer into the
    thread from a scripted backend (tests/fakes.py) at one piece per ``token_ms``: the
    rendering, not the model, is what is measured. Returns the idle baseline's row
    (``idle_max_stall_ms``), then one row per run."""
    from desktop.app import setup_application
    from desktop.main_window import MainWindow
    from runs.engine import Engine
    from tests.fakes import FakeBackend, FakePool

    app = QApplication.instance() or QApplication([sys.argv[0]])
    pieces = markdown_answer(tokens)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-ui-md-") as home:
        pool = FakePool(FakeBackend(pieces, delay_s=token_ms / 1000.0))
        engine = Engine.open(home, pool=pool, search_dirs=[])
        setup_application(app, engine, "en")
        window = MainWindow(engine)
        window.resize(1280, 800)
        window.show()
        window.params.max_tokens.setValue(tokens + 10)
        idle = idle_gaps(2.0)
        rows.append({"idle_max_stall_ms": max(0.0, max(idle) - 1.0)})
        for _ in range(repeat):
            row = measure(window, markdown=True, max_tokens=tokens + 10)
            body = window.playground.thread.answer_bubble(-1).body
            row["renders"] = float(body.renders)
            row["code_blocks"] = float(len(body.code_blocks))
            row["chars"] = float(len(body.text()))
            row["tokens"] = float(len(pieces))
            rows.append(row)
        window.close()
        engine.close()
    return rows
