"""In-process llama.cpp through llama-cpp-python, with our own token loop.

Why our own loop: ``Llama.create_chat_completion`` reuses the KV cache implicitly, and
with llama-cpp-python 0.3.36 a greedy run on a cached prefix gave different text
than the same run in a fresh context. Here the cache is ours: before each run we keep
exactly the longest common token prefix with the previous run, drop everything after
it from the KV cache (``Llama.eval`` calls ``kv_cache_seq_rm`` past ``n_tokens``), and
evaluate the rest, keeping only positions computed the way this run would compute them
(prompt rows in batches, given output tokens of a branch one per step: see
``_reusable_prefix``). Sampling uses a fresh llama.cpp sampler chain per run, seeded from
the request, so a logged run reproduces byte for byte; the token picker
(backends/llama_pick.py) makes greedy picks without it, by the same rule. Skipping the high-level API
also skips its per-token Python work, which is most of the binding's overhead.

Constraints are enforced in this loop by llguidance (backends/guide.py, shared with
the transformers backend; the llama.cpp half in backends/llama_guide.py). ``memory``
(every result carries it as ``extra["memory"]``): llama.cpp's size of the loaded
weights, the f16 KV cache it allocated, and the growth of resident memory across the load.

Token probabilities (``request.logprobs = k``): every generated token's log-probability,
its step's entropy and the ``k`` most likely tokens, from the full logits row
(``llama_get_logits_ith(ctx, -1)`` viewed as numpy, no copy) divided by the temperature
(1 for greedy runs), before the repeat penalty, before truncation (top-k, top-p, min-p,
factual nucleus) and before a constraint's mask (backends/token_record.py says why).
Tokens a constraint forces (fast-forward) are marked ``forced`` and carry the model's own
probabilities, exactly: their batch is evaluated with every row's logits kept
(backends/llama_logits.py), which leaves the last row bit-identical to a batch that keeps
only it (checked on llama.cpp's CPU kernels), so recording does not change what is generated;
their numbers equal scoring prompt + answer in one batch (tested). Sampled tokens' numbers
come from the loop's one-token decodes, which on the CPU kernels differ from a batch's
(by up to ~0.1 nats on SmolLM2 Q4_1; see ``_eval_prompt``).
Factual-nucleus sampling (``SamplingParams.factual_nucleus``) replaces the chain's top-p
stage by a custom stage whose p decays within a sentence (backends/factual_nucleus.py).

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
from backends.factual_nucleus import FactualNucleus, top_p_stage
from backends.token_record import StepRecorder, noting_allowed
from backends.streaming import LocalBackend, StopEmitter, memory_figures, rss_bytes
from backends.llama_guide import llama_guide, ll_tokenizer, logits_masker
from backends.llama_logits import eval_keeping_rows, logits_row
from backends.gguf_meta import GGUFInfo, read_gguf
from backends.llama_decode import OneToken, decode_one, decode_tokens
from backends.llama_load import check_llama_limits, llama_class
from backends.llama_penalty import RepeatPenalty
from backends.llama_pick import TokenPicker, chain_stages
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
    # off: llama-cpp-python's default and every run so far. On, llama.cpp's CPU decode is
    # ~10% faster here while the cache holds under 256 cells and slower past that (0.71-0.78x
    # at 256-512: its split-KV path; BENCHMARKS.md), with other logits (so other text), and a
    # row's logits then depend on its batch's size (see _reusable_prefix, _fa_edges)
    flash_attn: bool = False

    def resolved(self) -> LlamaLoadParams:
        threads = self.n_threads or physical_cores()
        path = os.path.realpath(Path(self.model_path).expanduser())  # Path.resolve raises on a link loop
        return LlamaLoadParams(path, self.n_ctx, threads, self.n_batch, self.n_gpu_layers, self.flash_attn)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class LlamaCppBackend(LocalBackend):
    """One GGUF model loaded in this process. Generation is serialized by a lock."""

    name = "llama.cpp"
    can_stream = True
    supports_constraints = True
    supports_tools = True
    supports_answer_scoring = True  # backends/llama_scoring.py

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
        # what the cache's rows were computed as: the prompt's length (evaluated in batches)
        # and the spans of output evaluated as one batch each (forced tokens); the rest of
        # the output was one token per step (see _reusable_prefix)
        self._kv_layout: tuple[int, tuple[tuple[int, int], ...]] = (0, ())

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
                flash_attn=self.params.flash_attn,
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

    def tokenize_output(self, text: str) -> list[int]:
        """``text`` as output tokens: no BOS, special-token names read as plain text."""
        return list(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def _tokenize(self, text: str) -> list[int]:
        llm = self.llm
        data = text.encode("utf-8")
        bos_text = _token_text(llm._model, llm._model.token_bos()).encode("utf-8")
        # a template that already wrote the BOS text must not get a second BOS token
        add_special = not (bos_text and data.startswith(bos_text))
        return list(llm.tokenize(data, add_bos=add_special, special=True))

    def score_answers(self, request: GenerationRequest, answers: tuple[str, ...],
                      cancel: CancelToken | None = None) -> Any:
        """Each answer's probability after ``request``'s prompt (backends/answer_scoring.py)."""
        from backends.llama_scoring import score_llama

        with self._lock:
            self.load()
            return score_llama(self, request, answers, cancel, self._prime_prompt)

    # -- generation -------------------------------------------------------------
    def check_prefix(self, prefix: list[int]) -> None:
        """Refuse given output tokens this model does not have."""
        n_vocab = int(self.llm.n_vocab())
        bad = next((t for t in prefix if t >= n_vocab), None)
        if bad is not None:
            raise InvalidParamsError(f"token id {bad} is not in {self.info.name}'s vocabulary (0 to {n_vocab - 1})")

    def check_given(self, request: GenerationRequest) -> None:
        """Refuse, before anything runs, given output tokens (a branch) that the request's
        constraint does not allow where they stand (InvalidParamsError, saying which)."""
        if request.constraint is None or not request.prefix_tokens:
            return
        with self._lock:
            self.load()
            llama_guide(self._ll_tokenizer(), request.constraint).replay(list(request.prefix_tokens),
                                                                         self._piece_text)

    def _reusable_prefix(self, prev: list[int], tokens: list[int], batch_end: int,
                         spans: tuple[tuple[int, int], ...] = (), fresh_from: int | None = None) -> int:
        """How many leading cached tokens to keep for ``tokens``, whose first ``batch_end``
        (the prompt) are evaluated in batches and the rest (given output) one per step,
        but for ``spans`` (absolute positions: a constraint's forced runs), one batch each.

        Only positions computed the same way are kept: the logits, and so the KV, of a
        one-token step differ from those of a row in a batch (see _eval_prompt), so a run
        on a warm cache computes exactly what it would in a fresh context. The prompt part
        keeps the "never one token alone" rule; given output re-evaluates at least its last
        token, as sampling needs fresh logits.

        With flash attention on, a row's logits depend on the size of the batch it was in:
        llama.cpp's CPU kernel tiles batches of 64 rows or more and converts smaller ones to
        f16 (measured on a few-shot chat prompt, 65 of 66 split points changed the last row,
        by up to 1.1 in a logit). Its prompts are therefore evaluated (``_fa_edges``) below
        position ``FA_FINE`` in batches of 2 to ``FA_ROWS`` rows, all on the untiled path,
        where a row's numbers do not depend on the rest of its batch, so any prefix there is
        kept, as with it off; past ``FA_FINE`` in chunks that end at multiples of
        ``FA_CHUNK`` positions, of which only whole chunks are kept, or the whole prompt when
        it is the same (a branch, a rerun with given tokens): every row is then computed in
        a batch that takes the path a fresh context takes it on.

        ``fresh_from``: a position whose distribution (the logits after the one before it)
        must be computed, so that position is not kept either (a branch's replacement,
        recorded with its probabilities)."""
        keep_last = 1 if len(tokens) > batch_end else 2
        limit = max(0, min(len(prev), len(tokens) - keep_last))
        if fresh_from is not None:
            limit = max(0, min(limit, fresh_from - 1))
        common = 0
        while common < limit and prev[common] == tokens[common]:
            common += 1
        old_batch, old_spans = self._kv_layout
        # a position evaluated differently in the cache and in this plan is not kept, nor
        # the start of a batch span either has without the rest of it
        for a, _b in set(old_spans) ^ set(spans):
            common = min(common, a)
        for a, b in (*old_spans, *spans):
            if a < common < b:
                common = a
        if old_batch != batch_end:
            common = min(common, old_batch, batch_end)
        if old_batch < 2:  # a one-token prompt was evaluated alone: its row is not a batch row
            common = 0
        if self.params.flash_attn:
            if old_batch == batch_end and common >= batch_end:
                return common
            if common >= FA_FINE:
                return common // FA_CHUNK * FA_CHUNK
        stop = min(batch_end, FA_FINE) if self.params.flash_attn else batch_end
        if common < stop and stop - common < 2:
            common = max(0, stop - 2)
        return common

    def _prime_prompt(self, tokens: list[int], n_prompt: int | None = None,
                      spans: tuple[tuple[int, int], ...] = (), record: GivenRecord | None = None) -> int:
        """Evaluate ``tokens`` after what the cache can keep of them (see _reusable_prefix):
        the first ``n_prompt`` (default: all) as the prompt, the rest as given output (and
        ``spans``, see _eval_given; ``record``: given tokens to record with their
        probabilities). Returns how many tokens were kept. A run's prompt and answer
        scoring's both go through here, so scoring's rows are a run's rows."""
        llm = self._llm
        n_prompt = len(tokens) if n_prompt is None else n_prompt
        common = self._reusable_prefix(list(llm.input_ids[: llm.n_tokens]), tokens, n_prompt, spans,
                                       record.start if record is not None else None)
        _eval_prompt(llm, tokens[: max(common, n_prompt)], common, self.params.n_batch, self.params.flash_attn)
        _eval_given(llm, tokens, max(common, n_prompt), spans, record)
        self._kv_layout = (n_prompt, spans)
        return common

    def _stream_locked(self, request: GenerationRequest, cancel: CancelToken) -> Iterator[Event]:
        t_start = time.perf_counter()
        load_ms = self._load_for_run()
        llm = self._llm
        params = request.params
        sent = self.render(request)
        prompt = self.tokenize(sent)
        prefix = list(request.prefix_tokens)  # a branch: output tokens given, not sampled
        self.check_prefix(prefix)
        tokens = prompt + prefix
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

        guide = llama_guide(self._ll_tokenizer(), request.constraint) if request.constraint is not None else None
        # a branch of a constrained run: the grammar replays the given tokens, and the spans it
        # forced are evaluated as one batch each, as the run that produced them did
        spans = (tuple((len(prompt) + a, len(prompt) + b) for a, b in guide.replay(prefix, self._piece_text))
                 if guide is not None and prefix else ())
        row = logits_row(llm)  # views of llama.cpp's logits rows, for the picker, the mask and the recorder
        rec = (StepRecorder(request.logprobs, params.temperature, self._piece_text, "llama.cpp")
               if request.logprobs else None)
        # a branch's replacement: its tokens recorded with the model's own probabilities
        record = (GivenRecord(rec, row, len(prompt) + request.record_given_from)
                  if rec is not None and request.record_given_from is not None else None)
        t_p0 = time.perf_counter()
        try:
            timings.cached_tokens = self._prime_prompt(tokens, len(prompt), spans, record)
        except Exception as exc:  # llama.cpp decode failures surface as RuntimeError
            llm.n_tokens = 0
            raise BackendError(_('llama.cpp failed to evaluate the prompt: {exc}').format(exc=exc)) from exc
        timings.prompt_ms = (time.perf_counter() - t_p0) * 1000

        nucleus = (FactualNucleus(params.top_p, params.factual_lambda, params.factual_omega)
                   if params.factual_nucleus and params.temperature > 0 else None)
        sampler = make_picker(llm, params, seed, nucleus)
        mask = logits_masker(row) if guide is not None else None
        vocab = llm._model.vocab
        import llama_cpp

        is_eog = llama_cpp.llama_vocab_is_eog
        one = OneToken()  # the one-token batch every generated token is decoded with
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        stops = params.stop if guide is None else ()  # a constraint decides where output ends
        emit = StopEmitter(stops)
        finish = "length"
        n_out = len(prefix)  # given tokens count as output already generated
        t_first: float | None = None
        for t in prefix:
            sampler.accept(t)  # the repeat penalty sees them as the sampled run did
            if nucleus is not None:
                nucleus.advance(self._piece_text(t))
        yield from emit.feed(decoder.decode(b"".join(self._piece(t) for t in prefix)))
        done = bool(prefix) and (emit.hit_stop or n_out >= params.max_tokens)
        if done:
            finish = "stop" if emit.hit_stop else "length"
        try:
            while not done:
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
                        if nucleus is not None:
                            for t in forced:
                                nucleus.advance(self._piece_text(t))
                        if rec is not None:
                            rec.step(row(-1), forced[0], forced=True, only=True)
                        if guide.stopped or n_out >= params.max_tokens or llm.n_tokens + len(forced) >= n_ctx:
                            finish = "stop" if guide.stopped else "length"
                            if rec is not None and len(forced) > 1:
                                self._record_forced_tail(llm, rec, row, forced, n_ctx)
                            break
                        self._kv_layout = (self._kv_layout[0],
                                           (*self._kv_layout[1], (llm.n_tokens, llm.n_tokens + len(forced))))
                        if rec is not None:
                            eval_keeping_rows(llm, forced, row, rec, forced[1:])
                        else:
                            decode_tokens(llm, one, forced)
                        continue
                    if rec is not None:
                        rec.observe(row(-1))  # the model's own distribution, before the grammar's mask
                        guide.mask(noting_allowed(rec, mask))
                    else:
                        guide.mask(mask)
                elif rec is not None:
                    rec.observe(row(-1))
                tok = sampler.pick(row(-1))
                if is_eog(vocab, tok):
                    finish = "stop"
                    break
                if rec is not None:
                    rec.commit(tok)
                if guide is not None:
                    guide.consume(tok)
                n_out += 1
                piece = decoder.decode(self._piece(tok))
                if nucleus is not None:
                    nucleus.advance(self._piece_text(tok))
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
                decode_one(llm, one, tok)
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
        timings.completion_tokens = n_out - len(request.prefix_tokens)
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
            tokens=rec.trace if rec is not None else None,
        )

    def piece_text(self, token: int) -> str:
        """The text of one token (invalid UTF-8 replaced)."""
        return self._piece_text(token)

    def _piece_text(self, token: int) -> str:
        return self._piece(token).decode("utf-8", errors="replace")

    def _record_forced_tail(self, llm: Any, rec: StepRecorder, row: Any, forced: list[int], n_ctx: int) -> None:
        """The probabilities of forced tokens 2..n of a fast-forward that ended the run:
        their rows come from evaluating the first n-1, when the context has room."""
        if llm.n_tokens + len(forced) - 1 >= n_ctx:
            rec.trace.note = _("the last {n} forced tokens have no probabilities: the context was full").format(
                n=len(forced) - 1)
            return
        start = llm.n_tokens
        eval_keeping_rows(llm, forced[:-1], row, rec, forced[1:])
        self._kv_layout = (self._kv_layout[0], (*self._kv_layout[1], (start, llm.n_tokens)))


