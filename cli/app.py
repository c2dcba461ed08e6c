"""Argument parsing, engine set-up and error reporting for the CLI.

Every WorkbenchError becomes one line on stderr and a non-zero exit; anything
unexpected also becomes one line, with the traceback written to the log file only.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn

from cli.codes import COMMANDS, EXIT_CANCELLED, EXIT_ERROR, EXIT_INTERNAL, EXIT_USAGE
from common.errors import WorkbenchError

__all__ = ["EXIT_CANCELLED", "EXIT_ERROR", "EXIT_INTERNAL", "EXIT_USAGE", "build_parser", "run_cli"]

log = logging.getLogger("workbench")


class OneLineParser(argparse.ArgumentParser):
    """argparse prints usage plus the error; we print only the error line."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"error: {message} (see --help)\n")
        sys.exit(EXIT_USAGE)


def build_parser() -> OneLineParser:
    from cli import commands  # registers the commands' arguments

    parser = OneLineParser(
        prog="python main.py",
        description="Prompt Workbench: run without a command to open the window.",
    )
    parser.add_argument("--home", help="data folder (default: $PROMPT_WORKBENCH_HOME or the platform's user data folder)")
    parser.add_argument("--lang", choices=("en", "zh_CN"), help="window language (default: settings, else the system locale)")
    parser.add_argument("--theme", choices=("system", "light", "dark"), help="window theme (default: follow the system)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    commands.add_arguments(sub)
    return parser


NAMES = ("run", "rerun", "models", "runs", "show", "templates", "datasets", "batch", "experiments", "export", "stats",
         "import", "export-promptfoo", "arena", "determinism", "branch")


def is_cli_invocation(argv: list[str]) -> bool:
    return any(a in NAMES for a in argv if not a.startswith("-")) or any(a in ("-h", "--help") for a in argv)


def setup_logging(home: Path | None) -> Path:
    """Tracebacks go to a log file in the data folder (or the temp folder)."""
    folder = home if home is not None else Path(tempfile.gettempdir())
    path = folder / "workbench.log"
    try:
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        path = Path(tempfile.gettempdir()) / "prompt-workbench.log"
        handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for h in list(root.handlers):
        if isinstance(h, logging.FileHandler):
            root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def _pop_home(argv: list[str]) -> tuple[str | None, list[str]]:
    """--home may come before or after the command."""
    out, home, i = [], None, 0
    while i < len(argv):
        a = argv[i]
        if a == "--home" and i + 1 < len(argv):
            home, i = argv[i + 1], i + 2
            continue
        if a.startswith("--home="):
            home, i = a.split("=", 1)[1], i + 1
            continue
        out.append(a)
        i += 1
    return home, out


def open_engine(home: str | None) -> Any:
    from runs.engine import Engine

    return Engine.open(home)


def run_cli(argv: list[str]) -> int:
    from cli.bounds import non_utf8

    bad = non_utf8(argv)
    if bad:  # before argparse: its messages would carry the surrogates to stderr
        sys.stderr.write(f"error: {bad}\n")
        return EXIT_USAGE
    home, rest = _pop_home(argv)
    parser = build_parser()
    args = parser.parse_args(rest)
    args.home = home
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    log_path = setup_logging(None)
    engine = None
    try:
        engine = open_engine(home)
        log_path = setup_logging(engine.home)
        return COMMANDS[args.command](args, engine)
    except WorkbenchError as exc:
        log.info("error: %s", exc, exc_info=True)
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("cancelled\n")
        return EXIT_CANCELLED
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: one line, traceback to the log
        log.exception("internal error")
        sys.stderr.write(f"internal error: {type(exc).__name__}: {exc} (details in {log_path})\n")
        return EXIT_INTERNAL
    finally:
        if engine is not None:
            engine.close()


def open_engine_for_window(argv: list[str]) -> tuple[Any, int]:
    home, _ = _pop_home(argv)
    try:
        engine = open_engine(home)
    except WorkbenchError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return None, EXIT_ERROR
    setup_logging(engine.home)
    return engine, 0
