"""Agreement between models: each model of a grid against a reference model, on the
same prompts. It answers "what does Q4 cost in quality?" when one model runs as a Q4
GGUF through llama.cpp and as full precision through transformers, and works the same
for any grid with two or more models.

- :func:`agreement_of` (grid, reference=None) -> :class:`Agreement`, or None when the
  grid has fewer than two models (nothing to compare; not an error).

Columns are paired when they differ only by model (same experiment, template version,
pattern and params set: :attr:`reports.grid.Column.variant_key`), and their cells are
matched by (row, repeat). The reference is the first model of the grid unless one is
named. For each other model, :class:`ModelAgreement` holds, over the matched cells:

- ``pairs``: cells that ended ``ok`` on both sides; agreement is computed over these
  only. A cell that ended otherwise (error, blocked, cancelled, interrupted) on either
  side is counted in ``errors_reference`` / ``errors_other`` and left out;
  a cell that only one side has (or that is still running) is ``unmatched_*``.
- ``answer_agreement``: share of pairs whose normalized answers are equal
  (``reports.grid.normalize``: whitespace, case, a trailing period);
  ``output_agreement``: share whose whole outputs are equal (surrounding whitespace
  ignored).
- ``similarity``: mean word-level similarity (difflib ratio over whitespace-separated
  words, 0-1); ``first_difference``: mean 1-based position of the first differing word
  over the pairs whose words differ (None with ``identical`` true: no pair differs).
- per side (:class:`ModelSide`): assertion pass rate, median decode tok/s and TTFT over
  its ``ok`` matched cells, and memory (``extra_json["memory"]``: ``weights_mb``,
  ``load_rss_mb``; None when not recorded); ``speed_ratio`` is the other model's
  decode tok/s over the reference's (2.0: twice as fast).
- ``agreement_interval``: the answer agreement with its 95% Wilson interval, rows as
  the unit (a row's repeats and variants nested in it: the effective sample size);
  ``kappa``: Cohen's kappa of the normalized answers over the pairs, with its
  asymptotic interval (:mod:`reports.statistics`); its ``statement`` says when it is
  undefined (both models gave one and the same answer everywhere).
- ``cells``: every matched cell pair (:class:`CellPair`, kind ``same`` | ``output`` |
  ``answer`` | ``error``); ``differences`` keeps those that are not ``same``, with the
  row label and both run ids, for drill-down.
"""

from __future__ import annotations

from common.i18n import _

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reports.grid import Column, CompareError, Grid, GridCell, normalize, percentile
from reports.statistics import DEFAULT, Estimate, Kappa, cohen_kappa, pass_rate_interval

UNFINISHED = ("running",)  # a cell still running is not matched yet
KINDS = ("same", "output", "answer", "error")


@dataclass
class ModelSide:
    """One model's figures over the cells matched with the other side."""

    model: str  # the model key (the experiment's label for the entry)
    backend: str | None
    model_name: str | None  # what the runs recorded (a name or a path)
    cells: int  # matched cells
    errors: int  # of those, cells that did not end ok on this side
    asserted: int
    passed: int
    pass_rate: float | None  # None: no assertions
    decode_tps_median: float | None
    ttft_median_ms: float | None
    weights_mb: float | None = None
    load_rss_mb: float | None = None


@dataclass
class CellPair:
    """One (row, variant, repeat) matched on both sides."""

    row_index: int
    row_label: str
    variant: str  # template (and params set) of the pair, without the model
    repeat: int
    kind: str  # same | output (answers agree, outputs differ) | answer | error
    reference_run_id: str
    run_id: str
    reference_status: str
    status: str
    reference_answer: str
    answer: str
    similarity: float | None  # None when a side did not end ok
    first_difference: int | None  # 1-based position of the first differing word; None: same words


