"""Translating engine messages in the window by their templates (``common/i18n.py``).

A template ``"unknown model {name!r}; ..."`` becomes a regular expression whose fields
match any text; where a message contains it, that part is replaced by the translated
template with the same field values. Templates are tried longest first, so a message
built from several (a file name, then a dataset error) is translated part by part.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication

CONTEXT = "engine"
FIELD = re.compile(r"\{([A-Za-z_]\w*)(![rsa])?(:[^{}]*)?\}")
ROOT = Path(__file__).resolve().parents[1]


def marked_strings(root: Path = ROOT) -> list[str]:
    """Every ``_("...")`` literal in the engine's packages, in file order, once each."""
    from common.i18n import ENGINE_PACKAGES

    out: list[str] = []
    for pkg in ENGINE_PACKAGES:
        for path in sorted((root / pkg).rglob("*.py")):
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"))
            except (SyntaxError, UnicodeDecodeError, OSError):
                continue
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                        and len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str) and node.args[0].value not in out):
                    out.append(node.args[0].value)
    return out


def _pattern(template: str) -> re.Pattern[str]:
    """The template as a regular expression. A field that ends it takes the rest of the
    line but the closing brackets there (they close a message this one is inside). A
    template that begins with a lower-case word does not match in the middle of an English
    sentence (after a word and a space): "found {what}" is not the "found" of "but found".
    A ``{n:d}`` field matches digits only, and a template ending in a letter does not
    match the start of a longer word."""
    parts, pos, names = [], 0, set()
    if re.match(r"[a-z]", template):
        parts.append(r"(?<![A-Za-z] )(?<![A-Za-z])")
    for m in FIELD.finditer(template):
        parts.append(re.escape(template[pos:m.start()]))
        name = m.group(1)
        last = m.end() == len(template)
        if m.group(3) == ":d":  # an integer: digits only, so "{n:d} secrets" does not take the words before it
            field = f"(?P<{name}>\\d+)"
        elif last:
            field = f"(?P<{name}>.+?)(?=[)\\]）]*$)"
        else:
            field = f"(?P<{name}>.+?)"
        parts.append(f"(?P={name})" if name in names else field)
        names.add(name)
        pos = m.end()
    parts.append(re.escape(template[pos:]))
    if re.search(r"[A-Za-z]$", template):  # "1 secret" is not the start of "1 secrets"
        parts.append(r"(?![A-Za-z])")
    return re.compile("".join(parts), re.M)


def _plain(template: str) -> str:
    """The template with conversions and specs dropped: the captured text is already formatted."""
    return FIELD.sub(lambda m: "{" + m.group(1) + "}", template)


@lru_cache(maxsize=1)
def _templates() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(template, its pattern, its longest literal piece) of every marked template, longest first."""
    from desktop.engine_strings import ENGINE_STRINGS

    out = []
    for t in sorted(ENGINE_STRINGS, key=len, reverse=True):
        pieces = FIELD.split(t)[::4]  # the literal text between the fields
        out.append((t, _pattern(t), max(pieces, key=len)))
    return tuple(out)


@lru_cache(maxsize=4)
def _translated(marker: str) -> tuple[tuple[str, re.Pattern[str], str, str, bool], ...]:
    """The templates that have a translation in the language ``marker`` stands for, with
    the translated text (conversions dropped); computed once per language."""
    out = []
    for template, pattern, anchor in _templates():
        translated = QCoreApplication.translate(CONTEXT, template)
        if translated != template:
            out.append((template, pattern, anchor, _plain(translated), bool(FIELD.search(template))))
    return tuple(out)


def _marker() -> str:
    """Which translation is installed: the current translation of every template's first one."""
    first = _templates()[0][0] if _templates() else ""
    return QCoreApplication.translate(CONTEXT, first) + "\0" + QCoreApplication.translate(CONTEXT, "the backend")


def translate_message(text: str) -> str:
    """``text`` with every marked engine template in it translated (unchanged in English)."""
    if not text:
        return text
    return _translate(_marker(), text)


@lru_cache(maxsize=2048)
def _translate(marker: str, text: str) -> str:
    out = text
    for _tpl, pattern, anchor, plain, has_fields in _translated(marker):
        if anchor not in out:  # cheap: most templates share no literal text with the message
            continue
        if not has_fields:  # the same word rules as a template with fields: "valid JSON" is not inside "not valid JSON"
            out = pattern.sub(lambda m, plain=plain: plain, out)
            continue

        def sub(m: re.Match[str], plain: str = plain) -> str:
            # a field's text may itself be a message ("was constrained, and {why}"): translated too
            values = {k: _translate(marker, v) if v and v != text else v for k, v in m.groupdict().items()}
            try:
                return plain.format(**values)
            except (KeyError, IndexError, ValueError):
                return m.group(0)

        out = pattern.sub(sub, out)
    return out


def write_engine_strings(path: Path | None = None) -> Path:
    """Write ``desktop/engine_strings.py``: the marked templates as ``translate`` calls
    that pyside6-lupdate extracts (the module is data; nothing calls the function)."""
    target = path or Path(__file__).with_name("engine_strings.py")
    strings = marked_strings()
    lines = ['"""Generated by ``python -m desktop.i18n`` from the engine\'s ``_("...")`` marks; do not edit."""',
             "", "from PySide6.QtCore import QCoreApplication", "",
             "ENGINE_STRINGS = (", *[f"    {s!r}," for s in strings], ")", "", "",
             "def _for_lupdate() -> None:  # never called: pyside6-lupdate reads these"]
    lines += [f"    QCoreApplication.translate({CONTEXT!r}, {s!r})" for s in strings] or ["    pass"]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target
