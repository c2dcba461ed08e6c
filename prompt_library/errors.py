"""The prompt library's own errors, all one-line and user-facing.

They refine :class:`common.errors.TemplateError` (and :class:`WorkbenchError` for data
files) with the position the message points at, so the template editor can put the
cursor on the line and the tests can assert on it.
"""

from __future__ import annotations

from common.errors import Located, TemplateError, WorkbenchError


class TemplateSyntaxError(TemplateError):
    """Jinja could not parse a template field. ``line`` is the file line when known."""

    def __init__(self, message: str, *, line: int | None = None, field: str | None = None,
                 field_line: int | None = None):
        super().__init__(message)
        self.line = line
        self.column: int | None = None  # Jinja gives lines, not columns
        self.field = field
        self.field_line = field_line


class TemplateRenderError(TemplateError):
    """Rendering failed: an undefined name, a failing filter, a type error..."""

    def __init__(self, message: str, *, line: int | None = None, field: str | None = None):
        super().__init__(message)
        self.line = line
        self.field = field


class SandboxViolation(TemplateRenderError):
    """The template tried something the sandbox refuses (internals, resource abuse)."""


class VariableError(TemplateError):
    """A variable value is missing, of the wrong type or not one of the choices."""

    def __init__(self, message: str, *, variable: str):
        super().__init__(message)
        self.variable = variable


class TemplateFileError(Located, TemplateError):
    """A template file cannot be read: not UTF-8, not YAML, not a template."""


class TemplateNotFoundError(TemplateError):
    """No template has that name or id."""


class PatternError(TemplateError):
    """A prompt pattern is misconfigured or its model call failed to give usable text."""


class DatasetError(Located, WorkbenchError):
    """A dataset file cannot be read, or a row in it is broken."""

