"""The blind arena: two outputs for the same row from two variants of an experiment,
side by side, names hidden and sides random; vote with the keyboard (1 / ← left
better, 2 / → right better, 3 / ↓ tie, 4 / ↑ both bad, Ctrl+Z undo). Votes go to the
run log's arena ledger (``reports.arena.cast``: who was left is kept); the
Bradley-Terry ranking with ties, overall and per tag, is refitted in a worker after
each vote. Names (in the panes and in the ranking) show only when "Reveal names" is
on. Judge votes (`python main.py arena EXP --judge MODEL`) share the ledger: their
position bias and agreement with people are shown under the ranking."""

from __future__ import annotations

import html
import random
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from common.errors import WorkbenchError

HIDDEN = "●●●"
KEYS = {Qt.Key.Key_1: "left", Qt.Key.Key_Left: "left", Qt.Key.Key_2: "right", Qt.Key.Key_Right: "right",
        Qt.Key.Key_3: "tie", Qt.Key.Key_Down: "tie", Qt.Key.Key_4: "both_bad", Qt.Key.Key_Up: "both_bad"}
RESAMPLES = 1000


class ArenaView(QWidget):
    matchupShown = Signal(object)  # reports.arena.Matchup (or None: nothing to show)
    voteStored = Signal(int)  # the vote's id
    rankingUpdated = Signal(object)  # reports.arena.ArenaResult
    failed = Signal(str)

    def __init__(self, wb: Any, parent: QWidget | None = None, *, seed: int | None = None):
        super().__init__(parent)
        self.wb = wb
        self.store = wb.engine.store
        self.rng = random.Random(seed)
        self.grid: Any = None
        self.votes: list[dict[str, Any]] = []
        self.matchup: Any = None
        self.result: Any = None
        self.last_vote: int | None = None
        self._seq = 0

        self.experiment = QComboBox()
        self.experiment.setMinimumWidth(260)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.reveal = QCheckBox(self.tr("Reveal names"))
        self.reveal.setToolTip(self.tr("Show which variant wrote each answer (and the names in the ranking)"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Experiment:")))
        top.addWidget(self.experiment, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.reveal)

        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.left_box, self.left_text = self._pane()
        self.right_box, self.right_text = self._pane()
        panes = QHBoxLayout()
        panes.addWidget(self.left_box)
        panes.addWidget(self.right_box)

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for outcome, text, keys in (("left", self.tr("1 · Left is better  ←"), ("1", "Left")),
                                    ("right", self.tr("2 · Right is better  →"), ("2", "Right")),
                                    ("tie", self.tr("3 · Tie  ↓"), ("3", "Down")),
                                    ("both_bad", self.tr("4 · Both bad  ↑"), ("4", "Up"))):
            b = QPushButton(text)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _c=False, o=outcome: self.vote(o))
            bar.addWidget(b)
            self.buttons[outcome] = b
            for k in keys:
                sc = QShortcut(QKeySequence(k), self)
                sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                sc.activated.connect(lambda o=outcome: self.vote(o))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_button.clicked.connect(self.undo)
        bar.addWidget(self.undo_button)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.ranking = QTableWidget(0, 6)
        self.ranking.setObjectName("arenaRanking")
        self.ranking.setHorizontalHeaderLabels([self.tr("Ranking"), self.tr("Variant"), self.tr("Rating (95%)"),
                                                self.tr("Won"), self.tr("Lost"), self.tr("Tied")])
        self.ranking.verticalHeader().hide()
        self.ranking.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ranking.setWordWrap(False)
        self.ranking.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ranking.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.ranking.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows vote, they do not move a cell cursor
        self.judges = QLabel()
        self.judges.setWordWrap(True)
        self.judges.setTextFormat(Qt.TextFormat.RichText)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.ranking, 1)
        ll.addWidget(self.judges)

        upper = QWidget()
        ul = QVBoxLayout(upper)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.addWidget(self.prompt)
        ul.addLayout(panes, 1)
        ul.addLayout(bar)
        ul.addWidget(self.status)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("arenaSplitter")
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([420, 220])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.splitter, 1)

        self.experiment.currentIndexChanged.connect(lambda _i: self.load())
        self.refresh_button.clicked.connect(self.refresh)
        self.reveal.toggled.connect(lambda _on: self._show_names())
        self.failed.connect(self.status.setText)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._set_enabled(False)
        self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        """Coming back to the view: experiments run meanwhile appear, votes cast elsewhere count."""
        super().showEvent(event)
        self.refresh()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """1-4 and the arrows vote when the view itself has the focus (the shortcuts cover
        its children)."""
        outcome = KEYS.get(Qt.Key(event.key()))
        if outcome is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.vote(outcome)
            event.accept()
            return
        super().keyPressEvent(event)

    def _pane(self) -> tuple[QGroupBox, QPlainTextEdit]:
        box = QGroupBox()
        text = QPlainTextEdit()
        text.setReadOnly(True)
        text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        lay = QVBoxLayout(box)
        lay.addWidget(text)
        return box, text

    def _set_enabled(self, on: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(on)

    # -- loading ------------------------------------------------------------------
    def refresh(self) -> None:
        self.wb.background(lambda: self.store.list_experiments(200), self._set_experiments,
                           lambda err: self.failed.emit(str(err)))

    def _set_experiments(self, rows: list[dict[str, Any]]) -> None:
        keep = self.experiment.currentData()
        self.experiment.blockSignals(True)
        self.experiment.clear()
        for r in rows:
            self.experiment.addItem(f"{r['name']} · {r['id'][-6:]}", r["id"])
        idx = self.experiment.findData(keep)
        self.experiment.setCurrentIndex(idx if idx >= 0 else 0)
        self.experiment.blockSignals(False)
        if rows:
            self.load()
        else:
            self._nothing(self.tr("No experiments yet: run one in Experiments, then vote here."))

    def load(self) -> None:
        eid = self.experiment.currentData()
        if not eid:
            return
        self._seq += 1
        seq = self._seq

        def work() -> tuple[Any, list[dict[str, Any]], Any]:
            from reports.arena import arena_ranking, check_experiment, load_arena

            grid, votes = load_arena(self.store, eid)
            check_experiment(grid)
            labels = {c.key: c.label for c in grid.columns}
            return grid, votes, arena_ranking(votes, labels, eid, n_resamples=RESAMPLES)

        def done(res: tuple[Any, list[dict[str, Any]], Any]) -> None:
            if seq == self._seq:
                self.grid, self.votes, result = res
                self._show_ranking(result)
                self.next()

        def failed(err: WorkbenchError) -> None:
            if seq == self._seq:
                self.grid = None
                self._nothing(str(err))

        self.wb.background(work, done, failed)

    def _nothing(self, why: str) -> None:
        self.matchup = None
        self.prompt.setText("")
        self.left_text.setPlainText("")
        self.right_text.setPlainText("")
        self.status.setText(why)
        self._set_enabled(False)
        self.ranking.setRowCount(0)
        self.judges.setText("")
        self.matchupShown.emit(None)

    # -- voting -------------------------------------------------------------------
    def next(self) -> None:
        from reports.arena import next_matchup

        if self.grid is None:
            return
        try:
            self.matchup = next_matchup(self.grid, self.votes, self.rng)
        except WorkbenchError as exc:
            self._nothing(str(exc))
            return
        m = self.matchup
        label, row = html.escape(self.tr("Prompt")), html.escape(self.tr("row"))  # lupdate misses tr() in f-strings
        self.prompt.setText(f"<b>{label}</b> ({row} {m.row_index + 1}): {html.escape(m.prompt[:600])}")
        self.left_text.setPlainText(m.left_output)
        self.right_text.setPlainText(m.right_output)
        self._show_names()
        self._set_enabled(True)
        self.matchupShown.emit(m)

    def side_title(self, side: str) -> str:
        m = self.matchup
        base = self.tr("Left") if side == "left" else self.tr("Right")
        if m is None or not self.reveal.isChecked():
            return base
        return f"{base}: {m.left_label if side == 'left' else m.right_label}"

    def _show_names(self) -> None:
        self.left_box.setTitle(self.side_title("left"))
        self.right_box.setTitle(self.side_title("right"))
        if self.result is not None:
            self._show_ranking(self.result, emit=False)

    def vote(self, outcome: str) -> None:
        from reports.arena import cast

        m = self.matchup
        if m is None:
            return
        try:
            vid = cast(self.store, m, outcome)
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
            return
        self.last_vote = vid
        self.votes.append({"id": vid, "row_index": m.row_index, "left_column": m.left, "right_column": m.right,
                           "outcome": outcome, "voter": "human", "tags": ["human", *m.tags]})
        self.voteStored.emit(vid)
        self.next()
        self._refit()

    def undo(self) -> None:
        if self.last_vote is None:
            return
        try:
            self.store.delete_arena_vote(self.last_vote)
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
            return
        self.votes = [v for v in self.votes if v.get("id") != self.last_vote]
        self.last_vote = None
        self._refit()

    def _refit(self) -> None:
        eid = self.experiment.currentData()
        self._seq += 1
        seq = self._seq

        def work() -> Any:
            from reports.arena import arena_ranking

            votes = self.store.arena_votes(eid)
            labels = {c.key: c.label for c in self.grid.columns}
            return arena_ranking(votes, labels, eid, n_resamples=RESAMPLES)

        def done(result: Any) -> None:
            if seq == self._seq:
                self._show_ranking(result)

        self.wb.background(work, done, lambda err: self.failed.emit(str(err)))

    # -- the ranking --------------------------------------------------------------
    def name_of(self, key: str) -> str:
        if self.reveal.isChecked() and self.result is not None:
            return self.result.labels.get(key, key)
        return HIDDEN

    def _show_ranking(self, result: Any, *, emit: bool = True) -> None:
        self.result = result
        rows = []
        for r in result.rankings:
            head = self.tr("overall") if r.tag is None else self.tr("tag: %1").replace("%1", r.tag)
            if r.statement and not r.variants:
                rows.append((head, r.statement, "", "", "", ""))
                continue
            for i, s in enumerate(r.variants, 1):
                ci = (f"{s.rating:.0f} ({s.rating_low:.0f}–{s.rating_high:.0f})"
                      if s.rating_low is not None and s.rating_high is not None else f"{s.rating:.0f}")
                rows.append((f"{head} #{i}", self.name_of(s.name), ci, str(s.wins), str(s.losses), str(s.ties)))
        self.ranking.setRowCount(len(rows))
        for i, values in enumerate(rows):
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.ranking.setItem(i, c, item)
        o = result.overall
        note = self.tr("%1 votes (%2 by you)").replace("%1", str(result.votes)).replace("%2", str(result.human_votes))
        if o.statement:
            note += " · " + o.statement
        self.status.setText(note + " · " + self.tr("Bradley-Terry with ties, 95% bootstrap intervals"))
        self.judges.setText("<br>".join(self._judge_line(j) for j in result.judges))
        if emit:
            self.rankingUpdated.emit(result)

    def _judge_line(self, j: Any) -> str:
        from reports.stats_text import p_text

        esc = html.escape
        bias = (self.tr("left chosen in %1 of decisive votes (%2)").replace("%1", f"{j.left_share:.0%}")
                .replace("%2", p_text(j.position_p)) if j.left_share is not None else self.tr("no decisive votes"))
        line = (f"<b>{esc(j.voter)}</b>: {j.votes} " + esc(self.tr("votes")) + " · "
                + esc(self.tr("same verdict in both orders: %1/%2").replace("%1", str(j.consistent))
                      .replace("%2", str(j.pairs_both_orders))) + " · " + esc(self.tr("position bias: ")) + esc(bias))
        k = j.agreement
        if k is not None:
            kt = self.tr("undefined") if k.kappa is None else (
                f"{k.kappa:.2f}" + (f" ({k.low:.2f} to {k.high:.2f})" if k.low is not None else ""))
            line += " · " + esc(self.tr("agreement with you: kappa %1 over %2 votes").replace("%1", kt)
                                .replace("%2", str(k.n)))
            if k.statement:
                line += f" ({esc(k.statement)})"
        if j.statement:
            line += " · " + esc(j.statement)
        return line
