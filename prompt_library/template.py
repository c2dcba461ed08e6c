"""A prompt template: a checked :class:`TemplateSpec` with its Jinja fields compiled.

Loading does all the checking that can be done without values: the YAML, the schema
(``spec.py``), the Jinja syntax of every field, names used but not declared, and the
constructs the sandbox refuses outright. Errors point at the line of the YAML file.

Every version of a template has an id: the sha256 of the canonical JSON of its spec
(keys sorted, defaults left out), so the same content always has the same id whatever
the YAML's comments or layout, and any edit gives a new id.
"""

from __future__ import annotations

from common.i18n import _

import hashlib
import json
import re
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.exceptions import SecurityError, UndefinedError
from pydantic import ValidationError

from backends.base import Message
from common.errors import TemplateError
from prompt_library import patterns, yamlio
from prompt_library.errors import (
    SandboxViolation,
    TemplateFileError,
    TemplateRenderError,
    TemplateSyntaxError,
)
from common.sandbox import MAX_SOURCE_CHARS, check_ast, environment, render_limited
from prompt_library.spec import PATTERN_NAMES, TemplateSpec, VariableSpec
from prompt_library.variables import coerce_variables, unknown_names

MAX_TEMPLATE_FILE_BYTES = 1_000_000

# names the multi-stage patterns give their stage prompts
STAGE_NAMES = frozenset({"question", "step_back_question", "step_back_answer", "solved", "subquestion", "index",
                         "baseline", "max_questions", "verification_question", "verifications"})
# the Jinja fields of a spec: field key -> path in the YAML document
_FIELDS: dict[str, tuple[str, ...]] = {
    "system": ("system",),
    "prompt": ("prompt",),
    "examples_header": ("examples_header",),
    "example_input": ("example_input",),
    "example_output": ("example_output",),
    "step_back_prompt": ("pattern", "step_back_prompt"),
    "principles_prompt": ("pattern", "principles_prompt"),
    "final_prompt": ("pattern", "final_prompt"),
    "decompose_prompt": ("pattern", "decompose_prompt"),
    "solve_prompt": ("pattern", "solve_prompt"),
    "plan_prompt": ("pattern", "plan_prompt"),
    "verify_prompt": ("pattern", "verify_prompt"),
}
_EXAMPLE_FIELDS = {"example_input", "example_output"}  # rendered over example rows, not variables
# compiled fields are immutable and shared: the same source compiles once per process
_COMPILED: dict[tuple[str, str, frozenset[str] | None], jinja2.Template] = {}
_COMPILED_MAX = 1024


def canonical_json(spec: TemplateSpec) -> str:
    data = spec.model_dump(mode="json", exclude_defaults=True)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def template_id(spec: TemplateSpec) -> str:
    """The version id: sha256 hex of the canonical serialization."""
    return hashlib.sha256(canonical_json(spec).encode("utf-8")).hexdigest()


def dump_yaml(spec: TemplateSpec) -> str:
    return yamlio.dump(spec.model_dump(mode="json", exclude_defaults=True))


