"""The transformers backend on the bundled SmolLM2 GGUF (Q4_1, dequantized by
transformers to float32), and its clear failures."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading

import pytest

from backends.base import CancelToken, GenerationRequest, GenerationResult, Message, SamplingParams, TokenEvent, complete
from common.errors import BackendError, ContextOverflowError, ModelLoadError, ModelNotFoundError
from guards.constrain import Constraint
from tests.guards.test_constrain import KINDS, Person
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

    def test_tools_and_documents_reach_the_template_in_our_sandbox(self, backend):
        tools = ({"type": "function", "function": {"name": "get_time", "parameters": {"type": "object"}}},)
        docs = ({"title": "Note", "text": "Shop opens at 9."},)
        sent = backend.render(GenerationRequest(messages=(Message("user", "Hi"),), tools=tools, documents=docs))
        # SmolLM2's ChatML reads neither, so both are written into a system message, and a notice says so
        assert sent.startswith('<|im_start|>system\nYou can call tools.') and '"name": "get_time"' in sent
        assert "## Document 1: Note\nShop opens at 9.<|im_end|>\n<|im_start|>user\nHi<|im_end|>" in sent
        assert any("does not read tools and documents" in n for n in backend.notices)

    def test_completion_mode_sends_raw_text(self, backend):
        r = complete(backend, GenerationRequest(prompt="Once upon a time", params=SamplingParams(temperature=0, max_tokens=4)))
        assert r.sent_text == "Once upon a time" and r.chat_format is None
        assert r.timings.prompt_tokens == backend.count_tokens("Once upon a time") == 4

    def test_seeded_sampling_reproduces_and_unseeded_records_its_seed(self, backend):
        a = complete(backend, chat("Invent a name for a cat.", temperature=1.0, max_tokens=8))
        b = complete(backend, chat("Invent a name for a cat.", temperature=1.0, max_tokens=8, seed=a.extra["seed"]))
        assert a.text == b.text

    def test_context_overflow(self, backend):
        with pytest.raises(ContextOverflowError, match="over the context size of 1024"):
            complete(backend, chat("apple " * 1500, max_tokens=2))


MECHANISM = "llguidance (grammar from guidance) in our transformers loop"


def constrained(question: str, constraint: Constraint, **params) -> GenerationRequest:
    return GenerationRequest(messages=(Message("user", question),), constraint=constraint,
                             params=SamplingParams(**{"max_tokens": 80, **params}))


class TestConstrainedOutput:
    @pytest.mark.parametrize("kind", list(KINDS))
    def test_greedy_and_sampled_output_validates(self, backend, kind):
        constraint, question = KINDS[kind]
        failures = []
        runs = [dict(temperature=0)] + [dict(temperature=1.0, seed=seed) for seed in range(5)]
        for params in runs:
            r = complete(backend, constrained(question, constraint, **params))
            ok, _, problem = constraint.check(r.text)
            x = r.extra
            if not (ok and r.finish_reason == "stop" and x["constraint_satisfied"] is True):
                failures.append((params, r.text, r.finish_reason, problem))
            assert x["constraint_mechanism"] == MECHANISM
            assert x["sampled_tokens"] + x["ff_tokens"] == r.timings.completion_tokens
            assert x["sampled_tokens"] >= 1 and x["mask_ms_mean"] > 0  # the mask ran before every draw
        assert failures == [], f"{kind}: {failures[:3]}"

    def test_forced_tokens_are_fast_forwarded(self, backend):
        r = complete(backend, constrained("Describe a person as JSON.", Constraint.json_schema(Person), temperature=0))
        Person.model_validate_json(r.text)
        # '{"name": "', '", "age": ', ', "likes_tea": ' and the closing brace are fixed by the schema
        assert r.extra["ff_tokens"] >= 10 and r.extra["sampled_tokens"] >= 3
        assert r.extra["ff_tokens"] + r.extra["sampled_tokens"] == r.timings.completion_tokens

    def test_sampled_runs_reproduce_from_their_seed(self, backend):
        c, q = KINDS["json_schema"]
        a = complete(backend, constrained(q, c, temperature=1.0, seed=7))
        b = complete(backend, constrained(q, c, temperature=1.0, seed=7))
        assert a.text == b.text and c.matches(a.text)

    def test_stop_strings_are_ignored_under_a_constraint(self, backend):
        c = Constraint.json_schema(Person)
        r = complete(backend, constrained("Describe a person as JSON.", c, temperature=0, stop=('"',)))
        assert r.finish_reason == "stop" and c.matches(r.text) and '"' in r.text

    def test_max_tokens_cuts_a_constrained_run_short(self, backend):
        c = Constraint.json_schema(Person)
        r = complete(backend, constrained("Describe a person as JSON.", c, temperature=0, max_tokens=3))
        assert r.finish_reason == "length" and r.timings.completion_tokens == 3
        assert r.extra["ff_tokens"] == 3 and r.extra["sampled_tokens"] == 0  # the budget bounds the fast-forward too
        assert r.extra["constraint_satisfied"] is False and not c.matches(r.text)
        assert r.text and '{"name": "'.startswith(r.text)

    def test_cancel_mid_run_then_the_next_run_is_whole(self, backend):
        story = Constraint.json_schema({"type": "object", "properties": {"story": {"type": "string"}}, "required": ["story"]})
        cancel = CancelToken()
        seen: list[str] = []
        result = None
        for ev in backend.stream(constrained("Write a long story about a dragon as JSON.", story,
                                             temperature=0, max_tokens=200), cancel):
            if isinstance(ev, TokenEvent):
                seen.append(ev.text)
                if len(seen) == 4:  # the forced '{"story": "' and three sampled tokens
                    t = threading.Thread(target=cancel.cancel)
                    t.start()
                    t.join()
            else:
                result = ev
        assert isinstance(result, GenerationResult) and result.finish_reason == "cancelled"
        assert result.text == "".join(seen) and result.text.startswith('{"story": "')
        assert result.extra["sampled_tokens"] <= 4 and result.extra["constraint_satisfied"] is False
        again = complete(backend, constrained("Describe a person as JSON.", Constraint.json_schema(Person), temperature=0))
        assert again.finish_reason == "stop" and Person.model_validate_json(again.text)

    def test_a_constraint_this_model_cannot_take_is_a_clear_error(self, backend):
        # valid Lark that names a special token SmolLM2's vocabulary does not have
        c = Constraint.lark("start: <|no_such_token|>")
        with pytest.raises(BackendError) as err:
            complete(backend, constrained("Hi", c, temperature=0))
        msg = str(err.value)
        assert msg.startswith('the constraint cannot be applied to this model: at 6(8): unknown special token: "<|no_such_token|>"')
        assert "\n" not in msg
        r = complete(backend, constrained("Is the sky blue?", Constraint.choice(["yes", "no"]), temperature=0))
        assert r.text in ("yes", "no")


class TestMaskLogits:
    """Masking torch logits, without a model: ids past the tokenizer's vocabulary are forbidden."""

    def test_forbids_what_the_grammar_forbids_and_every_id_past_the_vocabulary(self):
        import numpy as np
        import torch

        allowed = np.zeros(10, dtype=bool)
        allowed[[2, 7]] = True
        logits = torch.arange(14, dtype=torch.float32)  # a model whose logits are 4 wider than its tokenizer
        transformers_hf.mask_logits(torch, logits, allowed)
        assert torch.isfinite(logits).nonzero().flatten().tolist() == [2, 7]
        assert logits[2] == 2 and logits[7] == 7

    def test_only_ids_the_model_lacks_is_an_error(self):
        import numpy as np
        import torch

        allowed = np.zeros(10, dtype=bool)
        allowed[9] = True
        with pytest.raises(BackendError, match="allows only tokens this model cannot produce"):
            transformers_hf.mask_logits(torch, torch.zeros(8), allowed)


