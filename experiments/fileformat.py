"""The experiment file format (YAML), as pydantic models with ``extra="forbid"``.

An experiment is a grid: templates x dataset rows x models x parameter sets x
repeats, with optional expected answers and assertions per row::

    name: sentiment-sweep
    templates:
      - sentiment-few-shot                   # a library name, an id prefix, or a .yaml path
      - {ref: sentiment-few-shot, pattern: zero-shot, label: zero-shot}
    dataset: {path: builtin:sentiment_reviews.csv, limit: 6, expected: label}
    models:
      - smollm2-135m-instruct                # llama.cpp, in this process
      - {name: smollm2-135m-instruct, backend: transformers}          # the same model, dequantized
      - {name: qwen2.5-7b, backend: openai, base_url: "http://gpu-box:8080", concurrency: 8}
    params:
      greedy: {temperature: 0, max_tokens: 8, seed: 1}
    repeats: 1
    assertions:
      - {kind: equals, ignore_case: true}   # against the row's expected answer

:func:`load_experiment` validates everything that can be checked without running
(the schema, every template, dataset column, model name, parameter set and
assertion, and the grid size) and raises :class:`ExperimentError` with one line
before anything runs. :func:`format_reference` documents the format from the models.

A model entry names its backend: ``llama.cpp`` (default; a registry name or a .gguf
path), ``transformers`` (a registry name, a .gguf that transformers dequantizes, or
a Hugging Face folder) or ``openai`` (any OpenAI-compatible server at ``base_url``).
Each entry has a key, its ``label`` (default: the name, plus ``@transformers`` or
``@host:port``), used in cell keys and report columns, so one model can appear
through several backends. ``concurrency`` (servers only) is how many requests the
batch runner keeps in flight; local backends generate one request at a time.
"""

from __future__ import annotations

import hashlib
import json
import importlib.util
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from backends.base import SamplingParams
from common.errors import ExperimentError, GridTooLargeError, TemplateError, WorkbenchError
from common.resources import resource_dir
from prompt_library import PromptTemplate, TemplateLibrary, TemplateSpec, load_dataset
from prompt_library import yamlio
from prompt_library.datasets import BUILTIN_DATASETS
from experiments.assertions import (
    ASSERTION_KINDS,
    AssertionSpec,
    ContainsAssertion,
    EqualsAssertion,
    JsonAssertion,
    JudgeAssertion,
    NoJudge,
    NumericAssertion,
    RegexAssertion,
    build_assertion,
)

DEFAULT_MAX_CELLS = 500
BUILTIN_EXPERIMENTS = resource_dir("experiments")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class TemplateRef(_Model):
    """One template column of the grid."""

    ref: str = Field(description="A library name, an id (prefix of 8+), or a template .yaml path.")
    pattern: str | None = Field(None, description="Override the template's pattern (e.g. `zero-shot`).")
    label: str | None = Field(None, description="Column name in reports (default: the template name).")


class DatasetRef(_Model):
    """Where the rows come from."""

    path: str = Field(description="CSV, JSONL or YAML file, relative to the experiment file; "
                                  "`builtin:NAME` for a bundled dataset.")
    limit: int | None = Field(None, ge=1, description="Use only the first N rows.")
    columns: dict[str, str] = Field(default_factory=dict,
                                    description="Template variable -> dataset column, where the names differ.")
    expected: str | None = Field(None, description="The column holding each row's expected answer.")


class InlineRow(_Model):
    """A row written in the experiment file itself."""

    vars: dict[str, Any] = Field(default_factory=dict, description="Template variable values.")
    expected: Any = Field(None, description="The expected answer of this row.")
    assertions: list[AssertionSpec] = Field(default_factory=list, description="Assertions for this row only.")


