"""The one run path: fast tests on the fake backend, then the real model."""

from __future__ import annotations

import pytest

from backends.base import CancelToken, SamplingParams, TokenEvent
from common.errors import ContextOverflowError, InvalidParamsError, ModelLoadError, ModelNotFoundError
from runs.outcome import RunOutcome
from runs.spec import RunSpec
from tests.fakes import FakeBackend
from tests.store_tools import store_connection


def run_all(engine, spec, cancel=None):
    events = list(engine.pipeline.stream(spec, cancel))
    assert isinstance(events[-1], RunOutcome)
    return events[:-1], events[-1]


class TestWithFakeBackend:
    def test_records_running_then_ok_with_everything_needed(self, fake_engine):
        seen_status = []
        spec = RunSpec(prompt="hi", system="be brief", params=SamplingParams(temperature=0, seed=5))
        for ev in fake_engine.pipeline.stream(spec):
            if isinstance(ev, TokenEvent) and not seen_status:
                rid = fake_engine.store.list_runs(limit=1)[0]["id"]
                seen_status.append(fake_engine.store.get_run(rid)["status"])
            last = ev
        assert seen_status == ["running"]
        run = fake_engine.store.get_run(last.run_id)
        assert run["status"] == "ok" and run["output"] == "Hello, world!"
        assert run["sent_text"] == "<system>be brief</system><user>hi</user><assistant>"
        assert run["mode"] == "chat" and run["seed"] == 5
        assert run["model_sha256"] and len(run["model_sha256"]) == 64
        assert run["finish_reason"] == "stop" and run["completion_tokens"] == 4

    def test_error_mid_stream_is_recorded_with_partial_output(self, fake_engine):
        fake_engine.pool.backend = FakeBackend(["a", "b", "c"], fail_after=2)
        tokens, out = run_all(fake_engine, RunSpec(prompt="x"))
        assert out.status == "error" and out.output == "ab"
        run = fake_engine.store.get_run(out.run_id)
        assert run["status"] == "error" and run["output"] == "ab"
        assert run["error"] == "fake backend failed on purpose"

    def test_cancel_is_recorded_with_partial_output(self, fake_engine):
        cancel = CancelToken()
        out = None
        for ev in fake_engine.pipeline.stream(RunSpec(prompt="x"), cancel):
            if isinstance(ev, TokenEvent) and ev.text == ",":
                cancel.cancel()
            out = ev
        assert out.status == "cancelled" and out.output == "Hello,"
        assert fake_engine.store.get_run(out.run_id)["status"] == "cancelled"

    def test_abandoned_stream_is_recorded_as_cancelled(self, fake_engine):
        gen = fake_engine.pipeline.stream(RunSpec(prompt="x"))
        next(gen)
        gen.close()  # the window closed, or Ctrl-C unwound the loop
        run = fake_engine.store.list_runs(limit=1)[0]
        assert fake_engine.store.get_run(run["id"])["status"] == "cancelled"

    def test_prompt_over_the_context_is_refused_before_recording(self, fake_engine):
        fake_engine.pool.backend = FakeBackend(n_ctx=10)
        with pytest.raises(ContextOverflowError, match="over the context size of 10"):
            run_all(fake_engine, RunSpec(prompt="word " * 50))
        assert fake_engine.store.count_runs() == 0

    def test_store_failure_at_the_end_keeps_the_output_and_can_retry(self, fake_engine):
        store = fake_engine.store
        events = fake_engine.pipeline.stream(RunSpec(prompt="x"))
        next(events)
        store_connection(store).execute("PRAGMA query_only = ON")
        out = [e for e in events][-1]
        assert out.saved is False and "cannot be written" in out.save_error
        assert out.output == "Hello, world!"
        store_connection(store).execute("PRAGMA query_only = OFF")
        fake_engine.pipeline.retry_save(out)
        assert out.saved and store.get_run(out.run_id)["output"] == "Hello, world!"

    def test_completion_mode_for_models_without_a_chat_template(self, fake_engine):
        fake_engine.pool.backend = FakeBackend(chat=False)
        _, out = run_all(fake_engine, RunSpec(prompt="Once upon", system="Story:"))
        run = fake_engine.store.get_run(out.run_id)
        assert run["mode"] == "completion" and run["sent_text"] == "Story:\n\nOnce upon"


