"""The lens: a run's output with every token shaded by its probability.

Shading uses ColorBrewer's YlOrBr sequential palette (colour-blind safe, and readable in
grey): likely tokens stay pale, unlikely ones darken. Runs of low-confidence tokens
(probability under 50%) are also bold with a wavy underline, and given tokens (a
branch's, or a constraint's forced ones) italic with a dotted one, so both are flagged
without relying on colour. A constrained run's numbers are the model's own, before the
constraint's mask: the summary says so, and alternatives the constraint did not allow
are marked in the tooltip and cannot be picked for a branch. Hovering a token shows its probability and the top alternatives;
clicking one selects it in the :class:`BranchPicker`, which asks for a branch with an
alternative or typed text (``branchRequested``); the window runs it in a worker.
Model text is always plain text, never HTML.
"""

from __future__ import annotations

import bisect
import html
import math
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

# (lowest probability of the band, background, text colour), most likely first
PALETTE = (
    (0.9, "#ffffd4", "#000000"),
    (0.7, "#fed98e", "#000000"),
    (0.5, "#fe9929", "#000000"),
    (0.3, "#d95f0e", "#ffffff"),
    (0.0, "#993404", "#ffffff"),
)
LOW = 0.5  # below this a token is low-confidence
FLAG = "#5e3c99"  # the wave under low-confidence spans (purple: apart from the palette's hues)


def band(p: float) -> int:
    """Which PALETTE entry shades a token of probability ``p``."""
    for i, (lo, _, _) in enumerate(PALETTE):
        if p >= lo:
            return i
    return len(PALETTE) - 1


def _u16(text: str) -> int:
    """Length in UTF-16 units, as QTextDocument counts positions."""
    return len(text.encode("utf-16-le")) // 2


def _pct(p: float) -> str:
    return f"{100 * p:.1f}%" if p >= 0.001 else f"{100 * p:.2g}%"


