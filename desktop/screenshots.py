"""Screenshots of each main view, in English and Simplified Chinese, after a real
generation with the bundled model: ``python -m desktop.screenshots`` (``make screenshots``).

Every view is shot at a desktop size (1600x1000, ``<view>-<lang>.png``) and a laptop
size (1366x768, ``<view>-1366x768-<lang>.png``), in the light theme and in the dark one
(under ``dark/``). ``--only`` shoots a subset of the views while iterating.

With no display it starts Xvfb itself (apt-get install xvfb fonts-noto-cjk); each
language runs in its own process with a scratch data folder, so the pictures do not
depend on the user's run log. PNGs go to docs/screenshots/.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
LANGS = ("en", "zh_CN")
SIZES = ((1600, 1000), (1366, 768))  # the first is the size the content is made at
SIZE = SIZES[0]
THEMES = ("light", "dark")
SECTIONS = ("playground", "chat", "branch", "history", "models", "library", "experiments", "arena", "determinism",
            "agreement")


def start_xvfb() -> subprocess.Popen[bytes] | None:
    """Start Xvfb on a free display and point DISPLAY at it (None if one is set)."""
    if os.environ.get("DISPLAY"):
        return None
    exe = shutil.which("Xvfb")
    if exe is None:
        sys.exit("error: no display and no Xvfb; apt-get install -y xvfb fonts-noto-cjk (or run under xvfb-run)")
    for n in range(90, 120):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            proc = subprocess.Popen([exe, f":{n}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(50):
                if Path(f"/tmp/.X11-unix/X{n}").exists():
                    os.environ["DISPLAY"] = f":{n}"
                    return proc
                time.sleep(0.1)
            proc.kill()
    sys.exit("error: could not start Xvfb")


def _wait(app, signal, timeout_s: float = 300.0) -> list:
    from PySide6.QtCore import QEventLoop, QTimer

    got: list = []
    loop = QEventLoop()

    def hit(*args: object) -> None:
        got.append(args)
        loop.quit()

    signal.connect(hit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(hit)
    if not got:
        raise SystemExit(f"timed out waiting for {signal}")
    return got[0]


def _settle(app, ms: int = 300) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(lang: str, out: Path, theme: str, only_chat: bool = False,
          only: tuple[str, ...] = SECTIONS) -> list[Path]:
    """One language: open the window, load the model, generate, save the views."""
    from PySide6.QtWidgets import QApplication

    from desktop.app import setup_application
    from desktop.main_window import MainWindow
    from runs.engine import Engine

    app = QApplication.instance() or QApplication([sys.argv[0]])
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="shots-") as home:
        engine = Engine.open(home, search_dirs=[])
        setup_application(app, engine, lang, theme)
        w = MainWindow(engine)
        w.resize(*SIZE)
        w.show()
        _wait(app, w.wb.modelsChanged)
        w.wb.load("smollm2-135m-instruct", w.wb.load_settings)
        _wait(app, w.wb.loadFinished)
        p = w.params
        p.temperature.setValue(0.2)
        p.seed_fixed.setChecked(True)
        p.seed.setValue(7)
        p.max_tokens.setValue(160)
        pg = w.playground
        pg.system.setPlainText("You are a concise assistant. Answer in Markdown.")
        for prompt in ("What is a large language model? Answer in two sentences.",
                       "Give three tips for writing clear prompts, as a Markdown list."):
            pg.prompt.setPlainText(prompt)
            pg.run()
            if not w.wb.generating:
                raise SystemExit(f"the run did not start: {pg.reason_text}")
            _wait(app, w.wb.runFinished)
        pg.prompt.setPlainText("Now summarise the tips in one line.")
        _settle(app, 600)  # the live token count
        w.show_view("playground")
        _settle(app)
        if "playground" in only:
            saved += _grab(w, out, "playground", lang)
        if "chat" in only:
            saved += _chat(app, w, out, lang)
        if "branch" in only and not only_chat:
            saved += _branch(app, w, out, lang)
        if only_chat or not set(only) - {"playground", "chat", "branch"}:
            w.close()
            engine.close()
            return saved

        w.show_view("history")
        _settle(app)
        w.history.table.selectRow(0)
        d = w.history.detail
        d.star.setChecked(True)
        d.tags.setText("demo, tips")
        d.note.setPlainText("Good answer; keep as a reference.")
        d.save_notes()
        _settle(app)
        if "history" in only:
            saved += _grab(w, out, "history", lang)
            d.tabs.setCurrentIndex(2)
            _settle(app)
            saved += _grab(w, out, "history-params", lang)
        if "models" in only:
            w.show_view("models")
            w.models.select("smollm2-135m-instruct")
            _settle(app)
            saved += _grab(w, out, "models", lang)
        if "library" in only:
            saved += _library_and_checks(app, w, out, lang)
        if {"experiments", "arena"} & set(only):
            saved += _experiments(app, w, out, lang)
        if "arena" in only:
            saved += _arena(app, w, out, lang)
        if "determinism" in only:
            saved += _determinism(app, w, out, lang)
        if "agreement" in only:
            saved += _agreement(app, w, out, lang)
        w.close()
        engine.close()
    return saved


def _chat(app, w, out: Path, lang: str) -> list[Path]:
    """The chat thread with a Markdown answer holding a code block, at a desktop and a
    laptop size, with the saved chats beside it."""
    pg = w.playground
    w.params.max_tokens.setValue(200)
    pg.set_guards({"input": [{"check": "pii", "on_fail": "warn"}],  # picked guards: their verdicts on the answer
                   "output": [{"check": "pii", "on_fail": "warn"}, {"check": "length", "max_chars": 2000,
                                                                   "on_fail": "warn"}]})
    pg.prompt.setPlainText("Write a Python function that reverses a string. Put the code in a Markdown code block, "
                           "then show two example calls in a Markdown table.")
    pg.run()
    _wait(app, w.wb.runFinished)
    pg.prompt.setPlainText("Thanks! Now explain it in one sentence.")
    return _grab(w, out, "chat", lang)


def _branch(app, w, out: Path, lang: str) -> list[Path]:
    """A new chat with token probabilities recorded, the lens open and a branch from its
    fourth token: the branch is the answer's second alternative, the banner offers History."""
    pg = w.playground
    pg.new_chat()
    w.params.temperature.setValue(0.0)
    w.params.max_tokens.setValue(40)
    w.params.logprobs_on.setChecked(True)
    pg.prompt.setPlainText("Name a colour and say why you like it.")
    pg.run()
    out_run = _wait(app, w.wb.runFinished)[0]
    if not pg.tokens.toggle.isChecked():
        pg.tokens.toggle.click()
    w.branch(out_run.run_id, 3, None, " blue")
    _wait(app, w.wb.branchFinished)
    pg.tokens.picker.select(5)  # a token picked: its alternatives beside the lens
    _settle(app, 600)
    saved = _grab(w, out, "playground-branch", lang)
    w.params.logprobs_on.setChecked(False)
    w.params.temperature.setValue(0.2)
    pg.new_chat()
    return saved


