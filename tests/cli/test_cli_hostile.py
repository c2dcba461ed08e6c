"""Hostile CLI input: bytes that are not text, deep schemas, alias bombs, NULs, out-of-bound numbers,
export targets that are not files. Each ends in one line and a non-zero exit, never "internal error"."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def cli(home: Path, *args: str | bytes, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, timeout=timeout,
                          check=False, env=env, cwd=ROOT)


def one_line(proc: subprocess.CompletedProcess, code: int = 1) -> str:
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == code, (proc.returncode, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err and "internal error" not in err, err
    return lines[0]


def main_line(capsys, *args: str, code: int = 1) -> str:
    """The CLI's main function in this process (cheaper than a process per case): its one stderr line."""
    from cli.app import run_cli

    assert run_cli(list(args)) == code
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "internal error" not in err, err
    return err


def bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_a_prompt_that_is_not_utf8_is_one_line(home):
    line = one_line(cli(home, b"run", b"caf\xe9 au lait"), code=2)
    assert line == ("error: argument 2 is not valid UTF-8 text (byte 0xe9 at character 4); pass text in UTF-8")


@pytest.mark.parametrize("depth, expected", [(5_000, "the JSON schema is nested too deeply to read"),
                                             (200, "the JSON schema is nested too deeply (more than 64 levels)")])
def test_a_deeply_nested_json_schema_is_one_line(capsys, tmp_path, depth, expected):
    schema = '{"items":' * depth + "{}" + "}" * depth
    assert main_line(capsys, "run", "hi", "--json-schema", schema) == f"error: {expected}"
    deep = tmp_path / "deep.json"  # too long for a command line
    deep.write_text('{"items":' * 100_000 + "{}" + "}" * 100_000, encoding="utf-8")
    line = main_line(capsys, "run", "hi", "--json-schema", str(deep))
    assert line == "error: the JSON schema is nested too deeply to read"


def test_a_json_schema_file_that_is_not_utf8(capsys, tmp_path):
    (tmp_path / "s.json").write_bytes(b'{"description": "caf\xe9"}')
    assert "cannot read the JSON schema file" in main_line(capsys, "run", "hi", "--json-schema", str(tmp_path / "s.json"))


@pytest.mark.parametrize("args, expected", [
    (["--max-tokens", str(10**12)], "--max-tokens 1,000,000,000,000 is more than the context size --ctx 4,096"),
    (["--max-tokens", "600", "--ctx", "512"], "--max-tokens 600 is more than the context size --ctx 512"),
    (["--threads", "0"], "--threads must be between 1 and 1024, got 0"),
    (["--threads", "-3"], "--threads must be between 1 and 1024, got -3"),
    (["--ctx", "0"], "--ctx must be > 0 and at most 1,048,576, got 0"),
    (["--ctx", str(10**9)], "--ctx must be > 0 and at most 1,048,576"),
    (["--gpu-layers", "-2"], "--gpu-layers must be -1 (all) or more, got -2"),
])
def test_numeric_options_have_stated_bounds(capsys, args, expected):
    line = main_line(capsys, "run", "hi", *args)
    assert line.startswith("error: ") and expected in line


def test_templates_render_ctx_is_bounded_too(capsys):
    line = main_line(capsys, "templates", "render", "sentiment-few-shot", "--ctx", "0")
    assert line == "error: --ctx must be > 0 and at most 1,048,576, got 0"


@pytest.mark.real
def test_ctx_must_hold_the_prompt_even_where_llama_cpp_would_round_it_up(home, smollm2):
    line = one_line(cli(home, "run", "Name three fruits.", "--ctx", "1", "--max-tokens", "1"))
    assert "over the context size of 1 (leaving no room to answer)" in line and "--ctx" in line


def test_alias_bombs_fail_fast_in_batch_and_templates_import(home, tmp_path):
    exp = tmp_path / "exp.yaml"
    exp.write_text(bomb(), encoding="utf-8")
    tpl = tmp_path / "tpl.yaml"
    tpl.write_text("name: bomb\nprompt: hi\nnotes:\n" + "".join("  " + ln + "\n" for ln in bomb().splitlines()),
                   encoding="utf-8")
    for args, name in ((["batch", str(exp)], "exp.yaml"), (["templates", "import", str(tpl)], "tpl.yaml")):
        t0 = time.perf_counter()
        line = one_line(cli(home, *args, timeout=60))
        assert time.perf_counter() - t0 < 30
        assert line.startswith(f"error: {name} line ") and "aliases expand to more than 100,000 values" in line


def test_a_nul_byte_in_a_vars_file_is_refused_with_a_line(capsys, tmp_path):
    raw = tmp_path / "raw.yaml"
    raw.write_bytes(b"text: ok\nlabel: a\x00b\n")
    escaped = tmp_path / "escaped.yaml"
    escaped.write_text('text: "a\\0b"\n', encoding="utf-8")
    line = main_line(capsys, "templates", "render", "sentiment-few-shot", "--vars-file", str(raw))
    assert line == f"error: vars file {raw} line 2: a NUL byte (#x0000) is not allowed"
    line = main_line(capsys, "run", "--template", "sentiment-few-shot", "--vars-file", str(escaped))
    assert line == f"error: vars file {escaped}: a NUL character is not allowed (in text)"


# -- export -o: a regular file, written through a temporary file and a rename -----------------
@pytest.fixture
def stored_run(home, monkeypatch):
    """A run in the real SQLite log of ``home`` (made with the fake backend), and the CLI's main
    function pointed at that data folder with the fake backend."""
    import cli.app
    from backends.base import SamplingParams
    from runs.engine import Engine
    from runs.spec import RunSpec
    from tests.fakes import FakePool

    engine = Engine.open(home, pool=FakePool(), search_dirs=[])
    out = engine.pipeline.run(RunSpec(prompt="hi", params=SamplingParams(seed=1)))
    engine.close()
    monkeypatch.setattr(cli.app, "open_engine", lambda h: Engine.open(home, pool=FakePool(), search_dirs=[]))
    return out.run_id


def test_export_refuses_a_folder_a_fifo_and_a_device(stored_run, tmp_path, capsys):
    from cli.app import run_cli

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for target, kind in ((tmp_path, "a folder"), (fifo, "a FIFO (named pipe)"), (Path("/dev/null"), "a character device")):
        assert run_cli(["export", stored_run, "-o", str(target), "--format", "md"]) == 1
        err = capsys.readouterr().err.strip()
        assert err == f"error: {target} is {kind}, not a regular file; give a file name to write the report to"
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # left as it was


def test_export_says_when_it_replaced_a_file_and_keeps_its_mode(stored_run, tmp_path, capsys):
    from cli.app import run_cli

    target = tmp_path / "report.md"
    assert run_cli(["export", stored_run, "-o", str(target)]) == 0
    first = capsys.readouterr().err
    assert first.startswith(f"wrote {target} (") and "replaced" not in first
    target.chmod(0o640)
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    assert run_cli(["export", stored_run, "-o", str(link)]) == 0
    second = capsys.readouterr().err
    assert second.startswith(f"wrote {target} (") and second.rstrip().endswith("it replaced the file that was there")
    assert link.is_symlink() and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert "hi" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
