"""Branch from token 200 of a 300-token answer: time to first token against a plain
next-token step, and whether evaluating the given tokens one per step matters.

On the bundled SmolLM2 (greedy, one thread unless --threads): a 300-token parent run
with token probabilities, then rounds that alternate a warm branch from step 200 (the
cache holds the parent's tokens, so only the replacement is evaluated) with the branch's
own decode steps, measured in the same runs: the figure is median branch TTFT / median
decode step (the time of one generated token after the first). A cold branch (cache
reset: the prompt in batches, then 201 steps) is timed for contrast. Exits 1 if a branch
evaluated more than the replacement or a re-run changed its bytes.

Then the measurement behind evaluating given tokens one per step: for a few answers and
branch points, the greedy continuation after the prefix evaluated as a batch against
evaluated one token per step (as the sampling run did): how far the logits move and
how often the text differs.

    python -m benchmarks.bench_branch [--rounds 5] [--threads 1]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np

from backends.base import SamplingParams
from backends.llama_cpp import _eval_prompt
from backends.registry import smollm2_path
from runs.branch import branch, plan_branch
from runs.engine import Engine
from runs.spec import RunSpec

PROMPT = "Write a detailed story about a lighthouse keeper who finds a message in a bottle."
QUESTIONS = ["Explain why the sky is blue.", "Write a haiku about autumn.", "How do vaccines work?"]


def last(events):
    return list(events)[-1]


def timing(engine: Engine, run_id: str) -> dict:
    return engine.store.get_run(run_id)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    model = str(smollm2_path())
    engine = Engine.open(Path(tempfile.mkdtemp()), search_dirs=[])
    spec = RunSpec(prompt=PROMPT, model=model, n_ctx=1024, n_threads=args.threads, logprobs=10,
                   params=SamplingParams(temperature=0, repeat_penalty=1.3, max_tokens=300))
    parent = engine.pipeline.run(spec)
    trace = engine.store.tokens(parent.run_id)
    n = len(trace)
    at = min(200, n - 1)
    print(f"parent: {n} tokens ({parent.result.finish_reason}); branching at step {at}")
    ok = True
    ttft, steps, outputs = [], [], {}
    for r in range(args.rounds):
        alt = trace.steps[at].top[1 + r % 3].token_id
        child = last(branch(engine.pipeline, parent.run_id, at, token=alt, max_tokens=12))
        row = timing(engine, child.run_id)
        if row["cached_tokens"] != row["prompt_tokens"] - 1:
            print(f"  round {r}: evaluated {row['prompt_tokens'] - row['cached_tokens']} tokens, not 1")
            ok = False
        ttft.append(row["ttft_ms"])
        if row["completion_tokens"] > 1:
            steps.append(row["gen_ms"] / (row["completion_tokens"] - 1))
        outputs.setdefault(alt, set()).add(child.output)
    if any(len(v) != 1 for v in outputs.values()):
        print("  a repeated branch changed its bytes")
        ok = False
    t, s = statistics.median(ttft), statistics.median(steps)
    print(f"warm branch TTFT median {t:.1f} ms; decode step median {s:.1f} ms; ratio {t / s:.2f} "
          f"({args.rounds} rounds, {args.threads} thread(s))")
    backend = engine.pipeline.backend_for(spec)[1]
    backend.reset_cache()
    cold_spec = plan_branch(engine.pipeline, parent.run_id, at, token=trace.steps[at].top[1].token_id, max_tokens=4)
    cold = last(engine.pipeline.stream(cold_spec))
    print(f"cold branch TTFT {timing(engine, cold.run_id)['ttft_ms']:.0f} ms (prompt in batches, then {at + 1} steps)")

    # one per step or as a batch: does it matter?
    llm = backend.llm
    moved, differ, cases = [], 0, 0
    for q in QUESTIONS:
        p = engine.pipeline.run(RunSpec(prompt=q, model=model, n_ctx=1024, n_threads=args.threads, logprobs=1,
                                        params=SamplingParams(temperature=0, max_tokens=40)))
        ids = [st.token_id for st in engine.store.tokens(p.run_id).steps]
        prompt = backend.tokenize(engine.store.get_run(p.run_id)["sent_text"])
        for i in (5, 20):
            if i >= len(ids):
                continue
            texts, rows = [], []
            for per_step in (False, True):
                llm.n_tokens = 0
                _eval_prompt(llm, prompt if per_step else prompt + ids[: i + 1], 0, 512)
                for tok in ids[: i + 1] if per_step else ():
                    llm.eval([tok])
                rows.append(np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),)).copy())
                out = []
                for _ in range(24):
                    tok = int(np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),)).argmax())
                    out.append(tok)
                    llm.eval([tok])
                texts.append(out)
            moved.append(float(np.abs(rows[0] - rows[1]).max()))
            cases += 1
            differ += texts[0] != texts[1]
    backend.reset_cache()
    print(f"prefix as a batch vs one per step: max |logit difference| {min(moved):.3f}-{max(moved):.3f}; "
          f"greedy 24-token continuations differ in {differ} of {cases} cases")
    engine.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
