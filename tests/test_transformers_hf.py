"""The transformers backend on the bundled SmolLM2 GGUF (Q4_1, dequantized by
transformers to float32), and its clear failures."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from backends.base import GenerationRequest, Message, SamplingParams, complete
from common.errors import ContextOverflowError, ModelLoadError, ModelNotFoundError
from guards.constrain import Constraint
from tests.backend_contract import BackendContract, chat
from tests.gguf_tools import rewrite_string_kv

pytestmark = pytest.mark.real

transformers_hf = pytest.importorskip("backends.transformers_hf")
HFLoadParams = transformers_hf.HFLoadParams
TransformersBackend = transformers_hf.TransformersBackend


@pytest.fixture(scope="module")
def backend(smollm2):
    # one torch thread: on the shared 2-core machine two OpenMP threads collapse to 1-3 tok/s
    b = TransformersBackend(HFLoadParams(str(smollm2), device="cpu", n_ctx=1024, n_threads=1))
    b.load()
    yield b
    b.close()


@pytest.fixture
def failing_request():
    return chat("word " * 2000, max_tokens=4)  # over the 1024-token context


class TestTransformersContract(BackendContract):
    pass


class TestTransformers:
    def test_loads_the_q4_1_gguf_dequantized(self, backend):
        info = backend.info
        assert info.architecture == "llama" and info.block_count == 30
        assert info.quantization == "Q4_1 dequantized to float32"
        assert backend.n_ctx == 1024 and backend.device == "cpu"
        assert backend.params.n_threads == 1
        assert backend.chat_format == "hf:tokenizer.chat_template"

    def test_renders_with_the_tokenizers_own_template(self, backend):
        msgs = (Message("system", "Be brief."), Message("user", "Hi"))
        sent = backend.render(GenerationRequest(messages=msgs))
        assert sent == "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"
        # the same text as the GGUF template rendered by our own sandbox for llama.cpp
        from backends.chat_template import ChatTemplate

        ours = ChatTemplate(backend.info.chat_template, bos_token="<|im_start|>", eos_token="<|im_end|>")
        assert ours.render(msgs) == sent

    def test_completion_mode_sends_raw_text(self, backend):
        r = complete(backend, GenerationRequest(prompt="Once upon a time", params=SamplingParams(temperature=0, max_tokens=4)))
        assert r.sent_text == "Once upon a time" and r.chat_format is None
        assert r.timings.prompt_tokens == backend.count_tokens("Once upon a time") == 4

    def test_seeded_sampling_reproduces_and_unseeded_records_its_seed(self, backend):
        a = complete(backend, chat("Invent a name for a cat.", temperature=1.0, max_tokens=8))
        b = complete(backend, chat("Invent a name for a cat.", temperature=1.0, max_tokens=8, seed=a.extra["seed"]))
        assert a.text == b.text

    def test_a_constraint_is_checked_after_generation(self, backend):
        c = Constraint.choice(["yes", "no"])
        req = GenerationRequest(messages=(Message("user", "Is the sky blue?"),),
                                params=SamplingParams(temperature=0, max_tokens=3), constraint=c)
        r = complete(backend, req)
        assert r.extra["constraint_mechanism"].startswith("not enforced")
        assert r.extra["constraint_ok"] is c.matches(r.text)

    def test_context_overflow(self, backend):
        with pytest.raises(ContextOverflowError, match="over the context size of 1024"):
            complete(backend, chat("apple " * 1500, max_tokens=2))


class TestClearFailures:
    def test_missing_path(self, tmp_path):
        with pytest.raises(ModelNotFoundError, match="no model at"):
            TransformersBackend(HFLoadParams(str(tmp_path / "nope")))

    def test_folder_without_weights(self, tmp_path):
        folder = tmp_path / "tiny-llama"
        folder.mkdir()
        (folder / "config.json").write_text(json.dumps({"model_type": "llama"}))
        (folder / "tokenizer.json").write_text("{}")
        with pytest.raises(ModelLoadError) as err:
            TransformersBackend(HFLoadParams(str(folder)))
        assert str(err.value) == (
            "tiny-llama has a config.json but no weights (no *.safetensors or *.bin): "
            "download the full model, not only its configuration")

    def test_folder_that_is_not_a_model(self, tmp_path):
        with pytest.raises(ModelLoadError, match="not a Hugging Face model folder"):
            TransformersBackend(HFLoadParams(str(tmp_path)))

    def test_gguf_architecture_transformers_cannot_load(self, smollm2, tmp_path):
        odd = rewrite_string_kv(smollm2, tmp_path / "odd.gguf", "general.architecture", "rwkv6")
        with pytest.raises(ModelLoadError) as err:
            TransformersBackend(HFLoadParams(str(odd)))
        msg = str(err.value)
        assert msg.startswith("transformers cannot load the GGUF architecture 'rwkv6' of odd.gguf; it dequantizes only: llama")
        assert msg.endswith("Use the llama.cpp backend for this file")

    def test_not_a_gguf_file(self, tmp_path):
        bad = tmp_path / "model.gguf"
        bad.write_text("not a model")
        with pytest.raises(ModelLoadError, match="not a GGUF model file"):
            TransformersBackend(HFLoadParams(str(bad)))

    def test_torch_missing(self, smollm2):
        code = textwrap.dedent(f"""
            import sys
            sys.modules["torch"] = None  # import torch raises ImportError
            from backends.transformers_hf import HFLoadParams, TransformersBackend
            from common.errors import BackendError
            try:
                TransformersBackend(HFLoadParams({str(smollm2)!r}))
            except BackendError as exc:
                print("ERR", exc)
        """)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                             cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent))
        assert out.stdout.strip() == "ERR the transformers backend needs torch: pip install torch==2.13.0", out.stderr[-2000:]

    def test_importing_the_module_does_not_import_torch(self):
        code = "import sys, backends.transformers_hf; print('torch' in sys.modules, 'transformers' in sys.modules)"
        root = str(__import__("pathlib").Path(__file__).resolve().parent.parent)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=root)
        assert out.stdout.strip() == "False False", out.stderr[-2000:]


class _HeldPool:
    """A pool that hands the already-loaded module backend to the pipeline (no second 30 s load)."""

    def __init__(self, backend):
        self.backend = backend
        self.keys = []

    def get(self, key, factory):
        self.keys.append(key)
        return self.backend

    def current(self):
        return self.backend

    def unload_all(self):
        pass


def test_pipeline_runs_and_records_the_transformers_backend(backend, smollm2, home):
    from runs.engine import Engine
    from runs.spec import RunSpec

    pool = _HeldPool(backend)
    engine = Engine.open(home, pool=pool, search_dirs=[])
    try:
        out = engine.pipeline.run(RunSpec(prompt="Name a fruit.", backend="transformers", model=str(smollm2),
                                          params=SamplingParams(temperature=0, max_tokens=6), n_ctx=1024, n_threads=1))
        row = engine.store.get_run(out.run_id)
        assert out.status == "ok" and out.output
        assert row["backend"] == "transformers" and row["chat_format"] == "hf:tokenizer.chat_template"
        assert row["model_sha256"] and row["completion_tokens"] > 0
        assert pool.keys and pool.keys[0][0] == "transformers"
    finally:
        engine.store.close()
