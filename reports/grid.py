"""Comparison tables and metrics over stored runs (nothing here runs a model).

The public API, for the window, the CLI and the reports:

- :func:`load_grid` -> :class:`Grid`: rows are dataset rows, columns are variants
  (template, pattern, model, params set); each cell holds the runs of its repeats
  (:class:`GridCell`: output, answer, pass/fail, tokens/s...). ``Grid.differing()``
  keeps the rows where the variants' answers or verdicts differ.
Built on the grid, in their own modules: ``reports.summary`` (per variant figures and
stability over repeats), ``reports.side_by_side`` (2-4 runs with word
diffs), ``reports.baseline`` (rows better or worse than a baseline experiment) and
``reports.agreement`` (each model against a reference model on the same cells).

Ids may be experiment ids or run ids (prefixes of 4+ characters accepted); runs not
made by an experiment are grouped into columns by template, pattern, model and
params, and into rows by their variables (or their prompt).
"""

from __future__ import annotations

from common.i18n import _

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from common.errors import ExperimentNotFoundError, RunNotFoundError, WorkbenchError
from experiments.loading import Experiment
from experiments.plan import parse_cell_key, plan
from runs.store import RUN_DONE, Store

RUN_COLUMNS = ("id", "experiment_id", "cell_key", "template_id", "pattern", "backend", "model_name", "params_json",
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
    backend: str | None = None  # llama.cpp | transformers | openai (None: not recorded)

    @property
    def variant_key(self) -> tuple[Any, ...]:
        """Everything but the model: columns with the same variant key differ only by model."""
        if self.experiment_id and self.key.startswith(f"{self.experiment_id}|"):
            exp, tpl, _model, *params = self.key.split("|")  # a model key never holds "|"
            return (exp, tpl, "|".join(params))
        return (None, self.template_id, self.pattern, json.dumps(self.params, sort_keys=True, default=str))


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
    backend: str | None = None
    model_name: str | None = None
    memory: dict[str, float] | None = None  # extra_json["memory"]: weights_mb, load_rss_mb (local backends)
    answer_probs: dict[str, Any] | None = None  # extra_json["answer_probs"]: a choice's answers scored


@dataclass
class GridRow:
    index: int
    variables: dict[str, Any]
    expected: Any
    cells: dict[str, list[GridCell]] = field(default_factory=dict)  # column key -> repeats
    description: str | None = None  # the row's own name, where its file gave one (a promptfoo test's)

    @property
    def label(self) -> str:
        """A short text for the row: its first variable's value."""
        for v in self.variables.values():
            if isinstance(v, str) and v.strip():
                return v
        return json.dumps(self.variables, ensure_ascii=False) if self.variables else f"row {self.index + 1}"

    @property
    def title(self) -> str:
        """The row as a person tells it apart: "description — input", or the input alone."""
        return f"{self.description} — {self.label}" if self.description else self.label

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
        raise CompareError(_('give at least one experiment or run id'))
    experiments, runs = [], []
    for raw in ids:
        i = raw.strip()
        try:
            experiments.append(store.get_experiment(i))
            continue
        except ExperimentNotFoundError as exc:
            if "ambiguous" in str(exc):
                raise CompareError(str(exc)) from None
        try:
            runs.append(store.get_run(i))
        except RunNotFoundError as exc:
            if "ambiguous" in str(exc):
                raise CompareError(str(exc)) from None
            raise CompareError(_('no experiment or run with id {i!r} in {path}').format(i=i, path=store.path)) from None
    return experiments, runs


def load_grid(store: Store, ids: Sequence[str], plans: dict[str, Experiment] | None = None) -> Grid:
    """The comparison grid of the experiments and runs named by ``ids``. ``plans`` maps an
    experiment id to the loaded experiment it runs (a batch in progress): its cells that
    have no run yet are in the grid too, as rows and columns with no runs, in plan order."""
    experiments, loose = resolve_ids(store, ids)
    columns: dict[str, Column] = {}
    rows: dict[Any, GridRow] = {}
    multi = len(experiments) + (1 if loose else 0) > 1
    for exp in experiments:
        made = _ExperimentColumns(exp, columns)
        planned = (plans or {}).get(exp["id"])
        for cell in plan(planned) if planned is not None else []:  # the cells still to run, first: the plan's order
            parts = parse_cell_key(cell.key) or {}
            if made.key(parts) not in columns:
                template = cell.variant.template
                made.add(parts, template.id, template.pattern.name,
                         cell.params.model_dump(mode="json", exclude_defaults=True), None)
            if parts["row"] not in rows:
                rows[parts["row"]] = GridRow(parts["row"], cell.variables, cell.row.expected,
                                             description=cell.row.description)
        found = store.cell_runs(exp["id"], RUN_COLUMNS)
        latest: dict[str, dict[str, Any]] = {}
        for r in found:  # per cell: the latest finished run, else the latest run
            prev = latest.get(r["cell_key"])
            if prev is None or r["status"] in RUN_DONE or prev["status"] not in RUN_DONE:
                latest[r["cell_key"]] = r
        checks = _checks(store, [r["id"] for r in latest.values()], experiment_id=exp["id"])
        for key, r in latest.items():
            parts = parse_cell_key(key)
            if parts is None:
                continue
            ckey = made.add(parts, r["template_id"], r["pattern"], _loads(r["params_json"]), r.get("backend"))
            row = rows.get(parts["row"])
            if row is None:
                variables = _loads(r["variables_json"])
                batch = _loads(r["extra_json"]).get("batch") or {}
                row = rows[parts["row"]] = GridRow(parts["row"], variables if isinstance(variables, dict) else {},
                                                   batch.get("expected"),
                                                   description=d if isinstance(d := batch.get("description"), str) else None)
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


class _ExperimentColumns:
    """The columns of one experiment's cells, named from its stored config."""

    def __init__(self, exp: dict[str, Any], columns: dict[str, Column]):
        config = _loads(exp.get("config_json"))
        self.exp_id, self.columns = exp["id"], columns
        self.labels = {t["id"][:16]: t["label"] for t in config.get("templates", [])}
        self.names = {t["id"][:16]: t.get("name") for t in config.get("templates", [])}
        self.params_sets = (config.get("spec") or {}).get("params") or {}
        self.backends = {k: v.get("backend") for k, v in (config.get("models") or {}).items() if isinstance(v, dict)}

    def key(self, parts: dict[str, Any]) -> str:
        """The column key of a cell (``parts``: its parsed cell key)."""
        return f"{self.exp_id}|{parts['t']}|{parts['m']}|{parts['p']}"

    def add(self, parts: dict[str, Any], template_id: str | None, pattern: str | None, params: dict[str, Any],
            backend: str | None) -> str:
        """The column key of a cell (``parts``: its parsed cell key), the column made if new."""
        tpl, model, pname = parts["t"], parts["m"], parts["p"]
        key = self.key(parts)
        if key not in self.columns:
            self.columns[key] = Column(
                key, self.labels.get(tpl, pattern or tpl[:8]), template_id, self.names.get(tpl), pattern, model,
                pname, self.params_sets.get(pname) or params, self.exp_id, (self.labels.get(tpl), model, pname),
                self.backends.get(model) or backend)
        return key


def _checks(store: Store, run_ids: list[str], *, experiment_id: str | None = None) -> dict[str, tuple[list[dict[str, Any]], int]]:
    """run id -> (assertion rows, guard failures); guard failures include child runs (stages)."""
    out: dict[str, tuple[list[dict[str, Any]], int]] = {}
    if not run_ids:
        return out
    wanted = set(run_ids)
    rows = store.experiment_checks(experiment_id) if experiment_id is not None else store.checks_of_runs(run_ids)
    for c in rows:
        owner = c["run_id"] if c["run_id"] in wanted else c["parent_id"]
        if owner not in wanted:
            continue
        assertions, guards = out.get(owner, ([], 0))
        if c["stage"] == "assertion" or (c["stage"] == "human" and c["verdict"] in ("pass", "fail")):
            if c["run_id"] == owner:  # a person's pass/fail or 1-5 counts like an assertion
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
    memory = extra.get("memory") if isinstance(extra, dict) else None
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
        total_ms=r.get("total_ms"), error=r.get("error"), backend=r.get("backend"), model_name=r.get("model_name"),
        memory=_memory(memory),
        answer_probs=extra.get("answer_probs") if isinstance(extra, dict) and isinstance(extra.get("answer_probs"), dict)
        else None,
    )


