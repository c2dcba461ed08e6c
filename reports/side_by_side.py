"""2 to 4 stored runs side by side, and the word-level diff they are shown with.

- :func:`word_diff` -> ``list[DiffOp]``: a word-level diff; joining each op's ``a``
  gives the first text back, joining ``b`` gives the second.
- :func:`side_by_side` -> :class:`SideBySide`: 2-4 runs with word diffs of their
  outputs and of what was sent, each against the first.
"""

from __future__ import annotations

from common.i18n import _

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from common.errors import RunNotFoundError
from reports.grid import CompareError
from runs.store import Store


@dataclass
class DiffOp:
    tag: str  # equal | insert | delete | replace
    a: str
    b: str


@dataclass
class SideBySide:
    runs: list[dict[str, Any]]
    output_diffs: list[list[DiffOp]]  # output_diffs[i]: runs[0] -> runs[i+1]
    sent_diffs: list[list[DiffOp]]
    checks: list[list[dict[str, Any]]]


_WORDS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def word_diff(a: str, b: str) -> list[DiffOp]:
    """Word-level diff: joining each op's ``a`` gives ``a`` back, joining ``b`` gives ``b``."""
    ta, tb = _WORDS.findall(a or ""), _WORDS.findall(b or "")
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    return [DiffOp(tag, "".join(ta[i1:i2]), "".join(tb[j1:j2])) for tag, i1, i2, j1, j2 in sm.get_opcodes()]


def side_by_side(store: Store, run_ids: Sequence[str]) -> SideBySide:
    """2 to 4 runs, each diffed against the first."""
    if not 2 <= len(run_ids) <= 4:
        raise CompareError(_('pick 2 to 4 runs for a side-by-side, got {n}').format(n=len(run_ids)))
    runs = []
    for rid in run_ids:
        try:
            runs.append(store.get_run(rid))
        except RunNotFoundError as exc:
            raise CompareError(str(exc)) from None
    first = runs[0]
    return SideBySide(
        runs=runs,
        output_diffs=[word_diff(first.get("output") or "", r.get("output") or "") for r in runs[1:]],
        sent_diffs=[word_diff(first.get("sent_text") or "", r.get("sent_text") or "") for r in runs[1:]],
        checks=[store.checks_for(r["id"]) for r in runs],
    )


__all__ = ["DiffOp", "SideBySide", "side_by_side", "word_diff"]
