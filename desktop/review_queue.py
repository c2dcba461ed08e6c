"""The review queue: a person labels a chosen set of runs (an experiment's cells, or the
runs History's search shows) from the keyboard, one key each:

P pass · F fail · 1-5 a score · C a corrected output · N a note · ←/→ or J/K to move.

Each label is a check with stage ``human`` (``reports.human_review``), so History filters
on it, the statistics count it, and the queue shows how the person agrees with the LLM
judge on the runs both have labelled."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from common.errors import WorkbenchError
from desktop.boxes import titled
from desktop.template_editor import ERROR_STYLE
from reports import human_review as hr

MAX_RUNS = 1000  # a queue bigger than this is cut (History: the newest first)

NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_J, Qt.Key.Key_Down)
PREVIOUS_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_K, Qt.Key.Key_Up)
SCORE_KEYS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4, Qt.Key.Key_5: 5}


def _viewer() -> QPlainTextEdit:
    v = QPlainTextEdit()
    v.setReadOnly(True)
    v.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # every key goes to the queue
    return v


class ReviewQueue(QDialog):
    labelled = Signal(str, str)  # run id, label kind
    moved = Signal(int)  # the position now

    def __init__(self, store: Any, run_ids: Sequence[str], title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.ids = list(dict.fromkeys(run_ids))[:MAX_RUNS]
        self.cut = len(dict.fromkeys(run_ids)) > MAX_RUNS
        self.index = 0
        self.run: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Review: %1").replace("%1", title) if title else self.tr("Review"))
        self.resize(1000, 640)
        self.progress = QLabel()
        self.progress.setObjectName("reviewProgress")
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.sent = _viewer()
        self.output = _viewer()
        self.labels_line = QLabel()
        self.labels_line.setWordWrap(True)
        self.agreement = QLabel()
        self.agreement.setObjectName("reviewAgreement")
        self.agreement.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        keys = QLabel(self.tr("P pass · F fail · 1-5 score · C corrected output · N note · ←/→ or J/K move · "
                              "Esc close"))
        keys.setWordWrap(True)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(titled(self.tr("Sent to the model"), self.sent))
        split.addWidget(titled(self.tr("Output"), self.output))
        split.setChildrenCollapsible(False)
        self.previous_button = QPushButton(self.tr("← Previous"))
        self.next_button = QPushButton(self.tr("Next →"))
        close = QPushButton(self.tr("Close"))
        for b in (self.previous_button, self.next_button, close):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(self.progress)
        top.addWidget(self.header, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(keys, 1)
        bottom.addWidget(self.previous_button)
        bottom.addWidget(self.next_button)
        bottom.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.labels_line)
        lay.addWidget(self.agreement)
        lay.addWidget(self.status)
        lay.addLayout(bottom)
        self.previous_button.clicked.connect(lambda: self.move_by(-1))
        self.next_button.clicked.connect(lambda: self.move_by(1))
        close.clicked.connect(self.accept)

        try:
            self.labels = hr.labels_of(store, self.ids)
            self.judge = hr.judge_verdicts(store.checks_of_runs(self.ids), self.ids)
        except WorkbenchError as exc:
            self.labels, self.judge = {}, {}
            self._say(str(exc), error=True)
        self.show_current()
        self.update_agreement()

    # -- showing -----------------------------------------------------------------
    def done_count(self) -> int:
        return sum(1 for rid in self.ids if hr.human_verdict(self.labels.get(rid, {})) is not None)

    def show_current(self) -> None:
        n = len(self.ids)
        self.progress.setText(f"<b>{self.index + 1 if n else 0}/{n}</b>")
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < n - 1)
        if not n:
            self.header.setText(self.tr("No runs to review."))
            self.sent.clear()
            self.output.clear()
            self.labels_line.clear()
            return
        rid = self.ids[self.index]
        try:
            self.run = self.store.get_run(rid)
        except WorkbenchError as exc:
            self.run = None
            self._say(str(exc), error=True)
            return
        r = self.run
        done = self.tr("%1 of %2 labelled").replace("%1", str(self.done_count())).replace("%2", str(n))
        if self.cut:
            done += " · " + self.tr("only the first %1 runs").replace("%1", str(MAX_RUNS))
        self.header.setText(f"{rid} · {r.get('model_name') or ''} · {r.get('status')} · {done}")
        self.sent.setPlainText(r.get("sent_text") or "")
        self.output.setPlainText(r.get("output") or "")
        self.labels_line.setText(self._labels_text(rid))

    def _labels_text(self, rid: str) -> str:
        lab = self.labels.get(rid, {})
        parts = []
        if hr.VERDICT in lab:
            parts.append(self.tr("you: %1").replace("%1", lab[hr.VERDICT]["verdict"]))
        if hr.SCORE in lab:
            parts.append(self.tr("score %1/5").replace("%1", str(round(lab[hr.SCORE]["score"] * 5))))
        if hr.CORRECTED in lab:
            parts.append(self.tr("corrected output given"))
        if hr.NOTE in lab:
            parts.append(self.tr("note: %1").replace("%1", lab[hr.NOTE]["message"][:120]))
        if rid in self.judge:
            parts.append(self.tr("judge: %1").replace("%1", self.judge[rid]))
        return " · ".join(parts) or self.tr("Not labelled yet.")

    def update_agreement(self) -> None:
        if not self.judge:
            self.agreement.setText(self.tr("No LLM judge verdicts on these runs to compare with."))
            return
        try:
            self.human_agreement = hr.human_vs_judge(self.store, self.ids)
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return
        self.agreement.setText(hr.agreement_text(self.human_agreement))

    # -- acting ------------------------------------------------------------------
    def move_by(self, step: int) -> None:
        new = max(0, min(len(self.ids) - 1, self.index + step))
        if new != self.index:
            self.index = new
            self.show_current()
            self.moved.emit(new)

    def label(self, label: dict[str, Any], *, advance: bool = False) -> bool:
        if self.run is None:
            return False
        rid = self.run["id"]
        try:
            hr.record(self.store, rid, label)
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return False
        self.labels.setdefault(rid, {})[label["name"]] = {**label, "run_id": rid, "stage": hr.STAGE}
        self._say("")
        self.labelled.emit(rid, label["name"])
        if label["name"] in (hr.VERDICT, hr.SCORE):
            self.update_agreement()
        if advance and self.index < len(self.ids) - 1:
            self.move_by(1)
        else:
            self.show_current()
        return True

    def ask_text(self, kind: str, current: str) -> str | None:
        """The corrected output or the note, from the person (tests replace this)."""
        title = self.tr("Corrected output") if kind == hr.CORRECTED else self.tr("Note")
        text, ok = QInputDialog.getMultiLineText(self, title, title + ":", current)
        return text if ok else None

    def text_label(self, kind: str) -> bool:
        if self.run is None:
            return False
        have = self.labels.get(self.run["id"], {}).get(kind)
        current = have["message"] if have else ((self.run.get("output") or "") if kind == hr.CORRECTED else "")
        text = self.ask_text(kind, current)
        if text is None:
            return False
        try:
            label = hr.text_label(kind, text)
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return False
        return self.label(label)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            super().keyPressEvent(event)
        elif key in NEXT_KEYS:
            self.move_by(1)
        elif key in PREVIOUS_KEYS:
            self.move_by(-1)
        elif key == Qt.Key.Key_P:
            self.label(hr.verdict_label(True), advance=True)
        elif key == Qt.Key.Key_F:
            self.label(hr.verdict_label(False), advance=True)
        elif key in SCORE_KEYS:
            self.label(hr.score_label(SCORE_KEYS[key]), advance=True)
        elif key == Qt.Key.Key_C:
            self.text_label(hr.CORRECTED)
        elif key == Qt.Key.Key_N:
            self.text_label(hr.NOTE)
        else:
            super().keyPressEvent(event)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
