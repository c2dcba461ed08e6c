"""CLI: `import promptfoo CONFIG [-o DIR]` and `export-promptfoo EXPERIMENT -o DIR [--results ID]`:
moving test suites between promptfoo and the workbench. Nothing heavy at module level."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cli.codes import command


def add_arguments(sub: Any) -> None:
    p = sub.add_parser("import", help="import another tool's test suite as an experiment (promptfoo)")
    isub = p.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    q = isub.add_parser("promptfoo", help="a promptfooconfig.yaml -> experiment.yaml, templates/ and tests.csv")
    q.add_argument("config", metavar="PATH", help="the promptfoo config (promptfooconfig.yaml)")
    q.add_argument("-o", "--output", metavar="DIR",
                   help="folder to create (default: ./<config folder>-workbench); must not hold files")
    q.add_argument("--model", help="the model for providers that are not a local server (default: the default model)")
    q.add_argument("--judge", metavar="MODEL",
                   help="map model-graded rubrics (llm-rubric, g-eval, ...) to our judge assertion with this model")
    q.add_argument("--dry-run", action="store_true", help="convert and report; write nothing")

    p = sub.add_parser("export-promptfoo", help="write an experiment as a promptfoo config plus CSV "
                                                "(and, with --results, its results as promptfoo's JSON output)")
    p.add_argument("experiment", metavar="EXPERIMENT_FILE")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="folder to create; must not hold files")
    p.add_argument("--results", metavar="EXPERIMENT_ID", help="also write results.json for this stored experiment")


@command("import")
def cmd_import(args: argparse.Namespace, engine: Any) -> int:
    from experiments.promptfoo_in import import_promptfoo

    imp = import_promptfoo(args.config, model=args.model, judge=args.judge)
    n_models = len(imp.experiment.get("models") or [None])
    sys.stderr.write(f"{imp.source.name}: {len(imp.prompts)} prompts x {len(imp.tests)} tests x {n_models} "
                     f"model(s) = {imp.cells_per_model * n_models} cells\n")
    for line in imp.skipped:
        sys.stderr.write(f"  not ported: {line}\n")
    if args.dry_run:
        return 0
    out = Path(args.output) if args.output else Path.cwd() / f"{imp.source.parent.name or 'promptfoo'}-workbench"
    path = imp.write(out)
    sys.stderr.write(f"wrote {path} (run it: python main.py batch {path})\n")
    return 0


@command("export-promptfoo")
def cmd_export_pf(args: argparse.Namespace, engine: Any) -> int:
    from cli.templates import library
    from experiments.promptfoo_out import export_experiment, results_json

    files = export_experiment(args.experiment, library=library(engine))
    if args.results:
        files["results.json"] = results_json(engine.store, args.results)
    path = files.write(args.output)
    sys.stderr.write(f"wrote {path} ({', '.join(files.names())})\n")
    for line in files.skipped:
        sys.stderr.write(f"  not exported: {line}\n")
    return 0
