"""Secrets through Yelp's detect-secrets plugins; our code picks the lines and maps spans.

Every regex plugin of detect-secrets runs (AWS, Azure, GitHub, GitLab, Slack, Stripe,
OpenAI, JWT, npm, PyPI, SendGrid, Twilio, Discord, Telegram, Mailchimp, Artifactory,
IBM, SoftLayer, Cloudant, Square, basic-auth URLs, private keys), plus its keyword
detector (``password = ...``, ``api_key: ...`` in code and config forms) and its
high-entropy string detectors (quoted base64 and hex strings over their entropy limits),
with the library's own heuristic filters (templated values, ``$references``, sequential
strings, ids, indirect references). Its public-IP plugin is left out: IPs are a kind of
their own.

Plugins return secret values, not offsets; a value is located in the line it came from,
so a span is exact. Only lines with a cheap trigger (a keyword of the library's
denylist, a long mixed letter-and-digit token, a URL with credentials, a key header)
go through the plugins, which keeps prose cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

Found = Iterator[tuple[int, int, str]]

_MAX_SEGMENT = 2000  # a longer line is cut at whitespace into pieces about this long
_PRIVATE_BLOCK = re.compile(
    r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"
    r"(?:[\s\S]{0,16384}?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s:,.-]{0,16384})"
)
_PROSE_VALUE = re.compile(r"[!-~]*")
_SETTING_LINE = re.compile(r"\s*(?:[-*]\s+)?(?:export\s+|set\s+|const\s+|let\s+|var\s+)?[\"'\[]?[A-Za-z_][\w.-]*[\"'\]]?\s*(?::=|=>|[:=])")
_LITERALS = frozenset({"none", "null", "nil", "true", "false", "undefined", "empty", "changeme", "<redacted>"})
# Shapes of well-known provider tokens that detect-secrets 1.5 has no plugin for.
_EXTRA_SHAPES = re.compile(
    r"(?<![\w-])(?:github_pat_[A-Za-z0-9_]{40,}|hf_[A-Za-z0-9]{30,}|sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{20,}"
    r"|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|AIza[0-9A-Za-z_-]{35}|gsk_[A-Za-z0-9]{40,})(?![\w-])"
)
_TOKEN = re.compile(r"[A-Za-z0-9+/=_.:-]{10,}")


@lru_cache(maxsize=1)
def _library() -> dict[str, Any]:
    """The plugin instances and filters, built once on first use."""
    import importlib
    import inspect
    import pkgutil

    import detect_secrets.plugins as plugins_pkg
    from detect_secrets.filters import heuristic
    from detect_secrets.plugins import keyword
    from detect_secrets.plugins.base import BasePlugin, RegexBasedDetector
    from detect_secrets.plugins.high_entropy_strings import HighEntropyStringsPlugin

    regex_plugins, entropy_plugins = [], []
    for info in pkgutil.iter_modules(plugins_pkg.__path__):
        module = importlib.import_module(f"{plugins_pkg.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or inspect.isabstract(cls) or not issubclass(cls, BasePlugin):
                continue
            if cls.__name__ == "IPPublicDetector":
                continue
            if issubclass(cls, HighEntropyStringsPlugin):
                entropy_plugins.append(cls())
            elif issubclass(cls, RegexBasedDetector):
                regex_plugins.append(cls())
    trigger = re.compile(keyword.DENYLIST_REGEX, re.IGNORECASE)
    return {
        "regex": regex_plugins,
        "entropy": entropy_plugins,
        "keyword": keyword.KeywordDetector(),
        # the config forms allow unquoted values (``password: hunter2x``); code forms need quotes
        "keyword_forms": (keyword.CONFIG_DENYLIST_REGEX_TO_GROUP, keyword.QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP),
        "keyword_trigger": trigger,
        "heuristic": heuristic,
    }


def _segments(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) pieces of ``text``, each at most about ``_MAX_SEGMENT`` characters."""
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        while end - pos > _MAX_SEGMENT:
            cut = text.rfind(" ", pos + _MAX_SEGMENT // 2, pos + _MAX_SEGMENT)
            cut = cut if cut > pos else pos + _MAX_SEGMENT
            yield pos, text[pos:cut]
            pos = cut
        yield pos, text[pos:end]
        pos = end + 1


def _suspect(line: str, lib: dict[str, Any]) -> tuple[bool, bool]:
    """(worth running the value plugins, worth running the keyword detector)."""
    keyword = lib["keyword_trigger"].search(line) is not None
    if "-----BEGIN" in line or "PuTTY" in line or ("://" in line and "@" in line):
        return True, keyword
    for m in _TOKEN.finditer(line):
        tok = m.group()
        if len(tok) >= 16 or (any(c.isdigit() for c in tok) and any(c.isalpha() for c in tok)):
            return True, keyword
    return False, keyword


def _filtered(value: str, line: str, lib: dict[str, Any], plugin: Any) -> bool:
    h = lib["heuristic"]
    return (
        h.is_templated_secret(value)
        or h.is_prefixed_with_dollar_sign(value)
        or h.is_not_alphanumeric_string(value)
        or h.is_likely_id_string(value, line, plugin)
        or len(set(value)) < 3  # one character repeated is a placeholder, not a secret
    )


_TOKEN_CHAR = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/=-.")


def _secret_group(m: re.Match[str]) -> int:
    """The group a plugin reports as the secret: its last non-empty one, else the match."""
    return next((i for i in range(m.re.groups, 0, -1) if m.group(i)), 0)


def _secret_span(m: re.Match[str], line: str) -> tuple[int, int]:
    """Where the secret of a plugin's match lies in ``line``.

    A group that only names a prefix (``ghp`` of a GitHub token) stands for the whole
    match; delimiters the match took in front (``:``, ``=``, quotes) are left out, and a
    token the pattern stopped inside (a lazy JWT tail) is followed to its end.
    """
    g = _secret_group(m)
    start, end = m.start(g), m.end(g)
    if g and start == m.start() and end < m.end():
        start, end = m.start(), m.end()
    while start < end and not line[start].isalnum():
        start += 1
    while end < len(line) and line[end] in _TOKEN_CHAR and line[end - 1] in _TOKEN_CHAR:
        end += 1
    while end > start and line[end - 1] in "._-":
        end -= 1
    return start, end


def _spans(offset: int, line: str, value: str, label: str) -> Found:
    if not value:
        return
    at = line.find(value)
    while at >= 0:
        yield offset + at, offset + at + len(value), label
        at = line.find(value, at + len(value))


def find_secrets(text: str) -> Found:
    """Secret values (label SECRET) and private key blocks (label PRIVATE_KEY)."""
    lib = _library()
    if "-----BEGIN" in text:
        for m in _PRIVATE_BLOCK.finditer(text):
            yield m.start(), m.end(), "PRIVATE_KEY"
    for offset, line in _segments(text):
        values, keyword = _suspect(line, lib)
        if values:
            for m in _EXTRA_SHAPES.finditer(line):
                yield offset + m.start(), offset + m.end(), "SECRET"
            for plugin in lib["regex"]:
                if plugin.secret_type == "Private Key":
                    continue  # the whole block is found above
                accepted = set(plugin.analyze_string(line))  # the plugin's own verdict
                if not accepted:
                    continue
                for rx in plugin.denylist:
                    for m in rx.finditer(line):
                        start, end = _secret_span(m, line)
                        said = {m.group(0), *m.groups(default="")}
                        if accepted & said and end > start and not _filtered(line[start:end], line, lib, plugin):
                            yield offset + start, offset + end, "SECRET"
            if '"' in line or "'" in line:
                for plugin in lib["entropy"]:
                    for value in set(plugin.analyze_string(line)):
                        if plugin.calculate_shannon_entropy(value) > plugin.entropy_limit and not (
                            _filtered(value, line, lib, None) or lib["heuristic"].is_sequential_string(value)
                        ):
                            yield from _spans(offset, line, value, "SECRET")
        if keyword and not lib["heuristic"].is_indirect_reference(line):
            detector = lib["keyword"]
            setting = _SETTING_LINE.match(line) is not None
            for forms in lib["keyword_forms"]:
                found = False
                for value in detector.analyze_string(line, denylist_regex_to_group=forms):
                    value = value.strip()
                    if not setting:  # in prose an unquoted value is one ASCII token
                        value = _PROSE_VALUE.match(value).group()
                    if value and value.rstrip(".,;").lower() in _LITERALS:
                        continue
                    if value and not _filtered(value, line, lib, detector) and not lib["heuristic"].is_sequential_string(value):
                        found = True
                        yield from _spans(offset, line, value, "SECRET")
                if found:
                    break
