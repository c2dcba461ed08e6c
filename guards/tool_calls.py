"""Tools in chat: tool definitions and documents checked as data, tool calls parsed from output.

A tool is a JSON-schema function, the shape transformers' ``apply_chat_template(tools=)``
and OpenAI's API take::

    {"type": "function", "function": {"name": "get_weather", "description": "...",
                                      "parameters": {"type": "object", "properties": {...}}}}

(the bare ``{"name", "description", "parameters"}`` form is accepted and wrapped). A
document is a mapping of strings, usually ``{"title": ..., "text": ...}``.

:func:`parse_tool_calls` finds the calls a model wrote, in the common formats:

- Hermes / Qwen: ``<tool_call>{"name": ..., "arguments": {...}}</tool_call>`` (also a
  JSON list inside the tags, as SmolLM2 writes);
- Mistral: ``[TOOL_CALLS][{"name": ..., "arguments": {...}}]`` and the newer
  ``[TOOL_CALLS]name[ARGS]{...}``;
- Llama 3.1 JSON: the whole answer (after an optional ``<|python_tag|>``, or in a
  fenced block) is ``{"name": ..., "parameters": {...}}`` (``arguments`` also), or a
  list of those, or several separated by ``;``.
"""

from __future__ import annotations

from common.i18n import _

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from common.errors import GuardError

MAX_TOOLS = 128
MAX_DEFINITIONS_CHARS = 200_000  # all tool definitions together, as JSON
MAX_DOCUMENTS = 256
MAX_DOCUMENTS_CHARS = 2_000_000
MAX_DEPTH = 64  # nesting of a call's arguments
MAX_CALLS = 64  # calls read from one answer
_TOOL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,63}$")
_HERMES = re.compile(r"<tool_call>\s*(.*?)\s*(?:</tool_call>|$)", re.DOTALL)
_MISTRAL = re.compile(r"\[TOOL_CALLS\]\s*")
_MISTRAL_ARGS = re.compile(r"([A-Za-z_][A-Za-z0-9_.\-]*)\[ARGS\]\s*")
_FENCE = re.compile(r"```[ \t]*(?:json)?[ \t]*\n([\s\S]*?)```")
_decoder = json.JSONDecoder()


# --- definitions -----------------------------------------------------------------------
def normalize_tools(tools: Any) -> tuple[dict[str, Any], ...] | None:
    """Tool definitions in the ``{"type": "function", "function": {...}}`` form, checked:
    unique names, a description if any is text, ``parameters`` a valid JSON schema."""
    if tools is None:
        return None
    if isinstance(tools, Mapping) and "tools" in tools:
        tools = tools["tools"]
    if isinstance(tools, Mapping):
        tools = [tools]
    if not isinstance(tools, (list, tuple)):
        raise GuardError(_('tools must be a list of function definitions, got {name}').format(name=type(tools).__name__))
    if len(tools) > MAX_TOOLS:
        raise GuardError(_('{n} tools is more than the limit of {MAX_TOOLS}').format(n=len(tools), MAX_TOOLS=MAX_TOOLS))
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, tool in enumerate(tools):
        fn = _function_of(tool, i)
        name = fn["name"]
        if name in seen:
            raise GuardError(_('tool {value}: the name {name!r} is used twice').format(value=i + 1, name=name))
        seen.add(name)
        out.append({"type": "function", "function": fn})
    try:
        size = len(json.dumps(out, ensure_ascii=False))
    except (TypeError, ValueError) as exc:
        raise GuardError(_('tools must be plain JSON: {exc}').format(exc=exc)) from None
    if size > MAX_DEFINITIONS_CHARS:
        raise GuardError(_('the tool definitions are {size:,} characters, over the limit of {MAX_DEFINITIONS_CHARS:,}').format(size=size, MAX_DEFINITIONS_CHARS=MAX_DEFINITIONS_CHARS))
    return tuple(out)


