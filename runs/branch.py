"""Branch from any token: replace token ``at`` of a logged run and continue generating.

A branch is a child run of the run it branches (``parent_id``, stage ``branch``), so
branches of branches form a tree. Its spec is the parent's (same model file, prompt,
sampling parameters and seed) plus the output tokens it is given
(``RunSpec.prefix_tokens``: the parent's tokens before the branch point, then the
replacement) and the branch point (``RunSpec.branch``: parent, step, original token,
replacement), so a re-run of a branch gives the same bytes.

Branching needs the parent's token ids, so the parent must have a token record (run with
logprobs); re-tokenizing its output text would not always give the ids it sampled, and a
branch point chosen on the wrong tokens would be a quiet error, so a run without one is
refused. The parent's model file must be the same file (its sha256 is checked).

A constrained run branches too: the branch keeps the constraint, its grammar replays the
kept tokens (the spans it forced are evaluated as one batch each, as the parent did, so
the bytes are the same), and a replacement the grammar does not allow at that point is
refused before anything runs, saying what it allows instead when it forces one token.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from backends.base import CancelToken, TokenEvent
from backends.catalog import backend_kind
from backends.logprobs import DEFAULT_TOP_K
from common.errors import InvalidParamsError, WorkbenchError
from common.i18n import _
from runs.outcome import RunOutcome
from runs.spec import RunSpec

STAGE = "branch"


class BranchError(WorkbenchError):
    """A branch cannot be made as asked."""


def plan_branch(pipeline: Any, run_id: str, at: int, *, token: int | None = None, text: str | None = None,
                max_tokens: int | None = None) -> RunSpec:
    """The spec of a branch of ``run_id`` at step ``at``, replacing that token by the token
    id ``token`` or by ``text`` (tokenized as output); ``max_tokens`` new tokens after the
    replacement (default: as many as the parent had left). Nothing runs or is recorded."""
    from runs.pipeline import spec_from_row

    store = pipeline.store
    row = store.get_run(run_id)
    rid = row["id"]
    if (token is None) == (text is None):
        raise BranchError(_("give the replacement as a token id or as text, not both or neither"))
    if text is not None and text == "":
        raise BranchError(_("the replacement text is empty; type at least one character"))
    if token is not None and (isinstance(token, bool) or not isinstance(token, int) or token < 0):
        raise BranchError(_("the replacement token must be a token id (a whole number >= 0), got {t!r}").format(t=token))
    if max_tokens is not None and (isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens <= 0):
        raise BranchError(_("max tokens must be a whole number > 0, got {n!r}").format(n=max_tokens))
    if not backend_kind(row["backend"] or "llama.cpp").prefix_tokens:
        raise BranchError(_("run {id} used the {backend} backend; branching needs the llama.cpp token loop").format(
            id=rid, backend=row["backend"]))
    trace = recorded_trace(store, rid, at)
    check_model_file(pipeline.registry, row)
    spec = spec_from_row(row)
    backend = pipeline.backend_for(spec)[1]
    if token is not None:
        ids = [token]
        backend.check_prefix(ids)
    else:
        ids = backend.tokenize_output(text or "")
        if not ids:
            raise BranchError(_("the replacement text {text!r} is no tokens for this model").format(text=text))
    kept = [s.token_id for s in trace.steps[:at]]
    original = trace.steps[at]
    left = spec.params.max_tokens - at - 1
    new = max_tokens if max_tokens is not None else max(1, left)
    # the backend records the replacement's tokens with their own probabilities; the first
    # one's is already in the parent's record when it was the token or an alternative there
    # (no token more to evaluate), else the token before it is evaluated again to know it
    known = ids[0] == original.token_id or any(a.token_id == ids[0] for a in original.top)
    point = {
        "parent_id": rid, "at": at,
        "original": {"id": original.token_id, "text": original.text, "logprob": original.logprob},
        "replacement": {"ids": ids, "texts": [backend.piece_text(t) for t in ids],
                        "how": "token" if token is not None else "text"},
        "recorded_from": at + 1 if known else at,
    }
    spec = replace(spec, parent_id=rid, stage=STAGE, prefix_tokens=tuple(kept + ids), branch=point, policy=None,
                   logprobs=trace.k or DEFAULT_TOP_K,
                   params=replace(spec.params, max_tokens=len(kept) + len(ids) + new))
    prep = pipeline.prepare(spec)
    if row["sent_text"] is not None and prep.sent_text != row["sent_text"]:
        raise BranchError(_("run {id}'s prompt renders differently now, so its tokens would not line up; "
                            "branch a new run instead").format(id=rid))
    if spec.constraint:  # the grammar replays the kept tokens; the replacement must be one it allows there
        try:
            backend.check_given(prep.request)
        except InvalidParamsError as exc:
            raise BranchError(_("run {id} was constrained, and {why}").format(id=rid, why=exc)) from exc
    total = prep.prompt_tokens + len(spec.prefix_tokens)
    if total >= prep.n_ctx:
        raise BranchError(_("the prompt and the {k} kept tokens are {n} tokens, more than the context of {ctx}").format(
            k=len(spec.prefix_tokens), n=total, ctx=prep.n_ctx))
    return spec


def recorded_trace(store: Any, run_id: str, at: int) -> Any:
    """The run's token record, refusing a run without one or a step out of its range."""
    trace = store.tokens(run_id)
    if trace is None or not trace.steps:
        raise BranchError(_("run {id} has no token record; re-run it with logprobs").format(id=run_id))
    n = len(trace.steps)
    if isinstance(at, bool) or not isinstance(at, int) or not 0 <= at < n:
        raise BranchError(_("step {at} is out of range: run {id} has {n} tokens (steps 0 to {last})").format(
            at=at, id=run_id, n=n, last=n - 1))
    return trace


