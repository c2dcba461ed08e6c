"""GGUF metadata, the VRAM estimate and model discovery, without loading weights."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from backends.gguf_meta import GGUFInfo, TensorInfo, estimate_gpu_layers, read_gguf
from backends.registry import DEFAULT_MODEL, Registry
from common.errors import ModelLoadError, ModelNotFoundError
from common.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_reads_smollm2_metadata_fast(smollm2):
    t0 = time.perf_counter()
    info = read_gguf(smollm2)
    elapsed = time.perf_counter() - t0
    assert info.architecture == "llama"
    assert info.context_length == 8192 and info.block_count == 30
    assert info.quantization == "Q4_1"
    assert info.parameters == 134_515_008
    assert info.chat_template and "<|im_start|>" in info.chat_template
    assert info.array_lengths["tokenizer.ggml.tokens"] == 49152
    assert sum(info.layer_bytes().values()) + info.non_layer_bytes() <= info.file_size
    assert elapsed < 2.0  # gguf.GGUFReader took 5.5 s on this file


def _fake_info(layer_bytes: int, n_layers: int, n_embd=1024, heads=16, kv_heads=4) -> GGUFInfo:
    # Q8_0 blocks: 32 elements in 34 bytes, so 32*k elements -> 34*k bytes
    per = layer_bytes // 34 * 32
    tensors = [TensorInfo(f"blk.{i}.ffn.weight", (per,), 8, 0) for i in range(n_layers)]
    tensors.append(TensorInfo("token_embd.weight", (32 * 1000,), 8, 0))
    meta = {"general.architecture": "llama", "llama.embedding_length": n_embd,
            "llama.attention.head_count": heads, "llama.attention.head_count_kv": kv_heads}
    return GGUFInfo(Path("x.gguf"), 3, meta, tensors, 0)


@pytest.mark.parametrize("free_mib, expected", [
    (0, 0),
    (512, 0),  # all reserved for compute buffers
    (512 + 100 + 16, 1),  # one 100 MiB layer plus its 16 MiB of KV cache
    (512 + 5 * 116, 5),
    (512 + 5 * 116 - 1, 4),
    (100_000, 24),  # everything fits
])
def test_vram_estimate_in_numbers(free_mib, expected):
    info = _fake_info(100 * 2**20, 24)
    # KV per layer at n_ctx 16384: 2 (K and V) * 16384 * head_dim 64 * 4 kv heads * 2 bytes = 16 MiB
    assert estimate_gpu_layers(info, free_mib * 2**20, n_ctx=16384) == expected


def test_vram_estimate_on_the_real_file(smollm2):
    info = read_gguf(smollm2)
    assert estimate_gpu_layers(info, 8 * 2**30) == 30
    assert 0 < estimate_gpu_layers(info, 512 * 2**20 + 20 * 2**20, n_ctx=2048) < 30


def test_registry_lists_bundled_and_user_models_and_caches_sha(tmp_path, smollm2):
    folder = tmp_path / "models" / "sub"
    folder.mkdir(parents=True)
    (folder / "copy.gguf").write_bytes(smollm2.read_bytes())
    (folder / "broken.gguf").write_text("nope")
    reg = Registry(tmp_path / "home", [tmp_path / "models"])
    (tmp_path / "home").mkdir()
    names = {e.name: e for e in reg.list()}
    assert DEFAULT_MODEL in names and "gemma3-270m" in names
    assert names["copy"].kind == "chat" and names["copy"].info.block_count == 30
    assert names["broken"].info is None and "unreadable" in names["broken"].description
    e = reg.resolve("copy")
    first = reg.sha256(e.path)
    assert len(first) == 64 and (tmp_path / "home" / "models.json").exists()
    # a new registry reads the cached hash instead of hashing again
    reg2 = Registry(tmp_path / "home", [])
    import backends.registry as registry_module

    calls = []
    orig = registry_module.sha256_file
    registry_module.sha256_file = lambda p: calls.append(p) or orig(p)
    try:
        assert reg2.sha256(e.path) == first
    finally:
        registry_module.sha256_file = orig
    assert calls == []


def test_the_bundled_file_by_its_path_is_the_bundled_model_by_name(tmp_path, smollm2):
    """A re-run or a branch names its model by the file's path (the same file even if a
    name moves); the bundled file then keeps the bundled name, so History lists one model."""
    reg = Registry(tmp_path / "home", [])
    (tmp_path / "home").mkdir()
    by_name = reg.resolve(DEFAULT_MODEL)
    by_path = reg.resolve(str(smollm2))
    assert by_path.name == by_name.name == DEFAULT_MODEL and by_path.path == by_name.path
    copy = tmp_path / "elsewhere.gguf"
    copy.write_bytes(smollm2.read_bytes())
    assert reg.resolve(str(copy)).name == "elsewhere"  # another file is another model, even with the same bytes


def test_add_path_refuses_a_bad_file_and_accepts_a_folder(tmp_path, smollm2):
    reg = Registry(tmp_path, [])
    bad = tmp_path / "bad.gguf"
    bad.write_text("x")
    with pytest.raises(ModelLoadError, match="not a GGUF"):
        reg.add_path(bad)
    with pytest.raises(ModelNotFoundError, match="no such file or folder"):
        reg.add_path(tmp_path / "missing")
    good = tmp_path / "dir"
    good.mkdir()
    (good / "m.gguf").symlink_to(smollm2)
    assert [e.name for e in reg.add_path(good)] == ["m"]
    assert reg.resolve("m").info.architecture == "llama"


def test_settings_file_is_versioned_and_errors_are_one_line(tmp_path):
    s = Settings.load(tmp_path)
    assert s.schema_version == 1 and s.n_ctx == 4096
    s.default_model = "gemma3-270m"
    s.save(tmp_path)
    assert Settings.load(tmp_path).default_model == "gemma3-270m"
    (tmp_path / "settings.json").write_text("{not json")
    from common.errors import ConfigError

    with pytest.raises(ConfigError, match="not valid JSON"):
        Settings.load(tmp_path)
    (tmp_path / "settings.json").write_text('{"n_ctx": "big"}')
    with pytest.raises(ConfigError, match="n_ctx"):
        Settings.load(tmp_path)


def test_the_engine_runs_without_qt_installed(tmp_path):
    """Nothing outside desktop/ imports PySide6: block it and use the engine."""
    code = f"""
import sys
sys.modules['PySide6'] = None  # any import of PySide6 now fails
sys.path.insert(0, {str(ROOT)!r})
from runs.engine import Engine
from cli import commands
import prompt_library, guards
e = Engine.open({str(tmp_path / 'h')!r}, search_dirs=[])
print(len(e.registry.list()))
"""
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "2"
