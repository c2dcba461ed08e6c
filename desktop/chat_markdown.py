"""Where a streamed Markdown answer can be cut into finished blocks (no Qt).

The thread renders each finished block once and re-renders only the unfinished tail
on each flush, so a long answer costs the same per flush as a short one. A block ends
at a blank line outside a code fence, or with the line that closes a fence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Block:
    text: str
    code: str | None = None  # the code of a fenced block (without its fences), for the copy button


def _fence(line: str) -> str | None:
    s = line.lstrip()
    if len(line) - len(s) > 3:
        return None
    for mark in ("```", "~~~"):
        if s.startswith(mark):
            return mark
    return None


def split_finished(text: str, final: bool = False) -> tuple[list[Block], int]:
    """The finished blocks at the start of ``text`` and how many characters they take.

    Only complete lines are considered; the rest (an open paragraph, list, table or an
    unclosed fence) is the tail, re-rendered until it finishes. ``final``: the text is
    complete (the stream ended), so its last line and an unclosed fence finish too.
    """
    if final and text and not text.endswith("\n"):
        blocks, used = split_finished(text + "\n", final=True)
        return blocks, min(used, len(text))
    blocks: list[Block] = []
    start = 0  # where the current block began
    pos = 0
    fence: str | None = None
    fence_start = 0
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            break
        line = text[pos:nl]
        nxt = nl + 1
        if fence is not None:
            closing = line.strip()
            if len(closing) >= 3 and set(closing) == {fence[0]}:
                code_body = text[fence_start:pos]
                blocks.append(Block(text[start:nxt], code=code_body))
                start, fence = nxt, None
        else:
            mark = _fence(line)
            if mark is not None:
                if text[start:pos].strip():  # text right before the fence is its own block
                    blocks.append(Block(text[start:pos]))
                start, fence, fence_start = pos, mark, nxt
            elif not line.strip():
                if text[start:nxt].strip():
                    blocks.append(Block(text[start:nxt]))
                start = nxt
        pos = nxt
    if final and start < len(text) and text[start:].strip():
        blocks.append(Block(text[start:], code=text[fence_start:] if fence is not None else None))
        start = len(text)
    return blocks, start
