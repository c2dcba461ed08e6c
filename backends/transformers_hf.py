"""A causal LM through transformers and torch: a Hugging Face model folder on disk, or
a GGUF file that transformers dequantizes (``from_pretrained(folder, gguf_file=name)``,
which needs the ``gguf`` package; the weights become full-precision torch tensors).

torch and transformers are imported only when this backend is built; without torch,
construction raises BackendError with the install hint. Chat requests are rendered
by the tokenizer's own chat template, the way the model's authors meant (``chat_format``
says so), in our own sandbox (``backends/chat_template.py`` on ``common/sandbox.py``,
with the limits every template gets) and with the context ``apply_chat_template``
gives it: the messages, tools, documents and the tokenizer's special tokens.

Generation is our own token loop over the model's KV cache, as in the llama.cpp
backend: the cancel flag is checked before every token, the sampler follows
llama.cpp's order (repeat penalty over the last 64 generated tokens, then greedy at
temperature 0, else top-k, top-p, min-p, temperature, a draw) and draws from a
``torch.Generator`` seeded per request, so a logged seed reproduces the run on the
same machine without touching torch's global RNG. Timings are measured as for
llama.cpp: ``prompt_ms`` is the prefill forward pass, ``gen_ms`` first to last token.

Constraints are enforced in that same loop, exactly as in the llama.cpp backend and
with the same core (backends/guide.py): the grammar comes from guidance
(``Constraint.to_ll_grammar()``), llguidance's matcher masks the torch logits before
the sampler runs (ids past the tokenizer's vocabulary, which a model's logits may
have, are always forbidden), and tokens the grammar forces are fed through the model
in one forward pass over the KV cache, without sampling. Stop strings are ignored
under a constraint: the grammar decides where output ends. Not
``guidance.models.Transformers``, for the reasons the llama.cpp backend does not use
``guidance.models.LlamaCpp``: its engine keeps its own record of the KV cache,
tokenizes the rendered prompt itself, renders chat templates outside our sandbox and
has no cancel hook between tokens. llguidance's tokenizer is built from the HF
tokenizer once per loaded model (about a second).

Token probabilities (``request.logprobs``) are recorded as in the llama.cpp loop
(backends/token_record.py: logits / T, before the penalty, truncation and the mask),
source ``transformers``. Factual-nucleus sampling gives ``sample`` the decaying top-p of
each step (backends/factual_nucleus.py). Forced tokens take their rows from the same forward pass, which
then keeps every row's logits (``logits_to_keep=0``); the last row's numbers may then
differ from a one-row pass in the last bits (torch picks its matmul kernel by shape).

``memory`` (every result carries it as ``extra["memory"]``): the bytes of parameters
and buffers as loaded, and the growth of resident memory across the load.

Longer than ~400 lines: one class and its token loop (prefill, sampling, constraints, stops,
cancel), which read best together; the shared parts are in backends/streaming.py and guide.py.
"""

from __future__ import annotations

from common.i18n import _

import functools
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from backends.base import CancelToken, Event, GenerationRequest, GenerationResult, SamplingParams, Timings
from backends.chat_template import ChatTemplate, render_request
from backends.factual_nucleus import FactualNucleus
from backends.guide import Guide
from backends.token_record import StepRecorder, noting_allowed
from backends.streaming import LocalBackend, StopEmitter, memory_figures, rss_bytes
from common.errors import (
    BackendError,
    ChatTemplateError,
    ContextOverflowError,
    InvalidParamsError,
    ModelLoadError,
    ModelNotFoundError,
)

TORCH_HINT = "the transformers backend needs torch: pip install torch==2.13.0"
TRANSFORMERS_HINT = "the transformers backend needs transformers: pip install 'transformers>=5.0,<6'"
WEIGHT_PATTERNS = ("*.safetensors", "*.bin", "*.pt", "*.pth")
NO_CUDA_NOTICE = "CUDA was requested, but this torch build sees no CUDA device; the model runs on the CPU."
MECHANISM = _("llguidance (grammar from guidance) in our transformers loop")


def import_torch() -> Any:
    try:
        import torch
    except ImportError as exc:
        raise BackendError(TORCH_HINT) from exc
    return torch


def import_transformers() -> Any:
    try:
        import transformers
    except ImportError as exc:
        raise BackendError(TRANSFORMERS_HINT) from exc
    return transformers


