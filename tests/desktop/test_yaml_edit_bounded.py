"""The template editor reads what is typed into it with the same bounded YAML loader as files."""

from __future__ import annotations

import time

from desktop.yaml_edit import read_pattern, with_pattern

BOMB = "".join(
    f"{k}: &{k} [{', '.join(['*' + p] * 9 if p else ['x'] * 9)}]\n"
    for k, p in zip("abcdefg", ["", "a", "b", "c", "d", "e", "f"])
) + "h: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"


def test_an_alias_bomb_typed_into_the_editor_fails_fast():
    t0 = time.perf_counter()
    assert read_pattern(BOMB) == {}
    assert "pattern:" in with_pattern(BOMB, {"name": "zero-shot"})
    assert time.perf_counter() - t0 < 1.0


def test_an_ordinary_template_still_reads_its_pattern():
    assert read_pattern("name: x\npattern: few-shot\n") == {"name": "few-shot"}
    assert with_pattern("name: x\npattern: few-shot\n", {"name": "zero-shot"}).count("pattern:") == 1
