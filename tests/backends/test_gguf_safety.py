"""A model file from anywhere must never crash or hang the app: the GGUF reader on
malformed headers (a seeded fuzz and the known cases), huge strings, odd files, and
loading without llama-cpp-python compiling the model's chat template."""

from __future__ import annotations

import json
import math
import os
import struct
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from backends.gguf_meta import (
    MAX_STRING_BYTES,
    GGUFInfo,
    TensorInfo,
    estimate_gpu_layers,
    read_gguf,
)
from common.errors import ChatTemplateError, ModelLoadError, ModelNotFoundError
from tests import gguf_tools as gt

ROOT = Path(__file__).resolve().parents[2]


def _write(lay: gt.Layout, dst: Path) -> Path:
    return gt.write_gguf(gt.encode_header(lay), dst, align=lay.align, data_len=lay.data_len)


def _with_value(smollm2: Path, dst: Path, key: str, vtype: int, value: bytes) -> Path:
    lay = gt.parse_layout(smollm2)
    try:
        lay.kvs[lay.kv_index(key)] = (key, vtype, value)
    except StopIteration:
        lay.kvs.append((key, vtype, value))
    return _write(lay, dst)


def _in_thread(fn, timeout: float = 10.0):
    """Run ``fn`` where a hang cannot stop the suite; return its result or raise its error."""
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), f"still running after {timeout} s"
    if "error" in out:
        raise out["error"]
    return out["value"]


def test_seeded_fuzz_of_the_bundled_header(smollm2, tmp_path):
    """300 mutated headers: each ends in our own error or reads, and every figure the app
    derives from it (VRAM estimate, listing summary) works; none takes a second.
    The long run (3,000 cases) is benchmarks/bench_gguf_fuzz.py."""
    stats = gt.run_fuzz(smollm2, tmp_path, n=300, seed=20261201, clock=time.thread_time)  # CPU s: a busy machine is no failure
    assert stats.crashes == []
    assert stats.slow == []
    assert stats.refused > 100 and stats.accepted > 10  # the mutations reach both outcomes


NESTED = gt.enc_array(gt.U32, [gt.enc_scalar(gt.U32, 1)])
for _ in range(2000):
    NESTED = gt.enc_array(gt.ARRAY, [NESTED])


@pytest.mark.parametrize("key, vtype, value, expected", [
    ("llama.block_count", gt.ARRAY, NESTED, "nests arrays more than 3 deep"),
    ("general.alignment", gt.F32, gt.enc_scalar(gt.F32, 32.0), "general.alignment should be a non-negative integer but is the float 32.0"),
    ("general.alignment", gt.ARRAY, gt.enc_array(gt.U32, [gt.enc_scalar(gt.U32, 32)]), "general.alignment should be a non-negative integer but is an array"),
    ("general.alignment", gt.U32, gt.enc_scalar(gt.U32, 0), "general.alignment is 0; it must be a power of two"),
    ("general.alignment", gt.U32, gt.enc_scalar(gt.U32, 48), "general.alignment is 48; it must be a power of two"),
    ("llama.context_length", gt.STRING, gt.enc_string("8192"), "llama.context_length should be a non-negative integer but is a string"),
    ("llama.embedding_length", gt.F32, gt.enc_scalar(gt.F32, math.nan), "llama.embedding_length should be a non-negative integer but is the float nan"),
    ("llama.block_count", gt.I64, gt.enc_scalar(gt.I64, -1), "llama.block_count should be a non-negative integer but is the integer -1"),
    ("llama.attention.head_count", gt.BOOL, gt.enc_scalar(gt.BOOL, True), "should be a non-negative integer or an array of them but is a boolean"),
    ("general.file_type", gt.F64, gt.enc_scalar(gt.F64, math.inf), "general.file_type should be a non-negative integer but is the float inf"),
    ("general.architecture", gt.U32, gt.enc_scalar(gt.U32, 1), "general.architecture should be a string"),
    ("tokenizer.ggml.tokens", gt.ARRAY, struct.pack("<IQ", gt.STRING, 2**62), "claims 4,611,686,018,427,387,904 items"),
    ("x", 13, b"\0" * 8, "unknown GGUF value type 13"),
])
def test_malformed_metadata_ends_in_one_clear_error(smollm2, tmp_path, key, vtype, value, expected):
    bad = _with_value(smollm2, tmp_path / "bad.gguf", key, vtype, value)
    with pytest.raises(ModelLoadError) as err:
        read_gguf(bad)
    assert expected in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("name", [b"blk.x.attn_k.weight", b"blk..weight", b"blk.-1.ffn_up.weight"])
