"""Ordered schema migrations for the run log.

One function per schema change, applied in order, each recorded by name in the
``_migrations`` table. A shipped migration is never edited: add a new one. They are
written as SQL; m001-m003 are the exact statements sqlite-utils issued when they first
shipped (so a log made then and one made now have the same schema).
"""

from __future__ import annotations

from common.i18n import _

import datetime as dt
from collections.abc import Callable
from typing import Any

from common.errors import StoreError
from runs.sqlite import Log

Migration = Callable[[Log], None]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


def _fts_triggers(table: str, columns: list[str]) -> str:
    cols = ", ".join(f'"{c}"' for c in columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    fts = f'"{table}_fts"'
    return f"""
CREATE TRIGGER "{table}_ai" AFTER INSERT ON "{table}" BEGIN
  INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});
END;
CREATE TRIGGER "{table}_ad" AFTER DELETE ON "{table}" BEGIN
  INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});
END;
CREATE TRIGGER "{table}_au" AFTER UPDATE ON "{table}" BEGIN
  INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});
  INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});
END;
"""


@migration
def m001_initial(db: Log) -> None:
    db.script("""
CREATE TABLE "models" (
   "id" TEXT PRIMARY KEY,  -- sha256 of the file when known, else of its path
   "path" TEXT,
   "sha256" TEXT,
   "name" TEXT,
   "architecture" TEXT,
   "parameters" INTEGER,
   "quantization" TEXT,
   "context_length" INTEGER,
   "layers" INTEGER,
   "chat_template" TEXT,
   "metadata_json" TEXT,
   "first_seen_utc" TEXT
);
CREATE TABLE "templates" (
   "id" TEXT PRIMARY KEY,
   "name" TEXT,
   "version" INTEGER,
   "body_yaml" TEXT,
   "created_utc" TEXT
);
CREATE TABLE "experiments" (
   "id" TEXT PRIMARY KEY,
   "name" TEXT,
   "config_json" TEXT,
   "baseline_id" TEXT,
   "created_utc" TEXT,
   "status" TEXT
);
CREATE TABLE "runs" (
   "id" TEXT PRIMARY KEY,  -- ULID: sorts by creation time
   "parent_id" TEXT,
   "experiment_id" TEXT,
   "cell_key" TEXT,
   "stage" TEXT,
   "template_id" TEXT,
   "variables_json" TEXT,
   "pattern" TEXT,
   "backend" TEXT,
   "model_id" TEXT REFERENCES "models"("id"),
   "model_path" TEXT,
   "model_sha256" TEXT,
   "model_name" TEXT,
   "mode" TEXT,  -- chat | completion
   "chat_format" TEXT,
   "params_json" TEXT,  -- every sampling knob, seed included (the effective one)
   "seed" INTEGER,
   "n_ctx" INTEGER,
   "n_threads" INTEGER,
   "n_batch" INTEGER,
   "gpu_layers_requested" INTEGER,
   "gpu_layers_effective" INTEGER,
   "constraint_json" TEXT,
   "messages_json" TEXT,
   "sent_text" TEXT,
   "output" TEXT,
   "finish_reason" TEXT,
   "status" TEXT,  -- running -> ok | error | cancelled | blocked | interrupted
   "error" TEXT,
   "started_utc" TEXT,
   "finished_utc" TEXT,
   "load_ms" REAL,
   "ttft_ms" REAL,
   "prompt_tokens" INTEGER,
   "cached_tokens" INTEGER,
   "prompt_ms" REAL,
   "completion_tokens" INTEGER,
   "gen_ms" REAL,
   "total_ms" REAL,
   "prefill_tps" REAL,
   "decode_tps" REAL,
   "spec_json" TEXT,  -- the RunSpec, to re-run exactly
   "extra_json" TEXT,
   "pid" INTEGER,
   "starred" INTEGER DEFAULT 0,
   "tags" TEXT DEFAULT '',
   "note" TEXT DEFAULT ''
);
CREATE INDEX "idx_runs_started_utc" ON "runs" ("started_utc");
CREATE INDEX "idx_runs_status" ON "runs" ("status");
CREATE INDEX "idx_runs_model_name" ON "runs" ("model_name");
CREATE INDEX "idx_runs_parent_id" ON "runs" ("parent_id");
CREATE INDEX "idx_runs_experiment_id_cell_key" ON "runs" ("experiment_id", "cell_key");
CREATE TABLE "checks" (
   "id" INTEGER PRIMARY KEY,
   "run_id" TEXT REFERENCES "runs"("id"),
   "stage" TEXT,  -- input | output | assertion
   "name" TEXT,
   "verdict" TEXT,
   "score" REAL,
   "spans_json" TEXT,
   "message" TEXT,
   "ms" REAL
);
CREATE INDEX "idx_checks_run_id" ON "checks" ("run_id");
CREATE VIRTUAL TABLE "runs_fts" USING FTS5 (
    "sent_text", "output",
    tokenize='trigram',
    content="runs"
);
""" + _fts_triggers("runs", ["sent_text", "output"]))


@migration
def m002_experiment_progress(db: Log) -> None:
    """What the batch runner needs to resume an experiment and to tell a live one from a dead one."""
    db.script("""
ALTER TABLE "experiments" ADD COLUMN "description" TEXT;
ALTER TABLE "experiments" ADD COLUMN "source_path" TEXT;
ALTER TABLE "experiments" ADD COLUMN "config_hash" TEXT;
ALTER TABLE "experiments" ADD COLUMN "total_cells" INTEGER;
ALTER TABLE "experiments" ADD COLUMN "pid" INTEGER;
ALTER TABLE "experiments" ADD COLUMN "finished_utc" TEXT;
CREATE INDEX "idx_experiments_config_hash" ON "experiments" ("config_hash");
CREATE INDEX "idx_runs_experiment_id_parent_id_status" ON "runs" ("experiment_id", "parent_id", "status");
""")


@migration
def m003_checks_by_name(db: Log) -> None:
    """The history's checks filter lists check names and filters by name and verdict."""
    db.script('CREATE INDEX "idx_checks_name_verdict" ON "checks" ("name", "verdict");')


@migration
def m004_process_start(db: Log) -> None:
    """Liveness of a run or experiment is its pid and its process's start time (runs/liveness.py)."""
    db.script("""
ALTER TABLE "runs" ADD COLUMN "proc_start" REAL;
ALTER TABLE "experiments" ADD COLUMN "proc_start" REAL;
""")


@migration
def m005_conversations(db: Log) -> None:
    """Saved chats: a conversation is its runs in order (``runs.conversation_id``); the
    conversations table holds what is not a run: its title and its per-chat settings."""
    db.script("""
CREATE TABLE "conversations" (
   "id" TEXT PRIMARY KEY,  -- ULID
   "title" TEXT,
   "model_name" TEXT,
   "settings_json" TEXT,  -- per-chat settings (fixed seed, mode, system prompt)
   "created_utc" TEXT,
   "updated_utc" TEXT
);
ALTER TABLE "runs" ADD COLUMN "conversation_id" TEXT;
CREATE INDEX "idx_runs_conversation_id" ON "runs" ("conversation_id");
CREATE INDEX "idx_conversations_updated_utc" ON "conversations" ("updated_utc");
""")


@migration
def m006_arena_votes(db: Log) -> None:
    """The blind arena's ledger: one row per vote, by a person or a judge model, with which
    variant (column) and run were shown on the left and which on the right."""
    db.script("""
CREATE TABLE "arena_votes" (
   "id" INTEGER PRIMARY KEY,
   "experiment_id" TEXT,
   "row_index" INTEGER,
   "left_column" TEXT,  -- the variant shown on the left (a comparison-grid column key)
   "right_column" TEXT,
   "left_label" TEXT,  -- its name when the vote was cast
   "right_label" TEXT,
   "left_run_id" TEXT,
   "right_run_id" TEXT,
   "outcome" TEXT,  -- left | right | tie | both_bad
   "voter" TEXT,  -- human | judge:<model>
   "tags" TEXT DEFAULT '',
   "raw" TEXT,  -- a judge's constrained answer
   "created_utc" TEXT
);
CREATE INDEX "idx_arena_votes_experiment_id" ON "arena_votes" ("experiment_id", "voter");
""")


@migration
def m007_template_labels(db: Log) -> None:
    """Named versions: a label (baseline, production, ...) points at one template version and
    moves with a recorded history; a version may carry a message. The version's YAML is kept
    in ``templates`` (``ensure_template``), so a label outlives the template's files."""
    db.script("""
CREATE TABLE IF NOT EXISTS "template_labels" (
   "name" TEXT NOT NULL,
   "label" TEXT NOT NULL,
   "template_id" TEXT NOT NULL,
   "moved_utc" TEXT,
   PRIMARY KEY ("name", "label")
);
CREATE TABLE IF NOT EXISTS "template_label_moves" (
   "id" INTEGER PRIMARY KEY,
   "name" TEXT NOT NULL,
   "label" TEXT NOT NULL,
   "template_id" TEXT NOT NULL,
   "previous_id" TEXT,
   "moved_utc" TEXT
);
CREATE INDEX IF NOT EXISTS "idx_template_label_moves_name" ON "template_label_moves" ("name", "label");
CREATE TABLE IF NOT EXISTS "template_messages" (
   "template_id" TEXT PRIMARY KEY,
   "name" TEXT,
   "message" TEXT,
   "created_utc" TEXT
);
""")



@migration
def m008_run_tokens(db: Log) -> None:
    """Token probabilities of a run (backends/logprobs.py): one compressed blob per run,
    not a row per token, with its summary beside it for listing and filtering."""
    db.script("""
CREATE TABLE IF NOT EXISTS "run_tokens" (
   "run_id" TEXT PRIMARY KEY REFERENCES "runs"("id") ON DELETE CASCADE,
   "k" INTEGER NOT NULL,
   "n_tokens" INTEGER NOT NULL,
   "source" TEXT,
   "mean_logprob" REAL,
   "data" BLOB NOT NULL
);
""")


@migration
def m009_runs_by_template(db: Log) -> None:
    """A template version's score history finds its runs by ``template_id``."""
    db.script('CREATE INDEX IF NOT EXISTS "idx_runs_template_id" ON "runs" ("template_id");')


@migration
def m010_check_details(db: Log) -> None:
    """Structured extras of a check result (guards CheckResult.details), such as the answer
    distribution behind a judge's probability-weighted score or a self-check's P(yes)."""
    db.script('ALTER TABLE "checks" ADD COLUMN "details_json" TEXT;')


MIGRATION_WAIT_MS = 30_000  # another process migrating the same file: wait for it
BUSY_TIMEOUT_MS = 3_000  # the store's usual wait (runs/store.py BUSY_TIMEOUT_S)


def apply(db: Log, *, path: Any = None) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now.

    All of them run in one ``BEGIN IMMEDIATE`` transaction: processes starting on the
    same file at once take turns (the second finds the work done), and a crash leaves
    either every pending migration applied and recorded, or none. A log recorded by a
    newer version (a migration we do not know) is refused, and left untouched.
    """
    conn = db.conn
    known = {fn.__name__ for fn in MIGRATIONS}
    if "_migrations" in db.table_names():  # the usual case, up to date: no write lock needed
        if {r["name"] for r in db.query("SELECT name FROM _migrations")} == known:
            return []
    conn.execute(f"PRAGMA busy_timeout = {MIGRATION_WAIT_MS}")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if "_migrations" not in db.table_names():
                db.script('CREATE TABLE "_migrations" ("name" TEXT PRIMARY KEY, "applied_utc" TEXT);')
            done = {r["name"] for r in db.query("SELECT name FROM _migrations")}
            newer = sorted(done - known)
            if newer:
                where = f" {path}" if path else ""
                raise StoreError(_('the run log{where} was written by a newer Prompt Workbench (it has migration {value}); upgrade to use it, it was left untouched').format(where=where, value=newer[-1]))
            applied = []
            for fn in MIGRATIONS:
                if fn.__name__ in done:
                    continue
                fn(db)
                db.insert("_migrations", {"name": fn.__name__, "applied_utc": dt.datetime.now(dt.UTC).isoformat()})
                applied.append(fn.__name__)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return applied