class PromptTemplate:
    """An immutable, checked template version. Render it through ``patterns.render``."""

    def __init__(self, spec: TemplateSpec, *, yaml_text: str | None = None, origin: str | None = None,
                 positions: Mapping[str, int] | None = None):
        self.spec = spec
        self.id = template_id(spec)
        self.yaml_text = yaml_text if yaml_text is not None else dump_yaml(spec)
        self.origin = origin  # a file path, or None for a template built in memory
        # first line of each Jinja field in the text a person edits, for error messages
        self._positions = dict(positions) if positions is not None else _field_positions(self.yaml_text)
        self._compiled: dict[str, jinja2.Template] = {}
        self._extra: dict[str, jinja2.Template] = {}
        declared = frozenset(v.name for v in spec.variables)
        for key, path in _FIELDS.items():
            source = _get_path(spec, path)
            if source is None:
                continue
            if key in _EXAMPLE_FIELDS:
                allowed = None
            elif len(path) > 1:
                allowed = declared | STAGE_NAMES
            else:
                allowed = declared
            self._compiled[key] = self._compile(key, source, allowed)

    # --- construction -------------------------------------------------------------
    @classmethod
    def from_yaml(cls, text: str, *, label: str = "template", origin: str | None = None) -> PromptTemplate:
        node, data = yamlio.compose(text, label, TemplateFileError, path=origin)
        if not isinstance(data, dict):
            kind = {list: "a list", str: "a single text", type(None): "nothing"}.get(type(data), type(data).__name__)
            raise TemplateFileError(
                _("{label}: not a template (it holds {kind}; expected a mapping with 'name' and 'prompt')").format(label=label, kind=kind),
                path=origin)
        try:
            spec = TemplateSpec.model_validate(data)
        except ValidationError as exc:
            raise _schema_error(exc, node, label, origin) from None
        return cls(spec, yaml_text=text, origin=origin)

    @classmethod
    def from_file(cls, path: str | Path) -> PromptTemplate:
        path = Path(path)
        text = yamlio.read_utf8(path, TemplateFileError, max_bytes=MAX_TEMPLATE_FILE_BYTES)
        return cls.from_yaml(text, label=path.name, origin=str(path))

    @classmethod
    def from_source(cls, source: str, *, name: str = "untitled", mode: str = "chat",
                    system: str | None = None) -> PromptTemplate:
        """A quick template from bare Jinja text: every name it uses becomes a str variable."""
        env = environment()
        names: list[str] = []
        for text in (system, source):
            if text is None:
                continue
            try:
                found = meta.find_undeclared_variables(env.parse(text))
            except (jinja2.TemplateSyntaxError, SecurityError):
                found = set()  # the real compile below reports it with its line
            names.extend(sorted(n for n in found if n not in env.globals and n not in names))
        variables = [{"name": n} for n in names]
        try:
            spec = TemplateSpec.model_validate(
                {"name": name, "mode": mode, "system": system, "prompt": source, "variables": variables})
        except ValidationError as exc:
            raise _schema_error(exc, None, f"template '{name}'", None) from None
        return cls(spec, positions={"prompt": 1})  # errors point at lines of the bare source

    # --- what it declares ---------------------------------------------------------
    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def mode(self) -> str:
        return self.spec.mode

    @property
    def language(self) -> str:
        return self.spec.language

    @property
    def pattern(self) -> Any:
        return self.spec.pattern

    @property
    def variables(self) -> list[VariableSpec]:
        return list(self.spec.variables)

    @property
    def required_variables(self) -> list[str]:
        return [v.name for v in self.spec.variables if v.is_required]

    def coerce(self, values: Mapping[str, Any] | None) -> dict[str, Any]:
        """Declared variables, defaults filled in, values converted (VariableError)."""
        try:
            return coerce_variables(self.spec.variables, values)
        except TemplateError as exc:
            exc.message = _("template '{name}': {message}").format(name=self.name, message=exc.message)
            raise

    def unknown_variables(self, values: Mapping[str, Any] | None) -> list[str]:
        return unknown_names(self.spec.variables, values)

    def has_field(self, key: str) -> bool:
        return key in self._compiled

    # --- rendering ----------------------------------------------------------------
    def render_field(self, key: str, context: Mapping[str, Any], *, where: str = "") -> str:
        """Render one compiled field; surrounding blank lines are dropped."""
        return self._render(self._compiled[key], key, context, where).strip("\n")

    def render_string(self, source: str, context: Mapping[str, Any], *, where: str = "") -> str:
        """Render a Jinja text that is not part of the spec (a pattern's default wording);
        its errors name ``where`` instead of a line of the file."""
        compiled = self._extra.get(source)
        if compiled is None:
            compiled = self._extra[source] = self._compile("<default>", source, None)
        return self._render(compiled, "<default>", context, where).strip("\n")

    def render(self, values: Mapping[str, Any] | None = None, *,
               examples: Sequence[Mapping[str, Any]] | None = None) -> str | list[Message]:
        """What the pattern's first (or only) model call receives."""
        return patterns.render(self, values, examples=examples)

    def with_pattern(self, pattern: str | None) -> PromptTemplate:
        """This template with another pattern (itself when ``pattern`` is empty or the same);
        a pattern the spec cannot take is a TemplateError naming it."""
        if not pattern or pattern == self.pattern.name:
            return self
        data = self.spec.model_dump(exclude_none=True)
        data["pattern"] = {"name": pattern}
        try:
            spec = TemplateSpec.model_validate(data)
        except ValidationError as exc:  # its last line names the allowed patterns
            raise TemplateError(_("template '{name}': unknown or unusable pattern {pattern!r} ({reason})").format(name=self.name, pattern=pattern, reason=str(exc).splitlines()[-1].strip())) from None
        return PromptTemplate(spec, origin=self.origin)

    def to_yaml(self) -> str:
        return self.yaml_text

    def __repr__(self) -> str:
        return f"PromptTemplate({self.name!r}, id={self.id[:12]})"

    # --- internals ----------------------------------------------------------------
    def _where(self, key: str, field_line: int | None, extra: str = "") -> tuple[str, int | None]:
        base = self._positions.get(key)
        suffix = f" ({extra})" if extra else ""
        if field_line is None or key == "<default>":
            return f"template '{self.name}'{suffix}", None
        if base is not None:
            return f"template '{self.name}' line {base + field_line - 1}{suffix}", base + field_line - 1
        label = key.replace("_", " ") if key in _FIELDS else key
        return f"template '{self.name}' {label} line {field_line}{suffix}", None

    def _compile(self, key: str, source: str, allowed: frozenset[str] | None) -> jinja2.Template:
        cache_key = (key, source, allowed)
        compiled = _COMPILED.get(cache_key)
        if compiled is None:
            compiled = self._compile_checked(key, source, allowed)
            if len(_COMPILED) >= _COMPILED_MAX:
                _COMPILED.clear()
            _COMPILED[cache_key] = compiled
        return compiled

    def _compile_checked(self, key: str, source: str, allowed: frozenset[str] | None) -> jinja2.Template:
        env = environment()
        filename = f"<{key}>"
        if len(source) > MAX_SOURCE_CHARS:
            where, line = self._where(key, 1)
            raise TemplateSyntaxError(_('{where}: {key} is longer than {MAX_SOURCE_CHARS:,} characters').format(where=where, key=key, MAX_SOURCE_CHARS=MAX_SOURCE_CHARS),
                                      line=line, field=key, field_line=1)
        try:
            tree = env.parse(source, name=self.name, filename=filename)
            refused = check_ast(tree)
            if refused is not None:
                where, line = self._where(key, refused[0])
                raise SandboxViolation(f"{where}: refused: {refused[1]}", line=line, field=key)
            if allowed is not None:
                self._check_declared(key, tree, allowed)
            code = env.compile(tree, name=self.name, filename=filename)
        except jinja2.TemplateSyntaxError as exc:  # also unknown filters and tests
            where, line = self._where(key, exc.lineno)
            raise TemplateSyntaxError(f"{where}: {_clean(exc)}", line=line, field=key,
                                      field_line=exc.lineno) from None
        except RecursionError:
            where, line = self._where(key, 1)
            raise TemplateSyntaxError(_('{where}: nested too deeply').format(where=where), line=line, field=key) from None
        return env.template_class.from_code(env, code, env.make_globals(None), None)

    def _check_declared(self, key: str, tree: jinja2.nodes.Template, allowed: frozenset[str]) -> None:
        missing = meta.find_undeclared_variables(tree) - allowed - set(environment().globals)
        if missing:
            line, name = min((n.lineno, n.name) for n in tree.find_all(jinja2.nodes.Name) if n.name in missing)
            where, file_line = self._where(key, line)
            raise TemplateRenderError(_("{where}: variable '{name}' is not defined (declare it under variables)").format(where=where, name=name),
                                      line=file_line, field=key)

    def _render(self, compiled: jinja2.Template, key: str, context: Mapping[str, Any], extra: str) -> str:
        filename = f"<{key}>"
        try:
            return render_limited(compiled, context)
        except TemplateError:
            raise
        except SecurityError as exc:
            where, line = self._where(key, _template_line(exc, filename), extra)
            raise SandboxViolation(f"{where}: refused: {_clean(exc)}", line=line, field=key) from None
        except UndefinedError as exc:
            where, line = self._where(key, _template_line(exc, filename), extra)
            message = _clean(exc)
            m = re.fullmatch(r"'([^']+)' is undefined", message)
            if m:
                message = _("variable '{group}' is not defined").format(group=m.group(1))
            raise TemplateRenderError(f"{where}: {message}", line=line, field=key) from None
        except RecursionError:
            where, line = self._where(key, None, extra)
            raise SandboxViolation(f"{where}: refused: recursion too deep", field=key) from None
        except MemoryError:
            where, line = self._where(key, None, extra)
            raise SandboxViolation(f"{where}: refused: out of memory", field=key) from None
        except Exception as exc:  # any error inside template code is the template's error
            where, line = self._where(key, _template_line(exc, filename), extra)
            raise TemplateRenderError(f"{where}: {_clean(exc) or type(exc).__name__}",
                                      line=line, field=key) from None


