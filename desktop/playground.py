"""The playground: one conversation thread (chat) or prompt and continuation
(completion), the saved chats beside it, and the Run gate with its reason.

The thread is a tree of exchanges (desktop/chat_tree.py): edit-and-resend and
regenerate add a branch, the old alternatives stay switchable. Each finished run joins
the chat's conversation in the run log (``Store.add_to_conversation``), so a saved chat
is its runs in order and reopens after a restart.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backends.base import Message
from common.errors import ContextOverflowError, WorkbenchError
from desktop.answer_bars import AnswerBars, record_from_extra
from desktop.chat_guards import GuardsMixin
from desktop.chat_list import ChatList
from desktop.chat_reopen import ReopenMixin
from desktop.chat_saved import SavedChatsMixin
from desktop.chat_text import MessageText
from desktop.chat_thread import ChatThread, checks_summary
from desktop.chat_tree import ChatTree, Exchange, exchange_from_run
from desktop.checks_view import ChecksPanel
from desktop.constraint_picker import ConstraintPicker
from desktop.controller import Workbench
from desktop.engine_i18n import translate_message
from desktop.params_panel import ParamsPanel
from desktop.token_lens import PlaygroundTokens
from runs.spec import RunSpec

COUNT_DEBOUNCE_MS = 250


def _banner(text_label: QLabel, *buttons: QPushButton) -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    row = QHBoxLayout(frame)
    row.setContentsMargins(8, 4, 8, 4)
    text_label.setWordWrap(True)
    row.addWidget(text_label, 1)
    for b in buttons:
        row.addWidget(b)
    frame.hide()
    return frame


class _Turns:
    """``playground.conversation.turns``: the shown path as messages (read-only)."""

    def __init__(self, view: PlaygroundView):
        self._view = view

    @property
    def turns(self) -> list[Message]:
        return self._view.thread.tree.messages()


def _column(*items: Any) -> QWidget:
    """A widget stacking ``items`` top to bottom with no margins: widgets, ``(widget,
    stretch)``, layouts, and None for a stretch."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    for item in items:
        if item is None:
            lay.addStretch(1)
        elif isinstance(item, tuple):
            lay.addWidget(*item)
        elif isinstance(item, QLayout):
            lay.addLayout(item)
        else:
            lay.addWidget(item)
    return box