class ParamSet(_Model):
    """Sampling parameters; unset ones keep llama.cpp's defaults."""

    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    min_p: float | None = None
    repeat_penalty: float | None = None
    max_tokens: int | None = None
    stop: list[str] | None = None
    seed: int | None = Field(None, description="Repeat r of a cell uses seed + r, so repeats differ reproducibly.")

    def sampling(self, repeat: int = 0) -> SamplingParams:
        d = self.model_dump(exclude_none=True)
        if "seed" in d:
            d["seed"] = (d["seed"] + repeat) % 2**32
        if "stop" in d:
            d["stop"] = tuple(d["stop"])
        return SamplingParams(**d)


class ModelRef(_Model):
    """A model column: a local model through llama.cpp or transformers, or a model behind a server."""

    name: str = Field(description="Registry name, .gguf path or (transformers) Hugging Face folder; "
                                  "for `openai` the server's model name.")
    backend: Literal["llama.cpp", "transformers", "openai"] = Field("llama.cpp", description="Where it runs.")
    label: str | None = Field(None, description="Column name and cell key (default: the name, plus "
                                                "`@transformers` or `@host:port`).")
    base_url: str | None = Field(None, description="`openai` only: the server, e.g. http://127.0.0.1:8080.")
    api_key_env: str | None = Field(None, description="`openai` only: the environment variable holding the API key "
                                                      "(the key itself is never written anywhere).")
    concurrency: int = Field(1, ge=1, le=64, description="`openai` only: requests in flight at once.")

    @field_validator("name", "label")
    @classmethod
    def _text(cls, v: str | None) -> str | None:
        if v is not None and (not v.strip() or "|" in v):
            raise ValueError("must be non-empty and must not contain '|'")
        return v.strip() if v is not None else v

    @model_validator(mode="after")
    def _fits_backend(self) -> ModelRef:
        if self.backend == "openai":
            if not self.base_url:
                raise ValueError("an openai model needs base_url (the server, e.g. http://127.0.0.1:8080)")
            if not re.match(r"^https?://[^/\s]+", self.base_url):
                raise ValueError(f"base_url must start with http:// or https://, got {self.base_url!r}")
            if self.api_key_env is not None and not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", self.api_key_env):
                raise ValueError(f"api_key_env must be an environment variable name, got {self.api_key_env!r}")
            return self
        for key in ("base_url", "api_key_env"):
            if getattr(self, key) is not None:
                raise ValueError(f"{key} is for openai servers; {self.backend} runs the model in this process")
        if self.concurrency != 1:
            raise ValueError(f"concurrency is for servers; {self.backend} generates one request at a time")
        return self

    def in_flight(self, override: int | None = None) -> int:
        """How many cells of this model the batch runner runs at once: a server's
        ``concurrency`` (or ``override``, the CLI's --concurrency); local models one."""
        return (override or self.concurrency) if self.backend == "openai" else 1

    @property
    def key(self) -> str:
        if self.label:
            return self.label
        if self.backend == "transformers":
            return f"{self.name}@transformers"
        if self.backend == "openai":
            return f"{self.name}@{urlsplit(self.base_url or '').netloc}"
        return self.name


class LoadSettings(_Model):
    """How each model is loaded (the same for every model of the grid)."""

    n_ctx: int = Field(2048, gt=0)
    n_threads: int | None = Field(None, gt=0)
    n_batch: int = Field(512, gt=0)
    gpu_layers: int = Field(0, ge=-1)


