"""Branch from a token on the real SmolLM2: the child run, its tree, same bytes on a
re-run and in a fresh context, only the suffix evaluated, and what is refused."""

from __future__ import annotations

import json
import shutil

import pytest

from backends.base import SamplingParams
from runs.branch import BranchError, branch, branch_tree, plan_branch
from runs.spec import RunSpec

pytestmark = pytest.mark.real

PROMPT = "Name three colours of the rainbow."
ONE = {"n_ctx": 1024, "n_threads": 1}  # one thread: a busy machine slows multi-threaded one-token steps 20x


def last(events):
    return list(events)[-1]


@pytest.fixture(scope="module")
def real_engine(tmp_path_factory, real_pool):
    """One data folder for the module (the tests share the parent run)."""
    from runs.engine import Engine

    engine = Engine.open(tmp_path_factory.mktemp("branch-home"), pool=real_pool, search_dirs=[])
    yield engine
    engine.store.close()


@pytest.fixture(scope="module")
def parent(real_engine, smollm2):
    spec = RunSpec(prompt=PROMPT, model=str(smollm2), **ONE, logprobs=5,
                   params=SamplingParams(temperature=0, max_tokens=12))
    out = real_engine.pipeline.run(spec)
    assert out.status == "ok"
    trace = real_engine.store.tokens(out.run_id)
    assert trace is not None and len(trace) >= 6
    return out, trace


def test_branch_at_step_3_with_the_second_alternative(real_engine, parent):
    out, trace = parent
    alt = trace.steps[3].top[1]
    assert alt.token_id != trace.steps[3].token_id
    child = last(branch(real_engine.pipeline, out.run_id, 3, token=alt.token_id))
    assert child.status == "ok"
    kept = "".join(s.text for s in trace.steps[:3])
    assert child.output.startswith(kept + alt.text) and child.output != out.output
    row = real_engine.store.get_run(child.run_id)
    assert row["parent_id"] == out.run_id and row["stage"] == "branch"
    point = json.loads(row["spec_json"])["branch"]
    assert point["at"] == 3 and point["original"]["id"] == trace.steps[3].token_id
    assert point["replacement"]["ids"] == [alt.token_id]
    # the warm cache held the parent's tokens: only the replacement was evaluated
    assert row["cached_tokens"] == row["prompt_tokens"] - 1
    # the child's record covers its whole output: a branch of the branch can be made
    ct = real_engine.store.tokens(child.run_id)
    assert "".join(s.text for s in ct.steps) == child.output
    assert ct.steps[3].forced and ct.steps[3].logprob == pytest.approx(alt.logprob, abs=1e-4)
    grand = last(branch(real_engine.pipeline, child.run_id, 5, token=ct.steps[5].top[1].token_id))
    tree = branch_tree(real_engine.store, grand.run_id)
    assert [(d, n.run_id) for d, n in tree.walk()] == [(0, out.run_id), (1, child.run_id), (2, grand.run_id)]
    # a re-run (same seed), after other work filled the cache, gives the same bytes
    real_engine.pipeline.run(RunSpec(prompt="Say hi.", model=row["model_path"], **ONE,
                                     params=SamplingParams(temperature=0, max_tokens=3)))
    again = last(real_engine.pipeline.rerun(child.run_id))
    assert again.output == child.output


def test_the_original_token_gives_the_original_text_warm_and_cold(real_engine, parent):
    out, trace = parent
    same = last(branch(real_engine.pipeline, out.run_id, 4, token=trace.steps[4].token_id))
    assert same.output == out.output
    spec = RunSpec(prompt=PROMPT, model=real_engine.store.get_run(out.run_id)["model_path"], **ONE)
    real_engine.pipeline.backend_for(spec)[1].reset_cache()  # as a fresh context: all evaluated again
    cold = last(branch(real_engine.pipeline, out.run_id, 4, token=trace.steps[4].token_id))
    assert cold.output == out.output
    assert real_engine.store.get_run(cold.run_id)["cached_tokens"] == 0