def _eval_prompt(llm: Any, tokens: list[int], start: int, n_batch: int, flash: bool = False) -> None:
    """Evaluate ``tokens[start:]`` after the cached ``tokens[:start]``, never one token alone.

    Measured on llama.cpp's CPU kernels (llama-cpp-python 0.3.36): the logits of a row
    are bit-identical whether its batch holds 2 or 500 tokens, but differ when the
    batch holds one token. So no prompt chunk is a single token (the caller keeps at
    least two tokens to evaluate), and a fresh run and a run on a reused prefix compute
    exactly the same numbers.

    With ``flash`` (flash attention, where a row depends on its batch's size) the chunks
    are those of :func:`_fa_edges`, and ``start`` is one of the places they may start.
    """
    llm.n_tokens = start
    if flash:
        edges = _fa_edges(start, len(tokens))
        for a, b in zip(edges, edges[1:]):
            llm.eval(tokens[a:b])
        return
    rest = tokens[start:]
    if len(rest) <= n_batch:
        llm.eval(rest)
        return
    chunks = [rest[i : i + n_batch] for i in range(0, len(rest), n_batch)]
    if len(chunks[-1]) == 1:
        chunks[-2], chunks[-1] = chunks[-2][:-1], chunks[-2][-1:] + chunks[-1]
    for chunk in chunks:
        llm.eval(chunk)


