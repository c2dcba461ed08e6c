"""Comparison tables and metrics over stored runs (nothing here runs a model).

The public API, for the window, the CLI and the reports:

- :func:`load_grid` -> :class:`Grid`: rows are dataset rows, columns are variants
  (template, pattern, model, params set); each cell holds the runs of its repeats
  (:class:`GridCell`: output, answer, pass/fail, tokens/s...). ``Grid.differing()``
  keeps the rows where the variants' answers or verdicts differ.
- :func:`summarize` -> ``list[VariantSummary]``: per column, pass rate, median and
  p90 TTFT, decode tokens/s, tokens used, guard failures, errors.
- :func:`stability` -> ``list[Stability]``: per cell, distinct answers over repeats
  and the agreement rate of the most common one.
- :func:`side_by_side` -> :class:`SideBySide`: 2-4 runs with word-level diffs of
  their outputs and of what was sent (each against the first).
- :func:`compare_to_baseline` -> :class:`BaselineComparison`: rows that got better,
  worse, or changed against a baseline experiment.

Ids may be experiment ids or run ids (prefixes of 4+ characters accepted); runs not
made by an experiment are grouped into columns by template, pattern, model and
params, and into rows by their variables (or their prompt).
"""

from __future__ import annotations

import difflib
import json
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from common.errors import RunNotFoundError, WorkbenchError
from runs.batch import DONE, ExperimentNotFoundError, get_experiment, parse_cell_key
from runs.store import Store

RUN_COLUMNS = ("id", "experiment_id", "cell_key", "template_id", "pattern", "model_name", "params_json",
               "variables_json", "status", "error", "output", "sent_text", "extra_json", "ttft_ms", "decode_tps",
               "prompt_tokens", "completion_tokens", "cached_tokens", "total_ms", "started_utc", "prompt_ms",
               "gen_ms")


class CompareError(WorkbenchError):
    """The runs asked for cannot be compared (unknown ids, wrong number of runs)."""


# --- data ------------------------------------------------------------------------------
@dataclass
class Column:
    """A variant: one template version (and pattern) x model x params set."""

    key: str
    label: str
    template_id: str | None
    template_name: str | None
    pattern: str | None
    model: str | None
    params_name: str | None
    params: dict[str, Any]
    experiment_id: str | None = None
    match_key: tuple[Any, ...] = ()  # what matches this column across experiments (no template version)


@dataclass
class GridCell:
    """One run of a cell (one repeat)."""

    run_id: str
    status: str
    output: str
    answer: str
    sent_text: str
    repeat: int
    passed: bool | None  # None: no assertions
    score: float | None
    assertions: list[dict[str, Any]]
    guard_failures: int
    ttft_ms: float | None
    decode_tps: float | None
    prompt_tokens: int | None
    completion_tokens: int | None
    cached_tokens: int | None
    total_ms: float | None
    error: str | None


@dataclass
class GridRow:
    index: int
    variables: dict[str, Any]
    expected: Any
    cells: dict[str, list[GridCell]] = field(default_factory=dict)  # column key -> repeats

    @property
    def label(self) -> str:
        """A short text for the row: its first variable's value."""
        for v in self.variables.values():
            if isinstance(v, str) and v.strip():
                return v
        return json.dumps(self.variables, ensure_ascii=False) if self.variables else f"row {self.index + 1}"

    def differs(self) -> bool:
        """The variants gave different (normalized) answers or different verdicts."""
        answers, verdicts = set(), set()
        for runs in self.cells.values():
            if not runs:
                continue
            answers.add(top_answer(runs)[0])
            verdicts.add(pass_rate(runs))
        return len(answers) > 1 or len(verdicts) > 1


@dataclass
class Grid:
    ids: list[str]
    experiments: list[dict[str, Any]]
    columns: list[Column]
    rows: list[GridRow]

    def differing(self) -> list[GridRow]:
        """Only the rows where the variants differ."""
        return [r for r in self.rows if r.differs()]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def cells(self, column_key: str) -> list[GridCell]:
        return [c for r in self.rows for c in r.cells.get(column_key, [])]

    @property
    def n_runs(self) -> int:
        return sum(len(v) for r in self.rows for v in r.cells.values())