def test_typed_text_replaces_the_token(real_engine, parent):
    out, trace = parent
    child = last(branch(real_engine.pipeline, out.run_id, 2, text=" purple", max_tokens=3))
    assert child.output.startswith("".join(s.text for s in trace.steps[:2]) + " purple")
    assert real_engine.store.get_run(child.run_id)["completion_tokens"] <= 3


def steps_of(trace, lo, hi):
    return [(s.token_id, s.logprob, s.entropy, s.top, s.forced) for s in trace.steps[lo:hi]]


def test_typed_tokens_are_recorded_with_the_models_own_numbers(real_engine, parent):
    """Typing the parent's own next three tokens as text: the branch's record of them is
    the parent's, bit for bit (the backend evaluates them one per step, as the parent
    generated them), though only the first was the parent's choice at the branch point."""
    out, trace = parent
    backend = real_engine.pipeline.backend_for(
        RunSpec(prompt=PROMPT, model=real_engine.store.get_run(out.run_id)["model_path"], **ONE))[1]
    at = next(i for i in range(1, len(trace.steps) - 3)
              if backend.tokenize_output("".join(s.text for s in trace.steps[i:i + 3]))
              == [s.token_id for s in trace.steps[i:i + 3]])
    child = last(branch(real_engine.pipeline, out.run_id, at, text="".join(s.text for s in trace.steps[at:at + 3]),
                        max_tokens=2))
    assert child.status == "ok", child.error
    row = real_engine.store.get_run(child.run_id)
    assert json.loads(row["spec_json"])["branch"]["recorded_from"] == at + 1  # the first was the parent's token
    ct = real_engine.store.tokens(child.run_id)
    assert ct.note is None  # no "no known probabilities"
    want = [(t, lp, e, top, True) for t, lp, e, top, _f in steps_of(trace, at, at + 3)]
    assert steps_of(ct, at, at + 3) == want
    assert all(s.top and s.logprob < 0 for s in ct.steps[at + 1:at + 3])
    assert row["cached_tokens"] == row["prompt_tokens"] - 3  # the three typed tokens, nothing more


@pytest.mark.parametrize("at", [0, 3])  # 0: the token before is the prompt's last, evaluated again in a batch
def test_a_replacement_outside_the_alternatives_gets_its_exact_probability(real_engine, parent, at):
    """The parent recorded 5 alternatives; a token outside them has only an upper bound
    there, so the branch evaluates the token before it again and records its own numbers,
    the same warm and cold."""
    out, trace = parent
    step = trace.steps[at]
    outside = next(t for t in range(1000, 2000) if t != step.token_id and all(a.token_id != t for a in step.top))
    assert last(real_engine.pipeline.rerun(out.run_id)).output == out.output  # the cache holds the parent's tokens
    warm = last(branch(real_engine.pipeline, out.run_id, at, token=outside, max_tokens=2))
    assert warm.status == "ok", warm.error
    row = real_engine.store.get_run(warm.run_id)
    assert json.loads(row["spec_json"])["branch"]["recorded_from"] == at
    # the token before it again (at 0: the prompt's last two, never one alone), and the replacement
    assert row["cached_tokens"] == row["prompt_tokens"] - (3 if at == 0 else 2)
    wt = real_engine.store.tokens(warm.run_id)
    got = wt.steps[at]
    assert got.token_id == outside and got.forced and wt.note is None
    assert got.logprob < min(a.logprob for a in step.top)  # below every recorded alternative, and exact:
    assert (got.entropy, got.top) == (step.entropy, step.top)  # the parent's distribution at that step
    assert steps_of(wt, 0, at) == steps_of(trace, 0, at)
    real_engine.pipeline.backend_for(
        RunSpec(prompt=PROMPT, model=row["model_path"], **ONE))[1].reset_cache()
    cold = last(real_engine.pipeline.rerun(warm.run_id))
    assert cold.output == warm.output
    assert steps_of(real_engine.store.tokens(cold.run_id), 0, None) == steps_of(wt, 0, None)


