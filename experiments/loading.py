"""An experiment file resolved against the library, the datasets and the models.

:func:`load_experiment` validates everything that can be checked without running
(the schema, every template, dataset column, model name, parameter set and
assertion, and the grid size) and raises :class:`ExperimentError` with one line
before anything runs; it returns an :class:`Experiment`: variants x rows x models x
parameter sets, ready for ``experiments.plan``.
"""

from __future__ import annotations

import hashlib
import json
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from common.errors import ExperimentError, GridTooLargeError, TemplateError, WorkbenchError
from common.i18n import _
from prompt_library import PromptTemplate, TemplateLibrary, load_dataset
from prompt_library.datasets import BUILTIN_DATASETS
from experiments.assertions import (
    NoJudge,
    build_assertion,
)

from experiments.fileformat import (
    ExperimentSpec, ModelRef, ParamSet,
    TemplateRef, read_experiment,
)

# --- the resolved experiment -----------------------------------------------------------
@dataclass(frozen=True)
class Variant:
    """A template column (a template version, perhaps with its pattern overridden)."""

    label: str
    template: PromptTemplate

    @property
    def key(self) -> str:
        return self.template.id[:16]


@dataclass(frozen=True)
class Row:
    index: int
    values: dict[str, Any]  # every field of the row (dataset columns or inline vars)
    expected: Any = None
    assertions: tuple[Any, ...] = ()  # AssertionSpec models
    line: int = 0

    @property
    def description(self) -> str | None:
        """The row's own name, where its file gave one: a ``__description`` field (what a
        promptfoo test's ``description`` imports to)."""
        d = self.values.get("__description")
        return d.strip() if isinstance(d, str) and d.strip() else None


@dataclass(frozen=True)
class Experiment:
    """A validated experiment: everything the runner needs, nothing run yet."""

    spec: ExperimentSpec
    source: Path | None
    variants: tuple[Variant, ...]
    rows: tuple[Row, ...]
    models: tuple[ModelRef, ...]  # as given (a plain name is a llama.cpp ModelRef)
    params: tuple[tuple[str, ParamSet], ...]
    config: dict[str, Any] = field(default_factory=dict)  # what is stored as config_json

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def n_cells(self) -> int:
        return len(self.variants) * len(self.rows) * len(self.models) * len(self.params) * self.spec.repeats

    @property
    def config_hash(self) -> str:
        return hashlib.sha256(json.dumps(self.config, sort_keys=True, ensure_ascii=False).encode()).hexdigest()



def load_experiment(
    path_or_spec: str | Path | ExperimentSpec,
    *,
    library: TemplateLibrary,
    resolve_model: Callable[[str], Any] | None = None,
    default_model: str | None = None,
    base_dir: Path | None = None,
    max_cells: int | None = None,
    confirm_large: bool = False,
) -> Experiment:
    """Validate an experiment completely; raise ExperimentError (one line) for any problem.

    ``resolve_model(name)`` raises for an unknown model (the registry's ``resolve``).
    ``max_cells`` overrides the file's limit; ``confirm_large`` (``--yes``) lifts it.
    """
    if isinstance(path_or_spec, ExperimentSpec):
        spec, source = path_or_spec, None
    else:
        source = Path(path_or_spec).expanduser().resolve()
        spec = read_experiment(source)
    label = source.name if source else spec.name
    where = base_dir or (source.parent if source else Path.cwd())

    variants = _variants(spec, library, where, label)
    rows, data_sha = _rows(spec, where, label)
    models = tuple(spec.model_refs()) or (ModelRef(name=default_model or _default_model_name()),)
    resolved_models = {m.key: _resolve_model(m, i, resolve_model, where, label) for i, m in enumerate(models)}
    params: list[tuple[str, ParamSet]] = []
    for name, ps in spec.params.items():
        try:
            ps.sampling()
        except WorkbenchError as exc:
            raise ExperimentError(_('{label}: params.{name}: {exc}').format(label=label, name=name, exc=exc)) from None
        params.append((name, ps))

    if not variants or not rows or not models or not params:
        empty = [n for n, xs in (("templates", variants), ("rows", rows), ("models", models), ("params", params))
                 if not xs]
        raise ExperimentError(_("{label}: the grid is empty: no {parts}").format(label=label, parts=", no ".join(empty)))

    _check_rows(variants, rows, label)
    _check_assertions(spec, rows, label, variants)

    exp = Experiment(spec, source, tuple(variants), tuple(rows), models, tuple(params))
    limit = max_cells if max_cells is not None else spec.max_cells
    if exp.n_cells > limit and not confirm_large:
        raise GridTooLargeError(
            _('{label}: the grid has {n_cells:,} cells ({n} templates x {n2} rows x {n3} models x {n4} param sets x {repeats} repeats), over the limit of {limit:,}; pass --yes or raise max_cells').format(label=label, n_cells=exp.n_cells, n=len(variants), n2=len(rows), n3=len(models), n4=len(params), repeats=spec.repeats, limit=limit))
    config = {
        "spec": spec.model_dump(mode="json", by_alias=True, exclude_defaults=True),
        "source": str(source) if source else None,
        "templates": [{"label": v.label, "id": v.template.id, "name": v.template.name} for v in variants],
        "models": resolved_models,
        "rows": len(rows),
        "data_sha256": data_sha,
        "cells": exp.n_cells,
    }
    return Experiment(spec, source, tuple(variants), tuple(rows), models, tuple(params), config)


