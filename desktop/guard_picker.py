"""Picking a template's guards in the window: every check of the registry
(``guards/checks.py``) with its options, for the input or the output, and what to do
when it fails. The result is the template's ``guards:`` policy (``guards/policy.py``),
which the Library writes into the YAML as one undoable edit."""

from __future__ import annotations

import inspect
from typing import Any

import yaml
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from common.errors import GuardError
from desktop.engine_i18n import translate_message

SIDES = ("off", "input", "output", "both")  # both: the same rule on the prompt and on the answer


def check_catalogue() -> list[tuple[str, str, list[str]]]:
    """(name, description, option names) of every registered check: the window's own
    translated sentence where it has one, else the first paragraph of the check's docstring."""
    from guards.checks import CHECKS

    described = check_descriptions()
    out = []
    for name, cls in sorted(CHECKS.items()):
        para = (inspect.getdoc(cls) or "").strip().split("\n\n")[0]
        doc = " ".join(para.split()).replace("``", "")
        params = inspect.signature(cls.__init__).parameters.values()
        options = [p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY]
        out.append((name, described.get(name, doc), options))
    return out


def check_descriptions() -> dict[str, str]:
    """Check name -> what it does, translated (the names stay: policies name checks by them)."""
    return {
        "constraint": QCoreApplication.translate("GuardChecks", "The run's output constraint (JSON schema, regex, "
                                                 "choice or grammar): whether the output satisfies it."),
        "blocked_terms": QCoreApplication.translate("GuardChecks", "Fails (or redacts) when a blocked term, or a term of a blocked topic, appears."),
        "contains": QCoreApplication.translate("GuardChecks", "Passes when the text contains every one of the values (or, with require: any, one)."),
        "equals": QCoreApplication.translate("GuardChecks", "Passes when the text equals the expected text (stripped, spaces collapsed by default)."),
        "injection": QCoreApplication.translate("GuardChecks", "Flags prompt injection and jailbreak attempts with a classifier; fails at a score "
                          "of threshold or more."),
        "json": QCoreApplication.translate("GuardChecks", "Passes when the text holds valid JSON (and, given a schema, JSON valid against it)."),
        "judge": QCoreApplication.translate("GuardChecks", "Asks a loaded judge model to grade the answer against a rubric (pass/fail or a score)."),
        "language": QCoreApplication.translate("GuardChecks", "Passes when the expected language makes up at least min_share of the text."),
        "length": QCoreApplication.translate("GuardChecks", "Minimum and maximum length in characters, and in tokens with count_tokens."),
        "must_match": QCoreApplication.translate("GuardChecks", "Passes when the regular expression pattern is found (full: the whole text matches)."),
        "must_not_match": QCoreApplication.translate("GuardChecks", "Fails when the regular expression pattern is found; every match is marked."),
        "numeric": QCoreApplication.translate("GuardChecks", "Takes the last (or first) number in the text and compares it with the expected one."),
        "pii": QCoreApplication.translate("GuardChecks", "Finds personal data and secrets; detect fails on them, redact replaces them."),
        "refusal": QCoreApplication.translate("GuardChecks", "Detects a refusal in an answer (English and Chinese); fails at a score of threshold or more."),
        "self_check": QCoreApplication.translate("GuardChecks", "Asks a loaded model whether the prompt or the answer should be blocked (yes or no)."),
        "selfcheckgpt": QCoreApplication.translate("GuardChecks", "SelfCheckGPT: samples the answer again (samples times) and scores each sentence "
                             "by how well the samples support it; unsupported sentences are marked as likely "
                             "made up. Output only."),
        "tool_call": QCoreApplication.translate("GuardChecks", "Parses the answer's tool calls and checks each against the tools' JSON schemas."),
    }


def actions(side: str) -> tuple[str, ...]:
    from guards.policy import ACTIONS_IN, ACTIONS_OUT

    if side == "both":
        return tuple(a for a in ACTIONS_OUT if a in ACTIONS_IN)
    return tuple(ACTIONS_IN if side == "input" else ACTIONS_OUT)


def _choose(box: QComboBox, action: str) -> None:
    """Select ``action`` (the policy's word) in an on-fail box."""
    i = box.findData(action)
    if i >= 0:
        box.setCurrentIndex(i)