class ExperimentSpec(_Model):
    """One experiment file."""

    format: Literal[1] = Field(1, description="Version of this file format.")
    name: str = Field(description="Name shown in reports and history.")
    description: str = ""
    templates: list[str | TemplateRef] = Field(description="The templates (or template versions) to compare.")
    dataset: DatasetRef | None = Field(None, description="Rows from a file.")
    rows: list[InlineRow] = Field(default_factory=list, description="Rows written here (after the dataset's).")
    models: list[str | ModelRef] = Field(default_factory=list,
                                         description="Model names or .gguf paths (llama.cpp), or model entries "
                                                     "with a backend (default: the default model).")
    params: dict[str, ParamSet] = Field(default_factory=lambda: {"default": ParamSet()},
                                        description="Named parameter sets.")
    repeats: int = Field(1, ge=1, le=100, description="Runs per cell, to measure stability.")
    assertions: list[AssertionSpec] = Field(default_factory=list, description="Assertions run on every cell.")
    load: LoadSettings = Field(default_factory=LoadSettings)
    policy: dict[str, Any] | None = Field(None, description="Guard policy applied to every run (see guards).")
    max_cells: int = Field(DEFAULT_MAX_CELLS, ge=1, description="Refuse a larger grid unless --yes is given.")
    baseline: str | None = Field(None, description="Experiment id to compare against in reports.")

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("name must not be empty")
        return v.strip()

    @field_validator("params")
    @classmethod
    def _param_names(cls, v: dict[str, ParamSet]) -> dict[str, ParamSet]:
        for name in v:
            if not re.match(r"^[\w.-]{1,40}$", name):
                raise ValueError(f"parameter set name {name!r} must be 1-40 letters, digits, '.', '-', '_'")
        return v

    def model_refs(self) -> list[ModelRef]:
        return [m if isinstance(m, ModelRef) else ModelRef(name=m) for m in self.models]

    @model_validator(mode="after")
    def _unique(self) -> ExperimentSpec:
        keys = [m.key for m in self.model_refs()]
        twice = next((k for k in keys if keys.count(k) > 1), None)
        if twice is not None:
            raise ValueError(f"the model {twice!r} is listed twice (give one entry a different label)")
        return self


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


def parse_experiment(text: str, *, label: str = "experiment", path: str | None = None) -> ExperimentSpec:
    """Parse and schema-check experiment YAML (nothing resolved yet)."""
    node, data = yamlio.compose(text, label, ExperimentError, path=path)
    if not isinstance(data, dict):
        raise ExperimentError(f"{label}: not an experiment (expected a mapping with 'name' and 'templates')", path=path)
    try:
        return ExperimentSpec.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # in `str | TemplateRef` the mapping's own error says more than "not a string"
        err = next((e for e in errors if "str" not in e["loc"]), errors[0])
        loc = [p for p in err["loc"] if not (isinstance(p, str) and (
            p in ASSERTION_KINDS + ("str", "TemplateRef", "ModelRef") or p.startswith("function-")))]
        where = ".".join(str(p) for p in loc) or "top level"
        target = yamlio.locate(node, loc)
        line = target.start_mark.line + 1 if target is not None else None
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = f"unknown key '{loc[-1]}'"
        elif err["type"] == "union_tag_invalid":
            msg = f"unknown assertion kind; known: {', '.join(ASSERTION_KINDS)}"
        at = f" line {line}" if line else ""
        raise ExperimentError(f"{label}{at}: {where}: {msg}", path=path, line=line) from None


def read_experiment(path: str | Path) -> ExperimentSpec:
    p = Path(path)
    text = yamlio.read_utf8(p, ExperimentError, max_bytes=5_000_000)
    return parse_experiment(text, label=p.name, path=str(p))


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
            raise ExperimentError(f"{label}: params.{name}: {exc}") from None
        params.append((name, ps))

    if not variants or not rows or not models or not params:
        empty = [n for n, xs in (("templates", variants), ("rows", rows), ("models", models), ("params", params))
                 if not xs]
        raise ExperimentError(f"{label}: the grid is empty: no {', no '.join(empty)}")

    _check_rows(variants, rows, label)
    _check_assertions(spec, rows, label, variants)

    exp = Experiment(spec, source, tuple(variants), tuple(rows), models, tuple(params))
    limit = max_cells if max_cells is not None else spec.max_cells
    if exp.n_cells > limit and not confirm_large:
        raise GridTooLargeError(
            f"{label}: the grid has {exp.n_cells:,} cells ({len(variants)} templates x {len(rows)} rows x "
            f"{len(models)} models x {len(params)} param sets x {spec.repeats} repeats), over the limit of "
            f"{limit:,}; pass --yes or raise max_cells")
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
            raise ExperimentError(f"{at}: the environment variable {m.api_key_env} (api_key_env) is not set")
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
            t = _with_pattern(t, ref.pattern)
        except TemplateError as exc:
            raise ExperimentError(f"{label}: templates.{i}: {exc}") from None
        name = ref.label or (t.name if not ref.pattern else f"{t.name} ({ref.pattern})")
        if any(v.label == name for v in out):
            name = f"{name} #{i + 1}"
        out.append(Variant(name, t))
    keys = [v.key for v in out]
    if len(set(keys)) != len(keys):
        raise ExperimentError(f"{label}: templates: the same template version is listed twice")
    return out


