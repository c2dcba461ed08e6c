"""Checking and converting variable values to their declared types.

Values arrive as Python values (the window, JSONL/YAML datasets) or as strings (the
CLI's ``--var n=3``, CSV datasets), so each type accepts its natural string form:

- ``str``: any string; numbers and booleans become their text.
- ``int`` / ``float``: numbers, or strings that parse as one (``" 42 "``, ``"3.5"``).
- ``bool``: booleans, 0/1, or ``true/false/yes/no/on/off/1/0`` (any case).
- ``list``: a list; a string is a JSON array if it parses as one, else one item per line.
- ``choice``: one of the declared choices, compared as text.
"""

from __future__ import annotations

from common.i18n import _

import json
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from prompt_library.errors import VariableError

if TYPE_CHECKING:
    from prompt_library.spec import VariableSpec

_TRUE = {"true", "yes", "on", "1", "y", "t"}
_FALSE = {"false", "no", "off", "0", "n", "f"}


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def coerce_value(var: VariableSpec, value: Any) -> Any:
    """Return ``value`` converted to ``var.type`` or raise :class:`VariableError`."""
    kind = var.type

    def wrong() -> VariableError:
        return VariableError(_("variable '{name}' must be {kind}, got {show}").format(name=var.name, kind=kind, show=_show(value)), variable=var.name)

    if kind == "str":
        if isinstance(value, str):
            return value
        if isinstance(value, (bool, int, float)):
            return str(value).lower() if isinstance(value, bool) else str(value)
        raise wrong()
    if kind == "int":
        if isinstance(value, bool):
            raise wrong()
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            text = value.strip().replace("_", "")
            if text.lstrip("+-").isdigit() and len(text) <= 100:
                return int(text)
        raise wrong()
    if kind == "float":
        if isinstance(value, bool):
            raise wrong()
        if isinstance(value, (int, float)):
            result = float(value)
        elif isinstance(value, str) and len(value) <= 100:
            try:
                result = float(value.strip())
            except ValueError:
                raise wrong() from None
        else:
            raise wrong()
        if not math.isfinite(result):
            raise wrong()
        return result
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str):
            text = value.strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
        raise wrong()
    if kind == "list":
        if isinstance(value, (list, tuple)):
            return list(value)
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    parsed = json.loads(text)
                except ValueError:
                    parsed = None
                if isinstance(parsed, list):
                    return parsed
            return [line for line in value.splitlines() if line.strip()]
        raise wrong()
    if kind == "choice":
        choices = var.choices or []
        text = str(value).lower() if isinstance(value, bool) else str(value)
        if not isinstance(value, (str, int, float, bool)) or text not in choices:
            raise VariableError(
                _("variable '{name}' must be one of {choices}; got {show}").format(name=var.name, choices=', '.join(choices), show=_show(value)),
                variable=var.name)
        return text
    raise VariableError(_("variable '{name}' has unknown type {kind!r}").format(name=var.name, kind=kind), variable=var.name)


def coerce_variables(specs: list[VariableSpec], values: Mapping[str, Any] | None) -> dict[str, Any]:
    """Declared variables with defaults filled in and values converted.

    Values for undeclared names are ignored here (a dataset row may carry extra
    columns such as an expected answer); :func:`unknown_names` lists them.
    """
    values = values or {}
    out: dict[str, Any] = {}
    for var in specs:
        value = values.get(var.name)
        if value is None or (isinstance(value, str) and value == "" and var.type != "str"):
            if var.default is not None:
                out[var.name] = var.default
                continue
            if var.is_required:
                hint = f" ({var.description})" if var.description else ""
                raise VariableError(_("variable '{name}' is required{hint}").format(name=var.name, hint=hint), variable=var.name)
            out[var.name] = None
            continue
        out[var.name] = coerce_value(var, value)
    return out


def unknown_names(specs: list[VariableSpec], values: Mapping[str, Any] | None) -> list[str]:
    declared = {v.name for v in specs}
    return [k for k in (values or {}) if k not in declared]
