"""The streamed answer: raw text kept as received, shown as Markdown or plain text.

Plain text is appended at the end as it arrives (cheap); Markdown is re-rendered at
most every RENDER_MS while streaming, so a long answer never stalls the window.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

RENDER_MS = 120


class OutputView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        self.setPlaceholderText(self.tr("The answer streams here."))
        self._text = ""
        self._markdown = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RENDER_MS)
        self._timer.timeout.connect(self._render)

    def text(self) -> str:
        """Exactly the text received, whatever the display mode."""
        return self._text

    @property
    def markdown(self) -> bool:
        return self._markdown

    def set_markdown(self, on: bool) -> None:
        self._markdown = on
        self._render()

    def set_text(self, text: str) -> None:
        self._text = text
        self._render()

    def clear_text(self) -> None:
        self._text = ""
        self._timer.stop()
        self.clear()

    def append_text(self, piece: str) -> None:
        if not piece:
            return
        self._text += piece
        if self._markdown:
            if not self._timer.isActive():
                self._timer.start()
            return
        bar = self.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(piece)
        if at_end:
            bar.setValue(bar.maximum())

    def flush(self) -> None:
        """Render now (the stream ended)."""
        if self._timer.isActive():
            self._timer.stop()
            self._render()

    def _render(self) -> None:
        self._timer.stop()
        bar = self.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        if self._markdown:
            self.setMarkdown(self._text)
        else:
            self.setPlainText(self._text)
        if at_end:
            bar.setValue(bar.maximum())