def _load_template(ref: str, library: TemplateLibrary, where: Path) -> PromptTemplate:
    if ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
        p = (where / ref).expanduser()
        if not p.is_file():
            raise TemplateError(f"template file not found: {p}")
        return PromptTemplate.from_file(p)
    return library.get(ref)


def _with_pattern(t: PromptTemplate, pattern: str | None) -> PromptTemplate:
    if not pattern or pattern == t.pattern.name:
        return t
    data = t.spec.model_dump(exclude_none=True)
    data["pattern"] = {"name": pattern}
    try:
        return PromptTemplate(TemplateSpec.model_validate(data), origin=t.origin)
    except ValidationError as exc:
        raise TemplateError(f"template '{t.name}': unknown or unusable pattern {pattern!r}") from exc


def _rows(spec: ExperimentSpec, where: Path, label: str) -> tuple[list[Row], str]:
    rows: list[Row] = []
    digest = hashlib.sha256()
    if spec.dataset is not None:
        d = spec.dataset
        p = BUILTIN_DATASETS / d.path.removeprefix("builtin:") if d.path.startswith("builtin:") else where / d.path
        try:
            ds = load_dataset(p, limit=d.limit)
        except WorkbenchError as exc:
            raise ExperimentError(f"{label}: dataset: {exc}") from None
        wanted = [c for c in (*d.columns.values(), d.expected) if c]
        for col in wanted:
            if col not in ds.columns:
                raise ExperimentError(f"{label}: dataset: unknown column '{col}' in {ds.name}; "
                                      f"it has {', '.join(ds.columns)}")
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
                raise ExperimentError(f"{label}: row {row.index + 1}: assertion {n + 1} ({a.kind}): {exc}") from None


def format_reference() -> str:
    """Markdown reference of the experiment file format, generated from the models."""
    lines = ["# Experiment file format", "", (__doc__ or "").strip().split("\n\n")[0], ""]
    models = [ExperimentSpec, TemplateRef, DatasetRef, InlineRow, ModelRef, ParamSet, LoadSettings, EqualsAssertion,
              ContainsAssertion, RegexAssertion, NumericAssertion, JsonAssertion, JudgeAssertion]
    for model in models:
        lines += [f"## {model.__name__}", "", (model.__doc__ or "").strip(), "",
                  "| key | default | meaning |", "|---|---|---|"]
        for key, info in model.model_fields.items():
            default = "required" if info.is_required() else (
                repr(info.default_factory()) if info.default_factory else repr(info.default))
            lines.append(f"| `{info.alias or key}` | {default} | {(info.description or '').replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


def example_files() -> list[Path]:
    return sorted(BUILTIN_EXPERIMENTS.glob("*.yaml"))


__all__ = [
    "DatasetRef", "Experiment", "ExperimentError", "ExperimentSpec", "GridTooLargeError", "InlineRow",
    "LoadSettings", "ModelRef", "ParamSet", "Row", "TemplateRef", "Variant", "example_files", "format_reference",
    "load_experiment", "parse_experiment", "read_experiment",
]
