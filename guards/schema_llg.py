"""From a JSON schema to the grammar llguidance enforces, saying what it cannot enforce.

llguidance implements most of JSON Schema and refuses the rest ("Unimplemented keys",
"Unknown format"). Refusing a real-world schema for one keyword is worse than
enforcing the rest, as long as the grammar never rejects a value the schema accepts.
So, on a copy of the schema:

- ``format`` values llguidance does not know (uri, byte, path, ...) are annotations, as
  JSON Schema allows: removed, and named in a notice (jsonschema does not assert
  formats either, so they are neither enforced nor checked).
- exact rewrites, enforced as written: drafts 3-7 ignore keywords beside ``$ref`` (so
  they are removed); ``dependencies`` / ``dependentRequired`` / ``dependentSchemas``
  become ``anyOf: [{"properties": {"k": false}}, ...]``; ``not`` is pushed inward
  (``not required`` becomes ``properties: {k: false}``, ``not type`` the other types,
  ``not anyOf`` an ``allOf`` of negations); ``if``/``then``/``else`` becomes an ``anyOf``.
- what cannot be rewritten is removed only where removing it can only allow more
  (it restricts and sits under no ``not``): ``not`` of an ``enum``, ``uniqueItems``,
  ``contains``, ``propertyNames``, ``multipleOf`` where negative numbers are allowed
  (llguidance's ``multipleOf`` rejects every negative number), patterns llguidance's
  regex engine refuses, ... The notice names each one as *checked after generation,
  not enforced*: ``Constraint.check`` validates the output against the full schema with
  jsonschema, and the run records that check.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from guards.schema_close import strip_ref_siblings
from guards.schema_walk import ANNOTATIONS, all_nodes, is_old_draft, pointer

# removing one of these can only make a schema accept more (when not under a `not`)
DROPPABLE = frozenset({"not", "if", "then", "else", "dependencies", "dependentRequired", "dependentSchemas",
                       "uniqueItems", "contains", "minContains", "maxContains", "propertyNames",
                       "unevaluatedProperties", "unevaluatedItems", "multipleOf", "minProperties",
                       "maxProperties", "pattern", "format", "contentSchema"})
_TYPES = ("null", "boolean", "object", "array", "string", "number", "integer")
_MAX_REWRITE_CHARS = 20_000
_MAX_ROUNDS = 8


@dataclass
class Compiled:
    ll: str                                  # the llguidance grammar
    schema: dict[str, Any]                   # what llguidance was given
    notices: list[str] = field(default_factory=list)
    checked_after: list[str] = field(default_factory=list)  # keywords not enforced, validated afterwards
    rewritten: list[str] = field(default_factory=list)      # keywords enforced through an exact rewrite
    annotations: list[str] = field(default_factory=list)    # unknown formats, ignored


class Refused(Exception):
    """llguidance cannot take the schema even after the rewrites (the message is its line)."""


def compile_for_llguidance(schema: dict[str, Any], build: Callable[[dict[str, Any]], str], *,
                           any_key_order: bool = False) -> Compiled:
    """Rewrite ``schema`` for llguidance and build it with ``build`` (schema -> grammar text).

    llguidance writes an object's named keys in the order of its ``properties`` and
    refuses them in another order. ``any_key_order`` lifts that (``_free_key_order``):
    every order is accepted, at the price that required keys are then checked after
    generation instead of enforced while generating."""
    last: Exception | None = None
    for exact in (True, False):
        work = copy.deepcopy(schema)
        strip_ref_siblings(work)
        state = _State()
        _drop_unknown_formats(work, state)
        _rewrite_logic(work, state, exact=exact)
        _drop_negative_multiple_of(work, state)
        if any_key_order:
            _free_key_order(work, state)
        for _ in range(_MAX_ROUNDS):
            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    ll = build(work)
            except Exception as exc:  # noqa: BLE001 - guidance/llguidance raise ValueError and friends
                last = exc
                if not _relax(work, state, _first_line(exc)):
                    break
                continue
            del caught  # guidance warns about oneOf on stderr; the notice below says it once, in the run
            if any("oneOf" in node for node in all_nodes(work).values()):  # guidance sets coerce_one_of
                state.after("oneOf")
            return state.result(ll, work)
        if not state.rewritten:
            break  # the exact rewrites were not the problem: dropping them changes nothing
    raise Refused(_first_line(last) if last else "the schema cannot be compiled")


@dataclass
class _State:
    checked_after: list[str] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)
    annotations: list[str] = field(default_factory=list)
    not_keywords: list[str] = field(default_factory=list)

    def ignored(self, kw: str, draft: str) -> None:
        line = f"'{kw}' is not a keyword of draft {draft}, which this schema follows: ignored, as its validator does"
        if line not in self.not_keywords:
            self.not_keywords.append(line)

    def after(self, what: str) -> None:
        if what not in self.checked_after:
            self.checked_after.append(what)

    def exact(self, what: str) -> None:
        if what not in self.rewritten:
            self.rewritten.append(what)

    def result(self, ll: str, work: dict[str, Any]) -> Compiled:
        notices = []
        if self.annotations:
            notices.append("format " + ", ".join(repr(f) for f in self.annotations)
                           + " not known to llguidance: treated as an annotation (neither enforced nor checked)")
        notices.extend(self.not_keywords)
        if self.checked_after:
            notes = [("oneOf (enforced as anyOf; that only one branch matches)" if k == "oneOf" else k)
                     for k in self.checked_after]
            notices.append("not enforced while generating, checked with jsonschema after generation: "
                           + ", ".join(notes))
        if self.rewritten:
            notices.append("enforced through an equivalent rewrite for llguidance: " + ", ".join(self.rewritten))
        return Compiled(ll, work, notices, list(self.checked_after), list(self.rewritten), list(self.annotations))


# -- key order --------------------------------------------------------------------------
_REGEX_META = frozenset("\\.^$|?*+()[]{}")


def _free_key_order(work: dict[str, Any], state: _State) -> None:
    """Named properties become exact-name ``patternProperties`` (``^name$``), which
    llguidance accepts in any order, each key still held to its own subschema and
    ``additionalProperties`` still applying to the rest: the same set of keys and values.
    What is lost is ``required`` while generating (llguidance writes required keys first,
    in the listed order), so it is checked after generation. An object stays in schema order
    where the rewrite would not be exact: a ``$ref`` points into its ``properties``, or one
    of its own ``patternProperties`` also matches a named key (llguidance needs them
    disjoint)."""
    nodes = all_nodes(work)
    refs = [r for n in nodes.values() for r in [n.get("$ref")] if isinstance(r, str)]
    kept = 0
    for path, node in nodes.items():
        props = node.get("properties")
        if not isinstance(props, dict) or not props:
            continue
        into = "#" + (pointer(path) if path else "") + "/properties"
        pats = node.get("patternProperties") if isinstance(node.get("patternProperties"), dict) else {}
        if any(r == into or r.startswith(into + "/") for r in refs) or _overlaps(pats, props):
            kept += 1
            continue
        exact = {"^" + "".join("\\" + c if c in _REGEX_META else c for c in name) + "$": sub
                 for name, sub in props.items()}
        node["patternProperties"] = {**exact, **pats}
        del node["properties"]
    # llguidance writes required keys first, in the order listed: drop them from the grammar
    # (removing a restriction only allows more; none are left under a `not` by now, but skip those)
    dropped = [node.pop("required") for path, node in nodes.items() if "required" in node and "not" not in path]
    if any(dropped):
        state.after("required (keys accepted in any order)")
    if kept:
        state.after(f"key order in {kept} object(s) kept as the schema lists it ($ref into them, "
                    f"or patternProperties that overlap their names)")


def _overlaps(patterns: dict[str, Any], names: dict[str, Any]) -> bool:
    for p in patterns:
        try:
            rx = re.compile(p)
        except re.error:
            return True  # cannot tell: keep the schema's order
        if any(rx.search(n) for n in names):
            return True
    return False


# -- formats ----------------------------------------------------------------------------
@functools.lru_cache(maxsize=256)
def format_known(name: str) -> bool:
    """Whether llguidance enforces ``format: name`` (asked once per name)."""
    import llguidance

    grammar = json.dumps({"grammars": [{"json_schema": {"type": "string", "format": name}}]})
    err = llguidance.LLMatcher.validate_grammar(grammar)
    return not (err and "format" in err.lower())


def _drop_unknown_formats(work: dict[str, Any], state: _State) -> None:
    for node in all_nodes(work).values():
        f = node.get("format")
        if isinstance(f, str) and not format_known(f):
            del node["format"]
            if f not in state.annotations:
                state.annotations.append(f)
        elif "format" in node and not isinstance(f, str):
            del node["format"]


# -- multipleOf ---------------------------------------------------------------------------
def _drop_negative_multiple_of(work: dict[str, Any], state: _State) -> None:
    for node in all_nodes(work).values():
        if "multipleOf" not in node:
            continue
        low = [node.get("minimum"), node.get("exclusiveMinimum")]
        if not any(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in low):
            del node["multipleOf"]
            state.after("multipleOf (where negative numbers are allowed)")


# -- not / if / dependencies --------------------------------------------------------------
def _rewrite_logic(work: dict[str, Any], state: _State, *, exact: bool) -> None:
    old = is_old_draft(work)
    for node in list(all_nodes(work).values()):
        extra: list[Any] = []
        if "not" in node:
            neg = _negate(node.pop("not"), 0) if exact else None
            if neg is None:
                state.after("not")
            else:
                extra.append(neg)
                state.exact("not")
        if any(k in node for k in ("if", "then", "else")):
            cond, then, other = node.pop("if", None), node.pop("then", None), node.pop("else", None)
            if cond is None or (then is None and other is None):
                pass  # without `if`, or with only `if`, the keywords assert nothing
            else:
                rewritten = _if_then_else(cond, then, other) if exact else None
                if rewritten is None:
                    state.after("if/then/else")
                else:
                    extra.append(rewritten)
                    state.exact("if/then/else")
        for kw in ("dependencies", "dependentRequired", "dependentSchemas"):
            if kw not in node:
                continue
            deps = node.pop(kw)
            if (kw == "dependencies") != old:  # not a keyword of the declared draft: its validator ignores it
                state.ignored(kw, "2020-12" if not old else "4-7")
                continue
            parts = [_dependency(k, v) for k, v in deps.items()] if isinstance(deps, dict) and exact else [None]
            if any(p is None for p in parts) or len(parts) > 6:
                state.after(kw)
            else:
                extra.extend(parts)
                state.exact(kw)
        if extra:
            if len(json.dumps(extra)) > _MAX_REWRITE_CHARS:
                state.after("rewrites too large to enforce")
                continue
            node["allOf"] = list(node.get("allOf") or []) + extra


def _dependency(key: str, need: Any) -> dict[str, Any] | None:
    absent = {"properties": {key: False}}
    if isinstance(need, list):
        return {"anyOf": [absent, {"required": [key, *[k for k in need if k != key]]}]} if need else None
    if need is True or need == {}:
        return None if need is not True and need != {} else {}
    if need is False:
        return absent
    if isinstance(need, dict):
        return {"anyOf": [absent, need]}
    return None


def _if_then_else(cond: Any, then: Any, other: Any) -> dict[str, Any] | None:
    then = {} if then is None else then
    if other is None:  # not cond, or then
        neg = _negate(cond, 0)
        return None if neg is None else {"anyOf": [neg, then]}
    neg = _negate(cond, 0)
    if neg is None:
        return None
    return {"anyOf": [{"allOf": [cond, then]}, {"allOf": [neg, other]}]}


def _negate(s: Any, depth: int) -> Any | None:
    """A schema accepting exactly what ``s`` rejects, without ``not``; None when there is none."""
    if depth > 6:
        return None
    if s is True:
        return False
    if s is False:
        return {}
    if not isinstance(s, dict) or "$ref" in s:
        return None
    body = {k: v for k, v in s.items() if k not in ANNOTATIONS}
    props = body.get("properties")
    if isinstance(props, dict):  # a property whose schema accepts anything asserts nothing
        trimmed = {k: v for k, v in props.items() if not (v is True or v == {})}
        body = {k: v for k, v in body.items() if k != "properties"}
        if trimmed:
            body["properties"] = trimmed
    if not body:
        return False
    if len(body) > 1:  # not (A and B) = not A or not B
        parts = [_negate({k: v}, depth + 1) for k, v in body.items()]
        return None if any(p is None for p in parts) else {"anyOf": parts}
    (kw, val), = body.items()
    if kw == "required" and isinstance(val, list) and all(isinstance(k, str) for k in val):
        if not val:
            return False
        absent = [{"properties": {k: False}} for k in val]
        return absent[0] if len(absent) == 1 else {"anyOf": absent}
    if kw == "type":
        types = [val] if isinstance(val, str) else val
        if not isinstance(types, list) or not all(t in _TYPES for t in types):
            return None
        if "number" in types:
            types = [*types, "integer"]
        rest = [t for t in _TYPES if t not in types]
        if "integer" in types and "number" in rest:
            return None  # "a number that is not an integer" has no type
        return {"type": rest} if rest else False
    if kw == "not":
        return val
    if kw in ("anyOf", "allOf") and isinstance(val, list) and val:
        parts = [_negate(b, depth + 1) for b in val]
        if any(p is None for p in parts):
            return None
        return {"allOf" if kw == "anyOf" else "anyOf": parts}
    if kw == "properties" and isinstance(val, dict):
        # not {properties: {k: S}}: k is present and fails S
        parts = []
        for k, sub in val.items():
            neg = _negate(sub, depth + 1)
            if neg is None:
                return None
            parts.append({"required": [k], "properties": {k: neg}})
        return parts[0] if len(parts) == 1 else {"anyOf": parts}
    return None


# -- what llguidance still refuses ------------------------------------------------------------
_UNIMPLEMENTED = re.compile(r"Unimplemented keys: \[(.*?)\]")
_UNKNOWN_FORMAT = re.compile(r"Unknown format: (.+)$")
_CIRCULAR = re.compile(r"circular references with sibling keys are not supported: \S*?#(\S*)")


def _relax(work: dict[str, Any], state: _State, error: str) -> bool:
    """Remove what ``error`` names if that is sound; False when nothing can be done."""
    m = _UNIMPLEMENTED.search(error)
    if m:
        keys = [k.strip().strip('"') for k in m.group(1).split(",") if k.strip()]
        if not keys or not all(k in DROPPABLE for k in keys):
            return False
        return _drop_everywhere(work, set(keys), state)
    m = _UNKNOWN_FORMAT.search(error)
    if m:
        name = m.group(1).strip()
        format_known.cache_clear()
        n = 0
        for node in all_nodes(work).values():
            if node.get("format") == name:
                del node["format"]
                n += 1
        if n and name not in state.annotations:
            state.annotations.append(name)
        return n > 0
    m = _CIRCULAR.search(error)
    if m:
        return _drop_beside_circular(work, "#" + m.group(1), state)
    if "minProperties" in error or "maxProperties" in error:
        return _drop_everywhere(work, {"minProperties", "maxProperties"}, state)
    if "regex" in error.lower() or "lookaround" in error.lower():
        bad = [n for n in all_nodes(work).values() if isinstance(n.get("pattern"), str)
               and not _pattern_ok(n["pattern"])]
        for node in bad:
            del node["pattern"]
        if bad:
            state.after("pattern (where llguidance's regex engine refuses it)")
        return bool(bad)
    return False


def _drop_beside_circular(work: dict[str, Any], ref: str, state: _State) -> bool:
    """llguidance cannot intersect a recursive ``$ref`` with sibling keywords: remove the droppable ones."""
    def refers(n: Any) -> bool:
        return isinstance(n, dict) and n.get("$ref") == ref

    n = 0
    for node in all_nodes(work).values():
        branches = [b for kw in ("allOf", "anyOf", "oneOf") for b in (node.get(kw) or []) if isinstance(b, dict)]
        if refers(node) or any(refers(b) for b in branches):
            for target in [node, *branches]:
                for k in DROPPABLE & set(target):
                    del target[k]
                    state.after(k)
                    n += 1
    return n > 0


def _drop_everywhere(work: dict[str, Any], keys: set[str], state: _State) -> bool:
    n = 0
    for node in all_nodes(work).values():
        for k in keys & set(node):
            del node[k]
            n += 1
    for k in sorted(keys):
        state.after(k)
    return n > 0


@functools.lru_cache(maxsize=1024)
def _pattern_ok(pattern: str) -> bool:
    import llguidance

    grammar = json.dumps({"grammars": [{"json_schema": {"type": "string", "pattern": pattern}}]})
    return not llguidance.LLMatcher.validate_grammar(grammar)


def stopped_at_a_key(text: str, offset: int) -> bool:
    """Whether a grammar that stopped accepting JSON ``text`` at byte ``offset`` stopped inside an
    object key, or at the comma before one: where llguidance's fixed property order shows (it
    enforces the order of ``properties``; JSON objects have none)."""
    data = text.encode("utf-8")
    if data[offset:offset + 1] == b",":
        return True
    before = data[:offset].decode("utf-8", "ignore")
    q = before.rfind('"')
    return q >= 0 and '"' not in before[q + 1:] and (before[:q].endswith("{") or before[:q].endswith(", "))


def _first_line(exc: Any) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