class TestMemory:
    def test_reports_full_precision_weights_and_the_load_growth(self, backend, smollm2):
        mem = backend.memory
        file_mb = smollm2.stat().st_size / 1e6
        # 134.5 M parameters in float32: 538 MB, against a 98 MB Q4_1 file
        assert mem["weights_mb"] == round(backend.info.parameters * 4 / 1e6, 1)
        assert mem["weights_mb"] > 5 * file_mb
        # the dequantized tensors are written, so they are resident (large tensors are their own mmaps)
        assert mem["load_rss_mb"] > mem["weights_mb"] / 2
        assert "kv_cache_mb" not in mem  # the transformers cache grows with the run: not measured at load

    def test_every_result_carries_it(self, backend):
        r = complete(backend, chat("Name a colour.", temperature=0, max_tokens=3))
        assert r.extra["memory"] == backend.memory


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
                             cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
        assert out.stdout.strip() == "ERR the transformers backend needs torch: pip install torch==2.13.0", out.stderr[-2000:]

    def test_importing_the_module_does_not_import_torch(self):
        code = "import sys, backends.transformers_hf; print('torch' in sys.modules, 'transformers' in sys.modules)"
        root = str(__import__("pathlib").Path(__file__).resolve().parents[2])
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


def test_pipeline_records_a_constrained_transformers_run_as_passing(backend, smollm2, home):
    from runs.engine import Engine
    from runs.spec import RunSpec

    c = Constraint.json_schema(Person)
    engine = Engine.open(home, pool=_HeldPool(backend), search_dirs=[])
    try:
        out = engine.pipeline.run(RunSpec(prompt="A person as JSON.", backend="transformers", model=str(smollm2),
                                          constraint=c.to_dict(), n_ctx=1024, n_threads=1,
                                          params=SamplingParams(temperature=1.0, seed=3, max_tokens=80)))
        run = engine.store.get_run(out.run_id)
        assert out.status == "ok" and json.loads(run["constraint_json"]) == c.to_dict()
        extra = json.loads(run["extra_json"])
        assert extra["constraint_mechanism"] == MECHANISM and extra["constraint_satisfied"] is True
        assert extra["memory"] == backend.memory
        (check,) = engine.store.checks_for(out.run_id)
        assert (check["name"], check["verdict"]) == ("constraint", "pass")
        assert check["message"].endswith(f"enforced by {MECHANISM}")
        Person.model_validate_json(out.output)
    finally:
        engine.store.close()


