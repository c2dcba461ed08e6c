"""The one backend interface every model runtime speaks.

A backend turns a :class:`GenerationRequest` into a stream of :class:`TokenEvent`
followed by exactly one :class:`GenerationResult`. Timings are measured the same way
for every backend (see :class:`Timings`) so runs compare fairly across runtimes.
Cancellation comes from another thread through a :class:`CancelToken`; a backend
checks it between tokens, so a cancel stops generation within one token.
"""

from __future__ import annotations

from common.i18n import _

import math
import operator
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from backends.logprobs import TokenTrace, check_top_k
from common.errors import BackendError, InvalidParamsError

FinishReason = Literal["stop", "length", "cancelled", "error"]
Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class SamplingParams:
    """Every sampling knob, with the seed. Defaults follow llama.cpp's own."""

    temperature: float = 0.8
    top_p: float = 0.95
    top_k: int = 40
    min_p: float = 0.05
    repeat_penalty: float = 1.1
    max_tokens: int = 256
    stop: tuple[str, ...] = ()
    seed: int | None = None
    # factual-nucleus sampling (Lee et al. 2022): top-p decays within a sentence,
    # p_t = max(factual_omega, top_p * factual_lambda**(t-1)), reset after . ! ? 。！？ or a newline
    factual_nucleus: bool = False
    factual_lambda: float = 0.9
    factual_omega: float = 0.3

    def __post_init__(self) -> None:
        object.__setattr__(self, "stop", tuple(s for s in self.stop if s))
        self.validate()

    def validate(self) -> None:
        if not _finite(self.temperature) or self.temperature < 0:
            raise InvalidParamsError(_('temperature must be >= 0, got {temperature}').format(temperature=self.temperature))
        if not _finite(self.top_p) or not 0 < self.top_p <= 1:
            raise InvalidParamsError(_('top_p must be in (0, 1], got {top_p}').format(top_p=self.top_p))
        if self.top_k < 0:
            raise InvalidParamsError(_('top_k must be >= 0 (0 disables it), got {top_k}').format(top_k=self.top_k))
        if not _finite(self.min_p) or not 0 <= self.min_p <= 1:
            raise InvalidParamsError(_('min_p must be in [0, 1], got {min_p}').format(min_p=self.min_p))
        if not _finite(self.repeat_penalty) or self.repeat_penalty <= 0:
            raise InvalidParamsError(_('repeat_penalty must be > 0, got {repeat_penalty}').format(repeat_penalty=self.repeat_penalty))
        if self.max_tokens <= 0:
            raise InvalidParamsError(_('max_tokens must be > 0, got {max_tokens}').format(max_tokens=self.max_tokens))
        if self.seed is not None and not 0 <= self.seed < 2**32:
            raise InvalidParamsError(_('seed must be in [0, 2**32), got {seed}').format(seed=self.seed))
        if not isinstance(self.factual_nucleus, bool):
            raise InvalidParamsError(f"factual_nucleus must be true or false, got {self.factual_nucleus!r}")
        if not _finite(self.factual_lambda) or not 0 < self.factual_lambda <= 1:
            raise InvalidParamsError(f"factual_lambda (the top-p decay) must be in (0, 1], got {self.factual_lambda}")
        if not _finite(self.factual_omega) or not 0 < self.factual_omega <= 1:
            raise InvalidParamsError(f"factual_omega (the lowest top-p) must be in (0, 1], got {self.factual_omega}")
        if self.factual_nucleus and self.factual_omega > self.top_p:
            raise InvalidParamsError(_("factual nucleus sampling lowers top-p within a sentence down to "
                                       "{omega} (factual_omega), so top-p must be at least that; it is {top_p}").format(
                omega=self.factual_omega, top_p=self.top_p))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["stop"] = list(self.stop)
        if not self.factual_nucleus:  # runs without it record the same params as before it existed
            for name in ("factual_nucleus", "factual_lambda", "factual_omega"):
                del d[name]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SamplingParams:
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        if "stop" in known:
            known["stop"] = tuple(known["stop"] or ())
        return cls(**known)


def _token_ids(values: Any) -> tuple[int, ...]:
    try:
        values = tuple(values)
        ids = tuple(operator.index(t) for t in values if not isinstance(t, bool))
    except TypeError:
        ids = ()
    if len(ids) != len(values) or any(t < 0 for t in ids):
        raise InvalidParamsError("prefix tokens must be token ids (whole numbers >= 0)")
    return ids


def _finite(x: float) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x)


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


