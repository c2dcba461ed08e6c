"""History queries for the view: one page of runs, and the check names for the filter.

Checks filter values: ``"has"`` (any check ran), ``"fail"`` (any check failed),
``"fail:<name>"`` (that check failed); the store does the work (``Store.list_runs``).
"""

from __future__ import annotations

from typing import Any


def check_names(store: Any) -> list[str]:
    """Names of the checks recorded in the log, for the filter's choices."""
    return store.check_names()


def list_runs(store: Any, *, checks: str | None = None, search: str | None = None, model: str | None = None,
              status: str | None = None, since_utc: str | None = None, starred: bool | None = None,
              before_id: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """One page of runs, newest first."""
    return store.list_runs(checks=checks, search=search, model=model, status=status, since_utc=since_utc,
                           starred=starred, before_id=before_id, limit=limit)