def _function_of(tool: Any, i: int) -> dict[str, Any]:
    where = f"tool {i + 1}"
    if not isinstance(tool, Mapping):
        raise GuardError(_('{where}: a tool is a mapping with a name and parameters, got {name}').format(where=where, name=type(tool).__name__))
    if "function" in tool:
        if tool.get("type", "function") != "function":
            raise GuardError(_("{where}: only tools of type 'function' are supported, got {type!r}").format(where=where, type=tool.get('type')))
        tool = tool["function"]
        if not isinstance(tool, Mapping):
            raise GuardError(_("{where}: 'function' must be a mapping").format(where=where))
    name = tool.get("name")
    if not isinstance(name, str) or not _TOOL_NAME.match(name):
        raise GuardError(_("{where}: the name must be letters, digits, '_', '.' or '-' (at most 64), got {name!r}").format(where=where, name=name))
    where = f"tool {name!r}"
    unknown = set(tool) - {"name", "description", "parameters", "strict", "return", "returns"}
    if unknown:
        raise GuardError(_('{where}: unknown key {key!r}; a function has name, description, parameters').format(where=where, key=min(unknown)))
    description = tool.get("description", "")
    if not isinstance(description, str):
        raise GuardError(_('{where}: description must be text').format(where=where))
    parameters = tool.get("parameters", {"type": "object", "properties": {}})
    check_schema(parameters, where)
    fn = dict(tool)
    fn["parameters"] = parameters
    return fn


def check_schema(schema: Any, where: str) -> Any:
    """A validator for ``schema`` (a JSON schema of a tool's arguments), or GuardError."""
    import jsonschema
    from jsonschema.validators import validator_for

    if not isinstance(schema, Mapping):
        raise GuardError(_('{where}: parameters must be a JSON schema object, got {name}').format(where=where, name=type(schema).__name__))
    cls = validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as err:
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.path)
        raise GuardError(_('{where}: invalid parameters schema at ${path}: {message}').format(where=where, path=path, message=err.message)) from None
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def normalize_documents(documents: Any) -> tuple[dict[str, str], ...] | None:
    """Documents as mappings of strings (``title``/``text``); a bare string becomes ``{"text": ...}``."""
    if documents is None:
        return None
    if isinstance(documents, (str, Mapping)):
        documents = [documents]
    if not isinstance(documents, (list, tuple)):
        raise GuardError(_('documents must be a list, got {name}').format(name=type(documents).__name__))
    if len(documents) > MAX_DOCUMENTS:
        raise GuardError(_('{n} documents is more than the limit of {MAX_DOCUMENTS}').format(n=len(documents), MAX_DOCUMENTS=MAX_DOCUMENTS))
    out: list[dict[str, str]] = []
    total = 0
    for i, doc in enumerate(documents):
        if isinstance(doc, str):
            doc = {"text": doc}
        if not isinstance(doc, Mapping) or not doc:
            raise GuardError(_("document {value}: a document is a mapping such as {{'title': ..., 'text': ...}}").format(value=i + 1))
        for key, value in doc.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise GuardError(_('document {value}: keys and values must be text ({key!r} is not)').format(value=i + 1, key=key))
            total += len(key) + len(value)
        out.append(dict(doc))
    if total > MAX_DOCUMENTS_CHARS:
        raise GuardError(_('the documents are {total:,} characters, over the limit of {MAX_DOCUMENTS_CHARS:,}').format(total=total, MAX_DOCUMENTS_CHARS=MAX_DOCUMENTS_CHARS))
    return tuple(out)


def tool_names(tools: Iterable[Mapping[str, Any]]) -> list[str]:
    return [t["function"]["name"] for t in tools]


# --- calls -----------------------------------------------------------------------------
@dataclass(frozen=True)
class ToolCall:
    """One call found in a model's output. ``arguments`` is what the model wrote (a dict
    when it wrote a JSON object); ``problem`` says why it is not a usable call."""

    name: str | None
    arguments: Any
    format: str  # hermes | mistral | json
    start: int
    end: int
    problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "arguments": self.arguments, "format": self.format,
                "start": self.start, "end": self.end, "problem": self.problem}


def parse_tool_calls(text: str) -> list[ToolCall]:
    """Every tool call in ``text`` (at most ``MAX_CALLS``), in order; [] when it holds none."""
    if "<tool_call>" in text:
        calls = _hermes(text)
    elif m := _MISTRAL.search(text):
        calls = _mistral(text, m.end())
    else:
        calls = _bare_json(text)
    return calls[:MAX_CALLS]