def test_refusals(real_engine, parent, smollm2, tmp_path):
    out, trace = parent
    before = real_engine.store.count_runs()
    with pytest.raises(BranchError, match=r"step 99 is out of range: run \S+ has \d+ tokens"):
        plan_branch(real_engine.pipeline, out.run_id, 99, token=1)
    with pytest.raises(BranchError, match="replacement text is empty"):
        plan_branch(real_engine.pipeline, out.run_id, 1, text="")
    with pytest.raises(Exception, match="not in .*vocabulary"):
        plan_branch(real_engine.pipeline, out.run_id, 1, token=10**7)
    plain = real_engine.pipeline.run(RunSpec(prompt=PROMPT, model=str(smollm2), **ONE,
                                             params=SamplingParams(temperature=0, max_tokens=3)))
    with pytest.raises(BranchError, match="has no token record; re-run it with logprobs"):
        plan_branch(real_engine.pipeline, plain.run_id, 1, token=1)
    # the same run on a copy of the model file, then the copy changes: refused, saying which
    copy = tmp_path / "copy.gguf"
    shutil.copyfile(smollm2, copy)
    moved = real_engine.pipeline.run(RunSpec(prompt=PROMPT, model=str(copy), **ONE, logprobs=2,
                                             params=SamplingParams(temperature=0, max_tokens=3)))
    with copy.open("r+b") as f:
        f.seek(-1, 2)
        last_byte = f.read(1)
        f.seek(-1, 2)
        f.write(bytes([last_byte[0] ^ 1]))
    with pytest.raises(BranchError, match=r"copy.gguf has changed since \(sha256 \w+…, recorded \w+…\)"):
        plan_branch(real_engine.pipeline, moved.run_id, 1, token=1)
    copy.unlink()
    with pytest.raises(BranchError, match="copy.gguf is gone"):
        plan_branch(real_engine.pipeline, moved.run_id, 1, token=1)
    assert real_engine.store.count_runs() == before + 2  # the two runs made here; nothing refused was recorded


def test_a_chat_follow_up_gives_the_same_bytes_warm_and_cold(real_engine, smollm2):
    """The previous answer's KV came from one-token steps; the follow-up evaluates it in a
    batch, so it is not reused (bench_branch.py: the two ways change greedy text)."""
    from backends.base import Message

    first = real_engine.pipeline.run(RunSpec(prompt="Name a fruit.", model=str(smollm2), **ONE,
                                             params=SamplingParams(temperature=0, max_tokens=8)))
    follow = RunSpec(prompt="And a vegetable?", model=str(smollm2), **ONE,
                     messages=(Message("user", "Name a fruit."), Message("assistant", first.output)),
                     params=SamplingParams(temperature=0, max_tokens=8))
    warm = real_engine.pipeline.run(follow)
    first_prompt = real_engine.store.get_run(first.run_id)["prompt_tokens"]
    assert 0 < real_engine.store.get_run(warm.run_id)["cached_tokens"] <= first_prompt
    real_engine.pipeline.backend_for(follow)[1].reset_cache()
    cold = real_engine.pipeline.run(follow)
    assert warm.output == cold.output


SCHEMA = {"kind": "json_schema", "schema": {
    "type": "object", "properties": {"colour": {"type": "string"}, "count": {"type": "integer"}},
    "required": ["colour", "count"], "additionalProperties": False}}


