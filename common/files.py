"""Reading the small files a person hands us (YAML/JSON settings, policies, variables), with\nthe same bounded loader as templates and experiments (common.yaml_safe)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from common.errors import WorkbenchError

MAX_SMALL_FILE_BYTES = 10_000_000


def load_yaml_file(path: str | Path, what: str, error: type[WorkbenchError] = WorkbenchError) -> Any:
    """Parse a UTF-8 YAML (or JSON) file; every failure is one line naming ``what``."""
    import yaml

    from common.yaml_safe import describe_character, nul_at, safe_load

    p = Path(path).expanduser()
    try:
        if p.is_file() and p.stat().st_size > MAX_SMALL_FILE_BYTES:
            raise error(f"{what} {p} is too large ({p.stat().st_size:,} bytes; limit {MAX_SMALL_FILE_BYTES:,})")
        text = p.read_text(encoding="utf-8")
        data = safe_load(text)
    except FileNotFoundError as exc:
        raise error(f"{what} not found: {p}") from exc
    except UnicodeDecodeError as exc:
        raise error(f"{what} {p} is not UTF-8 text") from exc
    except IsADirectoryError as exc:
        raise error(f"{what} {p} is a folder, not a file") from exc
    except yaml.reader.ReaderError as exc:  # NUL and other control characters, before parsing
        line = text[: exc.position].count("\n") + 1
        raise error(f"{what} {p} line {line}: {describe_character(exc.character)} is not allowed") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise error(f"{what} {p}{where}: {exc.problem or exc.context or 'not valid YAML'}") from exc
    except RecursionError as exc:
        raise error(f"{what} {p}: nested too deeply") from exc
    except (OSError, yaml.YAMLError) as exc:
        raise error(f"cannot read {what} {p}: {str(exc).splitlines()[0]}") from exc
    at = nul_at(data)
    if at is not None:
        raise error(f"{what} {p}: a NUL character is not allowed (in {at})")
    return data


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, line ends as given) in one step: written to a
    temporary file beside it, then renamed over it, so a reader never sees half a file and a
    failure leaves the old one. OSError is the caller's to explain."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_new_folder(out_dir: str | Path, files: Mapping[str, str],
                     error: type[WorkbenchError] = WorkbenchError) -> Path:
    """Write ``files`` (relative path -> text) into the folder ``out_dir``, all or nothing:
    built in a temporary folder beside it and renamed into place. ``out_dir`` must not exist
    or be an empty folder; every failure is one ``error`` line. Returns the folder."""
    from common.i18n import _

    target = Path(out_dir).expanduser().resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise error(_('{target} already exists and is not an empty folder; choose another -o').format(target=target))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".promptfoo-", dir=target.parent))
    try:
        for rel, text in files.items():
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp / rel).write_text(text, encoding="utf-8", newline="")
        if target.exists():
            target.rmdir()
        tmp.rename(target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise error(_('cannot write {target}: {value}').format(target=target, value=exc.strerror or exc)) from None
    return target
