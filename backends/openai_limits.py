"""Limits on what a server may send back, enforced underneath the ``openai`` client.

The client reads a streamed body without any bound on its size, its line length or
the time between events (its SSE decoder says so itself), so a hostile or broken
server could stream forever, ping forever, trickle a byte at a time or send one line
until memory runs out. The client takes an ``httpx2`` client, and an ``httpx2``
client takes a transport: :class:`LimitedTransport` wraps the real one and guards
every response body as it is read:

- ``deadline``: the moment (``time.monotonic()``) by which the whole request must be
  over, passed per request in the private header ``DEADLINE_HEADER``, which is
  removed before the request leaves this process. It is checked as bytes arrive, and
  a watchdog shuts the connection's socket down when it passes, so that neither
  trickled headers nor a silence can outlast it;
- ``idle_timeout``: the longest time allowed between two events (``data:`` lines) of
  an event stream. Keep-alive comments (``: ping``) and a trickle of bytes do not
  count as events. (Total silence is caught earlier, by the client's read timeout.)
- ``max_response_bytes`` for any body and ``max_line_bytes`` for a line of an event
  stream; a line that is not server-sent-event syntax ends the stream too. The bounds
  count the bytes as sent, so requests ask for ``Accept-Encoding: identity`` and a
  compressed answer is refused (a small gzip body could unpack to gigabytes).

A limit that trips raises :class:`StreamLimit`, which the backend turns into a
one-line BackendError.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx2

DEADLINE_HEADER = "x-workbench-deadline"
_FIELDS = (b"data", b"event", b"id", b"retry")
_EOL = re.compile(rb"\r\n|\r|\n")


class StreamLimit(Exception):
    """A limit tripped while a response was read. ``kind``: deadline | idle | size | line | format | encoding."""

    def __init__(self, kind: str, detail: str):
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


class LimitedTransport(httpx2.BaseTransport):
    """Sends through ``inner`` and guards each response body (see the module docstring)."""

    def __init__(self, inner: httpx2.BaseTransport, *, idle_timeout: float, max_response_bytes: int,
                 max_line_bytes: int):
        self._inner = inner
        self.idle_timeout = idle_timeout
        self.max_response_bytes = max_response_bytes
        self.max_line_bytes = max_line_bytes

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        raw = request.headers.pop(DEADLINE_HEADER, None)
        deadline = float(raw) if raw else None
        if deadline is not None and time.monotonic() >= deadline:
            raise StreamLimit("deadline", "no time left before sending")
        watchdog = _Watchdog(deadline, request.extensions.get("trace"))
        if deadline is not None:
            request.extensions["trace"] = watchdog.trace
        try:
            response = self._inner.handle_request(request)
        except Exception:
            watchdog.cancel()
            if watchdog.fired:  # the headers trickled in past the deadline
                raise StreamLimit("deadline", "the request ran past its deadline") from None
            raise
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):  # asked for identity: a compressed body would slip past the bounds
            watchdog.cancel()
            response.close()
            raise StreamLimit("encoding", f"the server compressed its answer (Content-Encoding: {encoding[:20]}) "
                                          "though asked not to")
        sse = "text/event-stream" in response.headers.get("content-type", "")
        response.stream = _GuardedStream(response.stream, self, deadline, sse, watchdog)
        return response

    def close(self) -> None:
        self._inner.close()


class _Watchdog:
    """Shuts the request's socket down at the deadline, which wakes a read blocked on it:
    the read timeout alone cannot bound a server that trickles its headers, or goes
    silent just before the deadline. The socket comes from httpcore's ``trace`` hook when
    the connection is opened (a reused connection has no such event: there the checks
    on arriving bytes and the read timeout bound the request)."""

    def __init__(self, deadline: float | None, chained: Any = None):
        self.deadline = deadline
        self.fired = False
        self._chained = chained
        self._timer: threading.Timer | None = None

    def trace(self, name: str, info: dict[str, Any]) -> None:
        if self._chained is not None:
            self._chained(name, info)
        if self.deadline is None or self._timer is not None or not name.endswith("connect_tcp.complete"):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if hasattr(stream, "get_extra_info") else None
        if isinstance(sock, socket.socket):
            self._timer = threading.Timer(max(0.0, self.deadline - time.monotonic()), self._fire, (sock,))
            self._timer.daemon = True
            self._timer.start()

    def _fire(self, sock: socket.socket) -> None:
        self.fired = True
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


class _GuardedStream(httpx2.SyncByteStream):
    def __init__(self, inner: httpx2.SyncByteStream, limits: LimitedTransport, deadline: float | None, sse: bool,
                 watchdog: _Watchdog):
        self._inner = inner
        self._limits = limits
        self._deadline = deadline
        self._sse = sse
        self._watchdog = watchdog
        self.open_event = False  # a field line arrived since the last blank line

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._guarded()
            if self._watchdog.fired:  # a body that ends at connection close looks finished when shut down
                raise StreamLimit("deadline", "the request ran past its deadline")
        except StreamLimit:
            raise
        except Exception:
            if self._watchdog.fired:
                raise StreamLimit("deadline", "the request ran past its deadline") from None
            raise
        finally:
            self._watchdog.cancel()

    def _guarded(self) -> Iterator[bytes]:
        lim = self._limits
        total = 0
        line_len = 0  # bytes of the current, unfinished line
        head = b""  # its first bytes: enough to tell its field
        last_event = time.monotonic()
        for chunk in self._inner:
            now = time.monotonic()
            total += len(chunk)
            if total > lim.max_response_bytes:
                raise StreamLimit("size", f"the response is larger than {_size(lim.max_response_bytes)}")
            if self._deadline is not None and now >= self._deadline:
                raise StreamLimit("deadline", "the request ran past its deadline")
            if self._sse:
                start = 0
                while True:
                    m = _EOL.search(chunk, start)  # SSE lines end in \n, \r\n or a lone \r
                    nl = m.start() if m else -1
                    piece = chunk[start:] if nl < 0 else chunk[start:nl]
                    if len(head) < 16:
                        head += piece[: 16 - len(head)]
                    line_len += len(piece)
                    if nl < 0:
                        break
                    if not _valid(head, complete=True):
                        raise _not_sse(head)
                    if head.startswith(b"data") and head[4:5] in (b":", b""):
                        last_event = now
                    self.open_event = bool(head) and not head.startswith(b":") or (self.open_event and line_len > 0)
                    head, line_len, start = b"", 0, m.end()
                if not _valid(head, complete=False):
                    raise _not_sse(head)
                if line_len > lim.max_line_bytes:
                    raise StreamLimit("line", f"a line of the event stream is longer than {_size(lim.max_line_bytes)}")
                if now - last_event > lim.idle_timeout:
                    raise StreamLimit("idle", f"no event for {lim.idle_timeout:g} s")
            yield chunk
        if self._sse and (line_len or self.open_event):
            # the body ended inside an event: end it, so its data is not lost (as the
            # hand-written parser did; the client's decoder would drop it)
            yield b"\n\n"

    def close(self) -> None:
        self._watchdog.cancel()
        self._inner.close()


def _valid(head: bytes, *, complete: bool) -> bool:
    """Whether a line that starts with ``head`` (its first 16 bytes) can be SSE syntax."""
    if not head or head.startswith(b":"):
        return True
    name, colon, _ = head.partition(b":")
    if colon:
        return name in _FIELDS
    return head in _FIELDS if complete else len(head) < 16


def _not_sse(head: bytes) -> StreamLimit:
    return StreamLimit("format", f"not a server-sent event line: {head.decode('utf-8', 'replace')!r}")


def _size(n: int) -> str:
    return f"{n / 2**20:g} MiB" if n >= 2**20 else f"{n} bytes"


__all__ = ["DEADLINE_HEADER", "LimitedTransport", "StreamLimit"]
