"""Tests from history: a logged run (chat, template or experiment cell) becomes one row of a
dataset file (CSV or JSONL, created if needed): its variables, or its prompt when it had none,
``expected`` = its output or a corrected text, and ``source_run_id``. The file is rewritten
whole through a temporary file, so it is never left half-written."""

from __future__ import annotations

from common.i18n import _

import csv
import io
import json
from pathlib import Path
from typing import Any

from common.errors import WorkbenchError
from common.files import write_atomic
from prompt_library.errors import DatasetError

SOURCE_COLUMN = "source_run_id"
EXPECTED_COLUMN = "expected"


def run_to_row(run: dict[str, Any], expected: str | None = None) -> dict[str, Any]:
    """The test row a run gives: its variables (or ``prompt``), ``expected``, ``source_run_id``."""
    try:
        variables = json.loads(run.get("variables_json") or "null")
    except ValueError:
        variables = None
    row: dict[str, Any] = {}
    if isinstance(variables, dict) and variables:
        row.update({str(k): v for k, v in variables.items()})
    else:
        row["prompt"] = _prompt_of(run)
    if expected is None and run.get("status") != "ok":
        raise WorkbenchError(_("run {id} ended '{status}' with no output to expect; give the expected text with --expected").format(id=run['id'], status=run.get('status')))
    row[EXPECTED_COLUMN] = expected if expected is not None else (run.get("output") or "")
    row[SOURCE_COLUMN] = run["id"]
    return row


def _prompt_of(run: dict[str, Any]) -> str:
    try:
        messages = json.loads(run.get("messages_json") or "null")
    except ValueError:
        messages = None
    if isinstance(messages, list):
        users = [m.get("content") for m in messages if isinstance(m, dict) and m.get("role") == "user"]
        if users and isinstance(users[-1], str):
            return users[-1]
    return run.get("sent_text") or ""


def add_row(path: str | Path, row: dict[str, Any]) -> tuple[Path, int]:
    """Append ``row`` to the dataset at ``path`` (created if missing); return (path, rows now)."""
    from prompt_library import load_dataset

    p = Path(path).expanduser()
    kind = p.suffix.lower()
    if kind not in (".csv", ".jsonl"):
        raise DatasetError(_('{name}: a test dataset must be a .csv or .jsonl file').format(name=p.name))
    rows: list[dict[str, Any]] = []
    columns: list[str] = []
    if p.exists():
        ds = load_dataset(p)
        rows, columns = [dict(r) for r in ds.rows], list(ds.columns)
    elif not p.parent.is_dir():
        raise DatasetError(_('the folder {parent} does not exist').format(parent=p.parent))
    rows.append(row)
    columns += [k for k in row if k not in columns]
    if kind == ".csv":
        buf = io.StringIO(newline="")
        w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", restval="")
        w.writeheader()
        w.writerows({k: _cell(v) for k, v in r.items()} for r in rows)
        text = buf.getvalue()
    else:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    _write_atomic(p, text)
    return p, len(rows)


def _cell(v: Any) -> str:
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else str(v)


def _write_atomic(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise DatasetError(_('cannot write {path}: {value}').format(path=path, value=exc.strerror or exc)) from None


__all__ = ["EXPECTED_COLUMN", "SOURCE_COLUMN", "add_row", "run_to_row"]
