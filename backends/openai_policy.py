"""Our policy on top of the ``openai`` client: what is retried, and what is never
stored or shown (the API key), with one-line messages for every failure.

The client's own retries are switched off (``max_retries=0``): it would retry HTTP
500 and read timeouts, which this policy does not (see ``backends.openai_http``).
:func:`failure` sorts whatever the client, the transport or the limits raised into a
:class:`Failure`: the message to show and whether the policy may try again.
"""

from __future__ import annotations

from common.i18n import _

import json
from dataclasses import dataclass
from typing import Any

import httpx2
import openai

from backends.openai_limits import StreamLimit
from backends.openai_wire import error_detail, looks_like_overflow
from backends.streaming import stop_prefix_len

RETRY_STATUSES = frozenset({429, 502, 503, 504})
MASK = "***"


class Secret:
    """Holds the API key; its repr and str never show it."""

    __slots__ = ("_value",)

    def __init__(self, value: str | None):
        self._value = value or None

    def reveal(self) -> str | None:
        return self._value

    def scrub(self, text: str) -> str:
        return text.replace(self._value, MASK) if self._value else text

    def scrub_value(self, value: Any) -> Any:
        """A JSON-like value with the key taken out of every string in it (keys included)."""
        if not self._value:
            return value
        return json.loads(self.scrub(json.dumps(value, default=str)))

    def __repr__(self) -> str:
        return "<secret>" if self._value else "<none>"

    __str__ = __repr__


class Redactor:
    """Takes the key out of streamed text, even when a server splits it across chunks:
    a tail that may be the start of the key is held back until the next piece."""

    def __init__(self, secret: Secret):
        self._key = secret.reveal()
        self._pending = ""

    def feed(self, text: str) -> str:
        if not self._key:
            return text
        buf = (self._pending + text).replace(self._key, MASK)
        keep = stop_prefix_len(buf, (self._key,))
        self._pending = buf[len(buf) - keep :]
        return buf[: len(buf) - keep]

    def flush(self) -> str:
        rest, self._pending = self._pending, ""
        return rest


@dataclass(frozen=True)
class Failure:
    message: str
    retry: bool = False  # the policy may try again (only while nothing was streamed)
    overflow: bool = False  # the server said the prompt does not fit its context


def failure(exc: BaseException, *, url: str, secret: Secret, n_tokens: int, started: bool,
            connect_timeout: float, idle_timeout: float, request_timeout: float, what: str | None = None) -> Failure:
    """The policy's reading of one failed attempt. ``started``: the response had begun
    (a status 200 arrived); ``what``: the request, for calls other than a generation."""
    after = f" after {n_tokens} tokens"
    if isinstance(exc, StreamLimit):
        if exc.kind == "idle":
            return Failure(f"the server at {url} sent no event for {idle_timeout:g} s{after} (idle timeout; "
                           "keep-alive pings do not count)")
        if exc.kind == "deadline":
            return Failure(f"the request to {url} was stopped at its deadline of {request_timeout:g} s"
                           f"{after if started else ''} (request timeout)")
        if exc.kind == "format":
            return Failure(secret.scrub(f"the server at {url} sent malformed streaming data{after}: {exc.detail}"))
        return Failure(f"the response from {url} was cut{after}: {exc.detail}")
    if isinstance(exc, openai.APIStatusError):
        return _status_failure(exc, url=url, secret=secret)
    if isinstance(exc, openai.APITimeoutError):
        if isinstance(exc.__cause__, httpx2.ConnectTimeout):
            return Failure(f"the server at {url} did not accept a connection within {connect_timeout:g} s", retry=True)
        if not started:
            if what:
                return Failure(f"the server at {url} did not answer the request for {what} in time")
            return Failure(f"the server at {url} did not answer within {idle_timeout:g} s (not retried)")
        return Failure(f"the server at {url} sent nothing for {idle_timeout:g} s{after} (idle timeout)")
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__
        if isinstance(cause, httpx2.ConnectError):
            return Failure(secret.scrub(f"cannot reach the server at {url}: {_reason(cause)}"), retry=True)
        if not started:
            return Failure(secret.scrub(f"the connection to {url} failed before any output: {_reason(cause)}"), retry=True)
        return Failure(secret.scrub(f"the connection to {url} was lost{after}: {_reason(cause)}"), retry=n_tokens == 0)
    if isinstance(exc, openai.APIError):  # an error event in the stream
        detail = error_detail(json.dumps({"error": exc.body})) if exc.body is not None else exc.message
        return Failure(secret.scrub(f"the server at {url} reported an error{after}: {detail or 'no detail'}"))
    if isinstance(exc, json.JSONDecodeError):
        return Failure(secret.scrub(f"the server at {url} sent malformed streaming data{after}: not JSON: {exc.doc[:60]!r}"))
    if isinstance(exc, UnicodeDecodeError):
        return Failure(f"the server at {url} sent malformed streaming data{after}: the stream is not UTF-8 text")
    return Failure(secret.scrub(f"the request to {url} failed{after}: {type(exc).__name__}: {_first_line(str(exc))}"))


def _status_failure(exc: openai.APIStatusError, *, url: str, secret: Secret) -> Failure:
    s = exc.status_code
    try:
        raw = exc.response.text
    except Exception:  # noqa: BLE001 - a body that cannot be read adds no detail
        raw = ""
    detail = error_detail(raw)
    path = exc.request.url.path if exc.request is not None else ""
    if s in (401, 403):
        what = "refused the API key" if secret.reveal() else "needs an API key (pass api_key or api_key_env)"
        msg = _('the server at {url} {what} (HTTP {s})').format(url=url, what=what, s=s)
    elif s == 404:
        msg = _('the server at {url} has no {path} (HTTP 404); check the base URL (it usually ends in /v1) and the model name').format(url=url, path=path)
    elif s == 429:
        msg = _('the server at {url} is rate-limiting requests (HTTP 429)').format(url=url)
    else:
        msg = _('the server at {url} answered HTTP {s}').format(url=url, s=s)
    if detail:
        msg += f": {detail}"
    return Failure(secret.scrub(msg), retry=s in RETRY_STATUSES, overflow=s == 400 and looks_like_overflow(detail))


def _reason(cause: BaseException | None) -> str:
    text = str(cause or "").lower()
    if "refused" in text:
        return "connection refused"
    if "name or service" in text or "nodename" in text or "getaddrinfo" in text:
        return "unknown host"
    if "incomplete" in text or "peer closed" in text or "without sending complete" in text:
        return "the connection closed in the middle of the response"
    if "reset" in text:
        return "the connection was reset"
    if "disconnected" in text or "server closed" in text:
        return "the server closed the connection without answering"
    return _first_line(str(cause)) or type(cause).__name__


def _first_line(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line[:200] + ("…" if len(line) > 200 else "")


__all__ = ["Failure", "MASK", "RETRY_STATUSES", "Redactor", "Secret", "failure"]
