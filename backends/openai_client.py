"""Talking to one OpenAI-compatible server: authentication, the retry policy's raw
material, and one-line error messages that never contain the API key.

The retry policy itself is written down in ``backends.openai_http``; here a failure
the policy may retry raises ``Retryable`` and everything else raises BackendError.
"""

from __future__ import annotations

import json
import time
from typing import Any

from backends.http_sse import ConnectionPool, Endpoint, HTTPFailure, Response, SSEFormatError
from backends.openai_wire import error_detail, looks_like_overflow
from common.errors import BackendError, ContextOverflowError

RETRY_STATUSES = frozenset({429, 502, 503, 504})


class Secret:
    """Holds the API key; its repr and str never show it."""

    __slots__ = ("_value",)

    def __init__(self, value: str | None):
        self._value = value or None

    def reveal(self) -> str | None:
        return self._value

    def scrub(self, text: str) -> str:
        return text.replace(self._value, "***") if self._value else text

    def __repr__(self) -> str:
        return "<secret>" if self._value else "<none>"

    __str__ = __repr__


class Retryable(Exception):
    """A failure the retry policy may try again; ``final_message`` when it gives up."""

    def __init__(self, client: ServerClient, kind: str, detail: str):
        super().__init__(kind)
        self.client = client
        self.kind = kind  # connect | connect-timeout | dropped | status
        self.detail = detail

    def final_message(self, tries: int) -> str:
        c = self.client
        times = f" (tried {tries} times)" if tries > 1 else ""
        if self.kind == "status":
            return self.detail + times
        if self.kind == "connect-timeout":
            return f"the server at {c.url} did not accept a connection within {c.connect_timeout:g} s{times}"
        if self.kind == "connect":
            return c.scrub(f"cannot reach the server at {c.url}: {self.detail}{times}")
        return c.scrub(f"the connection to {c.url} failed before any output: {self.detail}{times}")


class ServerClient:
    """Requests to one server. Thread-safe: the only shared state is the pool."""

    def __init__(self, endpoint: Endpoint, key: Secret, *, connect_timeout: float, read_timeout: float,
                 max_retries: int, backoff_s: float, max_connections: int):
        self.url = endpoint.origin + endpoint.path  # for messages: no credentials, no key
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self._key = key
        self._pool = ConnectionPool(endpoint, connect_timeout=connect_timeout, read_timeout=read_timeout,
                                    maxsize=max_connections)

    def __repr__(self) -> str:
        return f"ServerClient({self.url!r})"

    @property
    def has_key(self) -> bool:
        return self._key.reveal() is not None

    def scrub(self, text: str) -> str:
        return self._key.scrub(text)

    def close(self) -> None:
        self._pool.close()

    def _headers(self) -> dict[str, str]:
        key = self._key.reveal()
        return {"Authorization": f"Bearer {key}"} if key else {}

    def backoff(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (1, 2, ...)."""
        return self.backoff_s * 2 ** (attempt - 1)

    # -- streaming ----------------------------------------------------------------
    def open_stream(self, path: str, body: dict[str, Any]) -> Response:
        """POST and check the status; raise Retryable for what the policy retries."""
        try:
            resp = self._pool.request("POST", path, body, self._headers())
        except HTTPFailure as exc:
            if exc.kind == "read-timeout":
                raise BackendError(f"the server at {self.url} did not answer within "
                                   f"{self.read_timeout:g} s (not retried)") from exc
            raise Retryable(self, exc.kind, exc.detail) from exc
        if resp.status == 200:
            return resp
        message = self.status_message(resp, path)
        if resp.status in RETRY_STATUSES:
            raise Retryable(self, "status", message)
        if resp.status == 400 and looks_like_overflow(message):
            raise ContextOverflowError(message)
        raise BackendError(message)

    def stream_failure(self, exc: HTTPFailure, n_chunks: int) -> str:
        if exc.kind == "read-timeout":
            return f"the server at {self.url} sent nothing for {self.read_timeout:g} s after {n_chunks} tokens (read timeout)"
        return self.scrub(f"the connection to {self.url} was lost after {n_chunks} tokens: {exc.detail}")

    def parse_chunk(self, data: str, n_chunks: int) -> dict[str, Any]:
        try:
            chunk = json.loads(data)
        except ValueError as exc:
            raise SSEFormatError(f"not JSON: {data[:60]!r}") from exc
        if not isinstance(chunk, dict):
            raise SSEFormatError(f"not a JSON object: {data[:60]!r}")
        if "error" in chunk and not chunk.get("choices"):
            detail = error_detail(data) or "no detail"
            raise BackendError(self.scrub(f"the server at {self.url} reported an error after {n_chunks} tokens: {detail}"))
        return chunk

    def status_message(self, resp: Response, path: str) -> str:
        try:
            raw = resp.read_all(64 * 1024).decode("utf-8", errors="replace")
        except HTTPFailure:
            raw = ""
        detail = error_detail(raw)
        s = resp.status
        if s in (401, 403):
            what = "refused the API key" if self.has_key else "needs an API key (pass api_key or api_key_env)"
            msg = f"the server at {self.url} {what} (HTTP {s})"
        elif s == 404:
            msg = f"the server at {self.url} has no {path} (HTTP 404); check the base URL (it usually ends in /v1) and the model name"
        elif s == 429:
            msg = f"the server at {self.url} is rate-limiting requests (HTTP 429)"
        else:
            msg = f"the server at {self.url} answered HTTP {s}"
        if detail:
            msg += f": {detail}"
        return self.scrub(msg)

    # -- plain JSON calls ---------------------------------------------------------
    def get_json(self, path: str, *, what: str) -> Any:
        return self._json_call("GET", path, None, what=what)

    def post_json(self, path: str, body: dict[str, Any], *, what: str) -> Any:
        return self._json_call("POST", path, body, what=what)

    def _json_call(self, method: str, path: str, body: dict[str, Any] | None, *, what: str) -> Any:
        attempt = 0
        while True:
            try:
                return self._json_once(method, path, body, what=what)
            except Retryable as exc:
                if attempt >= self.max_retries:
                    raise BackendError(exc.final_message(attempt + 1)) from exc
                attempt += 1
                time.sleep(self.backoff(attempt))

    def _json_once(self, method: str, path: str, body: dict[str, Any] | None, *, what: str) -> Any:
        try:
            resp = self._pool.request(method, path, body, self._headers(), read_timeout=min(self.read_timeout, 30.0))
        except HTTPFailure as exc:
            if exc.kind == "read-timeout":
                raise BackendError(f"the server at {self.url} did not answer the request for {what} in time") from exc
            raise Retryable(self, exc.kind, exc.detail) from exc
        if resp.status != 200:
            message = self.status_message(resp, path)
            if resp.status in RETRY_STATUSES:
                raise Retryable(self, "status", message)
            raise BackendError(message)
        try:
            return resp.json()
        except (ValueError, HTTPFailure) as exc:
            raise BackendError(f"the server at {self.url} sent an unreadable answer for {what}") from exc

    def probe(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """A JSON answer, or None when the server does not have that endpoint."""
        try:
            resp = self._pool.request(method, path, body, self._headers(), read_timeout=self.connect_timeout)
        except HTTPFailure:
            return None
        if resp.status != 200:
            resp.close()
            return None
        try:
            return resp.json()
        except (ValueError, HTTPFailure):
            return None
