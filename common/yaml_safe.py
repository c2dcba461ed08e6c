"""PyYAML's safe loader with bounded aliases: the one loader for every YAML file a person hands us.

``yaml.SafeLoader`` constructs no objects, but it still follows aliases: nine anchors
that each repeat the previous one nine times ("billion laughs") make a document of a
few hundred bytes describe 10^9 values, and whatever walks the data afterwards
(duplicate-key checks, pydantic, Jinja) never finishes. An alias that refers to its own
ancestor makes the data recursive. So the composer counts what aliases expand to and
refuses, at the alias, a document whose aliases expand beyond ``MAX_ALIAS_NODES`` nodes,
or that uses more than ``MAX_ALIASES`` aliases, or a recursive alias. Ordinary
anchors (a shared block of settings reused a few times) are unaffected.

NUL and other control characters are refused by PyYAML's reader before parsing, with
their position (see ``prompt_library.yamlio.compose``).
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_ALIASES = 10_000
MAX_ALIAS_NODES = 100_000


class AliasLimitError(yaml.MarkedYAMLError):
    """An alias bomb or a recursive alias; ``problem`` is the one-line reason."""


class BoundedSafeLoader(yaml.SafeLoader):
    def __init__(self, stream: Any):
        super().__init__(stream)
        self._aliases = 0
        self._expanded = 0
        self._sizes: dict[int, int] = {}
        self._open: set[str] = set()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            anchor = event.anchor
            if anchor in self._open:
                raise AliasLimitError(problem=f"alias *{anchor} refers to the value it is inside of (recursive)",
                                      problem_mark=event.start_mark)
            node = self.anchors.get(anchor)
            if node is not None:
                self._aliases += 1
                self._expanded += self._size(node)
                if self._aliases > MAX_ALIASES or self._expanded > MAX_ALIAS_NODES:
                    raise AliasLimitError(
                        problem=(f"aliases expand to more than {MAX_ALIAS_NODES:,} values "
                                 if self._expanded > MAX_ALIAS_NODES else f"more than {MAX_ALIASES:,} aliases ")
                        + "(an alias bomb?); refused", problem_mark=event.start_mark)
            return super().compose_node(parent, index)
        anchor = getattr(event, "anchor", None)
        if anchor is None:
            return super().compose_node(parent, index)
        self._open.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self._open.discard(anchor)

    def _size(self, node: Any) -> int:
        """How many values ``node`` stands for once every alias in it is expanded (memoized)."""
        key = id(node)
        if key in self._sizes:
            return self._sizes[key]
        self._sizes[key] = 1  # guards against a cycle while counting
        if isinstance(node, yaml.SequenceNode):
            total = 1 + sum(self._size(c) for c in node.value)
        elif isinstance(node, yaml.MappingNode):
            total = 1 + sum(self._size(k) + self._size(v) for k, v in node.value)
        else:
            total = 1
        self._sizes[key] = total
        return total


def describe_character(code: int | str) -> str:
    n = ord(code) if isinstance(code, str) else code
    return "a NUL byte (#x0000)" if n == 0 else f"character #x{n:04x}"


def nul_at(data: Any, where: str = "") -> str | None:
    """Where a NUL character sits in loaded data (e.g. "x" or "items[2]"), or None."""
    stack, seen = [(data, where)], set()
    while stack:
        value, at = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return at or "the top level"
        elif isinstance(value, (dict, list)) and id(value) not in seen:
            seen.add(id(value))
            if isinstance(value, dict):
                for k, v in value.items():
                    name = f"{at}.{k}" if at else str(k)
                    if isinstance(k, str) and "\x00" in k:
                        return name
                    stack.append((v, name))
            else:
                stack.extend((v, f"{at}[{i}]") for i, v in enumerate(value))
    return None


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` with the alias bounds above."""
    loader = BoundedSafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
