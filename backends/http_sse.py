"""A small HTTP/1.1 client for JSON and server-sent events, on the standard library.

Why not httpx: it is not a dependency of the app (the venv holds only ``httpx2``,
pulled in by huggingface_hub), and what a model server needs is small: POST JSON,
read an SSE stream line by line, time out, and reuse connections. ``http.client``
does all of that; this module adds a thread-safe pool of idle keep-alive
connections and sorts failures into the few kinds the retry policy cares about.

Thread safety: a connection is used by one request at a time. It is taken from the
pool (or opened) for a request and given back only after its response was read to
the end; a response abandoned half-way (cancel, error) closes its connection.
"""

from __future__ import annotations

import http.client
import json
import queue
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


class HTTPFailure(Exception):
    """A request failed below the HTTP status level (connect, send, read)."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind  # "connect" | "connect-timeout" | "read-timeout" | "dropped"
        self.detail = detail


@dataclass(frozen=True)
class Endpoint:
    scheme: str
    host: str
    port: int
    path: str  # without a trailing slash

    @classmethod
    def parse(cls, url: str) -> Endpoint:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {safe_url(url)!r}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return cls(parts.scheme, parts.hostname, port, parts.path.rstrip("/"))

    @property
    def origin(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}" + ("" if self.port == default else f":{self.port}")


def safe_url(url: str) -> str:
    """``url`` without any ``user:password@`` part (it never goes into a message)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return parts._replace(netloc=netloc).geturl()