@dataclass
class VariantSummary:
    column: Column
    runs: int
    ok: int
    errors: int  # error, blocked, cancelled, interrupted
    asserted: int  # runs with assertions
    passed: int
    pass_rate: float | None  # None: no assertions
    ttft_median_ms: float | None
    ttft_p90_ms: float | None
    decode_tps_median: float | None
    prompt_tokens: int
    completion_tokens: int
    guard_failures: int
    assertion_pass_rates: dict[str, float]
    agreement: float | None  # mean agreement over repeats (None with one repeat)


@dataclass
class Stability:
    row_index: int
    column_key: str
    runs: int
    distinct: int
    top_answer: str
    agreement: float  # share of repeats giving the most common answer
    answers: dict[str, int]


@dataclass
class DiffOp:
    tag: str  # equal | insert | delete | replace
    a: str
    b: str


@dataclass
class SideBySide:
    runs: list[dict[str, Any]]
    output_diffs: list[list[DiffOp]]  # output_diffs[i]: runs[0] -> runs[i+1]
    sent_diffs: list[list[DiffOp]]
    checks: list[list[dict[str, Any]]]


@dataclass
class RowChange:
    row_index: int
    label: str
    column_label: str
    kind: str  # better | worse | changed | same | new | missing
    baseline_answer: str | None
    answer: str | None
    baseline_pass_rate: float | None
    pass_rate: float | None
    baseline_run_id: str | None
    run_id: str | None


@dataclass
class BaselineComparison:
    experiment_id: str
    baseline_id: str
    changes: list[RowChange]
    pass_rate: float | None
    baseline_pass_rate: float | None

    def counts(self) -> dict[str, int]:
        c = Counter(ch.kind for ch in self.changes)
        return {k: c.get(k, 0) for k in ("better", "worse", "changed", "same", "new", "missing")}

    def of_kind(self, *kinds: str) -> list[RowChange]:
        return [c for c in self.changes if c.kind in kinds]


# --- helpers ---------------------------------------------------------------------------
def normalize(answer: str | None) -> str:
    return " ".join((answer or "").split()).casefold().rstrip(".")


def top_answer(runs: Sequence[GridCell]) -> tuple[str, int]:
    counts = Counter(normalize(r.answer if r.status == "ok" else f"<{r.status}>") for r in runs)
    answer, n = max(counts.items(), key=lambda kv: (kv[1], kv[0] == ""), default=("", 0))
    return answer, n


def pass_rate(runs: Sequence[GridCell]) -> float | None:
    judged = [r.passed for r in runs if r.passed is not None]
    return sum(judged) / len(judged) if judged else None