@runtime_checkable
class ConstraintLike(Protocol):
    """What a backend needs of an output constraint (guards.constrain.Constraint).

    ``to_ll_grammar()`` is the llguidance grammar a local backend enforces token by
    token; ``to_dict()`` is the plain value a remote backend maps to what its server
    offers (``kind`` choice / regex / json_schema / grammar).
    """

    kind: str

    def to_ll_grammar(self) -> str: ...

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class GenerationRequest:
    """What to generate from: raw ``prompt`` text (completion) or chat ``messages``.

    ``tools`` (JSON-schema function definitions) and ``documents`` (mappings such as
    ``{"title", "text"}``) reach the model's chat template as transformers passes them.
    """

    prompt: str | None = None
    messages: tuple[Message, ...] | None = None
    params: SamplingParams = field(default_factory=SamplingParams)
    constraint: ConstraintLike | None = None
    tools: tuple[dict[str, Any], ...] | None = None
    documents: tuple[dict[str, Any], ...] | None = None
    logprobs: int = 0  # record each token's probability and this many alternatives (0: off)
    # assistant-side token ids that follow the rendered prompt and count as output already
    # generated (a branch from a token: the kept tokens and the replacement); llama.cpp only
    prefix_tokens: tuple[int, ...] = ()
    # with logprobs: the given tokens from this index on are recorded too, each with the
    # model's own probabilities where it stands (a branch's replacement); None: not recorded
    record_given_from: int | None = None

    def __post_init__(self) -> None:
        if self.logprobs:
            check_top_k(self.logprobs)
        if self.prefix_tokens:
            object.__setattr__(self, "prefix_tokens", _token_ids(self.prefix_tokens))
        at = self.record_given_from
        if at is not None and (isinstance(at, bool) or not isinstance(at, int) or not 0 <= at <= len(self.prefix_tokens)):
            raise InvalidParamsError(_("the given tokens to record start at {at!r}, outside 0 to {n}").format(
                at=at, n=len(self.prefix_tokens)))
        if (self.prompt is None) == (self.messages is None):
            raise InvalidParamsError(_('give either a prompt or chat messages, not both or neither'))
        if self.messages is not None:
            object.__setattr__(self, "messages", tuple(self.messages))
            if not self.messages:
                raise InvalidParamsError(_('a chat request needs at least one message'))
        elif self.tools or self.documents:
            raise InvalidParamsError(_('tools and documents need chat mode (a model with a chat template)'))
        for name in ("tools", "documents"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, tuple(getattr(self, name)))

    @property
    def mode(self) -> Literal["chat", "completion"]:
        return "chat" if self.messages is not None else "completion"


@dataclass
class Timings:
    """Measured identically for every backend, on our side of the call.

    - ``load_ms``: model load time that this run paid for (0 when already loaded).
    - ``ttft_ms``: from the start of the request to the first token's text.
    - ``prompt_tokens``/``prompt_ms``: prompt evaluation (prefill); ``cached_tokens`` of
      the prompt were reused from the KV cache and not evaluated again.
    - ``completion_tokens``/``gen_ms``: decode, from the first token to the last.
    """

    load_ms: float = 0.0
    ttft_ms: float | None = None
    prompt_tokens: int = 0
    cached_tokens: int = 0
    prompt_ms: float = 0.0
    completion_tokens: int = 0
    gen_ms: float = 0.0
    total_ms: float = 0.0

    @property
    def prefill_tps(self) -> float | None:
        evaluated = self.prompt_tokens - self.cached_tokens
        if self.prompt_ms <= 0 or evaluated <= 0:
            return None
        return evaluated / (self.prompt_ms / 1000)

    @property
    def decode_tps(self) -> float | None:
        # the first token comes out of prefill; decode speed counts the ones after it
        if self.gen_ms <= 0 or self.completion_tokens <= 1:
            return None
        return (self.completion_tokens - 1) / (self.gen_ms / 1000)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["prefill_tps"] = self.prefill_tps
        d["decode_tps"] = self.decode_tps
        return d


@dataclass(frozen=True)
class TokenEvent:
    """Text of one or more tokens as it arrives (may be empty for partial UTF-8)."""

    text: str


@dataclass
class GenerationResult:
    """The final event of every stream."""

    text: str
    finish_reason: FinishReason
    timings: Timings
    sent_text: str  # exactly what the model received, after any chat template
    chat_format: str | None = None  # which template rendered messages, if any
    error: str | None = None
    gpu_layers_effective: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    tokens: TokenTrace | None = None  # token probabilities, when the request asked for them


Event = TokenEvent | GenerationResult


class CancelToken:
    """Thread-safe cancel flag, checked by backends between tokens."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@runtime_checkable
class Backend(Protocol):
    """A model runtime. ``stream`` yields TokenEvents then one GenerationResult."""

    name: str
    can_stream: bool
    supports_constraints: bool
    supports_tools: bool  # tools and documents reach the model's chat template
    supports_answer_scoring: bool  # score_answers(request, answers, cancel): backends/answer_scoring.py
    notices: list[str]  # things the person should know about this backend (said once per run)

    @property
    def location(self) -> str: ...  # the model file or folder, or the server's URL

    def reset_cache(self) -> None: ...  # forget any reused prompt prefix

    def stream(self, request: GenerationRequest, cancel: CancelToken | None = None) -> Iterator[Event]: ...

    def count_tokens(self, text: str) -> int: ...

    def render(self, request: GenerationRequest) -> str: ...


def complete(backend: Backend, request: GenerationRequest, cancel: CancelToken | None = None) -> GenerationResult:
    """Join a stream and return its final result."""
    result: GenerationResult | None = None
    for event in backend.stream(request, cancel):
        if isinstance(event, GenerationResult):
            result = event
    if result is None:  # a backend that breaks the contract
        raise BackendError(_('backend {name} ended its stream without a result').format(name=backend.name))
    return result