@dataclass(frozen=True)
class HFLoadParams:
    """What a loaded model depends on; a change in any of these means a reload."""

    model_path: str  # a Hugging Face model folder, or a .gguf file
    device: str = "auto"  # auto (CUDA when present) | cpu | cuda
    dtype: str = "auto"  # auto (float32 on CPU, bfloat16 on CUDA) | float32 | bfloat16 | float16
    n_ctx: int | None = None  # None: the model's max_position_embeddings
    n_threads: int | None = None  # None: leave torch's setting alone (it is process-wide)
    n_batch: int | None = None  # unused: the prompt is one forward pass

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class HFInfo:
    """What the pipeline reads as ``backend.info``."""

    name: str
    path: Path
    architecture: str | None = None
    chat_template: str | None = None
    context_length: int | None = None
    block_count: int | None = None
    parameters: int | None = None
    quantization: str | None = None
    file_size: int | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


class TransformersBackend(LocalBackend):
    """One causal LM loaded with transformers in this process. Generation is serialized."""

    name = "transformers"
    can_stream = True
    supports_constraints = True
    supports_tools = True
    supports_answer_scoring = True  # backends/hf_scoring.py

    def __init__(self, params: HFLoadParams):
        self._torch = import_torch()
        import_transformers()
        if params.device not in ("auto", "cpu", "cuda"):
            raise InvalidParamsError(_('device must be auto, cpu or cuda, got {device!r}').format(device=params.device))
        if params.dtype not in ("auto", "float32", "bfloat16", "float16"):
            raise InvalidParamsError(_('dtype must be auto, float32, bfloat16 or float16, got {dtype!r}').format(dtype=params.dtype))
        if params.n_ctx is not None and params.n_ctx <= 0:
            raise InvalidParamsError(_('n_ctx must be > 0, got {n_ctx}').format(n_ctx=params.n_ctx))
        path = Path(params.model_path).expanduser()
        if not path.exists():
            raise ModelNotFoundError(_('no model at {path}').format(path=path))
        self.params = HFLoadParams(**{**params.to_dict(), "model_path": str(path.resolve())})
        self.path = path.resolve()
        self.gguf = self.path.is_file()
        self._gguf_info = _check_gguf(self.path) if self.gguf else None
        if not self.gguf:
            _check_folder(self.path)
        self.notices: list[str] = []
        cuda = self._torch.cuda.is_available()
        if params.device == "cuda" and not cuda:
            self.notices.append(NO_CUDA_NOTICE)
        self.device = "cuda" if params.device in ("auto", "cuda") and cuda else "cpu"
        self.gpu_layers_requested = -1 if params.device == "cuda" else 0
        self.gpu_layers_effective = 0
        self._model: Any = None
        self._tok: Any = None
        self._lltok: Any = None
        self._token_texts: dict[int, str] = {}
        self._chat_template: ChatTemplate | None = None
        self._info: HFInfo | None = None
        self._lock = threading.Lock()
        self._load_ms_unreported = 0.0
        self._memory: dict[str, float] = {}

    # -- loading ----------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> float:
        if self._model is not None:
            return 0.0
        torch = self._torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if self.params.n_threads:
            torch.set_num_threads(self.params.n_threads)
        dtype = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}.get(
            self.params.dtype, torch.bfloat16 if self.device == "cuda" else torch.float32)
        folder, kw = (str(self.path.parent), {"gguf_file": self.path.name}) if self.gguf else (str(self.path), {})
        # transformers draws progress bars on stderr while loading; they would garble the
        # CLI's display (the GGUF dequantizer's own tqdm bar is turned off by main.py)
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        rss0 = rss_bytes()
        t0 = time.perf_counter()
        try:
            tok = AutoTokenizer.from_pretrained(folder, **kw)
            with _one_tensor_name_map():
                model = AutoModelForCausalLM.from_pretrained(folder, dtype=dtype, **kw)
        except (OSError, ValueError, RuntimeError, KeyError, ImportError, NotImplementedError) as exc:
            raise ModelLoadError(_('transformers could not load {name}: {first_line}').format(name=self.path.name, first_line=_first_line(exc))) from exc
        model.to(self.device).eval()
        ms = (time.perf_counter() - t0) * 1000
        weights = sum(t.numel() * t.element_size() for t in (*model.parameters(), *model.buffers()))
        self._memory = memory_figures(weights, rss0)
        self._tok, self._model = tok, model
        cfg = model.config
        layers = getattr(cfg, "num_hidden_layers", None) or getattr(getattr(cfg, "text_config", None), "num_hidden_layers", None)
        self.gpu_layers_effective = (layers or 0) if self.device == "cuda" else 0
        max_pos = getattr(cfg, "max_position_embeddings", None) or getattr(getattr(cfg, "text_config", None), "max_position_embeddings", None)
        if self.params.n_ctx and max_pos and self.params.n_ctx > max_pos:
            raise InvalidParamsError(_('context size {n_ctx} is larger than the {max_pos} tokens {name} supports').format(n_ctx=self.params.n_ctx, max_pos=max_pos, name=self.path.name))
        g = self._gguf_info
        self._info = HFInfo(
            name=g.name if g is not None else self.path.name,
            path=self.path,
            architecture=getattr(cfg, "model_type", None),
            chat_template=getattr(tok, "chat_template", None) or None,
            context_length=self.params.n_ctx or max_pos,
            block_count=layers,
            parameters=sum(p.numel() for p in model.parameters()),
            quantization=(f"{g.quantization} dequantized to {str(dtype).removeprefix('torch.')}" if g is not None
                          else str(dtype).removeprefix("torch.")),
            file_size=g.file_size if g is not None else None,
        )
        self._load_ms_unreported = ms
        return ms

    def close(self) -> None:
        with self._lock:
            self._model = None
            self._tok = None
            self._lltok = None

    @property
    def info(self) -> HFInfo:
        self.load()
        assert self._info is not None
        return self._info

    @property
    def n_ctx(self) -> int:
        return int(self.info.context_length or 2048)

    @property
    def chat_format(self) -> str | None:
        return "hf:tokenizer.chat_template" if self.info.chat_template else None

    @property
    def tokenizer(self) -> Any:
        self.load()
        return self._tok

    def _ll_tokenizer(self) -> Any:
        """llguidance's view of this tokenizer (built once per loaded model: ~1 s for SmolLM2)."""
        if self._lltok is None:
            import llguidance.hf

            try:
                self._lltok = llguidance.hf.from_tokenizer(self._tok, n_vocab=len(self._tok))
            except ValueError as exc:  # a slow (Python) tokenizer
                raise BackendError(_('constrained output needs a fast tokenizer; {name} has none: {first_line}').format(name=self.info.name, first_line=_first_line(exc))) from exc
        return self._lltok

    # -- text <-> tokens --------------------------------------------------------
    def render(self, request: GenerationRequest) -> str:
        """Exactly the text the model will receive."""
        if request.messages is None:
            return request.prompt or ""
        tok = self.tokenizer
        if not getattr(tok, "chat_template", None):
            raise ChatTemplateError(_('{name} has no chat template (a base model); use completion mode with a raw prompt').format(name=self.info.name))
        source = tok.chat_template
        if isinstance(source, dict):  # named templates: the tool-use one when there are tools
            source = (request.tools and source.get("tool_use")) or source.get("default") or next(iter(source.values()))
        template = self._chat_template
        if template is None or template.source != source:
            template = self._chat_template = ChatTemplate(
                source, bos_token=tok.bos_token or "", eos_token=tok.eos_token or "", name=self.info.name)
        special = {k: v for k, v in (getattr(tok, "special_tokens_map", None) or {}).items()
                   if k not in ("bos_token", "eos_token")}
        return render_request(template, request, self.notices, self.info.name, extra=special)

    def tokenize(self, text: str) -> list[int]:
        tok = self.tokenizer
        bos = getattr(tok, "bos_token", None)
        # a template that already wrote the BOS text must not get a second BOS token
        add_special = not (bos and text.startswith(bos))
        return list(tok(text, add_special_tokens=add_special)["input_ids"])

    def score_answers(self, request: GenerationRequest, answers: tuple[str, ...],
                      cancel: CancelToken | None = None) -> Any:
        """Each answer's probability after ``request``'s prompt (backends/answer_scoring.py)."""
        from backends.hf_scoring import score_hf

        with self._lock:
            self.load()
            return score_hf(self, request, answers, cancel)

    # -- generation -------------------------------------------------------------
    def _stream_locked(self, request: GenerationRequest, cancel: CancelToken) -> Iterator[Event]:
        torch = self._torch
        t_start = time.perf_counter()
        load_ms = self._load_for_run()
        p = request.params
        sent = self.render(request)
        tokens = self.tokenize(sent)
        n_ctx = self.n_ctx
        if len(tokens) >= n_ctx:
            raise ContextOverflowError(
                _('the prompt is {n} tokens, {value} over the context size of {n_ctx} (leaving no room to answer); shorten it or raise --ctx').format(n=len(tokens), value=len(tokens) - n_ctx + 1, n_ctx=n_ctx),
                prompt_tokens=len(tokens), n_ctx=n_ctx)
        seed = p.seed if p.seed is not None else random.getrandbits(32)
        gen = torch.Generator(device=self.device).manual_seed(seed)
        timings = Timings(load_ms=load_ms, prompt_tokens=len(tokens))
        eos = _eos_ids(self._model, self._tok)
        guide = Guide(self._ll_tokenizer(), request.constraint, MECHANISM) if request.constraint is not None else None
        emit = StopEmitter(p.stop if guide is None else ())  # a constraint decides where output ends
        detok = _Detokenizer(self._tok)
        model = self._model
        rec = StepRecorder(request.logprobs, p.temperature, self._token_text, "transformers") if request.logprobs else None
        nucleus = (FactualNucleus(p.top_p, p.factual_lambda, p.factual_omega)
                   if p.factual_nucleus and p.temperature > 0 else None)
        finish = "length"
        out_ids: list[int] = []
        t_first: float | None = None
        try:
            with torch.inference_mode():
                t_p0 = time.perf_counter()
                ids = torch.tensor([tokens], device=self.device)
                res = model(input_ids=ids, use_cache=True)
                timings.prompt_ms = (time.perf_counter() - t_p0) * 1000
                while True:
                    if cancel.cancelled:
                        finish = "cancelled"
                        break
                    logits = res.logits[0, -1, :]
                    if guide is not None:
                        if guide.stopped:
                            finish = "stop"
                            break
                        forced = guide.forced_tokens(p.max_tokens - len(out_ids))
                        if forced:  # fast-forward: tokens the grammar fixes need no sampling
                            out_ids.extend(forced)
                            if t_first is None:
                                t_first = time.perf_counter()
                                timings.ttft_ms = (t_first - t_start) * 1000
                            yield from emit.feed(detok.add(*forced))
                            if rec is not None:
                                rec.step(_row(logits), forced[0], forced=True, only=True)
                            for t in forced if nucleus is not None else ():
                                nucleus.advance(self._token_text(t))
                            if guide.stopped or len(out_ids) >= p.max_tokens or len(tokens) + len(out_ids) >= n_ctx:
                                finish = "stop" if guide.stopped else "length"
                                if rec is not None and len(forced) > 1 and len(tokens) + len(out_ids) <= n_ctx:
                                    tail = model(input_ids=torch.tensor([forced[:-1]], device=self.device),
                                                 past_key_values=res.past_key_values, use_cache=True, logits_to_keep=0)
                                    for i, t in enumerate(forced[1:]):
                                        rec.step(_row(tail.logits[0, i, :]), t, forced=True, only=True)
                                break
                            # with token probabilities, every row's logits (0: keep all) give the forced ones
                            res = model(input_ids=torch.tensor([forced], device=self.device),
                                        past_key_values=res.past_key_values, use_cache=True,
                                        logits_to_keep=0 if rec is not None else 1)
                            if rec is not None:
                                for i, t in enumerate(forced[1:]):
                                    rec.step(_row(res.logits[0, i, :]), t, forced=True, only=True)
                            continue
                        apply = functools.partial(mask_logits, torch, logits)
                        if rec is not None:
                            rec.observe(_row(logits))  # before the grammar's mask, which works in place
                            apply = noting_allowed(rec, apply)
                        guide.mask(apply)
                    elif rec is not None:
                        rec.observe(_row(logits))
                    tok = sample(torch, logits, p if nucleus is None else replace(p, top_p=nucleus.current), out_ids, gen)
                    if tok in eos:
                        finish = "stop"
                        break
                    if rec is not None:
                        rec.commit(tok)
                    if guide is not None:
                        guide.consume(tok)
                    out_ids.append(tok)
                    piece = detok.add(tok)
                    if nucleus is not None:
                        nucleus.advance(self._token_text(tok))
                    if t_first is None:
                        t_first = time.perf_counter()
                        timings.ttft_ms = (t_first - t_start) * 1000
                    yield from emit.feed(piece)
                    if emit.hit_stop or (guide is not None and guide.stopped):
                        finish = "stop"
                        break
                    if len(out_ids) >= p.max_tokens or len(tokens) + len(out_ids) >= n_ctx:
                        finish = "length"
                        break
                    res = model(input_ids=torch.tensor([[tok]], device=self.device),
                                past_key_values=res.past_key_values, use_cache=True)
        except GeneratorExit:
            raise
        except BackendError:
            raise
        except Exception as exc:  # torch errors: out of memory, device errors
            raise BackendError(_('transformers failed while generating: {first_line}').format(first_line=_first_line(exc))) from exc
        if not emit.hit_stop:
            yield from emit.flush(detok.flush())
        t_end = time.perf_counter()
        timings.completion_tokens = len(out_ids)
        timings.gen_ms = (t_end - t_first) * 1000 if t_first else 0.0
        timings.total_ms = (t_end - t_start) * 1000
        extra: dict[str, Any] = {"seed": seed, "notices": list(self.notices), "device": self.device,
                                 "dtype": str(model.dtype).removeprefix("torch."), "memory": dict(self._memory)}
        if guide is not None:
            extra.update(guide.report())
        yield GenerationResult(
            text="".join(emit.out),
            finish_reason=finish,  # type: ignore[arg-type]
            timings=timings,
            sent_text=sent,
            chat_format=self.chat_format if request.messages is not None else None,
            gpu_layers_effective=self.gpu_layers_effective,
            extra=extra,
            tokens=rec.trace if rec is not None else None,
        )

    def _token_text(self, token: int) -> str:
        """One token's text on its own (cached), for the token probabilities."""
        text = self._token_texts.get(token)
        if text is None:
            try:
                text = self._tok.decode([token], skip_special_tokens=False)
            except Exception:  # an id past the tokenizer's vocabulary (padded logits)
                text = ""
            self._token_texts[token] = text
        return text


