"""Constraints on output: a value stored with the run, turned into a grammar in one place.

A Constraint is data (choice / regex / json_schema / grammar). ``to_ll_grammar()``
builds it with guidance's grammar builders (``select``, ``gen(regex=)``, ``json``,
``lark``) and serializes it for llguidance, which the llama.cpp backend applies token
by token inside our own loop (mask the logits, sample, fast-forward forced tokens).
Backends that cannot run llguidance (a remote server) get the same Constraint and
use what they offer (OpenAI ``response_format`` JSON schema, llama-server grammars);
every result records which mechanism enforced it. Grammars are tested without a
model through ``matches()``.
"""

from __future__ import annotations

from common.i18n import _

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from common.errors import GuardError
from guards.grammar_check import allowed_prefix

Kind = Literal["choice", "regex", "json_schema", "grammar"]
KINDS = ("choice", "regex", "json_schema", "grammar")
KEY_ORDERS = ("schema", "any")
MAX_SCHEMA_DEPTH = 64  # levels of JSON nesting; real-world schemas stay under 20


@dataclass(frozen=True)
class Constraint:
    kind: Kind
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    schema: dict[str, Any] | None = None
    grammar: str | None = None  # Lark syntax (GBNF is converted on the way in)
    close_objects: bool = True  # JSON objects refuse keys the schema does not name (where that is safe)
    # "schema": named keys come in the order of `properties` (llguidance's way; required keys are
    # enforced while generating); "any": any order is accepted, required keys checked afterwards
    key_order: str = "schema"
    _ll: str = field(default="", init=False, repr=False, compare=False)
    _effective: dict[str, Any] | None = field(default=None, init=False, repr=False, compare=False)
    _notices: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)

    # -- construction ------------------------------------------------------------
    @classmethod
    def choice(cls, options: list[str] | tuple[str, ...]) -> Constraint:
        return cls("choice", choices=tuple(options))

    @classmethod
    def regex(cls, pattern: str) -> Constraint:
        return cls("regex", pattern=pattern)

    @classmethod
    def json_schema(cls, schema: dict[str, Any] | type, *, close_objects: bool = True,
                    key_order: str = "schema") -> Constraint:
        if isinstance(schema, type):  # a pydantic model
            try:
                schema = schema.model_json_schema()  # type: ignore[attr-defined]
            except AttributeError as exc:
                raise GuardError(_('{name} is not a pydantic model').format(name=schema.__name__)) from exc
        return cls("json_schema", schema=schema, close_objects=close_objects, key_order=key_order)

    @classmethod
    def lark(cls, grammar: str) -> Constraint:
        return cls("grammar", grammar=grammar)

    @classmethod
    def gbnf(cls, grammar: str) -> Constraint:
        import guidance

        try:
            lark = guidance.gbnf_to_lark(grammar)
        except Exception as exc:  # llguidance raises ValueError/RuntimeError with the position
            raise GuardError(_('the GBNF grammar does not parse: {first_line}').format(first_line=_first_line(exc))) from exc
        return cls("grammar", grammar=lark)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise GuardError(_('unknown constraint kind {kind!r}; known: {KINDS}').format(kind=self.kind, KINDS=', '.join(KINDS)))
        if self.key_order not in KEY_ORDERS:
            raise GuardError(_('key_order must be one of {orders}, got {key_order!r}').format(
                orders=', '.join(KEY_ORDERS), key_order=self.key_order))
        object.__setattr__(self, "choices", tuple(self.choices))
        object.__setattr__(self, "_ll", self._compile())

    # -- validation and compilation ----------------------------------------------
    def _compile(self) -> str:
        import guidance
        import llguidance

        try:
            if self.kind == "choice":
                if not self.choices:
                    raise GuardError(_('a choice constraint needs at least one option'))
                dupes = sorted({c for c in self.choices if self.choices.count(c) > 1})
                if dupes:
                    raise GuardError(_('the choice list has duplicates: {items}').format(items=', '.join(map(repr, dupes))))
                if any(c == "" for c in self.choices):
                    raise GuardError(_('the choice list has an empty option'))
                node = guidance.select(list(self.choices))
            elif self.kind == "regex":
                if not self.pattern:
                    raise GuardError(_('a regex constraint needs a pattern'))
                try:
                    re.compile(self.pattern)
                except re.error as exc:
                    raise GuardError(_('invalid regex {pattern!r}: {exc}').format(pattern=self.pattern, exc=exc)) from exc
                node = guidance.gen(regex=self.pattern)
            elif self.kind == "json_schema":
                if not isinstance(self.schema, dict) or not self.schema:
                    raise GuardError(_('a JSON schema constraint needs a schema object'))
                from guards.schema_walk import deeper_than

                if deeper_than(self.schema, MAX_SCHEMA_DEPTH):
                    raise GuardError(_('the JSON schema is nested too deeply (more than {MAX_SCHEMA_DEPTH} levels)').format(MAX_SCHEMA_DEPTH=MAX_SCHEMA_DEPTH))
                _check_schema(self.schema)
                return self._compile_json_schema()
            else:
                if not self.grammar or not self.grammar.strip():
                    raise GuardError(_('a grammar constraint needs a grammar'))
                node = guidance.lark(self.grammar)
            ll = node.ll_grammar()
        except GuardError:
            raise
        except Exception as exc:  # guidance/llguidance raise ValueError with a position
            raise GuardError(_('invalid {kind} constraint: {first_line}').format(kind=self.kind.replace('_', ' '), first_line=_first_line(exc))) from exc
        err = llguidance.LLMatcher.validate_grammar(ll)
        if err:
            raise GuardError(_('invalid {kind} constraint: {first_line}').format(kind=self.kind.replace('_', ' '), first_line=_first_line(err)))
        return ll

    def _compile_json_schema(self) -> str:
        """The schema's grammar, through the rewrites of guards.schema_llg; notices say what is not enforced."""
        from guards.schema_close import close_objects as close_report
        from guards.schema_llg import Refused, compile_for_llguidance

        assert self.schema is not None
        notices: list[str] = []
        if self.close_objects:
            effective, left_open = close_report(self.schema)
            if left_open:
                shown = "; ".join(left_open[:3]) + (f"; and {len(left_open) - 3} more" if len(left_open) > 3 else "")
                notices.append(f"{len(left_open)} object(s) left open, as closing them would conflict: {shown}")
        else:
            effective = self.schema
        object.__setattr__(self, "_effective", effective)
        try:
            compiled = compile_for_llguidance(effective, _build_json, any_key_order=self.key_order == "any")
        except Refused as exc:
            raise GuardError(_('invalid json schema constraint: {exc}').format(exc=exc)) from exc
        object.__setattr__(self, "_notices", tuple(compiled.notices + notices))
        return compiled.ll

    def effective_schema(self) -> dict[str, Any]:
        """The schema outputs are checked against: the given one, with its objects closed if asked."""
        assert self.schema is not None
        if self._effective is None:
            return close_objects(self.schema) if self.close_objects else self.schema
        return self._effective

    @property
    def notices(self) -> tuple[str, ...]:
        """One line each: objects left open, keywords checked after generation, formats ignored."""
        return self._notices

    def to_ll_grammar(self) -> str:
        return self._ll

    # -- checking text against it (no model) -------------------------------------
    def matches(self, text: str) -> bool:
        """Whether ``text`` is a complete output the constraint allows."""
        return self.check(text)[0]

    def grammar_accepts(self, text: str) -> bool:
        """Whether the llguidance grammar itself (what generation enforces) accepts ``text``; no model."""
        return allowed_prefix(self._ll, text)[1]

    def grammar_rejects_at(self, text: str) -> int | None:
        """The byte offset of ``text`` where the grammar stops accepting it, or None if every byte is allowed."""
        n = allowed_prefix(self._ll, text)[0]
        return None if n == len(text.encode("utf-8")) else n

    def check(self, text: str) -> tuple[bool, Any, str | None]:
        """(ok, parsed value, error) for an output."""
        if self.kind == "choice":
            ok = text in self.choices
            return ok, text if ok else None, None if ok else f"{text!r} is not one of {list(self.choices)}"
        if self.kind == "regex":
            ok = re.fullmatch(self.pattern or "", text) is not None
            return ok, text if ok else None, None if ok else f"{text!r} does not match /{self.pattern}/"
        if self.kind == "json_schema":
            try:
                value = json.loads(text)
            except ValueError as exc:
                return False, None, f"not valid JSON: {exc}"
            import jsonschema

            try:
                jsonschema.validate(value, self.effective_schema())
            except jsonschema.ValidationError as exc:
                return False, value, f"JSON does not match the schema: {exc.message}"
            return True, value, None
        import guidance

        ok = guidance.lark(self.grammar or "").match(text) is not None
        return ok, text if ok else None, None if ok else "the output does not match the grammar"

    # -- storage -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind}
        if self.kind == "choice":
            d["choices"] = list(self.choices)
        elif self.kind == "regex":
            d["pattern"] = self.pattern
        elif self.kind == "json_schema":
            d["schema"] = self.schema
            d["close_objects"] = self.close_objects
            if self.key_order != "schema":
                d["key_order"] = self.key_order
        else:
            d["grammar"] = self.grammar
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Constraint:
        if not isinstance(d, dict):
            raise GuardError(_("a constraint must be a mapping with a 'kind'"))
        kind = d.get("kind")
        known = {"kind", "choices", "pattern", "schema", "grammar", "gbnf", "close_objects", "key_order"}
        unknown = sorted(set(d) - known)
        if unknown:
            raise GuardError(_('unknown constraint setting(s): {unknown}').format(unknown=', '.join(unknown)))
        if kind == "choice":
            return cls.choice(d.get("choices") or [])
        if kind == "regex":
            return cls.regex(d.get("pattern") or "")
        if kind == "json_schema":
            return cls.json_schema(d.get("schema") or {}, close_objects=d.get("close_objects", True),
                                   key_order=d.get("key_order", "schema"))
        if kind == "grammar":
            if d.get("gbnf"):
                return cls.gbnf(d["gbnf"])
            return cls.lark(d.get("grammar") or "")
        raise GuardError(_('unknown constraint kind {kind!r}; known: {KINDS}').format(kind=kind, KINDS=', '.join(KINDS)))

    def describe(self) -> str:
        if self.kind == "choice":
            return _("one of {choices}").format(choices=" | ".join(self.choices))
        if self.kind == "regex":
            return _('regex /{pattern}/').format(pattern=self.pattern)
        if self.kind == "json_schema":
            return _("JSON matching {schema}").format(schema=json.dumps(self.effective_schema(), ensure_ascii=False)[:120])
        return _("grammar: {first_line}").format(first_line=(self.grammar or "").strip().splitlines()[0][:100])


def close_objects(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``schema`` whose objects refuse unnamed keys, unless they say otherwise or closing
    would conflict with the rest of the schema (see guards.schema_close)."""
    from guards.schema_close import close_objects as close_report

    return close_report(schema)[0]


def _check_schema(schema: dict[str, Any]) -> None:
    """Valid under the draft its ``$schema`` declares (2020-12 when it declares none)."""
    import jsonschema

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        raise GuardError(_('invalid JSON schema: {message}').format(message=exc.message)) from exc
    except RecursionError:
        raise GuardError(_('invalid JSON schema: nested too deeply')) from None


def _build_json(schema: dict[str, Any]) -> str:
    import guidance
    import llguidance

    ll = guidance.json(schema=schema).ll_grammar()
    err = llguidance.LLMatcher.validate_grammar(ll)
    if err:
        raise ValueError(err)
    return ll


def _first_line(exc: Any) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