def alternative_id(store: Any, run_id: str, at: int, n: int) -> int:
    """The token id of step ``at``'s ``n``-th most likely alternative (1: the most likely)."""
    top = recorded_trace(store, store.get_run(run_id)["id"], at).steps[at].top
    if not 1 <= n <= len(top):
        raise BranchError(_("step {at} has {k} alternatives recorded; choose one from 1 to {k}").format(
            at=at, k=len(top)))
    return top[n - 1].token_id


def check_model_file(registry: Any, row: dict[str, Any]) -> None:
    """Refuse when the run's model file is gone or is no longer the file it ran on."""
    path = row.get("model_path")
    if not path or not Path(path).is_file():
        raise BranchError(_("run {id}'s model file {path} is gone; a branch needs the same file").format(
            id=row["id"], path=path))
    recorded = row.get("model_sha256")
    if recorded:
        now = registry.sha256(Path(path))
        if now != recorded:
            raise BranchError(_("run {id}'s model file {path} has changed since (sha256 {now}…, recorded "
                                "{then}…); a branch needs the same file").format(
                id=row["id"], path=path, now=now[:12], then=recorded[:12]))


def branch(pipeline: Any, run_id: str, at: int, *, token: int | None = None, text: str | None = None,
           max_tokens: int | None = None, cancel: CancelToken | None = None) -> Iterator[TokenEvent | RunOutcome]:
    """Plan the branch (refusing before anything runs), then run it: events as
    ``Pipeline.stream`` yields them, the branch's text first (the kept tokens and the
    replacement), then one RunOutcome."""
    spec = plan_branch(pipeline, run_id, at, token=token, text=text, max_tokens=max_tokens)
    return pipeline.stream(spec, cancel)


@dataclass
class BranchNode:
    """One run in a branch tree: the run's row, its branch point (None at the root) and
    its branches, oldest first."""

    row: dict[str, Any]
    point: dict[str, Any] | None
    children: list[BranchNode]

    @property
    def run_id(self) -> str:
        return str(self.row["id"])

    def walk(self, depth: int = 0) -> Iterator[tuple[int, BranchNode]]:
        yield depth, self
        for c in self.children:
            yield from c.walk(depth + 1)

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "status": self.row.get("status"), "output": self.row.get("output"),
                "branch": self.point, "children": [c.to_dict() for c in self.children]}


MAX_TREE = 10_000  # runs in one tree: a bound, not a limit anyone meets


def branch_point(row: dict[str, Any]) -> dict[str, Any] | None:
    """The branch point recorded with a run, or None when it is not a branch."""
    if row.get("stage") != STAGE or not row.get("spec_json"):
        return None
    import json

    try:
        point = json.loads(row["spec_json"]).get("branch")
    except (ValueError, AttributeError):
        return None
    return point if isinstance(point, dict) else None


def branch_tree(store: Any, run_id: str) -> BranchNode:
    """The tree ``run_id`` is in: from its root (the first run up that is not a branch)
    down through every branch."""
    row = store.get_run(run_id)
    seen = {row["id"]}
    while row.get("stage") == STAGE and row.get("parent_id") and row["parent_id"] not in seen:
        row = store.get_run(row["parent_id"])
        seen.add(row["id"])
    count = 0

    def node(r: dict[str, Any]) -> BranchNode:
        nonlocal count
        count += 1
        kids = [c for c in store.children(r["id"]) if c.get("stage") == STAGE] if count < MAX_TREE else []
        return BranchNode(r, branch_point(r), [node(c) for c in kids])

    return node(row)
