"""The CLI as a person uses it: real processes, the real model, a real data folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from runs.store import Store

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.real


def cli(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=ROOT)


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode != 0, proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def test_run_streams_logs_and_show_search_rerun(home):
    p = cli(home, "run", "Name three fruits.", "--temperature", "0", "--max-tokens", "24", "--ctx", "1024")
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip()
    assert "decode" in p.stderr and "run " in p.stderr
    run_id = p.stderr.strip().split("run ")[-1]
    word = max(p.stdout.split(), key=len).strip(".,!?")

    shown = cli(home, "show", run_id)
    assert shown.returncode == 0 and p.stdout.strip() in shown.stdout
    assert "<|im_start|>user\nName three fruits.<|im_end|>" in shown.stdout

    listed = cli(home, "runs", "--search", word, "--json")
    assert [r["id"] for r in json.loads(listed.stdout)] == [run_id]

    again = cli(home, "rerun", run_id, "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["output"] == p.stdout.rstrip("\n")


def test_run_json_and_models(home):
    p = cli(home, "run", "Say yes.", "--json", "--max-tokens", "4", "--seed", "11", "--ctx", "512")
    out = json.loads(p.stdout)
    assert out["status"] == "ok" and out["seed"] == 11
    assert out["timings"]["completion_tokens"] <= 4 and out["timings"]["ttft_ms"] > 0
    m = cli(home, "models", "--json")
    rows = json.loads(m.stdout)
    smol = next(r for r in rows if r["name"] == "smollm2-135m-instruct")
    assert (smol["architecture"], smol["quantization"], smol["context_length"], smol["layers"], smol["chat_template"]) == (
        "llama", "Q4_1", 8192, 30, True)


def test_gpu_layers_on_a_cpu_build_says_so_once_and_records_both(home):
    from backends.llama_cpp import gpu_offload_supported

    p = cli(home, "run", "Hi", "--gpu-layers", "12", "--max-tokens", "3", "--ctx", "512", "--json")
    assert p.returncode == 0, p.stderr
    run = json.loads(p.stdout)
    s = Store(home / "runs.db")
    row = s.get_run(run["run_id"])
    s.close()
    assert row["gpu_layers_requested"] == 12
    if gpu_offload_supported():
        assert row["gpu_layers_effective"] == 12
    else:
        assert row["gpu_layers_effective"] == 0
        assert p.stderr.count("CPU-only") == 1 and "make setup CUDA=1" in p.stderr


@pytest.mark.parametrize("args, expected", [
    (["run", "hi", "--model", "/nonexistent/model.gguf"], "model file not found"),
    (["run", "hi", "--model", "nosuchmodel"], "unknown model 'nosuchmodel'"),
    (["run", "hi", "--temperature", "-1"], "temperature must be >= 0"),
    (["run", "hi", "--top-p", "0"], "top_p must be in (0, 1]"),
    (["run", "hi", "--top-p", "1.01"], "top_p must be in (0, 1]"),
    (["run", "hi", "--max-tokens", "0"], "max_tokens must be > 0"),
    (["run", "hi", "--ctx", "100000"], "larger than the 8192 tokens"),
    (["run", "hi", "--temperature", "hot"], "invalid float value: 'hot'"),
    (["run", "   "], "the prompt is empty"),
    (["show", "01NOSUCHRUN"], "no run with id"),
    (["runs", "--limit", "0"], "--limit must be > 0"),
    (["run", "hi", "--policy", "/nonexistent/policy.yaml"], "policy file not found"),
    (["run", "--template", "sentiment-few-shot", "--vars-file", "/nonexistent/v.yaml"], "vars file not found"),
    (["run", "hi", "--regex", "[a-"], "invalid regex '[a-'"),
    (["run", "hi", "--choice", "a", "--choice", "a"], "duplicates: 'a'"),
    (["run", "hi", "--json-schema", "{not json"], "the JSON schema is not valid JSON"),
    (["run", "hi", "--grammar", "/nonexistent.lark"], "grammar file not found"),
    (["run", "hi", "--var", "a=1"], "--var, --vars-file and --pattern need --template"),
    (["run", "hi", "--tools", "/nonexistent/tools.json"], "tools file not found"),
    (["run", "hi", "--documents", "/nonexistent/docs.json"], "documents file not found"),
])
def test_bad_input_is_one_line_and_non_zero(home, args, expected):
    line = one_error_line(cli(home, *args))
    assert line.startswith("error: ") and expected in line


def test_prompt_longer_than_the_context_says_how_many_tokens_over(home):
    line = one_error_line(cli(home, "run", "lorem ipsum " * 400, "--ctx", "256"))
    assert "over the context size of 256" in line


def test_not_gguf_and_truncated_and_malicious_template(home, tmp_path, smollm2):
    from tests.gguf_tools import rewrite_string_kv, truncated_copy

    txt = tmp_path / "notes.gguf"
    txt.write_text("hello")
    assert "not a GGUF model file" in one_error_line(cli(home, "run", "hi", "--model", str(txt)))
    cut = truncated_copy(smollm2, tmp_path / "cut.gguf", 0.3)
    assert "truncated" in one_error_line(cli(home, "run", "hi", "--model", str(cut)))
    evil = rewrite_string_kv(smollm2, tmp_path / "evil.gguf", "tokenizer.chat_template",
                             "{{ cycler.__init__.__globals__.os.popen('touch " + str(tmp_path / "pwned") + "').read() }}")
    line = one_error_line(cli(home, "run", "hi", "--model", str(evil), "--mode", "chat"))
    assert "chat template" in line
    assert not (tmp_path / "pwned").exists()


def test_unwritable_data_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert "cannot create data folder" in one_error_line(cli(blocker / "home", "runs"))


def test_database_that_is_not_sqlite_is_left_alone(home):
    (home / "runs.db").write_text("not a database")
    assert "is not an SQLite run log" in one_error_line(cli(home, "runs"))
    assert (home / "runs.db").read_text() == "not a database"


def test_ctrl_c_records_a_cancelled_run_with_its_partial_output(home):
    env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "run", "Write a very long story about a lighthouse keeper.",
         "--max-tokens", "2000", "--temperature", "0", "--ctx", "4096"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
    )
    got = b""
    deadline = time.time() + 60
    while len(got.split()) < 5 and time.time() < deadline:
        got += proc.stdout.read1(64)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"cancelled" in err and b"Traceback" not in err
    s = Store(home / "runs.db")
    (row,) = s.list_runs(limit=5)
    run = s.get_run(row["id"])
    s.close()
    assert run["status"] == "cancelled" and run["finish_reason"] == "cancelled"
    assert run["output"] and (got + out).decode().startswith(run["output"][:10])
    assert run["completion_tokens"] < 2000


def test_datasets_preview_and_a_broken_row(home, tmp_path):
    p = cli(home, "datasets", "preview", str(ROOT / "resources" / "datasets" / "zh_math.yaml"), "--rows", "2", "--json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["columns"] == ["question", "rationale", "answer"] and len(data["rows"]) == 2
    assert "克莱儿" in data["rows"][0]["question"] and data["total_rows"] >= 2
    bad = tmp_path / "bad.csv"
    bad.write_text('question,answer\n"1+1",2\n"broken,3\n', encoding="utf-8")
    assert "bad.csv line 3" in one_error_line(cli(home, "datasets", "preview", str(bad)))
    latin = tmp_path / "latin.csv"
    latin.write_bytes("question\ncaf\xe9\n".encode("latin-1"))
    assert "UTF-8" in one_error_line(cli(home, "datasets", "preview", str(latin)))


def test_run_with_tools_and_documents_files(home, tmp_path):
    tools = tmp_path / "tools.json"
    tools.write_text(json.dumps([{"name": "order_status", "description": "Looks up an order.",
                                  "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}},
                                                 "required": ["order_id"]}}]))
    docs = tmp_path / "policy.txt"
    docs.write_text("Orders ship within 2 days.")
    bad = tmp_path / "bad.json"
    bad.write_text('[{"name": "order status"}]')
    assert "tool 1: the name must be letters" in one_error_line(cli(home, "run", "hi", "--tools", str(bad)))
    regex = r'<tool_call>\{"name": "order_status", "arguments": \{"order_id": "[0-9]{1,8}"\}\}</tool_call>'
    proc = cli(home, "run", "Where is my order 12345?", "--tools", str(tools), "--documents", str(docs),
               "--regex", regex, "--temperature", "0", "--max-tokens", "40", "--ctx", "1024", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    (call,) = out["tool_calls"]
    assert call["name"] == "order_status" and call["format"] == "hermes" and call["problem"] is None
    store = Store(home / "runs.db")
    try:
        run = store.get_run(out["run_id"])
        assert "Orders ship within 2 days." in run["sent_text"] and "<tools>" in run["sent_text"]
        assert [c["verdict"] for c in store.checks_for(run["id"]) if c["name"] == "tool_call"] == ["pass"]
    finally:
        store.close()


def test_flash_attention_is_recorded_and_a_rerun_loads_the_model_the_same_way(home):
    p = cli(home, "run", "Name a colour.", "--flash-attn", "--temperature", "0", "--max-tokens", "8", "--ctx", "512",
            "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    store = Store(home / "runs.db")
    spec = json.loads(store.get_run(out["run_id"])["spec_json"])
    store.close()
    assert spec["flash_attn"] is True
    again = cli(home, "rerun", out["run_id"], "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["output"] == out["output"]  # same load settings, same bytes
    store = Store(home / "runs.db")
    try:  # and the same thread count (flash attention splits long attention across threads)
        first, second = (store.get_run(json.loads(x.stdout)["run_id"]) for x in (p, again))
        assert second["n_threads"] == first["n_threads"] and json.loads(second["spec_json"])["n_threads"] == first["n_threads"]
    finally:
        store.close()