class Response:
    """One response; read it to the end (``json()``/``lines()``) or ``close()`` it."""

    def __init__(self, pool: ConnectionPool, conn: http.client.HTTPConnection, resp: http.client.HTTPResponse):
        self._pool = pool
        self._conn: http.client.HTTPConnection | None = conn
        self._resp = resp
        self.status = resp.status
        self.headers = {k.lower(): v for k, v in resp.getheaders()}

    def read_all(self, limit: int = 1 << 20) -> bytes:
        try:
            data = self._resp.read(limit)
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            raise _classify(exc) from exc
        self._finish()
        return data

    def json(self) -> Any:
        return json.loads(self.read_all().decode("utf-8", errors="replace"))

    def lines(self) -> Iterator[bytes]:
        """Raw lines of the body (with line endings), as they arrive.

        Built on ``read1`` rather than ``readline``: for a chunked body, http.client's
        ``readline`` turns a connection lost mid-chunk into a quiet end of file, while
        ``read1`` raises IncompleteRead, which is how a vanished server is told apart
        from a finished stream.
        """
        buf = b""
        while True:
            try:
                data = self._resp.read1(65536)
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                raise _classify(exc) from exc
            if not data:
                if self._resp.length:  # a Content-Length body that stopped short
                    self.close()
                    raise HTTPFailure("dropped", "the connection closed in the middle of the response")
                self._finish()
                if buf:
                    yield buf
                return
            buf += data
            start = 0
            while True:
                nl = buf.find(b"\n", start)
                if nl < 0:
                    break
                yield buf[start : nl + 1]
                start = nl + 1
            buf = buf[start:]
            if len(buf) > 1 << 22:
                self.close()
                raise HTTPFailure("dropped", "a line of the response is longer than 4 MiB")

    def _finish(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        if self._resp.isclosed() and not self._resp.will_close:
            self._pool.give_back(conn)
        else:
            conn.close()

    def close(self) -> None:
        """Abandon the response: its connection is closed, never reused."""
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()


class ConnectionPool:
    """Keep-alive connections to one origin, shared safely between threads."""

    def __init__(self, endpoint: Endpoint, *, connect_timeout: float, read_timeout: float, maxsize: int = 8):
        self.endpoint = endpoint
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self._idle: queue.LifoQueue[http.client.HTTPConnection] = queue.LifoQueue(maxsize=max(1, maxsize))
        self._ssl = ssl.create_default_context() if endpoint.scheme == "https" else None

    def _new(self) -> http.client.HTTPConnection:
        e = self.endpoint
        if self._ssl is not None:
            return http.client.HTTPSConnection(e.host, e.port, timeout=self.connect_timeout, context=self._ssl)
        return http.client.HTTPConnection(e.host, e.port, timeout=self.connect_timeout)

    def give_back(self, conn: http.client.HTTPConnection) -> None:
        try:
            self._idle.put_nowait(conn)
        except queue.Full:
            conn.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return

    def request(self, method: str, path: str, body: dict[str, Any] | None = None,
                headers: dict[str, str] | None = None, *, read_timeout: float | None = None) -> Response:
        """Send a request and wait for the status line; the body is read by the caller."""
        data = json.dumps(body).encode("utf-8") if body is not None else None
        hdrs = {"Accept": "application/json, text/event-stream", **(headers or {})}
        if data is not None:
            hdrs["Content-Type"] = "application/json"
        try:
            conn, reused = self._idle.get_nowait(), True
        except queue.Empty:
            conn, reused = self._new(), False
        while True:
            if conn.sock is None:
                try:
                    conn.connect()
                except (OSError, http.client.HTTPException) as exc:
                    conn.close()
                    raise _classify(exc, connecting=True) from exc
            try:
                conn.sock.settimeout(read_timeout or self.read_timeout)
                conn.request(method, path, body=data, headers=hdrs)
                resp = conn.getresponse()
                return Response(self, conn, resp)
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                if reused and isinstance(exc, (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)):
                    # an idle keep-alive connection the server had already closed: not a
                    # failure of the request, so try once more on a fresh connection
                    conn, reused = self._new(), False
                    continue
                raise _classify(exc) from exc


def _classify(exc: BaseException, *, connecting: bool = False) -> HTTPFailure:
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return HTTPFailure("connect-timeout" if connecting else "read-timeout", "timed out")
    if isinstance(exc, ConnectionRefusedError):
        return HTTPFailure("connect", "connection refused")
    if isinstance(exc, socket.gaierror):
        return HTTPFailure("connect", f"unknown host ({exc.strerror or exc})")
    if isinstance(exc, ssl.SSLError):
        return HTTPFailure("connect", f"TLS error ({exc.reason or exc})")
    if isinstance(exc, http.client.IncompleteRead):
        return HTTPFailure("dropped", "the connection closed in the middle of the response")
    if isinstance(exc, http.client.RemoteDisconnected):
        return HTTPFailure("dropped", "the server closed the connection without answering")
    if isinstance(exc, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
        return HTTPFailure("dropped", "the connection was reset")
    if isinstance(exc, OSError) and connecting:
        return HTTPFailure("connect", exc.strerror or type(exc).__name__)
    if isinstance(exc, http.client.HTTPException):
        return HTTPFailure("dropped", f"bad HTTP from the server ({type(exc).__name__})")
    return HTTPFailure("dropped", exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__)


class SSEFormatError(ValueError):
    """The body is not a server-sent event stream."""


def iter_sse_data(lines: Iterator[bytes]) -> Iterator[str]:
    """The ``data`` payload of each server-sent event; comments and other fields skipped.

    Follows the SSE rules that matter here: an event ends at a blank line, several
    ``data:`` lines of one event join with newlines, a line starting with ``:`` is a
    comment (keep-alive pings). A body that ends without a blank line still delivers
    its last event.
    """
    data: list[str] = []
    for raw in lines:
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            raise SSEFormatError("the stream is not UTF-8 text") from exc
        if not line:
            if data:
                yield "\n".join(data)
                data = []
            continue
        if line.startswith(":"):
            continue
        field, sep, value = line.partition(":")
        if not sep:
            raise SSEFormatError(f"not a server-sent event line: {line[:60]!r}")
        if value.startswith(" "):
            value = value[1:]
        if field == "data":
            data.append(value)
        elif field not in ("event", "id", "retry"):
            raise SSEFormatError(f"not a server-sent event line: {line[:60]!r}")
    if data:
        yield "\n".join(data)
