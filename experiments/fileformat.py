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

``experiments.loading.load_experiment`` resolves and validates a file before anything
runs. :func:`format_reference` documents the format from the models.

A model entry names its backend: ``llama.cpp`` (default; a registry name or a .gguf
path), ``transformers`` (a registry name, a .gguf that transformers dequantizes, or
a Hugging Face folder) or ``openai`` (any OpenAI-compatible server at ``base_url``).
Each entry has a key, its ``label`` (default: the name, plus ``@transformers`` or
``@host:port``), used in cell keys and report columns, so one model can appear
through several backends. ``concurrency`` (servers only) is how many requests the
batch runner keeps in flight; local backends generate one request at a time.
"""

from __future__ import annotations

from common.i18n import _

import re
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from backends.base import SamplingParams
from backends.logprobs import MAX_TOP_K
from common.errors import ExperimentError
from common.resources import resource_dir
from prompt_library import yamlio
from experiments.assertions import (
    ASSERTION_KINDS,
    AssertionSpec,
    ContainsAssertion,
    EqualsAssertion,
    JsonAssertion,
    JudgeAssertion,
    NumericAssertion,
    RegexAssertion,
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
    factual_nucleus: bool | None = Field(None, description="Factual-nucleus sampling (llama.cpp): top-p decays within "
                                                           "a sentence, max(omega, top_p * lambda^(t-1)).")
    factual_lambda: float | None = Field(None, description="Its decay per token (default 0.9).")
    factual_omega: float | None = Field(None, description="Its lowest top-p (default 0.3).")
    logprobs: int | None = Field(None, ge=1, le=MAX_TOP_K,
                                 description="Record each token's probability and this many alternatives "
                                             "(1-50; overrides the model entry's).")

    def sampling(self, repeat: int = 0) -> SamplingParams:
        d = self.model_dump(exclude_none=True)
        d.pop("logprobs", None)  # a run option (RunSpec.logprobs), not a sampling knob
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
    logprobs: int | None = Field(None, ge=1, le=MAX_TOP_K,
                                 description="Record each token's probability and this many alternatives "
                                             "(1-50) for this model's cells.")

    @field_validator("name", "label")
    @classmethod
    def _text(cls, v: str | None) -> str | None:
        if v is not None and (not v.strip() or "|" in v):
            raise ValueError(_("must be non-empty and must not contain '|'"))
        return v.strip() if v is not None else v

    @model_validator(mode="after")
    def _fits_backend(self) -> ModelRef:
        if self.backend == "openai":
            if not self.base_url:
                raise ValueError(_('an openai model needs base_url (the server, e.g. http://127.0.0.1:8080)'))
            if not re.match(r"^https?://[^/\s]+", self.base_url):
                raise ValueError(_('base_url must start with http:// or https://, got {base_url!r}').format(base_url=self.base_url))
            if self.api_key_env is not None and not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", self.api_key_env):
                raise ValueError(_('api_key_env must be an environment variable name, got {api_key_env!r}').format(api_key_env=self.api_key_env))
            return self
        for key in ("base_url", "api_key_env"):
            if getattr(self, key) is not None:
                raise ValueError(_('{key} is for openai servers; {backend} runs the model in this process').format(key=key, backend=self.backend))
        if self.concurrency != 1:
            raise ValueError(_('concurrency is for servers; {backend} generates one request at a time').format(backend=self.backend))
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
    flash_attn: bool = Field(False, description="llama.cpp: flash attention (on CPU: faster decode under 256 tokens of context, slower past it; other text)")


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
            raise ValueError(_('name must not be empty'))
        return v.strip()

    @field_validator("params")
    @classmethod
    def _param_names(cls, v: dict[str, ParamSet]) -> dict[str, ParamSet]:
        for name in v:
            if not re.match(r"^[\w.-]{1,40}$", name):
                raise ValueError(_("parameter set name {name!r} must be 1-40 letters, digits, '.', '-', '_'").format(name=name))
        return v

    def model_refs(self) -> list[ModelRef]:
        return [m if isinstance(m, ModelRef) else ModelRef(name=m) for m in self.models]

    @model_validator(mode="after")
    def _unique(self) -> ExperimentSpec:
        keys = [m.key for m in self.model_refs()]
        twice = next((k for k in keys if keys.count(k) > 1), None)
        if twice is not None:
            raise ValueError(_('the model {twice!r} is listed twice (give one entry a different label)').format(twice=twice))
        return self


def parse_experiment(text: str, *, label: str = "experiment", path: str | None = None) -> ExperimentSpec:
    """Parse and schema-check experiment YAML (nothing resolved yet)."""
    node, data = yamlio.compose(text, label, ExperimentError, path=path)
    if not isinstance(data, dict):
        raise ExperimentError(_("{label}: not an experiment (expected a mapping with 'name' and 'templates')").format(label=label), path=path)
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
            msg = _("unknown key '{value}'").format(value=loc[-1])
        elif err["type"] == "union_tag_invalid":
            msg = _('unknown assertion kind; known: {ASSERTION_KINDS}').format(ASSERTION_KINDS=', '.join(ASSERTION_KINDS))
        at = f" line {line}" if line else ""
        raise ExperimentError(f"{label}{at}: {where}: {msg}", path=path, line=line) from None


def read_experiment(path: str | Path) -> ExperimentSpec:
    p = Path(path)
    text = yamlio.read_utf8(p, ExperimentError, max_bytes=5_000_000)
    return parse_experiment(text, label=p.name, path=str(p))


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
    "DatasetRef", "ExperimentSpec", "InlineRow", "LoadSettings", "ModelRef", "ParamSet", "TemplateRef",
    "example_files", "format_reference", "parse_experiment", "read_experiment",
]
