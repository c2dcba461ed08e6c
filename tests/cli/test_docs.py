"""Docs that come from code stay true."""

from cli.docs import README, updated


def test_readme_cli_reference_matches_the_parser():
    text = README.read_text(encoding="utf-8")
    assert updated(text) == text, "README.md CLI reference is out of date: run `python -m cli.docs`"