def _row(logits: Any) -> Any:
    """A float32 numpy copy of one row of torch logits (the mask then works on the tensor)."""
    return logits.detach().to("cpu").float().numpy().copy()


def mask_logits(torch: Any, logits: Any, allowed: Any) -> None:
    """Set ``logits`` to -inf, in place, for every token ``allowed`` (a numpy bool array
    over the tokenizer's vocabulary) forbids, and for every id past its end: a model's
    logits can be wider than its tokenizer (padded embedding tables)."""
    width = int(logits.shape[-1])
    n = min(width, len(allowed))
    if not allowed[:n].any():
        raise BackendError(_('the constraint allows only tokens this model cannot produce'))
    logits[:n].masked_fill_(torch.from_numpy(~allowed[:n]).to(logits.device), float("-inf"))
    logits[n:] = float("-inf")


def sample(torch: Any, logits: Any, p: SamplingParams, previous: list[int], gen: Any) -> int:
    """One token, with llama.cpp's sampler order (see the module docstring)."""
    logits = logits.float()
    if p.repeat_penalty != 1.0 and previous:
        recent = torch.tensor(sorted(set(previous[-64:])), device=logits.device)
        vals = logits[recent]
        logits = logits.clone()
        logits[recent] = torch.where(vals > 0, vals / p.repeat_penalty, vals * p.repeat_penalty)
    if p.temperature == 0:
        return int(torch.argmax(logits))
    if p.top_k > 0 and p.top_k < logits.numel():
        kth = torch.topk(logits, p.top_k).values[-1]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    if p.top_p < 1.0:
        sorted_logits, order = torch.sort(logits, descending=True)
        probs = torch.softmax(sorted_logits, dim=-1)
        cum = torch.cumsum(probs, dim=-1)
        drop = cum - probs >= p.top_p  # keep the smallest prefix reaching top_p (at least one)
        logits = logits.clone()
        logits[order[drop]] = float("-inf")
    if p.min_p > 0:
        probs = torch.softmax(logits, dim=-1)
        logits = logits.masked_fill(probs < p.min_p * probs.max(), float("-inf"))
    probs = torch.softmax(logits / p.temperature, dim=-1)
    return int(torch.multinomial(probs, 1, generator=gen))


