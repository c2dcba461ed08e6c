"""Build test GGUF files from the bundled one: a different string value for one key
(e.g. a malicious chat template), a truncated copy, a header claiming a huge string
(written sparse, so it costs no disk), and seeded mutations of the header for fuzzing.

This module has its own small GGUF layout parser, independent of the reader under test
(backends/gguf_meta.py), for well-formed files only: the bundled model.
"""

from __future__ import annotations

import math
import random
import shutil
import struct
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

_SCALAR_FMT = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
STRING, ARRAY = 8, 9
U32, U64, I64, F32, F64, BOOL = 4, 10, 11, 6, 12, 7


@dataclass
class Layout:
    """A GGUF header taken apart: each value and tensor record kept as its raw bytes."""

    version: int
    kvs: list[tuple[str, int, bytes]]  # key, value type, encoded value
    tensors: list[bytes]  # encoded tensor-info records
    align: int
    data_offset: int  # where the data section starts in the source file
    data_len: int
    n_tensors: int | None = None  # override the counts written (None: the real ones)
    n_kv: int | None = None
    extra: bytes = b""  # appended after the tensor records (before padding)

    def kv_index(self, key: str) -> int:
        return next(i for i, (k, _t, _v) in enumerate(self.kvs) if k == key)

    def arch(self) -> str:
        raw = self.kvs[self.kv_index("general.architecture")][2]
        return raw[8:].decode()


def _skip_value(raw: bytes, pos: int, vtype: int) -> int:
    if vtype in _SCALAR_FMT:
        return pos + struct.calcsize(_SCALAR_FMT[vtype])
    if vtype == STRING:
        (n,) = struct.unpack_from("<Q", raw, pos)
        return pos + 8 + n
    assert vtype == ARRAY
    itype, count = struct.unpack_from("<IQ", raw, pos)
    pos += 12
    if itype in _SCALAR_FMT:
        return pos + struct.calcsize(_SCALAR_FMT[itype]) * count
    for _ in range(count):
        pos = _skip_value(raw, pos, itype)
    return pos


def parse_layout(src: Path) -> Layout:
    with src.open("rb") as f:
        head = f.read(64 << 20)  # the bundled header is ~2 MB
    size = src.stat().st_size
    version, n_tensors, n_kv = struct.unpack_from("<IQQ", head, 4)
    pos = 24
    kvs = []
    align = 32
    for _ in range(n_kv):
        (n,) = struct.unpack_from("<Q", head, pos)
        key = head[pos + 8 : pos + 8 + n].decode()
        pos += 8 + n
        (vtype,) = struct.unpack_from("<I", head, pos)
        pos += 4
        end = _skip_value(head, pos, vtype)
        kvs.append((key, vtype, head[pos:end]))
        if key == "general.alignment":
            (align,) = struct.unpack_from("<I", head, pos)
        pos = end
    tensors = []
    for _ in range(n_tensors):
        start = pos
        (n,) = struct.unpack_from("<Q", head, pos)
        pos += 8 + n
        (n_dims,) = struct.unpack_from("<I", head, pos)
        pos += 4 + 8 * n_dims + 4 + 8
        tensors.append(head[start:pos])
    data_offset = (pos + align - 1) // align * align
    return Layout(version, kvs, tensors, align, data_offset, size - data_offset)


def enc_string(s: str | bytes) -> bytes:
    b = s.encode("utf-8") if isinstance(s, str) else s
    return struct.pack("<Q", len(b)) + b


def enc_scalar(vtype: int, v: object) -> bytes:
    return struct.pack(_SCALAR_FMT[vtype], v)


def enc_array(itype: int, items: list[bytes]) -> bytes:
    return struct.pack("<IQ", itype, len(items)) + b"".join(items)


def enc_tensor(name: str | bytes, shape: tuple[int, ...], ggml_type: int, offset: int) -> bytes:
    return (enc_string(name) + struct.pack("<I", len(shape)) + b"".join(struct.pack("<Q", d) for d in shape)
            + struct.pack("<IQ", ggml_type, offset))


def tensor_fields(rec: bytes) -> tuple[bytes, tuple[int, ...], int, int]:
    (n,) = struct.unpack_from("<Q", rec, 0)
    name = rec[8 : 8 + n]
    (n_dims,) = struct.unpack_from("<I", rec, 8 + n)
    shape = struct.unpack_from(f"<{n_dims}Q", rec, 12 + n)
    ttype, offset = struct.unpack_from("<IQ", rec, 12 + n + 8 * n_dims)
    return name, shape, ttype, offset


