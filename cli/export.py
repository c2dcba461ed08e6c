"""CLI: `export IDS... --format html|md|csv|json -o FILE`: a report of stored runs, run again never.
``--reference MODEL`` picks the model the others are compared with; ``--agreement`` writes
only the agreement table (CSV)."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path
from typing import Any

from cli.codes import command


def add_arguments(sub: Any) -> None:
    p = sub.add_parser("export", help="export experiments or runs as a report (html, md, csv, json); runs nothing")
    p.add_argument("ids", nargs="+", metavar="ID", help="experiment ids and/or run ids (unique prefixes work)")
    p.add_argument("--format", choices=("html", "md", "csv", "json"),
                   help="default: from the output file's suffix (md on stdout)")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (default or '-': stdout)")
    p.add_argument("--baseline", metavar="EXPERIMENT_ID", help="compare the experiment against this one")
    p.add_argument("--title", help="report title (default: the experiments' names)")
    p.add_argument("--reference", metavar="MODEL",
                   help="with two or more models: the model the others are compared with (default: the first)")
    p.add_argument("--agreement", action="store_true",
                   help="write only the agreement between models as CSV, one row per model against the reference")


@command("export")
def cmd_export(args: argparse.Namespace, engine: Any) -> int:
    from reports.export import export

    output, old_mode = args.output, None
    if output is not None and str(output) != "-":
        output, old_mode = regular_target(Path(output).expanduser())
    text, path = export(engine.store, args.ids, args.format, output, baseline_id=args.baseline, title=args.title,
                        reference=args.reference, agreement_only=args.agreement)
    if path is None:
        sys.stdout.write(text)
        return 0
    _keep_mode(path, old_mode)
    overwrote = " — it replaced the file that was there" if old_mode is not None else ""
    sys.stderr.write(f"wrote {path} ({len(text.encode('utf-8')):,} bytes){overwrote}\n")
    return 0


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def regular_target(path: Path) -> tuple[Path, int | None]:
    """(where to write, the mode of the file it replaces or None). The report is written to a temporary
    file beside it and renamed over it, so only a regular file (or nothing) may be there; a symlink
    to a file is followed, so the file it points at is the one replaced."""
    from reports.export import ExportError

    try:
        st = path.stat()
    except FileNotFoundError:
        return path, None
    except OSError as exc:
        raise ExportError(f"cannot use {path} as the output: {exc.strerror or exc}") from None
    for test, kind in _KINDS:
        if test(st.st_mode):
            raise ExportError(f"{path} is {kind}, not a regular file; give a file name to write the report to")
    return (path.resolve() if path.is_symlink() else path), stat.S_IMODE(st.st_mode)


def _keep_mode(path: Path, old_mode: int | None) -> None:
    """The temporary file is created private (0600); give the report the mode a file written in place would have."""
    if old_mode is None:
        umask = os.umask(0)
        os.umask(umask)
        old_mode = 0o666 & ~umask
    try:
        os.chmod(path, old_mode)
    except OSError:
        pass