def percentile(values: Iterable[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100), None for no values."""
    xs = sorted(v for v in values if v is not None)
    if not xs:
        return None
    if len(xs) == 1:
        return float(xs[0])
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return float(xs[lo] + (xs[hi] - xs[lo]) * (pos - lo))


def _loads(text: Any) -> Any:
    if not text:
        return {}
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return {}


def params_label(params: dict[str, Any]) -> str:
    shown = []
    for k, short in (("temperature", "T"), ("top_p", "top_p"), ("top_k", "top_k"), ("max_tokens", "max")):
        if k in params and params[k] is not None:
            shown.append(f"{short}={params[k]:g}" if isinstance(params[k], float) else f"{short}={params[k]}")
    return " ".join(shown)


# --- loading ---------------------------------------------------------------------------
def resolve_ids(store: Store, ids: Sequence[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(experiments, loose runs) for ``ids``; raises CompareError naming the first unknown id."""
    if not ids:
        raise CompareError("give at least one experiment or run id")
    experiments, runs = [], []
    for raw in ids:
        i = raw.strip()
        try:
            experiments.append(get_experiment(store, i))
            continue
        except ExperimentNotFoundError as exc:
            if "ambiguous" in str(exc):
                raise CompareError(str(exc)) from None
        try:
            runs.append(store.get_run(i))
        except RunNotFoundError as exc:
            if "ambiguous" in str(exc):
                raise CompareError(str(exc)) from None
            raise CompareError(f"no experiment or run with id {i!r} in {store.path}") from None
    return experiments, runs


def load_grid(store: Store, ids: Sequence[str]) -> Grid:
    """The comparison grid of the experiments and runs named by ``ids``."""
    experiments, loose = resolve_ids(store, ids)
    columns: dict[str, Column] = {}
    rows: dict[Any, GridRow] = {}
    multi = len(experiments) + (1 if loose else 0) > 1
    cols = ", ".join(RUN_COLUMNS)
    for exp in experiments:
        config = _loads(exp.get("config_json"))
        labels = {t["id"][:16]: t["label"] for t in config.get("templates", [])}
        names = {t["id"][:16]: t.get("name") for t in config.get("templates", [])}
        params_sets = (config.get("spec") or {}).get("params") or {}
        with store._guard():
            found = list(store.db.query(
                f"SELECT {cols} FROM runs WHERE experiment_id = ? AND parent_id IS NULL AND cell_key IS NOT NULL "
                f"ORDER BY id", [exp["id"]]))
        latest: dict[str, dict[str, Any]] = {}
        for r in found:  # per cell: the latest finished run, else the latest run
            prev = latest.get(r["cell_key"])
            if prev is None or r["status"] in DONE or prev["status"] not in DONE:
                latest[r["cell_key"]] = r
        checks = _checks(store, [r["id"] for r in latest.values()], experiment_id=exp["id"])
        for key, r in latest.items():
            parts = parse_cell_key(key)
            if parts is None:
                continue
            tpl = parts["t"]
            ckey = f"{exp['id']}|{tpl}|{parts['m']}|{parts['p']}"
            if ckey not in columns:
                label_bits = [labels.get(tpl, r["pattern"] or tpl[:8])]
                columns[ckey] = Column(
                    ckey, "", r["template_id"], names.get(tpl), r["pattern"], parts["m"], parts["p"],
                    params_sets.get(parts["p"]) or _loads(r["params_json"]), exp["id"],
                    (labels.get(tpl), parts["m"], parts["p"]))
                columns[ckey].label = " · ".join(label_bits)
            row = rows.get(parts["row"])
            if row is None:
                variables = _loads(r["variables_json"])
                batch = _loads(r["extra_json"]).get("batch") or {}
                row = rows[parts["row"]] = GridRow(parts["row"], variables if isinstance(variables, dict) else {},
                                                   batch.get("expected"))
            row.cells.setdefault(ckey, []).append(_cell(r, parts["r"], checks.get(r["id"], ([], 0))))
    if loose:
        _add_loose(store, loose, columns, rows)
    ordered_rows = [rows[k] for k in sorted(rows, key=lambda k: (isinstance(k, str), k))]
    for row in ordered_rows:
        for runs in row.cells.values():
            runs.sort(key=lambda c: c.repeat)
    col_list = list(columns.values())
    _label_columns(col_list, multi)
    return Grid(list(ids), experiments, col_list, ordered_rows)


def _checks(store: Store, run_ids: list[str], *, experiment_id: str | None = None) -> dict[str, tuple[list[dict[str, Any]], int]]:
    """run id -> (assertion rows, guard failures); guard failures include child runs (stages)."""
    out: dict[str, tuple[list[dict[str, Any]], int]] = {}
    if not run_ids:
        return out
    wanted = set(run_ids)
    with store._guard():
        if experiment_id is not None:
            rows = store.db.query(
                "SELECT c.run_id, c.stage, c.name, c.verdict, c.score, c.message, r.parent_id, r.cell_key "
                "FROM checks c JOIN runs r ON r.id = c.run_id WHERE r.experiment_id = ? ORDER BY c.id",
                [experiment_id])
            rows = list(rows)
        else:
            rows = []
            for i in range(0, len(run_ids), 500):
                chunk = run_ids[i:i + 500]
                marks = ",".join("?" * len(chunk))
                rows += list(store.db.query(
                    f"SELECT c.run_id, c.stage, c.name, c.verdict, c.score, c.message, r.parent_id, r.cell_key "
                    f"FROM checks c JOIN runs r ON r.id = c.run_id WHERE c.run_id IN ({marks}) "
                    f"OR r.parent_id IN ({marks}) ORDER BY c.id", chunk + chunk))
    for c in rows:
        owner = c["run_id"] if c["run_id"] in wanted else c["parent_id"]
        if owner not in wanted:
            continue
        assertions, guards = out.get(owner, ([], 0))
        if c["stage"] == "assertion":
            if c["run_id"] == owner:
                assertions.append({"name": c["name"], "verdict": c["verdict"], "score": c["score"],
                                   "message": c["message"]})
        elif c["verdict"] == "fail":
            guards += 1
        out[owner] = (assertions, guards)
    return out


def _cell(r: dict[str, Any], repeat: int, checks: tuple[list[dict[str, Any]], int]) -> GridCell:
    assertions, guards = checks
    extra = _loads(r.get("extra_json"))
    batch = extra.get("batch") if isinstance(extra, dict) else None
    answer = (batch or {}).get("answer")
    if answer is None:
        answer = (r.get("output") or "").strip()
    passed = None if not assertions else all(a["verdict"] != "fail" for a in assertions)
    scores = [a["score"] for a in assertions if a["score"] is not None]
    return GridCell(
        run_id=r["id"], status=r["status"], output=r.get("output") or "", answer=answer or "",
        sent_text=r.get("sent_text") or "", repeat=repeat, passed=passed,
        score=sum(scores) / len(scores) if scores else None, assertions=assertions, guard_failures=guards,
        ttft_ms=r.get("ttft_ms"), decode_tps=r.get("decode_tps"), prompt_tokens=r.get("prompt_tokens"),
        completion_tokens=r.get("completion_tokens"), cached_tokens=r.get("cached_tokens"),
        total_ms=r.get("total_ms"), error=r.get("error"),
    )


def _add_loose(store: Store, loose: list[dict[str, Any]], columns: dict[str, Column], rows: dict[Any, GridRow]) -> None:
    names: dict[str, str] = {}
    tids = {r["template_id"] for r in loose if r.get("template_id")}
    if tids:
        with store._guard():
            marks = ",".join("?" * len(tids))
            names = {t["id"]: t["name"] for t in store.db.query(
                f"SELECT id, name FROM templates WHERE id IN ({marks})", list(tids))}
    checks = _checks(store, [r["id"] for r in loose])
    row_keys: dict[str, int] = {}
    base = max((k for k in rows if isinstance(k, int)), default=-1) + 1
    for r in sorted(loose, key=lambda x: x["id"]):
        params = {k: v for k, v in _loads(r.get("params_json")).items() if k != "seed"}
        ckey = "runs|" + json.dumps([r.get("template_id"), r.get("pattern"), r.get("model_name"), params], sort_keys=True)
        if ckey not in columns:
            tname = names.get(r.get("template_id") or "", None)
            columns[ckey] = Column(ckey, "", r.get("template_id"), tname, r.get("pattern"), r.get("model_name"),
                                   params_label(params) or None, params, None, (tname, r.get("model_name")))
        variables = _loads(r.get("variables_json"))
        rkey = json.dumps(variables, sort_keys=True) if variables else "sent:" + (r.get("sent_text") or "")
        if rkey not in row_keys:
            row_keys[rkey] = base + len(row_keys)
            rows[row_keys[rkey]] = GridRow(row_keys[rkey], variables if isinstance(variables, dict) and variables
                                           else {"prompt": _user_text(r)}, None)
        cells = rows[row_keys[rkey]].cells.setdefault(ckey, [])
        cells.append(_cell(r, len(cells), checks.get(r["id"], ([], 0))))


def _user_text(r: dict[str, Any]) -> str:
    spec = _loads(r.get("spec_json")) if "spec_json" in r else {}
    if isinstance(spec, dict) and spec.get("prompt"):
        return spec["prompt"]
    return (r.get("sent_text") or "")[-300:]


def _label_columns(cols: list[Column], multi_source: bool) -> None:
    """Labels name what varies: template (pattern), model, params set, and the experiment if several."""

    def varies(get: Any) -> bool:
        return len({get(c) for c in cols}) > 1

    show_model = varies(lambda c: c.model)
    show_params = varies(lambda c: c.params_name)
    for c in cols:
        base = c.label or c.template_name or (c.pattern or "prompt")
        bits = [base]
        if show_model or len(cols) == 1:
            bits.append(c.model or "-")
        if show_params and c.params_name:
            bits.append(c.params_name)
        if multi_source:
            bits.append(f"exp {c.experiment_id[-6:]}" if c.experiment_id else "runs")
        c.label = " · ".join(b for b in bits if b)
    seen: Counter[str] = Counter()
    for c in cols:
        seen[c.label] += 1
        if seen[c.label] > 1:
            c.label = f"{c.label} #{seen[c.label]}"


# --- metrics ---------------------------------------------------------------------------
def summarize(grid: Grid) -> list[VariantSummary]:
    out = []
    stab = stability(grid)
    for col in grid.columns:
        cells = grid.cells(col.key)
        ok = [c for c in cells if c.status == "ok"]
        judged = [c for c in cells if c.passed is not None]
        per_assertion: dict[str, list[bool]] = {}
        for c in cells:
            for a in c.assertions:
                per_assertion.setdefault(a["name"], []).append(a["verdict"] != "fail")
        agreements = [s.agreement for s in stab if s.column_key == col.key and s.runs > 1]
        out.append(VariantSummary(
            column=col, runs=len(cells), ok=len(ok), errors=len(cells) - len(ok), asserted=len(judged),
            passed=sum(1 for c in judged if c.passed),
            pass_rate=(sum(1 for c in judged if c.passed) / len(judged)) if judged else None,
            ttft_median_ms=percentile((c.ttft_ms for c in ok if c.ttft_ms is not None), 50),
            ttft_p90_ms=percentile((c.ttft_ms for c in ok if c.ttft_ms is not None), 90),
            decode_tps_median=percentile((c.decode_tps for c in ok if c.decode_tps), 50),
            prompt_tokens=sum(c.prompt_tokens or 0 for c in cells),
            completion_tokens=sum(c.completion_tokens or 0 for c in cells),
            guard_failures=sum(c.guard_failures for c in cells),
            assertion_pass_rates={k: sum(v) / len(v) for k, v in per_assertion.items()},
            agreement=statistics.fmean(agreements) if agreements else None,
        ))
    return out


def stability(grid: Grid) -> list[Stability]:
    out = []
    for row in grid.rows:
        for col in grid.columns:
            runs = row.cells.get(col.key) or []
            if not runs:
                continue
            counts = Counter(normalize(r.answer if r.status == "ok" else f"<{r.status}>") for r in runs)
            top, n = top_answer(runs)
            out.append(Stability(row.index, col.key, len(runs), len(counts), top, n / len(runs), dict(counts)))
    return out


# --- side by side ----------------------------------------------------------------------
_WORDS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def word_diff(a: str, b: str) -> list[DiffOp]:
    """Word-level diff: joining each op's ``a`` gives ``a`` back, joining ``b`` gives ``b``."""
    ta, tb = _WORDS.findall(a or ""), _WORDS.findall(b or "")
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    return [DiffOp(tag, "".join(ta[i1:i2]), "".join(tb[j1:j2])) for tag, i1, i2, j1, j2 in sm.get_opcodes()]


def side_by_side(store: Store, run_ids: Sequence[str]) -> SideBySide:
    """2 to 4 runs, each diffed against the first."""
    if not 2 <= len(run_ids) <= 4:
        raise CompareError(f"pick 2 to 4 runs for a side-by-side, got {len(run_ids)}")
    runs = []
    for rid in run_ids:
        try:
            runs.append(store.get_run(rid))
        except RunNotFoundError as exc:
            raise CompareError(str(exc)) from None
    first = runs[0]
    return SideBySide(
        runs=runs,
        output_diffs=[word_diff(first.get("output") or "", r.get("output") or "") for r in runs[1:]],
        sent_diffs=[word_diff(first.get("sent_text") or "", r.get("sent_text") or "") for r in runs[1:]],
        checks=[store.checks_for(r["id"]) for r in runs],
    )


# --- baseline --------------------------------------------------------------------------
def compare_to_baseline(store: Store, experiment_id: str, baseline_id: str) -> BaselineComparison:
    """Per row and matched variant: better (pass rate up), worse (down), changed (same
    verdicts, different answer), same; ``new``/``missing`` where only one side has it."""
    for i in (experiment_id, baseline_id):
        try:
            get_experiment(store, i)
        except ExperimentNotFoundError as exc:
            raise CompareError(str(exc)) from None
    cur, base = load_grid(store, [experiment_id]), load_grid(store, [baseline_id])
    pairs = _match_columns(cur.columns, base.columns)
    base_rows = {r.index: r for r in base.rows}
    changes: list[RowChange] = []
    for row in cur.rows:
        brow = base_rows.get(row.index)
        for col, bcol in pairs:
            runs = row.cells.get(col.key) if col else None
            bruns = brow.cells.get(bcol.key) if (brow and bcol) else None
            label = (col or bcol).label  # type: ignore[union-attr]
            changes.append(_change(row, label, runs, bruns))
    for brow in base.rows:
        if brow.index not in {r.index for r in cur.rows}:
            for _, bcol in pairs:
                if bcol and brow.cells.get(bcol.key):
                    changes.append(_change(brow, bcol.label, None, brow.cells[bcol.key]))
    cur_rate = _overall(cur)
    base_rate = _overall(base)
    return BaselineComparison(cur.experiments[0]["id"], base.experiments[0]["id"], changes, cur_rate, base_rate)


def _overall(grid: Grid) -> float | None:
    judged = [c.passed for r in grid.rows for v in r.cells.values() for c in v if c.passed is not None]
    return sum(judged) / len(judged) if judged else None


def _match_columns(cur: list[Column], base: list[Column]) -> list[tuple[Column | None, Column | None]]:
    if len(cur) == 1 and len(base) == 1:
        return [(cur[0], base[0])]
    by_key = {b.match_key: b for b in base}
    pairs: list[tuple[Column | None, Column | None]] = []
    used = set()
    for c in cur:
        b = by_key.get(c.match_key)
        if b is None:
            b = next((x for x in base if (x.model, x.params_name) == (c.model, c.params_name)
                      and x.key not in used and len([y for y in cur if (y.model, y.params_name) == (c.model, c.params_name)]) == 1), None)
        if b is not None:
            used.add(b.key)
        pairs.append((c, b))
    pairs += [(None, b) for b in base if b.key not in used]
    return pairs


def _change(row: GridRow, label: str, runs: list[GridCell] | None, bruns: list[GridCell] | None) -> RowChange:
    ans = top_answer(runs)[0] if runs else None
    bans = top_answer(bruns)[0] if bruns else None
    rate = pass_rate(runs) if runs else None
    brate = pass_rate(bruns) if bruns else None
    if not runs:
        kind = "missing"
    elif not bruns:
        kind = "new"
    elif rate is not None and brate is not None and rate != brate:
        kind = "better" if rate > brate else "worse"
    elif ans != bans:
        kind = "changed"
    else:
        kind = "same"
    return RowChange(row.index, row.label, label, kind, bans, ans, brate, rate,
                     bruns[0].run_id if bruns else None, runs[0].run_id if runs else None)


__all__ = [
    "BaselineComparison", "Column", "CompareError", "DiffOp", "Grid", "GridCell", "GridRow", "RowChange",
    "SideBySide", "Stability", "VariantSummary", "compare_to_baseline", "load_grid", "normalize", "pass_rate",
    "percentile", "resolve_ids", "side_by_side", "stability", "summarize", "top_answer", "word_diff",
]
