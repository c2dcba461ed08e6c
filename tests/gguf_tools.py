"""Build test GGUF files from the bundled one: a different string value for one key
(e.g. a malicious chat template), or a truncated copy."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

from backends.gguf_meta import _Cursor


def rewrite_string_kv(src: Path, dst: Path, key: str, value: str) -> Path:
    """Copy ``src`` to ``dst`` with the string metadata ``key`` set to ``value``.

    Tensor offsets are relative to the data section, so we rewrite the header,
    pad it to the file's alignment and copy the data section unchanged.
    """
    raw = src.read_bytes()
    cur = _Cursor(raw, src)
    cur.pos = 4
    cur.unpack("<I")
    n_tensors = cur.unpack("<Q")
    n_kv = cur.unpack("<Q")
    span = None
    align = 32
    for _ in range(n_kv):
        k = cur.string()
        vtype = cur.unpack("<I")
        start = cur.pos
        v = cur.value(vtype, k, {})
        if k == key:
            assert vtype == 8, "only string values can be rewritten"
            span = (start, cur.pos)
        if k == "general.alignment":
            align = int(v)
    assert span is not None, f"{key} not in {src.name}"
    for _ in range(n_tensors):
        cur.string()
        n_dims = cur.unpack("<I")
        for _ in range(n_dims):
            cur.unpack("<Q")
        cur.unpack("<I")
        cur.unpack("<Q")
    header_end = cur.pos
    data_start = (header_end + align - 1) // align * align
    encoded = value.encode("utf-8")
    new_header = raw[: span[0]] + struct.pack("<Q", len(encoded)) + encoded + raw[span[1] : header_end]
    pad = (-len(new_header)) % align
    with dst.open("wb") as f:
        f.write(new_header + b"\0" * pad)
        f.write(raw[data_start:])
    return dst


def truncated_copy(src: Path, dst: Path, keep_fraction: float = 0.5) -> Path:
    with src.open("rb") as fi, dst.open("wb") as fo:
        fo.write(fi.read(int(src.stat().st_size * keep_fraction)))
    return dst


def copy(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst
