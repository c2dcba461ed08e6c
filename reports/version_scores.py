"""One template version's score history: its pass rate in each experiment that used it,
with the Wilson interval of ``reports.statistics.pass_rate_interval`` (repeats handled by
the design effect there). The verdicts are the grid's: assertions and a person's labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from common.i18n import _
from reports.grid import load_grid
from reports.statistics import Estimate, pass_rate_interval
from reports.stats_settings import DEFAULT, Settings


@dataclass
class VersionScore:
    experiment_id: str
    experiment_name: str
    created_utc: str
    runs: int  # top-level runs made with the version
    judged: int  # of them, runs with a verdict
    estimate: Estimate | None  # None: no run with a verdict


def version_scores(store: Any, template_id: str, settings: Settings = DEFAULT) -> list[VersionScore]:
    """Oldest experiment first."""
    out = []
    for exp in store.template_experiments(template_id):
        grid = load_grid(store, [exp["id"]])
        cells: dict[int, list[bool]] = {}
        runs = 0
        for row in grid.rows:
            for col in grid.columns:
                if col.template_id != template_id:
                    continue
                for cell in row.cells.get(col.key, []):
                    runs += 1
                    if cell.passed is not None and cell.status == "ok":
                        cells.setdefault(row.index, []).append(cell.passed)
        judged = sum(len(v) for v in cells.values())
        estimate = pass_rate_interval(cells, settings) if judged else None
        out.append(VersionScore(exp["id"], exp.get("name") or "", exp.get("created_utc") or "", runs or exp["runs"],
                                judged, estimate))
    return out


def score_text(s: VersionScore) -> str:
    """``72% (55% to 84%) · 30 runs`` or why there is no figure."""
    e = s.estimate
    if e is None or e.estimate is None:
        return _("no verdicts · {runs} runs").format(runs=s.runs)
    text = f"{e.estimate:.0%}"
    if e.has_interval:
        text += f" ({e.low:.0%}-{e.high:.0%})"
    return _("{rate} · {judged} judged of {runs} runs").format(rate=text, judged=s.judged, runs=s.runs)


__all__ = ["VersionScore", "score_text", "version_scores"]
