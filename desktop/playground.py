"""The playground: chat (system prompt, turns, edit and resend, regenerate) and
completion (raw text) modes, the streamed answer and the Run gate with its reason."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backends.base import Message, SamplingParams
from common.errors import ContextOverflowError, WorkbenchError
from desktop.checks_view import ChecksPanel, highlight_spans, split_by_stage
from desktop.constraint_picker import ConstraintPicker
from desktop.controller import Workbench
from desktop.output_view import OutputView
from desktop.params_panel import ParamsPanel
from desktop.transcript import Conversation, Transcript
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


class PlaygroundView(QWidget):
    runnableChanged = Signal(bool, str)  # can run, and why not
    contextChanged = Signal(object, object)  # prompt tokens (or None), context size (or None)
    runSaved = Signal()  # a run's record was written after a retry

    def __init__(self, workbench: Workbench, params: ParamsPanel, constraint: ConstraintPicker | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.wb = workbench
        self.params_panel = params
        self.constraint = constraint
        self.conversation = Conversation()
        self._edit_index: int | None = None
        self._pending: tuple[int, str, str] | None = None  # (base turn, user text, mode)
        self._count: tuple[int, int] | None = None
        self._count_error: str | None = None
        self._unsaved: Any = None
        self.can_run = False
        self.reason_text = ""

        self.mode = QComboBox()
        self.mode.addItem(self.tr("Chat"), "chat")
        self.mode.addItem(self.tr("Completion (raw text)"), "completion")
        self.markdown = QCheckBox(self.tr("Markdown"))
        self.markdown.setChecked(True)
        self.markdown.setToolTip(self.tr("Show the answer rendered as Markdown, or as plain text"))
        self.new_chat_button = QPushButton(self.tr("New chat"))
        self.system_label = QLabel(self.tr("System prompt"))
        self.system = QPlainTextEdit()
        self.system.setPlaceholderText(self.tr("Optional instructions for the assistant"))
        self.system.setMaximumHeight(64)
        self.transcript = Transcript()
        self.output = OutputView()
        self.checks = ChecksPanel()
        self.checks.setMaximumHeight(150)
        self.checks.hide()
        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText(self.tr("Type a prompt, then press Ctrl+Enter"))
        self.edit_label = QLabel()
        self.cancel_edit_button = QPushButton(self.tr("Cancel edit"))
        self.edit_banner = _banner(self.edit_label, self.cancel_edit_button)
        self.save_label = QLabel()
        self.retry_button = QPushButton(self.tr("Retry save"))
        self.save_banner = _banner(self.save_label, self.retry_button)
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
        top.addWidget(QLabel(self.tr("Mode")))
        top.addWidget(self.mode)
        top.addWidget(self.markdown)
        top.addStretch(1)
        top.addWidget(self.new_chat_button)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("playgroundSplitter")
        self.splitter.addWidget(self.transcript)
        self.splitter.addWidget(self.output)
        self.splitter.addWidget(self.prompt)
        self.splitter.setSizes([160, 260, 120])
        self.splitter.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reason, 1)
        buttons.addWidget(self.regenerate_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.run_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.system_label)
        lay.addWidget(self.system)
        lay.addWidget(self.splitter, 1)
        lay.addWidget(self.checks)
        lay.addWidget(self.edit_banner)
        lay.addWidget(self.save_banner)
        lay.addLayout(buttons)

        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DEBOUNCE_MS)
        self._count_timer.timeout.connect(self.recount)

        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.markdown.toggled.connect(self.output.set_markdown)
        self.new_chat_button.clicked.connect(self.new_chat)
        self.prompt.textChanged.connect(self._inputs_changed)
        self.system.textChanged.connect(self._inputs_changed)
        self.params_panel.changed.connect(self._inputs_changed)
        if constraint is not None:
            constraint.changed.connect(self.update_gate)
        self.transcript.editRequested.connect(self.edit_turn)
        self.cancel_edit_button.clicked.connect(self.cancel_edit)
        self.retry_button.clicked.connect(self.retry_save)
        self.run_button.clicked.connect(self.run)
        self.stop_button.clicked.connect(self.wb.stop)
        self.regenerate_button.clicked.connect(self.regenerate)
        self.wb.runStarted.connect(self._run_started)
        self.wb.runText.connect(self.output.append_text)
        self.wb.runFinished.connect(self._run_finished)
        self.wb.loadedChanged.connect(self._loaded_changed)
        self._mode_changed()

    # -- state -------------------------------------------------------------------
    def current_mode(self) -> str:
        return str(self.mode.currentData())

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))

    def _mode_changed(self) -> None:
        chat = self.current_mode() == "chat"
        for w in (self.system_label, self.system, self.transcript, self.new_chat_button):
            w.setVisible(chat)
        self.prompt.setPlaceholderText(
            self.tr("Type a prompt, then press Ctrl+Enter") if chat
            else self.tr("Raw text for the model to continue (base models), then Ctrl+Enter"))
        self._inputs_changed()

    def _loaded_changed(self) -> None:
        m = self.wb.loaded
        if m is not None and not m.chat and self.current_mode() == "chat" and not self.conversation.turns:
            self.set_mode("completion")  # a base model: completion is what it can do
        self._inputs_changed()

    def _inputs_changed(self) -> None:
        self._count_timer.start()
        self.update_gate()

    def build_spec(self, prompt: str | None = None, base: int | None = None) -> RunSpec:
        """The RunSpec Run would send now (raises WorkbenchError for bad input)."""
        text = self.prompt.toPlainText() if prompt is None else prompt
        ls = self.wb.load_settings
        common: dict[str, Any] = dict(model=self.wb.selected, params=self.params_panel.params(), n_ctx=ls.n_ctx,
                                      n_threads=ls.n_threads, gpu_layers=ls.gpu_layers,
                                      constraint=self.constraint.constraint() if self.constraint else None)
        if self.current_mode() == "completion":
            return RunSpec(prompt=text, mode="completion", **common)
        if base is None:
            base = self._edit_index if self._edit_index is not None else len(self.conversation.turns)
        history = self.conversation.before(base)
        return RunSpec(prompt=text, messages=history or None, system=self.system.toPlainText().strip() or None,
                       mode="chat", **common)

    # -- the Run gate ------------------------------------------------------------
    def recount(self) -> None:
        self._count, self._count_error = None, None
        text = self.prompt.toPlainText()
        # in a chat the next run sends the whole conversation, typed or not
        if text.strip() or (self.current_mode() == "chat" and self.conversation.turns):
            try:
                spec = self.build_spec()
                if self.wb.spec_matches_loaded(spec):
                    self._count = self.wb.count(spec)
            except WorkbenchError as exc:
                self._count_error = str(exc)
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
            return False, str(exc)
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

    def update_gate(self) -> None:
        ok, why = self.gate()
        self.can_run, self.reason_text = ok, why
        self.run_button.setEnabled(ok)
        self.stop_button.setEnabled(self.wb.generating)
        chat = self.current_mode() == "chat"
        self.regenerate_button.setVisible(chat)
        self.regenerate_button.setEnabled(chat and not self.wb.busy and self.conversation.last_user_index() is not None)
        self.reason.setText(why)
        self.reason.setStyleSheet("" if ok or self.wb.busy else "color: palette(link);")
        self.runnableChanged.emit(ok, why)

    # -- actions -----------------------------------------------------------------
    def run(self) -> None:
        ok, why = self.gate()
        if not ok:
            self.reason.setText(why)
            return
        text = self.prompt.toPlainText()
        base = self._edit_index if self._edit_index is not None else len(self.conversation.turns)
        self._start(self.build_spec(), base, text)

    def regenerate(self) -> None:
        j = self.conversation.last_user_index()
        if j is None or self.wb.busy or self.current_mode() != "chat":
            return
        text = self.conversation.turns[j].content
        try:
            spec = self.build_spec(prompt=text, base=j)
        except WorkbenchError as exc:
            self.reason.setText(str(exc))
            return
        self._start(spec, j, text)

    def _start(self, spec: RunSpec, base: int, text: str) -> None:
        self._pending = (base, text, self.current_mode())
        self.save_banner.hide()
        self.wb.run(spec)
        self.update_gate()

    def edit_turn(self, index: int) -> None:
        turns = self.conversation.turns
        if not 0 <= index < len(turns) or turns[index].role != "user" or self.wb.busy:
            return
        self._edit_index = index
        self.prompt.setPlainText(turns[index].content)
        self.edit_label.setText(self.tr("Editing turn %1: Run resends it and drops the turns after it.")
                                .replace("%1", str(index + 1)))
        self.edit_banner.show()
        self.prompt.setFocus()

    def cancel_edit(self) -> None:
        self._edit_index = None
        self.edit_banner.hide()
        self._inputs_changed()

    def new_chat(self) -> None:
        if self.wb.busy:
            return
        self.conversation = Conversation()
        self.transcript.show_turns([])
        self.output.clear_text()
        self.cancel_edit()

    # -- run events --------------------------------------------------------------
    def _run_started(self) -> None:
        self.output.clear_text()
        self.checks.hide()
        self.update_gate()

    def _run_finished(self, outcome: Any) -> None:
        self.output.flush()
        if self.output.text() != outcome.output:  # the record is the truth
            self.output.set_text(outcome.output)
        pending, self._pending = self._pending, None
        if pending is not None and pending[2] == "chat" and self.current_mode() == "chat":
            base, text, _ = pending
            self.conversation.commit(base, text, outcome.output)
            self.transcript.show_turns(self.conversation.turns)
            if self.prompt.toPlainText() == text:
                self.prompt.clear()
            self._edit_index = None
            self.edit_banner.hide()
        if not outcome.saved:
            self._unsaved = outcome
            self.save_label.setText(self.tr("This run could not be saved to the run log: %1. The answer is kept "
                                            "here; fix the problem, then retry.").replace("%1", outcome.save_error or ""))
            self.save_banner.show()
        self.show_checks(outcome.run_id)
        self._inputs_changed()
        if outcome.status == "cancelled":
            self.reason.setText(self.tr("Stopped: the partial answer was logged as cancelled."))
        elif outcome.status == "error":
            self.reason.setText(self.tr("The run failed: %1").replace("%1", outcome.error or ""))

    def show_checks(self, run_id: str) -> None:
        """The last run's checks and constraint under its output, spans marked in it."""
        store = self.wb.engine.store
        try:
            rows = store.checks_for(run_id)
            row = store.get_run(run_id)
        except WorkbenchError:
            self.checks.hide()
            return
        self.checks.show_checks(rows, row.get("constraint_json"), row.get("extra_json"))
        self.checks.setVisible(bool(rows) or bool(row.get("constraint_json")))
        highlight_spans(self.output.document(), split_by_stage(rows)[1])

    def show_refusal(self, err: WorkbenchError) -> None:
        """A run refused before it started (e.g. over the context): say why, keep the prompt."""
        self.reason.setText(str(err))
        if isinstance(err, ContextOverflowError):
            self.contextChanged.emit(err.prompt_tokens, err.n_ctx)
        self._pending = None

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
        self.runSaved.emit()

    # -- open a logged run -------------------------------------------------------
    def open_run(self, row: dict[str, Any]) -> None:
        """Put a logged run's prompt, conversation and parameters here."""
        if self.wb.busy:
            return
        spec = json.loads(row.get("spec_json") or "{}")
        chat = row.get("mode") == "chat"
        self.set_mode("chat" if chat else "completion")
        msgs = [Message(m["role"], m["content"]) for m in (spec.get("messages") or []) if m["role"] != "system"]
        self.conversation = Conversation(msgs)
        self.transcript.show_turns(msgs)
        self.system.setPlainText(spec.get("system") or "")
        self.prompt.setPlainText(spec.get("prompt") or "")
        if spec.get("params"):
            self.params_panel.set_params(SamplingParams.from_dict(spec["params"]))
        if spec.get("model") and self.wb.entry(spec["model"]) is not None:
            self.wb.selected = spec["model"]
        self.output.set_text(row.get("output") or "")
        self.cancel_edit()
