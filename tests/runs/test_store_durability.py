"""The run log survives restarts, races, crashes mid-migration, newer versions and full disks."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from common.errors import StoreError
from runs import liveness, migrations
from runs.store import Store
from tests.store_tools import open_log, store_connection

ROOT = Path(__file__).resolve().parents[2]


def test_a_restarted_container_with_the_same_pid_marks_the_old_run_interrupted(tmp_path):
    """After a restart the new process often has the old one's pid (1 in a container):
    the claim's start time tells them apart."""
    s = Store(tmp_path / "runs.db")
    old = s.start_run({"model_name": "m", "output": "partial"})
    mine = s.start_run({"model_name": "m"})
    # the old claim: this very pid, but a process that started an hour earlier
    open_log(s)["runs"].update(old, {"proc_start": liveness.this_process_start() - 3600})
    s.close()
    again = Store(tmp_path / "runs.db")
    assert again.recovered == 1
    assert again.get_run(old)["status"] == "interrupted"
    assert again.get_run(mine)["status"] == "running"  # claimed by this process: alive
    again.close()


def test_an_experiment_claimed_by_a_previous_process_with_our_pid_can_be_resumed(tmp_path):
    s = Store(tmp_path / "runs.db")
    eid = s.create_experiment({"name": "e", "config_hash": "abc", "total_cells": 4})
    assert s.get_experiment(eid)["status"] == "running"
    open_log(s)["experiments"].update(eid, {"proc_start": liveness.this_process_start() - 3600})
    assert s.get_experiment(eid)["status"] == "interrupted"
    found = s.find_resumable("abc")
    assert found is not None and found["id"] == eid and found["status"] == "interrupted"
    s.close()


def test_a_claim_from_an_older_version_without_a_start_time_falls_back_to_the_pid():
    assert liveness.alive(os.getpid(), liveness.this_process_start())
    assert not liveness.alive(os.getpid(), None)  # our pid, but not recorded by us
    assert not liveness.alive(999_999_999, None)
    assert not liveness.alive(None, None)
    assert liveness.alive(1, None) is True or not Path("/proc/1").exists()  # pid 1 exists on Linux


def test_twenty_processes_starting_on_a_fresh_folder_all_succeed(tmp_path):
    path = tmp_path / "runs.db"
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from runs.store import Store
        s = Store({str(path)!r})
        s.start_run({{"model_name": "m"}})
        s.close()
        print("ok")
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(20)]
    results = [p.communicate(timeout=120) for p in procs]
    failures = [err.strip().splitlines()[-1] for (out, err), p in zip(results, procs) if p.returncode != 0]
    assert failures == []
    s = Store(path)
    assert s.count_runs() == 20 and s.applied == []
    s.close()


def test_a_crash_inside_a_migration_leaves_nothing_half_applied(tmp_path, monkeypatch):
    path = tmp_path / "runs.db"
    Store(path).close()

    def m999_breaks_halfway(db):
        db.script('CREATE TABLE "half_done" ("id" INTEGER PRIMARY KEY); CREATE INDEX "idx_note" ON "runs" ("note");')
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m999_breaks_halfway])
    with pytest.raises(RuntimeError, match="power cut"):
        Store(path)
    db = open_log(type("S", (), {"path": path})())
    assert "half_done" not in db.table_names()
    assert "m999_breaks_halfway" not in {r["name"] for r in db["_migrations"].rows}
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:-1])
    Store(path).close()  # the log still opens: no migration was recorded without its changes


def test_the_first_migration_is_atomic_too(tmp_path, monkeypatch):
    """m001 sets up FTS with a script; scripts run inside the migration's transaction."""
    path = tmp_path / "runs.db"
    first = migrations.MIGRATIONS[0]

    def then_crash(db):
        first(db)
        raise RuntimeError("crash after the initial schema")

    then_crash.__name__ = first.__name__
    monkeypatch.setattr(migrations, "MIGRATIONS", [then_crash])
    with pytest.raises(RuntimeError):
        Store(path)
    db = open_log(type("S", (), {"path": path})())
    assert not {"runs", "runs_fts", "models"} & set(db.table_names())
    monkeypatch.undo()
    s = Store(path)
    assert "runs_fts" in open_log(s).table_names()
    s.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_log_written_by_a_newer_version_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "runs.db"
    s = Store(path)
    s.start_run({"model_name": "m", "output": "keep me"})
    open_log(s)["_migrations"].insert({"name": "m999_from_the_future", "applied_utc": "2030-01-01"})
    s.close()
    before = _digest(path)
    with pytest.raises(StoreError, match="newer Prompt Workbench.*m999_from_the_future.*left untouched") as err:
        Store(path)
    assert "\n" not in str(err.value)
    assert _digest(path) == before


def test_a_full_disk_is_one_clear_line_and_keeps_what_was_recorded(tmp_path):
    s = Store(tmp_path / "runs.db")
    kept = s.start_run({"model_name": "m", "output": "recorded before"})
    conn = store_connection(s)
    pages = conn.execute("PRAGMA page_count").fetchone()["page_count"]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite now answers as a full disk does
    with pytest.raises(StoreError, match="disk holding the run log .* is full") as err:
        for _ in range(200):
            s.start_run({"model_name": "m", "output": "x" * 20_000})
    assert "\n" not in str(err.value)
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert s.get_run(kept)["output"] == "recorded before"
    s.close()
