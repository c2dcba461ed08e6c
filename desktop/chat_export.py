"""A saved chat as Markdown or JSON (no Qt): the shown path of its tree, with each
answer's run id, so an export can be traced back to the run log."""

from __future__ import annotations

import json
from typing import Any

from desktop.chat_tree import ChatTree


def to_markdown(title: str, tree: ChatTree, system: str | None = None) -> str:
    lines = [f"# {title}", ""]
    if system:
        lines += ["**System:**", "", system, ""]
    for ex in tree.path():
        if ex.mode == "completion":
            lines += ["**Prompt:**", "", "```text", ex.user, "```", "", "**Continuation:**", "", ex.answer, ""]
            continue
        lines += ["**You:**", "", ex.user, ""]
        tag = " (stopped)" if ex.status == "cancelled" else ""
        run = f" <!-- run {ex.run_id} -->" if ex.run_id else ""
        lines += [f"**Assistant{tag}:**{run}", "", ex.answer, ""]
    return "\n".join(lines).rstrip() + "\n"


def to_json(conversation: dict[str, Any], tree: ChatTree, system: str | None = None) -> str:
    messages: list[dict[str, Any]] = []
    if system:
        messages.append({"role": "system", "content": system})
    for ex in tree.path():
        messages.append({"role": "user", "content": ex.user, "mode": ex.mode})
        messages.append({"role": "assistant", "content": ex.answer, "run_id": ex.run_id, "status": ex.status,
                         "model": ex.meta.get("model_name"), "seed": ex.meta.get("seed")})
    doc = {
        "id": conversation.get("id"),
        "title": conversation.get("title"),
        "model": conversation.get("model_name"),
        "created_utc": conversation.get("created_utc"),
        "updated_utc": conversation.get("updated_utc"),
        "messages": messages,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
