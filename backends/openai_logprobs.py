"""Token probabilities from an OpenAI-compatible server, read defensively.

Asked with ``logprobs: true, top_logprobs: k`` (chat) or ``logprobs: k`` (completions),
``k`` clamped to :data:`SERVER_MAX_TOP_LOGPROBS` (OpenAI's cap; vLLM's default
``max_logprobs``) with a notice. Two answer shapes are read, in each streamed chunk's
first choice:

- chat (OpenAI, vLLM, llama-server, and llama-server's completions):
  ``logprobs.content = [{token, logprob, top_logprobs: [{token, logprob}]}]``;
- legacy completions (llama-cpp-python's server, vLLM):
  ``logprobs = {tokens: [...], token_logprobs: [...], top_logprobs: [{token: logprob}]}``.

The server's numbers are its own (often after its sampler's truncation and penalties),
token ids are unknown (-1), and the entropy is computed over the returned top-k only, a
lower bound of the real one: the trace's ``note`` says so. Whatever arrives, nothing
here raises: an entry that is not what the format says is skipped and counted, sizes
are bounded (steps, alternatives per step, characters per token), and the API key is
kept out of every token text.
"""

from __future__ import annotations

import math
from typing import Any

from backends.logprobs import Alternative, TokenStep, TokenTrace, entropy_of
from backends.openai_policy import MASK, Secret
from common.i18n import _

SERVER_MAX_TOP_LOGPROBS = 20
MAX_TOKEN_CHARS = 256
STEPS_PER_TOKEN = 4  # a server may send a few entries per counted token; never more than this many per max_tokens


def clamp_top_k(k: int) -> tuple[int, str | None]:
    """(k to ask the server for, a notice when it was lowered)."""
    if k <= SERVER_MAX_TOP_LOGPROBS:
        return k, None
    return SERVER_MAX_TOP_LOGPROBS, _(
        "OpenAI-compatible servers return at most {cap} alternatives per token; asked for {k}, "
        "recording {cap}").format(cap=SERVER_MAX_TOP_LOGPROBS, k=k)


def request_fields(mode: str, k: int) -> dict[str, Any]:
    if mode == "chat":
        return {"logprobs": True, "top_logprobs": k}
    return {"logprobs": k}


class LogprobCollector:
    """Token probabilities gathered from the chunks of one stream."""

    def __init__(self, k: int, max_tokens: int, secret: Secret):
        self.k = k
        self.max_steps = max(16, max_tokens * STEPS_PER_TOKEN)
        self.secret = secret
        self.steps: list[TokenStep] = []
        self.seen = False  # any logprobs object at all
        self.malformed = 0
        self.truncated = False

    def take(self, choice: dict[str, Any]) -> None:
        lp = choice.get("logprobs")
        if lp is None:
            return
        self.seen = True
        if not isinstance(lp, dict):
            self.malformed += 1
            return
        content = lp.get("content")
        if isinstance(content, list):
            for entry in content:
                self._add_chat(entry)
            return
        if "tokens" in lp or "token_logprobs" in lp:
            self._add_legacy(lp)
            return
        if content is not None:
            self.malformed += 1

    def _room(self) -> bool:
        if len(self.steps) >= self.max_steps:
            self.truncated = True
            return False
        return True

    def _add_chat(self, entry: Any) -> None:
        if not self._room():
            return
        if not isinstance(entry, dict):
            self.malformed += 1
            return
        text, lp = _text(entry.get("token")), _logprob(entry.get("logprob"))
        if text is None or lp is None:
            self.malformed += 1
            return
        alts = []
        tops = entry.get("top_logprobs")
        for a in tops[: self.k * 2] if isinstance(tops, list) else []:
            if isinstance(a, dict):
                at, alp = _text(a.get("token")), _logprob(a.get("logprob"))
                if at is not None and alp is not None:
                    alts.append((at, alp))
        self._append(text, lp, alts)

    def _add_legacy(self, lp: dict[str, Any]) -> None:
        tokens, lps, tops = lp.get("tokens"), lp.get("token_logprobs"), lp.get("top_logprobs")
        if not isinstance(tokens, list) or not isinstance(lps, list):
            self.malformed += 1
            return
        tops = tops if isinstance(tops, list) else []
        for i, (t, v) in enumerate(zip(tokens, lps, strict=False)):
            if not self._room():
                return
            text, value = _text(t), _logprob(v)
            if text is None or value is None:
                self.malformed += 1
                continue
            top = tops[i] if i < len(tops) else None
            alts = []
            if isinstance(top, dict):
                for at, alp in list(top.items())[: self.k * 2]:
                    at2, alp2 = _text(at), _logprob(alp)
                    if at2 is not None and alp2 is not None:
                        alts.append((at2, alp2))
            self._append(text, value, alts)

    def _append(self, text: str, lp: float, alts: list[tuple[str, float]]) -> None:
        alts.sort(key=lambda a: -a[1])
        top = tuple(Alternative(-1, t, v) for t, v in alts[: self.k])
        ent = entropy_of(a.logprob for a in top) if top else 0.0
        self.steps.append(TokenStep(-1, text, lp, ent, top))

    def trace(self) -> tuple[TokenTrace | None, str | None]:
        """(the trace, or None when the server sent none; a notice for the run, if any)."""
        if not self.steps:
            if self.seen and self.malformed:
                return None, _("the server's token probabilities were malformed and were not recorded")
            return None, _("the server returned no token probabilities (it may not support logprobs)")
        notes = [_("from the server (its own numbers, token ids unknown); entropy is over the returned "
                   "top {k} only, a lower bound").format(k=self.k)]
        if self.malformed:
            notes.append(_("{n} malformed entries skipped").format(n=self.malformed))
        if self.truncated:
            notes.append(_("cut at {n} tokens").format(n=self.max_steps))
        return TokenTrace(k=self.k, steps=_scrubbed(self.steps, self.secret), source="server", temperature=1.0,
                          note="; ".join(notes)), None


def _text(v: Any) -> str | None:
    if not isinstance(v, str):
        return None
    return v[:MAX_TOKEN_CHARS]


def _logprob(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    x = float(v)
    if math.isnan(x) or x > 1e-3:  # a probability above 1 is not one
        return None
    return min(x, 0.0) if x > -1e9 else -math.inf


def _scrubbed(steps: list[TokenStep], secret: Secret) -> list[TokenStep]:
    """The steps with the API key out of every token text: a text that is a piece of the key
    (3 characters or more), and every chosen token overlapping where the joined text holds it."""
    key = secret.reveal()
    if not key:
        return steps

    def clean(t: str) -> str:
        t = t.replace(key, MASK)
        return MASK if len(t) >= 3 and t in key else t

    joined = "".join(s.text for s in steps)
    hidden: set[int] = set()
    start = joined.find(key)
    while start >= 0:
        pos = 0
        for i, s in enumerate(steps):
            if pos < start + len(key) and pos + len(s.text) > start:
                hidden.add(i)
            pos += len(s.text)
        start = joined.find(key, start + 1)
    out = []
    for i, s in enumerate(steps):
        text = MASK if i in hidden else clean(s.text)
        top = tuple(Alternative(a.token_id, clean(a.text), a.logprob) for a in s.top)
        out.append(TokenStep(s.token_id, text, s.logprob, s.entropy, top, s.forced, s.blocked))
    return out
