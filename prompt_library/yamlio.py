"""YAML and text-file helpers that keep line numbers: for templates and datasets.

PyYAML's composed node tree keeps the position of every value; we keep it next to
the constructed data so a schema error or a Jinja syntax error can point at the line
of the file a person edits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from common.i18n import _
from common.yaml_safe import BoundedSafeLoader, describe_character

MAX_FILE_BYTES = 50_000_000


def read_utf8(path: Path, error: Callable[..., Exception], *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file (a BOM is allowed) or raise ``error(message, path=..., line=...)``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise error(f"{path.name} is too large ({size:,} bytes; limit {max_bytes:,})", path=str(path))
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path} does not exist", path=str(path)) from None
    except IsADirectoryError:
        raise error(f"{path} is a folder, not a file", path=str(path)) from None
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror or exc}", path=str(path)) from None
    return decode_utf8(data, path.name, error, path=str(path))


def decode_utf8(data: bytes, label: str, error: Callable[..., Exception], *, path: str | None = None) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            f"{label} is not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line}); "
            "save it as UTF-8 and try again", path=path, line=line) from None


def compose(text: str, label: str, error: Callable[..., Exception],
            *, path: str | None = None) -> tuple[yaml.Node | None, Any]:
    """Parse one YAML document safely; return its node tree and its data."""
    try:
        loader = BoundedSafeLoader(text)  # aliases bounded: an alias bomb fails here, at the alias
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise error(f"{label} line {line}: {describe_character(exc.character)} is not allowed in YAML",
                    path=path, line=line) from None
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_duplicate_keys(node, label, error, path)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        if mark is not None:
            raise error(_("{label} line {line}, column {column}: {problem}").format(
                label=label, line=mark.line + 1, column=mark.column + 1, problem=problem),
                        path=path, line=mark.line + 1, column=mark.column + 1) from None
        raise error(f"{label}: {problem}", path=path) from None
    except yaml.YAMLError as exc:
        raise error(f"{label}: not valid YAML ({exc})", path=path) from None
    except RecursionError:
        raise error(f"{label}: YAML nested too deeply", path=path) from None
    finally:
        loader.dispose()
    return node, data


def _refuse_duplicate_keys(root: yaml.Node, label: str, error: Callable[..., Exception],
                           path: str | None) -> None:
    """Also refuses a NUL character written as an escape ("\\0", "\\x00"): the reader refuses raw ones."""
    stack = [root]
    done: set[int] = set()  # an aliased node is checked once
    while stack:
        node = stack.pop()
        if id(node) in done:
            continue
        done.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if "\x00" in node.value:
                line = node.start_mark.line + 1
                raise error(f"{label} line {line}: a NUL character is not allowed in a value",
                            path=path, line=line, column=node.start_mark.column + 1)
        elif isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        line = key.start_mark.line + 1
                        raise error(f"{label} line {line}: key '{key.value}' appears twice",
                                    path=path, line=line, column=key.start_mark.column + 1)
                    seen.add(key.value)
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def locate(node: yaml.Node | None, loc: Sequence[Any]) -> yaml.Node | None:
    """The deepest node along ``loc`` (mapping keys / sequence indexes); skips unknown steps."""
    current = node
    for step in loc:
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                    current = value
                    break
        elif isinstance(current, yaml.SequenceNode) and isinstance(step, int):
            if 0 <= step < len(current.value):
                current = current.value[step]
    return current


def content_line(node: yaml.Node | None) -> int | None:
    """1-based file line of the first line of a scalar's text (block scalars: the next line)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        line += 1
    return line


class _BlockDumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _str_presenter)


def dump(data: Any) -> str:
    """Diff-friendly YAML: keys in the given order, multi-line text as ``|`` blocks."""
    return yaml.dump(data, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False,
                     width=100, default_flow_style=False)
