"""Closing a schema's objects (``additionalProperties: false``) without making it unsatisfiable.

A person who writes ``{"type": "object", "properties": {...}}`` usually means "these
keys", and a small model left free to add keys adds them; so by default every object
that does not say otherwise is closed. Closing one subschema alone is wrong when other
subschemas apply to the same value: an ``allOf`` branch, the parent of an ``anyOf``, a
``$ref`` target, an ``if``/``then``, a dependency. Closing one of them forbids the keys
the others name, and a ``required`` key it does not list makes it unsatisfiable.

So closing works on groups: subschemas that apply to one instance location (linked by
``allOf``/``anyOf``/``oneOf``, ``$ref``, ``if``/``then``/``else``, dependencies). An
object is closed only if it lists every key the rest of its group names (properties,
``required``, dependency keys), leaving out its own ``anyOf``/``oneOf`` alternatives.
Otherwise it stays open and the notice says where and why. Nothing under ``not``,
``if``/``then``/``else``, ``contains``, ``propertyNames`` or a dependency is closed.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from typing import Any

from guards.schema_walk import (
    ANNOTATIONS,
    CONDITIONAL,
    Path,
    all_nodes,
    children,
    is_old_draft,
    pointer,
    resolve_local,
)

# keywords that assert something (dropped beside $ref in drafts 3-7, where they are ignored)
_KEEP_BESIDE_REF = ANNOTATIONS | {"$ref"}
_KNOWN = {"type", "enum", "const", "properties", "patternProperties", "additionalProperties", "required",
          "items", "prefixItems", "additionalItems", "contains", "minItems", "maxItems", "uniqueItems",
          "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum",
          "exclusiveMaximum", "multipleOf", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
          "dependencies", "dependentRequired", "dependentSchemas", "propertyNames", "minProperties",
          "maxProperties", "unevaluatedProperties", "unevaluatedItems", "minContains", "maxContains",
          "contentEncoding", "contentMediaType", "contentSchema"}


def strip_ref_siblings(root: dict[str, Any]) -> int:
    """Drafts 3-7 ignore every keyword beside ``$ref``: remove the ones that assert (in place)."""
    if not is_old_draft(root):
        return 0
    n = 0
    for node in all_nodes(root).values():
        if "$ref" in node:
            for kw in [k for k in node if k in _KNOWN and k not in _KEEP_BESIDE_REF]:
                del node[kw]
                n += 1
    return n


def _is_object_schema(node: dict[str, Any]) -> bool:
    t = node.get("type")
    return t == "object" or (isinstance(t, list) and "object" in t) or "properties" in node \
        or "patternProperties" in node


def _named_keys(node: dict[str, Any]) -> set[str]:
    keys: set[str] = set()
    props = node.get("properties")
    if isinstance(props, dict):
        keys.update(props)
    req = node.get("required")
    if isinstance(req, list):
        keys.update(k for k in req if isinstance(k, str))
    for kw in ("dependentRequired", "dependencies"):
        deps = node.get(kw)
        if isinstance(deps, dict):
            for name, need in deps.items():
                if isinstance(need, list):  # a key that forces others: both are named
                    keys.add(name)
                    keys.update(k for k in need if isinstance(k, str))
    return keys


def _covers(node: dict[str, Any], key: str) -> bool:
    props = node.get("properties")
    if isinstance(props, dict) and key in props:
        return True
    pats = node.get("patternProperties")
    if isinstance(pats, dict):
        for pat in pats:
            try:
                if re.search(pat, key):
                    return True
            except re.error:
                continue
    return False


def close_objects(schema: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(a copy of ``schema`` with its objects closed where that is safe, objects left open as "/path (why)")."""
    root = copy.deepcopy(schema)
    strip_ref_siblings(root)
    nodes = all_nodes(root)
    links: dict[Path, set[Path]] = defaultdict(set)      # undirected: same instance location
    alternatives: dict[Path, list[list[Path]]] = defaultdict(list)  # anyOf/oneOf branch -> its siblings
    down: dict[Path, set[Path]] = defaultdict(set)       # parent -> co-applying child (for a branch's closure)
    unseen: set[Path] = set()                            # refers to a schema outside the document
    referrers: dict[Path, int] = defaultdict(int)        # how many $refs name each node
    conditional_roots: list[Path] = []
    for path, node in nodes.items():
        for rel, sub in children(node):
            if not isinstance(sub, dict):
                continue
            kw = rel[0]
            child = path + rel
            if kw in CONDITIONAL:
                conditional_roots.append(child)
            if kw in ("allOf", "anyOf", "oneOf", "if", "then", "else", "dependentSchemas", "dependencies"):
                links[path].add(child)
                links[child].add(path)
                down[path].add(child)
        if "$ref" in node:
            target = resolve_local(root, node["$ref"])
            if target is None:
                unseen.add(path)
            else:
                links[path].add(target)
                links[target].add(path)
                down[path].add(target)
                referrers[target] += 1
        for kw in ("anyOf", "oneOf"):
            branches = [path + (kw, i) for i, b in enumerate(node.get(kw) or []) if isinstance(b, dict)]
            for b in branches:
                alternatives[b].append([o for o in branches if o != b])
    # a branch that is a $ref passes its alternatives on to the definition it names, when that
    # definition is used nowhere else (used elsewhere, it may be combined with what are siblings here)
    for b, sibling_lists in list(alternatives.items()):
        target = resolve_local(root, nodes[b].get("$ref"))
        if target is not None and referrers[target] == 1 and target not in alternatives:
            alternatives[target] = sibling_lists

    conditional = _reach(conditional_roots, nodes, follow_children=True, root=root)
    groups = _components(nodes, links)
    left_open: list[str] = []
    to_close: list[Path] = []
    for path, node in nodes.items():
        if not _is_object_schema(node) or "additionalProperties" in node or "unevaluatedProperties" in node:
            continue
        if path in conditional:
            continue  # a condition's subschema co-applies with its parent; never closed, not worth a notice
        why = _conflict(path, node, nodes, groups[path], alternatives, down, unseen)
        if why:
            left_open.append(f"{pointer(path)} ({why})")
        else:
            to_close.append(path)
    for path in to_close:
        nodes[path]["additionalProperties"] = False
    return root, left_open


