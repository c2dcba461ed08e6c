"""A chat as a tree of exchanges (plain data, no Qt).

An exchange is one run: the user's text and the answer. Its parent is the exchange
before it. Regenerate and edit-and-resend add a sibling (a branch) instead of
overwriting, so the alternatives are kept; each parent remembers which child is shown.
The path of shown children from the root is the conversation the next run sends.

A saved chat is its runs in order (``Store.conversation_runs``); :func:`from_runs`
rebuilds the tree from them: a run's parent is the exchange whose path matches the
messages the run sent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from backends.base import Message


@dataclass
class Exchange:
    user: str
    answer: str = ""
    parent: Exchange | None = None
    run_id: str | None = None
    status: str = "ok"  # ok | cancelled | error | blocked | running
    mode: str = "chat"  # chat | completion
    meta: dict[str, Any] = field(default_factory=dict)  # timings, seed, model, checks summary
    children: list[Exchange] = field(default_factory=list, repr=False)
    shown: int = 0  # index of the child on the shown path

    def depth(self) -> int:
        n, e = 0, self.parent
        while e is not None:
            n, e = n + 1, e.parent
        return n


class ChatTree:
    def __init__(self) -> None:
        self.roots: list[Exchange] = []
        self.shown_root = 0

    # -- reading ----------------------------------------------------------------
    def siblings(self, ex: Exchange) -> list[Exchange]:
        return ex.parent.children if ex.parent is not None else self.roots

    def path(self) -> list[Exchange]:
        """The shown exchanges, first to last."""
        out: list[Exchange] = []
        level, idx = self.roots, self.shown_root
        while level:
            ex = level[min(idx, len(level) - 1)]
            out.append(ex)
            level, idx = ex.children, ex.shown
        return out

    def messages(self, upto: int | None = None) -> list[Message]:
        """The shown path as chat messages (chat exchanges only), before exchange ``upto``."""
        msgs: list[Message] = []
        for ex in self.path()[:upto]:
            if ex.mode != "chat":
                continue
            msgs += [Message("user", ex.user), Message("assistant", ex.answer)]
        return msgs

    def is_empty(self) -> bool:
        return not self.roots

    def last(self) -> Exchange | None:
        p = self.path()
        return p[-1] if p else None

    # -- changing ---------------------------------------------------------------
    def add(self, parent: Exchange | None, ex: Exchange) -> Exchange:
        """Add ``ex`` under ``parent`` (None: a first message) and show it."""
        ex.parent = parent
        level = parent.children if parent is not None else self.roots
        level.append(ex)
        if parent is None:
            self.shown_root = len(level) - 1
        else:
            parent.shown = len(level) - 1
        return ex

    def show(self, ex: Exchange) -> None:
        """Make ``ex`` the shown alternative among its siblings."""
        level = self.siblings(ex)
        i = level.index(ex)
        if ex.parent is None:
            self.shown_root = i
        else:
            ex.parent.shown = i

    def switch(self, ex: Exchange, step: int) -> Exchange:
        """Show the previous (-1) or next (+1) alternative of ``ex``; returns the one shown."""
        level = self.siblings(ex)
        other = level[(level.index(ex) + step) % len(level)]
        self.show(other)
        return other


def exchange_from_run(row: dict[str, Any]) -> tuple[list[Message], Exchange]:
    """The messages a logged run sent before its own user text, and its exchange."""
    spec = _loads(row.get("spec_json"))
    mode = row.get("mode") or spec.get("mode") or "chat"
    history = [Message(m["role"], m["content"]) for m in (spec.get("messages") or [])
               if isinstance(m, dict) and m.get("role") in ("user", "assistant")]
    user = spec.get("prompt")
    if user is None and history and history[-1].role == "user":  # messages only, no separate prompt
        user = history.pop().content
    meta = {k: row.get(k) for k in ("model_name", "seed", "ttft_ms", "decode_tps", "completion_tokens",
                                    "prompt_tokens", "total_ms", "finish_reason", "started_utc", "error")}
    ex = Exchange(user=user or "", answer=row.get("output") or "", run_id=row.get("id"),
                  status=row.get("status") or "ok", mode="completion" if mode == "completion" else "chat", meta=meta)
    return history, ex


def from_runs(rows: list[dict[str, Any]]) -> ChatTree:
    """Rebuild a saved chat from its runs in order (see the module docstring)."""
    tree = ChatTree()
    by_path: dict[tuple[str, ...], Exchange] = {}
    last: Exchange | None = None
    for row in rows:
        history, ex = exchange_from_run(row)
        if ex.mode == "completion":
            parent = last
        else:
            key = tuple(m.content for m in history)
            parent = by_path.get(key) if key else None
            if key and parent is None:  # sent a conversation this chat does not hold: rebuild it, unlogged
                parent = _graft(tree, by_path, history)
        tree.add(parent, ex)
        if ex.mode == "chat":
            by_path[_key_of(ex)] = ex
        last = ex
    return tree


def _key_of(ex: Exchange) -> tuple[str, ...]:
    parts: list[str] = []
    e: Exchange | None = ex
    while e is not None:
        if e.mode == "chat":
            parts[:0] = [e.user, e.answer]
        e = e.parent
    return tuple(parts)


def _graft(tree: ChatTree, by_path: dict[tuple[str, ...], Exchange], history: list[Message]) -> Exchange | None:
    parent: Exchange | None = None
    for i in range(0, len(history) - 1, 2):
        key = tuple(m.content for m in history[: i + 2])
        found = by_path.get(key)
        if found is None:
            found = tree.add(parent, Exchange(user=history[i].content, answer=history[i + 1].content, status="ok"))
            by_path[key] = found
        parent = found
    return parent


def _loads(text: Any) -> dict[str, Any]:
    try:
        v = json.loads(text or "{}")
    except (TypeError, ValueError):
        return {}
    return v if isinstance(v, dict) else {}
