"""CLI: `export IDS... --format html|md|csv|json -o FILE`: a report of stored runs, run again never.
``--reference MODEL`` picks the model the others are compared with; ``--agreement`` writes
only the agreement table (CSV)."""

from __future__ import annotations

import argparse
import sys
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

    text, path = export(engine.store, args.ids, args.format, args.output, baseline_id=args.baseline, title=args.title,
                        reference=args.reference, agreement_only=args.agreement)
    if path is None:
        sys.stdout.write(text)
    else:
        sys.stderr.write(f"wrote {path} ({len(text.encode('utf-8')):,} bytes)\n")
    return 0
