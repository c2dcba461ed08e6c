"""Tests from history: a logged run becomes a dataset row with its source run id; the dataset
is created if needed, grows whole (never half-written) and `datasets preview` reads it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from common.errors import WorkbenchError
from experiments.from_history import add_row, run_to_row
from prompt_library import preview_dataset
from runs.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


@pytest.fixture
def logged(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    store = Store(home / "runs.db")
    t = store.start_run({"model_name": "m", "variables_json": {"city": "Paris", "n": 2}, "sent_text": "x"})
    store.finish_run(t, {"status": "ok", "output": "Paris is the capital."})
    c = store.start_run({"model_name": "m", "messages_json": [{"role": "system", "content": "Be brief."},
                                                              {"role": "user", "content": "Capital of Peru?"}]})
    store.finish_run(c, {"status": "ok", "output": "Lima"})
    e = store.start_run({"model_name": "m", "sent_text": "boom"})
    store.finish_run(e, {"status": "error", "error": "x"})
    store.close()
    return home, t, c, e


def test_template_and_chat_runs_become_rows(logged, tmp_path):
    home, t, c, e = logged
    ds = tmp_path / "tests.csv"
    r = _cli(home, "runs", "to-test", t, "--dataset", str(ds))
    assert r.returncode == 0 and f"as row 1 of {ds}" in r.stdout, r.stderr
    r = _cli(home, "runs", "to-test", c, "--dataset", str(ds), "--expected", "Lima.")
    assert r.returncode == 0, r.stderr
    pv = preview_dataset(ds)
    assert pv.columns == ("city", "n", "expected", "source_run_id", "prompt") or list(pv.columns) == [
        "city", "n", "expected", "source_run_id", "prompt"]
    assert [dict(x) for x in pv.rows] == [
        {"city": "Paris", "n": "2", "expected": "Paris is the capital.", "source_run_id": t, "prompt": ""},
        {"city": "", "n": "", "expected": "Lima.", "source_run_id": c, "prompt": "Capital of Peru?"}]
    r = _cli(home, "datasets", "preview", str(ds), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["total_rows"] == 2


def test_jsonl_and_bad_input(logged, tmp_path):
    home, t, _c, e = logged
    ds = tmp_path / "t.jsonl"
    assert _cli(home, "runs", "to-test", t, "--dataset", str(ds)).returncode == 0
    assert json.loads(ds.read_text(encoding="utf-8"))["n"] == 2  # JSONL keeps the value's type
    r = _cli(home, "runs", "to-test", e, "--dataset", str(ds))
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "give the expected text with --expected" in r.stderr
    r = _cli(home, "runs", "to-test", "zzzzzzzz", "--dataset", str(ds))
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    broken = tmp_path / "broken.csv"
    broken.write_text("a,b\n1,2,3\n", encoding="utf-8")
    r = _cli(home, "runs", "to-test", t, "--dataset", str(broken))
    assert r.returncode == 1 and "broken.csv line 2" in r.stderr
    assert broken.read_text(encoding="utf-8") == "a,b\n1,2,3\n"  # untouched
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


def test_bom_crlf_dataset_grows(tmp_path):
    ds = tmp_path / "d.csv"
    ds.write_bytes("\ufeffprompt,expected\r\nhi,hello\r\n".encode())
    add_row(ds, run_to_row({"id": "01RUN", "status": "ok", "output": "yo", "sent_text": "hey"}))
    assert ds.read_text(encoding="utf-8") == "prompt,expected,source_run_id\nhi,hello,\nhey,yo,01RUN\n"
    with pytest.raises(WorkbenchError, match="must be a .csv or .jsonl"):
        add_row(tmp_path / "x.txt", {"a": 1})


@pytest.mark.real
def test_a_real_run_becomes_a_test_row(tmp_path, smollm2):
    home = tmp_path / "home"
    home.mkdir()
    r = _cli(home, "run", "Say hi", "--model", str(smollm2), "--max-tokens", "4", "--seed", "1", "--json")
    assert r.returncode == 0, r.stderr
    run = json.loads(r.stdout)
    rid = run.get("run_id") or run.get("id")
    r = _cli(home, "runs", "to-test", rid, "--dataset", str(tmp_path / "t.csv"))
    assert r.returncode == 0, r.stderr
    (row,) = preview_dataset(tmp_path / "t.csv").rows
    assert row["source_run_id"] == rid and row["prompt"] == "Say hi" and row["expected"]
