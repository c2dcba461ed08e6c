"""Exports of stored runs: a self-contained HTML report, Markdown, CSV and JSON.

Nothing is run again: a report is built from the run log (``reports.grid``,
``reports.baseline``, ``reports.side_by_side``, ``reports.agreement``). The HTML is one file
with no external assets (inline CSS, charts as inline SVG drawn here, no scripts at
all, and a Content-Security-Policy that forbids them), rendered by Jinja2 with
autoescape on, so every piece of model or user text is escaped. The "only rows where
the variants differ" switch is a checkbox and a CSS rule.

    export(store, ["01JB..."], "html", "report.html")

When the grid has two or more models, every format carries the agreement between
models (each model against a reference model, by default the first): HTML and
Markdown an "Agreement between models" section (a table, notes on what was left out,
and the rows that differ), JSON an ``agreement`` object. The CSV stays one row per
stored run, so that a spreadsheet can filter and pivot it, with these columns for the
agreement:

- ``backend``: llama.cpp, transformers, openai-http... (what the run recorded);
- ``reference_model``: the model the others are compared with (empty with one model);
- ``agrees_with_reference``: True / False when the run's normalized answer equals the
  reference model's on the same cell (same row, template, params set and repeat);
  empty on the reference's own rows, when either run did not end ok, or when the
  reference has no such cell;
- ``similarity_to_reference``: word-level similarity of the outputs (0-1), same rules;
- ``first_difference_word``: 1-based position of the first differing word (empty
  when the words are the same).

``export(..., agreement_only=True)`` (CLI: ``export --agreement``) writes instead the
agreement table as CSV: one row per model against the reference (see
:data:`AGREEMENT_CSV_FIELDS`). The agreement's Markdown, CSV table and JSON are drawn in
``reports.agreement_text``; how values are written as text in ``reports.text``.

Every format carries the statistics (``reports.grid_stats``, ``reports.stats_text``):
each variant's pass rate and means with their 95% intervals (HTML: drawn as whiskers on
the charts), the paired comparisons between variants with the difference, its interval,
the p-value (Holm-adjusted with more than two variants) and a verdict in words, the
baseline's paired test, and the agreement's interval and Cohen's kappa. JSON has them
all under ``statistics`` (with the method, seed and resample count of each figure); the
CSV adds per run its variant's pass rate and mean score with their intervals
(:data:`reports.stats_text.STATS_CSV_FIELDS`).

Longer than ~400 lines because it holds the four exporters side by side (HTML, Markdown,
CSV, JSON): they read one Report and must stay in step, which is easier to see in one file.
"""

from __future__ import annotations

from common.i18n import _

import csv
import dataclasses
import io
import json
import math
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from common.errors import WorkbenchError
from common.resources import resource_dir
from reports.agreement import Agreement, CellPair, agreement_of
from reports.baseline import BaselineComparison, compare_to_baseline
from reports.calibration import Calibration, grid_calibration
from reports.calibration_text import calibration_json, calibration_markdown, reliability_svg
from reports.grid import CompareError, Grid, load_grid, pass_rate, top_answer
from reports.summary import Stability, VariantSummary, stability, summarize
from reports.statistics import DEFAULT as DEFAULT_STATS
from reports.agreement_text import (
    AGREEMENT_CSV_FIELDS,
    MAX_LISTED,
    agreement_json,
    agreement_markdown,
    agreement_records,
    first_difference_text,
)
from reports.text import csv_safe as _csv_safe
from reports.text import md as _md
from reports.text import num as _num
from reports.text import pct as _pct
from reports.text import ratio as _ratio
from reports.text import short as _short
from reports.side_by_side import DiffOp, SideBySide, side_by_side, word_diff
from reports.grid_stats import GridStatistics, cell_pass_interval, grid_statistics
from reports.stats_text import (
    STATS_CSV_FIELDS,
    baseline_markdown,
    comparisons_markdown,
    difference_text,
    interval_table,
    interval_text,
    intervals_markdown,
    kappa_text,
    p_text,
    variant_record,
)
from reports import tokens_report
from runs.store import RUN_DONE, Store, utcnow

