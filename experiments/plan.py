"""Planning an experiment: its cells, their keys, and the order they run in.

Order: by model (each model is loaded once), then template and parameter set, then
rows in order, then repeats. Consecutive cells then share the template's prompt
prefix (system text, few-shot examples), and the llama.cpp backend reuses the longest
common token prefix with the previous run, bit-exactly; see
``benchmarks/bench_batch_prefix.py`` for what it saves.

A cell's key is deterministic, so a cell is found again after a crash.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from experiments.fileformat import ModelRef, ParamSet

from experiments.loading import Experiment, Row, Variant


def cell_key(template_id: str, row_index: int, model: str, params_name: str, repeat: int) -> str:
    """Deterministic: the same grid position always gets the same key."""
    return f"t={template_id[:16]}|row={row_index}|m={model}|p={params_name}|r={repeat}"


def parse_cell_key(key: str | None) -> dict[str, Any] | None:
    """The parts of a cell key (``t``, ``row``, ``m``, ``p``, ``r``), or None if it is not one."""
    if not key or not key.startswith("t="):
        return None
    parts: dict[str, Any] = {}
    for piece in key.split("|"):
        k, sep, v = piece.partition("=")
        if not sep:
            return None
        parts[k] = v
    if not {"t", "row", "m", "p", "r"} <= parts.keys():
        return None
    try:
        parts["row"], parts["r"] = int(parts["row"]), int(parts["r"])
    except ValueError:
        return None
    return parts


@dataclass(frozen=True)
class Cell:
    variant: Variant
    row: Row
    ref: ModelRef  # the model entry
    params_name: str
    params: ParamSet
    repeat: int

    @property
    def model(self) -> str:
        """The model entry's key (its label)."""
        return self.ref.key

    @property
    def variables(self) -> dict[str, Any]:
        """The row's values its template declares (what the run is given)."""
        declared = {v.name for v in self.variant.template.variables}
        return {k: v for k, v in self.row.values.items() if k in declared}

    @property
    def key(self) -> str:
        return cell_key(self.variant.template.id, self.row.index, self.model, self.params_name, self.repeat)


def plan(exp: Experiment) -> list[Cell]:
    """Every cell, in run order: model, template, params set, row, repeat."""
    return [
        Cell(v, row, model, pname, ps, r)
        for model in exp.models
        for v in exp.variants
        for pname, ps in exp.params
        for row in exp.rows
        for r in range(exp.spec.repeats)
    ]


def model_groups(cells: list[Cell]) -> Iterator[list[Cell]]:
    """Consecutive cells of one model (the plan is ordered by model)."""
    group: list[Cell] = []
    for c in cells:
        if group and c.model != group[0].model:
            yield group
            group = []
        group.append(c)
    if group:
        yield group
