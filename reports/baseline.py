"""One experiment against a baseline experiment: which rows got better, worse or changed.

- :func:`compare_to_baseline` -> :class:`BaselineComparison`: per row and matched
  variant, ``better`` (pass rate up), ``worse`` (down), ``changed`` (same verdicts,
  another answer), ``same``; ``new``/``missing`` where only one side has the cell.
  ``regressions()`` and ``improvements()`` list the rows that got worse or better.
- Whether the change is real, by the paired test on the rows both sides ran
  (:mod:`reports.statistics`): ``tests`` per matched variant (exact McNemar on the pass
  verdicts, Holm-corrected across the variants when there are several) and ``overall``
  over every matched (row, variant) cell; ``verdict`` says it in words ("experiment
  better", "baseline better", "no detectable difference (n=...; about ... rows would
  detect a 10-point difference)").
"""

from __future__ import annotations

from common.i18n import _

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from common.errors import ExperimentNotFoundError
from reports.grid import Column, CompareError, Grid, GridCell, GridRow, load_grid, pass_rate, top_answer
from reports.statistics import DEFAULT, Comparison, Settings, compare_pass, compare_variants
from runs.store import Store


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
    tests: list[Comparison] = field(default_factory=list)  # per matched variant: variant vs its baseline
    overall: Comparison | None = None  # every matched (row, variant) cell: experiment vs baseline

    @property
    def significant(self) -> bool:
        return self.overall is not None and self.overall.significant

    @property
    def verdict(self) -> str:
        return self.overall.verdict if self.overall is not None else _('no paired test: no variant matched')

    def regressions(self) -> list[RowChange]:
        return self.of_kind("worse")

    def improvements(self) -> list[RowChange]:
        return self.of_kind("better")

    def counts(self) -> dict[str, int]:
        c = Counter(ch.kind for ch in self.changes)
        return {k: c.get(k, 0) for k in ("better", "worse", "changed", "same", "new", "missing")}

    def of_kind(self, *kinds: str) -> list[RowChange]:
        return [c for c in self.changes if c.kind in kinds]


def compare_to_baseline(store: Store, experiment_id: str, baseline_id: str, settings: Settings = DEFAULT
                        ) -> BaselineComparison:
    """Per row and matched variant: better (pass rate up), worse (down), changed (same
    verdicts, different answer), same; ``new``/``missing`` where only one side has it."""
    for i in (experiment_id, baseline_id):
        try:
            store.get_experiment(i)
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
    tests, overall = _significance(cur, base, pairs, settings)
    return BaselineComparison(cur.experiments[0]["id"], base.experiments[0]["id"], changes, cur_rate, base_rate,
                              tests, overall)


def _verdicts(grid: Grid, col: Column) -> dict[int, list[Any]]:
    return {r.index: [c.passed for c in r.cells[col.key]] for r in grid.rows if r.cells.get(col.key)}


def _significance(cur: Grid, base: Grid, pairs: list[tuple[Column | None, Column | None]], settings: Settings
                  ) -> tuple[list[Comparison], Comparison | None]:
    """Per matched variant, and over all matched cells, the paired pass/fail test of the
    experiment against the baseline on the rows both ran."""
    matched = [(c, b) for c, b in pairs if c is not None and b is not None]
    if not matched:
        return [], None
    variants: dict[str, dict[int, list[Any]]] = {}
    names = []
    everything: tuple[dict[Any, list[Any]], dict[Any, list[Any]]] = ({}, {})
    for i, (col, bcol) in enumerate(matched):
        now, before = _verdicts(cur, col), _verdicts(base, bcol)
        variants[col.label], variants[f"{col.label} (baseline)"] = now, before
        names.append((col.label, f"{col.label} (baseline)"))
        everything[0].update({(i, k): v for k, v in now.items()})
        everything[1].update({(i, k): v for k, v in before.items()})
    tests = compare_variants(variants, "pass", settings, pairs=names)
    overall = compare_pass(*everything, names=("experiment", "baseline"), settings=settings)
    return tests, overall


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


__all__ = ["BaselineComparison", "RowChange", "compare_to_baseline"]
