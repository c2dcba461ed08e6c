"""Edits of a template's YAML text that keep the rest of it as written (no Qt).

The pattern picker changes only the ``pattern:`` entry: that entry's text is replaced
by a freshly dumped mapping, so comments and layout elsewhere in the file survive.
"""

from __future__ import annotations

from typing import Any

import yaml

from common import yaml_safe

from prompt_library import yamlio
from prompt_library.spec import (
    ChainOfVerification,
    FewShot,
    FewShotCoT,
    LeastToMost,
    SelfConsistency,
    StepBack,
    ZeroShot,
    ZeroShotCoT,
)

PATTERN_MODELS: dict[str, Any] = {
    cls.model_fields["name"].annotation.__args__[0]: cls
    for cls in (ZeroShot, FewShot, ZeroShotCoT, FewShotCoT, StepBack, SelfConsistency, LeastToMost,
                ChainOfVerification)
}


def pattern_keys(name: str) -> set[str]:
    """The settings a pattern accepts (its model's fields)."""
    model = PATTERN_MODELS.get(name)
    return set(model.model_fields) if model is not None else {"name"}


def pattern_default(name: str, key: str) -> Any:
    model = PATTERN_MODELS.get(name)
    field = model.model_fields.get(key) if model is not None else None
    return None if field is None else field.default


def read_pattern(text: str) -> dict[str, Any]:
    """The ``pattern`` entry as written (a bare name becomes ``{"name": ...}``)."""
    try:
        data = yaml_safe.safe_load(text)  # bounded: an alias bomb typed into the editor fails fast
    except yaml.YAMLError:
        return {}
    value = data.get("pattern") if isinstance(data, dict) else None
    if isinstance(value, str):
        return {"name": value}
    return dict(value) if isinstance(value, dict) else {"name": "zero-shot"}


def changed_pattern(current: dict[str, Any], name: str, **settings: Any) -> dict[str, Any]:
    """``current`` switched to ``name`` (keeping the settings it still accepts) with
    ``settings`` applied; a setting of None is removed (the pattern's default)."""
    allowed = pattern_keys(name)
    out: dict[str, Any] = {"name": name}
    for k, v in current.items():
        if k != "name" and k in allowed:
            out[k] = v
    for k, v in settings.items():
        if k not in allowed:
            continue
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v
    return out


def with_pattern(text: str, pattern: dict[str, Any]) -> str:
    """``text`` with its top-level ``pattern:`` entry replaced (or appended)."""
    block = yamlio.dump({"pattern": pattern}).rstrip("\n")
    try:
        root = yaml.compose(text, Loader=yaml_safe.BoundedSafeLoader)
    except yaml.YAMLError:
        root = None
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "pattern":
                start = key.start_mark.index
                end = start + len(_trim_tail(text[start:value.end_mark.index]))
                return text[:start] + block + text[end:]
    sep = "" if not text or text.endswith("\n") else "\n"
    return f"{text}{sep}{block}\n"


def _trim_tail(entry: str) -> str:
    """An entry's text without the trailing blank and comment lines a block node swallows,
    and without its final newline (which stays in the file)."""
    lines = entry.splitlines(keepends=True)
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return "".join(lines).removesuffix("\n")


def with_entry(text: str, key: str, value: Any) -> str:
    """``text`` with its top-level ``key:`` entry replaced by ``value`` (appended if
    absent, removed if ``value`` is None); the rest of the file, comments included, kept."""
    block = "" if value is None else yamlio.dump({key: value}).rstrip("\n")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        root = None
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                start = k.start_mark.index
                end = start + len(_trim_tail(text[start:v.end_mark.index]))
                if value is None and text[end:end + 1] == "\n":
                    end += 1
                return text[:start] + block + text[end:]
    if value is None:
        return text
    sep = "" if not text or text.endswith("\n") else "\n"
    return f"{text}{sep}{block}\n"