@dataclass
class ModelAgreement:
    reference: ModelSide
    other: ModelSide
    variants: int  # column pairs compared (template x params sets)
    matched: int  # cells finished on both sides
    pairs: int  # matched cells ok on both sides: what agreement is computed over
    errors_reference: int
    errors_other: int
    unmatched_reference: int  # cells only the reference has (or the other has not finished)
    unmatched_other: int
    answers_agree: int
    outputs_agree: int
    answer_agreement: float | None
    output_agreement: float | None
    similarity: float | None
    first_difference: float | None  # mean over pairs whose words differ
    word_differences: int  # pairs whose words differ
    speed_ratio: float | None  # other decode tok/s / reference decode tok/s
    cells: list[CellPair] = field(default_factory=list, repr=False)
    agreement_interval: Estimate | None = None  # answer agreement, Wilson, rows as the unit
    kappa: Kappa | None = None  # Cohen's kappa of the normalized answers

    @property
    def excluded(self) -> int:
        """Matched cells left out of the agreement because a side did not end ok."""
        return self.matched - self.pairs

    @property
    def identical(self) -> bool:
        """Every pair has the same words."""
        return self.pairs > 0 and self.word_differences == 0

    @property
    def differences(self) -> list[CellPair]:
        return [c for c in self.cells if c.kind != "same"]

    def notes(self) -> list[str]:
        """One-line notes on what was left out (errors, unmatched cells)."""
        out = []
        if self.excluded:
            sides = [f"{n} on {m}" for n, m in ((self.errors_reference, self.reference.model),
                                                (self.errors_other, self.other.model)) if n]
            out.append(f"{self.excluded} cell{'s' if self.excluded != 1 else ''} left out of the agreement: "
                       f"a run did not end ok ({', '.join(sides)})")
        for n, m in ((self.unmatched_reference, self.reference.model), (self.unmatched_other, self.other.model)):
            if n:
                out.append(f"{n} cell{'s' if n != 1 else ''} only {m} has (no finished match on the other side)")
        if not self.variants:
            out.append(f"no variant ran on both {self.reference.model} and {self.other.model}")
        return out


@dataclass
class Agreement:
    reference: str
    models: list[str]  # every model of the grid, in grid order
    comparisons: list[ModelAgreement]

    def of(self, model: str) -> ModelAgreement | None:
        return next((c for c in self.comparisons if c.other.model == model), None)

    def by_run(self) -> dict[str, CellPair]:
        """Run id of the other model's cell -> its pair with the reference."""
        return {p.run_id: p for c in self.comparisons for p in c.cells}


# --- words -----------------------------------------------------------------------------
def similarity(a: str, b: str) -> float:
    """difflib's ratio over whitespace-separated words (1.0 for two empty texts)."""
    wa, wb = (a or "").split(), (b or "").split()
    if not wa and not wb:
        return 1.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def first_difference(a: str, b: str) -> int | None:
    """The 1-based position of the first word that differs (a word missing counts), or None."""
    wa, wb = (a or "").split(), (b or "").split()
    for i, (x, y) in enumerate(zip(wa, wb, strict=False)):
        if x != y:
            return i + 1
    return None if len(wa) == len(wb) else min(len(wa), len(wb)) + 1


# --- the comparison --------------------------------------------------------------------
def models_of(grid: Grid) -> list[str]:
    """The distinct models of the grid's columns, in column order."""
    return list(dict.fromkeys(c.model for c in grid.columns if c.model))


def agreement_of(grid: Grid, reference: str | None = None) -> Agreement | None:
    """Each model against ``reference`` (default: the first model); None with fewer than two
    models. Raises CompareError when ``reference`` is not a model of the grid."""
    models = models_of(grid)
    if reference is not None and reference not in models:
        raise CompareError(_('no model {reference!r} in this comparison; its models are {value}').format(reference=reference, value=', '.join(models) or 'none'))
    if len(models) < 2:
        return None
    ref = reference or models[0]
    groups: dict[tuple[Any, ...], dict[str, Column]] = {}
    for col in grid.columns:
        if col.model:
            groups.setdefault(col.variant_key, {}).setdefault(col.model, col)
    show_params = len({c.params_name for c in grid.columns}) > 1
    return Agreement(ref, models, [_compare(grid, groups, ref, m, show_params) for m in models if m != ref])


