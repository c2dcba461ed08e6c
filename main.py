"""Prompt Workbench entry point and composition root.

``python main.py`` opens the window; ``python main.py <command> ...`` is the headless
CLI (run, rerun, models, runs, show). Both get the same Engine built here: the store
is opened (and migrated) once, the registry and backend pool are created once.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # tqdm reads this when it is first imported: transformers' GGUF loader draws a tqdm
    # bar on stderr that would garble the CLI's own progress display
    os.environ.setdefault("TQDM_DISABLE", "1")
    from cli.app import is_cli_invocation, run_cli

    if is_cli_invocation(argv):
        return run_cli(argv)
    from cli.app import open_engine_for_window

    engine, code = open_engine_for_window(argv)
    if engine is None:
        return code
    from desktop.app import run_window  # the only place that pulls in Qt

    return run_window(engine, argv)


if __name__ == "__main__":
    sys.exit(main())