def encode_header(lay: Layout) -> bytes:
    parts = [b"GGUF", struct.pack("<IQQ", lay.version,
                                  len(lay.tensors) if lay.n_tensors is None else lay.n_tensors,
                                  len(lay.kvs) if lay.n_kv is None else lay.n_kv)]
    for key, vtype, value in lay.kvs:
        parts += [enc_string(key), struct.pack("<I", vtype), value]
    parts += lay.tensors
    parts.append(lay.extra)
    return b"".join(parts)


def write_gguf(header: bytes, dst: Path, *, align: int, data_len: int, data_from: tuple[Path, int] | None = None) -> Path:
    """Write ``header``, pad it to ``align`` and add the data section: copied from
    ``data_from`` = (file, offset), or left as a sparse run of zeros (no disk used)."""
    pad = (-len(header)) % align if align > 0 else 0
    with dst.open("wb") as f:
        f.write(header + b"\0" * pad)
        if data_from is None:
            f.truncate(len(header) + pad + data_len)
        else:
            with data_from[0].open("rb") as fi:
                fi.seek(data_from[1])
                shutil.copyfileobj(fi, f, 4 << 20)
    return dst


def rewrite_string_kv(src: Path, dst: Path, key: str, value: str) -> Path:
    """Copy ``src`` to ``dst`` with the string metadata ``key`` set to ``value``.

    Tensor offsets are relative to the data section, so we rewrite the header,
    pad it to the file's alignment and copy the data section unchanged.
    """
    lay = parse_layout(src)
    i = lay.kv_index(key)
    assert lay.kvs[i][1] == STRING, "only string values can be rewritten"
    lay.kvs[i] = (key, STRING, enc_string(value))
    return write_gguf(encode_header(lay), dst, align=lay.align, data_len=lay.data_len, data_from=(src, lay.data_offset))


def huge_string_kv(src: Path, dst: Path, key: str, n_bytes: int) -> Path:
    """Like ``rewrite_string_kv`` with a string of ``n_bytes`` zero bytes, written sparse:
    the file is that much larger but takes no disk or memory to make. The data section
    is sparse zeros too (the reader does not look at it)."""
    lay = parse_layout(src)
    i = lay.kv_index(key)
    before = replace(lay, kvs=lay.kvs[:i], tensors=[], n_kv=len(lay.kvs), n_tensors=len(lay.tensors))
    after = b"".join(enc_string(k) + struct.pack("<I", t) + v for k, t, v in lay.kvs[i + 1 :]) + b"".join(lay.tensors)
    with dst.open("wb") as f:
        f.write(encode_header(before) + enc_string(key) + struct.pack("<I", STRING) + struct.pack("<Q", n_bytes))
        f.seek(n_bytes, 1)
        f.write(after)
        end = f.tell()
        pad = (-end) % lay.align
        f.truncate(end + pad + lay.data_len)
    return dst


def truncated_copy(src: Path, dst: Path, keep_fraction: float = 0.5) -> Path:
    with src.open("rb") as fi, dst.open("wb") as fo:
        fo.write(fi.read(int(src.stat().st_size * keep_fraction)))
    return dst