class TokenLens(QWidget):
    """A trace's tokens, shaded; ``stepClicked(i)`` when a token is clicked."""

    stepClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.trace: Any = None
        self.view = QTextEdit()
        self.view.setObjectName("tokenLens")
        self.view.setReadOnly(True)
        self.view.setMouseTracking(True)
        self.view.viewport().installEventFilter(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.legend = QLabel(self._legend_html())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.last_tooltip = ""
        self._starts: list[int] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.summary)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.legend)
        self.show_trace(None)

    def _legend_html(self) -> str:
        bounds = [1.0] + [lo for lo, _, _ in PALETTE[:-1]]
        cells = []
        for (lo, bg, fg), hi in zip(PALETTE, bounds, strict=True):
            label = f"≥{100 * lo:.0f}%" if hi == 1.0 else f"{100 * lo:.0f}–{100 * hi:.0f}%"
            cells.append(f"<span style='background:{bg};color:{fg}'>&nbsp;{label}&nbsp;</span>")
        flagged = self.tr("bold, wavy underline: a low-confidence span (under %1%)").replace("%1", f"{100 * LOW:.0f}")
        given = self.tr("italic, dotted underline: given, not sampled")
        return (self.tr("Token probability:") + " " + " ".join(cells)
                + f" · <b style='color:{FLAG}'>{html.escape(flagged)}</b> · <i>{html.escape(given)}</i>")

    def show_trace(self, trace: Any, empty_text: str | None = None) -> None:
        """Shade ``trace`` (a TokenTrace), or say why there is nothing to shade."""
        self.trace = trace
        self.view.clear()
        self._starts = []
        if trace is None or not trace.steps:
            self.summary.setText(empty_text or self.tr(
                "No token probabilities for this run. Turn on Logprobs in the parameters and run it again."))
            return
        low_steps = {i for a, b in trace.low_confidence(LOW) for i in range(a, b)}
        cursor = QTextCursor(self.view.document())
        pos = 0
        for i, step in enumerate(trace.steps):
            _, bg, fg = PALETTE[band(step.prob)]
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(bg))
            fmt.setForeground(QColor(fg))
            if i in low_steps:
                fmt.setFontWeight(QFont.Weight.Bold)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(QColor(fg))
            elif step.forced:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            if step.forced:
                fmt.setFontItalic(True)
            fmt.setToolTip("")
            self._starts.append(pos)
            cursor.insertText(step.text, fmt)
            pos += _u16(step.text)
        spans = trace.low_confidence(LOW)
        mean = trace.mean_logprob
        n = len(trace.steps)
        parts = [self.tr("1 token") if n == 1 else self.tr("%1 tokens").replace("%1", str(n)),
                 self.tr("mean log-probability %1").replace("%1", f"{mean:.3f}"),
                 self.tr("perplexity %1").replace("%1", f"{trace.perplexity:.2f}"),
                 self.tr("1 low-confidence span") if len(spans) == 1
                 else self.tr("%1 low-confidence spans").replace("%1", str(len(spans)))]
        if trace.constrained:
            parts.append(self.tr("constrained: the model's own probabilities, before the constraint's mask "
                                 "(the answer chart gives the allowed answers' share)"))
        if trace.note:
            parts.append(trace.note)
        self.summary.setText(" · ".join(parts))
        self.view.moveCursor(QTextCursor.MoveOperation.Start)

    # -- where the mouse is --------------------------------------------------------
    def step_at(self, position: int) -> int | None:
        """The step whose text holds document position ``position``."""
        if not self._starts:
            return None
        i = bisect.bisect_right(self._starts, position) - 1
        return i if 0 <= i < len(self._starts) else None

    def tooltip_text(self, i: int) -> str:
        step = self.trace.steps[i]
        head = self.tr("Token %1: %2 — %3").replace("%1", str(i)).replace("%2", repr(step.text)).replace(
            "%3", _pct(step.prob))
        lines = [head, self.tr("entropy %1 nats").replace("%1", f"{step.entropy:.2f}")
                 if math.isfinite(step.entropy) else ""]
        if step.forced:
            lines.append(self.tr("given, not sampled"))
        if step.top:
            lines.append(self.tr("Alternatives:"))
            blocked = set(step.blocked)
            not_allowed = self.tr("not allowed by the constraint")
            for a in step.top:
                mark = "▸ " if a.token_id == step.token_id else "   "
                tail = f"  ✗ {not_allowed}" if a.token_id in blocked else ""
                lines.append(f"{mark}{a.text!r}  {_pct(math.exp(a.logprob))}{tail}")
        lines.append(self.tr("Click to branch from this token."))
        return "\n".join(x for x in lines if x)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view.viewport() and self.trace is not None:
            if event.type() == QEvent.Type.ToolTip:
                i = self._step_under(event.pos())
                if i is None:
                    QToolTip.hideText()
                else:
                    self.last_tooltip = self.tooltip_text(i)
                    QToolTip.showText(event.globalPos(), self.last_tooltip, self.view.viewport())
                return True
            if event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
                i = self._step_under(event.position().toPoint())
                if i is not None:
                    self.stepClicked.emit(i)
        return super().eventFilter(obj, event)

    def _step_under(self, point: Any) -> int | None:
        cursor = self.view.cursorForPosition(point)
        p = cursor.position()  # the gap nearest the point: the character is after it, or before
        if p > 0 and self.view.cursorRect(cursor).x() > point.x():
            p -= 1
        return self.step_at(p)

    def step_point(self, i: int) -> Any:
        """A point inside step ``i``'s first character (viewport coordinates)."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self._starts[i])
        return self.view.cursorRect(cursor).center() + QPoint(2, 0)


class BranchPicker(QWidget):
    """The token selected in the lens: its alternatives, a box for typed text, and the
    buttons that ask for a branch (``branchRequested(at, token_id, text)``, one of the
    last two None)."""

    branchRequested = Signal(int, object, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.trace: Any = None
        self.at: int | None = None
        self.busy = False
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.alternatives = QListWidget()
        self.alternatives.setObjectName("branchAlternatives")
        self.alternatives.setMaximumHeight(150)
        self.with_alternative = QPushButton(self.tr("Branch with this alternative"))
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("or type a replacement"))
        self.with_text = QPushButton(self.tr("Branch with this text"))
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.with_text)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.alternatives)
        lay.addWidget(self.with_alternative, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addLayout(row)
        lay.addStretch(1)
        self.with_alternative.clicked.connect(self._branch_alternative)
        self.alternatives.itemDoubleClicked.connect(lambda _item: self._branch_alternative())
        self.with_text.clicked.connect(self._branch_text)
        self.text.returnPressed.connect(self._branch_text)
        self.text.textChanged.connect(lambda _t: self._refresh())
        self.alternatives.currentItemChanged.connect(lambda *_a: self._refresh())
        self.set_trace(None)

    def set_trace(self, trace: Any) -> None:
        self.trace = trace
        self.select(None)

    def set_busy(self, busy: bool) -> None:
        """While another task runs, nothing can be branched (selecting a token keeps it so)."""
        self.busy = busy
        self._refresh()

    def _refresh(self) -> None:
        ok = not self.busy and self.at is not None
        for w in (self.text, self.alternatives):
            w.setEnabled(ok)
        item = self.alternatives.currentItem()
        self.with_alternative.setEnabled(ok and item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsEnabled))
        self.with_text.setEnabled(ok and bool(self.text.text()))

    def select(self, at: int | None) -> None:
        self.at = at
        self.alternatives.clear()
        if self.trace is None or at is None:
            self.title.setText(self.tr("Click a token of the answer to branch from it.") if self.trace is not None else "")
            self._refresh()
            return
        step = self.trace.steps[at]
        title = self.tr("Branch at token %1 (%2, %3): replace it and continue").replace(
            "%1", str(at)).replace("%2", repr(step.text)).replace("%3", _pct(step.prob))
        blocked = set(step.blocked)
        allowed = 0
        for a in step.top:
            if a.token_id == step.token_id:
                continue
            label = f"{a.text!r}  {_pct(math.exp(a.logprob))}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, a.token_id)
            if a.token_id in blocked:  # the grammar would refuse it here: shown, not offered
                item.setText(label + "  ✗ " + self.tr("not allowed by the constraint"))
                item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable))
            else:
                allowed += 1
            self.alternatives.addItem(item)
        if blocked and not allowed:
            title += " " + self.tr("The constraint allows none of these alternatives here; type a replacement it allows.")
        self.title.setText(title)
        first = next((i for i in range(self.alternatives.count())
                      if self.alternatives.item(i).flags() & Qt.ItemFlag.ItemIsEnabled), None)
        if first is not None:
            self.alternatives.setCurrentRow(first)
        self._refresh()

    def _branch_alternative(self) -> None:
        item = self.alternatives.currentItem()
        if self.at is None or item is None or self.busy or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        self.branchRequested.emit(self.at, int(item.data(Qt.ItemDataRole.UserRole)), None)

    def _branch_text(self) -> None:
        if self.at is None or not self.text.text() or self.busy:
            return
        self.branchRequested.emit(self.at, None, self.text.text())


class PlaygroundTokens(QWidget):
    """Under the playground's thread: the last run's lens and branch picker, folded
    until opened; hidden when the run recorded no token probabilities."""

    branchRequested = Signal(str, int, object, object)  # run id, step, token id or None, text or None

    def __init__(self, store: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.run_id: str | None = None
        self.toggle = QPushButton(self.tr("Token probabilities"))
        self.toggle.setCheckable(True)
        self.toggle.setToolTip(self.tr("The answer's tokens shaded by probability; click one to branch from it"))
        self.lens = TokenLens()
        self.picker = BranchPicker()
        self.body = QWidget()
        bl = QHBoxLayout(self.body)  # side by side: the branch controls stay in view beside the tokens
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.lens, 3)
        bl.addWidget(self.picker, 2)
        self.body.setMinimumHeight(200)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.body)
        self.body.hide()
        self.toggle.toggled.connect(self.body.setVisible)
        self.lens.stepClicked.connect(self.picker.select)
        self.picker.branchRequested.connect(
            lambda at, token, text: self.run_id and self.branchRequested.emit(self.run_id, at, token, text))
        self.show_run(None)

    def show_run(self, run_id: str | None) -> None:
        from common.errors import WorkbenchError

        trace = None
        if run_id is not None:
            try:
                trace = self.store.tokens(run_id)
            except WorkbenchError:
                trace = None
        self.run_id = run_id if trace is not None else None
        self.lens.show_trace(trace)
        self.picker.set_trace(trace)
        self.setVisible(trace is not None)
