"""Rows of variable values from CSV, JSONL or YAML files (UTF-8, any language).

A dataset feeds a batch (one run per row) or a few-shot pattern (rows as examples).
Every row remembers the line it came from, so a problem is reported as
``data.jsonl line 7: not valid JSON`` or ``data.csv line 4: missing column 'question'``.

Formats:

- ``.csv``: a header line, then one row per record (quoted fields may span lines).
  Values are strings; the template converts them to the declared types.
- ``.jsonl``: one JSON object per line; blank lines are skipped.
- ``.yaml`` / ``.yml``: a list of mappings, or a mapping with a ``rows`` list.
"""

from __future__ import annotations

from common.i18n import _

import csv
import io
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from prompt_library import yamlio
from prompt_library.errors import DatasetError
from common.resources import resource_dir

BUILTIN_DATASETS = resource_dir("datasets")
FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".yaml": "yaml", ".yml": "yaml"}


@dataclass(frozen=True)
class DatasetPreview:
    name: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    total_rows: int


@dataclass(frozen=True)
class Dataset:
    """Rows of values. ``lines[i]`` is the file line where ``rows[i]`` starts."""

    name: str
    path: Path | None
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    lines: tuple[int, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def preview(self, n: int = 5) -> DatasetPreview:
        """The column names and the first ``n`` rows."""
        return DatasetPreview(self.name, self.columns, self.rows[: max(0, n)], len(self.rows))

    def require_columns(self, names: Sequence[str]) -> None:
        """Raise for the first row missing one of ``names`` (or an empty CSV cell)."""
        for name in names:
            if name not in self.columns:
                raise DatasetError(_("{name} line 1: missing column '{name2}'").format(name=self.name, name2=name), path=_p(self.path), line=1)
        for row, line in zip(self.rows, self.lines or [0] * len(self.rows)):
            for name in names:
                if name not in row or row[name] is None:
                    raise DatasetError(_("{name} line {line}: missing column '{name2}'").format(name=self.name, line=line, name2=name),
                                       path=_p(self.path), line=line)


def _p(path: Path | None) -> str | None:
    return str(path) if path is not None else None


def load_dataset(path: str | os.PathLike[str], *, required: Sequence[str] = (), limit: int | None = None,
                 format: str | None = None) -> Dataset:
    """Read a dataset file; ``required`` columns must be present in every row."""
    path = Path(path)
    kind = format or FORMATS.get(path.suffix.lower())
    if kind is None:
        raise DatasetError(_('{name}: unknown dataset format (use .csv, .jsonl or .yaml)').format(name=path.name), path=str(path))
    text = yamlio.read_utf8(path, DatasetError)
    return parse_dataset(text, kind, name=path.name, path=path, required=required, limit=limit)


def parse_dataset(text: str, kind: str, *, name: str = "dataset", path: Path | None = None,
                  required: Sequence[str] = (), limit: int | None = None) -> Dataset:
    """Parse dataset text of ``kind`` ``csv``, ``jsonl`` or ``yaml``."""
    parser = {"csv": _csv, "jsonl": _jsonl, "yaml": _yaml}.get(kind)
    if parser is None:
        raise DatasetError(_('{name}: unknown dataset format {kind!r}').format(name=name, kind=kind), path=_p(path))
    columns, rows, lines = parser(text, name, path, limit)
    dataset = Dataset(name, path, tuple(columns), tuple(rows), tuple(lines))
    if required:
        dataset.require_columns(required)
    return dataset


def preview_dataset(path: str | os.PathLike[str], n: int = 5) -> DatasetPreview:
    return load_dataset(path).preview(n)


def builtin_datasets() -> list[Path]:
    if not BUILTIN_DATASETS.is_dir():
        return []
    return sorted(p for p in BUILTIN_DATASETS.iterdir() if p.suffix.lower() in FORMATS)


# --- formats ----------------------------------------------------------------------------
def _csv(text: str, name: str, path: Path | None, limit: int | None):
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    columns: list[str] = []
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if not record or all(not cell.strip() for cell in record):
                continue
            if not columns:
                columns = [c.strip() for c in record]
                for i, col in enumerate(columns):
                    if not col:
                        raise DatasetError(_('{name} line {line}: column {value} has no name').format(name=name, line=line, value=i + 1), path=_p(path), line=line)
                    if col in columns[:i]:
                        raise DatasetError(_("{name} line {line}: column '{col}' appears twice").format(name=name, line=line, col=col), path=_p(path), line=line)
                continue
            if len(record) < len(columns):
                missing = columns[len(record)]
                raise DatasetError(_("{name} line {line}: missing column '{missing}'").format(name=name, line=line, missing=missing), path=_p(path), line=line)
            if len(record) > len(columns):
                raise DatasetError(
                    _('{name} line {line}: {n} values but the header has {n2} columns').format(name=name, line=line, n=len(record), n2=len(columns)),
                    path=_p(path), line=line)
            rows.append(dict(zip(columns, record)))
            lines.append(line)
            if limit is not None and len(rows) >= limit:
                break
    except csv.Error as exc:
        raise DatasetError(_('{name} line {line_num}: not valid CSV ({exc})').format(name=name, line_num=reader.line_num, exc=exc), path=_p(path),
                           line=reader.line_num) from None
    if not columns:
        raise DatasetError(_('{name}: empty (no header line)').format(name=name), path=_p(path))
    return columns, rows, lines


def _jsonl(text: str, name: str, path: Path | None, limit: int | None):
    columns: dict[str, None] = {}
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except ValueError as exc:
            detail = f" ({exc.msg} at column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
            raise DatasetError(_('{name} line {number}: not valid JSON{detail}').format(name=name, number=number, detail=detail), path=_p(path), line=number) from None
        if not isinstance(row, dict):
            raise DatasetError(_('{name} line {number}: not a JSON object (got {name2})').format(name=name, number=number, name2=type(row).__name__),
                               path=_p(path), line=number)
        columns.update(dict.fromkeys(row))
        rows.append(row)
        lines.append(number)
        if limit is not None and len(rows) >= limit:
            break
    return list(columns), rows, lines


def _yaml(text: str, name: str, path: Path | None, limit: int | None):
    node, data = yamlio.compose(text, name, DatasetError, path=_p(path))
    items_node = node
    if isinstance(data, Mapping) and "rows" in data:
        data = data["rows"]
        items_node = yamlio.locate(node, ["rows"])
    if not isinstance(data, list):
        raise DatasetError(_("{name}: not a dataset (expected a list of rows, or a mapping with 'rows')").format(name=name),
                           path=_p(path))
    columns: dict[str, None] = {}
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    for i, row in enumerate(data):
        child = items_node.value[i] if isinstance(items_node, yaml.SequenceNode) else None
        line = child.start_mark.line + 1 if child is not None else 0
        if not isinstance(row, dict):
            raise DatasetError(_('{name} line {line}: row {value} is not a mapping').format(name=name, line=line, value=i + 1), path=_p(path), line=line)
        row = {str(k): v for k, v in row.items()}
        columns.update(dict.fromkeys(row))
        rows.append(row)
        lines.append(line)
        if limit is not None and len(rows) >= limit:
            break
    return list(columns), rows, lines