def _conflict(path: Path, node: dict[str, Any], nodes: dict[Path, Any], group: set[Path],
              alternatives: dict[Path, list[list[Path]]], down: dict[Path, set[Path]], unseen: set[Path]) -> str:
    if "$ref" in node:
        return "it has a $ref beside its properties"
    if group & unseen:
        return "it combines with a $ref outside this schema"
    for key in node.get("required") or []:
        if isinstance(key, str) and not _covers(node, key):
            return f"required '{key}' is not among its properties"
    for key in sorted(_named_keys(node)):
        if not _covers(node, key):
            return f"a dependency names '{key}'"
    skip = {path}
    for siblings in alternatives.get(path, []):
        for s in siblings:
            skip |= _closure(s, down)
    for other in sorted(group - skip, key=lambda p: (len(p), pointer(p))):
        for key in sorted(_named_keys(nodes[other])):
            if not _covers(node, key):
                return f"{pointer(other)} names '{key}'"
        theirs = nodes[other].get("patternProperties")
        if isinstance(theirs, dict):
            ours = node.get("patternProperties") if isinstance(node.get("patternProperties"), dict) else {}
            for pat in theirs:
                if pat not in ours:
                    return f"{pointer(other)} allows keys matching /{pat}/"
    n_min = node.get("minProperties")
    if isinstance(n_min, int) and not node.get("patternProperties") and n_min > len(node.get("properties") or {}):
        return f"minProperties {n_min} is more than its {len(node.get('properties') or {})} properties"
    return ""


def _closure(start: Path, down: dict[Path, set[Path]]) -> set[Path]:
    out, todo = set(), [start]
    while todo:
        p = todo.pop()
        if p not in out:
            out.add(p)
            todo.extend(down.get(p, ()))
    return out


def _components(nodes: dict[Path, Any], links: dict[Path, set[Path]]) -> dict[Path, set[Path]]:
    comp: dict[Path, set[Path]] = {}
    for start in nodes:
        if start in comp:
            continue
        group, todo = set(), [start]
        while todo:
            p = todo.pop()
            if p in group or p not in nodes:
                continue
            group.add(p)
            todo.extend(links.get(p, ()))
        for p in group:
            comp[p] = group
    return comp


def _reach(starts: list[Path], nodes: dict[Path, Any], *, follow_children: bool, root: Any) -> set[Path]:
    """Every node under ``starts`` (by keywords and local refs)."""
    out: set[Path] = set()
    todo = list(starts)
    while todo:
        p = todo.pop()
        if p in out or p not in nodes:
            continue
        out.add(p)
        node = nodes[p]
        if follow_children:
            todo.extend(p + rel for rel, sub in children(node) if isinstance(sub, dict))
        target = resolve_local(root, node.get("$ref"))
        if target is not None:
            todo.append(target)
    return out