def _resolve_model(m: ModelRef, i: int, resolve_model: Callable[[str], Any] | None, where: Path,
                   label: str) -> str | dict[str, Any]:
    """What the config records for a model (a plain llama.cpp model: its resolved path, as before
    model entries existed, so older experiments still resume); raises for what cannot run."""
    at = f"{label}: models.{i}"
    if m.backend == "openai":
        if m.api_key_env and not os.environ.get(m.api_key_env):
            raise ExperimentError(_('{at}: the environment variable {api_key_env} (api_key_env) is not set').format(at=at, api_key_env=m.api_key_env))
        return {"name": m.name, "backend": m.backend, "base_url": m.base_url}
    if m.backend == "transformers" and importlib.util.find_spec("torch") is None:
        from backends.transformers_hf import TORCH_HINT

        raise ExperimentError(f"{at}: {TORCH_HINT}")
    path: str = m.name
    folder = (where / m.name).expanduser()
    if m.backend == "transformers" and folder.is_dir():
        path = str(folder.resolve())
    elif resolve_model is not None:
        try:
            entry = resolve_model(m.name)
        except WorkbenchError as exc:
            raise ExperimentError(f"{at}: {exc}") from None
        path = str(getattr(entry, "path", None) or m.name)
    if m.backend == "llama.cpp" and m.key == m.name:
        return path
    return {"name": m.name, "backend": m.backend, "path": path}


def _default_model_name() -> str:
    from backends.registry import DEFAULT_MODEL

    return DEFAULT_MODEL


def _variants(spec: ExperimentSpec, library: TemplateLibrary, where: Path, label: str) -> list[Variant]:
    out: list[Variant] = []
    for i, item in enumerate(spec.templates):
        ref = item if isinstance(item, TemplateRef) else TemplateRef(ref=item)
        try:
            t = _load_template(ref.ref, library, where)
            t = t.with_pattern(ref.pattern)
        except TemplateError as exc:
            raise ExperimentError(_("{label}: templates.{index}: {error}").format(label=label, index=i, error=exc)) from None
        name = ref.label or (t.name if not ref.pattern else f"{t.name} ({ref.pattern})")
        if any(v.label == name for v in out):
            name = f"{name} #{i + 1}"
        out.append(Variant(name, t))
    keys = [v.key for v in out]
    if len(set(keys)) != len(keys):
        raise ExperimentError(_("{label}: templates: the same template version is listed twice").format(label=label))
    return out


def _load_template(ref: str, library: TemplateLibrary, where: Path) -> PromptTemplate:
    if ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
        p = (where / ref).expanduser()
        if not p.is_file():
            raise TemplateError(_("template file not found: {path}").format(path=p))
        return PromptTemplate.from_file(p)
    return library.get(ref)


def _rows(spec: ExperimentSpec, where: Path, label: str) -> tuple[list[Row], str]:
    rows: list[Row] = []
    digest = hashlib.sha256()
    if spec.dataset is not None:
        d = spec.dataset
        p = BUILTIN_DATASETS / d.path.removeprefix("builtin:") if d.path.startswith("builtin:") else where / d.path
        try:
            ds = load_dataset(p, limit=d.limit)
        except WorkbenchError as exc:
            raise ExperimentError(_("{label}: dataset: {error}").format(label=label, error=exc)) from None
        wanted = [c for c in (*d.columns.values(), d.expected) if c]
        for col in wanted:
            if col not in ds.columns:
                raise ExperimentError(_("{label}: dataset: unknown column '{column}' in {name}; it has {columns}").format(
                    label=label, column=col, name=ds.name, columns=", ".join(ds.columns)))
        renamed = {v: k for k, v in d.columns.items()}
        for i, (values, line) in enumerate(zip(ds.rows, ds.lines or [0] * len(ds.rows))):
            row = dict(values)
            for col, var in renamed.items():
                row[var] = values[col]
            expected = values.get(d.expected) if d.expected else None
            rows.append(Row(i, row, expected, (), line))
        digest.update(json.dumps([r.values for r in rows], sort_keys=True, default=str).encode())
    base = len(rows)
    for j, r in enumerate(spec.rows):
        rows.append(Row(base + j, dict(r.vars), r.expected, tuple(r.assertions)))
    digest.update(json.dumps([r.model_dump(mode="json") for r in spec.rows], sort_keys=True).encode())
    return rows, digest.hexdigest()


def _check_rows(variants: list[Variant], rows: list[Row], label: str) -> None:
    for v in variants:
        declared = {x.name for x in v.template.variables}
        for row in rows:
            try:
                v.template.coerce({k: x for k, x in row.values.items() if k in declared})
            except TemplateError as exc:
                at = f" (line {row.line})" if row.line else ""
                raise ExperimentError(f"{label}: row {row.index + 1}{at}: {exc}") from None


def _check_assertions(spec: ExperimentSpec, rows: list[Row], label: str, variants: list[Variant]) -> None:
    for row in rows:
        for n, a in enumerate((*spec.assertions, *row.assertions)):
            try:
                build_assertion(a, row, backend=NoJudge())
            except WorkbenchError as exc:
                raise ExperimentError(_('{label}: row {value}: assertion {value2} ({kind}): {exc}').format(label=label, value=row.index + 1, value2=n + 1, kind=a.kind, exc=exc)) from None


