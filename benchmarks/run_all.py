"""Run every benchmark in turn (`make bench`); each prints its own Markdown table.

Each runs in its own process so one model load or Qt application does not affect the
next. Copy the tables into BENCHMARKS.md with the date and the machine's load.
"""

from __future__ import annotations

import os
import subprocess
import sys

BENCHMARKS = [
    "benchmarks.bench_cli_startup",
    "benchmarks.bench_pipeline",
    "benchmarks.bench_native_decode",
    "benchmarks.bench_flash_attn_workloads",
    "benchmarks.bench_constrained",
    "benchmarks.bench_checks",
    "benchmarks.bench_batch_prefix",
    "benchmarks.bench_report",
    "benchmarks.bench_statistics",
    "benchmarks.bench_ui_stall",
    "benchmarks.bench_server_concurrency",
    "benchmarks.bench_quantization",
    "benchmarks.bench_gguf_fuzz",
    "benchmarks.bench_chat_template_hostile",
    "benchmarks.bench_branch",
    "benchmarks.bench_logprobs",
    "benchmarks.bench_answer_scoring",
    "benchmarks.bench_schema_conformance",
]


def main() -> int:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    failed = []
    for name in BENCHMARKS:
        print(f"\n## {name}\n", flush=True)
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        extra = []
        server = os.path.join(root, "build", "llama-server", "cmake", "bin", "llama-server")
        if name == "benchmarks.bench_server_concurrency" and os.path.isfile(server):
            extra = ["--llama-server", server]  # built by `make llama-server`
        code = subprocess.call([sys.executable, "-m", name, *extra], cwd=root, env=env)
        if code:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
