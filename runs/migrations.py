"""Ordered schema migrations for the run log.

One function per schema change, applied in order, each recorded by name in the
``_migrations`` table. A shipped migration is never edited: add a new one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_initial(db: sqlite_utils.Database) -> None:
    db["models"].create(
        {
            "id": str,  # sha256 of the file when known, else of its path
            "path": str,
            "sha256": str,
            "name": str,
            "architecture": str,
            "parameters": int,
            "quantization": str,
            "context_length": int,
            "layers": int,
            "chat_template": str,
            "metadata_json": str,
            "first_seen_utc": str,
        },
        pk="id",
    )
    db["templates"].create(
        {"id": str, "name": str, "version": int, "body_yaml": str, "created_utc": str},
        pk="id",
    )
    db["experiments"].create(
        {"id": str, "name": str, "config_json": str, "baseline_id": str, "created_utc": str, "status": str},
        pk="id",
    )
    db["runs"].create(
        {
            "id": str,  # ULID: sorts by creation time
            "parent_id": str,
            "experiment_id": str,
            "cell_key": str,
            "stage": str,
            "template_id": str,
            "variables_json": str,
            "pattern": str,
            "backend": str,
            "model_id": str,
            "model_path": str,
            "model_sha256": str,
            "model_name": str,
            "mode": str,  # chat | completion
            "chat_format": str,
            "params_json": str,  # every sampling knob, seed included (the effective one)
            "seed": int,
            "n_ctx": int,
            "n_threads": int,
            "n_batch": int,
            "gpu_layers_requested": int,
            "gpu_layers_effective": int,
            "constraint_json": str,
            "messages_json": str,
            "sent_text": str,
            "output": str,
            "finish_reason": str,
            "status": str,  # running -> ok | error | cancelled | blocked | interrupted
            "error": str,
            "started_utc": str,
            "finished_utc": str,
            "load_ms": float,
            "ttft_ms": float,
            "prompt_tokens": int,
            "cached_tokens": int,
            "prompt_ms": float,
            "completion_tokens": int,
            "gen_ms": float,
            "total_ms": float,
            "prefill_tps": float,
            "decode_tps": float,
            "spec_json": str,  # the RunSpec, to re-run exactly
            "extra_json": str,
            "pid": int,
            "starred": int,
            "tags": str,
            "note": str,
        },
        pk="id",
        foreign_keys=[("model_id", "models", "id")],
        defaults={"starred": 0, "tags": "", "note": ""},
    )
    db["runs"].create_index(["started_utc"])
    db["runs"].create_index(["status"])
    db["runs"].create_index(["model_name"])
    db["runs"].create_index(["parent_id"])
    db["runs"].create_index(["experiment_id", "cell_key"])
    db["checks"].create(
        {
            "id": int,
            "run_id": str,
            "stage": str,  # input | output | assertion
            "name": str,
            "verdict": str,
            "score": float,
            "spans_json": str,
            "message": str,
            "ms": float,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["checks"].create_index(["run_id"])
    db["runs"].enable_fts(["sent_text", "output"], fts_version="FTS5", create_triggers=True, tokenize="trigram")


@migration
def m002_experiment_progress(db: sqlite_utils.Database) -> None:
    """What the batch runner needs to resume an experiment and to tell a live one from a dead one."""
    table = db["experiments"]
    for column, kind in (("description", str), ("source_path", str), ("config_hash", str), ("total_cells", int),
                         ("pid", int), ("finished_utc", str)):
        table.add_column(column, kind)
    table.create_index(["config_hash"])
    db["runs"].create_index(["experiment_id", "parent_id", "status"])


@migration
def m003_checks_by_name(db: sqlite_utils.Database) -> None:
    """The history's checks filter lists check names and filters by name and verdict."""
    db["checks"].create_index(["name", "verdict"])


def apply(db: sqlite_utils.Database) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now."""
    if "_migrations" not in db.table_names():
        db["_migrations"].create({"name": str, "applied_utc": str}, pk="name")
    done = {r["name"] for r in db["_migrations"].rows}
    applied = []
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        with db.conn:
            fn(db)
            db["_migrations"].insert({"name": fn.__name__, "applied_utc": dt.datetime.now(dt.UTC).isoformat()})
        applied.append(fn.__name__)
    return applied