def test_a_constrained_run_branches_under_its_grammar_with_the_same_bytes(real_engine, smollm2):
    """The branch keeps the constraint: the grammar replays the kept tokens (its forced
    spans evaluated as one batch each, as the parent did), so a warm branch evaluates only
    the replacement and a cold one gives the same bytes; a token the grammar does not allow
    where it stands is refused before anything runs."""
    spec = RunSpec(prompt="Give a colour and a count as JSON.", model=str(smollm2), **ONE, logprobs=5,
                   constraint=SCHEMA, params=SamplingParams(temperature=0, max_tokens=40))
    out = real_engine.pipeline.run(spec)
    assert out.status == "ok", out.error
    trace = real_engine.store.tokens(out.run_id)
    json.loads(out.output)
    forced = [i for i, s in enumerate(trace.steps) if s.forced]
    assert forced, "the grammar forced no tokens: the test would not cover its spans"
    # a sampled step inside the colour's string, whose recorded alternatives include one the grammar allows
    sampled = [i for i, s in enumerate(trace.steps) if not s.forced and i > max(forced[0], 2)]
    at, alt = next((i, a) for i in sampled for a in trace.steps[i].top[1:]
                   if '"' not in a.text and a.text.strip() and a.text.isascii() and a.text.strip().isalpha())
    before = real_engine.store.count_runs()
    child = last(branch(real_engine.pipeline, out.run_id, at, token=alt.token_id))
    assert child.status == "ok", child.error
    assert child.output.startswith("".join(s.text for s in trace.steps[:at]) + alt.text)
    parsed = json.loads(child.output)  # still the schema's shape
    assert set(parsed) == {"colour", "count"} and isinstance(parsed["count"], int)
    row = real_engine.store.get_run(child.run_id)
    assert json.loads(row["spec_json"])["constraint"] == SCHEMA
    assert row["cached_tokens"] == row["prompt_tokens"] - 1  # the forced spans were reused too
    real_engine.pipeline.backend_for(spec)[1].reset_cache()
    cold = last(real_engine.pipeline.rerun(child.run_id))
    assert cold.output == child.output
    assert real_engine.store.get_run(cold.run_id)["cached_tokens"] == 0
    warm_lp = [(s.token_id, s.logprob, s.entropy) for s in real_engine.store.tokens(child.run_id).steps]
    assert [(s.token_id, s.logprob, s.entropy) for s in real_engine.store.tokens(cold.run_id).steps] == warm_lp  # bit for bit
    # typed text that runs through a span the grammar forces (evaluated as one batch, its rows
    # kept): every typed token recorded with the model's numbers, the same warm and cold
    colour = next(i for i in sampled if trace.steps[i].text.strip('" ').isalpha())
    typed = last(branch(real_engine.pipeline, out.run_id, colour, text='Red", "count": 7}', max_tokens=3))
    assert typed.status == "ok", typed.error
    assert json.loads(typed.output) == {"colour": "Red", "count": 7}
    tt = real_engine.store.tokens(typed.run_id)
    rest = tt.steps[colour:]
    assert tt.note is None and all(s.forced and s.top and s.logprob <= 0 for s in rest)
    assert "".join(s.text for s in rest) == 'Red", "count": 7}'
    real_engine.pipeline.backend_for(spec)[1].reset_cache()
    again = last(real_engine.pipeline.rerun(typed.run_id))
    assert steps_of(real_engine.store.tokens(again.run_id), 0, None) == steps_of(tt, 0, None)
    # refused: a replacement the grammar rules out there, and a different token at a forced step
    with pytest.raises(BranchError, match=r"was constrained, and the constraint does not allow '\\n' at output token"):
        plan_branch(real_engine.pipeline, out.run_id, at, text="\n")  # no raw newline in a JSON string
    f = forced[-1]
    with pytest.raises(BranchError, match=r"the constraint allows only .* at output token \d+, not"):
        plan_branch(real_engine.pipeline, out.run_id, f, token=trace.steps[f].top[0].token_id
                    if trace.steps[f].top and trace.steps[f].top[0].token_id != trace.steps[f].token_id else 13)
    assert real_engine.store.count_runs() == before + 4  # two branches and their reruns; nothing refused was recorded
