"""The OpenAI wire format, without any connection: constraints mapped to request
fields, and the pieces of a streamed chunk or an error body we read.

Which constraint mechanism each server kind gets is decided here, in one table
(``constraint_payload``); every result records the mechanism used.
"""

from __future__ import annotations

from common.i18n import _

import json
from collections.abc import Sequence
from typing import Any

from backends.base import ConstraintLike

NOT_ENFORCED = _("not enforced (server has no support for {what}) — checked after generation")


def constraint_payload(server_kind: str, mode: str, constraint: ConstraintLike | None) -> tuple[dict[str, Any], str | None]:
    """(request fields, mechanism) for a constraint on a server of ``server_kind``.

    ============  ===============================  =================================
    kind          llama.cpp servers                other OpenAI-compatible servers
    ============  ===============================  =================================
    json_schema   chat: response_format;           chat: response_format json_schema;
                  completion: GBNF grammar         completion: not enforced
    choice        GBNF grammar                     not enforced
    regex         not enforced                     not enforced
    grammar       not enforced (stored as Lark;    not enforced
                  servers take GBNF)
    ============  ===============================  =================================
    """
    if constraint is None:
        return {}, None
    d = constraint.to_dict()
    kind = d.get("kind")
    llama = server_kind in ("llama-server", "llama-cpp-python")
    schema = None
    if kind == "json_schema":
        eff = getattr(constraint, "effective_schema", None)
        schema = eff() if eff is not None else d.get("schema")
    if kind == "json_schema" and mode == "chat":
        if server_kind == "llama-cpp-python":  # it accepts only json_object (+ schema)
            return {"response_format": {"type": "json_object", "schema": schema}}, _("server response_format json_object with schema")
        fmt = {"type": "json_schema", "json_schema": {"name": "output", "schema": schema, "strict": True}}
        return {"response_format": fmt}, _("server response_format json_schema")
    if kind == "json_schema" and llama:
        from llama_cpp.llama_grammar import json_schema_to_gbnf

        return {"grammar": json_schema_to_gbnf(json.dumps(schema))}, _("server grammar (GBNF from the JSON schema)")
    if kind == "choice" and llama:
        return {"grammar": choices_gbnf(d.get("choices") or [])}, _("server grammar")
    what = {"json_schema": "JSON schemas in completion mode", "choice": "choice lists", "regex": "regexes",
            "grammar": "Lark grammars"}.get(str(kind), str(kind))
    return {}, NOT_ENFORCED.format(what=what)


def choices_gbnf(choices: Sequence[str]) -> str:
    """A GBNF grammar whose only sentences are ``choices``."""
    return "root ::= " + " | ".join(_gbnf_literal(c) for c in choices) + "\n"


def _gbnf_literal(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def estimate_tokens(text: str) -> int:
    return max(1, (len(text) + 3) // 4) if text else 0


def as_int(x: Any) -> int | None:
    return int(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def error_detail(raw: str) -> str:
    """The first line of a server's error message, from JSON or plain text."""
    text = raw.strip()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        err = data.get("error", data.get("detail", data.get("message")))
        if isinstance(err, dict):
            err = err.get("message") or err.get("msg") or json.dumps(err)
        elif isinstance(err, list):
            err = "; ".join(str(e.get("msg", e)) if isinstance(e, dict) else str(e) for e in err)
        text = str(err) if err is not None else ""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line[:200] + ("…" if len(line) > 200 else "")


def looks_like_overflow(message: str) -> bool:
    m = message.lower()
    return "context" in m and any(w in m for w in ("exceed", "too long", "maximum", "longer than"))


def tools_payload(tools: Sequence[dict[str, Any]] | None, documents: Sequence[dict[str, Any]] | None) -> dict[str, Any]:
    """Request fields for tools (OpenAI's ``tools``) and documents (``chat_template_kwargs``,
    which llama-server and vLLM pass to the model's chat template)."""
    fields: dict[str, Any] = {}
    if tools:
        fields["tools"] = [dict(t) for t in tools]
    if documents:
        fields["chat_template_kwargs"] = {"documents": [dict(d) for d in documents]}
    return fields


class ToolCallDeltas:
    """Tool calls streamed in ``delta.tool_calls`` pieces, joined by index; :meth:`as_text`
    writes them in the Hermes format (``<tool_call>{"name", "arguments"}</tool_call>``),
    so the answer holds the calls the way a local model writes them."""

    MAX_CHARS = 1_000_000

    def __init__(self) -> None:
        self.calls: dict[int, dict[str, str]] = {}
        self.size = 0

    def take(self, delta: dict[str, Any]) -> None:
        for piece in delta.get("tool_calls") or []:
            if not isinstance(piece, dict):
                continue
            index = piece.get("index", 0)
            call = self.calls.setdefault(index if isinstance(index, int) else 0, {"name": "", "arguments": ""})
            fn = piece.get("function") if isinstance(piece.get("function"), dict) else {}
            for key in ("name", "arguments"):
                part = fn.get(key)
                if isinstance(part, str) and self.size + len(part) <= self.MAX_CHARS:
                    call[key] += part
                    self.size += len(part)

    def as_text(self) -> str:
        out = []
        for _index, call in sorted(self.calls.items()):
            try:
                args: Any = json.loads(call["arguments"]) if call["arguments"].strip() else {}
            except (ValueError, RecursionError):
                args = call["arguments"]  # kept as the server sent it; the parser reports it
            out.append("<tool_call>" + json.dumps({"name": call["name"], "arguments": args}, ensure_ascii=False)
                       + "</tool_call>")
        return "\n".join(out)
