"""Template files on disk: the built-in ones and the user's, with immutable versions.

- Built-in templates live in ``resources/templates/`` and are never written.
- The user's live in one folder (the data folder's ``templates/``), one
  ``<name>.yaml`` per template holding its latest version, human-editable.
- A user template shadows a built-in one of the same name.
- Every version ever saved (or seen after a hand edit) is also kept as
  ``.history/<name>/<NNNN>-<id>.yaml`` and never rewritten, so editing makes a new
  version and old runs can always find the exact template they used, by id.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

import yaml

from common.errors import TemplateError
from common.files import write_atomic
from common.i18n import _
from common.resources import resource_dir
from prompt_library.errors import TemplateNotFoundError
from prompt_library.spec import TemplateSpec
from prompt_library.template import PromptTemplate

BUILTIN_TEMPLATES = resource_dir("templates")
HISTORY = ".history"
_ID_PREFIX = re.compile(r"^[0-9a-f]{8,64}$")


_LABEL = re.compile(r"^[A-Za-z][\w.-]{0,39}$")


def check_label(label: str) -> str:
    """A label name a person may give (``production``, ``candidate-2``), or TemplateError."""
    label = label.strip() if isinstance(label, str) else ""
    if not _LABEL.match(label) or label == "latest" or _ID_PREFIX.match(label):
        raise TemplateError(f"label '{label}' must start with a letter and hold only letters, digits, "
                            "'.', '-', '_' (and not be 'latest' or look like an id)")
    return label


@dataclass(frozen=True)
class TemplateInfo:
    """One row of the library listing; ``error`` is set (and ``id`` None) for a broken file."""

    name: str
    id: str | None
    origin: Literal["builtin", "user"]
    path: Path
    title: str = ""
    description: str = ""
    language: str = ""
    mode: str = ""
    pattern: str = ""
    tags: tuple[str, ...] = ()
    shadows_builtin: bool = False
    error: str | None = None


@dataclass(frozen=True)
class VersionInfo:
    name: str
    version: int
    id: str
    path: Path
    saved_utc: str


class TemplateLibrary:
    """The template library. ``user_dir`` None: read-only, built-ins only."""

    def __init__(self, user_dir: str | os.PathLike[str] | None = None,
                 builtin_dir: str | os.PathLike[str] | None = BUILTIN_TEMPLATES, *, labels: Any = None):
        """``labels``: where ``name@label`` is looked up (the run log's Store: ``template_label``)."""
        self.labels = labels
        self.user_dir = Path(user_dir) if user_dir is not None else None
        self.builtin_dir = Path(builtin_dir) if builtin_dir is not None else None
        self._cache: dict[Path, tuple[int, int, PromptTemplate | TemplateError]] = {}

    # --- reading ------------------------------------------------------------------
    def _load(self, path: Path) -> PromptTemplate | TemplateError:
        try:
            st = path.stat()
        except OSError as exc:
            return TemplateError(_('cannot read {path}: {value}').format(path=path, value=exc.strerror or exc))
        cached = self._cache.get(path)
        if cached and cached[0] == st.st_mtime_ns and cached[1] == st.st_size:
            return cached[2]
        try:
            result: PromptTemplate | TemplateError = PromptTemplate.from_file(path)
        except TemplateError as exc:
            result = exc
        self._cache[path] = (st.st_mtime_ns, st.st_size, result)
        return result

    def _scan(self, folder: Path | None) -> list[tuple[Path, PromptTemplate | TemplateError]]:
        if folder is None or not folder.is_dir():
            return []
        paths = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        return [(p, self._load(p)) for p in paths]

    def _user(self) -> list[tuple[Path, PromptTemplate | TemplateError]]:
        found = self._scan(self.user_dir)
        for _path, t in found:  # a hand edit is a version too: keep it
            if isinstance(t, PromptTemplate):
                try:
                    self._snapshot(t)
                except OSError:
                    pass
        return found

    def _builtins(self) -> dict[str, PromptTemplate]:
        return {t.name: t for _p, t in self._scan(self.builtin_dir) if isinstance(t, PromptTemplate)}

    def _user_by_name(self, name: str) -> PromptTemplate | None:
        matches = [(p, t) for p, t in self._user() if isinstance(t, PromptTemplate) and t.name == name]
        if not matches:
            return None
        exact = [t for p, t in matches if p.stem == name]
        if exact:
            return exact[0]
        return max(matches, key=lambda pt: pt[0].stat().st_mtime_ns)[1]

    def list(self) -> list[TemplateInfo]:
        """Every template, user ones first shadowing built-ins, sorted by name."""
        builtins = self._builtins()
        infos: dict[str, TemplateInfo] = {}
        broken: list[TemplateInfo] = []
        for path, t in self._user():
            if isinstance(t, TemplateError):
                broken.append(TemplateInfo(name=path.stem, id=None, origin="user", path=path, error=str(t)))
            elif t.name not in infos or path.stem == t.name:
                infos[t.name] = _info(t, "user", path, shadows=t.name in builtins)
        for name, t in builtins.items():
            if name not in infos:
                infos[name] = _info(t, "builtin", Path(t.origin or ""))
        for path, t in self._scan(self.builtin_dir):
            if isinstance(t, TemplateError):
                broken.append(TemplateInfo(name=path.stem, id=None, origin="builtin", path=path, error=str(t)))
        return sorted(infos.values(), key=lambda i: i.name) + broken

    def get(self, ref: str) -> PromptTemplate:
        """By name (the latest version; user before built-in), by id (or an id prefix of 8+), or
        ``name@label`` / ``name@id-prefix`` for a named version."""
        if "@" in ref:
            name, _, version = ref.rpartition("@")
            return self.version(name, version)
        found = self._user_by_name(ref) or self._builtins().get(ref)
        if found is not None:
            return found
        if _ID_PREFIX.match(ref):
            return self._by_id(ref)
        raise TemplateNotFoundError(f"no template named '{ref}'")

    def _by_id(self, prefix: str) -> PromptTemplate:
        candidates: dict[str, PromptTemplate] = {}
        for _p, t in self._user():
            if isinstance(t, PromptTemplate) and t.id.startswith(prefix):
                candidates[t.id] = t
        for t in self._builtins().values():
            if t.id.startswith(prefix):
                candidates[t.id] = t
        if self.user_dir is not None:
            for path in (self.user_dir / HISTORY).glob(f"*/*-{prefix}*.yaml"):
                t = self._load(path)
                if isinstance(t, PromptTemplate) and t.id.startswith(prefix):
                    candidates.setdefault(t.id, t)
        if not candidates:
            raise TemplateNotFoundError(_("no template with id '{prefix}'").format(prefix=prefix))
        if len(candidates) > 1:
            raise TemplateNotFoundError(_("id '{prefix}' matches {n} templates; give more of it").format(prefix=prefix, n=len(candidates)))
        return next(iter(candidates.values()))

    def version(self, name: str, ref: str) -> PromptTemplate:
        """One version of ``name``: its number (``3``), an id prefix, or a label (``production``).
        A label keeps its version even when the template's files are gone (the run log has it)."""
        ref = ref.strip().removeprefix("@")
        if not name or not ref:
            raise TemplateNotFoundError(_("'{name}@{ref}': give a template name and a version, id or label").format(name=name, ref=ref))
        if ref.isdigit():
            for v in self.versions(name):
                if v.version == int(ref):
                    return PromptTemplate.from_file(v.path)
            raise TemplateNotFoundError(_("template '{name}' has no version {ref}").format(name=name, ref=ref))
        if _ID_PREFIX.match(ref):
            try:
                t = self._by_id(ref)
            except TemplateNotFoundError:
                t = None
            if t is not None:
                if t.name != name:
                    raise TemplateNotFoundError(_("version {ref} is of template '{name}', not '{name2}'").format(ref=ref, name=t.name, name2=name))
                return t
        if ref == "latest":
            return self.get(name)
        if self.labels is None:
            raise TemplateNotFoundError(_("'{name}@{ref}': no version with that id, and labels need the run log").format(name=name, ref=ref))
        row = self.labels.template_label(name, ref)
        if row is None:
            raise TemplateNotFoundError(_("template '{name}' has no label or version '{ref}'").format(name=name, ref=ref))
        try:
            return self._by_id(row["template_id"])
        except TemplateNotFoundError:
            if not row.get("body_yaml"):
                raise TemplateNotFoundError(_("'{name}@{ref}' points at version {value}, which is not stored anywhere").format(name=name, ref=ref, value=row['template_id'][:12])) from None
            return PromptTemplate.from_yaml(row["body_yaml"], label=f"{name}@{ref}")

    def versions(self, name: str) -> list[VersionInfo]:
        """Saved versions of a user template, oldest first (empty for a built-in only)."""
        self._user()  # records hand edits
        folder = self._history_dir(name)
        if folder is None or not folder.is_dir():
            return []
        out = []
        for path in sorted(folder.glob("*.yaml")):
            number, _sep, tid = path.stem.partition("-")
            if number.isdigit() and tid:
                saved = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
                out.append(VersionInfo(name, int(number), tid, path, saved))
        return out

    # --- writing ------------------------------------------------------------------
    def _need_user_dir(self) -> Path:
        if self.user_dir is None:
            raise TemplateError(_('no user template folder is set; cannot save templates'))
        try:
            self.user_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TemplateError(_('cannot create {user_dir}: {value}').format(user_dir=self.user_dir, value=exc.strerror or exc)) from None
        return self.user_dir

    def _history_dir(self, name: str) -> Path | None:
        return None if self.user_dir is None else self.user_dir / HISTORY / name

    def _snapshot(self, t: PromptTemplate) -> None:
        folder = self._history_dir(t.name)
        if folder is None:
            return
        if folder.is_dir() and any(folder.glob(f"*-{t.id}.yaml")):
            return
        folder.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.name.split("-", 1)[0]) for p in folder.glob("*.yaml") if p.name.split("-", 1)[0].isdigit()]
        _write_new(folder / f"{max(numbers, default=0) + 1:04d}-{t.id}.yaml", t.yaml_text)

    def save(self, template: PromptTemplate | TemplateSpec | str) -> str:
        """Save as the latest version of its name; returns the version id (same content, same id)."""
        if isinstance(template, str):
            template = PromptTemplate.from_yaml(template)
        elif isinstance(template, TemplateSpec):
            template = PromptTemplate(template)
        folder = self._need_user_dir()
        current = self._user_by_name(template.name)
        try:
            if current is None and template.name in self._builtins():
                self._snapshot(self._builtins()[template.name])  # history starts at the built-in
            if current is not None:
                self._snapshot(current)
            self._snapshot(template)
            target = folder / f"{template.name}.yaml"
            existing = self._load(target) if target.exists() else None
            if not (isinstance(existing, PromptTemplate) and existing.id == template.id):
                _write_atomic(target, template.yaml_text)
        except OSError as exc:
            raise TemplateError(_("cannot save template '{name}': {value}").format(name=template.name, value=exc.strerror or exc)) from None
        return template.id

    def duplicate(self, ref: str, new_name: str) -> PromptTemplate:
        """Copy a template under a new name (comments kept) and save it."""
        source = self.get(ref)
        if self._user_by_name(new_name) or new_name in self._builtins():
            raise TemplateError(_("a template named '{name}' already exists").format(name=new_name))
        copy = PromptTemplate.from_yaml(_rename_yaml(source, new_name), label=f"template '{new_name}'")
        self.save(copy)
        return copy

    def delete(self, name: str) -> list[VersionInfo]:
        """Remove a user template from the listing; returns its saved versions, which stay
        in the history folder (and in the run log's templates table for runs made with
        them), so a run that used one still opens. A built-in cannot be deleted."""
        current = self._user_by_name(name)
        if current is None:
            if name in self._builtins():
                raise TemplateError(_("'{name}' is built in and cannot be deleted").format(name=name))
            raise TemplateError(_("no template named '{name}' in your folder").format(name=name))
        self._snapshot(current)
        kept = self.versions(name)
        target = self._need_user_dir() / f"{name}.yaml"
        try:
            target.unlink()
        except OSError as exc:
            raise TemplateError(_("cannot delete template '{name}': {value}").format(name=name, value=exc.strerror or exc)) from None
        return kept

    def rename(self, name: str, new_name: str) -> PromptTemplate:
        """Save the template under ``new_name`` and delete the old name (its versions kept)."""
        copy = self.duplicate(name, new_name)
        self.delete(name)
        return copy

    def import_file(self, path: str | os.PathLike[str]) -> PromptTemplate:
        """Check a template file and save it into the user folder as a new version."""
        template = PromptTemplate.from_file(path)
        self.save(template)
        return template

    def export_file(self, ref: str, path: str | os.PathLike[str]) -> Path:
        """Write a template's YAML to ``path`` (a folder: ``<name>.yaml`` inside it)."""
        template = self.get(ref)
        target = Path(path)
        if target.is_dir():
            target = target / f"{template.name}.yaml"
        try:
            _write_atomic(target, template.yaml_text)
        except OSError as exc:
            raise TemplateError(_('cannot write {target}: {value}').format(target=target, value=exc.strerror or exc)) from None
        return target


