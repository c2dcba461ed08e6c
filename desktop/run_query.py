"""History queries for the view: one page of runs, and the check names for the filter.

Checks filter values: ``"has"`` (any check ran), ``"fail"`` (any check failed),
``"fail:<name>"`` (that check failed); the store does the work (``Store.list_runs``).
"""

from __future__ import annotations

from typing import Any


def check_names(store: Any) -> list[str]:
    """Names of the checks recorded in the log, for the filter's choices."""
    return store.check_names()


COLUMNS = ("id", "started_utc", "status", "model_name", "mode", "pattern", "finish_reason", "completion_tokens",
           "decode_tps", "ttft_ms", "starred", "tags", "parent_id", "experiment_id", "template_id", "stage")


def run_source(row: dict[str, Any]) -> str:
    """Where a run came from: "experiment" (a cell), "branch" (a branch from a token),
    "template" (a Library run) or "chat"."""
    if row.get("experiment_id"):
        return "experiment"
    if row.get("stage") == "branch":
        return "branch"
    if row.get("template_id"):
        return "template"
    return "chat"


def list_runs(store: Any, *, checks: str | None = None, search: str | None = None, model: str | None = None,
              status: str | None = None, since_utc: str | None = None, starred: bool | None = None,
              before_id: str | None = None, limit: int = 50, source: str | None = None) -> list[dict[str, Any]]:
    """One page of runs, newest first (``source``: chat, template, experiment or branch)."""
    return store.list_runs(checks=checks, search=search, model=model, status=status, since_utc=since_utc,
                           starred=starred, before_id=before_id, limit=limit, run_source=source, columns=COLUMNS)
