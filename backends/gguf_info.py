"""What a GGUF header says, and the figures the app derives from it.

``GGUFInfo`` is what ``backends.gguf_meta.read_gguf`` returns. Its accessors check types
themselves (a hand-built ``GGUFInfo`` may hold anything): a value of the wrong type reads
as absent, so no derived figure (the listing summary, the VRAM estimate) raises on an
odd file.
"""

from __future__ import annotations

from common.i18n import _

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from common.errors import ModelLoadError

_LAYER = re.compile(r"blk\.(\d+)\.")


def as_uint(v: Any) -> int | None:
    """``v`` if it is a non-negative integer (not a bool), else None."""
    return v if type(v) is int and v >= 0 else None


def as_count(v: Any) -> int | None:
    """A non-negative integer, or the largest of a non-empty list of them (per-layer values)."""
    if type(v) is int:
        return v if v >= 0 else None
    if isinstance(v, list) and v and all(type(x) is int and x >= 0 for x in v):
        return max(v)
    return None


@dataclass
class TensorInfo:
    name: str
    shape: tuple[int, ...]
    ggml_type: int
    offset: int

    @property
    def n_elements(self) -> int:
        n = 1
        for d in self.shape:
            n *= d
        return n

    @property
    def n_bytes(self) -> int:
        try:
            import gguf  # its type tables import numpy: only when they are needed
            block, size = gguf.GGML_QUANT_SIZES[gguf.GGMLQuantizationType(self.ggml_type)]
        except (ValueError, KeyError) as exc:
            raise ModelLoadError(_('tensor {name} has unknown GGML type {ggml_type}').format(name=self.name, ggml_type=self.ggml_type)) from exc
        return self.n_elements * size // block

    @property
    def layer(self) -> int | None:
        """N for a repeating layer's tensor (``blk.N.*``), else None."""
        m = _LAYER.match(self.name)
        return int(m.group(1)) if m else None


@dataclass
class GGUFInfo:
    path: Path
    version: int
    metadata: dict[str, Any]
    tensors: list[TensorInfo]
    file_size: int
    array_lengths: dict[str, int] = field(default_factory=dict)
    skipped_strings: dict[str, int] = field(default_factory=dict)  # key -> bytes of a string not read

    def get(self, key: str, default: Any = None) -> Any:
        return self.metadata.get(key, default)

    @property
    def architecture(self) -> str:
        arch = self.metadata.get("general.architecture")
        return arch if isinstance(arch, str) and arch else "unknown"

    def arch_key(self, suffix: str, default: Any = None) -> Any:
        return self.metadata.get(f"{self.architecture}.{suffix}", default)

    @property
    def context_length(self) -> int | None:
        return as_uint(self.arch_key("context_length"))

    @property
    def block_count(self) -> int | None:
        return as_uint(self.arch_key("block_count"))

    @property
    def parameters(self) -> int:
        return sum(t.n_elements for t in self.tensors)

    @property
    def chat_template(self) -> str | None:
        tpl = self.metadata.get("tokenizer.chat_template")
        return tpl if isinstance(tpl, str) and tpl.strip() else None

    @property
    def chat_template_skipped(self) -> int | None:
        """The size in bytes of a chat template too long to read, else None."""
        return self.skipped_strings.get("tokenizer.chat_template")

    @property
    def quantization(self) -> str:
        ft = as_uint(self.metadata.get("general.file_type"))
        if ft is None:
            return "unknown"
        try:
            import gguf  # its type tables import numpy: only when they are needed
            return gguf.LlamaFileType(ft).name.removeprefix("MOSTLY_")
        except ValueError:
            return f"file_type {ft}"

    @property
    def name(self) -> str:
        n = self.metadata.get("general.name")
        return n if isinstance(n, str) and n else self.path.stem

    def layer_bytes(self) -> dict[int, int]:
        """Bytes of weights per repeating layer (``blk.N.*`` tensors)."""
        per: dict[int, int] = {}
        for t in self.tensors:
            idx = t.layer
            if idx is not None:
                per[idx] = per.get(idx, 0) + t.n_bytes
        return per

    def non_layer_bytes(self) -> int:
        return sum(t.n_bytes for t in self.tensors if t.layer is None)


