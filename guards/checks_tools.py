"""The ``tool_call`` check: the calls in an answer name known tools with valid arguments."""

from __future__ import annotations

from common.i18n import _

import json
from typing import Any

from common.errors import GuardError
from guards.checks_base import Check, CheckResult, Span, want_bool
from guards.tool_calls import check_schema, normalize_tools, parse_tool_calls


def _where(path: Any) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


class ToolCallCheck(Check):
    """Parses tool calls (Hermes/Qwen, Mistral, Llama 3.1 JSON) and validates each one's
    arguments against its tool's ``parameters`` schema. With ``required`` an answer
    without a call fails; otherwise it passes as "no tool call"."""

    name = "tool_call"

    def __init__(self, *, tools: Any = None, required: Any = False) -> None:
        super().__init__(tools=tools, required=required)
        self.required = want_bool(self.name, "required", required)
        if tools is None:
            raise GuardError(_('tool_call: give the tool definitions (tools: [...])'))
        if isinstance(tools, str):
            try:
                tools = json.loads(tools)
            except ValueError as err:
                raise GuardError(_('tool_call: tools is not valid JSON: {err}').format(err=err)) from None
        normalized = normalize_tools(tools) or ()
        if not normalized:
            raise GuardError(_('tool_call: tools needs at least one definition'))
        self.validators = {t["function"]["name"]: check_schema(t["function"]["parameters"], "tool_call")
                           for t in normalized}

    def _check(self, text: str) -> CheckResult:
        calls = parse_tool_calls(text)
        if not calls:
            verdict = "fail" if self.required else "pass"
            return self.result(verdict, _('no tool call in the answer'))
        from jsonschema.exceptions import best_match

        spans = [Span(c.start, c.end, c.name or "tool_call", text[c.start:c.end]) for c in calls]
        for i, call in enumerate(calls, 1):
            label = f"call {i}" + (f" ({call.name})" if call.name else "")
            if call.problem:
                return self.result("fail", f"{label}: {call.problem}", spans, score=0.0)
            validator = self.validators.get(call.name or "")
            if validator is None:
                known = ", ".join(sorted(self.validators))
                return self.result("fail", _('{label}: no tool named {name!r}; known: {known}').format(label=label, name=call.name, known=known), spans, score=0.0)
            error = best_match(validator.iter_errors(call.arguments))
            if error is not None:
                return self.result("fail", _('{label}: arguments do not match the schema at {where}: {message}').format(label=label, where=_where(error.absolute_path), message=error.message), spans, score=0.0)
        names = ", ".join(c.name or "?" for c in calls)
        return self.result("pass", _('{n} tool call{plural} ({names}), arguments match the schemas').format(n=len(calls), plural='s' if len(calls) > 1 else '', names=names), spans, score=1.0)
