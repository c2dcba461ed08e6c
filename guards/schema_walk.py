"""Walking a JSON schema by its keywords, not by its data.

A schema holds data (``enum``, ``const``, ``default``, ``examples``) and maps whose keys
are property names (``properties``), so a walk that descends into every dict would
mistake a property called ``format`` for the keyword or close an object inside a
``const``. These helpers descend only where the JSON Schema vocabularies put
subschemas, and resolve local ``$ref`` pointers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Path = tuple[str | int, ...]

# keyword -> how its value holds subschemas
ONE = ("additionalProperties", "additionalItems", "contains", "not", "if", "then", "else",
       "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contentSchema")
LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
MAP = ("properties", "patternProperties", "dependentSchemas", "definitions", "$defs")
# subschemas that apply only under a condition, or whose failure is what counts
CONDITIONAL = frozenset({"not", "if", "then", "else", "dependentSchemas", "dependencies", "contains",
                         "propertyNames"})
ANNOTATIONS = frozenset({"title", "description", "$comment", "examples", "default", "deprecated", "readOnly",
                         "writeOnly", "$schema", "$id", "id", "$anchor", "definitions", "$defs"})
OLD_DRAFTS = ("draft-03", "draft-04", "draft-06", "draft-07")


def children(node: Any) -> Iterator[tuple[Path, Any]]:
    """(relative path, subschema) for every subschema directly under ``node``."""
    if not isinstance(node, dict):
        return
    for kw in ONE:
        if kw in node and isinstance(node[kw], (dict, bool)):
            yield (kw,), node[kw]
    for kw in LIST:
        if isinstance(node.get(kw), list):
            for i, sub in enumerate(node[kw]):
                yield (kw, i), sub
    items = node.get("items")
    if isinstance(items, (dict, bool)):
        yield ("items",), items
    elif isinstance(items, list):
        for i, sub in enumerate(items):
            yield ("items", i), sub
    for kw in MAP:
        if isinstance(node.get(kw), dict):
            for name, sub in node[kw].items():
                yield (kw, name), sub
    deps = node.get("dependencies")
    if isinstance(deps, dict):
        for name, sub in deps.items():
            if isinstance(sub, (dict, bool)):
                yield ("dependencies", name), sub


def deeper_than(value: Any, limit: int) -> bool:
    """Whether JSON ``value`` nests dicts/lists more than ``limit`` levels deep (iterative, stops early)."""
    stack = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (dict, list)):
            if d > limit:
                return True
            stack.extend((c, d + 1) for c in (v.values() if isinstance(v, dict) else v))
    return False


def is_old_draft(schema: Any) -> bool:
    """Whether the root declares draft 3 to 7, where ``$ref`` makes its siblings ignored."""
    uri = schema.get("$schema") if isinstance(schema, dict) else None
    return isinstance(uri, str) and any(d in uri for d in OLD_DRAFTS)


def get(root: Any, path: Path) -> Any:
    node = root
    for step in path:
        node = node[step]
    return node


def pointer(path: Path) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path) if path else "/"


def resolve_local(root: Any, ref: Any) -> Path | None:
    """The path a local ``$ref`` ("#", "#/a/b") points at in ``root``, or None."""
    if not isinstance(ref, str) or not ref.startswith("#"):
        return None
    frag = ref[1:]
    if frag == "":
        return ()
    if not frag.startswith("/"):
        return None  # an anchor: not followed
    path: list[str | int] = []
    node = root
    for raw in frag[1:].split("/"):
        step = raw.replace("~1", "/").replace("~0", "~").replace("%25", "%").replace("%22", '"')
        if isinstance(node, dict) and step in node:
            path.append(step)
            node = node[step]
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            path.append(int(step))
            node = node[int(step)]
        else:
            return None
    return tuple(path)


def all_nodes(root: Any) -> dict[Path, Any]:
    """Every schema node reachable from the root by keywords or local ``$ref``, by path."""
    seen: dict[Path, Any] = {}
    todo: list[Path] = [()]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        try:
            node = get(root, path)
        except (KeyError, IndexError, TypeError):
            continue
        if not isinstance(node, dict):
            continue
        seen[path] = node
        target = resolve_local(root, node.get("$ref"))
        if target is not None:
            todo.append(target)
        todo.extend(reversed([path + rel for rel, sub in children(node) if isinstance(sub, dict)]))
    return seen  # in document order (depth first), a $ref target after the subschemas around it