class _Detokenizer:
    """Text of each new token, decoded in context so spaces and multi-byte characters
    come out right: a token whose text ends in an incomplete character waits."""

    def __init__(self, tok: Any):
        self.tok = tok
        self.ids: list[int] = []
        self.prefix = 0  # decode from here, so the tokenizer sees some context
        self.read = 0  # text of ids[:read] has been emitted

    def add(self, *tokens: int) -> str:
        self.ids.extend(tokens)
        before = self.tok.decode(self.ids[self.prefix : self.read], skip_special_tokens=False)
        now = self.tok.decode(self.ids[self.prefix :], skip_special_tokens=False)
        if len(now) > len(before) and not now.endswith("\ufffd"):
            self.prefix, self.read = self.read, len(self.ids)
            return now[len(before):]
        return ""

    def flush(self) -> str:
        before = self.tok.decode(self.ids[self.prefix : self.read], skip_special_tokens=False)
        now = self.tok.decode(self.ids[self.prefix :], skip_special_tokens=False)
        self.read = len(self.ids)
        return now[len(before):]


def _eos_ids(model: Any, tok: Any) -> set[int]:
    ids: set[int] = set()
    eos = getattr(model.generation_config, "eos_token_id", None)
    if isinstance(eos, int):
        ids.add(eos)
    elif eos:
        ids.update(int(x) for x in eos)
    if tok.eos_token_id is not None:
        ids.add(int(tok.eos_token_id))
    return ids


