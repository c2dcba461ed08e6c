"""One message's text in the thread: Markdown rendered incrementally as it streams.

Finished blocks (desktop/chat_markdown.py) are inserted once, at the end of the
document; only the unfinished tail is removed and inserted again on each flush, at
most every RENDER_MS. A fenced code block gets a "Copy code" link above it. The widget
grows with its text (the thread scrolls, not the message).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from desktop.chat_markdown import split_finished

RENDER_MS = 100


class MessageText(QTextBrowser):
    codeCopied = Signal(int)

    def __init__(self, markdown: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("QTextBrowser { background: transparent; }")
        self.document().setDocumentMargin(2)
        self._text = ""
        self._markdown = markdown
        self._done = 0  # characters of _text rendered as finished blocks
        self._tail_pos = 0  # document position where the tail starts
        self.code_blocks: list[str] = []
        self.renders = 0  # how many times the tail was re-rendered (the tests look)
        self.inserted = 0  # characters of Markdown parsed so far: about len(text), not len(text) per flush
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RENDER_MS)
        self._timer.timeout.connect(self.render_now)
        self._fitting = True
        self._final = False
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self.anchorClicked.connect(self._anchor)

    # -- text -------------------------------------------------------------------
    def text(self) -> str:
        """Exactly the text received, whatever the display mode."""
        return self._text

    def set_markdown(self, on: bool) -> None:
        if on != self._markdown:
            self._markdown = on
            self.set_text(self._text)

    def set_text(self, text: str) -> None:
        self._timer.stop()
        self._text = text
        self._reset()
        self.render_now(final=True)

    def append_text(self, piece: str) -> None:
        if not piece:
            return
        self._text += piece
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """The stream ended: render what is left as finished blocks."""
        self.render_now(final=True)

    def _reset(self) -> None:
        self.document().clear()
        self._done = 0
        self._tail_pos = 0
        self.code_blocks = []

    # -- rendering --------------------------------------------------------------
    def render_now(self, final: bool = False) -> None:
        self._timer.stop()
        self._final = final
        self._fitting = False  # one size update after the edit, not one per inserted block
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        try:
            self._render(cursor)
        finally:
            cursor.endEditBlock()
            self._fitting = True
        self._fit()

    def _render(self, cursor: QTextCursor) -> None:
        cursor.setPosition(self._tail_pos)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if not self._markdown:
            cursor.insertText(self._text[self._done:])
            self._done = len(self._text)
            self._tail_pos = cursor.position()
            return
        blocks, used = split_finished(self._text[self._done:], final=self._final)
        for b in blocks:
            self._insert(cursor, b.text, b.code)
        self._done += used
        self._tail_pos = cursor.position()
        tail = self._text[self._done:]
        if tail.strip():
            self._insert(cursor, tail, None)
        self.renders += 1

    def _insert(self, cursor: QTextCursor, md: str, code: str | None) -> None:
        if not cursor.atStart():
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())  # a fresh block: out of any list
        if code is not None:
            self.code_blocks.append(code)
            label = html.escape(self.tr("Copy code"))
            cursor.insertHtml(f'<a href="copy:{len(self.code_blocks) - 1}"><small>[{label}]</small></a>')
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        start = cursor.position()
        self.inserted += len(md)
        cursor.insertMarkdown(md, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
        # code (fenced or indented) is shaded, and wraps instead of running off the edge
        block = self.document().findBlock(start)
        while block.isValid() and block.position() <= cursor.position():
            if code is not None or block.blockFormat().nonBreakableLines():  # (the first line merges into
                # the block the cursor was in, so it does not carry the code format: shade it by range)
                shade = QTextBlockFormat()
                shade.setBackground(self.palette().alternateBase())
                shade.setNonBreakableLines(False)
                QTextCursor(block).mergeBlockFormat(shade)
            block = block.next()

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() == "copy":
            try:
                i = int(url.path())
            except ValueError:
                return
            if 0 <= i < len(self.code_blocks):
                QGuiApplication.clipboard().setText(self.code_blocks[i])
                self.codeCopied.emit(i)
        elif url.scheme() in ("http", "https"):
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(url)

    # -- size -------------------------------------------------------------------
    def _fit(self, *_: object) -> None:
        if not self._fitting:
            return
        h = int(self.document().size().height()) + 4
        if h != self.height():
            self.setFixedHeight(max(h, 20))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.document().setTextWidth(self.viewport().width())
        self._fit()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(200, self.height())

