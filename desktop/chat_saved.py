"""The playground's saved chats: a finished run joins its chat in the run log, and a
saved chat opens, renames, deletes and exports (a mixin of PlaygroundView, which holds
the store, the thread, the chat list and the parameters panel)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from common.errors import WorkbenchError
from desktop import chat_export
from desktop.chat_reopen import loads_object
from desktop.chat_tree import Exchange, from_runs


class SavedChatsMixin:
    def chat_settings(self) -> dict[str, Any]:
        p = self.params_panel
        return {"mode": self.current_mode(), "system": self.system.toPlainText(),
                "seed_fixed": p.seed_fixed.isChecked(), "seed": p.seed.seed(), "guards": self.guards_policy}

    def _save_to_chat(self, ex: Exchange) -> None:
        """Put the finished run into this chat's conversation (a first run creates the chat)."""
        if not ex.run_id:
            return
        model = ex.meta.get("model_name") or self.wb.selected
        try:
            if self.conversation_id is None:
                first = next((e for e in self.thread.tree.path() if e.user.strip()), ex)
                self.conversation_id = self.store.create_conversation(first.user or self.tr("Untitled chat"),
                                                                      model, self.chat_settings())
                for rid in self._adopt:
                    self.store.add_to_conversation(self.conversation_id, rid)
                self._adopt = []
            self.store.add_to_conversation(self.conversation_id, ex.run_id, model)
            self.store.set_conversation_settings(self.conversation_id, self.chat_settings())
        except WorkbenchError as exc:
            self.chatFailed.emit(exc)
            return
        self.chats.current = self.conversation_id
        self.chats.refresh()


    # -- saved chats -------------------------------------------------------------
    def open_chat(self, conversation_id: str) -> bool:
        """Show a saved chat: its runs rebuilt as a thread, its settings restored."""
        if self.wb.busy:
            return False
        try:
            conv = self.store.get_conversation(conversation_id)
            rows = self.store.conversation_runs(conv["id"])
        except WorkbenchError as exc:
            self.chatFailed.emit(exc)
            return False
        self.conversation_id, self._adopt = conv["id"], []
        self.restore_banner.hide()
        tree = from_runs(rows)
        self.thread.set_tree(tree)
        self.chats.select(conv["id"])
        self.cancel_edit()
        settings = loads_object(conv.get("settings_json"))
        if settings.get("mode") in ("chat", "completion"):
            self.set_mode(settings["mode"])
        self.system.setPlainText(str(settings.get("system") or ""))
        p = self.params_panel
        if rows:
            last = loads_object(rows[-1].get("spec_json"))
            self._restore_run_settings(last, rows[-1], announce=False)
        if "guards" in settings:  # the chat's guards as last chosen (the last run's otherwise)
            self.set_guards(settings["guards"] if isinstance(settings["guards"], dict) else None)
        p.seed_fixed.setChecked(bool(settings.get("seed_fixed")))
        if settings.get("seed") is not None:
            p.seed.set_seed(int(settings["seed"]))
        last_ex = tree.last()
        if last_ex is not None and last_ex.run_id:
            self.show_checks(last_ex.run_id, last_ex)
            self.highlight_exchange(last_ex)
        else:
            self.clear_run_panels()
        return True

    def _ask_rename(self, conversation_id: str) -> None:
        try:
            title = self.store.get_conversation(conversation_id).get("title") or ""
        except WorkbenchError as exc:
            self.chatFailed.emit(exc)
            return
        new, ok = QInputDialog.getText(self, self.tr("Rename chat"), self.tr("Title:"), text=title)
        if ok and new.strip():
            self.rename_chat(conversation_id, new)

    def rename_chat(self, conversation_id: str, title: str) -> str | None:
        try:
            kept = self.store.rename_conversation(conversation_id, title)
        except WorkbenchError as exc:
            self.chatFailed.emit(exc)
            return None
        self.chats.refresh()
        return kept

    def _ask_delete(self, conversation_id: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete chat"),
                          self.tr("Delete this chat? Its runs stay in History."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.delete_chat(conversation_id)

    def delete_chat(self, conversation_id: str) -> None:
        try:
            self.store.delete_conversation(conversation_id)
        except WorkbenchError as exc:
            self.chatFailed.emit(exc)
            return
        if conversation_id == self.conversation_id:
            self.new_chat()
        self.chats.refresh()

    def export_chat(self, conversation_id: str, kind: str, path: str | Path) -> Path:
        """Write a saved chat as Markdown (``md``) or JSON; returns the file written."""
        conv = self.store.get_conversation(conversation_id)
        tree = from_runs(self.store.conversation_runs(conv["id"]))
        system = loads_object(conv.get("settings_json")).get("system") or None
        text = (chat_export.to_markdown(conv.get("title") or "", tree, system) if kind == "md"
                else chat_export.to_json(conv, tree, system))
        out = Path(path)
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise WorkbenchError(self.tr("Could not write %1: %2").replace("%1", str(out))
                                 .replace("%2", str(exc.strerror or exc))) from None
        return out

    def _ask_export(self, conversation_id: str, kind: str) -> None:
        filt = self.tr("Markdown (*.md)") if kind == "md" else self.tr("JSON (*.json)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chat"), f"chat.{kind}", filt)
        if not path:
            return
        try:
            out = self.export_chat(conversation_id, kind, path)
        except WorkbenchError as exc:
            self.chatFailed.emit(exc)
            return
        self.reason.setText(self.tr("Exported to %1").replace("%1", str(out)))
