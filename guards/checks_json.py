"""JSON validity, optionally against a JSON Schema (through ``jsonschema``)."""

from __future__ import annotations

from common.i18n import _

import json
import re
from typing import Any

from common.errors import GuardError
from guards.checks_base import Check, CheckResult, Span

_FENCE = re.compile(r"```[ \t]*(?:json5?|JSON)?[ \t]*\n([\s\S]*?)```")
_OPENERS = re.compile(r"[{\[]")
_MAX_STARTS = 64
_decoder = json.JSONDecoder()


def find_json(text: str) -> tuple[Any, int, int] | None:
    """The first JSON value in ``text`` as ``(value, start, end)``, or None.

    Tried in order: the whole text, each fenced code block, then each ``{`` or ``[``
    (an object or array embedded in prose).
    """
    stripped = text.strip()
    if stripped:
        start = text.index(stripped[0])
        try:
            return json.loads(stripped), start, start + len(stripped)
        except (ValueError, RecursionError):  # 100,000 "[" in a row
            pass
    for m in _FENCE.finditer(text):
        body = m.group(1)
        inner = body.strip()
        if not inner:
            continue
        try:
            value = json.loads(inner)
        except (ValueError, RecursionError):
            continue
        start = m.start(1) + body.index(inner[0])
        return value, start, start + len(inner)
    for n, m in enumerate(_OPENERS.finditer(text)):
        if n >= _MAX_STARTS:
            break
        try:
            value, end = _decoder.raw_decode(text, m.start())
        except (ValueError, RecursionError):
            continue
        return value, m.start(), end
    return None


def _where(path: Any) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


class JsonCheck(Check):
    """Passes when the text holds valid JSON (and, given ``schema``, valid against it)."""

    name = "json"

    def __init__(self, *, schema: Any = None) -> None:
        super().__init__(schema=schema)
        self.validator = None
        if schema is None:
            return
        if isinstance(schema, str):
            try:
                schema = json.loads(schema)
            except ValueError as err:
                raise GuardError(_('json: schema is not valid JSON: {err}').format(err=err)) from None
        if not isinstance(schema, (dict, bool)):
            raise GuardError(_('json: schema must be an object; got {name}').format(name=type(schema).__name__))
        try:
            import jsonschema
            from jsonschema.validators import validator_for
        except ImportError:  # pragma: no cover - jsonschema is a dependency
            raise GuardError(_("json: schema validation needs jsonschema (pip install 'jsonschema>=4,<5')")) from None
        cls = validator_for(schema, default=jsonschema.Draft202012Validator)
        try:
            cls.check_schema(schema)
        except jsonschema.SchemaError as err:
            raise GuardError(_('invalid JSON schema at {where}: {message}').format(where=_where(err.path), message=err.message)) from None
        self.validator = cls(schema, format_checker=cls.FORMAT_CHECKER)

    def _check(self, text: str) -> CheckResult:
        found = find_json(text)
        if found is None:
            return self.result("fail", _('no valid JSON found in the text'))
        value, start, end = found
        span = Span(start, end, "json", text[start:end])
        if self.validator is not None:
            from jsonschema.exceptions import best_match

            error = best_match(self.validator.iter_errors(value))
            if error is not None:
                return self.result(
                    "fail", _('JSON does not match the schema at {where}: {message}').format(where=_where(error.absolute_path), message=error.message), [span]
                )
            return self.result("pass", _('valid JSON, matches the schema'), [span])
        return self.result("pass", _('valid JSON'), [span])
