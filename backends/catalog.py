"""The backends a run can name, and what each can do: one entry per backend.

A run asks for a backend by name with one :class:`LoadSettings` (whatever the backend);
:func:`open_backend` finds the entry and calls its ``open`` function, imported only then,
so choosing llama.cpp never imports torch and listing runs imports neither. Adding a
backend is one module with an ``open_backend(settings, registry, pool)`` function and one
line in :data:`BACKENDS`.
"""

from __future__ import annotations

from common.i18n import _

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from common.errors import InvalidParamsError

if TYPE_CHECKING:
    from backends.pool import BackendPool
    from backends.registry import ModelEntry, Registry


@dataclass(frozen=True)
class LoadSettings:
    """What a run asks a backend to load, for every backend alike.

    ``model``: a registry name or a .gguf path (llama.cpp, transformers), a Hugging Face
    folder (transformers), or the model name a server lists (openai); None is the
    default model. ``n_ctx`` None: the backend's default (4096 for llama.cpp, the
    model's own for transformers, what the server reports). Knobs a backend has no use
    for are ignored by it (a server decides its own threads and GPU layers).
    """

    model: str | None = None
    n_ctx: int | None = None
    n_threads: int | None = None
    n_batch: int | None = None
    gpu_layers: int = 0
    base_url: str | None = None
    api_key_env: str | None = None  # the NAME of the variable holding the key, never the key
    flash_attn: bool = False  # llama.cpp: flash attention (faster decode on CPU, other logits, so other text)

    def spec_fields(self) -> dict[str, Any]:
        """The load knobs a window sets on a RunSpec (it chooses the model itself)."""
        return {"n_ctx": self.n_ctx, "n_threads": self.n_threads, "gpu_layers": self.gpu_layers,
                "flash_attn": self.flash_attn}


@dataclass(frozen=True)
class BackendKind:
    name: str
    summary: str
    module: str  # holds open_backend(settings, registry, pool) -> (ModelEntry, backend)
    in_process: bool  # generates here, one request at a time; else a server that takes several at once
    needs_base_url: bool = False
    constraints: bool = True  # choice/regex/JSON schema/grammar (a server may check some only afterwards)
    tools: bool = True  # tool definitions and documents reach the chat template
    answer_scoring: bool = True  # the exact probability of each of a finite set of answers (answer_scoring.py)
    prefix_tokens: bool = False  # takes given output tokens (GenerationRequest.prefix_tokens): branching

    def open(self, settings: LoadSettings, registry: Registry, pool: BackendPool) -> tuple[ModelEntry, Any]:
        return importlib.import_module(self.module).open_backend(settings, registry, pool)


BACKENDS: dict[str, BackendKind] = {
    k.name: k for k in (
        BackendKind("llama.cpp", "GGUF models in this process, with our own token loop", "backends.llama_cpp",
                    in_process=True, prefix_tokens=True),
        BackendKind("transformers", "transformers + torch, from a Hugging Face folder or a dequantized GGUF",
                    "backends.transformers_hf", in_process=True),
        BackendKind("openai", "any OpenAI-compatible server (llama-server, vLLM, ...)", "backends.openai_http",
                    in_process=False, needs_base_url=True, answer_scoring=False),
    )
}


def backend_kind(name: str) -> BackendKind:
    kind = BACKENDS.get(name)
    if kind is None:
        raise InvalidParamsError(_('unknown backend {name!r}; known: {BACKENDS}').format(name=name, BACKENDS=', '.join(BACKENDS)))
    return kind


def open_backend(name: str, settings: LoadSettings, registry: Registry, pool: BackendPool) -> tuple[ModelEntry, Any]:
    """The model entry and the loaded (or pooled) backend for ``settings``."""
    kind = backend_kind(name)
    if kind.needs_base_url and not settings.base_url:
        raise InvalidParamsError(_('the {name} backend needs a server base URL (--base-url)').format(name=name))
    return kind.open(settings, registry, pool)
