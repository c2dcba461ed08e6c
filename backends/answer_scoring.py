"""Exact probabilities of a finite set of answers, the way lm-evaluation-harness scores
multiple choice: ``log P(answer | prompt)`` is the sum of the log-probabilities of the
answer's tokens, each given the prompt and the answer's tokens before it; the
probabilities are then normalised over the set (``prob``; ``logprob`` is the raw sum).

Which tokens an answer is: the prompt (the text the model receives, after any chat
template) is tokenized as in a run; the answer's tokens are those that tokenizing
prompt + answer gives after the prompt's tokens, when the prompt's tokens are a prefix
of it (``boundary: "joint"``; a chat template ending in ``assistant\\n`` always is).
Where the last prompt token would merge with the answer's first (a completion prompt
ending in a space), our token loop never re-tokenizes the prompt, so generation writes
the answer after the prompt's own tokens: the answer is then tokenized alone
(``boundary: "separate"``). One tokenization per answer is scored, the canonical one; a
constrained generation could also spell an answer in other tokens, whose (small)
probability is not counted. The end of the turn (EOS) is not scored, as in the harness.
Probabilities are the model's own (temperature 1, no repeat penalty, no truncation), so
a sampled run's choice can differ from the most probable answer.

The backends do the evaluation (``score_answers`` where ``supports_answer_scoring``):
llama.cpp in backends/llama_scoring.py, transformers in backends/hf_scoring.py. An
OpenAI-compatible server cannot: it returns top-k log-probabilities of what it sampled,
not the probability of a given continuation, so it says so plainly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from common.errors import InvalidParamsError
from common.i18n import _

MAX_OPTIONS = 1000  # answers scored at once
MAX_ANSWER_TOKENS = 16384  # summed over the answers: each one is a model evaluation
MAX_ANSWER_CHARS = 2000  # one answer's length
FORMAT = 1
NOT_SUPPORTED = _("the {name} backend cannot score answers: an OpenAI-compatible server returns the "
                  "probabilities of what it sampled, not of a given answer; use a local model (llama.cpp or transformers)")


@dataclass(frozen=True)
class AnswerScore:
    answer: str
    logprob: float  # sum of the answer's token log-probabilities (natural log)
    prob: float  # normalised over the answer set
    token_logprobs: tuple[float, ...] = ()
    boundary: str = "joint"  # "joint": tokens of prompt + answer after the prompt's; "separate": tokenized alone

    @property
    def n_tokens(self) -> int:
        return len(self.token_logprobs)


@dataclass
class AnswerScores:
    """The scored answer set, in the order given. ``source``: the backend that computed it."""

    scores: list[AnswerScore]
    source: str
    prompt_tokens: int = 0
    ms: float = 0.0
    evaluated_tokens: int = 0  # answer tokens run through the model (the prompt's are counted apart)
    note: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def answers(self) -> list[str]:
        return [s.answer for s in self.scores]

    @property
    def best(self) -> AnswerScore:
        return max(self.scores, key=lambda s: s.logprob)

    def prob(self, answer: str) -> float | None:
        for s in self.scores:
            if s.answer == answer:
                return s.prob
        return None

    def distribution(self) -> dict[str, float]:
        return {s.answer: s.prob for s in self.scores}

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "source": self.source, "prompt_tokens": self.prompt_tokens, "ms": round(self.ms, 2),
            "evaluated_tokens": self.evaluated_tokens, "note": self.note, **self.extras,
            "answers": [{"answer": s.answer, "logprob": s.logprob, "prob": s.prob, "tokens": s.n_tokens,
                         "token_logprobs": list(s.token_logprobs), "boundary": s.boundary} for s in self.scores],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AnswerScores:
        """From what ``to_dict`` stored; a malformed record is an InvalidParamsError."""
        try:
            scores = [AnswerScore(str(a["answer"]), float(a["logprob"]), float(a["prob"]),
                                  tuple(float(x) for x in a.get("token_logprobs") or ()), str(a.get("boundary", "joint")))
                      for a in d["answers"]]
            known = {"format", "source", "prompt_tokens", "ms", "evaluated_tokens", "note", "answers"}
            return cls(scores, str(d.get("source", "")), int(d.get("prompt_tokens") or 0), float(d.get("ms") or 0.0),
                       int(d.get("evaluated_tokens") or 0), d.get("note"), {k: v for k, v in d.items() if k not in known})
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidParamsError(f"stored answer probabilities are malformed ({type(exc).__name__})") from None

    def expected_value(self, values: dict[str, float]) -> float:
        """The probability-weighted mean of ``values`` (answer -> number) over the set."""
        total = sum(s.prob for s in self.scores if s.answer in values)
        if total <= 0:
            raise InvalidParamsError("none of the scored answers has a value to weight")
        return sum(s.prob * values[s.answer] for s in self.scores if s.answer in values) / total


def check_answers(answers: Sequence[str]) -> tuple[str, ...]:
    """The answers as a tuple, or one clear line on why they cannot be scored."""
    if isinstance(answers, str):
        raise InvalidParamsError("answers to score must be a list of strings, not one string")
    n = len(answers)
    if n > MAX_OPTIONS:
        raise InvalidParamsError(_("{n} answers are too many to score; the limit is {limit}").format(n=f"{n:,}", limit=f"{MAX_OPTIONS:,}"))
    if n == 0:
        raise InvalidParamsError(_("there are no answers to score"))
    out = tuple(answers)
    for a in out:
        if not isinstance(a, str) or a == "":
            raise InvalidParamsError(_("every answer to score must be a non-empty string, got {answer}").format(answer=repr(a)))
        if len(a) > MAX_ANSWER_CHARS:
            raise InvalidParamsError(_("an answer of {n} characters is too long to score (the limit is {limit})").format(
                n=f"{len(a):,}", limit=f"{MAX_ANSWER_CHARS:,}"))
    if len(set(out)) != n:
        raise InvalidParamsError(_("the answers to score have duplicates"))
    return out


def check_token_budget(token_lists: Sequence[Sequence[int]], prompt_tokens: int, n_ctx: int) -> None:
    total = sum(len(t) for t in token_lists)
    if total > MAX_ANSWER_TOKENS:
        raise InvalidParamsError(_("the answers are {n} tokens in all, too many to score (the limit is {limit})").format(
            n=f"{total:,}", limit=f"{MAX_ANSWER_TOKENS:,}"))
    longest = max((len(t) for t in token_lists), default=0)
    if prompt_tokens + longest > n_ctx:
        from common.errors import ContextOverflowError

        raise ContextOverflowError(f"the prompt ({prompt_tokens} tokens) and the longest answer ({longest} tokens) "
                                   f"do not fit the context size of {n_ctx}", prompt_tokens=prompt_tokens, n_ctx=n_ctx)


def answer_tokens(prompt_tokens: Sequence[int], answer: str, tokenize_joint: Callable[[str], list[int]],
                  tokenize_alone: Callable[[str], list[int]], prompt_text: str) -> tuple[list[int], str]:
    """(the answer's tokens, "joint" | "separate"): see the module's docstring."""
    whole = tokenize_joint(prompt_text + answer)
    n = len(prompt_tokens)
    if len(whole) > n and list(whole[:n]) == list(prompt_tokens):
        return list(whole[n:]), "joint"
    alone = tokenize_alone(answer)
    if not alone:
        raise InvalidParamsError(f"the answer {answer!r} has no tokens")
    return alone, "separate"


def normalise(logprobs: Sequence[float]) -> list[float]:
    """exp(logprob) normalised to sum to 1 (log-sum-exp, so tiny probabilities do not underflow)."""
    top = max(logprobs)
    if top == -math.inf:
        return [1.0 / len(logprobs)] * len(logprobs)
    z = top + math.log(sum(math.exp(x - top) for x in logprobs))
    return [math.exp(x - z) for x in logprobs]


def build_scores(answers: Sequence[str], per_answer: Sequence[tuple[Sequence[float], str]], **kw: Any) -> AnswerScores:
    """AnswerScores from each answer's token log-probabilities and boundary."""
    sums = [math.fsum(lps) for lps, _b in per_answer]
    probs = normalise(sums)
    scores = [AnswerScore(a, s, p, tuple(lps), b) for a, s, p, (lps, b) in zip(answers, sums, probs, per_answer)]
    return AnswerScores(scores, **kw)


SPELLING_NOTE = _("only {share} of the probability the constraint allows at the first token is on the answers' own "
                  "first tokens; the rest spells them otherwise (e.g. one letter at a time), so a constrained "
                  "generation may pick a different answer than the most probable one here")


def first_step_mass(tokenizer: Any, constraint: Any, first_logprobs: Any, canonical_first: set[int]) -> dict[str, Any]:
    """How much next-token probability the grammar allows at the answer's first token
    (``allowed``) and how much of it is on the answers' canonical first tokens
    (``canonical``): where ``canonical / allowed`` is small, the constrained generation
    mostly spells an answer with other tokens, which this scoring does not count."""
    import numpy as np

    from backends.guide import Guide

    guide = Guide(tokenizer, constraint, "answer scoring")
    if list(guide.matcher.compute_ff_tokens()):  # every answer starts the same: a forced prefix
        return {}
    allowed = guide.allowed()
    lp = np.asarray(first_logprobs, dtype=np.float64)
    n = min(len(allowed), len(lp))
    allowed_mass = float(np.exp(lp[:n][allowed[:n]]).sum())
    canonical = float(sum(np.exp(lp[t]) for t in canonical_first if t < len(lp)))
    share = canonical / allowed_mass if allowed_mass > 0 else 1.0
    out: dict[str, Any] = {"first_token_mass": {"canonical": canonical, "allowed": allowed_mass,
                                                "share": min(1.0, share)}}
    if share < 0.5:
        out["note"] = SPELLING_NOTE.format(share=f"{share:.0%}")
    return out


def finite_answers(constraint: Any, limit: int = MAX_OPTIONS) -> tuple[str, ...] | None:
    """The complete outputs ``constraint`` allows, when they are a short list: a choice's
    options, or a regex that is an alternation of literals (``yes|no``, ``(?:A|B|C)``,
    ``[1-5]``). None for anything else (or more than ``limit``)."""
    if constraint is None:
        return None
    kind = getattr(constraint, "kind", None)
    if kind == "choice":
        opts = tuple(constraint.choices)
        return opts if 0 < len(opts) <= limit else None
    if kind == "regex" and constraint.pattern:
        return _literal_alternation(constraint.pattern, limit)
    return None


def _literal_alternation(pattern: str, limit: int) -> tuple[str, ...] | None:
    p = pattern
    if p.startswith("^"):
        p = p[1:]
    if p.endswith("$") and not p.endswith("\\$"):
        p = p[:-1]
    if p.startswith("[") and p.endswith("]") and p.count("[") == 1 and p.count("]") == 1:  # [1-5], [abc]
        return _char_class(p[1:-1], limit)
    for opener in ("(?:", "("):
        if p.startswith(opener) and p.endswith(")") and _balanced(p[len(opener):-1]):
            p = p[len(opener):-1]
            break
    branches = p.split("|")
    out: list[str] = []
    for b in branches:
        lit = _literal(b)
        if lit is None or lit == "":
            return None
        out.append(lit)
    if len(out) < 2 or len(set(out)) != len(out) or len(out) > limit:
        return None
    return tuple(out)


def _balanced(s: str) -> bool:
    return "(" not in s and ")" not in s


def _literal(s: str) -> str | None:
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            if i + 1 >= len(s) or s[i + 1].isalnum():  # \d, \w, \1 ... are not literals
                return None
            out.append(s[i + 1])
            i += 2
            continue
        if c in ".^$*+?{}[]()|":
            return None
        out.append(c)
        i += 1
    return "".join(out)


def _char_class(body: str, limit: int) -> tuple[str, ...] | None:
    if body.startswith("^") or "\\" in body:
        return None
    chars: list[str] = []
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            lo, hi = ord(body[i]), ord(body[i + 2])
            if hi < lo or hi - lo + 1 > limit:
                return None
            chars.extend(chr(c) for c in range(lo, hi + 1))
            i += 3
        else:
            chars.append(body[i])
            i += 1
    uniq = tuple(dict.fromkeys(chars))
    return uniq if 0 < len(uniq) <= limit else None


def score_answers(backend: Any, request: Any, answers: Sequence[str], cancel: Any = None) -> AnswerScores:
    """Score ``answers`` after ``request``'s prompt on ``backend``, or say why it cannot."""
    answers = check_answers(answers)
    if not backend.supports_answer_scoring:
        raise InvalidParamsError(NOT_SUPPORTED.format(name=backend.name))
    return backend.score_answers(request, answers, cancel)


__all__ = [
    "MAX_ANSWER_TOKENS", "MAX_OPTIONS", "AnswerScore", "AnswerScores", "answer_tokens", "build_scores",
    "check_answers", "check_token_budget", "finite_answers", "first_step_mass", "normalise", "score_answers",
]