def test_a_tensor_named_blk_without_a_layer_number_counts_as_a_non_layer_tensor(smollm2, tmp_path, name):
    lay = gt.parse_layout(smollm2)
    _n, shape, ttype, offset = gt.tensor_fields(lay.tensors[5])
    lay.tensors[5] = gt.enc_tensor(name, shape, ttype, offset)
    info = read_gguf(_write(lay, tmp_path / "odd.gguf"))
    gt.exercise(info)
    assert len(info.layer_bytes()) == 30 and estimate_gpu_layers(info, 2**40) == 30


def test_per_layer_head_counts_and_zero_heads_give_an_estimate(smollm2, tmp_path):
    heads = gt.enc_array(gt.U32, [gt.enc_scalar(gt.U32, 3)] * 30)
    info = read_gguf(_with_value(smollm2, tmp_path / "a.gguf", "llama.attention.head_count_kv", gt.ARRAY, heads))
    assert estimate_gpu_layers(info, 2**40) == 30
    info = read_gguf(_with_value(smollm2, tmp_path / "z.gguf", "llama.attention.head_count", gt.U32, gt.enc_scalar(gt.U32, 0)))
    assert estimate_gpu_layers(info, 2**40) == 30


@pytest.mark.parametrize("n_tensors, n_kv", [(999_999, None), (2**64 - 1, None), (None, 999_999), (None, 2**63)])
def test_counts_are_bounded_by_the_file_size_and_refused_at_once(smollm2, tmp_path, n_tensors, n_kv):
    lay = gt.parse_layout(smollm2)
    lay.n_tensors, lay.n_kv = n_tensors, n_kv
    bad = _write(lay, tmp_path / "many.gguf")
    t0 = time.thread_time()
    # 999,999 entries fit in the 98 MB file's size: the reader then meets the zeros of the data section
    with pytest.raises(ModelLoadError, match="the header claims|tensor '' appears twice"):
        read_gguf(bad)
    assert time.thread_time() - t0 < 0.5


def test_extra_zero_tensor_records_are_refused_fast(smollm2, tmp_path):
    lay = gt.parse_layout(smollm2)
    lay.n_tensors = len(lay.tensors) + 100_000
    lay.extra = b"\0" * 24 * 100_000  # records that parse: empty names, no dimensions
    with pytest.raises(ModelLoadError, match="tensor '' appears twice"):
        read_gguf(_write(lay, tmp_path / "zeros.gguf"))


def test_reading_has_a_time_limit(smollm2):
    with pytest.raises(ModelLoadError, match="reading its GGUF header took over 0 s"):
        read_gguf(smollm2, time_limit=0)


def test_a_huge_chat_template_is_refused_without_reading_it(smollm2, tmp_path):
    huge = gt.huge_string_kv(smollm2, tmp_path / "huge.gguf", "tokenizer.chat_template", 2**30)  # sparse: no disk
    tracemalloc.start()
    t0 = time.thread_time()  # CPU time: the machine running the suite may be busy
    try:
        with pytest.raises(ModelLoadError) as err:
            read_gguf(huge)
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.thread_time() - t0 < 1.0 and peak < 8 * 2**20
    assert str(err.value) == (f"huge.gguf: metadata 'tokenizer.chat_template' holds a string of 1,073,741,824 bytes, "
                              f"over the limit of {MAX_STRING_BYTES >> 20} MiB; the model is refused")
    from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams

    with pytest.raises(ModelLoadError, match="1,073,741,824 bytes"):  # refused before llama.cpp sees it
        LlamaCppBackend(LlamaLoadParams(str(huge)))


