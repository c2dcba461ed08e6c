"""The token record of a branch: the parent's steps before the branch point, the
replacement, then what the branch itself sampled.

The kept tokens are not evaluated again when the KV cache holds them, so their numbers
come from the parent's record. They are the same numbers: the branch computes those
positions exactly as the parent did (backends/llama_cpp.py, ``_reusable_prefix``).

The replacement is recorded by the branch's backend (``recorded_from`` in the branch
point, an index into the given tokens): every typed token with the model's own
probability where it stands, and its entropy and alternatives. Its first token's numbers
are already in the parent's record when it was the parent's token or one of the
alternatives there (``recorded_from`` is then one past the branch point); otherwise the
backend evaluates the token before the branch point again to know them. Branches made
before ``recorded_from`` existed have only the first token's numbers, from the parent's
distribution (an upper bound when it was not among the alternatives). Replacement steps
are marked ``forced``: given, not sampled.
"""

from __future__ import annotations

from typing import Any

from backends.logprobs import TokenStep, TokenTrace
from common.i18n import _


def replacement_steps(at_step: TokenStep, ids: list[int], texts: list[str]) -> tuple[list[TokenStep], str | None]:
    """The steps of the replacement tokens, and a note when a probability is not known."""
    first = ids[0]
    if first == at_step.token_id:
        lp, note = at_step.logprob, None
    else:
        alt = next((a for a in at_step.top if a.token_id == first), None)
        if alt is not None:
            lp, note = alt.logprob, None
        elif at_step.top:
            lp = min(a.logprob for a in at_step.top)
            note = _("the replacement was not among the {k} alternatives: its probability is at most the "
                     "last one's").format(k=len(at_step.top))
        else:
            lp, note = at_step.logprob, _("the replacement's probability is not known")
    steps = [TokenStep(first, texts[0], lp, at_step.entropy, at_step.top, forced=True, blocked=at_step.blocked)]
    for tid, text in zip(ids[1:], texts[1:], strict=True):
        steps.append(TokenStep(tid, text, 0.0, 0.0, (), forced=True))
    if len(ids) > 1:
        more = _("the {n} typed tokens after the first have no known probabilities (shown as 1)").format(n=len(ids) - 1)
        note = f"{note}; {more}" if note else more
    return steps, note


def branch_trace(parent: TokenTrace, branch: dict[str, Any], sampled: TokenTrace) -> TokenTrace:
    """The whole record of a branch run: ``parent``'s steps before ``branch["at"]``, the
    replacement's, then ``sampled`` (what the branch's backend recorded: the replacement's
    tokens from ``recorded_from`` on, then what it sampled)."""
    at = int(branch["at"])
    rep = branch["replacement"]
    ids, texts = list(rep["ids"]), list(rep["texts"])
    recorded_from = branch.get("recorded_from")
    if recorded_from == at:  # the backend recorded the whole replacement
        given, note = [], None
    elif recorded_from == at + 1:  # its first token's numbers are the parent's
        given, note = replacement_steps(parent.steps[at], ids[:1], texts[:1])
    else:  # a branch from before the backend recorded the replacement
        given, note = replacement_steps(parent.steps[at], ids, texts)
    notes = [n for n in (note, sampled.note) if n]
    return TokenTrace(k=sampled.k, steps=[*parent.steps[:at], *given, *sampled.steps], source=sampled.source,
                      temperature=sampled.temperature, note="; ".join(notes) or None,
                      constrained=parent.constrained or sampled.constrained)


def given_trace(store: Any, branch: dict[str, Any], sampled: TokenTrace) -> TokenTrace:
    """``branch_trace`` with the parent's record read from ``store``; ``sampled`` alone,
    with a note, when the parent's record is gone."""
    parent = store.tokens(branch["parent_id"])
    at = int(branch["at"])
    if parent is None or at >= len(parent.steps):
        sampled.note = _("the tokens before the branch point have no record: run {id}'s is gone").format(
            id=branch["parent_id"])
        return sampled
    return branch_trace(parent, branch, sampled)