class PlaygroundView(GuardsMixin, SavedChatsMixin, ReopenMixin, QWidget):
    runnableChanged = Signal(bool, str)  # can run, and why not
    contextChanged = Signal(object, object)  # prompt tokens (or None), context size (or None)
    runSaved = Signal()  # a run's record was written after a retry
    chatFailed = Signal(object)  # WorkbenchError from the saved chats (the window shows it)
    branchRequested = Signal(str, int, object, object)  # run id, step, token id or None, text or None (the lens)
    compareBranchRequested = Signal(str)  # a branch's run id: show its tree and diff (History)

    def __init__(self, workbench: Workbench, params: ParamsPanel, constraint: ConstraintPicker | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.wb = workbench
        self.store = workbench.engine.store
        self.params_panel = params
        self.constraint = constraint
        self.conversation = _Turns(self)
        self.conversation_id: str | None = None
        self._edit: Exchange | None = None
        self._pending: Exchange | None = None
        self._adopt: list[str] = []  # logged runs (opened from History) that join the chat when it is saved
        self._carry: dict[str, Any] = {}  # what a reopened run had that the playground has no widget for (guards, template)
        self._count: tuple[int, int] | None = None
        self._count_error: str | None = None
        self._unsaved: Any = None
        self.can_run = False
        self.reason_text = ""

        self.chats_button = QToolButton()
        self.chats_button.setText(self.tr("Chats"))
        self.chats_button.setCheckable(True)
        self.chats_button.setChecked(True)
        self.chats_button.setToolTip(self.tr("Show or hide the saved chats"))
        self.mode_label = QLabel(self.tr("Mode"))
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Chat"), "chat")
        self.mode.addItem(self.tr("Completion (raw text)"), "completion")
        self.markdown = QCheckBox(self.tr("Markdown"))
        self.markdown.setChecked(True)
        self.markdown.setToolTip(self.tr("Show the answer rendered as Markdown, or as plain text"))
        self.new_chat_button = QPushButton(self.tr("New chat"))
        self._build_guards()
        self.system_label = QLabel(self.tr("System prompt"))
        self.system = QPlainTextEdit()
        self.system.setPlaceholderText(self.tr("Optional instructions for the assistant"))
        self.system.setMaximumHeight(52)
        self.thread = ChatThread()
        self.chats = ChatList(self.store)
        self.checks = ChecksPanel()
        self.checks.setMaximumHeight(120)
        self.checks.hide()
        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText(self.tr("Type a prompt, then press Ctrl+Enter"))
        self.edit_label = QLabel()
        self.cancel_edit_button = QPushButton(self.tr("Cancel edit"))
        self.edit_banner = _banner(self.edit_label, self.cancel_edit_button)
        self.save_label = QLabel()
        self.retry_button = QPushButton(self.tr("Retry save"))
        self.save_banner = _banner(self.save_label, self.retry_button)
        self.restore_label = QLabel()
        self.restore_close = QPushButton(self.tr("Dismiss"))
        self.restore_banner = _banner(self.restore_label, self.restore_close)
        # after a branch from the lens: it is the answer's new alternative; the tree and the diff are in History
        self.branch_label = QLabel()
        self.branch_compare = QPushButton(self.tr("Compare in History"))
        self.branch_compare.setToolTip(self.tr("The branch tree and a word diff against the original answer"))
        self.branch_close = QPushButton(self.tr("Dismiss"))
        self.branch_banner = _banner(self.branch_label, self.branch_compare, self.branch_close)
        self._branch_shown: str | None = None  # the run id the banner is about
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.regenerate_button = QPushButton(self.tr("Regenerate"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop generating (Esc)"))
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Run (Ctrl+Enter)"))
        self.run_button.setDefault(True)

        top = QHBoxLayout()
        top.addWidget(self.chats_button)
        top.addWidget(self.mode_label)
        top.addWidget(self.mode)
        top.addWidget(self.markdown)
        top.addWidget(self.guards_button)
        top.addWidget(self.guards_label, 1)
        top.addWidget(self.new_chat_button)
        # under the prompt, one run's panels (checks, answer chart, token lens): a pane of the
        # splitter that scrolls, so opening the lens never squeezes the thread to nothing
        self.answer_bars = AnswerBars()  # a choice constraint's answers, scored (desktop/answer_bars.py)
        self.tokens = PlaygroundTokens(self.store)
        self.tokens.branchRequested.connect(self.branchRequested)
        self.under = QScrollArea()
        self.under.setObjectName("runPanels")
        self.under.setWidget(_column(self.checks, self.answer_bars, self.tokens, None))
        self.under.setWidgetResizable(True)
        self.under.setFrameShape(QFrame.Shape.NoFrame)
        self.under.setMinimumHeight(60)
        self.under.hide()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("chatSplitter")
        self.splitter.addWidget(self.thread)
        self.splitter.addWidget(self.prompt)
        self.splitter.addWidget(self.under)
        self.splitter.setSizes([420, 90, 0])
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setChildrenCollapsible(False)
        self.thread.setMinimumHeight(120)
        self.prompt.setMinimumHeight(48)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reason, 1)
        buttons.addWidget(self.regenerate_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.run_button)
        right = _column(self.restore_banner, self.system_label, self.system, (self.splitter, 1), self.edit_banner,
                        self.save_banner, self.branch_banner, buttons)
        self.side_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.side_splitter.setObjectName("chatSideSplitter")
        self.side_splitter.addWidget(self.chats)
        self.side_splitter.addWidget(right)
        self.side_splitter.setStretchFactor(1, 1)
        self.side_splitter.setSizes([180, 600])
        self.chats.setMinimumWidth(130)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.side_splitter, 1)

        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DEBOUNCE_MS)
        self._count_timer.timeout.connect(self.recount)

        self.chats_button.toggled.connect(self.chats.setVisible)
        # opening or folding the lens changes what the run panels need
        self.tokens.toggle.toggled.connect(lambda _on: QTimer.singleShot(0, self.fit_run_panels))
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.markdown.toggled.connect(self.thread.set_markdown)
        self.new_chat_button.clicked.connect(self.new_chat)
        self.prompt.textChanged.connect(self._inputs_changed)
        self.system.textChanged.connect(self._inputs_changed)
        self.params_panel.changed.connect(self._inputs_changed)
        if constraint is not None:
            constraint.changed.connect(self.update_gate)
        self.thread.editRequested.connect(self.edit_exchange)
        self.thread.regenerateRequested.connect(self.regenerate)
        self.thread.pathChanged.connect(self._path_changed)
        self.chats.openRequested.connect(self.open_chat)
        self.chats.renameRequested.connect(self._ask_rename)
        self.chats.deleteRequested.connect(self._ask_delete)
        self.chats.exportRequested.connect(self._ask_export)
        self.chats.failed.connect(self.chatFailed)
        self.cancel_edit_button.clicked.connect(self.cancel_edit)
        self.retry_button.clicked.connect(self.retry_save)
        self.restore_close.clicked.connect(self.restore_banner.hide)
        self.branch_close.clicked.connect(self.branch_banner.hide)
        self.branch_compare.clicked.connect(lambda: self._branch_shown and self.compareBranchRequested.emit(
            self._branch_shown))
        self.run_button.clicked.connect(self.run)
        self.stop_button.clicked.connect(self.wb.stop)
        self.regenerate_button.clicked.connect(lambda: self.regenerate(None))
        self.wb.runStarted.connect(self._run_started)
        self.wb.runText.connect(self.thread.append)
        self.wb.runFinished.connect(self._run_finished)
        self.wb.loadedChanged.connect(self._loaded_changed)
        self._mode_changed()
        self.chats.refresh()

    # -- compatibility views of the thread ---------------------------------------
    @property
    def output(self) -> MessageText:
        """The newest answer's text widget (an empty one before the first answer)."""
        if self.thread.live is not None:
            return self.thread.live.body
        answers = [b for b in self.thread.bubbles if b.role == "assistant"]
        if answers:
            return answers[-1].body
        if not hasattr(self, "_empty_output"):
            self._empty_output = MessageText()
        return self._empty_output

    def answer_text(self) -> str:
        return self.output.text()

    # -- state -------------------------------------------------------------------
    def current_mode(self) -> str:
        return str(self.mode.currentData())

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))

    def _mode_changed(self) -> None:
        chat = self.current_mode() == "chat"
        for w in (self.system_label, self.system):
            w.setVisible(chat)
        self.prompt.setPlaceholderText(
            self.tr("Type a prompt, then press Ctrl+Enter") if chat
            else self.tr("Raw text for the model to continue (base models), then Ctrl+Enter"))
        self._inputs_changed()

    def selected_is_base_model(self) -> bool:
        """The model the next run uses has no chat template (a base model)."""
        m = self.wb.loaded
        if m is not None and m.name == self.wb.selected:
            return not m.chat
        entry = self.wb.entry(self.wb.selected)
        return entry is not None and getattr(entry, "kind", "chat") == "completion"

    def _loaded_changed(self) -> None:
        if self.current_mode() == "chat" and not self.wb.busy and self.selected_is_base_model():
            self.set_mode("completion")  # a base model: completion is what it can do
            self.reason.setText(self.tr("This model has no chat template: switched to completion."))
        self._inputs_changed()

    def _inputs_changed(self) -> None:
        self._count_timer.start()
        self.update_gate()

    def _target(self) -> tuple[Exchange | None, int]:
        """Where the next exchange goes: (its parent, its index on the shown path)."""
        path = self.thread.tree.path()
        if self._edit is not None and self._edit in path:
            k = path.index(self._edit)
            return self._edit.parent, k
        return (path[-1] if path else None), len(path)

    def build_spec(self, prompt: str | None = None, base: int | None = None) -> RunSpec:
        """The RunSpec Run would send now (raises WorkbenchError for bad input)."""
        text = self.prompt.toPlainText() if prompt is None else prompt
        ls = self.wb.load_settings
        common: dict[str, Any] = dict(model=self.wb.selected, params=self.params_panel.params(), **ls.spec_fields(),
                                      constraint=self.constraint.constraint() if self.constraint else None,
                                      logprobs=self.params_panel.logprobs())
        common.update(self._carry)
        common["policy"] = self.guards_policy
        if self.current_mode() == "completion":
            return RunSpec(prompt=text, mode="completion", **common)
        if base is None:
            base = self._target()[1]
        history = self.thread.tree.messages(base)
        return RunSpec(prompt=text, messages=history or None, system=self.system.toPlainText().strip() or None,
                       mode="chat", **common)

    # -- the Run gate ------------------------------------------------------------
    def recount(self) -> None:
        self._count, self._count_error = None, None
        text = self.prompt.toPlainText()
        if text.strip():
            try:
                spec = self.build_spec()
                if self.wb.spec_matches_loaded(spec):
                    self._count = self.wb.count(spec)
            except WorkbenchError as exc:
                self._count_error = translate_message(str(exc))
        n_ctx = self._count[1] if self._count else (self.wb.loaded.n_ctx if self.wb.loaded else None)
        self.contextChanged.emit(self._count[0] if self._count else None, n_ctx)
        self.update_gate()

    def gate(self) -> tuple[bool, str]:
        if self.wb.generating:
            return False, self.tr("Generating… press Esc to stop.")
        if self.wb.loading:
            return False, self.tr("Loading the model…")
        if not self.prompt.toPlainText().strip():
            return False, self.tr("Type a prompt to run.")
        try:
            self.params_panel.params()
        except WorkbenchError as exc:
            return False, translate_message(str(exc))
        problem = self.constraint.problem() if self.constraint else None
        if problem:
            return False, self.tr("Constraint: %1").replace("%1", problem)
        if self._count_error:
            return False, self._count_error
        if self._count and self._count[0] >= self._count[1]:
            n, ctx = self._count
            return False, self.tr("The prompt is %1 tokens; the context holds %2. Shorten it or load the model "
                                  "with a larger context.").replace("%1", str(n)).replace("%2", str(ctx))
        return True, self.tr("Ready: Ctrl+Enter runs, Esc stops.")

    def _last_chat_exchange(self) -> Exchange | None:
        return next((e for e in reversed(self.thread.tree.path()) if e.mode == "chat"), None)

    def update_gate(self) -> None:
        ok, why = self.gate()
        self.can_run, self.reason_text = ok, why
        self.run_button.setEnabled(ok)
        self.stop_button.setEnabled(self.wb.generating)
        chat = self.current_mode() == "chat"
        self.regenerate_button.setVisible(chat)
        self.regenerate_button.setEnabled(chat and not self.wb.busy and self._last_chat_exchange() is not None)
        self.reason.setText(why)
        self.reason.setStyleSheet("" if ok or self.wb.busy else "color: palette(link);")
        self.runnableChanged.emit(ok, why)

    # -- actions -----------------------------------------------------------------
    def run(self) -> None:
        if self.current_mode() == "chat" and self.selected_is_base_model():
            self.set_mode("completion")  # never send a chat to a base model
        ok, why = self.gate()
        if not ok:
            self.reason.setText(why)
            return
        text = self.prompt.toPlainText()
        spec = self.build_spec()
        parent, _k = self._target()
        self._start(spec, Exchange(user=text, mode=self.current_mode()), parent)

    def regenerate(self, ex: Exchange | None = None) -> None:
        """Answer ``ex`` (default: the last chat exchange) again, as a new alternative."""
        ex = ex or self._last_chat_exchange()
        if ex is None or self.wb.busy or ex.mode != "chat":
            return
        path = self.thread.tree.path()
        if ex not in path:
            return
        if self.current_mode() != "chat":
            self.set_mode("chat")
        try:
            spec = self.build_spec(prompt=ex.user, base=path.index(ex))
        except WorkbenchError as exc:
            self.reason.setText(translate_message(str(exc)))
            return
        self._start(spec, Exchange(user=ex.user, mode="chat"), ex.parent)

    def _start(self, spec: RunSpec, ex: Exchange, parent: Exchange | None) -> None:
        self.thread.tree.add(parent, ex)
        self._pending = ex
        self.thread.begin(ex)
        self.save_banner.hide()
        self.wb.run(spec)
        self.update_gate()

    def edit_exchange(self, ex: Exchange) -> None:
        if self.wb.busy or ex.mode != "chat" or ex not in self.thread.tree.path():
            return
        self._edit = ex
        self.prompt.setPlainText(ex.user)
        k = self.thread.tree.path().index(ex)
        self.edit_label.setText(self.tr("Editing message %1: Run sends it as a new branch; the old one stays "
                                        "(switch with ‹ ›).").replace("%1", str(k + 1)))
        self.edit_banner.show()
        self.prompt.setFocus()

    def edit_turn(self, index: int) -> None:
        """Edit the user turn at message ``index`` (0, 2, 4, …) of the shown conversation."""
        chat = [e for e in self.thread.tree.path() if e.mode == "chat"]
        if index % 2 == 0 and 0 <= index // 2 < len(chat):
            self.edit_exchange(chat[index // 2])

    def cancel_edit(self) -> None:
        self._edit = None
        self.edit_banner.hide()
        self._inputs_changed()

    def new_chat(self) -> None:
        if self.wb.busy:
            return
        self.conversation_id = None
        self._adopt = []
        self._carry = {}
        self.set_guards(None)  # guards belong to a chat, like its fixed seed
        self.thread.set_tree(ChatTree())
        self.chats.select(None)
        self.clear_run_panels()
        self.restore_banner.hide()
        self.branch_banner.hide()
        self.params_panel.seed_fixed.setChecked(False)  # a fixed seed belongs to a chat, not to the window
        self.cancel_edit()

    def _path_changed(self) -> None:
        self.cancel_edit()
        last = self.thread.tree.last()
        if last is not None and last.run_id:
            self.show_checks(last.run_id, last)
            for b in self.thread.bubbles[-2:]:
                b.refresh(self.thread)
        else:
            self.clear_run_panels()
        for ex in self.thread.tree.path():  # a rebuilt thread: mark the spans again
            self.highlight_exchange(ex)

    # -- run events --------------------------------------------------------------
    def _run_started(self) -> None:
        if self._pending is None:  # a run started elsewhere (a re-run): it joins the thread too
            ex = Exchange(user="", mode=self.current_mode())
            self.thread.tree.add(self.thread.tree.last(), ex)
            self._pending = ex
            self.thread.begin(ex)
        self.clear_run_panels()
        self.branch_banner.hide()
        self.update_gate()

    def _record(self, ex: Exchange, outcome: Any, row: dict[str, Any] | None = None) -> None:
        """Fill ``ex`` from a finished run (its logged meta when it was saved; ``row``: the
        logged row when the caller has read it already)."""
        if row is None and outcome.saved:
            try:
                row = self.store.get_run(outcome.run_id)
            except WorkbenchError:
                row = None
        if row is not None:
            _history, logged = exchange_from_run(row)
            ex.meta = logged.meta
            ex.mode = logged.mode
            if not ex.user:
                ex.user = logged.user
        ex.run_id, ex.status, ex.answer = outcome.run_id, outcome.status, outcome.output
        if ex.status == "error" and outcome.error:
            ex.meta["error"] = outcome.error

    def add_branch(self, outcome: Any) -> bool:
        """A branch of an answer in this thread joins it as that answer's new alternative, shown
        (switch back with ‹ ›), and is saved with the chat; False when its parent is not here."""
        from runs.branch import branch_point

        try:
            row = self.store.get_run(outcome.run_id)
        except WorkbenchError:
            return False
        source = next((e for e in self.thread.tree.path() if e.run_id and e.run_id == row.get("parent_id")), None)
        if source is None or self.wb.busy:
            return False
        ex = self.thread.tree.add(source.parent, Exchange(user=source.user, mode=source.mode))
        self._record(ex, outcome, row)
        self.thread.rebuild()
        self.show_checks(outcome.run_id, ex)
        self.highlight_exchange(ex)
        self._save_to_chat(ex)
        n = str(len(self.thread.tree.siblings(ex)))
        self.branch_label.setText(  # still true after switching alternatives
            self.tr("Branched at token %1: the branch is alternative %2 of this answer (switch with ‹ ›).")
            .replace("%1", str((branch_point(row) or {}).get("at", "?"))).replace("%2", n))
        self._branch_shown = outcome.run_id
        self.branch_banner.show()
        return True

    def _run_finished(self, outcome: Any) -> None:
        ex, self._pending = self._pending, None
        if ex is None:
            ex = Exchange(user="")
            self.thread.tree.add(self.thread.tree.last(), ex)
        self._record(ex, outcome)
        if self.prompt.toPlainText() == ex.user:
            self.prompt.clear()
        self._edit = None
        self.edit_banner.hide()
        self.show_checks(outcome.run_id if outcome.saved else None, ex)
        self.thread.finish(ex)
        self.highlight_exchange(ex)
        if not outcome.saved:
            self._unsaved = outcome
            self.save_label.setText(self.tr("This run could not be saved to the run log: %1. The answer is kept "
                                            "here; fix the problem, then retry.").replace("%1", outcome.save_error or ""))
            self.save_banner.show()
        else:
            self._save_to_chat(ex)
        self._inputs_changed()
        if outcome.status == "cancelled":
            self.reason.setText(self.tr("Stopped: the partial answer was logged as cancelled."))
        elif outcome.status == "error":
            self.reason.setText(self.tr("The run failed: %1").replace("%1", translate_message(outcome.error or "")))

    def clear_run_panels(self) -> None:
        """Hide what is shown under the thread for one run (checks, answer chart, token lens)."""
        self.checks.hide()
        self.answer_bars.set_record(None)
        self.tokens.show_run(None)
        self.fit_run_panels()

    def fit_run_panels(self) -> None:
        """Show the run panels' pane when one of them is shown, sized to what they need up
        to 45% of the splitter's height (the thread and the prompt keep the rest); the
        person can drag it from there."""
        shown = any(not w.isHidden() for w in (self.checks, self.answer_bars, self.tokens))
        self.under.setVisible(shown)
        if not shown:
            return
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        want = min(self.under.widget().sizeHint().height() + 4, int(total * 0.45))
        want = max(want, self.under.minimumHeight())
        prompt = sizes[1]
        self.splitter.setSizes([max(self.thread.minimumHeight(), total - prompt - want), prompt, want])

    def show_checks(self, run_id: str | None, ex: Exchange | None = None) -> None:
        """The run's checks and constraint under the thread, its answer chart and token lens,
        a summary on its message, spans marked in it; nothing when ``run_id`` is None."""
        if run_id is None:
            self.clear_run_panels()
            return
        try:
            rows = self.store.checks_for(run_id)
            row = self.store.get_run(run_id)
        except WorkbenchError:
            self.clear_run_panels()
            return
        self.checks.show_checks(rows, row.get("constraint_json"), row.get("extra_json"))
        self.checks.setVisible(bool(rows) or bool(row.get("constraint_json")))
        self.answer_bars.set_record(record_from_extra(row.get("extra_json")))
        self.tokens.show_run(run_id)
        self.fit_run_panels()
        if ex is not None:
            ex.meta["checks"] = checks_summary(self, rows, row.get("constraint_json"))
            self._keep_check_rows(ex, rows)

    def highlight_last(self) -> None:
        last = self.thread.tree.last()
        if last is not None:
            self.highlight_exchange(last)

    def show_refusal(self, err: WorkbenchError) -> None:
        """A run refused before it started (e.g. over the context): say why, keep the prompt."""
        self.reason.setText(translate_message(str(err)))
        if isinstance(err, ContextOverflowError):
            self.contextChanged.emit(err.prompt_tokens, err.n_ctx)
        ex, self._pending = self._pending, None
        if ex is not None and ex.run_id is None:
            level = self.thread.tree.siblings(ex)
            if ex in level:
                level.remove(ex)
                if ex.parent is not None:
                    ex.parent.shown = max(0, len(level) - 1)
                else:
                    self.thread.tree.shown_root = max(0, len(level) - 1)
            self.thread.drop_live()

    def retry_save(self) -> None:
        if self._unsaved is None:
            return
        try:
            self.wb.retry_save(self._unsaved)
        except WorkbenchError as exc:
            self.save_label.setText(self.tr("Still cannot save: %1").replace("%1", str(exc)))
            return
        self._unsaved = None
        self.save_banner.hide()
        self.reason.setText(self.tr("Saved."))
        last = self.thread.tree.last()
        if last is not None:
            self._save_to_chat(last)
        self.runSaved.emit()
