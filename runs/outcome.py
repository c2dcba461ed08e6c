"""What a run ends with: its id, status, output and results, as the pipeline yields it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backends.base import GenerationResult


@dataclass
class RunOutcome:
    run_id: str
    status: str  # ok | error | cancelled | blocked
    output: str
    result: GenerationResult | None = None
    error: str | None = None
    notices: list[str] = field(default_factory=list)
    saved: bool = True  # False when the store could not record the end of the run
    save_error: str | None = None
    checks: list[dict[str, Any]] = field(default_factory=list)  # guard results on the output (or input)
    reask: list[Any] = field(default_factory=list)  # output failures that ask for another attempt
    tool_calls: list[dict[str, Any]] = field(default_factory=list)  # parsed from the output when tools were given
    answer_probs: dict[str, Any] | None = None  # a choice constraint's answers scored (runs/answer_probs.py)
    _unsaved: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def timings(self) -> Any:
        return self.result.timings if self.result else None