REPORT_DIR = resource_dir("report")
FORMATS = ("html", "md", "csv", "json")
MD_CELL = 400  # a Markdown grid cell holds this many characters; rendered tables wrap them
SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json"}
CSV_FIELDS = ("experiment_id", "row", "row_label", "expected", "column", "template", "pattern", "model",
              "backend", "params_set", "repeat", "run_id", "status", "passed", "score", "answer", "output", "ttft_ms",
              "decode_tps", "prompt_tokens", "completion_tokens", "guard_failures", "error", "reference_model",
              "agrees_with_reference", "similarity_to_reference", "first_difference_word", *STATS_CSV_FIELDS,
              *tokens_report.TOKEN_CSV_FIELDS)


class ExportError(WorkbenchError):
    """A report cannot be written (bad format, folder not writable)."""


@dataclass
class Report:
    title: str
    generated_utc: str
    grid: Grid
    summaries: list[VariantSummary]
    stability: list[Stability]
    baseline: BaselineComparison | None = None
    side_by_side: SideBySide | None = None
    agreement: Agreement | None = None  # None: fewer than two models
    statistics: GridStatistics | None = None
    calibration: list[Calibration] = dataclasses.field(default_factory=list)  # variants with answer probabilities
    tokens: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)  # run id -> token summary
    traces: dict[str, Any] | None = None  # run id -> whole trace (JSON export only)
    traces_left_out: int = 0

    @property
    def repeats(self) -> int:
        return max((s.runs for s in self.stability), default=1)

    def unfinished(self) -> list[str]:
        """A line per experiment that stopped before its end: how much of it the figures cover."""
        out = []
        for e in self.grid.experiments:
            if e.get("status") == "done":
                continue
            done = sum(1 for r in self.grid.rows for col in self.grid.columns if col.experiment_id == e["id"]
                       for c in r.cells.get(col.key) or [] if c.status in RUN_DONE)
            total = e.get("total_cells") or "?"
            out.append(f"Experiment {e.get('name')} ({e['id']}) is {e.get('status')}: {done} of {total} cells "
                       "finished. The figures cover those only; resuming the experiment runs the rest.")
        return out


def build_report(store: Store, ids: Sequence[str], *, baseline_id: str | None = None,
                 title: str | None = None, reference: str | None = None) -> Report:
    """Everything a report shows, from the stored runs of ``ids`` (experiments or runs);
    ``reference``: the model the others are compared with (default: the first)."""
    grid = load_grid(store, ids)
    agreement = agreement_of(grid, reference)
    baseline = None
    if baseline_id is None and len(grid.experiments) == 1:
        baseline_id = grid.experiments[0].get("baseline_id") or None
    if baseline_id:
        if len(grid.experiments) != 1:
            raise CompareError(_('a baseline comparison needs exactly one experiment id'))
        baseline = compare_to_baseline(store, grid.experiments[0]["id"], baseline_id)
    sbs = None
    if not grid.experiments and 2 <= len(ids) <= 4:
        sbs = side_by_side(store, ids)
    if title is None:
        names = [e["name"] for e in grid.experiments]
        title = " vs ".join(names) if names else f"{grid.n_runs} runs"
    stats = grid_statistics(grid)
    tokens = tokens_report.summaries(store, _run_ids(grid))
    return Report(title, utcnow(), grid, summarize(grid, stats), stability(grid), baseline, sbs, agreement, stats,
                  grid_calibration(grid), tokens)


def _run_ids(grid: Grid) -> list[str]:
    return [c.run_id for r in grid.rows for v in r.cells.values() for c in v]


# --- HTML ------------------------------------------------------------------------------
def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(REPORT_DIR)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = _num
    env.filters["pct"] = _pct
    env.filters["short"] = _short
    env.filters["ratio"] = _ratio
    env.filters["first_diff"] = first_difference_text
    env.filters["ci"] = interval_text
    env.filters["pval"] = p_text
    env.filters["diff"] = difference_text
    env.filters["kappa"] = kappa_text
    return env