def _clean(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc)
    return " ".join(str(message).split()).rstrip(".")


def _template_line(exc: BaseException, filename: str) -> int | None:
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    return line


def _get_path(spec: TemplateSpec, path: tuple[str, ...]) -> str | None:
    value: Any = spec
    for step in path:
        value = getattr(value, step, None)
        if value is None:
            return None
    return value if isinstance(value, str) else None


def _field_positions(text: str) -> dict[str, int]:
    try:
        node, _data = yamlio.compose(text, "template", TemplateFileError)
    except TemplateError:
        return {}
    positions: dict[str, int] = {}
    for key, path in _FIELDS.items():
        found = yamlio.locate(node, path)
        if found is not None and found is not node and isinstance(found, yamlio.yaml.ScalarNode):
            line = yamlio.content_line(found)
            if line is not None:
                positions[key] = line
    return positions


def _schema_error(exc: ValidationError, node: Any, label: str, origin: str | None) -> TemplateFileError:
    err = exc.errors()[0]
    loc = list(err["loc"])
    if len(loc) >= 2 and loc[0] == "pattern" and loc[1] in PATTERN_NAMES:
        del loc[1]  # pydantic's union tag, not a key in the file
    shown = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    kind = err["type"]
    message = str(err["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        message = _("unknown key '{value}'").format(value=loc[-1])
        shown = shown.rsplit(".", 1)[0] if "." in shown else ""
    elif kind == "missing":
        message = _("missing key '{value}'").format(value=loc[-1])
        shown = shown.rsplit(".", 1)[0] if "." in shown else ""
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        message = _('pattern must be one of {PATTERN_NAMES}').format(PATTERN_NAMES=', '.join(PATTERN_NAMES))
        shown = ""
    target = yamlio.locate(node, loc if kind not in ("missing",) else loc[:-1])
    line = target.start_mark.line + 1 if target is not None else None
    prefix = f"{label} line {line}" if line is not None else label
    where = f"{shown}: " if shown else ""
    return TemplateFileError(f"{prefix}: {where}{message[:1].lower()}{message[1:]}", path=origin, line=line)
