"""Ordered schema migrations for the run log.

One function per schema change, applied in order, each recorded by name in the
``_migrations`` table. A shipped migration is never edited: add a new one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import Any

import sqlite_utils

from common.errors import StoreError

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


@migration
def m004_process_start(db: sqlite_utils.Database) -> None:
    """Liveness of a run or experiment is its pid and its process's start time (runs/liveness.py)."""
    db["runs"].add_column("proc_start", float)
    db["experiments"].add_column("proc_start", float)


class _OneTransaction(sqlite_utils.Database):
    """The run log's connection, with scripts run statement by statement, so that a
    migration (sqlite-utils runs FTS set-up as a script) stays inside one transaction:
    sqlite3's ``executescript`` would commit first."""

    def executescript(self, sql: str) -> Any:
        statement = ""
        for line in sql.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                self.conn.execute(statement)
                statement = ""
        if statement.strip():
            self.conn.execute(statement)


MIGRATION_WAIT_MS = 30_000  # another process migrating the same file: wait for it
BUSY_TIMEOUT_MS = 3_000  # the store's usual wait (runs/store.py BUSY_TIMEOUT_S)


def apply(db: sqlite_utils.Database, *, path: Any = None) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now.

    All of them run in one ``BEGIN IMMEDIATE`` transaction: processes starting on the
    same file at once take turns (the second finds the work done), and a crash leaves
    either every pending migration applied and recorded, or none. A log recorded by a
    newer version (a migration we do not know) is refused, and left untouched.
    """
    conn = db.conn
    tx = _OneTransaction(conn)
    known = {fn.__name__ for fn in MIGRATIONS}
    if "_migrations" in tx.table_names():  # the usual case, up to date: no write lock needed
        done = {r["name"] for r in tx["_migrations"].rows}
        if done == known:
            return []
    conn.execute(f"PRAGMA busy_timeout = {MIGRATION_WAIT_MS}")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if "_migrations" not in tx.table_names():
                tx["_migrations"].create({"name": str, "applied_utc": str}, pk="name")
            done = {r["name"] for r in tx["_migrations"].rows}
            newer = sorted(done - known)
            if newer:
                where = f" {path}" if path else ""
                raise StoreError(f"the run log{where} was written by a newer Prompt Workbench (it has migration "
                                 f"{newer[-1]}); upgrade to use it, it was left untouched")
            applied = []
            for fn in MIGRATIONS:
                if fn.__name__ in done:
                    continue
                fn(tx)
                tx["_migrations"].insert({"name": fn.__name__, "applied_utc": dt.datetime.now(dt.UTC).isoformat()})
                applied.append(fn.__name__)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    return applied