def bar_chart(title: str, items: Sequence[tuple[str, float | None, str]], *, width: int = 560,
              color: str = "#3b6fb6", intervals: Sequence[tuple[float | None, float | None]] | None = None) -> Markup:
    """A horizontal bar chart as inline SVG; labels are escaped here. ``intervals``
    (low, high) per item are drawn as whiskers across the bar's end."""
    bar_h, gap, label_w, top = 18, 8, 210, 26
    values = [v for _, v, _ in items if v is not None and math.isfinite(v)]
    values += [hi for _, hi in intervals or [] if hi is not None and math.isfinite(hi)]
    vmax = max(values, default=0) or 1.0
    height = top + len(items) * (bar_h + gap) + 4
    plot_w = width - label_w - (150 if intervals else 70)  # room for "83% (55–95%)" after a whisker
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f'<text x="0" y="16" class="chart-title">{escape(title)}</text>']
    for i, (label, value, shown) in enumerate(items):
        y = top + i * (bar_h + gap)
        w = 0 if value is None or not math.isfinite(value) else max(1.0, plot_w * value / vmax)
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" class="chart-label">'
                     f'{escape(_short(label, 34))}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}" rx="2"/>')
        end = label_w + w
        low, high = intervals[i] if intervals else (None, None)
        if low is not None and high is not None and math.isfinite(low) and math.isfinite(high):
            x0, x1 = label_w + plot_w * low / vmax, label_w + plot_w * high / vmax
            mid = y + bar_h / 2
            parts.append(f'<g class="interval" stroke="#222" stroke-width="1.5"><line x1="{x0:.1f}" y1="{mid:.1f}" '
                         f'x2="{x1:.1f}" y2="{mid:.1f}"/><line x1="{x0:.1f}" y1="{y + 3}" x2="{x0:.1f}" '
                         f'y2="{y + bar_h - 3}"/><line x1="{x1:.1f}" y1="{y + 3}" x2="{x1:.1f}" '
                         f'y2="{y + bar_h - 3}"/></g>')
            end = max(end, x1)
        parts.append(f'<text x="{end + 5:.1f}" y="{y + 13}" class="chart-value">{escape(shown)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def charts(report: Report) -> list[Markup]:
    s = report.summaries
    out = []
    if any(x.pass_rate is not None for x in s):
        ests = [x.intervals.get("pass") for x in s]
        out.append(bar_chart("Pass rate (95% interval)",
                             [(x.column.label, x.pass_rate, interval_text(e) if e else _pct(x.pass_rate))
                              for x, e in zip(s, ests, strict=True)], color="#2e8b57",
                             intervals=[(e.low, e.high) if e else (None, None) for e in ests]))
    if any(x.intervals.get("score") and x.intervals["score"].estimate is not None for x in s):
        ests = [x.intervals.get("score") for x in s]
        out.append(bar_chart("Mean score (95% interval)",
                             [(x.column.label, e.estimate if e else None, interval_text(e)) for x, e in zip(s, ests,
                                                                                                strict=True)],
                             color="#6a5acd", intervals=[(e.low, e.high) if e else (None, None) for e in ests]))
    if any(x.decode_tps_median is not None for x in s):
        out.append(bar_chart("Decode tokens/s (median)",
                             [(x.column.label, x.decode_tps_median, _num(x.decode_tps_median, 1)) for x in s]))
    if any(x.ttft_median_ms is not None for x in s):
        out.append(bar_chart("TTFT ms (median)", [(x.column.label, x.ttft_median_ms, _num(x.ttft_median_ms))
                                                  for x in s], color="#b8860b"))
    return out


def diff_html(ops: Sequence[DiffOp]) -> Markup:
    """A word diff as escaped HTML: deletions struck, insertions underlined."""
    out = []
    for op in ops:
        if op.tag == "equal":
            out.append(str(escape(op.a)))
        else:
            if op.a:
                out.append(f"<del>{escape(op.a)}</del>")
            if op.b:
                out.append(f"<ins>{escape(op.b)}</ins>")
    return Markup("".join(out))


def render_html(report: Report) -> str:
    stab = {(s.row_index, s.column_key): s for s in report.stability}
    outputs = {c.run_id: c.output for r in report.grid.rows for v in r.cells.values() for c in v}

    def pair_diff(pair: CellPair) -> Markup:
        return diff_html(word_diff(outputs.get(pair.reference_run_id, ""), outputs.get(pair.run_id, "")))

    def cell_ci(runs: Sequence[Any]) -> str:
        est = cell_pass_interval(runs, report.statistics.settings if report.statistics else DEFAULT_STATS)
        return interval_text(est) if est else ""

    return _env().get_template("report.html.j2").render(
        r=report, grid=report.grid, charts=charts(report), stab=stab, diff_html=diff_html, pair_diff=pair_diff,
        cell_ci=cell_ci, interval_table=interval_table, reliability=[reliability_svg(c) for c in report.calibration],
        max_listed=MAX_LISTED, css=Markup((REPORT_DIR / "report.css").read_text(encoding="utf-8")),
    )


# --- Markdown --------------------------------------------------------------------------
def render_markdown(report: Report) -> str:
    g = report.grid
    stopped = sum(s.stopped for s in report.summaries)
    lines = [f"# {_md(report.title, 200)}", "", f"Generated {report.generated_utc} from {g.n_runs} stored runs.", "",
             *(x for line in report.unfinished() for x in (f"**{_md(line, 400)}**", "")),
             "## Summary per variant", "",
             "| variant | runs | pass rate (95% CI) | mean score (95% CI) | TTFT median ms | TTFT p90 ms | decode tok/s "
             "| prompt tok | output tok | guard failures | errors | " + ("stopped | " if stopped else "") + "agreement |",
             "|---|---|---|---|---|---|---|---|---|---|---|" + ("---|" if stopped else "") + "---|"]
    for s in report.summaries:
        rate = interval_text(s.intervals["pass"]) if s.intervals.get("pass") else _pct(s.pass_rate)
        score = interval_text(s.intervals.get("score"))
        lines.append(f"| {_md(s.column.label)} | {s.runs} | {rate} | {score} | {_num(s.ttft_median_ms)} | "
                     f"{_num(s.ttft_p90_ms)} | {_num(s.decode_tps_median, 1)} | {s.prompt_tokens} | "
                     f"{s.completion_tokens} | {s.guard_failures} | {s.errors} | "
                     + (f"{s.stopped} | " if stopped else "") + f"{_pct(s.agreement)} |")
    if stopped:
        lines += ["", f"{stopped} {'cell was' if stopped == 1 else 'cells were'} stopped (cancelled or interrupted) "
                  "before finishing: not counted as errors, and run again when the experiment is resumed."]
    if report.statistics:
        lines += intervals_markdown(report.statistics, g.columns)
        lines += comparisons_markdown(report.statistics)
    if report.agreement:
        lines += agreement_markdown(report.agreement)
    lines += calibration_markdown(report.calibration)
    lines += tokens_report.markdown([(c.run_id, col.label, report.tokens[c.run_id]) for row in g.rows
                                     for col in g.columns for c in row.cells.get(col.key) or []
                                     if c.run_id in report.tokens])
    if report.baseline:
        b = report.baseline
        c = b.counts()
        lines += ["", "## Against the baseline", "",
                  f"Baseline {b.baseline_id}: pass rate {_pct(b.baseline_pass_rate)} -> {_pct(b.pass_rate)}; "
                  f"{c['better']} better, {c['worse']} worse, {c['changed']} changed, {c['same']} same.",
                  *baseline_markdown(b), ""]
        moved = b.of_kind("better", "worse", "changed")
        if moved:
            lines += ["| row | variant | change | baseline | now |", "|---|---|---|---|---|"]
            for ch in moved:
                lines.append(f"| {ch.row_index + 1}. {_md(ch.label, 50)} | {_md(ch.column_label)} | {ch.kind} | "
                             f"{_md(ch.baseline_answer, 40)} | {_md(ch.answer, 40)} |")
    cut = _CountingCut()
    lines += ["", "## Grid", "", "| # | row | expected | " + " | ".join(_md(c.label) for c in g.columns) + " |",
              "|---|---|---|" + "---|" * len(g.columns)]
    for row in g.rows:
        cells = []
        for c in g.columns:
            runs = row.cells.get(c.key) or []
            if not runs:
                cells.append("–")
                continue
            rate = pass_rate(runs)
            mark = "" if rate is None else ("✅ " if rate == 1 else "❌ " if rate == 0 else f"{rate:.0%} ")
            if len(runs) > 1:
                top, n = top_answer(runs)
                est = cell_pass_interval(runs, report.statistics.settings if report.statistics else DEFAULT_STATS)
                ci = f" pass {interval_text(est)}," if est else ""
                cells.append(f"{mark}{cut(top)} ({ci} {n}/{len(runs)} agree)".replace("( ", "("))
            else:
                cells.append(f"{mark}{cut(runs[0].answer if runs[0].status == 'ok' else runs[0].status)}")
        lines.append(f"| {row.index + 1} | {cut(row.title)} | {cut(row.expected)} | " + " | ".join(cells) + " |")
    if cut.count:
        lines += ["", f"{cut.count} grid {'cell was' if cut.count == 1 else 'cells were'} cut at {MD_CELL:,} "
                  "characters; the JSON and CSV exports hold the whole text."]
    return "\n".join(lines) + "\n"


class _CountingCut:
    """A Markdown table cell of at most ``MD_CELL`` characters, counting the cells it cut."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, text: Any) -> str:
        self.count += len(" ".join(str("" if text is None else text).split())) > MD_CELL
        return _md(text, MD_CELL)


# --- CSV / JSON ------------------------------------------------------------------------
def records(report: Report) -> list[dict[str, Any]]:
    """One flat record per stored run of the grid."""
    g = report.grid
    ag = report.agreement
    pairs = ag.by_run() if ag else {}
    out = []
    for row in g.rows:
        for col in g.columns:
            for c in row.cells.get(col.key) or []:
                pair = pairs.get(c.run_id)
                judged = pair is not None and pair.kind != "error"
                out.append({
                    "experiment_id": col.experiment_id, "row": row.index, "row_label": row.label,
                    "expected": row.expected, "column": col.label, "template": col.template_name,
                    "pattern": col.pattern, "model": col.model, "backend": c.backend or col.backend,
                    "params_set": col.params_name, "repeat": c.repeat,
                    "run_id": c.run_id, "status": c.status, "passed": c.passed, "score": c.score, "answer": c.answer,
                    "output": c.output, "ttft_ms": c.ttft_ms, "decode_tps": c.decode_tps,
                    "prompt_tokens": c.prompt_tokens, "completion_tokens": c.completion_tokens,
                    "guard_failures": c.guard_failures, "error": c.error,
                    "reference_model": ag.reference if ag else None,
                    "agrees_with_reference": pair.kind in ("same", "output") if judged else None,
                    "similarity_to_reference": round(pair.similarity, 4) if judged and pair.similarity is not None
                    else None,
                    "first_difference_word": pair.first_difference if judged else None,
                    **variant_record(report.statistics, col.key),
                    **tokens_report.csv_fields(report.tokens.get(c.run_id)),
                })
    return out


def render_csv(report: Report) -> str:
    return _csv(CSV_FIELDS, records(report))


def render_agreement_csv(report: Report) -> str:
    """The agreement table: one row per model against the reference."""
    return _csv(AGREEMENT_CSV_FIELDS, agreement_records(report.agreement))


def _csv(fields: Sequence[str], rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for rec in rows:
        w.writerow({k: _csv_safe(v) for k, v in rec.items()})
    return buf.getvalue()


def render_json(report: Report) -> str:
    g = report.grid

    def col(c: Any) -> dict[str, Any]:
        d = dataclasses.asdict(c)
        d["match_key"] = list(c.match_key)
        return d

    data = {
        "title": report.title,
        "generated_utc": report.generated_utc,
        "ids": g.ids,
        "experiments": [{k: e.get(k) for k in ("id", "name", "status", "created_utc", "baseline_id", "total_cells")}
                        for e in g.experiments],
        "columns": [col(c) for c in g.columns],
        "summaries": [{**{k: v for k, v in dataclasses.asdict(s).items() if k != "column"}, "column": s.column.key}
                      for s in report.summaries],
        "rows": [{"index": r.index, "label": r.label, "variables": r.variables, "expected": r.expected,
                  "differs": r.differs(),
                  "cells": {k: [dataclasses.asdict(c) for c in v] for k, v in r.cells.items()}} for r in g.rows],
        "stability": [dataclasses.asdict(s) for s in report.stability],
        "baseline": dataclasses.asdict(report.baseline) if report.baseline else None,
        "agreement": agreement_json(report.agreement),
        "statistics": report.statistics.to_dict() if report.statistics else None,
        "calibration": calibration_json(report.calibration),
        "tokens": {rid: {**s, **({"trace": report.traces[rid]} if report.traces and rid in report.traces else {})}
                   for rid, s in report.tokens.items()},
    }
    if report.traces_left_out:
        data["tokens_truncated"] = (f"{report.traces_left_out} runs' whole traces were left out to keep the export "
                                    f"under {tokens_report.MAX_EXPORT_STEPS:,} token steps; their summaries are here")
    return json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"


RENDERERS = {"html": render_html, "md": render_markdown, "csv": render_csv, "json": render_json}


# --- writing ---------------------------------------------------------------------------
def format_for(path: str | Path, fmt: str | None) -> str:
    if fmt is None:
        fmt = SUFFIXES.get(Path(path).suffix.lower())
        if fmt is None:
            raise ExportError(_('cannot tell the format from {name!r}; give --format {FORMATS}').format(name=Path(path).name, FORMATS='|'.join(FORMATS)))
    if fmt not in FORMATS:
        raise ExportError(_('unknown format {fmt!r}; use one of {FORMATS}').format(fmt=fmt, FORMATS=', '.join(FORMATS)))
    return fmt


def check_writable(path: str | Path) -> Path:
    """Raise ExportError unless ``path`` can be written (its folder exists and is writable)."""
    p = Path(path).expanduser()
    folder = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise ExportError(_('{p} is a folder; give a file name').format(p=p))
    if not folder.is_dir():
        raise ExportError(_('the output folder {folder} does not exist').format(folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise ExportError(_('the output folder {folder} is not writable').format(folder=folder))
    return p


def write_atomic(path: Path, text: str) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(_('the output folder {parent} is not writable ({value})').format(parent=path.parent, value=exc.strerror or exc)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(_('cannot write {path}: {value}').format(path=path, value=exc.strerror or exc)) from None


def export(store: Store, ids: Sequence[str], fmt: str | None, out: str | Path | None, *,
           baseline_id: str | None = None, title: str | None = None, reference: str | None = None,
           agreement_only: bool = False) -> tuple[str, Path | None]:
    """Render the report of ``ids`` as ``fmt``; write it to ``out`` (None or "-": return only).

    ``reference`` names the model the others are compared with (default: the first);
    ``agreement_only`` writes only the agreement table, as CSV.

    Returns (text, path written). Unknown ids, a bad format or an unwritable folder raise
    one-line errors before anything is written.
    """
    to_file = out is not None and str(out) != "-"
    if agreement_only and fmt is None and not to_file:
        fmt = "csv"
    fmt = format_for(out if to_file else "x", fmt) if (fmt or to_file) else "md"
    if agreement_only and fmt != "csv":
        raise ExportError(_('the agreement table is written as CSV, not {fmt}; the other formats always include the agreement section').format(fmt=fmt))
    path = check_writable(out) if to_file else None  # type: ignore[arg-type]
    report = build_report(store, ids, baseline_id=baseline_id, title=title, reference=reference)
    if agreement_only and report.agreement is None:
        raise ExportError(_('no agreement to export: the comparison has fewer than two models'))
    if fmt == "json" and report.tokens:
        report.traces, report.traces_left_out = tokens_report.traces(store, list(report.tokens))
    text = render_agreement_csv(report) if agreement_only else RENDERERS[fmt](report)
    if path is not None:
        write_atomic(path, text)
    return text, path


__all__ = [
    "AGREEMENT_CSV_FIELDS", "CSV_FIELDS", "ExportError", "FORMATS", "Report", "bar_chart", "build_report",
    "check_writable", "diff_html", "export", "format_for", "records", "render_agreement_csv", "render_csv",
    "render_html", "render_json", "render_markdown",
]
