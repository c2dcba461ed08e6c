"""The run log on a real SQLite file."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from common.errors import ConfigError, RunNotFoundError, StoreError
from common.paths import data_home
from runs import migrations
from runs.store import Store
from tests.store_tools import open_log, store_connection


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "runs.db")
    yield s
    s.close()


def test_blank_database_gets_every_migration_once(tmp_path):
    s = Store(tmp_path / "runs.db")
    assert s.applied == [m.__name__ for m in migrations.MIGRATIONS]
    s.close()
    again = Store(tmp_path / "runs.db")
    assert again.applied == []
    names = {r["name"] for r in open_log(again)["_migrations"].rows}
    assert names == {m.__name__ for m in migrations.MIGRATIONS}
    assert {"runs", "checks", "models", "templates", "experiments", "runs_fts"} <= set(open_log(again).table_names())
    assert open_log(again).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again.close()


def _first_schema_as_sqlite_utils_wrote_it(db) -> None:
    """m001 as it shipped in the first version, through sqlite-utils: a real user's old log."""
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


def test_database_from_the_first_schema_is_migrated_forward(tmp_path):
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "runs.db")
    db["_migrations"].create({"name": str, "applied_utc": str}, pk="name")
    _first_schema_as_sqlite_utils_wrote_it(db)
    db["_migrations"].insert({"name": migrations.MIGRATIONS[0].__name__, "applied_utc": "2026-01-01"})
    db["runs"].insert({"id": "01OLD", "status": "ok", "output": "kept from before", "pid": 0})
    db.conn.close()
    s = Store(tmp_path / "runs.db")
    assert s.applied == [m.__name__ for m in migrations.MIGRATIONS[1:]]
    assert s.get_run("01OLD")["output"] == "kept from before"
    assert [r["id"] for r in s.list_runs(search="kept from")] == ["01OLD"]  # its FTS triggers still index
    rid = s.start_run({"model_name": "m", "output": "a new run in an old log"})
    assert [r["id"] for r in s.list_runs(search="new run")] == [rid]
    s.close()