def _memory(value: Any) -> dict[str, float] | None:
    """The numeric fields of a run's recorded memory (weights_mb, load_rss_mb), or None."""
    if not isinstance(value, dict):
        return None
    out = {k: float(v) for k, v in value.items()
           if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v}
    return out or None


def _add_loose(store: Store, loose: list[dict[str, Any]], columns: dict[str, Column], rows: dict[Any, GridRow]) -> None:
    names = store.template_names(r["template_id"] for r in loose if r.get("template_id"))
    checks = _checks(store, [r["id"] for r in loose])
    row_keys: dict[str, int] = {}
    base = max((k for k in rows if isinstance(k, int)), default=-1) + 1
    for r in sorted(loose, key=lambda x: x["id"]):
        params = {k: v for k, v in _loads(r.get("params_json")).items() if k != "seed"}
        model = _loose_model(r)
        ckey = "runs|" + json.dumps([r.get("template_id"), r.get("pattern"), model, params], sort_keys=True)
        if ckey not in columns:
            tname = names.get(r.get("template_id") or "", None)
            columns[ckey] = Column(ckey, "", r.get("template_id"), tname, r.get("pattern"), model,
                                   params_label(params) or None, params, None, (tname, model), r.get("backend"))
        variables = _loads(r.get("variables_json"))
        rkey = json.dumps(variables, sort_keys=True) if variables else "sent:" + (r.get("sent_text") or "")
        if rkey not in row_keys:
            row_keys[rkey] = base + len(row_keys)
            rows[row_keys[rkey]] = GridRow(row_keys[rkey], variables if isinstance(variables, dict) and variables
                                           else {"prompt": _user_text(r)}, None)
        cells = rows[row_keys[rkey]].cells.setdefault(ckey, [])
        cells.append(_cell(r, len(cells), checks.get(r["id"], ([], 0))))


def _loose_model(r: dict[str, Any]) -> str | None:
    """The model of a run made outside an experiment, named as an experiment file labels it:
    the name, plus ``@transformers`` or ``@openai`` when it did not run through llama.cpp."""
    name, backend = r.get("model_name"), r.get("backend")
    return f"{name}@{backend}" if name and backend and backend != "llama.cpp" else name


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


__all__ = [
    "Column", "CompareError", "Grid", "GridCell", "GridRow", "load_grid", "normalize", "pass_rate", "percentile",
    "resolve_ids", "top_answer",
]