class TestAnswerScoring:
    def test_scores_over_the_prompt_cache_equal_one_forward_pass_per_answer(self, backend):
        import torch

        from backends.answer_scoring import score_answers

        options = ["Paris", "Rome, Italy"]
        req = GenerationRequest(messages=(Message("user", "Capital of France?"),),
                                params=SamplingParams(temperature=0.0), constraint=Constraint.choice(options))
        s = score_answers(backend, req, options)
        assert sum(x.prob for x in s.scores) == pytest.approx(1.0) and [x.n_tokens for x in s.scores] == [1, 3]
        sent = backend.render(req)
        prompt = backend.tokenize(sent)
        rome = backend.tokenize(sent + "Rome, Italy")[len(prompt):]
        with torch.inference_mode():
            logits = backend._model(input_ids=torch.tensor([prompt + rome[:-1]])).logits[0].double()
        rows = torch.log_softmax(logits[len(prompt) - 1:], dim=-1)
        assert s.scores[1].logprob == pytest.approx(sum(float(rows[j, t]) for j, t in enumerate(rome)), abs=1e-4)
        assert score_answers(backend, req, options).scores == s.scores  # the cache was cropped back to the prompt


class TestTokenProbabilities:
    def test_a_greedy_trace_matches_llama_cpps_shape(self, backend):
        req = GenerationRequest(messages=(Message("user", "Name a colour."),), logprobs=4,
                                params=SamplingParams(temperature=0, repeat_penalty=1.0, max_tokens=6))
        r = complete(backend, req)
        t = r.tokens
        assert t is not None and t.source == "transformers" and len(t) == r.timings.completion_tokens
        assert "".join(s.text for s in t.steps) == r.text
        for s in t.steps:
            assert 0 < s.prob <= 1 and s.entropy >= 0 and len(s.top) == 4
            assert s.top[0].token_id == s.token_id
            assert [a.logprob for a in s.top] == sorted((a.logprob for a in s.top), reverse=True)

    def test_forced_tokens_are_marked(self, backend):
        c = Constraint.choice(["blue sky", "green grass"])
        req = GenerationRequest(messages=(Message("user", "Name a colour."),), constraint=c, logprobs=2,
                                params=SamplingParams(temperature=0, max_tokens=8))
        r = complete(backend, req)
        assert r.text in ("blue sky", "green grass")
        assert any(s.forced for s in r.tokens.steps) and "".join(s.text for s in r.tokens.steps) == r.text
        assert r.tokens.constrained  # which alternatives the grammar ruled out, as in the llama.cpp loop
        for s in r.tokens.steps:
            if s.forced:
                assert set(s.blocked) == {a.token_id for a in s.top} - {s.token_id}

    def test_factual_nucleus_narrows_within_a_sentence(self, backend):
        from backends.factual_nucleus import SENTENCE_ENDS

        p = SamplingParams(temperature=1.5, top_p=0.95, top_k=0, min_p=0, repeat_penalty=1.0, max_tokens=8, seed=3,
                           factual_nucleus=True, factual_lambda=0.01, factual_omega=0.01)
        req = GenerationRequest(messages=(Message("user", "Name a colour."),), params=p, logprobs=1)
        steps = complete(backend, req).tokens.steps
        pairs = [(a, b) for a, b in zip(steps, steps[1:]) if not a.text.rstrip(" \t").endswith(SENTENCE_ENDS)]
        assert len(pairs) >= 4 and all(b.token_id == b.top[0].token_id for _, b in pairs)
