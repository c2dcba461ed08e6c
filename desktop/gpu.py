"""What the machine offers for offload: whether this llama.cpp build can offload at
all, and how much VRAM is free (from nvidia-smi, when there is one). No Qt."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass


@dataclass(frozen=True)
class GpuProbe:
    offload_supported: bool
    free_vram_bytes: int | None  # None: no GPU found (or no way to ask)
    name: str | None = None


def probe() -> GpuProbe:
    from backends.llama_cpp import gpu_offload_supported

    supported = gpu_offload_supported()
    free, name = _nvidia_free()
    return GpuProbe(supported, free, name)


def _nvidia_free() -> tuple[int | None, str | None]:
    exe = shutil.which("nvidia-smi")
    if exe is None:
        return None, None
    try:
        out = subprocess.run([exe, "--query-gpu=memory.free,name", "--format=csv,noheader,nounits"],
                             capture_output=True, text=True, timeout=3, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None, None
    first = out.strip().splitlines()[0] if out.strip() else ""
    parts = [p.strip() for p in first.split(",")]
    try:
        return int(float(parts[0])) * 2**20, (parts[1] if len(parts) > 1 else None)
    except (ValueError, IndexError):
        return None, None
