"""The template editor: the YAML with Jinja highlighted, its errors inline, a form
from its variables, a pattern picker that edits the YAML, and a live preview of what
the model will receive.

The preview renders the first stage here (a sandboxed Jinja render is quick). With the
model loaded as the next run would use it, ``Pipeline.prepare`` runs on a worker thread
(debounced) to apply the model's chat template and count the tokens; otherwise the
messages are shown and the count waits for a loaded model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from backends.base import Message
from common.errors import ContextOverflowError, TemplateError, WorkbenchError
from desktop.controller import Workbench
from desktop.pattern_picker import PatternPicker
from desktop.template_highlighter import TemplateHighlighter
from desktop.variables_form import VariablesForm
from desktop.yaml_edit import read_pattern, with_pattern
from prompt_library import PromptTemplate, render
from runs.spec import RunSpec
from runs.templated import is_single_call, spec_for_stage
from desktop.engine_i18n import translate_message

DEBOUNCE_MS = 300
ERROR_STYLE = "color: #c62828;"


def show_rendered(rendered: str | list[Message]) -> str:
    if isinstance(rendered, str):
        return rendered
    return "\n\n".join(f"[{m.role}]\n{m.content}" for m in rendered)


class TemplateEditor(QWidget):
    templateChanged = Signal(object)  # PromptTemplate, or None while the text has an error
    dirtyChanged = Signal(bool)
    patternDropped = Signal(list)  # keys of the old pattern the new one has no use for
    previewReady = Signal(str, object, object)  # text shown, prompt tokens (or None), context size (or None)

    def __init__(self, workbench: Workbench, base_spec: Callable[[], RunSpec], parent: QWidget | None = None):
        super().__init__(parent)
        self.wb = workbench
        self.base_spec = base_spec
        self.template: PromptTemplate | None = None
        self.error_line: int | None = None
        self._saved_text = ""
        self._seq = 0
        self.patternNote = ""

        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.text = QPlainTextEdit()
        self.text.setFont(mono)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # long prompts wrap
        self.text.setTabStopDistance(self.text.fontMetrics().horizontalAdvance(" ") * 2)
        self.highlighter = TemplateHighlighter(self.text.document())
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        self.form = VariablesForm()
        form_box = QGroupBox(self.tr("Variables"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        QVBoxLayout(form_box).addWidget(scroll)
        self.picker = PatternPicker()
        pattern_box = QGroupBox(self.tr("Pattern"))
        QVBoxLayout(pattern_box).addWidget(self.picker)

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setFont(mono)
        self.preview.setPlaceholderText(self.tr("What the model receives appears here."))
        self.tokens = QLabel()
        self.tokens.setWordWrap(True)
        self.preview_error = QLabel()
        self.preview_error.setWordWrap(True)
        self.preview_error.setStyleSheet(ERROR_STYLE)
        self.preview_error.hide()
        preview_box = QGroupBox(self.tr("Preview: what the model receives"))
        play = QVBoxLayout(preview_box)
        play.addWidget(self.preview, 1)
        play.addWidget(self.preview_error)
        play.addWidget(self.tokens)

        left = QWidget()
        llay = QVBoxLayout(left)
        llay.setContentsMargins(0, 0, 0, 0)
        llay.addWidget(self.text, 1)
        llay.addWidget(self.error)
        # the YAML full width above; variables, pattern and preview side by side below
        side = QSplitter(Qt.Orientation.Horizontal)
        side.addWidget(form_box)
        side.addWidget(pattern_box)
        side.addWidget(preview_box)
        side.setSizes([260, 260, 420])
        side.setChildrenCollapsible(False)
        for i, stretch in enumerate((2, 2, 4)):
            side.setStretchFactor(i, stretch)
        form_box.setMinimumWidth(200)
        self.side = side
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("templateSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(side)
        self.splitter.setSizes([360, 360])
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)

        self._parse_timer = self._timer(self.parse)
        self._preview_timer = self._timer(self.update_preview)
        self.text.textChanged.connect(self._text_changed)
        self.form.changed.connect(self._preview_timer.start)
        self.picker.patternEdited.connect(self._pattern_edited)
        self.wb.loadedChanged.connect(self._preview_timer.start)

    def _timer(self, slot: Callable[[], None]) -> QTimer:
        t = QTimer(self)
        t.setSingleShot(True)
        t.setInterval(DEBOUNCE_MS)
        t.timeout.connect(slot)
        return t

    # -- text ----------------------------------------------------------------------
    def load(self, text: str) -> None:
        """Show ``text`` as the saved state and parse it now."""
        self._saved_text = text
        self.text.setPlainText(text)
        self.parse()
        self.dirtyChanged.emit(False)

    def mark_saved(self) -> None:
        self._saved_text = self.text.toPlainText()
        self.dirtyChanged.emit(False)

    @property
    def dirty(self) -> bool:
        return self.text.toPlainText() != self._saved_text

    def _text_changed(self) -> None:
        self._parse_timer.start()
        self.dirtyChanged.emit(self.dirty)

    def _pattern_edited(self, pattern: dict[str, Any]) -> None:
        """Write the picked pattern into the YAML as one undoable edit (Ctrl+Z brings the
        old pattern and any keys it dropped back)."""
        bar = self.text.verticalScrollBar().value()
        old = read_pattern(self.text.toPlainText())
        cursor = QTextCursor(self.text.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(with_pattern(self.text.toPlainText(), pattern))
        cursor.endEditBlock()
        self.text.verticalScrollBar().setValue(bar)
        dropped = [k for k in old if k != "name" and k not in pattern]
        self.patternNote = (self.tr("Switching pattern removed %1 (Undo, Ctrl+Z, brings them back).")
                            .replace("%1", ", ".join(dropped)) if dropped else "")
        self.patternDropped.emit(dropped)
        self.parse()

    def parse(self) -> None:
        """Check the YAML now: the form, the picker and the preview follow it."""
        self._parse_timer.stop()
        text = self.text.toPlainText()
        try:
            t = PromptTemplate.from_yaml(text)
        except TemplateError as exc:
            self.template = None
            self._show_error(str(exc), getattr(exc, "line", None))
            self.templateChanged.emit(None)
            return
        self.template = t
        self._show_error(None, None)
        self.form.set_variables(t.variables)
        self.picker.show_pattern(read_pattern(text))
        self.templateChanged.emit(t)
        self.update_preview()

    def _show_error(self, message: str | None, line: int | None) -> None:
        self.error_line = line
        self.error.setText(translate_message(message or ""))
        self.error.setVisible(bool(message))
        selections = []
        if line is not None and 0 < line <= self.text.blockCount():
            sel = QTextEdit.ExtraSelection()
            sel.format.setBackground(QColor(198, 40, 40, 60))
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            sel.cursor = QTextCursor(self.text.document().findBlockByNumber(line - 1))
            selections.append(sel)
        self.text.setExtraSelections(selections)

    # -- preview -------------------------------------------------------------------
    def update_preview(self) -> None:
        self._preview_timer.stop()
        self._seq += 1
        t = self.template
        if t is None:
            return
        values = self.form.values()
        try:
            coerced = t.coerce(values)
            first = render(t, coerced)
        except TemplateError as exc:
            self._preview_failed(str(exc))
            return
        self.preview_error.hide()
        stage_note = "" if is_single_call(t) else self.tr(
            "The first of several model calls; later ones depend on the answers.") + " "
        try:
            base = self.base_spec()
            spec = spec_for_stage(base, t, coerced, first, {}, stage=None, parent_id=None, constrained=False)
        except WorkbenchError as exc:
            self._show_preview(show_rendered(first), None, None, stage_note + str(exc))
            return
        if not self.wb.spec_matches_loaded(spec):
            self._show_preview(show_rendered(first), None, None, stage_note + self.tr(
                "Shown before the model's chat template: the exact text and its token count need the model "
                "loaded (Load in the inspector)."))
            return
        seq = self._seq
        self.tokens.setText(stage_note + self.tr("Counting tokens…"))

        def done(prep: Any) -> None:
            if seq == self._seq:
                self._show_preview(prep.sent_text, prep.prompt_tokens, prep.n_ctx, stage_note)

        def failed(err: WorkbenchError) -> None:
            if seq != self._seq:
                return
            if isinstance(err, ContextOverflowError):
                self._show_preview(show_rendered(first), err.prompt_tokens, err.n_ctx, stage_note)
            self._preview_failed(str(err))

        self.wb.prepare_async(spec, done, failed)

    def _show_preview(self, text: str, n: int | None, n_ctx: int | None, note: str) -> None:
        self.preview.setPlainText(text)
        if n is not None and n_ctx:
            pct = 100 * n / n_ctx
            self.tokens.setText(note + self.tr("%1 tokens of a %2-token context (%3%).").replace("%1", str(n))
                                .replace("%2", str(n_ctx)).replace("%3", f"{pct:.0f}"))
        else:
            self.tokens.setText(note)
        self.previewReady.emit(text, n, n_ctx)

    def _preview_failed(self, message: str) -> None:
        self.preview_error.setText(translate_message(message))
        self.preview_error.show()
        self.previewReady.emit("", None, None)