PII_POLICY = {"input": [{"check": "pii", "on_fail": "warn"}], "output": [{"check": "pii", "on_fail": "warn"}]}


def _library_and_checks(app, w, out: Path, lang: str) -> list[Path]:
    """The Library after a template run, and a run with guard checks and a constraint."""
    from runs.spec import RunSpec

    saved = []
    w.show_view("library")
    lib = w.library
    lib.select("sentiment-few-shot")
    lib.editor.form.inputs["review"].setText("A warm, funny film with a brilliant cast. I loved it.")
    _wait(app, lib.editor.previewReady)
    lib.run()
    _wait(app, w.wb.templateFinished)
    _settle(app)
    lib.editor.update_preview()
    _settle(app, 600)
    saved += _grab(w, out, "library", lang)

    spec = RunSpec(prompt="I am Jane, my e-mail is jane.doe@example.com and my phone is +1 415 555 0100. "
                          "Greet me in one short line.",
                   model="smollm2-135m-instruct", mode="chat", params=w.params.params(),
                   n_ctx=w.wb.load_settings.n_ctx, policy=PII_POLICY,
                   constraint={"kind": "regex", "pattern": "Hello[^\\n]{5,60}"})
    w.wb.run(spec)
    _wait(app, w.wb.runFinished)
    w.show_view("history")
    _settle(app)
    w.history.table.selectRow(0)
    d = w.history.detail
    d.tabs.setCurrentWidget(d.checks)
    _settle(app)
    saved += _grab(w, out, "history-checks", lang)
    d.tabs.setCurrentWidget(d.sent)
    _settle(app)
    saved += _grab(w, out, "history-sent", lang)
    return saved


def _experiments(app, w, out: Path, lang: str) -> list[Path]:
    """The Experiments view after a small real batch (the sentiment sweep, 12 cells)."""
    from experiments.fileformat import example_files

    w.show_view("experiments")
    view = w.view("experiments")
    path = next(p for p in example_files() if p.name == "sentiment-sweep.yaml")
    if not view.run_file(path):
        raise SystemExit("the experiment did not start")
    _wait(app, view.runner.finished)
    _wait(app, view.comparisonLoaded)
    view.grid.selectionModel().clearSelection()
    _settle(app, 600)
    saved = _grab(w, out, "experiments", lang)
    view.tabs.setCurrentWidget(view.summary)
    _settle(app, 600)
    saved += _grab(w, out, "experiments-summary", lang)
    view.tabs.setCurrentWidget(view.calibration)
    _settle(app, 300)
    saved += _grab(w, out, "experiments-calibration", lang)
    view.tabs.setCurrentWidget(view.grid)
    return saved


