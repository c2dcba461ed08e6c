"""The house plan holds: no import cycles between the files of a room at run time.

import-linter (in ``make test``) checks the order of the rooms; this checks inside each
room. An import counts when it runs: at module level or inside a function. Imports under
``if TYPE_CHECKING:`` are for annotations only and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("common", "backends", "prompt_library", "guards", "runs", "experiments", "reports", "cli", "desktop")


def _runtime_imports(path: Path, package: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for orelse in child.orelse:
                    walk(orelse)
                continue
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.add(child.module)
                found.update(f"{child.module}.{a.name}" for a in child.names)
            elif isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            walk(child)

    walk(tree)
    return {m for m in found if m.split(".")[0] == package}


def _graph(room: str) -> dict[str, set[str]]:
    files = {f"{room}.{p.stem}": p for p in (ROOT / room).glob("*.py") if p.stem != "__init__"}
    return {name: {m for m in _runtime_imports(path, room) if m in files and m != name} for name, path in files.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


@pytest.mark.parametrize("room", ROOMS)
def test_no_import_cycle_inside_a_room_at_run_time(room):
    cycle = _cycle(_graph(room))
    assert cycle is None, " -> ".join(cycle or [])


def test_the_check_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