def estimate_gpu_layers(info: GGUFInfo, free_vram_bytes: int, *, n_ctx: int = 4096, reserve_bytes: int = 512 * 2**20) -> int:
    """How many repeating layers fit in ``free_vram_bytes``.

    Counts each layer's weight bytes from the tensor table plus its share of the KV
    cache (f16 K and V: 2 * n_ctx * n_embd_kv * 2 bytes per layer), after keeping
    ``reserve_bytes`` free for the compute buffer and the CUDA context. The output
    layer and embeddings stay on the CPU in this estimate (llama.cpp offloads the
    output layer only when all layers fit, in which case we report all of them).
    Metadata of the wrong type counts as absent (no KV share), so this never raises
    on an odd file. Per-layer head counts (arrays) count at their largest.
    """
    try:
        per_layer = info.layer_bytes()
    except ModelLoadError:  # an unknown tensor type in a hand-built GGUFInfo
        return 0
    if not per_layer:
        return 0
    n_embd = as_uint(info.arch_key("embedding_length")) or 0
    n_head = as_count(info.arch_key("attention.head_count")) or 0
    n_head_kv = as_count(info.arch_key("attention.head_count_kv"))
    if n_head_kv is None:
        n_head_kv = n_head
    head_dim = n_embd // n_head if n_head else 0
    kv_per_layer = 2 * max(0, int(n_ctx)) * (head_dim * n_head_kv) * 2
    budget = int(free_vram_bytes) - int(reserve_bytes)
    fitted = 0
    for idx in sorted(per_layer):
        need = per_layer[idx] + kv_per_layer
        if need > budget:
            break
        budget -= need
        fitted += 1
    return fitted


def kv_cache_estimate(info: GGUFInfo, n_ctx: int) -> int | None:
    """Bytes of an f16 K and V cache for ``n_ctx`` tokens, from the header: per layer,
    ``n_ctx`` times the widths of its ``attn_k`` and ``attn_v`` weights times 2 bytes
    (what ``backends.llama_cpp.kv_cache_bytes`` counts on a loaded model); from the
    head counts where the tensor table has no such weights. None if neither is known."""
    widths: dict[tuple[int, str], int] = {}
    for t in info.tensors:
        parts = t.name.split(".")
        if (len(parts) == 4 and parts[0] == "blk" and parts[1].isdigit() and parts[2] in ("attn_k", "attn_v")
                and parts[3] == "weight" and t.shape):
            widths[(int(parts[1]), parts[2])] = int(t.shape[-1])
    if widths:
        return sum(widths.values()) * max(0, int(n_ctx)) * 2
    layers = info.block_count
    n_embd = as_uint(info.arch_key("embedding_length")) or 0
    n_head = as_count(info.arch_key("attention.head_count")) or 0
    n_head_kv = as_count(info.arch_key("attention.head_count_kv"))
    if not layers or not n_head or not n_embd:
        return None
    n_head_kv = n_head if n_head_kv is None else n_head_kv
    return 2 * layers * max(0, int(n_ctx)) * (n_embd // n_head) * n_head_kv * 2


def estimate_memory(info: GGUFInfo, n_ctx: int, gpu_layers: int = 0) -> dict[str, int | None]:
    """What loading ``info`` at ``n_ctx`` takes: ``ram`` and ``vram`` bytes (weights and
    KV cache, split by the ``gpu_layers`` offloaded; -1 is all), with ``weights`` and
    ``kv`` for the record. Never raises on an odd header (unknown parts count as 0)."""
    try:
        per_layer = info.layer_bytes()
        other = info.non_layer_bytes()
    except ModelLoadError:
        per_layer, other = {}, int(getattr(info, "file_size", 0) or 0)
    kv = kv_cache_estimate(info, n_ctx)
    n = len(per_layer)
    on_gpu = n if gpu_layers < 0 else min(max(0, gpu_layers), n)
    layers_sorted = sorted(per_layer)
    gpu_w = sum(per_layer[i] for i in layers_sorted[n - on_gpu:]) if on_gpu else 0
    weights = sum(per_layer.values()) + other
    kv_gpu = (kv or 0) * on_gpu // n if n else 0
    return {"weights": weights, "kv": kv, "ram": weights - gpu_w + (kv or 0) - kv_gpu, "vram": gpu_w + kv_gpu}
