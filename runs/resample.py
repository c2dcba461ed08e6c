"""Extra answers to a run's own request, as child runs: what ``selfcheckgpt`` samples from.

The pipeline lends one :class:`ChildSamples` to the output checks of each run. A sample
is the run's spec again (the text actually sent, after any input redaction) with the
sample's seed and temperature, no guard policy (a sample is not checked, re-asked or
sampled in turn), ``parent_id`` the checked run and stage ``selfcheckgpt-sample-i``. It
goes through the one run path, so it is recorded like any run; a failure in one sample
(a backend error, a prompt over the context, a cancel) comes back as that sample's error.
The same sample asked twice (two ``selfcheckgpt`` rules) is drawn once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from backends.base import CancelToken
from common.errors import WorkbenchError
from guards.consistency import Sample
from runs.spec import RunSpec

if TYPE_CHECKING:
    from runs.pipeline import Pipeline


class ChildSamples:
    def __init__(self, pipeline: Pipeline, spec: RunSpec, run_id: str, seed: int | None, cancel: CancelToken):
        self.pipeline = pipeline
        self.spec = spec
        self.run_id = run_id
        self.seed = seed
        self.cancel = cancel
        self.reports: list[dict[str, Any]] = []
        self._drawn: dict[tuple[int, int | None, float], Sample] = {}

    def sample(self, index: int, seed: int | None, temperature: float) -> Sample:
        key = (index, seed, temperature)
        if key not in self._drawn:
            self._drawn[key] = self._draw(index, seed, temperature)
        return self._drawn[key]

    def note(self, report: dict[str, Any]) -> None:
        self.reports.append(report)

    def _draw(self, index: int, seed: int | None, temperature: float) -> Sample:
        if self.cancel.cancelled:
            return Sample(index, "", seed, None, "cancelled before it started")
        child = replace(self.spec, parent_id=self.run_id, stage=f"selfcheckgpt-sample-{index}", policy=None,
                        params=replace(self.spec.params, seed=seed, temperature=temperature))
        try:
            outcome = self.pipeline.run(child, self.cancel)
        except WorkbenchError as exc:  # found before generating (context, model): nothing was recorded
            return Sample(index, "", seed, None, str(exc))
        drawn_seed = outcome.result.extra.get("seed", seed) if outcome.result else seed
        if outcome.status != "ok":
            return Sample(index, outcome.output, drawn_seed, outcome.run_id, outcome.error or outcome.status)
        return Sample(index, outcome.output, drawn_seed, outcome.run_id)