def _compare(grid: Grid, groups: dict[tuple[Any, ...], dict[str, Column]], ref: str, other: str,
             show_params: bool) -> ModelAgreement:
    pairs: list[CellPair] = []
    ref_cells: list[GridCell] = []
    other_cells: list[GridCell] = []
    unmatched_ref = unmatched_other = variants = 0
    for cols in groups.values():
        rc, oc = cols.get(ref), cols.get(other)
        if rc is None or oc is None:
            continue
        variants += 1
        variant = _variant_label(rc, show_params)
        for row in grid.rows:
            a = {c.repeat: c for c in row.cells.get(rc.key) or [] if c.status not in UNFINISHED}
            b = {c.repeat: c for c in row.cells.get(oc.key) or [] if c.status not in UNFINISHED}
            unmatched_ref += len(a.keys() - b.keys())
            unmatched_other += len(b.keys() - a.keys())
            for repeat in sorted(a.keys() & b.keys()):
                x, y = a[repeat], b[repeat]
                ref_cells.append(x)
                other_cells.append(y)
                pairs.append(_pair(row.index, row.label, variant, repeat, x, y))
    ok = [p for p in pairs if p.kind != "error"]
    differ = [p.first_difference for p in ok if p.first_difference is not None]
    ref_side = _side(grid, ref, ref_cells)
    other_side = _side(grid, other, other_cells)
    n_answers = sum(1 for p in ok if p.kind in ("same", "output"))
    n_outputs = sum(1 for p in ok if p.kind == "same")
    return ModelAgreement(
        reference=ref_side, other=other_side, variants=variants, matched=len(pairs), pairs=len(ok),
        errors_reference=sum(1 for c in ref_cells if c.status != "ok"),
        errors_other=sum(1 for c in other_cells if c.status != "ok"),
        unmatched_reference=unmatched_ref, unmatched_other=unmatched_other,
        answers_agree=n_answers, outputs_agree=n_outputs,
        answer_agreement=n_answers / len(ok) if ok else None,
        output_agreement=n_outputs / len(ok) if ok else None,
        similarity=sum(p.similarity or 0.0 for p in ok) / len(ok) if ok else None,
        first_difference=sum(differ) / len(differ) if differ else None,
        word_differences=len(differ),
        speed_ratio=(other_side.decode_tps_median / ref_side.decode_tps_median
                     if other_side.decode_tps_median and ref_side.decode_tps_median else None),
        cells=pairs,
        agreement_interval=_agreement_interval(ok),
        kappa=cohen_kappa([normalize(p.reference_answer) for p in ok], [normalize(p.answer) for p in ok], DEFAULT),
    )


def _agreement_interval(ok: Sequence[CellPair]) -> Estimate:
    by_row: dict[int, list[bool]] = {}
    for p in ok:
        by_row.setdefault(p.row_index, []).append(p.kind in ("same", "output"))
    est = pass_rate_interval(by_row, DEFAULT)
    est.metric = "answer agreement"
    if est.estimate is None:
        est.statement = _('no pairs that ended ok on both sides')
    return est


def _pair(row_index: int, label: str, variant: str, repeat: int, x: GridCell, y: GridCell) -> CellPair:
    if x.status != "ok" or y.status != "ok":
        kind, sim, first = "error", None, None
    else:
        sim, first = similarity(x.output, y.output), first_difference(x.output, y.output)
        if normalize(x.answer) != normalize(y.answer):
            kind = "answer"
        elif x.output.strip() != y.output.strip():
            kind = "output"
        else:
            kind = "same"
    return CellPair(row_index, label, variant, repeat, kind, x.run_id, y.run_id, x.status, y.status,
                    x.answer if x.status == "ok" else (x.error or x.status),
                    y.answer if y.status == "ok" else (y.error or y.status), sim, first)


def _side(grid: Grid, model: str, matched: Sequence[GridCell]) -> ModelSide:
    ok = [c for c in matched if c.status == "ok"]
    judged = [c for c in matched if c.passed is not None]
    mine = [c for col in grid.columns if col.model == model for c in grid.cells(col.key)]
    backend = next((col.backend for col in grid.columns if col.model == model and col.backend), None)
    backend = backend or _most_common(c.backend for c in mine)
    memory: dict[str, float] = {}
    for c in mine:
        for k, v in (c.memory or {}).items():
            memory[k] = max(v, memory.get(k, v))
    return ModelSide(
        model=model, backend=backend, model_name=_most_common(c.model_name for c in mine),
        cells=len(matched), errors=len(matched) - len(ok), asserted=len(judged),
        passed=sum(1 for c in judged if c.passed), pass_rate=(sum(1 for c in judged if c.passed) / len(judged))
        if judged else None,
        decode_tps_median=percentile((c.decode_tps for c in ok if c.decode_tps), 50),
        ttft_median_ms=percentile((c.ttft_ms for c in ok if c.ttft_ms is not None), 50),
        weights_mb=memory.get("weights_mb"), load_rss_mb=memory.get("load_rss_mb"),
    )


def _most_common(values: Any) -> Any:
    c = Counter(v for v in values if v)
    return c.most_common(1)[0][0] if c else None


def _variant_label(col: Column, show_params: bool) -> str:
    base = (col.match_key[0] if col.match_key and col.match_key[0] else None) or col.template_name or col.pattern
    bits = [base or "prompt"]
    if show_params and col.params_name:
        bits.append(col.params_name)
    return " · ".join(bits)


__all__ = ["Agreement", "CellPair", "KINDS", "ModelAgreement", "ModelSide", "agreement_of", "first_difference",
           "models_of", "similarity"]
