"""A chat conversation: the turns (plain data) and the list that shows them."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from backends.base import Message


@dataclass
class Conversation:
    """User and assistant turns (the system prompt is kept apart)."""

    turns: list[Message] = field(default_factory=list)

    def last_user_index(self) -> int | None:
        for i in range(len(self.turns) - 1, -1, -1):
            if self.turns[i].role == "user":
                return i
        return None

    def before(self, index: int) -> tuple[Message, ...]:
        return tuple(self.turns[:index])

    def commit(self, base: int, user_text: str, answer: str) -> None:
        """Replace everything from ``base`` on with one exchange."""
        self.turns = self.turns[:base] + [Message("user", user_text), Message("assistant", answer)]


class Transcript(QTextBrowser):
    """Shows the turns; a user turn's "edit" link puts it back in the prompt box."""

    editRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setPlaceholderText(self.tr("The conversation appears here."))
        self.anchorClicked.connect(self._anchor)
        self.turns: list[Message] = []

    def show_turns(self, turns: list[Message]) -> None:
        self.turns = list(turns)
        shade = self.palette().alternateBase().color().name()
        you = html.escape(self.tr("You"))
        assistant = html.escape(self.tr("Assistant"))
        edit = html.escape(self.tr("edit and resend"))
        parts = []
        for i, m in enumerate(turns):
            body = html.escape(m.content.strip()).replace("\n", "<br>")
            if m.role == "user":
                parts.append(f'<p style="background-color:{shade}; margin:0px; padding:4px"><b>{you}</b>'
                             f'&nbsp;&nbsp;<small><a href="edit:{i}">{edit}</a></small><br>{body}</p>')
            else:
                parts.append(f'<p style="margin:0px 0px 8px 0px; padding:4px"><b>{assistant}</b><br>{body}</p>')
        self.setHtml("".join(parts))
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() == "edit":
            self.editRequested.emit(int(url.path()))