def _check_folder(path: Path) -> None:
    if not (path / "config.json").is_file():
        raise ModelLoadError(_('{name} is not a Hugging Face model folder (no config.json) and not a GGUF file').format(name=path.name))
    if not any(any(path.glob(pat)) for pat in WEIGHT_PATTERNS):
        raise ModelLoadError(
            _('{name} has a config.json but no weights (no *.safetensors or *.bin): download the full model, not only its configuration').format(name=path.name))


@contextmanager
def _one_tensor_name_map() -> Iterator[None]:
    """While loading a GGUF, build ``gguf.get_tensor_name_map(arch, n_layers)`` once.

    transformers' GGUF loader (``get_gguf_hf_weights_map``) walks the model's modules
    recursively and asks gguf for the same name map at every one of them: 397 times for
    SmolLM2, ~13 ms each. The map depends only on its two arguments and is only read, so
    one per pair, for the load, gives the same weights (compared tensor by tensor, all
    273) and the load took 14.4 s against 20.7 s here."""
    try:
        import gguf
    except ImportError:
        yield
        return
    original = gguf.get_tensor_name_map
    gguf.get_tensor_name_map = functools.cache(original)
    try:
        yield
    finally:
        gguf.get_tensor_name_map = original


def _check_gguf(path: Path) -> Any:
    from backends.gguf_meta import read_gguf

    info = read_gguf(path)  # ModelLoadError when it is not GGUF or truncated
    try:
        from transformers.modeling_gguf_pytorch_utils import GGUF_SUPPORTED_ARCHITECTURES
    except ImportError:  # a transformers version that moved it: let from_pretrained decide
        return info
    arch = info.architecture
    known = {a.replace("_", "").replace("-", "") for a in GGUF_SUPPORTED_ARCHITECTURES}
    if arch.replace("_", "").replace("-", "") not in known:
        supported = ", ".join(a for a in GGUF_SUPPORTED_ARCHITECTURES if a not in ("general", "tokenizer"))
        raise ModelLoadError(
            _('transformers cannot load the GGUF architecture {arch!r} of {name}; it dequantizes only: {supported}. Use the llama.cpp backend for this file').format(arch=arch, name=path.name, supported=supported))
    return info


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__



def open_backend(settings: Any, registry: Any, pool: Any) -> tuple[Any, TransformersBackend]:
    """The catalog's entry point (backends/catalog.py): a Hugging Face folder, or a registry
    model transformers dequantizes, loaded through the pool."""
    from backends.registry import ModelEntry

    folder = Path(settings.model or "").expanduser()
    if settings.model and folder.is_dir():
        entry = ModelEntry(name=folder.name, path=folder.resolve(), source="user")
    else:
        entry = registry.resolve(settings.model)
    params = HFLoadParams(str(entry.path), n_ctx=settings.n_ctx or None, n_threads=settings.n_threads)
    return entry, pool.get(("transformers", params), lambda: TransformersBackend(params))

__all__ = ["HFInfo", "HFLoadParams", "TORCH_HINT", "TransformersBackend", "import_torch", "mask_logits", "sample"]