def test_a_new_log_has_the_schema_the_first_version_wrote(tmp_path):
    """Written as SQL now, m001-m003 give the tables, columns, indexes and triggers that
    sqlite-utils gave them, so old and new logs behave the same."""
    import sqlite_utils

    old = sqlite_utils.Database(tmp_path / "old.db")
    _first_schema_as_sqlite_utils_wrote_it(old)
    Store(tmp_path / "new.db").close()
    new = sqlite_utils.Database(tmp_path / "new.db")

    def shape(db, table):
        return [(c.name, c.type, c.is_pk, c.default_value) for c in db[table].columns]

    for table in ("models", "templates", "runs", "checks"):
        want = shape(old, table)
        assert shape(new, table)[:len(want)] == want, table
    names = {r[0] for r in new.execute("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')")}
    assert {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')")} <= names


def test_run_lifecycle_and_full_text_search(store):
    rid = store.start_run({"model_name": "m", "sent_text": "What colour is a ripe banana?", "params_json": {"seed": 3}})
    assert store.get_run(rid)["status"] == "running"
    store.finish_run(rid, {"status": "ok", "output": "A ripe banana is yellow.", "completion_tokens": 6})
    run = store.get_run(rid)
    assert run["status"] == "ok" and run["finished_utc"]
    assert [r["id"] for r in store.list_runs(search="yellow")] == [rid]
    assert [r["id"] for r in store.list_runs(search="banana")] == [rid]
    assert store.list_runs(search="purple") == []
    assert [r["id"] for r in store.list_runs(search="ye")] == [rid]  # short terms fall back to a scan


def test_search_finds_chinese_text(store):
    rid = store.start_run({"sent_text": "请解释一下量子计算", "model_name": "m"})
    store.finish_run(rid, {"status": "ok", "output": "量子计算利用叠加态。"})
    assert [r["id"] for r in store.list_runs(search="叠加态")] == [rid]
    assert [r["id"] for r in store.list_runs(search="量子")] == [rid]


def test_paging_is_newest_first_and_keyset(store):
    ids = [store.start_run({"model_name": "m", "sent_text": f"p{i}"}) for i in range(7)]
    page1 = store.list_runs(limit=3)
    page2 = store.list_runs(limit=3, before_id=page1[-1]["id"])
    assert [r["id"] for r in page1 + page2] == list(reversed(ids))[:6]


def test_filters_star_tags_note(store):
    a = store.start_run({"model_name": "a"})
    b = store.start_run({"model_name": "b"})
    store.finish_run(a, {"status": "ok"})
    store.finish_run(b, {"status": "error", "error": "boom"})
    store.set_starred(a, True)
    store.set_tags(a, ["x", " y ", "x"])
    store.set_note(a, "good one")
    assert [r["id"] for r in store.list_runs(status="error")] == [b]
    assert [r["id"] for r in store.list_runs(model="a")] == [a]
    assert [r["id"] for r in store.list_runs(starred=True)] == [a]
    run = store.get_run(a)
    assert (run["tags"], run["note"]) == ("x,y", "good one")
    assert store.distinct("model_name") == ["a", "b"]


def test_unknown_run_id_is_a_clear_error(store):
    with pytest.raises(RunNotFoundError, match="no run with id 'nope'"):
        store.get_run("nope")


def test_runs_left_running_by_a_dead_process_are_marked_interrupted(tmp_path):
    s = Store(tmp_path / "runs.db")
    rid = s.start_run({"model_name": "m", "output": ""})
    open_log(s)["runs"].update(rid, {"pid": 999_999_999, "output": "partial"})  # a pid that is not alive
    mine = s.start_run({"model_name": "m"})
    s.close()
    again = Store(tmp_path / "runs.db")
    assert again.recovered == 1
    dead = again.get_run(rid)
    assert dead["status"] == "interrupted" and dead["output"] == "partial"
    assert again.get_run(mine)["status"] == "running"  # this process is alive
    again.close()


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "runs.db"
    path.write_bytes(b"my precious notes, not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="is not an SQLite run log"):
        Store(path)
    assert path.read_bytes() == before


def test_a_database_locked_by_another_process(tmp_path, monkeypatch):
    path = tmp_path / "runs.db"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sqlite3, sys, time
            c = sqlite3.connect({str(path)!r}, isolation_level=None)
            c.execute("BEGIN EXCLUSIVE")
            print("locked", flush=True)
            time.sleep(30)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr("runs.store.BUSY_TIMEOUT_S", 0.3)
        with pytest.raises(StoreError, match="locked by another process"):
            s = Store(path)
            s.start_run({"model_name": "m"})
    finally:
        holder.kill()
        holder.wait()
    s = Store(path)  # usable again once the other process lets go
    s.start_run({"model_name": "m"})
    s.close()


def test_unwritable_data_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="cannot create data folder"):
        data_home(blocker / "home")


def test_database_that_becomes_unwritable_gives_a_clear_error_and_keeps_data(store):
    rid = store.start_run({"model_name": "m", "output": "finished earlier"})
    store_connection(store).execute("PRAGMA query_only = ON")  # what a read-only remount looks like to SQLite
    with pytest.raises(StoreError, match="cannot be written"):
        store.start_run({"model_name": "m"})
    store_connection(store).execute("PRAGMA query_only = OFF")
    assert store.get_run(rid)["output"] == "finished earlier"


def test_checks_filter_and_names(store):
    a = store.start_run({"model_name": "m"})
    b = store.start_run({"model_name": "m"})
    c = store.start_run({"model_name": "m"})
    store.add_checks(a, "output", [{"name": "pii", "verdict": "fail", "message": "found 1 EMAIL"}])
    store.add_checks(b, "output", [{"name": "refusal", "verdict": "pass"}, {"name": "pii", "verdict": "redacted"}])
    assert [r["id"] for r in store.list_runs(checks="has")] == [b, a]
    assert [r["id"] for r in store.list_runs(checks="fail")] == [a]
    assert [r["id"] for r in store.list_runs(checks="fail:pii")] == [a]
    assert store.list_runs(checks="fail:refusal") == []
    assert {r["id"] for r in store.list_runs()} == {a, b, c}
    assert store.check_names() == ["pii", "refusal"]
    with pytest.raises(StoreError, match="unknown checks filter"):
        store.list_runs(checks="bogus")
