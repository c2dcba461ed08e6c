"""CLI: `templates list|show|import|export` and `run --template`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

from cli.variables import parse_vars
from cli.codes import EXIT_CANCELLED, EXIT_ERROR, command
from common.errors import TemplateError

if TYPE_CHECKING:
    from prompt_library import TemplateLibrary


def library(engine: Any) -> TemplateLibrary:
    from prompt_library import TemplateLibrary

    return TemplateLibrary(user_dir=engine.home / "templates", labels=engine.store)


def add_arguments(sub: Any) -> None:
    p = sub.add_parser("templates", help="list, show, import or export prompt templates")
    tsub = p.add_subparsers(dest="templates_command", metavar="ACTION", required=True)
    q = tsub.add_parser("list", help="built-in and your templates")
    q.add_argument("--json", action="store_true")
    q = tsub.add_parser("show", help="a template's file, variables and its first rendered prompt")
    q.add_argument("name", help="name, or id prefix")
    q = tsub.add_parser("render", help="exactly what the model receives (after its chat template), with the token count")
    q.add_argument("name")
    q.add_argument("--var", action="append", default=[], metavar="KEY=VALUE")
    q.add_argument("--vars-file", metavar="FILE")
    q.add_argument("--model", help="model name or path (default: the default model)")
    q.add_argument("--ctx", type=int, default=4096)
    q = tsub.add_parser("import", help="copy a template file into your library (validated first)")
    q.add_argument("path")
    q.add_argument("--message", "-m", help="a note kept with this version")
    q = tsub.add_parser("versions", help="every saved version of a template, with its time, message and labels")
    q.add_argument("name")
    q.add_argument("--json", action="store_true")
    q = tsub.add_parser("label", help="point a label (baseline, candidate, production, ...) at a version; "
                                      "moving it back is a rollback")
    q.add_argument("name")
    q.add_argument("version", help="version number, id prefix, or another label")
    q.add_argument("label")
    q = tsub.add_parser("diff", help="the YAML difference between two versions")
    q.add_argument("name")
    q.add_argument("a", help="version number, id prefix or label")
    q.add_argument("b", help="version number, id prefix or label")
    q.add_argument("--var", action="append", default=[], metavar="KEY=VALUE",
                   help="also diff the prompt both versions render for these values")
    q.add_argument("--vars-file", metavar="FILE")
    q = tsub.add_parser("export", help="write a template to a file")
    q.add_argument("name")
    q.add_argument("path")


def add_dataset_arguments(sub: Any) -> None:
    p = sub.add_parser("datasets", help="list the bundled datasets or preview a dataset file")
    dsub = p.add_subparsers(dest="datasets_command", metavar="ACTION", required=True)
    dsub.add_parser("list", help="the bundled example datasets")
    q = dsub.add_parser("preview", help="columns and the first rows of a CSV, JSONL or YAML file")
    q.add_argument("path")
    q.add_argument("--rows", type=int, default=5)
    q.add_argument("--json", action="store_true")


@command("datasets")
def cmd_datasets(args: argparse.Namespace, engine: Any) -> int:
    from prompt_library import builtin_datasets, preview_dataset

    if args.datasets_command == "list":
        for path in builtin_datasets():
            print(path)
        return 0
    if args.rows <= 0:
        raise TemplateError(f"--rows must be > 0, got {args.rows}")
    pv = preview_dataset(args.path, args.rows)
    if args.json:
        print(json.dumps({"name": pv.name, "columns": list(pv.columns), "rows": list(pv.rows),
                          "total_rows": pv.total_rows}, ensure_ascii=False, indent=2, default=str))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{pv.name}: {pv.total_rows} rows, columns {', '.join(pv.columns)}")
    for c in pv.columns:
        table.add_column(c, overflow="fold")
    for row in pv.rows:
        table.add_row(*[str(row.get(c, "")) for c in pv.columns])
    Console(width=160).print(table)
    return 0


def add_run_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--template", help="run a template from the library (the prompt argument may then be omitted)")
    p.add_argument("--var", action="append", default=[], metavar="KEY=VALUE", help="a template variable (repeatable)")
    p.add_argument("--vars-file", metavar="FILE", help="template variables from a YAML or JSON mapping")
    p.add_argument("--pattern", help="override the template's pattern: zero-shot, few-shot, zero-shot-cot, "
                                     "few-shot-cot, step-back, self-consistency, least-to-most, chain-of-verification")


@command("templates")
def cmd_templates(args: argparse.Namespace, engine: Any) -> int:
    lib = library(engine)
    action = args.templates_command
    if action == "list":
        infos = lib.list()
        if args.json:
            print(json.dumps([_info_dict(i) for i in infos], ensure_ascii=False, indent=2))
            return 0
        for i in infos:
            d = _info_dict(i)
            status = f"  !! {d['error']}" if d.get("error") else ""
            print(f"{d['name']:<32} {d.get('pattern') or '-':<18} {d.get('language') or '-':<6} {d.get('origin')}{status}")
        return 0
    if action == "show":
        t = lib.get(args.name)
        print(t.yaml_text.rstrip())
        print(f"\n# id {t.id}\n# first stage as sent (before the model's chat template):")
        from prompt_library import render as render_first_stage

        rendered = render_first_stage(t, t.coerce({}))
        if isinstance(rendered, str):
            print(rendered)
        else:
            for m in rendered:
                print(f"[{m.role}] {m.content}")
        return 0
    if action == "render":
        return _render(args, engine, lib)
    if action == "import":
        t = lib.import_file(args.path)
        if args.message:
            engine.store.set_template_message(t.id, t.name, args.message)
        print(f"imported {t.name} ({t.id[:12]})")
        return 0
    if action in ("versions", "label", "diff"):
        from cli.template_versions import run_versions_action

        return run_versions_action(args, engine, lib)
    t_path = lib.export_file(args.name, args.path)
    print(f"exported to {t_path}")
    return 0


def _render(args: argparse.Namespace, engine: Any, lib: TemplateLibrary) -> int:
    from runs.spec import RunSpec
    from runs.templated import spec_for_stage

    from cli.bounds import MAX_CTX

    if not 0 < args.ctx <= MAX_CTX:
        raise TemplateError(f"--ctx must be > 0 and at most {MAX_CTX:,}, got {args.ctx}")
    t = lib.get(args.name)
    values = t.coerce(parse_vars(args.var, args.vars_file))
    from prompt_library import render as render_first_stage

    first = render_first_stage(t, values)
    base = RunSpec(prompt="-", model=args.model, n_ctx=args.ctx)
    prep = engine.pipeline.prepare(spec_for_stage(base, t, values, first, {}, stage=None, parent_id=None, constrained=True))
    print(prep.sent_text)
    stage_note = "" if t.pattern.name in ("zero-shot", "few-shot", "few-shot-cot") else " (first stage of the pattern)"
    sys.stderr.write(f"[{prep.entry.name} · {prep.request.mode} · {prep.prompt_tokens} / {prep.n_ctx} tokens{stage_note}]\n")
    return 0


def _info_dict(i: Any) -> dict[str, Any]:
    d = i.__dict__.copy() if hasattr(i, "__dict__") else dict(i)
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in d.items()}


def run_template_cli(args: argparse.Namespace, engine: Any, base: Any, as_json: bool) -> int:
    import signal

    from backends.base import CancelToken
    from runs.templated import run_template

    t = library(engine).get(args.template).with_pattern(args.pattern)
    values = parse_vars(args.var, args.vars_file)
    unknown = t.unknown_variables(values)
    if unknown:
        raise TemplateError(f"template {t.name} has no variable(s) {', '.join(unknown)}; "
                            f"it declares {', '.join(v.name for v in t.variables) or 'none'}")
    cancel = CancelToken()
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    last_stage: list[str] = []

    def on_token(stage: str, text: str) -> None:
        if as_json:
            return
        if not last_stage or last_stage[-1] != stage:
            last_stage.append(stage)
            sys.stderr.write(f"\n--- {stage} ---\n")
        sys.stdout.write(text)
        sys.stdout.flush()

    try:
        out = run_template(engine.pipeline, t, values, base, cancel=cancel, on_token=on_token)
    finally:
        signal.signal(signal.SIGINT, previous)
    extra = out.pattern.extra if out.pattern else {}
    if as_json:
        print(json.dumps({"run_id": out.run_id, "status": out.status, "final_answer": out.final_answer,
                          "pattern": t.pattern.name, "template_id": t.id, "extra": extra, "error": out.error,
                          "stages": [s.run_id for s in out.stages],
                          "tokens": _stage_tokens(out.stages)}, ensure_ascii=False, indent=2, default=str))
    else:
        sys.stdout.write("\n")
        sys.stderr.write(f"[{t.name} · {t.pattern.name} · {len(out.stages)} stage(s)] final answer: "
                         f"{out.final_answer!r} · run {out.run_id}\n")
        if "agreement" in extra:
            sys.stderr.write(f"votes {extra.get('votes')} · agreement {extra['agreement']:.0%}\n")
    if out.status == "cancelled":
        return EXIT_CANCELLED
    if out.status != "ok":
        sys.stderr.write(f"error: {out.error}\n")
        return EXIT_ERROR
    return 0


def _stage_tokens(stages: list[Any]) -> dict[str, Any]:
    """Each stage run's token probabilities (``run --logprobs K --template ...``)."""
    from cli.tokens import trace_json

    return {s.run_id: trace_json(s.result.tokens) for s in stages
            if s.result is not None and s.result.tokens is not None}
