"""Start an OpenAI-compatible server on this machine, on 127.0.0.1 and a free port.

Used by the tests and the benchmarks to reach the ``openai`` backend through a real
server: llama-cpp-python's own (``python -m llama_cpp.server``, installed with the
``server`` extra), which generates one request at a time behind a global lock, or
llama.cpp's native ``llama-server`` when a binary is given (it serves ``--parallel N``
requests at once with continuous batching).

    with LocalServer.llama_cpp_python(model_path, threads=2) as server:
        backend = OpenAIHTTPBackend(OpenAIHTTPParams(base_url=server.url))

The server's output goes to a log file, never a pipe (llama.cpp's chatter would fill
a pipe and block the server).
"""

from __future__ import annotations

from common.i18n import _

import http.client
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

from common.errors import BackendError


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalServer:
    """A server process; ``url`` is its base URL once :meth:`start` returns."""

    def __init__(self, cmd: list[str], port: int, *, log_path: Path | None = None, label: str = "server"):
        self.cmd, self.port, self.label = cmd, port, label
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log_path or Path(tempfile.mkstemp(prefix="workbench-server-", suffix=".log")[1])
        self.proc: subprocess.Popen[bytes] | None = None

    @classmethod
    def llama_cpp_python(cls, model: Path | str, *, threads: int = 1, n_ctx: int = 1024, interrupt: bool = False,
                         log_path: Path | None = None) -> LocalServer:
        """llama-cpp-python's server. ``interrupt=False``: a new request waits for the one
        streaming instead of cutting it off (its default cuts it off)."""
        port = free_port()
        cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
               "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", str(threads),
               "--interrupt_requests", str(interrupt)]
        return cls(cmd, port, log_path=log_path, label="llama_cpp.server")

    @classmethod
    def llama_server(cls, binary: Path | str, model: Path | str, *, threads: int = 2, n_ctx: int = 1024,
                     parallel: int = 1, log_path: Path | None = None) -> LocalServer:
        """llama.cpp's native server with ``parallel`` slots (``-c`` is shared by the slots,
        so each slot gets ``n_ctx``)."""
        port = free_port()
        cmd = [str(binary), "-m", str(model), "--host", "127.0.0.1", "--port", str(port),
               "-c", str(n_ctx * parallel), "--parallel", str(parallel), "-t", str(threads)]
        return cls(cmd, port, log_path=log_path, label="llama-server")

    def start(self, timeout: float = 90.0) -> LocalServer:
        log = open(self.log_path, "wb")
        try:
            self.proc = subprocess.Popen(self.cmd, stdout=log, stderr=subprocess.STDOUT)
        finally:
            log.close()  # the child has its own handle
        deadline = time.monotonic() + timeout
        while not self.ready():
            if self.proc.poll() is not None:
                raise BackendError(_('{label} exited with code {returncode}: {tail}').format(label=self.label, returncode=self.proc.returncode, tail=self.tail()))
            if time.monotonic() > deadline:
                self.close()
                raise BackendError(_('{label} did not answer within {timeout:.0f} s; log: {log_path}').format(label=self.label, timeout=timeout, log_path=self.log_path))
            time.sleep(0.25)
        return self

    def ready(self) -> bool:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
        try:
            conn.request("GET", "/v1/models")
            return conn.getresponse().status == 200
        except OSError:
            return False
        finally:
            conn.close()

    def tail(self, n: int = 2000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:].strip()
        except OSError:
            return ""

    def close(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> LocalServer:
        return self.start() if self.proc is None else self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


__all__ = ["LocalServer", "free_port"]
