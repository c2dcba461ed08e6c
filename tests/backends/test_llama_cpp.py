"""The real llama.cpp backend on the bundled SmolLM2 model."""

from __future__ import annotations

import pytest

from backends.base import GenerationRequest, Message, SamplingParams, complete
from backends.llama_cpp import CPU_ONLY_NOTICE, LlamaCppBackend, LlamaLoadParams, gpu_offload_supported
from common.errors import ChatTemplateError, ContextOverflowError, InvalidParamsError, ModelLoadError
from tests.backend_contract import BackendContract, chat
from tests.gguf_tools import rewrite_string_kv

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def backend(smollm2):
    b = LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=1024))
    yield b
    b.close()


@pytest.fixture
def failing_request():
    return chat("word " * 2000, max_tokens=4)  # over the 1024-token context


class TestLlamaContract(BackendContract):
    pass


def fresh(smollm2, n_ctx=1024):
    return LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=n_ctx))


SYSTEM = "You are a careful assistant. Answer in one short paragraph."


def convo(q: str) -> tuple[Message, ...]:
    return (Message("system", SYSTEM), Message("user", q))


class TestReuseDoesNotChangeResults:
    """Reusing the KV cache must give the same bytes as a fresh context."""

    @pytest.mark.parametrize("params", [
        SamplingParams(temperature=0, max_tokens=48),
        SamplingParams(temperature=0.9, seed=1234, max_tokens=48),
    ], ids=["greedy", "seeded"])
    def test_fresh_reused_and_unaligned_prefix_agree(self, smollm2, params):
        a = GenerationRequest(messages=convo("Why is the sky blue?"), params=params)
        b = GenerationRequest(messages=convo("Why is the sea salty?"), params=params)
        warm = fresh(smollm2)
        first = complete(warm, a)
        again = complete(warm, a)  # the whole prompt is cached
        other = complete(warm, b)  # shares the system prompt, diverges mid-question
        assert again.timings.cached_tokens == first.timings.prompt_tokens - 2
        assert 0 < other.timings.cached_tokens < other.timings.prompt_tokens
        cold_a = complete(fresh(smollm2), a)
        cold_b = complete(fresh(smollm2), b)
        assert first.text == again.text == cold_a.text
        assert other.text == cold_b.text
        assert first.text.strip()

    def test_small_batches_never_leave_a_single_token_chunk(self, smollm2):
        # n_batch 8: some prompt lengths would end with a one-token chunk
        params = SamplingParams(temperature=0.9, seed=99, max_tokens=24)
        small = lambda: LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=512, n_batch=8))  # noqa: E731
        warm = small()
        for q in ("Why?", "Why is it?", "Why is it so?", "Why is it so cold?"):
            req = GenerationRequest(messages=convo(q), params=params)
            assert complete(warm, req).text == complete(small(), req).text, q

    def test_unseeded_runs_record_their_seed_and_reproduce(self, backend):
        r1 = complete(backend, chat("Invent a name for a cat.", temperature=1.0, max_tokens=16))
        seed = r1.extra["seed"]
        r2 = complete(backend, chat("Invent a name for a cat.", temperature=1.0, max_tokens=16, seed=seed))
        assert r1.text == r2.text


class TestChatTemplate:
    def test_renders_the_models_own_chatml_template(self, backend):
        sent = backend.render(GenerationRequest(messages=convo("Hi")))
        assert sent == (
            f"<|im_start|>system\n{SYSTEM}<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"
        )

    def test_completion_mode_sends_raw_text(self, backend):
        assert backend.render(GenerationRequest(prompt="Once upon a time")) == "Once upon a time"

    @pytest.mark.parametrize("payload", [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ messages.__class__.__init__.__globals__ }}",
        "{% for i in range(10**9) %}x{% endfor %}",
        "{{ 'a' * 10**9 }}",
        "{{ raise_exception.__globals__['__builtins__'] }}",
    ])
    def test_malicious_template_in_gguf_metadata_is_refused(self, smollm2, tmp_path, payload):
        evil = rewrite_string_kv(smollm2, tmp_path / "evil.gguf", "tokenizer.chat_template", payload)
        b = fresh(evil)
        try:
            with pytest.raises(ChatTemplateError) as err:
                complete(b, chat("hello", max_tokens=2))
            assert "chat template" in str(err.value)
            # completion mode does not use the template and still works
            r = complete(b, GenerationRequest(prompt="Hello", params=SamplingParams(temperature=0, max_tokens=3)))
            assert r.finish_reason in ("length", "stop")
        finally:
            b.close()


class TestBadInput:
    def test_context_larger_than_the_model_supports(self, smollm2):
        with pytest.raises(InvalidParamsError, match="larger than the 8192 tokens"):
            LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=100_000))

    def test_prompt_longer_than_the_context_is_refused_with_the_count(self, backend):
        with pytest.raises(ContextOverflowError) as err:
            complete(backend, chat("apple " * 1500, max_tokens=4))
        assert "over the context size of 1024" in str(err.value)
        assert err.value.prompt_tokens > 1024

    def test_not_a_gguf_file(self, tmp_path):
        bad = tmp_path / "model.gguf"
        bad.write_text("this is not a model")
        with pytest.raises(ModelLoadError, match="not a GGUF model file"):
            LlamaCppBackend(LlamaLoadParams(str(bad)))

    def test_truncated_gguf(self, smollm2, tmp_path):
        from tests.gguf_tools import truncated_copy

        cut = truncated_copy(smollm2, tmp_path / "cut.gguf", 0.6)
        with pytest.raises(ModelLoadError, match="truncated"):
            LlamaCppBackend(LlamaLoadParams(str(cut)))


class TestGpuOffload:
    def test_cpu_only_build_reports_and_records_requested_layers(self, smollm2):
        b = LlamaCppBackend(LlamaLoadParams(str(smollm2), n_ctx=512, n_gpu_layers=10))
        try:
            b.load()
            if gpu_offload_supported():
                assert b.gpu_layers_effective == 10
                assert b.notices == []
            else:
                assert b.gpu_layers_requested == 10
                assert b.gpu_layers_effective == 0
                assert b.notices == [CPU_ONLY_NOTICE.format(n=10)]
                assert "make setup CUDA=1" in b.notices[0]
        finally:
            b.close()


class TestMemory:
    def test_reports_the_quantized_weights_the_kv_cache_and_the_load_growth(self, backend, smollm2):
        mem = backend.memory
        file_mb = smollm2.stat().st_size / 1e6
        assert 0.9 * file_mb < mem["weights_mb"] < file_mb  # the Q4_1 tensors: the file less its header and vocabulary
        # f16 K and V: 1024 cells x 30 layers x (192 + 192) values x 2 bytes; llama.cpp logs 22.50 MiB
        assert mem["kv_cache_mb"] == round(1024 * 30 * 384 * 2 / 1e6, 1) == 23.6
        assert mem["load_rss_mb"] > 0

    def test_the_kv_cache_follows_the_context_size(self, smollm2):
        b = fresh(smollm2, n_ctx=512)
        try:
            assert b.memory["kv_cache_mb"] == round(512 * 30 * 384 * 2 / 1e6, 1)
        finally:
            b.close()

    def test_every_result_carries_it(self, backend):
        r = complete(backend, chat("Name a colour.", temperature=0, max_tokens=3))
        assert r.extra["memory"] == backend.memory and set(r.extra["memory"]) == {"weights_mb", "load_rss_mb", "kv_cache_mb"}
