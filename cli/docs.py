"""Regenerate the CLI reference in README.md from the parser, so it cannot drift.

    python -m cli.docs          rewrite the block between the markers
    python -m cli.docs --check  exit 1 if the README is out of date (a test runs this)
"""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stdout
from pathlib import Path

from cli.app import build_parser

START, END = "<!-- cli-help:start -->", "<!-- cli-help:end -->"
README = Path(__file__).resolve().parent.parent / "README.md"


def render() -> str:
    import os

    os.environ["COLUMNS"] = "100"
    parser = build_parser()
    blocks = ["```", parser.format_help().rstrip(), "```"]
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, p in sub.choices.items():
        buf = io.StringIO()
        with redirect_stdout(buf):
            p.print_help()
        blocks += ["", f"#### `{name}`", "", "```", buf.getvalue().rstrip(), "```"]
    return "\n".join(blocks)


def updated(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{render()}\n{END}{tail}"


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in sys.argv:
        if new != text:
            print("README.md CLI reference is out of date: run `python -m cli.docs`")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
