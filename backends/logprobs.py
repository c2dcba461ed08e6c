"""Token probabilities of one generation: what the model thought at every step.

A :class:`TokenTrace` holds, for each generated token, its id and text, its
log-probability, the entropy of the step's distribution and the ``k`` most likely
alternatives with their log-probabilities. The distribution is the one the sampler
drew from after temperature and before truncation (top-k, top-p, min-p), so the numbers
say what the model believed, not what the sampler kept. Natural logarithms throughout.

It is stored with the run as one compressed blob (``to_bytes``/``from_bytes``), not a
row per token: 300 tokens with 10 alternatives each take a few kilobytes.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from common.errors import InvalidParamsError, StoreError

MAX_TOP_K = 50
DEFAULT_TOP_K = 10
FORMAT = 1
# a stored trace is decompressed at most to this size (a hostile or corrupt blob cannot
# exhaust memory): 50 alternatives x 100,000 tokens fits with room to spare
MAX_TRACE_BYTES = 256 * 1024 * 1024


def check_top_k(k: Any) -> int:
    """``k`` as an int in [1, MAX_TOP_K], or a clear error."""
    if isinstance(k, bool) or not isinstance(k, int):
        raise InvalidParamsError(f"logprobs must be a whole number from 1 to {MAX_TOP_K}, got {k!r}")
    if not 1 <= k <= MAX_TOP_K:
        raise InvalidParamsError(f"logprobs must be from 1 to {MAX_TOP_K} alternatives per token, got {k}")
    return k


@dataclass(frozen=True)
class Alternative:
    token_id: int
    text: str
    logprob: float


@dataclass(frozen=True)
class TokenStep:
    """One generated token. ``forced`` tokens were fixed by a constraint's grammar (or given
    to a branch) and not sampled; their probability is still the model's own. ``top`` is
    most likely first. ``blocked``: the ids of the alternatives a constraint did not allow
    at this step (a constrained run's numbers are the model's own, before the mask)."""

    token_id: int
    text: str
    logprob: float
    entropy: float
    top: tuple[Alternative, ...] = ()
    forced: bool = False
    blocked: tuple[int, ...] = ()

    @property
    def prob(self) -> float:
        return math.exp(self.logprob)


@dataclass
class TokenTrace:
    """Every step of a generation. ``source`` says who computed the numbers: ``llama.cpp``
    and ``transformers`` from the full logits in our loop, ``server`` from what an
    OpenAI-compatible server returned (its own top-k, often after its sampler)."""

    k: int
    steps: list[TokenStep] = field(default_factory=list)
    source: str = "llama.cpp"
    temperature: float = 1.0
    note: str | None = None
    constrained: bool = False  # a constraint's grammar masked the tokens (steps say which alternatives)

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def mean_logprob(self) -> float | None:
        if not self.steps:
            return None
        return sum(s.logprob for s in self.steps) / len(self.steps)

    @property
    def perplexity(self) -> float | None:
        m = self.mean_logprob
        return None if m is None else math.exp(-m)

    def low_confidence(self, threshold: float = 0.5, min_run: int = 1) -> list[tuple[int, int]]:
        """Runs of consecutive steps whose probability is below ``threshold``, as
        ``(first_step, last_step_exclusive)``, keeping runs of at least ``min_run`` steps."""
        spans: list[tuple[int, int]] = []
        start: int | None = None
        for i, s in enumerate(self.steps):
            low = s.prob < threshold
            if low and start is None:
                start = i
            elif not low and start is not None:
                if i - start >= min_run:
                    spans.append((start, i))
                start = None
        if start is not None and len(self.steps) - start >= min_run:
            spans.append((start, len(self.steps)))
        return spans

    def char_offsets(self) -> list[tuple[int, int]]:
        """Each step's ``(start, end)`` in the concatenated token texts."""
        out: list[tuple[int, int]] = []
        pos = 0
        for s in self.steps:
            out.append((pos, pos + len(s.text)))
            pos += len(s.text)
        return out

    def summary(self) -> dict[str, Any]:
        return {"k": self.k, "tokens": len(self.steps), "source": self.source,
                "mean_logprob": _round(self.mean_logprob), "perplexity": _round(self.perplexity),
                "note": self.note}

    def to_dict(self) -> dict[str, Any]:
        def alt(a: Alternative, s: TokenStep) -> dict[str, Any]:
            d: dict[str, Any] = {"id": a.token_id, "text": a.text, "logprob": _round(a.logprob)}
            if self.constrained:
                d["allowed"] = a.token_id not in s.blocked
            return d

        out: dict[str, Any] = {
            "format": FORMAT, "k": self.k, "source": self.source, "temperature": self.temperature,
            "note": self.note,
            "steps": [
                {"id": s.token_id, "text": s.text, "logprob": _round(s.logprob), "entropy": _round(s.entropy),
                 "forced": s.forced, "top": [alt(a, s) for a in s.top]}
                for s in self.steps
            ],
        }
        if self.constrained:
            out["constrained"] = True
        return out

    @classmethod
    def from_dict(cls, d: Any) -> TokenTrace:
        try:
            steps = [
                TokenStep(int(s["id"]), str(s["text"]), float(s["logprob"]), float(s["entropy"]),
                          tuple(Alternative(int(a["id"]), str(a["text"]), float(a["logprob"])) for a in s["top"]),
                          bool(s.get("forced", False)),
                          tuple(int(a["id"]) for a in s["top"] if a.get("allowed", True) is False))
                for s in d["steps"]
            ]
            return cls(k=int(d["k"]), steps=steps, source=str(d.get("source", "llama.cpp")),
                       temperature=float(d.get("temperature", 1.0)), note=d.get("note"),
                       constrained=bool(d.get("constrained", False)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoreError(f"the stored token probabilities are malformed ({type(exc).__name__}: {exc})") from exc

    # compact form: row-major arrays, not a dict per token, then zlib
    def to_bytes(self) -> bytes:
        packed = {
            "format": FORMAT, "k": self.k, "source": self.source, "temperature": self.temperature,
            "note": self.note,
            "id": [s.token_id for s in self.steps],
            "text": [s.text for s in self.steps],
            "lp": [_round(s.logprob) for s in self.steps],
            "ent": [_round(s.entropy) for s in self.steps],
            "forced": [i for i, s in enumerate(self.steps) if s.forced],
            "top": [[[a.token_id, a.text, _round(a.logprob)] for a in s.top] for s in self.steps],
        }
        if self.constrained:
            packed["constrained"] = True
            packed["blocked"] = [[i, list(s.blocked)] for i, s in enumerate(self.steps) if s.blocked]
        return zlib.compress(json.dumps(packed, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def from_bytes(cls, blob: bytes) -> TokenTrace:
        try:
            d = zlib.decompressobj()
            raw = d.decompress(blob, MAX_TRACE_BYTES)
            if d.unconsumed_tail:
                raise StoreError("the stored token probabilities are larger than any run can produce")
            p = json.loads(raw.decode("utf-8"))
            forced = set(p.get("forced", ()))
            blocked = {int(i): tuple(int(t) for t in ids) for i, ids in p.get("blocked", ())}
            steps = [
                TokenStep(int(tid), str(text), float(lp), float(ent),
                          tuple(Alternative(int(a[0]), str(a[1]), float(a[2])) for a in top), i in forced,
                          blocked.get(i, ()))
                for i, (tid, text, lp, ent, top) in enumerate(zip(p["id"], p["text"], p["lp"], p["ent"], p["top"],
                                                                  strict=True))
            ]
            return cls(k=int(p["k"]), steps=steps, source=str(p.get("source", "llama.cpp")),
                       temperature=float(p.get("temperature", 1.0)), note=p.get("note"),
                       constrained=bool(p.get("constrained", False)))
        except StoreError:
            raise
        except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError,
                IndexError, AttributeError) as exc:
            raise StoreError(f"the stored token probabilities are malformed ({type(exc).__name__})") from exc


def entropy_of(logprobs: Iterable[float]) -> float:
    """Entropy in nats of a distribution given as log-probabilities."""
    return -sum(math.exp(lp) * lp for lp in logprobs if lp > -math.inf)


def _round(x: float | None) -> float | None:
    if x is None:
        return None
    if not math.isfinite(x):
        return -1e9 if x < 0 else 1e9  # JSON has no infinity; -1e9 nats is "impossible"
    return round(x, 5)
