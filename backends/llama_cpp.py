"""In-process llama.cpp through llama-cpp-python, with our own token loop.

Why our own loop: ``Llama.create_chat_completion`` reuses the KV cache implicitly, and
with llama-cpp-python 0.3.36 a greedy run on a cached prefix gave different text
than the same run in a fresh context. Here the cache is ours: before each run we keep
exactly the longest common token prefix with the previous run, drop everything after
it from the KV cache (``Llama.eval`` calls ``kv_cache_seq_rm`` past ``n_tokens``), and
evaluate the rest. Sampling uses a fresh llama.cpp sampler chain per run, seeded from
the request, so a logged run reproduces byte for byte. Skipping the high-level API
also skips its per-token Python work, which is most of the binding's overhead.

Constraints are enforced in this loop by llguidance (backends/guide.py, shared with
the transformers backend; the llama.cpp half in backends/llama_guide.py). ``memory``
(every result carries it as ``extra["memory"]``): llama.cpp's size of the loaded
weights, the f16 KV cache it allocated, and the growth of resident memory across the load.

Longer than ~400 lines: the token loop, the exact KV prefix reuse and the load are one class
whose invariants (never a one-token chunk, the cached prefix) span them; loading checks are
in llama_load.py, the constraint half in llama_guide.py.
"""

from __future__ import annotations

import codecs
import functools
import os
import random
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from backends.base import (
    CancelToken,
    Event,
    GenerationRequest,
    GenerationResult,
    SamplingParams,
    Timings,
)
from backends.chat_template import ChatTemplate, render_request
from backends.streaming import LocalBackend, StopEmitter, memory_figures, rss_bytes
from backends.llama_guide import llama_guide, ll_tokenizer, logits_masker
from backends.gguf_meta import GGUFInfo, read_gguf
from backends.llama_load import check_llama_limits, llama_class
from common.errors import BackendError, ChatTemplateError, ContextOverflowError, InvalidParamsError, ModelLoadError
from common.i18n import _


@functools.cache
def physical_cores() -> int:
    try:
        import psutil

        n = psutil.cpu_count(logical=False)
    except Exception:  # psutil can fail inside odd containers
        n = None
    return max(1, n or os.cpu_count() or 1)


def gpu_offload_supported() -> bool:
    import llama_cpp

    return bool(llama_cpp.llama_supports_gpu_offload())


CPU_ONLY_NOTICE = (
    "This llama-cpp-python build is CPU-only, so the {n} GPU layers requested were not applied "
    "and the model runs on the CPU. To use a CUDA GPU, rebuild it with `make setup CUDA=1` "
    "(CMAKE_ARGS=-DGGML_CUDA=on)."
)


