"""The project's own small error hierarchy.

Every error a person can cause carries a one-line, user-facing message: the CLI prints
that line and exits non-zero, the window shows it in a dialog, tests assert on it.
Tracebacks go to the log file only.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """Base of every error we raise on purpose. ``str(err)`` is the user-facing line."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # one line, always
        return self.message.replace("\n", " ").strip()


class Located:
    """Mixin for errors about a place in a file: ``path``, ``line`` and ``column`` (1-based)."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 column: int | None = None):
        super().__init__(message)  # type: ignore[call-arg]
        self.path = path
        self.line = line
        self.column = column


# --- backends -------------------------------------------------------------------------
class BackendError(WorkbenchError):
    """A model runtime failed while loading or generating."""


class ModelNotFoundError(BackendError):
    """The model path or name does not exist."""


class ModelLoadError(BackendError):
    """The file exists but cannot be loaded (not GGUF, truncated, unsupported)."""


class InvalidParamsError(BackendError):
    """A sampling or load parameter is out of range."""


class ContextOverflowError(BackendError):
    """The prompt (plus the room asked for) does not fit the context window."""

    def __init__(self, message: str, *, prompt_tokens: int = 0, n_ctx: int = 0):
        super().__init__(message)
        self.prompt_tokens = prompt_tokens
        self.n_ctx = n_ctx


class ChatTemplateError(BackendError):
    """A model's chat template cannot be rendered safely."""


# --- store ----------------------------------------------------------------------------
class StoreError(WorkbenchError):
    """The run log cannot be opened, read or written."""


class RunNotFoundError(StoreError):
    """No run has the given id."""


class ExperimentNotFoundError(StoreError):
    """No experiment has the given id."""


# --- prompt library -------------------------------------------------------------------
class TemplateError(WorkbenchError):
    """A template cannot be parsed or rendered."""


# --- guards ---------------------------------------------------------------------------
class GuardError(WorkbenchError):
    """A check or constraint is misconfigured."""


# --- reports --------------------------------------------------------------------------
class StatsError(WorkbenchError):
    """Statistics were asked of data that is malformed (not of data that is merely too small:
    that gets a plain statement in the result instead)."""


# --- set-up ---------------------------------------------------------------------------
class ConfigError(WorkbenchError):
    """The data folder or settings are unusable."""


# experiments
class ExperimentError(Located, WorkbenchError):
    """An experiment file or grid is unusable; raised before anything runs."""


class GridTooLargeError(ExperimentError):
    """The grid has more cells than the stated limit and no confirmation was given."""
