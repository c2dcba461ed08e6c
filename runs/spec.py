"""RunSpec: a plain, serializable description of one run.

Everything needed to do a run again is here; the store keeps it (``spec_json``) next
to the run's results, with the effective seed filled in, so a re-run reproduces it.
"""

from __future__ import annotations

from common.i18n import _

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from backends.catalog import LoadSettings, backend_kind
from backends.base import Message, SamplingParams
from backends.logprobs import check_top_k
from common.errors import InvalidParamsError
from guards.tool_calls import normalize_documents, normalize_tools

Mode = Literal["auto", "chat", "completion"]


@dataclass(frozen=True)
class RunSpec:
    prompt: str | None = None  # the user's text (chat) or raw text (completion)
    messages: tuple[Message, ...] | None = None  # a whole conversation, instead of prompt
    system: str | None = None
    model: str | None = None  # a registry name or a path; None = the default model
    mode: Mode = "auto"  # auto: chat if the model has a chat template
    params: SamplingParams = field(default_factory=SamplingParams)
    backend: str = "llama.cpp"  # llama.cpp | openai | transformers
    base_url: str | None = None  # backend "openai": the server, e.g. http://127.0.0.1:8080
    api_key_env: str | None = None  # the name of the environment variable holding its key (never the key)
    n_ctx: int = 4096
    n_threads: int | None = None
    n_batch: int = 512
    gpu_layers: int = 0
    flash_attn: bool = False  # llama.cpp only (False for the others); recorded, so a rerun loads the model the same way
    # filled by the prompt library / batch runner / multi-stage patterns
    template_id: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)
    pattern: str | None = None
    parent_id: str | None = None
    experiment_id: str | None = None
    cell_key: str | None = None
    stage: str | None = None
    tags: tuple[str, ...] = ()
    constraint: dict[str, Any] | None = None  # guards.constrain.Constraint.to_dict()
    policy: dict[str, Any] | None = None  # guards.policy.Policy spec: input/output checks and actions
    answer_probs: bool = True  # score a choice constraint's answers after the run (runs/answer_probs.py)
    # chat only: JSON-schema function definitions and documents for the model's chat template
    tools: tuple[dict[str, Any], ...] | None = None
    documents: tuple[dict[str, Any], ...] | None = None
    logprobs: int = 0  # record each token's probability and this many alternatives (0: off)
    # a branch from a token (runs/branch.py): the output tokens given before generating, and
    # where they came from ({"parent_id", "at", "original", "replacement"})
    prefix_tokens: tuple[int, ...] = ()
    branch: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.logprobs:
            check_top_k(self.logprobs)
        object.__setattr__(self, "prefix_tokens", tuple(self.prefix_tokens or ()))
        if self.messages is not None:
            object.__setattr__(self, "messages", tuple(self.messages))
        if self.prompt is None and not self.messages:
            raise InvalidParamsError(_('nothing to run: give a prompt or messages'))
        if self.prompt is not None and not self.prompt.strip() and not self.messages:
            raise InvalidParamsError(_('the prompt is empty'))
        if self.mode not in ("auto", "chat", "completion"):
            raise InvalidParamsError(_('mode must be auto, chat or completion, got {mode!r}').format(mode=self.mode))
        if backend_kind(self.backend).needs_base_url and not self.base_url:
            raise InvalidParamsError(_('the {backend} backend needs a server base URL (--base-url)').format(backend=self.backend))
        if self.flash_attn and self.backend != "llama.cpp":
            object.__setattr__(self, "flash_attn", False)  # a setting only llama.cpp has: not recorded for others
        if self.n_ctx < 0:
            raise InvalidParamsError(_('n_ctx must be >= 0, got {n_ctx}').format(n_ctx=self.n_ctx))
        object.__setattr__(self, "tools", normalize_tools(self.tools))  # GuardError for a bad definition
        object.__setattr__(self, "documents", normalize_documents(self.documents))
        if (self.tools or self.documents) and self.mode == "completion":
            raise InvalidParamsError(_("tools and documents need chat mode; they go to the model's chat template"))

    def chat_messages(self) -> tuple[Message, ...]:
        """The conversation this spec sends in chat mode."""
        if self.messages is not None:
            msgs = list(self.messages)
            if self.system and not (msgs and msgs[0].role == "system"):
                msgs.insert(0, Message("system", self.system))
            if self.prompt:
                msgs.append(Message("user", self.prompt))
            return tuple(msgs)
        out = []
        if self.system:
            out.append(Message("system", self.system))
        out.append(Message("user", self.prompt or ""))
        return tuple(out)

    def load_settings(self) -> LoadSettings:
        """What this run asks its backend to load."""
        return LoadSettings(model=self.model, n_ctx=self.n_ctx, n_threads=self.n_threads, n_batch=self.n_batch,
                            gpu_layers=self.gpu_layers, base_url=self.base_url, api_key_env=self.api_key_env,
                            flash_attn=self.flash_attn)

    def with_seed(self, seed: int) -> RunSpec:
        return replace(self, params=replace(self.params, seed=seed))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["params"] = self.params.to_dict()
        d["messages"] = [asdict(m) for m in self.messages] if self.messages is not None else None
        d["tags"] = list(self.tags)
        d["tools"] = list(self.tools) if self.tools is not None else None
        d["documents"] = list(self.documents) if self.documents is not None else None
        if not self.logprobs:  # specs without it stay as they were recorded before it existed
            del d["logprobs"]
        if not self.flash_attn:  # likewise: runs recorded before it existed had it off
            del d["flash_attn"]
        if self.prefix_tokens:
            d["prefix_tokens"] = list(self.prefix_tokens)
        else:  # likewise for runs that are not branches
            del d["prefix_tokens"], d["branch"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RunSpec:
        d = dict(d)
        d["params"] = SamplingParams.from_dict(d.get("params") or {})
        if d.get("messages") is not None:
            d["messages"] = tuple(Message(m["role"], m["content"]) for m in d["messages"])
        d["tags"] = tuple(d.get("tags") or ())
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        return cls(**known)