class GuardPicker(QDialog):
    """A table: check · where (off / input / output) · on fail · options (YAML, ``k: v, ...``)."""

    def __init__(self, policy: dict[str, Any] | None = None, parent: QWidget | None = None, note: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guards"))
        self.catalogue = check_catalogue()
        self.table = QTableWidget(len(self.catalogue), 4)
        self.table.setHorizontalHeaderLabels([self.tr("Check"), self.tr("Where"), self.tr("On fail"),
                                              self.tr("Options")])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828")
        for r, (name, doc, options) in enumerate(self.catalogue):
            item = QTableWidgetItem(name)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setToolTip(doc + ("\n" + self.tr("Options: %1").replace("%1", ", ".join(options)) if options else ""))
            self.table.setItem(r, 0, item)
            where = QComboBox()
            for s, label in zip(SIDES, (self.tr("off"), self.tr("input"), self.tr("output"),
                                           self.tr("input and output"))):
                where.addItem(label, s)
            on_fail = QComboBox()
            where.currentIndexChanged.connect(lambda _i, w=where, f=on_fail: self._fill_actions(w, f))
            self.table.setCellWidget(r, 1, where)
            self.table.setCellWidget(r, 2, on_fail)
            opt = QTableWidgetItem("")
            opt.setToolTip(self.tr("Options as YAML, e.g. %1").replace("%1", ", ".join(f"{o}: …" for o in options[:3])
                                                                        or self.tr("(none)")))
            self.table.setItem(r, 3, opt)
            self._fill_actions(where, on_fail)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        intro = QLabel(note or self.tr("Checks from the registry run on the template's answer stage; "
                                       "their verdicts and spans show next to the output."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(760, 480)
        self.result_policy: dict[str, Any] | None = None
        if policy:
            self.set_policy(policy)

    def _fill_actions(self, where: QComboBox, on_fail: QComboBox) -> None:
        side = where.currentData()
        on_fail.clear()
        if side != "off":
            labels = {"block": self.tr("block"), "redact": self.tr("redact"), "warn": self.tr("warn"),
                      "reask": self.tr("ask again")}
            for a in actions(side):
                on_fail.addItem(labels.get(a, a), a)  # shown translated, written as the policy's word
            _choose(on_fail, "warn")
        on_fail.setEnabled(side != "off")

    def _row(self, name: str) -> int:
        return next(r for r, (n, _d, _o) in enumerate(self.catalogue) if n == name)

    def set_policy(self, policy: dict[str, Any]) -> None:
        seen: dict[str, dict[str, Any]] = {}
        for side in ("input", "output"):
            for item in policy.get(side) or []:
                item = {"check": item} if isinstance(item, str) else dict(item)
                name = item.pop("check", None)
                if name not in {n for n, _d, _o in self.catalogue}:
                    continue
                on_fail = str(item.pop("on_fail", "warn"))
                # the same rule on both sides is one row "input and output"
                both = side == "output" and seen.get(name) == {"on_fail": on_fail, **item}
                seen[name] = {"on_fail": on_fail, **item}
                r = self._row(name)
                where = self.table.cellWidget(r, 1)
                where.setCurrentIndex(where.findData("both" if both else side))
                _choose(self.table.cellWidget(r, 2), on_fail)
                if item:
                    self.table.item(r, 3).setText(yaml.safe_dump(item, default_flow_style=True).strip().strip("{}"))

    def pick(self, name: str, side: str, on_fail: str = "warn", options: str = "") -> None:
        r = self._row(name)
        where = self.table.cellWidget(r, 1)
        where.setCurrentIndex(where.findData(side))
        _choose(self.table.cellWidget(r, 2), on_fail)
        self.table.item(r, 3).setText(options)

    def policy(self) -> dict[str, Any] | None:
        """The ``guards:`` mapping; raises GuardError (one line) for bad options."""
        from guards.policy import Policy

        out: dict[str, list[dict[str, Any]]] = {}
        for r, (name, _doc, _options) in enumerate(self.catalogue):
            side = self.table.cellWidget(r, 1).currentData()
            if side == "off":
                continue
            entry: dict[str, Any] = {"check": name, "on_fail": self.table.cellWidget(r, 2).currentData()}
            text = self.table.item(r, 3).text().strip()
            if text:
                try:
                    extra = yaml.safe_load("{" + text + "}")
                except yaml.YAMLError:
                    raise GuardError(self.tr("%1: the options are not valid YAML (write key: value, ...)")
                                     .replace("%1", name)) from None
                if not isinstance(extra, dict):
                    raise GuardError(self.tr("%1: write the options as key: value, ...").replace("%1", name))
                entry.update(extra)
            for s in (("input", "output") if side == "both" else (side,)):
                out.setdefault(s, []).append(dict(entry))
        if not out:
            return None
        Policy.from_dict(out)  # the same checks the run makes: unknown options, bad actions
        return out

    def _accept(self) -> None:
        try:
            self.result_policy = self.policy()
        except GuardError as exc:
            self.error.setText(translate_message(str(exc)))
            return
        self.accept()
