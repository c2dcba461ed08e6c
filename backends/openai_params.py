"""Where and how to reach an OpenAI-compatible server: :class:`OpenAIHTTPParams`.

The limits every request runs under have defaults that the environment can change
(``ENV``: ``PROMPT_WORKBENCH_CONNECT_TIMEOUT``, ``..._IDLE_TIMEOUT``,
``..._REQUEST_TIMEOUT`` in seconds, ``..._MAX_RESPONSE_MB``); the values a backend
used are recorded with each run (``extra["limits"]``).
"""

from __future__ import annotations

from common.i18n import _

import os
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from common.errors import InvalidParamsError

SERVER_KINDS = ("auto", "llama-server", "llama-cpp-python", "openai")
ENV = {  # field -> the environment variable that sets its default
    "connect_timeout": "PROMPT_WORKBENCH_CONNECT_TIMEOUT",
    "idle_timeout": "PROMPT_WORKBENCH_IDLE_TIMEOUT",
    "request_timeout": "PROMPT_WORKBENCH_REQUEST_TIMEOUT",
    "max_response_mb": "PROMPT_WORKBENCH_MAX_RESPONSE_MB",
}


def _env(name: str, default: float) -> Any:
    def read() -> float:
        var = ENV[name]
        raw = os.environ.get(var)
        if raw is None or not raw.strip():
            return default
        try:
            value = float(raw)
        except ValueError:
            raise InvalidParamsError(_('{var} must be a number of seconds (or MB), got {raw!r}').format(var=var, raw=raw)) from None
        return value

    return field(default_factory=read)


@dataclass(frozen=True)
class OpenAIHTTPParams:
    """Where and how to reach the server. Holds no secret (the key stays on the backend)."""

    base_url: str
    model: str | None = None  # None: the first model /v1/models lists
    server: str = "auto"  # auto | llama-server | llama-cpp-python | openai
    api_key_env: str | None = None  # the NAME of an environment variable, never the key
    n_ctx: int | None = None  # None: what the server reports, if it does
    connect_timeout: float = _env("connect_timeout", 5.0)  # to open a connection
    idle_timeout: float = _env("idle_timeout", 120.0)  # longest wait for the next event (or the answer)
    request_timeout: float = _env("request_timeout", 900.0)  # the whole request, retries included
    max_response_mb: float = _env("max_response_mb", 64.0)  # the largest response body read
    max_retries: int = 2
    backoff_s: float = 0.5
    max_connections: int = 8  # kept alive between requests
    include_usage: bool = True  # ask for a usage chunk (stream_options)
    send_sampling_extras: bool | None = None  # top_k/min_p/repeat_penalty; None: llama.cpp servers only
    # what the pipeline reads from every backend: a server decides these itself
    n_threads: int | None = None
    n_batch: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["base_url"] = without_credentials(self.base_url)
        return d

    def limits(self) -> dict[str, float]:
        """What is recorded with every run as ``extra["limits"]``."""
        return {"connect_timeout_s": self.connect_timeout, "idle_timeout_s": self.idle_timeout,
                "request_timeout_s": self.request_timeout, "max_response_mb": self.max_response_mb}



def validate(p: OpenAIHTTPParams) -> None:
    if p.server not in SERVER_KINDS:
        raise InvalidParamsError(_('server must be one of {SERVER_KINDS}, got {server!r}').format(SERVER_KINDS=', '.join(SERVER_KINDS), server=p.server))
    if p.max_retries < 0 or p.backoff_s < 0:
        raise InvalidParamsError(_('max_retries and backoff_s must be >= 0'))
    for name in ("connect_timeout", "idle_timeout", "request_timeout", "max_response_mb"):
        value = getattr(p, name)
        if not isinstance(value, (int, float)) or not value > 0 or value == float("inf"):
            raise InvalidParamsError(_('{name} must be a number > 0, got {value!r}').format(name=name, value=value))
    if p.n_ctx is not None and p.n_ctx <= 0:
        raise InvalidParamsError(_('n_ctx must be > 0, got {n_ctx}').format(n_ctx=p.n_ctx))


def without_credentials(url: str) -> str:
    """``url`` without any ``user:password@`` part (it never goes into a message)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return parts._replace(netloc=netloc).geturl()


def api_url(base_url: str) -> str:
    """The API root requests go to: no credentials, no trailing slash, ``/v1`` when no path is given."""
    try:
        parts = urlsplit(base_url.strip())
        port = parts.port
    except ValueError:
        parts, port = None, None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidParamsError(_('not an http(s) URL: {without_credentials!r}').format(without_credentials=without_credentials(base_url)))
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    path = parts.path.rstrip("/") or "/v1"
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "") + path



__all__ = ["ENV", "SERVER_KINDS", "OpenAIHTTPParams", "api_url", "validate", "without_credentials"]