class TestBadInput:
    @pytest.mark.parametrize("kwargs, message", [
        ({"temperature": -0.1}, "temperature must be >= 0"),
        ({"top_p": 0}, "top_p must be in (0, 1]"),
        ({"top_p": 1.5}, "top_p must be in (0, 1]"),
        ({"max_tokens": 0}, "max_tokens must be > 0"),
        ({"max_tokens": -5}, "max_tokens must be > 0"),
        ({"temperature": float("nan")}, "temperature must be >= 0"),
    ])
    def test_sampling_params(self, kwargs, message):
        with pytest.raises(InvalidParamsError) as err:
            SamplingParams(**kwargs)
        assert message in str(err.value)

    def test_empty_prompt(self):
        with pytest.raises(InvalidParamsError, match="the prompt is empty"):
            RunSpec(prompt="   ")

    def test_missing_model_path(self, fake_engine, tmp_path):
        with pytest.raises(ModelNotFoundError, match="model file not found"):
            fake_engine.pipeline.run(RunSpec(prompt="x", model=str(tmp_path / "nope.gguf")))

    def test_unknown_model_name(self, fake_engine):
        with pytest.raises(ModelNotFoundError, match="unknown model 'nope'"):
            fake_engine.pipeline.run(RunSpec(prompt="x", model="nope"))

    def test_file_that_is_not_gguf(self, fake_engine, tmp_path):
        bad = tmp_path / "x.gguf"
        bad.write_bytes(b"\x89PNG" + b"\0" * 100)
        with pytest.raises(ModelLoadError, match="not a GGUF model file"):
            fake_engine.pipeline.run(RunSpec(prompt="x", model=str(bad)))


@pytest.mark.real
class TestWithTheRealModel:
    def test_rerunning_a_logged_run_reproduces_it_byte_for_byte(self, real_engine):
        spec = RunSpec(prompt="Write one sentence about owls.", params=SamplingParams(temperature=1.0, max_tokens=40), n_ctx=1024)
        first = real_engine.pipeline.run(spec)  # no seed given: one is drawn and recorded
        assert first.status == "ok"
        stored = real_engine.store.get_run(first.run_id)
        assert stored["seed"] is not None
        again = [e for e in real_engine.pipeline.rerun(first.run_id)][-1]
        assert again.output == first.output == stored["output"]
        assert real_engine.store.get_run(again.run_id)["sent_text"] == stored["sent_text"]

    def test_gemma_base_model_runs_in_completion_mode(self, real_engine, shared_home):
        from backends.registry import prepare_gemma

        real_engine.registry.home = shared_home
        prepare_gemma(shared_home)
        out = real_engine.pipeline.run(RunSpec(prompt="The capital of France is", model="gemma3-270m",
                                               params=SamplingParams(temperature=0, max_tokens=8), n_ctx=512))
        run = real_engine.store.get_run(out.run_id)
        assert run["mode"] == "completion" and run["sent_text"] == "The capital of France is"
        assert out.status == "ok" and out.output.strip()


def test_answer_scoring_that_fails_is_recorded_not_raised(fake_engine):
    """A choice run on a backend whose scoring breaks: the run is ok, its record says why in one line."""
    from runs.spec import RunSpec
    from tests.fakes import FakeBackend

    class Breaks(FakeBackend):
        supports_constraints = True
        supports_answer_scoring = True

        def score_answers(self, request, answers, cancel=None):
            raise RuntimeError("boom")

    fake_engine.pool.backend = Breaks(["yes"])
    out = fake_engine.pipeline.run(RunSpec(prompt="x", constraint={"kind": "choice", "choices": ["yes", "no"]}))
    assert out.status == "ok"
    assert out.answer_probs == {"error": "answer scoring failed (RuntimeError); see the log", "answers": []}
    import json

    assert json.loads(fake_engine.store.get_run(out.run_id)["extra_json"])["answer_probs"] == out.answer_probs


def test_a_flash_attention_rerun_uses_the_threads_the_run_had():
    """With flash attention, one token's attention over 512+ cache cells is split across
    the threads (measured: 1 and 2 threads part at the token whose cache passes 256
    cells), so a rerun that did not name a count takes the run's recorded one."""
    import json

    from runs.pipeline import spec_from_row

    def row(spec: RunSpec, threads: int) -> dict:
        return {"id": "r1", "spec_json": json.dumps(spec.to_dict()), "model_path": None, "n_threads": threads}

    assert spec_from_row(row(RunSpec(prompt="x", flash_attn=True), 3)).n_threads == 3
    assert spec_from_row(row(RunSpec(prompt="x", flash_attn=True, n_threads=1), 3)).n_threads == 1  # as asked
    assert spec_from_row(row(RunSpec(prompt="x"), 3)).n_threads is None  # off: the same at any count
