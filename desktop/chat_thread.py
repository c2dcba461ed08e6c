"""The conversation thread: one bubble per message, the answer streaming in place.

Each exchange of the shown path (desktop/chat_tree.py) is two bubbles: the user's (or,
in completion mode, the prompt) and the answer (the continuation). An answer bubble
carries its run id, timings, checks and a "stopped" tag; per message: copy,
edit-and-resend (user), regenerate and the alternatives switcher (answer).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.chat_text import MessageText
from desktop.chat_tree import ChatTree, Exchange
from desktop.textfmt import fmt_ms, fmt_tps
from desktop.engine_i18n import translate_message


def _tool(text: str, tip: str) -> QToolButton:
    b = QToolButton()
    b.setText(text)
    b.setToolTip(tip)
    b.setAutoRaise(True)
    return b


class Bubble(QFrame):
    """One message: a header line, its text, and for an answer the checks line."""

    def __init__(self, ex: Exchange, role: str, markdown: bool, thread: ChatThread):
        super().__init__()
        self.ex, self.role = ex, role
        self.setObjectName("bubble_" + role)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        user = role == "user"
        completion = ex.mode == "completion"
        shade = "palette(alternate-base)" if user else "palette(base)"
        self.setStyleSheet(f"QFrame#bubble_{role} {{ background: {shade}; border-radius: 6px; }}")
        if user:
            who = self.tr("Prompt") if completion else self.tr("You")
        else:
            who = self.tr("Continuation") if completion else self.tr("Assistant")
        self.who = QLabel(f"<b>{who}</b>")
        self.tag = QLabel()
        self.tag.setStyleSheet("color: #b26a00; font-weight: bold;")
        self.tag.hide()
        self.branch = QLabel()
        self.prev_button = _tool("‹", self.tr("Previous alternative"))
        self.next_button = _tool("›", self.tr("Next alternative"))
        self.meta = QLabel()
        self.meta.setStyleSheet("color: palette(placeholder-text);")
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = _tool(self.tr("Copy"), self.tr("Copy this message"))
        self.edit_button = _tool(self.tr("Edit"), self.tr("Edit this message and send it again (a new branch)"))
        self.regen_button = _tool(self.tr("Regenerate"), self.tr("Answer again (the old answer is kept)"))
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(4)
        for w in (self.who, self.tag, self.prev_button, self.branch, self.next_button):
            head.addWidget(w)
        head.addStretch(1)
        head.addWidget(self.meta)
        for w in (self.copy_button, self.edit_button, self.regen_button):
            head.addWidget(w)
        self.body = MessageText(markdown=markdown and not user)  # what the user typed stays as typed
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.checks.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 6)
        lay.setSpacing(2)
        lay.addLayout(head)
        lay.addWidget(self.body)
        lay.addWidget(self.checks)
        self.edit_button.setVisible(user and not completion)
        self.regen_button.setVisible(not user and not completion)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.body.text()))
        self.edit_button.clicked.connect(lambda: thread.editRequested.emit(self.ex))
        self.regen_button.clicked.connect(lambda: thread.regenerateRequested.emit(self.ex))
        self.prev_button.clicked.connect(lambda: thread.switch(self.ex, -1))
        self.next_button.clicked.connect(lambda: thread.switch(self.ex, +1))
        self.body.set_text(ex.user if user else ex.answer)
        self.refresh(thread)

    def refresh(self, thread: ChatThread) -> None:
        """Header and checks from the exchange (after it finished)."""
        ex = self.ex
        siblings = thread.tree.siblings(ex)
        # alternatives are shown on the answer (regenerate) and on the user turn (edits)
        many = len(siblings) > 1 and self.role == "assistant"
        for w in (self.prev_button, self.branch, self.next_button):
            w.setVisible(many)
        if many:
            self.branch.setText(f"{siblings.index(ex) + 1}/{len(siblings)}")
        if self.role == "user":
            self.meta.setText("")
            return
        running = ex.status == "running"
        tags = {"cancelled": self.tr("stopped"), "error": self.tr("failed"), "blocked": self.tr("blocked")}
        self.tag.setText(tags.get(ex.status, ""))
        self.tag.setVisible(ex.status in tags)
        self.regen_button.setEnabled(not running)
        self.meta.setText("" if running else meta_text(thread, ex))
        self.meta.setToolTip(ex.meta.get("error") or "")
        summary = ex.meta.get("checks") or ""
        self.checks.setText(summary)
        self.checks.setVisible(bool(summary))


def meta_text(thread: QWidget, ex: Exchange) -> str:
    m = ex.meta
    parts = []
    if ex.run_id:
        parts.append(ex.run_id[-8:].lower())
    if m.get("completion_tokens") is not None:
        n = m["completion_tokens"]
        parts.append(QCoreApplication.translate("ChatThread", "1 token") if n == 1
                     else QCoreApplication.translate("ChatThread", "%1 tokens").replace("%1", str(n)))
    if m.get("ttft_ms") is not None:
        parts.append(QCoreApplication.translate("ChatThread", "first token %1").replace("%1", fmt_ms(m["ttft_ms"])))
    if m.get("decode_tps"):
        parts.append(QCoreApplication.translate("ChatThread", "%1 tok/s").replace("%1", fmt_tps(m["decode_tps"])))
    if m.get("seed") is not None:
        parts.append(QCoreApplication.translate("ChatThread", "seed %1").replace("%1", str(m["seed"])))
    return " · ".join(parts)


class ChatThread(QScrollArea):
    editRequested = Signal(object)  # Exchange whose user text is to be edited and resent
    regenerateRequested = Signal(object)  # Exchange to answer again
    pathChanged = Signal()  # another alternative is shown

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree = ChatTree()
        self.markdown = True
        self.bubbles: list[Bubble] = []
        self._live: Bubble | None = None
        body = QWidget()
        self._lay = QVBoxLayout(body)
        self._lay.setContentsMargins(6, 6, 6, 6)
        self._lay.setSpacing(6)
        self.placeholder = QLabel(self.tr("The conversation appears here. Type below and press Ctrl+Enter."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: palette(placeholder-text);")
        self._lay.addWidget(self.placeholder)
        self._lay.addStretch(1)
        self.setWidget(body)
        self._stick = True
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._range_changed)
        # only the user's scrolling decides whether the thread follows the end (not layout changes)
        bar.actionTriggered.connect(self._user_action)
        bar.sliderReleased.connect(self._user_scrolled)

    # -- showing ----------------------------------------------------------------
    def set_tree(self, tree: ChatTree) -> None:
        self.tree = tree
        self.rebuild()

    def rebuild(self) -> None:
        for b in self.bubbles:
            self._lay.removeWidget(b)
            b.deleteLater()
        self.bubbles, self._live = [], None
        for ex in self.tree.path():
            self._add_bubbles(ex)
        self.placeholder.setVisible(not self.bubbles)
        self._stick = True
        QTimer.singleShot(0, self.scroll_to_end)

    def _add_bubbles(self, ex: Exchange) -> Bubble:
        at = self._lay.count() - 1  # before the stretch
        if ex.user or ex.mode == "chat":
            ub = Bubble(ex, "user", self.markdown, self)
            self._lay.insertWidget(at, ub)
            self.bubbles.append(ub)
            at += 1
        ab = Bubble(ex, "assistant", self.markdown, self)
        self._lay.insertWidget(at, ab)
        self.bubbles.append(ab)
        self.placeholder.hide()
        return ab

    def set_markdown(self, on: bool) -> None:
        self.markdown = on
        for b in self.bubbles:
            if b.role == "assistant":
                b.body.set_markdown(on)

    def switch(self, ex: Exchange, step: int) -> None:
        if self._live is not None:
            return
        self.tree.switch(ex, step)
        self.rebuild()
        self.pathChanged.emit()

    # -- streaming --------------------------------------------------------------
    def begin(self, ex: Exchange) -> None:
        """``ex`` was just added to the tree (status running): show the path with it."""
        ex.status = "running"
        path = self.tree.path()
        shown = [b.ex for b in self.bubbles if b.role == "assistant"]
        if path and path[-1] is ex and shown == path[:-1]:  # the usual case: one more exchange at the end
            self._add_bubbles(ex)
            self._stick = True
            QTimer.singleShot(0, self.scroll_to_end)
            if len(path) > 1:
                self.bubbles[-3].refresh(self)
        else:
            self.rebuild()
        self._live = self.bubbles[-1]
        self._live.refresh(self)

    def append(self, piece: str) -> None:
        if self._live is not None:
            self._live.ex.answer += piece
            self._live.body.append_text(piece)

    def finish(self, ex: Exchange) -> None:
        """The run of ``ex`` ended; its answer and meta are the record's."""
        live, self._live = self._live, None
        if live is None or live.ex is not ex:
            self.rebuild()
            return
        live.body.flush()
        if live.body.text() != ex.answer:
            live.body.set_text(ex.answer)
        for b in self.bubbles:
            b.refresh(self)

    @property
    def live(self) -> Bubble | None:
        """The answer streaming now, if any."""
        return self._live

    def drop_live(self) -> None:
        self._live = None
        self.rebuild()

    def live_text(self) -> str:
        return self._live.body.text() if self._live is not None else ""

    def last_answer(self) -> str:
        return next((b.body.text() for b in reversed(self.bubbles) if b.role == "assistant"), "")

    def answer_bubble(self, index: int = -1) -> Bubble:
        return [b for b in self.bubbles if b.role == "assistant"][index]

    # -- scrolling --------------------------------------------------------------
    def _user_scrolled(self) -> None:
        bar = self.verticalScrollBar()
        self._stick = bar.value() >= bar.maximum() - 8

    def _user_action(self, _action: int) -> None:
        # decided now, from where the action puts the slider (its value follows later): a
        # range change arriving before the value would otherwise pull the reader back down
        bar = self.verticalScrollBar()
        self._stick = bar.sliderPosition() >= bar.maximum() - 8
        QTimer.singleShot(0, self._user_scrolled)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._stick:
            QTimer.singleShot(0, self.scroll_to_end)

    def _range_changed(self, _lo: int, hi: int) -> None:
        if self._stick:
            self.verticalScrollBar().setValue(hi)

    def scroll_to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())


def checks_summary(thread: QWidget, rows: list[dict[str, Any]], constraint: Any) -> str:
    """One line: each check's verdict, and the constraint that shaped the answer."""
    marks = {"pass": "✓", "fail": "✗", "warn": "!", "error": "?"}
    parts = [f"{marks.get(r.get('verdict') or '', '·')} {r.get('name')}" + (f": {translate_message(r['message'])}" if r.get("message")
                                                                             and r.get("verdict") != "pass" else "")
             for r in rows]
    if constraint:
        parts.insert(0, QCoreApplication.translate("ChatThread", "Constrained"))
    return " · ".join(parts)
