"""Guards picked in the playground (a mixin of PlaygroundView): the same picker as a
template's (desktop/guard_picker.py), every check of the registry with its options.
The chosen policy goes into every run's spec (input checks on the prompt, output
checks on the answer, ``runs/pipeline.py``), is saved with the chat's settings and put
back by Open in playground; each answer's verdicts show on its bubble and its spans
are marked in the user's text (input checks) and in the answer (output checks)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy

from common.errors import WorkbenchError
from desktop.checks_view import highlight_spans, split_by_stage
from desktop.chat_tree import Exchange


def policy_entries(policy: dict[str, Any] | None) -> list[tuple[str, str, str]]:
    """(check, side, on fail) of each rule of a ``guards:`` policy, in order."""
    out = []
    for side in ("input", "output"):
        for item in (policy or {}).get(side) or []:
            if isinstance(item, str):
                out.append((item, side, "warn"))
            elif isinstance(item, dict):
                out.append((str(item.get("check") or "?"), side, str(item.get("on_fail") or "warn")))
    return out


class GuardsMixin:
    guards_policy: dict[str, Any] | None = None

    def _build_guards(self) -> None:
        self.guards_button = QPushButton(self.tr("Guards…"))
        self.guards_button.setToolTip(self.tr("Pick checks from the registry to run on the prompt and the answer"))
        self.guards_label = QLabel()
        self.guards_label.setStyleSheet("color: palette(placeholder-text);")
        self.guards_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the bar
        self.guards_button.clicked.connect(lambda: self.pick_playground_guards())
        self.set_guards(None)

    def set_guards(self, policy: dict[str, Any] | None) -> None:
        """The guards the next runs use (None: no checks)."""
        self.guards_policy = dict(policy) if policy else None
        entries = policy_entries(self.guards_policy)
        sides = {"input": self.tr("input"), "output": self.tr("output")}
        where: dict[str, list[str]] = {}  # one item per check: where it runs
        for name, side, _on_fail in entries:
            where.setdefault(name, []).append(sides[side])
        short = [f"{name} ({'+'.join(s)})" for name, s in where.items()]
        self.guards_label.setText(self.tr("Guards: %1").replace("%1", ", ".join(short)) if short
                                  else self.tr("No guards"))
        self.guards_label.setToolTip("\n".join(f"{name} · {sides[side]} · {on_fail}"
                                               for name, side, on_fail in entries))
        if hasattr(self, "_count_timer"):  # built: recount, the gate may change
            self._inputs_changed()

    def pick_playground_guards(self, policy: Any = ..., *, dialog: Any = None) -> dict[str, Any] | None:
        """Open the guard picker on the current guards; ``policy`` given: set without asking."""
        if policy is ...:
            from desktop.guard_picker import GuardPicker

            note = self.tr("Input checks run on your prompt before it is sent, output checks on the answer; "
                           "their verdicts and spans show on the answer in the thread.")
            dialog = dialog or GuardPicker(self.guards_policy, self, note)
            if not dialog.exec():
                return self.guards_policy
            policy = dialog.result_policy
        self.set_guards(policy)
        if self.conversation_id is not None:  # a saved chat keeps its guards as chosen
            try:
                self.store.set_conversation_settings(self.conversation_id, self.chat_settings())
            except WorkbenchError as exc:
                self.chatFailed.emit(exc)
        return self.guards_policy

    def highlight_exchange(self, ex: Exchange) -> int:
        """Mark the spans of ``ex``'s checks in its bubbles; returns how many were found."""
        inputs, outputs = ex.meta.get("_input_checks") or [], ex.meta.get("_output_checks") or []
        found = 0
        for b in self.thread.bubbles:
            if b.ex is not ex:
                continue
            found += highlight_spans(b.body.document(), inputs if b.role == "user" else outputs)
        return found

    def _keep_check_rows(self, ex: Exchange, rows: list[dict[str, Any]]) -> None:
        ex.meta["_input_checks"], ex.meta["_output_checks"] = split_by_stage(rows)
