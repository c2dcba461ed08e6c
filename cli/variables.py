"""Template variables given on the command line: ``--var KEY=VALUE`` and ``--vars-file FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from common.errors import TemplateError


def parse_vars(pairs: list[str], vars_file: str | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if vars_file:
        from common.files import load_yaml_file

        p = Path(vars_file).expanduser()
        data = load_yaml_file(p, "vars file", TemplateError)
        if not isinstance(data, dict):
            raise TemplateError(f"vars file {p} must hold a mapping of variable names to values")
        values.update(data)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise TemplateError(f"--var takes KEY=VALUE, got {pair!r}")
        values[key.strip()] = value
    return values
