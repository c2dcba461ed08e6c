"""Experiments with the bundled model: a batch killed with SIGKILL and resumed, and the
KV prefix reuse giving the same bytes as fresh contexts."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from prompt_library import TemplateLibrary
from experiments import runner
from experiments.loading import load_experiment
from runs.store import Store
from tests.store_tools import open_log

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.real

TEMPLATE = """\
name: short-answers
system: "Answer in a few words."
variables:
  - name: question
prompt: "{{ question }}"
examples:
  - {question: "What colour is grass?", answer: "Green."}
  - {question: "How many legs does a cat have?", answer: "Four."}
pattern: few-shot
"""

EXPERIMENT = """\
name: killed and resumed
templates: [short-answers.yaml]
rows:
  - {vars: {question: "What colour is the sky?"}}
  - {vars: {question: "How many days are in a week?"}}
  - {vars: {question: "What is the capital of Italy?"}}
  - {vars: {question: "What do bees make?"}}
  - {vars: {question: "How many wheels does a bicycle have?"}}
  - {vars: {question: "What is frozen water called?"}}
  - {vars: {question: "Which animal barks?"}}
  - {vars: {question: "What colour is snow?"}}
models: [smollm2-135m-instruct]
params:
  greedy: {temperature: 0, max_tokens: 12, seed: 0}
load: {n_ctx: 1024, n_threads: 1}
assertions:
  - {kind: regex, pattern: '\\w'}
"""


def write(tmp_path: Path) -> Path:
    (tmp_path / "short-answers.yaml").write_text(TEMPLATE, encoding="utf-8")
    p = tmp_path / "exp.yaml"
    p.write_text(textwrap.dedent(EXPERIMENT), encoding="utf-8")
    return p


def finished(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db, timeout=5)
    try:
        return conn.execute("SELECT id, cell_key FROM runs WHERE status = 'ok' AND experiment_id IS NOT NULL "
                            "AND parent_id IS NULL ORDER BY id").fetchall()
    except sqlite3.OperationalError:  # not created yet
        return []
    finally:
        conn.close()


def test_batch_killed_with_sigkill_resumes_without_losing_or_redoing_cells(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    path = write(tmp_path)
    env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(home)}
    cmd = [sys.executable, str(ROOT / "main.py"), "batch", str(path)]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    db = home / "runs.db"
    deadline = time.monotonic() + 240
    try:
        while len(finished(db)) < 2:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the batch made no progress"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    before = dict(finished(db))
    assert 2 <= len(before) < 8, "killed too late to test resuming"

    store = Store(db)  # opening marks the run the dead process left `running` as interrupted
    (eid,) = {r["experiment_id"] for r in open_log(store).query("SELECT experiment_id FROM runs")}
    assert store.get_experiment(eid)["status"] == "interrupted"
    store.close()

    again = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"resuming experiment {eid}: {len(before)} of 8 cells already done" in again.stderr

    store = Store(db)
    after = finished(db)
    assert len(after) == 8 and len({k for _, k in after}) == 8  # every cell once
    assert set(before) <= {rid for rid, _ in after}  # nothing finished was lost or run again
    statuses = [r["status"] for r in open_log(store).query("SELECT status FROM runs WHERE experiment_id = ?", [eid])]
    assert statuses.count("running") == 0
    assert set(statuses) <= {"ok", "interrupted"}
    assert store.get_experiment(eid)["status"] == "done"
    assert open_log(store).execute("SELECT count(*) FROM checks WHERE stage = 'assertion'").fetchone()[0] == 8
    store.close()


def test_prefix_reuse_gives_the_same_bytes_as_fresh_contexts(real_engine, tmp_path):
    path = write(tmp_path)
    lib = TemplateLibrary()
    exp = load_experiment(path, library=lib, resolve_model=real_engine.registry.resolve)
    exp = load_experiment(exp.spec.model_copy(update={"rows": exp.spec.rows[:3]}), library=lib,
                          resolve_model=real_engine.registry.resolve, base_dir=tmp_path)
    reused = runner.run_batch(real_engine.pipeline, exp, runner.create_experiment(real_engine.store, exp))
    fresh = runner.run_batch(real_engine.pipeline, exp, runner.create_experiment(real_engine.store, exp),
                            reuse_prefix=False)
    assert [r.answer for r in reused.results] == [r.answer for r in fresh.results]
    outputs = [[real_engine.store.get_run(r.run_id)["output"] for r in o.results] for o in (reused, fresh)]
    assert outputs[0] == outputs[1] and all(outputs[0])
    cached = [real_engine.store.get_run(r.run_id)["cached_tokens"] for r in reused.results]
    assert all(c > 20 for c in cached[1:])  # the shared few-shot prefix was reused
    assert all(real_engine.store.get_run(r.run_id)["cached_tokens"] == 0 for r in fresh.results)
