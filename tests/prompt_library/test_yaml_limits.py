"""Hostile YAML: alias bombs, recursive aliases and NUL characters fail fast with one line."""

from __future__ import annotations

import time

import pytest

from common.errors import TemplateError
from common.files import load_yaml_file
from prompt_library import yamlio


def bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def err(message: str, **kw) -> TemplateError:
    return TemplateError(message)


def test_billion_laughs_fails_fast_at_the_alias():
    t0 = time.perf_counter()
    with pytest.raises(TemplateError, match=r"^bomb line 6, column \d+: aliases expand to more than 100,000 values"):
        yamlio.compose(bomb(), "bomb", err)
    assert time.perf_counter() - t0 < 2


def test_many_aliases_of_a_small_anchor_are_refused_too():
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 10_001) + "]\n"
    with pytest.raises(TemplateError, match="more than 10,000 aliases"):
        yamlio.compose(text, "wide", err)


def test_a_recursive_alias_is_refused():
    with pytest.raises(TemplateError, match=r"line 1, column \d+: alias \*n refers to the value it is inside of"):
        yamlio.compose("name: &n [1, *n]\n", "self", err)


def test_ordinary_anchors_still_work():
    _node, data = yamlio.compose("base: &b {temperature: 0, seed: 1}\ncells:\n  - *b\n  - *b\n", "ok", err)
    assert data["cells"] == [{"temperature": 0, "seed": 1}] * 2


@pytest.mark.parametrize("text, line", [("name: x\nprompt: \"a\x00b\"\n", 2), ("name: x\nprompt: \"a\\0b\"\n", 2),
                                        ("name: x\nitems: [\"\\x00\"]\n", 2)])
def test_nul_characters_are_refused_with_their_line(text, line):
    with pytest.raises(TemplateError, match=rf"^t line {line}: a NUL"):
        yamlio.compose(text, "t", err)


def test_the_small_file_reader_has_the_same_limits(tmp_path):
    (tmp_path / "b.yaml").write_text(bomb(), encoding="utf-8")
    with pytest.raises(TemplateError, match=r"vars file .*b\.yaml line 6: aliases expand"):
        load_yaml_file(tmp_path / "b.yaml", "vars file", TemplateError)
    (tmp_path / "n.yaml").write_bytes(b"x: 1\ny: a\x00b\n")
    with pytest.raises(TemplateError, match=r"n\.yaml line 2: a NUL byte \(#x0000\) is not allowed"):
        load_yaml_file(tmp_path / "n.yaml", "vars file", TemplateError)
    (tmp_path / "e.yaml").write_text('x: "a\\0b"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"a NUL character is not allowed \(in x\)"):
        load_yaml_file(tmp_path / "e.yaml", "vars file", TemplateError)
