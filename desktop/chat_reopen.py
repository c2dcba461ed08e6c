"""Reopen means reproduce: a logged run put back in the playground with its
conversation, model file (path, then sha256), parameters and seed, constraint, system
prompt, guards and template; what cannot be restored is listed in a banner (a mixin
of PlaygroundView)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from backends.base import SamplingParams
from common.errors import WorkbenchError
from desktop.chat_tree import ChatTree, Exchange, exchange_from_run


class ReopenMixin:
    # -- open a logged run -------------------------------------------------------
    def open_run(self, row: dict[str, Any]) -> list[str]:
        """Reopen a logged run here to reproduce it: its conversation, model, every
        parameter and seed, constraint and system prompt. Returns (and shows in a
        banner) what could not be restored."""
        if self.wb.busy:
            return []
        spec = loads_object(row.get("spec_json"))
        if row.get("conversation_id") and self.open_chat(row["conversation_id"]):
            path_ids = [e.run_id for e in self.thread.tree.path()]
            if row.get("id") not in path_ids:  # show the branch that holds this run
                self._show_run_in_tree(row.get("id"))
        else:
            history, ex = exchange_from_run(row)
            tree = ChatTree()
            parent = None
            for i in range(0, len(history) - 1, 2):
                parent = tree.add(parent, Exchange(user=history[i].content, answer=history[i + 1].content))
            tree.add(parent, ex)
            self.conversation_id = None
            self._adopt = [row["id"]] if row.get("id") else []
            self.chats.select(None)
            self.thread.set_tree(tree)
            self.set_mode("completion" if row.get("mode") == "completion" else "chat")
            self.system.setPlainText(spec.get("system") or "")
        self.cancel_edit()
        missing = self._restore_run_settings(spec, row, announce=True)
        self.prompt.setPlainText(spec.get("prompt") or "")
        return missing

    def _show_run_in_tree(self, run_id: str | None) -> None:
        def walk(level: list[Exchange]) -> Exchange | None:
            for e in level:
                if e.run_id == run_id:
                    return e
                found = walk(e.children)
                if found is not None:
                    return found
            return None

        ex = walk(self.thread.tree.roots)
        while ex is not None:
            self.thread.tree.show(ex)
            ex = ex.parent
        self.thread.rebuild()

    def _restore_run_settings(self, spec: dict[str, Any], row: dict[str, Any], *, announce: bool) -> list[str]:
        missing: list[str] = []
        params = spec.get("params") or {}
        if params:
            try:
                p = SamplingParams.from_dict(params)
                self.params_panel.set_params(p)
            except WorkbenchError as exc:
                missing.append(self.tr("the parameters (%1)").replace("%1", str(exc)))
        seed = row.get("seed") if row.get("seed") is not None else params.get("seed")
        if seed is not None:
            self.params_panel.seed_fixed.setChecked(True)
            self.params_panel.seed.set_seed(int(seed))
        missing += self._restore_model(spec, row)
        if self.constraint is not None:
            c = spec.get("constraint")
            try:
                kind, text = _constraint_text(c)
                self.constraint.set_constraint(kind, text)
            except (TypeError, ValueError, KeyError):
                missing.append(self.tr("the constraint (unreadable)"))
        self._carry = {}
        kept: list[str] = []
        policy = spec.get("policy")
        self.set_guards(policy if isinstance(policy, dict) and policy else None)
        if isinstance(policy, dict) and policy:
            names = [str(r.get("check")) for stage in ("input", "output") for r in (policy.get(stage) or [])
                     if isinstance(r, dict)]
            kept.append(self.tr("guards %1").replace("%1", ", ".join(names) or "?"))
        if spec.get("template_id"):
            self._carry.update(template_id=spec["template_id"], variables=dict(spec.get("variables") or {}),
                               pattern=spec.get("pattern"))
            kept.append(self.tr("template %1 with its variables").replace("%1", str(spec.get("pattern") or
                                                                                 spec["template_id"][:8])))
        if announce:
            lines = []
            if kept:
                lines.append(self.tr("Kept from the run for the next runs of this chat: %1.").replace("%1", "; ".join(kept)))
            if missing:
                lines.append(self.tr("Reopened, but not restored: %1.").replace("%1", "; ".join(missing)))
            self.restore_label.setText(" ".join(lines))
            self.restore_banner.setVisible(bool(lines))
        return missing

    def _restore_model(self, spec: dict[str, Any], row: dict[str, Any]) -> list[str]:
        """The run's model file: by registry name, else by path, else by sha256; a model
        that cannot be found is said, never replaced silently."""
        name, path, sha = spec.get("model"), row.get("model_path"), row.get("model_sha256")
        entries = self.wb.models
        pick = None
        if path:
            pick = next((m for m in entries if m.path and str(m.path) == str(path)), None)
        if pick is None and sha:
            pick = next((m for m in entries if getattr(m, "sha256", None) == sha), None)
        if pick is None and name:
            pick = next((m for m in entries if m.name == name), None)
        if pick is None and sha and not (path and Path(path).exists()):
            try:  # the same file, recorded by the log under another path
                known = self.store.model_file(sha256=sha)
            except WorkbenchError:
                known = None
            if known and known.get("path") and Path(known["path"]).exists():
                path = known["path"]
                pick = next((m for m in entries if m.path and str(m.path) == str(path)), None)
        if pick is None and path and Path(path).exists():
            self.wb.add_path(path)
            self.wb.selected = str(name or Path(path).stem)
            self._verify_sha(Path(path), sha)
            return []
        if pick is None:
            where = path or name or "?"
            return [self.tr("the model %1 (not found; the current model is kept)").replace("%1", str(where))]
        self.wb.selected = pick.name
        self.wb.loadedChanged.emit()
        if pick.path is not None:
            self._verify_sha(Path(pick.path), sha)
        return []

    def _verify_sha(self, path: Path, sha: str | None) -> None:
        """Check in a worker that the file is still the one the run used (hashing a large
        file takes seconds; the registry caches it by size and mtime)."""
        if not sha:
            return
        registry = self.wb.engine.registry

        def done(digest: str) -> None:
            if digest != sha:
                note = self.tr("The model file %1 has changed since the run (its sha256 differs): the answer "
                               "may differ.").replace("%1", path.name)
                self.restore_label.setText((self.restore_label.text() + " " + note).strip())
                self.restore_banner.show()

        self.wb.background(lambda: registry.sha256(path), done, lambda _e: None)


def _constraint_text(c: Any) -> tuple[str | None, str]:
    """A stored constraint as what the picker shows: (kind, text)."""
    if not c:
        return None, ""
    kind = c["kind"]
    if kind == "choice":
        return "choice", "\n".join(c["choices"])
    if kind == "regex":
        return "regex", c["pattern"]
    if kind == "json_schema":
        return "json_schema", json.dumps(c["schema"], ensure_ascii=False, indent=2)
    if kind == "grammar":
        return "grammar", c.get("gbnf") or c.get("grammar") or ""
    raise ValueError(kind)


def loads_object(text: Any) -> dict[str, Any]:
    try:
        v = json.loads(text or "{}")
    except (TypeError, ValueError):
        return {}
    return v if isinstance(v, dict) else {}