def _fa_edges(start: int, end: int) -> list[int]:
    """Where flash-attention prompt chunks for positions ``start..end`` begin and end.

    Below ``FA_FINE``: even batches of at most ``FA_ROWS`` rows (fewer than llama.cpp's
    64-row tile, so on its untiled path, where each row is computed on its own: checked
    bit for bit on 80 random prompts split at random points, 1 and 2 threads), never one
    row alone unless there is only one. There the untiled path costs little (prefill at
    1.05-1.14 of flash attention off up to 120 tokens, 0.93 at 500; it falls to 0.78 at
    1,500, which is why it stops). From ``FA_FINE`` on: chunks ending at multiples of
    ``FA_CHUNK`` positions, each tiled the same way whatever came before."""
    edges = [start]
    fine_end = min(end, FA_FINE)
    if start < fine_end:
        n = fine_end - start
        k = -(-n // FA_ROWS)
        edges += [start + n * i // k for i in range(1, k + 1)]
    pos = max(start, FA_FINE)
    while pos < end:
        pos = min((pos // FA_CHUNK + 1) * FA_CHUNK, end)
        edges.append(pos)
    return edges


@dataclass(frozen=True)
class GivenRecord:
    """Given output tokens to record as forced steps: those at position ``start`` and after,
    each with the distribution it was given in (``row``'s logits, into ``rec``)."""

    rec: StepRecorder
    row: Any
    start: int


def _eval_given(llm: Any, tokens: list[int], start: int, spans: tuple[tuple[int, int], ...],
                record: GivenRecord | None = None) -> None:
    """Evaluate the given output ``tokens[start:]`` (after the prompt, ``start`` not inside
    a span) as the run that produced them did: each of ``spans`` as one batch, every
    other token one per step. With ``record``, each given token from ``record.start`` on is
    recorded from the row before it (the caller kept ``record.start - 1`` out of the cache,
    so that row is computed); a span's rows inside it are kept for that."""
    batch_end = dict(spans)
    pos = start
    while pos < len(tokens):
        end = batch_end.get(pos, pos + 1)
        if record is not None and pos >= record.start:
            # a span's first token is one the grammar forced; a lone given token may be any it allowed
            record.rec.step(record.row(-1), tokens[pos], forced=True, only=pos in batch_end)
        if record is not None and end - 1 > pos and end - 1 >= record.start:
            skip = max(0, record.start - pos - 1)
            eval_keeping_rows(llm, tokens[pos:end], record.row, record.rec, tokens[pos + 1:end], skip)
        else:
            llm.eval(tokens[pos:end])
        pos = end


# flash attention (see _fa_edges): below FA_FINE positions, prompt batches of at most
# FA_ROWS rows (under llama.cpp's 64-row tile); past it, chunks that end at multiples of
# FA_CHUNK positions (128: prefill at 0.94 of 512-token batches here, and a reused prefix
# there is cut back by at most 127 tokens). FA_FINE is a multiple of FA_CHUNK.
FA_ROWS = 63
FA_CHUNK = 128
FA_FINE = 512

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


def make_picker(llm: Any, p: SamplingParams, seed: int, nucleus: FactualNucleus | None = None) -> TokenPicker:
    """The token picker for one run: a llama.cpp sampler chain built fresh (its RNG seeded
    from ``seed``; with ``nucleus``, its top-p stage is the factual nucleus's decaying one),
    our repeat penalty before it (backends/llama_pick.py)."""
    from llama_cpp import _internals

    chain = _internals.LlamaSampler()
    chain_stages(chain, p.temperature, p.top_k, p.top_p, p.min_p, seed,
                 top_p_stage(nucleus) if nucleus is not None else None)
    penalty = RepeatPenalty(p.repeat_penalty, last_n=64) if p.repeat_penalty != 1.0 else None
    return TokenPicker(chain, llm._ctx.ctx, greedy=p.temperature == 0, penalty=penalty)


def open_backend(settings: Any, registry: Any, pool: Any) -> tuple[Any, LlamaCppBackend]:
    """The catalog's entry point (backends/catalog.py): a registry model, loaded through the pool."""
    entry = registry.resolve(settings.model)
    if entry.path is None:
        raise ModelLoadError(_('the model {name} is not prepared yet; run `python main.py models --prepare`').format(name=entry.name))
    params = LlamaLoadParams(str(entry.path), settings.n_ctx if settings.n_ctx is not None else 4096,
                             settings.n_threads, settings.n_batch or 512, settings.gpu_layers,
                             bool(settings.flash_attn))
    return entry, pool.llama(params)
