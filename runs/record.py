"""The one row builder: what the run log records when a run starts.

Plain runs, re-ask parents, pattern parents and experiment cells that failed before
they ran all start from here, so every row carries the same provenance (experiment,
cell, template, variables, parameters, the spec to re-run it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runs.spec import RunSpec

if TYPE_CHECKING:
    from runs.pipeline import Prepared


def run_row(spec: RunSpec, prep: Prepared | None = None, *, stage: str | None = None, **fields: Any) -> dict[str, Any]:
    """The row for a run of ``spec``; ``prep`` adds what resolving the model found
    (backend, model, what is sent); ``stage`` overrides the spec's; ``fields`` last."""
    row: dict[str, Any] = {
        "parent_id": spec.parent_id,
        "experiment_id": spec.experiment_id,
        "cell_key": spec.cell_key,
        "stage": stage if stage is not None else spec.stage,
        "template_id": spec.template_id,
        "variables_json": spec.variables,
        "pattern": spec.pattern,
        "backend": spec.backend,
        "model_name": spec.model,
        "params_json": spec.params.to_dict(),
        "seed": spec.params.seed,
        "n_ctx": spec.n_ctx,
        "gpu_layers_requested": spec.gpu_layers,
        "spec_json": spec.to_dict(),
        "tags": ",".join(spec.tags),
        "constraint_json": spec.constraint,
    }
    if prep is not None:
        backend, entry, messages = prep.backend, prep.entry, prep.request.messages
        row.update({
            "backend": backend.name,
            "model_path": backend.location,
            "model_name": entry.name,
            "mode": prep.request.mode,
            "chat_format": backend.chat_format if messages is not None else None,
            "n_ctx": prep.n_ctx,
            "n_threads": backend.params.n_threads,
            "n_batch": backend.params.n_batch,
            "gpu_layers_effective": backend.gpu_layers_effective,
            "messages_json": [{"role": m.role, "content": m.content} for m in messages] if messages else None,
            "sent_text": prep.sent_text,
            "prompt_tokens": prep.prompt_tokens,
        })
    row.update(fields)
    return row
