"""CLI: `batch EXPERIMENT.yaml` runs an experiment grid headless; `experiments` lists them.

Resuming: running the same experiment again (same file content, templates, dataset
and models) resumes the newest unfinished experiment with that config automatically,
running only the cells that did not finish; `--resume ID` names the experiment to
resume, `--new` starts a fresh one. A finished experiment is never resumed: running
its file again starts a new experiment (a new measurement).

Ctrl-C once: the running cell is cancelled and the batch stops (resume it later);
twice: stop at once.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import Any

from cli.codes import EXIT_CANCELLED, command


def add_arguments(sub: Any) -> None:
    p = sub.add_parser("batch", help="run an experiment file (templates x rows x models x params x repeats)")
    p.add_argument("experiment", help="the experiment YAML file")
    p.add_argument("--resume", metavar="EXPERIMENT_ID",
                   help="resume this experiment (default: resume an unfinished one with the same config, if any)")
    p.add_argument("--new", action="store_true", help="start a new experiment even if an unfinished one matches")
    p.add_argument("--yes", action="store_true", help="run a grid larger than its max_cells limit")
    p.add_argument("--max-cells", type=int, help="override the file's max_cells limit")
    p.add_argument("--baseline", metavar="EXPERIMENT_ID", help="compare against this experiment in the summary and reports")
    p.add_argument("--report", metavar="FILE", help="also write a report when done (.html, .md, .csv or .json)")
    p.add_argument("--concurrency", type=_positive, metavar="N",
                   help="requests in flight at once for every server (openai) model, overriding the file's "
                        "concurrency; local models always run one at a time")
    p.add_argument("--dry-run", action="store_true", help="check the file and print the plan; run nothing")
    p.add_argument("--json", action="store_true", help="print the summary as JSON instead of a table")

    p = sub.add_parser("experiments", help="list experiments, newest first")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if not 1 <= n <= 64:
        raise argparse.ArgumentTypeError(f"must be between 1 and 64, got {n}")
    return n


def load(args: argparse.Namespace, engine: Any) -> Any:
    from cli.templates import library
    from experiments.loading import load_experiment

    return load_experiment(
        Path(args.experiment), library=library(engine),
        resolve_model=engine.registry.resolve, default_model=engine.settings.default_model,
        max_cells=args.max_cells, confirm_large=args.yes,
    )


@command("batch")
def cmd_batch(args: argparse.Namespace, engine: Any) -> int:
    from rich.console import Console

    from experiments import runner

    from experiments.plan import plan

    from common.errors import ExperimentNotFoundError
    from experiments.runner import BatchControl
    from reports.grid import CompareError
    from reports.export import check_writable, format_for

    if args.resume and args.new:
        from common.errors import ExperimentError

        raise ExperimentError("--resume and --new contradict each other; give one")
    exp = load(args, engine)  # every bad-input error is raised here, before anything runs
    report_path = None
    if args.report:
        format_for(args.report, None)
        report_path = check_writable(args.report)
    if args.baseline:
        try:
            engine.store.get_experiment(args.baseline)
        except ExperimentNotFoundError as exc:
            raise CompareError(f"baseline: {exc}") from None
    err = Console(stderr=True, highlight=False)
    cells = plan(exp)
    if args.dry_run:
        err.print(f"{exp.name}: {len(cells)} cells = {len(exp.variants)} templates x {len(exp.rows)} rows x "
                  f"{len(exp.models)} models x {len(exp.params)} param sets x {exp.spec.repeats} repeats")
        for m in exp.models:
            where = m.base_url if m.backend == "openai" else "this process"
            err.print(f"  model {m.key}: {m.backend} ({where}), {m.in_flight(args.concurrency)} at a time")
        for c in cells[:20]:
            print(c.key)
        if len(cells) > 20:
            print(f"... and {len(cells) - 20} more")
        return 0

    eid, resumed = runner.start_or_resume(engine.store, exp, resume_id=args.resume, new=args.new,
                                         baseline_id=args.baseline)
    control = BatchControl()
    previous = signal.getsignal(signal.SIGINT)

    def on_sigint(signum: int, frame: Any) -> None:
        if control.cancelled:
            signal.signal(signal.SIGINT, previous)
            raise KeyboardInterrupt
        control.cancel()

    signal.signal(signal.SIGINT, on_sigint)
    try:
        outcome = _run_with_progress(engine, exp, eid, resumed, control, err, args.concurrency)
    finally:
        signal.signal(signal.SIGINT, previous)

    from reports.grid import load_grid
    from reports.summary import summarize

    from reports.grid_stats import grid_statistics

    grid = load_grid(engine.store, [eid])
    stats = grid_statistics(grid)
    summaries = summarize(grid, stats)
    from reports.agreement import agreement_of

    agreement = agreement_of(grid)
    from reports.calibration import calibration_line, grid_calibration

    calibration = grid_calibration(grid)  # the variants whose cells had a choice constraint
    if args.json:
        data = _summary_json(outcome, summaries, agreement)
        data["statistics"] = stats.to_dict()
        data["calibration"] = [c.to_dict() for c in calibration]
        print(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        _print_summary(exp, outcome, summaries)
        _print_comparisons(stats)
        if agreement is not None:
            _print_agreement(agreement)
        for c in calibration:
            Console(width=160).print(f"calibration {calibration_line(c)}", markup=False)
    if report_path is not None:
        from reports.export import export

        export(engine.store, [eid], None, report_path, baseline_id=args.baseline)
        err.print(f"report written to {report_path}")
    if outcome.status == "cancelled":
        err.print(f"cancelled; resume with: python main.py batch {args.experiment} --resume {eid}")
        return EXIT_CANCELLED
    return 0


def _run_with_progress(engine: Any, exp: Any, eid: str, resumed: bool, control: Any, err: Any,
                       concurrency: int | None = None) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from experiments.runner import BatchOutcome, iter_batch

    results = []
    first = None
    last = None
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("elapsed"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                  TextColumn("{task.fields[last]}"), console=err, transient=False) as bar:
        task = None
        for p in iter_batch(engine.pipeline, exp, eid, control=control, concurrency=concurrency):
            last = p
            if first is None:
                first = p
                if resumed:
                    err.print(f"resuming experiment {eid}: {p.skipped} of {p.total + p.skipped} cells already done")
                else:
                    err.print(f"experiment {eid}: {p.total} cells")
                task = bar.add_task(exp.name[:40], total=p.total, last="")
                continue
            if p.result is not None:
                results.append(p.result)
                r = p.result
                mark = "" if r.passed is None else (" pass" if r.passed else " fail")
                bar.update(task, completed=p.done, last=f"{r.status}{mark}: {r.answer[:30]!r}")
    assert last is not None

    status = engine.store.get_experiment(eid)["status"]
    return BatchOutcome(eid, status, last.done, last.skipped, last.total + last.skipped, results)


def _fmt(v: Any, digits: int = 0, pct: bool = False) -> str:
    if v is None:
        return "-"
    if pct:
        return f"{v * 100:.0f}%"
    return f"{v:,.{digits}f}"


def _print_summary(exp: Any, outcome: Any, summaries: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{exp.name} · experiment {outcome.experiment_id} · {outcome.status}")
    for col in ("variant", "runs", "pass rate", "95% CI", "TTFT med ms", "TTFT p90 ms", "decode tok/s", "tokens in/out",
                "guard fails", "errors", "agreement"):
        table.add_column(col, justify="left" if col == "variant" else "right")
    for s in summaries:
        rate = _fmt(s.pass_rate, pct=True) + (f" ({s.passed}/{s.asserted})" if s.asserted else "")
        est = s.intervals.get("pass")
        ci = "-" if est is None or est.low is None else f"{est.low * 100:.0f}–{est.high * 100:.0f}%"
        table.add_row(s.column.label, str(s.runs), rate, ci, _fmt(s.ttft_median_ms), _fmt(s.ttft_p90_ms),
                      _fmt(s.decode_tps_median, 1), f"{s.prompt_tokens:,}/{s.completion_tokens:,}",
                      str(s.guard_failures), str(s.errors), _fmt(s.agreement, pct=True))
    Console(width=160).print(table)


def _print_comparisons(stats: Any) -> None:
    """The paired pass-rate comparisons in words, one line each (none with one variant)."""
    from rich.console import Console

    from reports.stats_text import difference_text, p_text

    console = Console(width=160)
    for c in stats.comparisons("pass"):
        p = "" if c.p_value is None else (f", {p_text(c.p_adjusted if c.correction else c.p_value)}"
                                          + (" Holm" if c.correction else ""))
        diff = "" if c.difference is None else f" ({difference_text(c)}{p})"
        console.print(f"{c.a} vs {c.b}: {c.verdict}{diff}")


def _print_agreement(agreement: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"agreement with {agreement.reference} (same prompts)")
    for col in ("model", "pairs", "answers agree", "identical outputs", "word similarity", "first diff word",
                "pass rate (model / ref)", "tok/s (model / ref)", "weights MB (model / ref)"):
        table.add_column(col, justify="left" if col == "model" else "right", no_wrap=col == "model")
    for m in agreement.comparisons:
        o, r = m.other, m.reference
        table.add_row(o.model, str(m.pairs), _fmt(m.answer_agreement, pct=True), _fmt(m.output_agreement, pct=True),
                      _fmt(m.similarity, 2), _fmt(m.first_difference, 1),
                      f"{_fmt(o.pass_rate, pct=True)} / {_fmt(r.pass_rate, pct=True)}",
                      f"{_fmt(o.decode_tps_median, 1)} / {_fmt(r.decode_tps_median, 1)}",
                      f"{_fmt(o.weights_mb)} / {_fmt(r.weights_mb)}")
    Console(width=160).print(table)


def _summary_json(outcome: Any, summaries: list[Any], agreement: Any = None) -> dict[str, Any]:
    return {
        "experiment_id": outcome.experiment_id, "status": outcome.status, "ran": outcome.ran,
        "skipped": outcome.skipped, "total": outcome.total,
        "variants": [{"label": s.column.label, "runs": s.runs, "pass_rate": s.pass_rate, "passed": s.passed,
                      "asserted": s.asserted, "ttft_median_ms": s.ttft_median_ms, "ttft_p90_ms": s.ttft_p90_ms,
                      "decode_tps_median": s.decode_tps_median, "prompt_tokens": s.prompt_tokens,
                      "completion_tokens": s.completion_tokens, "guard_failures": s.guard_failures,
                      "errors": s.errors, "agreement": s.agreement,
                      "assertion_pass_rates": s.assertion_pass_rates} for s in summaries],
        "agreement": None if agreement is None else {
            "reference": agreement.reference,
            "models": [{"model": m.other.model, "pairs": m.pairs, "answer_agreement": m.answer_agreement,
                        "output_agreement": m.output_agreement, "similarity": m.similarity,
                        "first_difference": m.first_difference, "speed_ratio": m.speed_ratio,
                        "pass_rate": m.other.pass_rate, "reference_pass_rate": m.reference.pass_rate,
                        "weights_mb": m.other.weights_mb, "reference_weights_mb": m.reference.weights_mb}
                       for m in agreement.comparisons]},
    }


@command("experiments")
def cmd_experiments(args: argparse.Namespace, engine: Any) -> int:

    rows = engine.store.list_experiments(args.limit)
    for r in rows:
        r["done_cells"] = len(engine.store.finished_cells(r["id"]))
    if args.json:
        print(json.dumps([{k: v for k, v in r.items() if k != "config_json"} for r in rows], ensure_ascii=False,
                         indent=2))
        return 0
    if not rows:
        sys.stderr.write("no experiments yet\n")
        return 0
    for r in rows:
        print(f"{r['id']}  {r['status']:<11} {r['done_cells']:>5}/{r['total_cells'] or '?':<5} "
              f"{(r['created_utc'] or '')[:19].replace('T', ' ')}  {r['name']}")
    return 0