def test_a_long_chat_template_is_skipped_without_reading_it(smollm2, tmp_path):
    long = gt.huge_string_kv(smollm2, tmp_path / "long.gguf", "tokenizer.chat_template", 3 * 2**20)
    tracemalloc.start()
    try:
        info = read_gguf(long)
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * 2**20  # the reader's 1 MiB window, not the 3 MiB string
    assert info.chat_template is None and info.chat_template_skipped == 3 * 2**20
    assert info.block_count == 30 and estimate_gpu_layers(info, 2**40) == 30


def test_odd_files_are_refused_without_blocking(tmp_path, smollm2):
    fifo = tmp_path / "x.gguf"
    os.mkfifo(fifo)
    with pytest.raises(ModelLoadError, match="not a regular file"):
        _in_thread(lambda: read_gguf(fifo))
    folder = tmp_path / "dir.gguf"
    folder.mkdir()
    with pytest.raises(ModelLoadError, match="is a folder"):
        read_gguf(folder)
    loop = tmp_path / "loop.gguf"
    loop.symlink_to(tmp_path / "loop2.gguf")
    (tmp_path / "loop2.gguf").symlink_to(loop)
    with pytest.raises(ModelLoadError, match="cannot read .*loop.gguf: Too many levels of symbolic links"):
        read_gguf(loop)
    dangling = tmp_path / "gone.gguf"
    dangling.symlink_to(tmp_path / "missing.gguf")
    with pytest.raises(ModelLoadError, match="is a broken link"):
        read_gguf(dangling)
    with pytest.raises(ModelNotFoundError, match="model file not found"):
        read_gguf(tmp_path / "nothing.gguf")
    link = tmp_path / "link.gguf"
    link.symlink_to(smollm2)
    assert read_gguf(link).block_count == 30
    if Path("/dev/zero").exists():
        with pytest.raises(ModelLoadError, match="not a regular file"):
            _in_thread(lambda: read_gguf("/dev/zero"))


@pytest.mark.parametrize("meta", [
    {"llama.embedding_length": math.nan, "llama.attention.head_count": "16"},
    {"llama.embedding_length": "576", "llama.attention.head_count": [9, 9], "llama.attention.head_count_kv": 0.5},
    {"llama.embedding_length": 2**70, "llama.attention.head_count": 0, "llama.attention.head_count_kv": [None]},
    {"general.architecture": ["llama"], "llama.block_count": math.inf, "general.file_type": "Q4_1", "general.name": 3},
])
def test_derived_figures_never_raise_on_odd_types(meta):
    tensors = [TensorInfo("blk.0.ffn.weight", (32,), 8, 0), TensorInfo("blk.x.y", (32,), 8, 0),
               TensorInfo("output.weight", (), 0, 0)]
    info = GGUFInfo(Path("x.gguf"), 3, {"general.architecture": "llama", **meta}, tensors, 0)
    gt.exercise(info)
    assert estimate_gpu_layers(info, 2**40) == 1


# -- llama.cpp: the chat template is ours to render ------------------------------------
IF_FALSE = "{% if false %}{{ 'x' * 1000000000 }}{% endif %}"

_LOAD_CHILD = """
import json, resource, sys, tracemalloc
resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))  # a regression fails instead of taking the machine
sys.path.insert(0, {root!r})
from backends.base import GenerationRequest, Message
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
import llama_cpp
tracemalloc.start()
b = LlamaCppBackend(LlamaLoadParams({path!r}, n_ctx=256))
b.load()
_, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
sent = b.render(GenerationRequest(messages=(Message("user", "hi"),)))
print(json.dumps({{"peak": peak, "handlers": list(b.llm._chat_handlers), "sent": sent,
                  "meta": sorted(k for k in b.llm.metadata if k.startswith("tokenizer.chat_template"))}}))
"""