def copy(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst


# -- fuzzing ---------------------------------------------------------------------------
_BIG_ARRAYS = ("tokenizer.ggml.tokens", "tokenizer.ggml.token_type", "tokenizer.ggml.merges")
_INTERESTING = (0, 1, 2, 3, 7, 8, 63, 64, 65, 255, 256, 4096, 65_535, 65_536, 999_999, 1_000_000, 2**31 - 1, 2**31,
                2**32 - 1, 2**32, 2**62, 2**63 - 1, 2**63, 2**64 - 1)


@dataclass
class Case:
    label: str
    header: bytes
    align: int
    data_len: int


def _odd_values(rng: random.Random) -> list[tuple[str, int, bytes]]:
    """(what, type, encoded value) for a value of the wrong type or an odd figure."""
    nested = enc_array(U32, [enc_scalar(U32, 1)])
    for _ in range(rng.choice((2, 5, 50, 2000))):
        nested = enc_array(ARRAY, [nested])
    return [
        ("float", F32, enc_scalar(F32, 0.5)),
        ("nan", F32, enc_scalar(F32, math.nan)),
        ("inf", F64, enc_scalar(F64, math.inf)),
        ("-inf", F64, enc_scalar(F64, -math.inf)),
        ("string", STRING, enc_string("8192")),
        ("empty string", STRING, enc_string("")),
        ("bool", BOOL, enc_scalar(BOOL, True)),
        ("zero", U32, enc_scalar(U32, 0)),
        ("negative", I64, enc_scalar(I64, -rng.choice((1, 32, 2**63)))),
        ("huge", U64, enc_scalar(U64, rng.choice(_INTERESTING))),
        ("odd int", U32, enc_scalar(U32, rng.choice((3, 6, 33, 48, 1000)))),
        ("array of float", ARRAY, enc_array(F32, [enc_scalar(F32, math.nan)] * 3)),
        ("array of u32", ARRAY, enc_array(U32, [enc_scalar(U32, rng.choice((0, 1, 9)))] * rng.choice((1, 30)))),
        ("empty array", ARRAY, enc_array(U32, [])),
        ("array of strings", ARRAY, enc_array(STRING, [enc_string("x")] * 2)),
        ("nested array", ARRAY, nested),
        ("bad array type", ARRAY, struct.pack("<IQ", rng.choice((13, 99, 2**32 - 1)), 1) + b"\0" * 8),
        ("array count lie", ARRAY, struct.pack("<IQ", U32, rng.choice(_INTERESTING[8:]))),
        ("unknown type", rng.choice((13, 64, 2**32 - 1)), b"\0" * 8),
    ]


def mutations(src: Path, seed: int) -> Iterator[Case]:
    """Endless seeded mutations of ``src``'s header; each case is a whole header."""
    base = parse_layout(src)
    arch = base.arch()
    targets = ["general.alignment", "general.architecture", "general.name", "general.file_type",
               "tokenizer.chat_template", f"{arch}.context_length", f"{arch}.block_count",
               f"{arch}.embedding_length", f"{arch}.attention.head_count", f"{arch}.attention.head_count_kv",
               f"{arch}.feed_forward_length", "tokenizer.ggml.tokens"]
    rng = random.Random(seed)
    small = [i for i, (k, _t, _v) in enumerate(base.kvs) if k not in _BIG_ARRAYS]
    while True:
        lay = replace(base, kvs=list(base.kvs), tensors=list(base.tensors))
        kind = rng.randrange(10)
        label = ""
        if kind == 0:  # a known key gets a value of the wrong type or an odd figure
            key = rng.choice(targets)
            what, vtype, value = rng.choice(_odd_values(rng))
            try:
                lay.kvs[lay.kv_index(key)] = (key, vtype, value)
            except StopIteration:
                lay.kvs.insert(rng.randrange(len(lay.kvs) + 1), (key, vtype, value))
            label = f"{key} = {what}"
        elif kind == 1:  # the counts lie
            which = rng.choice(("n_tensors", "n_kv"))
            v = rng.choice(_INTERESTING)
            setattr(lay, which, v)
            label = f"{which} = {v:,}"
        elif kind == 2:  # a tensor record with odd fields
            i = rng.randrange(len(lay.tensors))
            name, shape, ttype, offset = tensor_fields(lay.tensors[i])
            field_ = rng.choice(("name", "dims", "shape", "type", "offset", "dup"))
            if field_ == "name":
                name = rng.choice((b"blk.x.attn_k.weight", b"blk..weight", b"blk.-1.ffn_up.weight",
                                   b"blk." + b"9" * 40 + b".attn_v.weight", b"x" * 64, b"", b"\xff\xfe",
                                   b"blk.3"))
            elif field_ == "dims":
                shape = tuple(rng.choice((1, 2, 64)) for _ in range(rng.choice((0, 5, 9))))
            elif field_ == "shape":
                shape = tuple(rng.choice(_INTERESTING) for _ in shape)
            elif field_ == "type":
                ttype = rng.choice((4, 5, 31, 36, 42, 255, 2**32 - 1))
            elif field_ == "offset":
                offset = rng.choice(_INTERESTING)
            else:
                name = tensor_fields(lay.tensors[(i + 1) % len(lay.tensors)])[0]
            lay.tensors[i] = enc_tensor(name, shape, ttype, offset)
            label = f"tensor {field_}"
        elif kind == 3:  # a string length lies
            i = rng.choice(small)
            key, vtype, value = lay.kvs[i]
            if vtype == STRING:
                n = rng.choice(_INTERESTING[6:])
                lay.kvs[i] = (key, vtype, struct.pack("<Q", n) + value[8:])
                label = f"{key} string length {n:,}"
            else:
                lay.kvs[i] = (key, rng.choice((STRING, ARRAY)), value)
                label = f"{key} retyped"
        elif kind == 4:  # a long array's count lies
            key = rng.choice(_BIG_ARRAYS)
            i = lay.kv_index(key)
            value = lay.kvs[i][2]
            n = rng.choice(_INTERESTING)
            lay.kvs[i] = (key, ARRAY, value[:4] + struct.pack("<Q", n) + value[12:])
            label = f"{key} count {n:,}"
        elif kind == 5:  # duplicated, dropped or overlong keys
            op = rng.choice(("dup", "drop", "long"))
            i = rng.choice(small)
            if op == "dup":
                lay.kvs.insert(i, lay.kvs[i])
            elif op == "drop":
                del lay.kvs[i]
            else:
                lay.kvs.append(("k" * rng.choice((70_000, 10)), U32, enc_scalar(U32, 1)))
            label = f"key {op}"
        elif kind == 6:  # the header stops early
            raw = encode_header(lay)
            cut = rng.randrange(4, len(raw))
            yield Case(f"header cut at {cut:,}", raw[:cut], 1, 0)
            continue
        elif kind == 7:  # version and magic
            lay.version = rng.choice((0, 1, 4, 2**24 * 3, 2**32 - 1))
            label = f"version {lay.version}"
        elif kind == 8:  # extra garbage records after the tensor table
            lay.n_tensors = len(lay.tensors) + rng.choice((1, 10, 1000))
            lay.extra = rng.choice((b"\0" * 24 * 2000, bytes(rng.randrange(256) for _ in range(512))))
            label = f"{lay.n_tensors - len(lay.tensors)} extra tensor records"
        raw = encode_header(lay)
        if kind == 9 or rng.random() < 0.2:  # random bytes overwritten, mostly in the small keys and tensors
            buf = bytearray(raw)
            for _ in range(rng.choice((1, 2, 4, 16))):
                region = rng.random()
                if region < 0.4:
                    pos = rng.randrange(min(len(buf), 4096))
                elif region < 0.8:
                    pos = rng.randrange(max(0, len(buf) - 30_000), len(buf))
                else:
                    pos = rng.randrange(len(buf))
                width = rng.choice((1, 1, 4, 8))
                chunk = rng.choice((bytes(rng.randrange(256) for _ in range(width)), b"\xff" * width, b"\0" * width))
                buf[pos : pos + width] = chunk[: len(buf) - pos]
            raw = bytes(buf)
            label = (label + " + " if label else "") + "random bytes"
        yield Case(label, raw, lay.align, lay.data_len)


@dataclass
class FuzzStats:
    cases: int = 0
    refused: int = 0  # ended in ModelLoadError / ModelNotFoundError
    accepted: int = 0
    crashes: list[tuple[str, str]] = field(default_factory=list)  # (case label, exception)
    slow: list[tuple[str, float]] = field(default_factory=list)  # (case label, seconds) over the limit
    slowest: float = 0.0
    total_s: float = 0.0


def exercise(info: object) -> None:
    """Every figure the app derives from a header, as the CLI and the window do."""
    from backends.gguf_meta import estimate_gpu_layers
    from backends.registry import ModelEntry

    i = info
    _ = (i.architecture, i.context_length, i.block_count, i.parameters, i.chat_template, i.quantization, i.name,  # type: ignore[attr-defined]
         i.layer_bytes(), i.non_layer_bytes(), i.chat_template_skipped)  # type: ignore[attr-defined]
    for vram in (0, 2**30, 2**40):
        estimate_gpu_layers(i, vram, n_ctx=4096)  # type: ignore[arg-type]
    ModelEntry(name="x", path=i.path, source="user", info=i).summary()  # type: ignore[attr-defined]


def run_fuzz(src: Path, workdir: Path, n: int, seed: int, slow_s: float = 1.0,
             clock: Callable[[], float] = time.perf_counter) -> FuzzStats:
    """Write ``n`` mutated files and read each through ``read_gguf`` plus ``exercise``;
    a case is slow when it takes over ``slow_s`` on ``clock`` (wall time by default)."""
    from backends.gguf_meta import read_gguf
    from common.errors import ModelLoadError, ModelNotFoundError

    stats = FuzzStats()
    dst = workdir / "fuzz.gguf"
    t_all = time.perf_counter()
    for case, _ in zip(mutations(src, seed), range(n)):
        write_gguf(case.header, dst, align=case.align, data_len=case.data_len)
        t0 = clock()
        try:
            exercise(read_gguf(dst))
            stats.accepted += 1
        except (ModelLoadError, ModelNotFoundError) as exc:
            assert "\n" not in str(exc)
            stats.refused += 1
        except Exception as exc:  # noqa: BLE001 - what the fuzz is looking for
            stats.crashes.append((case.label, f"{type(exc).__name__}: {exc}"[:200]))
        dt = clock() - t0
        stats.slowest = max(stats.slowest, dt)
        if dt > slow_s:
            stats.slow.append((case.label, dt))
        stats.cases += 1
    stats.total_s = time.perf_counter() - t_all
    return stats