@dataclass(frozen=True)
class LlamaLoadParams:
    """What a loaded model depends on; a change in any of these means a reload."""

    model_path: str
    n_ctx: int = 4096
    n_threads: int | None = None  # None: the machine's physical cores
    n_batch: int = 512
    n_gpu_layers: int = 0

    def resolved(self) -> LlamaLoadParams:
        threads = self.n_threads or physical_cores()
        path = os.path.realpath(Path(self.model_path).expanduser())  # Path.resolve raises on a link loop
        return LlamaLoadParams(path, self.n_ctx, threads, self.n_batch, self.n_gpu_layers)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class LlamaCppBackend(LocalBackend):
    """One GGUF model loaded in this process. Generation is serialized by a lock."""

    name = "llama.cpp"
    can_stream = True
    supports_constraints = True
    supports_tools = True

    def __init__(self, params: LlamaLoadParams, info: GGUFInfo | None = None):
        self.params = params.resolved()
        if self.params.n_ctx < 0:
            raise InvalidParamsError(_('n_ctx must be >= 0, got {n_ctx}').format(n_ctx=self.params.n_ctx))
        if self.params.n_batch <= 0:
            raise InvalidParamsError(_('n_batch must be > 0, got {n_batch}').format(n_batch=self.params.n_batch))
        if self.params.n_threads is not None and self.params.n_threads <= 0:
            raise InvalidParamsError(_('n_threads must be > 0, got {n_threads}').format(n_threads=self.params.n_threads))
        self.info = info or read_gguf(self.params.model_path)
        check_llama_limits(self.info)
        self._check_ctx()
        self.notices: list[str] = []
        self.gpu_layers_requested = self.params.n_gpu_layers
        self.gpu_layers_effective = 0
        self._llm: Any = None
        self._lock = threading.Lock()
        self._load_ms_unreported = 0.0
        self._memory: dict[str, float] = {}
        self._chat_template: ChatTemplate | None = None
        self._chat_template_error: ChatTemplateError | None = None
        self._tool_template: ChatTemplate | None = None  # tokenizer.chat_template.tool_use, when the file has one
        self._pieces: dict[int, bytes] = {}
        self._lltok: Any = None
        self._last_tokenized: tuple[str, list[int]] | None = None  # prepare() then stream() tokenize the same text

    # -- loading ----------------------------------------------------------------
    def _check_ctx(self) -> None:
        trained = self.info.context_length
        if trained and self.params.n_ctx > trained:
            raise InvalidParamsError(
                _('context size {n_ctx} is larger than the {trained} tokens {name} supports; use --ctx {trained} or less').format(n_ctx=self.params.n_ctx, trained=trained, name=self.info.name)
            )

    @property
    def loaded(self) -> bool:
        return self._llm is not None

    def load(self) -> float:
        """Load the weights if needed; return the milliseconds it took (0 if loaded)."""
        if self._llm is not None:
            return 0.0
        import llama_cpp

        requested = self.params.n_gpu_layers
        if requested != 0 and not gpu_offload_supported():
            self.notices.append(CPU_ONLY_NOTICE.format(n="all" if requested < 0 else requested))
            n_gpu = 0
        else:
            n_gpu = requested
        rss0 = rss_bytes()
        t0 = time.perf_counter()
        try:
            llm = llama_class()(
                model_path=self.params.model_path,
                n_ctx=self.params.n_ctx,
                n_threads=self.params.n_threads,
                n_threads_batch=self.params.n_threads,
                n_batch=self.params.n_batch,
                n_gpu_layers=n_gpu,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelLoadError(_("llama.cpp could not load {name}: {reason}").format(name=Path(self.params.model_path).name, reason=exc)) from exc
        ms = (time.perf_counter() - t0) * 1000
        self._llm = llm
        self._memory = memory_figures(int(llama_cpp.llama_model_size(llm._model.model)), rss0, kv_cache_bytes(llm, self.info))
        layers = self.info.block_count or 0
        if n_gpu < 0:
            self.gpu_layers_effective = layers
        else:
            self.gpu_layers_effective = min(n_gpu, layers) if layers else n_gpu
        self._load_ms_unreported = ms
        self._prepare_chat_template()
        return ms

    def _prepare_chat_template(self) -> None:
        skipped = self.info.chat_template_skipped
        if skipped is not None:
            self._chat_template_error = ChatTemplateError(
                _("{name}'s chat template is {skipped:,} bytes, too long to read; use completion mode with a raw prompt").format(name=self.info.name, skipped=skipped))
            return
        src = self.info.chat_template
        if not src:
            return
        vocab = self._llm._model
        bos = _token_text(vocab, vocab.token_bos())
        eos = _token_text(vocab, vocab.token_eos())
        try:
            self._chat_template = ChatTemplate(src, bos_token=bos, eos_token=eos)
        except ChatTemplateError as exc:
            self._chat_template_error = exc
        except (MemoryError, RecursionError) as exc:  # Jinja folds constants while compiling
            self._chat_template_error = ChatTemplateError(
                _("the model's chat template could not be compiled ({name}); use completion mode with a raw prompt").format(name=type(exc).__name__))

    def reset_cache(self) -> None:
        """Forget the cached prefix: the next run evaluates its whole prompt."""
        with self._lock:
            if self._llm is not None:
                self._llm.n_tokens = 0

    def close(self) -> None:
        with self._lock:
            if self._llm is not None:
                self._llm.close()
                self._llm = None

    @property
    def llm(self) -> Any:
        self.load()
        return self._llm

    @property
    def n_ctx(self) -> int:
        return int(self.llm.n_ctx())

    # -- text <-> tokens --------------------------------------------------------
    def render(self, request: GenerationRequest) -> str:
        """Exactly the text the model will receive."""
        if request.messages is None:
            return request.prompt or ""
        self.load()
        if self._chat_template_error is not None:
            raise self._chat_template_error
        if self._chat_template is None:
            raise ChatTemplateError(
                _('{name} has no chat template (a base model); use completion mode with a raw prompt').format(name=self.info.name)
            )
        return render_request(self._template_for(request), request, self.notices, self.info.name)

    def _template_for(self, request: GenerationRequest) -> ChatTemplate:
        """The file's ``tool_use`` template for a request with tools (as transformers picks
        it from a tokenizer's named templates), else its default one."""
        assert self._chat_template is not None
        src = self.info.metadata.get("tokenizer.chat_template.tool_use") if request.tools else None
        if not isinstance(src, str) or not src.strip():
            return self._chat_template
        if self._tool_template is None or self._tool_template.source != src:
            self._tool_template = ChatTemplate(src, bos_token=self._chat_template.bos_token,
                                               eos_token=self._chat_template.eos_token, name=self.info.name)
        return self._tool_template

    def _ll_tokenizer(self) -> Any:
        """llguidance's view of this model's vocabulary (built once: ~0.7 s for SmolLM2)."""
        if self._lltok is None:
            self._lltok = ll_tokenizer(self._llm)
        return self._lltok

    def _piece(self, token: int) -> bytes:
        """The bytes of one token (cached: the vocabulary never changes)."""
        cached = self._pieces.get(token)
        if cached is not None:
            return cached
        import ctypes

        import llama_cpp

        size = 64
        while True:
            buf = ctypes.create_string_buffer(size)
            n = llama_cpp.llama_token_to_piece(self._llm._model.vocab, token, buf, size, 0, False)
            if n >= 0:
                break
            size = -n
        piece = buf.raw[:n]
        self._pieces[token] = piece
        return piece

    @property
    def chat_format(self) -> str | None:
        return "gguf:tokenizer.chat_template" if self.info.chat_template else None

    def tokenize(self, text: str) -> list[int]:
        memo = self._last_tokenized
        if memo is not None and memo[0] == text:
            return list(memo[1])
        tokens = self._tokenize(text)
        self._last_tokenized = (text, tokens)
        return list(tokens)

    def _tokenize(self, text: str) -> list[int]:
        llm = self.llm
        data = text.encode("utf-8")
        bos_text = _token_text(llm._model, llm._model.token_bos()).encode("utf-8")
        # a template that already wrote the BOS text must not get a second BOS token
        add_special = not (bos_text and data.startswith(bos_text))
        return list(llm.tokenize(data, add_bos=add_special, special=True))

    # -- generation -------------------------------------------------------------
    def _stream_locked(self, request: GenerationRequest, cancel: CancelToken) -> Iterator[Event]:
        t_start = time.perf_counter()
        load_ms = self._load_for_run()
        llm = self._llm
        params = request.params
        sent = self.render(request)
        tokens = self.tokenize(sent)
        n_ctx = int(llm.n_ctx())
        if len(tokens) >= n_ctx:
            over = len(tokens) - n_ctx + 1
            raise ContextOverflowError(
                _('the prompt is {n} tokens, {over} over the context size of {n_ctx} (leaving no room to answer); shorten it or raise --ctx').format(n=len(tokens), over=over, n_ctx=n_ctx),
                prompt_tokens=len(tokens),
                n_ctx=n_ctx,
            )
        seed = params.seed if params.seed is not None else random.getrandbits(32)
        timings = Timings(load_ms=load_ms, prompt_tokens=len(tokens))

        # keep the longest common prefix; re-evaluate at least the last two prompt tokens
        prev = llm.input_ids[: llm.n_tokens]
        common = 0
        limit = max(0, min(len(prev), len(tokens) - 2))
        while common < limit and prev[common] == tokens[common]:
            common += 1
        timings.cached_tokens = common
        t_p0 = time.perf_counter()
        try:
            _eval_prompt(llm, tokens, common, self.params.n_batch)
        except Exception as exc:  # llama.cpp decode failures surface as RuntimeError
            llm.n_tokens = 0
            raise BackendError(_('llama.cpp failed to evaluate the prompt: {exc}').format(exc=exc)) from exc
        timings.prompt_ms = (time.perf_counter() - t_p0) * 1000

        sampler = _make_sampler(llm, params, seed)
        guide = llama_guide(self._ll_tokenizer(), request.constraint) if request.constraint is not None else None
        mask = logits_masker(llm) if guide is not None else None
        vocab = llm._model.vocab
        import llama_cpp

        is_eog = llama_cpp.llama_vocab_is_eog
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        stops = params.stop if guide is None else ()  # a constraint decides where output ends
        emit = StopEmitter(stops)
        finish = "length"
        n_out = 0
        t_first: float | None = None
        try:
            while True:
                if cancel.cancelled:
                    finish = "cancelled"
                    break
                if guide is not None:
                    if guide.stopped:
                        finish = "stop"
                        break
                    forced = guide.forced_tokens(params.max_tokens - n_out)
                    if forced:  # fast-forward: tokens the grammar fixes need no sampling
                        for t in forced:
                            sampler.accept(t)
                        n_out += len(forced)
                        text = decoder.decode(b"".join(self._piece(t) for t in forced))
                        if t_first is None:
                            t_first = time.perf_counter()
                            timings.ttft_ms = (t_first - t_start) * 1000
                        yield from emit.feed(text)
                        if guide.stopped or n_out >= params.max_tokens or llm.n_tokens + len(forced) >= n_ctx:
                            finish = "stop" if guide.stopped else "length"
                            break
                        llm.eval(forced)
                        continue
                    guide.mask(mask)
                tok = sampler.sample(llm._ctx, -1)
                if is_eog(vocab, tok):
                    finish = "stop"
                    break
                if guide is not None:
                    guide.consume(tok)
                n_out += 1
                piece = decoder.decode(self._piece(tok))
                if t_first is None:
                    t_first = time.perf_counter()
                    timings.ttft_ms = (t_first - t_start) * 1000
                yield from emit.feed(piece)
                if emit.hit_stop:
                    finish = "stop"
                    break
                if guide is not None and guide.stopped:
                    finish = "stop"
                    break
                if n_out >= params.max_tokens or llm.n_tokens + 1 >= n_ctx:
                    finish = "length"
                    break
                llm.eval([tok])
        except GeneratorExit:
            # the consumer stopped reading (window closed, Ctrl-C): nothing to yield
            raise
        except BackendError:
            llm.n_tokens = 0
            raise
        except Exception as exc:
            llm.n_tokens = 0
            raise BackendError(_('llama.cpp failed while generating: {exc}').format(exc=exc)) from exc
        finally:
            sampler.close()
        if not emit.hit_stop:
            yield from emit.flush(decoder.decode(b"", final=True))
        out = emit.out
        extra_guide = guide.report() if guide is not None else {}
        t_end = time.perf_counter()
        timings.completion_tokens = n_out
        timings.gen_ms = (t_end - t_first) * 1000 if t_first else 0.0
        timings.total_ms = (t_end - t_start) * 1000
        yield GenerationResult(
            text="".join(out),
            finish_reason=finish,  # type: ignore[arg-type]
            timings=timings,
            sent_text=sent,
            chat_format=self.chat_format if request.messages is not None else None,
            gpu_layers_effective=self.gpu_layers_effective,
            extra={"seed": seed, "notices": list(self.notices), "memory": dict(self._memory), **extra_guide},
        )


def _eval_prompt(llm: Any, tokens: list[int], start: int, n_batch: int) -> None:
    """Evaluate ``tokens[start:]`` after the cached ``tokens[:start]``, never one token alone.

    Measured on llama.cpp's CPU kernels (llama-cpp-python 0.3.36): the logits of a row
    are bit-identical whether its batch holds 2 or 500 tokens, but differ when the
    batch holds one token. So no prompt chunk is a single token (the caller keeps at
    least two tokens to evaluate), and a fresh run and a run on a reused prefix compute
    exactly the same numbers.
    """
    llm.n_tokens = start
    rest = tokens[start:]
    if len(rest) <= n_batch:
        llm.eval(rest)
        return
    chunks = [rest[i : i + n_batch] for i in range(0, len(rest), n_batch)]
    if len(chunks[-1]) == 1:
        chunks[-2], chunks[-1] = chunks[-2][:-1], chunks[-2][-1:] + chunks[-1]
    for chunk in chunks:
        llm.eval(chunk)


_KV_TYPE_BYTES = {0: 4, 1: 2, 30: 2}  # GGML_TYPE_F32, F16 (llama.cpp's default), BF16


def kv_cache_bytes(llm: Any, info: GGUFInfo) -> int | None:
    """Bytes of the K and V cache llama.cpp allocated: ``n_ctx`` cells times each layer's
    K and V widths (the output widths of its ``attn_k``/``attn_v`` weights) times the
    cache type's size. Matches llama.cpp's own log line (22.50 MiB for SmolLM2 at
    n_ctx 1024). Sliding-window layers count in full: llama-cpp-python asks for a
    full-size SWA cache (``swa_full``). None where that arithmetic is not the whole
    story: a trimmed SWA cache, recurrent or hybrid models, fused or latent attention,
    quantized caches."""
    import llama_cpp

    model = llm._model.model
    if ((llama_cpp.llama_model_n_swa(model) > 0 and not llm.context_params.swa_full)
            or llama_cpp.llama_model_is_recurrent(model) or llama_cpp.llama_model_is_hybrid(model)):
        return None
    k_bytes = _KV_TYPE_BYTES.get(llm.context_params.type_k)
    v_bytes = _KV_TYPE_BYTES.get(llm.context_params.type_v)
    if k_bytes is None or v_bytes is None:
        return None
    widths: dict[tuple[int, str], int] = {}
    for t in info.tensors:
        parts = t.name.split(".")
        if (len(parts) == 4 and parts[0] == "blk" and parts[1].isdigit() and parts[2] in ("attn_k", "attn_v")
                and parts[3] == "weight" and t.shape):
            widths[(int(parts[1]), parts[2])] = int(t.shape[-1])
    if len(widths) != 2 * int(llama_cpp.llama_model_n_layer(model)):
        return None
    per_cell = sum(w * (k_bytes if kind == "attn_k" else v_bytes) for (_, kind), w in widths.items())
    return int(llm.n_ctx()) * per_cell


def _token_text(model: Any, token: int) -> str:
    if token < 0:
        return ""
    try:
        return model.token_get_text(token)
    except Exception:
        return ""


def _make_sampler(llm: Any, p: SamplingParams, seed: int) -> Any:
    """A llama.cpp sampler chain built fresh for one run (its RNG seeded from ``seed``)."""
    from llama_cpp import _internals

    s = _internals.LlamaSampler()
    if p.repeat_penalty != 1.0:
        s.add_penalties(
            n_vocab=llm.n_vocab(),
            penalty_last_n=64,
            penalty_repeat=p.repeat_penalty,
            penalty_freq=0.0,
            penalty_present=0.0,
        )
    if p.temperature == 0:
        s.add_greedy()
        return s
    if p.top_k > 0:
        s.add_top_k(p.top_k)
    if p.top_p < 1.0:
        s.add_top_p(p.top_p, 1)
    if p.min_p > 0:
        s.add_min_p(p.min_p, 1)
    s.add_temp(p.temperature)
    s.add_dist(seed)
    return s


def open_backend(settings: Any, registry: Any, pool: Any) -> tuple[Any, LlamaCppBackend]:
    """The catalog's entry point (backends/catalog.py): a registry model, loaded through the pool."""
    entry = registry.resolve(settings.model)
    if entry.path is None:
        raise ModelLoadError(_('the model {name} is not prepared yet; run `python main.py models --prepare`').format(name=entry.name))
    params = LlamaLoadParams(str(entry.path), settings.n_ctx if settings.n_ctx is not None else 4096,
                             settings.n_threads, settings.n_batch or 512, settings.gpu_layers)
    return entry, pool.llama(params)