def _arena(app, w, out: Path, lang: str) -> list[Path]:
    """The blind arena on the sentiment sweep (two variants): a few votes, names hidden,
    then revealed."""
    view = w.view("arena")
    w.show_view("arena")
    _wait(app, view.matchupShown)
    for outcome in ("left", "tie", "right", "left", "both_bad", "left"):
        view.vote(outcome)
        _wait(app, view.rankingUpdated)
    _settle(app, 400)
    saved = _grab(w, out, "arena", lang)
    view.reveal.setChecked(True)
    _settle(app, 400)
    saved += _grab(w, out, "arena-revealed", lang)
    view.reveal.setChecked(False)
    return saved


def _determinism(app, w, out: Path, lang: str) -> list[Path]:
    """The run detail's Determinism tab after 3 re-runs of the newest run."""
    w.show_view("history")
    w.history.mark_dirty()
    _settle(app, 600)
    w.history.table.selectRow(0)
    _settle(app)
    d = w.history.detail
    w.check_determinism(d.row["id"], 3)
    _wait(app, w.determinismChecked)
    d.tabs.setCurrentIndex(d.tabs.count() - 1)
    _settle(app, 400)
    saved = _grab(w, out, "history-determinism", lang)
    d.tabs.setCurrentIndex(0)
    w.show_view("experiments")  # where the next shots are taken
    return saved


def _agreement(app, w, out: Path, lang: str) -> list[Path]:
    """The Agreement tab after the built-in quantization experiment (Q4_1 via llama.cpp
    against float32 via transformers, 10 prompts; about a minute)."""
    from experiments.fileformat import example_files

    view = w.view("experiments")
    w.show_view("experiments")  # when it is the only view shot, the window is still on History
    path = next(p for p in example_files() if p.name == "quantization-smollm2.yaml")
    if not view.run_file(path):
        raise SystemExit("the quantization experiment did not start")
    _wait(app, view.runner.finished, timeout_s=1800)  # transformers float32 on a busy CPU
    _wait(app, view.comparisonLoaded)
    view.tabs.setCurrentWidget(view.agreement)
    view.agreement.models.selectRow(1)
    _settle(app, 600)
    return _grab(w, out, "agreement", lang)


def shot_path(out: Path, name: str, lang: str, size: tuple[int, int]) -> Path:
    tail = "" if size == SIZES[0] else f"-{size[0]}x{size[1]}"
    return out / f"{name}{tail}-{lang}.png"


def _grab(window, out: Path, name: str, lang: str) -> list[Path]:
    """The window as it is, at each size of SIZES (back at the first size after)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    for size in SIZES:
        window.resize(*size)
        _settle(app, 500)
        path = shot_path(out, name, lang, size)
        if not window.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        saved.append(path)
    window.resize(*SIZES[0])
    _settle(app, 200)
    return saved


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write PNGs of each main view to docs/screenshots/.")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--lang", choices=LANGS, help="only this language (in this process)")
    ap.add_argument("--theme", choices=("light", "dark", "system"), help="only this theme (default: both)")
    ap.add_argument("--only-chat", action="store_true", help="only the playground and chat shots (quick)")
    ap.add_argument("--only", default=",".join(SECTIONS),
                    help="comma-separated views to shoot: " + ", ".join(SECTIONS))
    args = ap.parse_args(argv)
    only = tuple(v.strip() for v in args.only.split(",") if v.strip())
    unknown = sorted(set(only) - set(SECTIONS))
    if unknown:
        ap.error(f"unknown view(s) {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    if args.lang and args.theme:
        for p in shoot(args.lang, args.out, args.theme, args.only_chat, only):
            print(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p)
        return 0
    xvfb = None if os.environ.get("QT_QPA_PLATFORM") == "offscreen" else start_xvfb()
    try:
        for theme in ((args.theme,) if args.theme else THEMES):
            for lang in ((args.lang,) if args.lang else LANGS):
                folder = args.out / "dark" if theme == "dark" else args.out
                cmd = [sys.executable, "-m", "desktop.screenshots", "--lang", lang, "--theme", theme,
                       "--out", str(folder), "--only", ",".join(only)]
                if args.only_chat:
                    cmd.append("--only-chat")
                subprocess.run(cmd, check=True, cwd=ROOT)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