def _info(t: PromptTemplate, origin: Literal["builtin", "user"], path: Path, *, shadows: bool = False) -> TemplateInfo:
    s = t.spec
    return TemplateInfo(name=s.name, id=t.id, origin=origin, path=path, title=s.title,
                        description=s.description, language=s.language, mode=s.mode,
                        pattern=s.pattern.name, tags=tuple(s.tags), shadows_builtin=shadows)


def _rename_yaml(t: PromptTemplate, new_name: str) -> str:
    """The template's YAML with only the name value replaced, so comments survive."""
    node = yaml.compose(t.yaml_text, Loader=yaml.SafeLoader)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "name" and isinstance(value, yaml.ScalarNode):
                start, end = value.start_mark.index, value.end_mark.index
                quoted = yaml.safe_dump(new_name, allow_unicode=True, default_flow_style=True)
                quoted = quoted.removesuffix("\n...\n").strip()
                return t.yaml_text[:start] + quoted + t.yaml_text[end:]
    data = t.spec.model_dump(mode="json", exclude_defaults=True)
    data["name"] = new_name
    return PromptTemplate(TemplateSpec.model_validate(data)).yaml_text


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)


def _write_new(path: Path, text: str) -> None:
    """Write a history file; never overwrite one."""
    with open(path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