def _call(value: Any, fmt: str, start: int, end: int) -> ToolCall:
    if not isinstance(value, Mapping):
        return ToolCall(None, value, fmt, start, end, "a tool call is a JSON object with a name")
    name = value.get("name")
    if name is None and isinstance(value.get("function"), Mapping):  # OpenAI's {"function": {...}} shape
        value = value["function"]
        name = value.get("name")
    args = value.get("arguments", value.get("parameters", {}))
    problem = None
    if isinstance(args, str):  # OpenAI-style arguments: a JSON text
        try:
            args = json.loads(args)
        except (ValueError, RecursionError):
            problem = _('the arguments are not valid JSON')
    if _too_deep(args):
        args, problem = None, f"the arguments are nested more than {MAX_DEPTH} levels deep"
    if not isinstance(name, str) or not name:
        problem = _('the call has no name')
        name = None
    return ToolCall(name, args, fmt, start, end, problem)


def _too_deep(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        v, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(v, Mapping):
            stack.extend((x, depth + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, depth + 1) for x in v)
    return False


def _decode_at(text: str, pos: int) -> tuple[Any, int] | None:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    try:
        return _decoder.raw_decode(text, pos)
    except (ValueError, RecursionError):  # a model can write 100,000 '[' in a row
        return None


def _hermes(text: str) -> list[ToolCall]:
    calls: list[ToolCall] = []
    for m in _HERMES.finditer(text):
        body = m.group(1)
        found = _decode_at(text, m.start(1)) if body else None
        if found is None:
            calls.append(ToolCall(None, body, "hermes", m.start(), m.end(), "the text inside <tool_call> is not JSON"))
            continue
        value, _ = found
        for item in value if isinstance(value, list) else [value]:
            calls.append(_call(item, "hermes", m.start(), m.end()))
    return calls


def _mistral(text: str, pos: int) -> list[ToolCall]:
    calls: list[ToolCall] = []
    while pos < len(text):
        named = _MISTRAL_ARGS.match(text, pos)
        if named:  # [TOOL_CALLS]name[ARGS]{...}
            found = _decode_at(text, named.end())
            if found is None:
                calls.append(ToolCall(named.group(1), None, "mistral", pos, len(text), "the arguments are not valid JSON"))
                break
            args, end = found
            calls.append(_call({"name": named.group(1), "arguments": args}, "mistral", pos, end))
        else:  # [TOOL_CALLS][{...}, ...]
            found = _decode_at(text, pos)
            if found is None:
                calls.append(ToolCall(None, text[pos:], "mistral", pos, len(text), "the text after [TOOL_CALLS] is not JSON"))
                break
            value, end = found
            calls.extend(_call(v, "mistral", pos, end) for v in (value if isinstance(value, list) else [value]))
        nxt = _MISTRAL.search(text, end)
        if nxt is None:
            break
        pos = nxt.end()
    return calls


def _looks_like_call(value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(isinstance(v, Mapping) and "name" in v
                               and ("arguments" in v or "parameters" in v) for v in items)


def _bare_json(text: str) -> list[ToolCall]:
    stripped = text.strip()
    offset = text.find(stripped) if stripped else 0
    if stripped.startswith("<|python_tag|>"):
        offset += len("<|python_tag|>")
        stripped = stripped[len("<|python_tag|>"):].lstrip()
        offset = text.find(stripped, offset)
    candidates: list[tuple[int, str]] = [(offset, stripped)]
    candidates += [(m.start(1), m.group(1)) for m in _FENCE.finditer(text)]
    for start, body in candidates:
        calls = _json_calls(text, start, start + len(body.rstrip()))
        if calls:
            return calls
    return []


def _json_calls(text: str, pos: int, stop: int) -> list[ToolCall]:
    """Calls filling text[pos:stop]: one JSON value, a list, or several joined by ';'."""
    values: list[tuple[Any, int, int]] = []
    while pos < stop:
        found = _decode_at(text, pos)
        if found is None:
            return []
        value, end = found
        values.append((value, pos, end))
        pos = end
        while pos < stop and text[pos] in " \t\r\n;":
            pos += 1
    if not values or not all(_looks_like_call(v) for v, _, _ in values):
        return []
    calls: list[ToolCall] = []
    for value, start, end in values:
        calls.extend(_call(v, "json", start, end) for v in (value if isinstance(value, list) else [value]))
    return calls