@pytest.mark.real
def test_loading_never_compiles_the_template_in_llama_cpp_python(smollm2, tmp_path):
    """llama_cpp.Llama compiles the model's template at load time, and Jinja folds
    ``'x' * 1000000000`` while compiling even inside ``{% if false %}`` (4.1 GB peak
    and 32 s with plain llama_cpp.Llama here). Our load must not hand it the template."""
    tpl = read_gguf(smollm2).chat_template + IF_FALSE
    evil = gt.rewrite_string_kv(smollm2, tmp_path / "iffalse.gguf", "tokenizer.chat_template", tpl)
    code = _LOAD_CHILD.format(root=str(ROOT), path=str(evil))
    p = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["handlers"] == [] and out["meta"] == []
    # Python allocations during the load: ~100 MB is llama-cpp-python's scores array
    # (n_batch x n_vocab floats); compiling the template in Jinja would add over 1 GB
    assert out["peak"] < 256 * 2**20, out["peak"]
    assert out["sent"] == "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n" \
                          "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"


@pytest.mark.real
def test_a_chat_template_too_long_to_read_is_a_chat_template_error(smollm2, tmp_path):
    from backends.base import GenerationRequest, SamplingParams, complete
    from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
    from tests.backend_contract import chat

    long = gt.rewrite_string_kv(smollm2, tmp_path / "long.gguf", "tokenizer.chat_template", "{# #}" * (2**20 // 4))
    b = LlamaCppBackend(LlamaLoadParams(str(long), n_ctx=256))
    try:
        with pytest.raises(ChatTemplateError, match="chat template is 1,310,720 bytes, too long to read"):
            complete(b, chat("hello", max_tokens=2))
        assert b.llm._chat_handlers == {}
        r = complete(b, GenerationRequest(prompt="Hello", params=SamplingParams(temperature=0, max_tokens=2)))
        assert r.finish_reason in ("length", "stop")
    finally:
        b.close()


# -- scanning model folders ------------------------------------------------------------
def model_folder(root: Path, smollm2: Path) -> Path:
    """A folder as people have them: a good model (a link to the bundled one), a truncated
    download, a header with a wrong-typed value, a named pipe, a folder called *.gguf,
    a broken link, a link loop and a second link to the same model."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "good.gguf").symlink_to(smollm2)
    gt.truncated_copy(smollm2, root / "cut.gguf", 0.05)  # the header is whole, most tensors missing
    _with_value(smollm2, root / "odd.gguf", "general.alignment", gt.F32, gt.enc_scalar(gt.F32, 0.5))
    os.mkfifo(root / "pipe.gguf")
    (root / "dir.gguf").mkdir()
    (root / "sub").mkdir()
    (root / "sub" / "gone.gguf").symlink_to(root / "missing.gguf")
    (root / "sub" / "loop.gguf").symlink_to(root / "sub" / "loop.gguf")
    (root / "sub" / "again.gguf").symlink_to(root / "good.gguf")
    (root / "sub" / "up").symlink_to(root)  # a linked folder is not entered: no endless walk
    return root


def test_a_bad_model_file_is_listed_with_its_reason_and_the_rest_list_normally(tmp_path, smollm2):
    from backends.registry import Registry

    folder = model_folder(tmp_path / "models", smollm2)
    (tmp_path / "home").mkdir()
    reg = Registry(tmp_path / "home", [folder])
    entries = {e.name: e for e in _in_thread(lambda: reg.list(with_sha=True), timeout=30)}
    user = {n: e for n, e in entries.items() if e.source == "user"}
    assert sorted(user) == ["cut", "gone", "good", "loop", "odd"]  # no pipe, no folder, one entry per file
    good = user["good"]
    assert good.error is None and good.kind == "chat" and good.info.block_count == 30 and len(good.sha256) == 64
    reasons = {n: e.error for n, e in user.items() if n != "good"}
    assert "cut.gguf is truncated: its tensors need" in reasons["cut"]
    assert "general.alignment should be a non-negative integer but is the float 0.5" in reasons["odd"]
    assert "is a broken link" in reasons["gone"]
    assert "Too many levels of symbolic links" in reasons["loop"]
    for n, reason in reasons.items():
        assert user[n].kind == "unreadable" and user[n].info is None
        s = user[n].summary()
        assert s["error"] == reason and s["architecture"] is None
        assert user[n].description == f"unreadable: {reason}"
    assert entries["smollm2-135m-instruct"].error is None


def test_add_path_refuses_a_named_pipe_at_once(tmp_path):
    from backends.registry import Registry

    os.mkfifo(tmp_path / "x.gguf")
    reg = Registry(tmp_path, [])
    with pytest.raises(ModelLoadError, match="not a regular file"):
        _in_thread(lambda: reg.add_path(tmp_path / "x.gguf"))
    with pytest.raises(ModelLoadError, match="not a regular file"):
        _in_thread(lambda: reg.resolve(str(tmp_path / "x.gguf")))


@pytest.mark.real
def test_cli_models_lists_a_folder_with_a_good_a_truncated_and_a_fifo(tmp_path, smollm2):
    folder = model_folder(Path(os.environ["HOME"]) / "models", smollm2)  # ~/models, a default search folder
    env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(tmp_path / "wb")}

    def models(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "models", *args], check=False, capture_output=True,
                              text=True, timeout=60, env=env, cwd=ROOT)

    p = models("--json")
    assert p.returncode == 0, p.stderr
    rows = {r["name"]: r for r in json.loads(p.stdout)}
    assert rows["good"]["error"] is None and rows["good"]["layers"] == 30 and rows["good"]["chat_template"] is True
    assert "truncated" in rows["cut"]["error"] and rows["cut"]["kind"] == "unreadable"
    assert "pipe" not in rows and "dir" not in rows
    table = models()
    assert table.returncode == 0, table.stderr
    assert "cut: unreadable: cut.gguf is truncated" in table.stdout
    assert "Traceback" not in table.stderr
    # a run on the truncated file is one error line, on the pipe too (no hang)
    for name, expected in (("cut", "truncated"), (str(folder / "pipe.gguf"), "not a regular file")):
        r = subprocess.run([sys.executable, str(ROOT / "main.py"), "run", "hi", "--model", name], check=False,
                           capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
        assert r.returncode != 0 and len(r.stderr.strip().splitlines()) == 1 and expected in r.stderr, r.stderr


@pytest.mark.parametrize("values, expected", [
    ({"llama.block_count": 0}, "llama.block_count is 0, outside 1 to 512"),
    ({"llama.block_count": 513}, "llama.block_count is 513, outside 1 to 512"),
    ({"llama.expert_count": 8}, "it uses 0 of 8 experts per token"),
    ({"llama.expert_used_count": 3}, "it uses 3 of 0 experts per token"),
    ({"llama.expert_count": 2, "llama.expert_used_count": 3}, "it uses 3 of 2 experts per token"),
    ({"llama.context_length": 2**32 - 1}, "llama.context_length is 4,294,967,295, over 67,108,864 tokens"),
])
def test_values_llama_cpp_would_abort_on_are_refused_before_it_sees_them(smollm2, tmp_path, values, expected):
    """Each of these stopped the whole process (SIGABRT in a GGML_ASSERT) or ended in a
    ValueError from llama-cpp-python's tokenizer when the file reached llama.cpp."""
    from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams

    lay = gt.parse_layout(smollm2)
    for key, v in values.items():
        try:
            lay.kvs[lay.kv_index(key)] = (key, gt.U32, gt.enc_scalar(gt.U32, v))
        except StopIteration:
            lay.kvs.append((key, gt.U32, gt.enc_scalar(gt.U32, v)))
    bad = _write(lay, tmp_path / "abort.gguf")
    gt.exercise(read_gguf(bad))  # the header itself reads: it lists normally
    with pytest.raises(ModelLoadError) as err:
        LlamaCppBackend(LlamaLoadParams(str(bad), n_ctx=256))
    assert expected in str(err.value) and "would stop the whole app" in str(err.value)
