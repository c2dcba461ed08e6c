"""The branch tree of a run (runs/branch.py) and, for the selected branch, its output
side by side with the run it branched from, with a word diff. Model text is escaped."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from common.errors import WorkbenchError
from desktop.side_by_side import DEL, INS, diff_html


def point_label(point: dict[str, Any] | None) -> str:
    if not point:
        return ""
    rep = "".join(point["replacement"]["texts"])
    return f"@{point['at']}: {point['original']['text']!r} → {rep!r}"


class BranchesPanel(QWidget):
    failed = Signal(object)

    def __init__(self, store: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.tree = QTreeWidget()
        self.tree.setObjectName("branchTree")
        self.tree.setHeaderLabels([self.tr("Run"), self.tr("Branch point"), self.tr("Output")])
        self.tree.setColumnWidth(0, 240)
        self.tree.setColumnWidth(1, 220)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.compare = QTextBrowser()
        self.compare.setObjectName("branchCompare")
        self.compare.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.compare)
        lay = QVBoxLayout(self)
        lay.addWidget(self.note)
        lay.addWidget(split, 1)
        self.tree.currentItemChanged.connect(lambda cur, _prev: self._compare(cur))
        self.show_tree(None)

    def show_tree(self, run_id: str | None, select: str | None = None) -> None:
        from runs.branch import branch_tree

        self.tree.clear()
        self.compare.clear()
        if run_id is None:
            self.note.setText("")
            return
        try:
            root = branch_tree(self.store, run_id)
        except WorkbenchError as exc:
            self.failed.emit(exc)
            return
        items: dict[str, QTreeWidgetItem] = {}
        for _depth, node in root.walk():
            parent = items.get(node.row.get("parent_id") or "") if node.point else None
            item = QTreeWidgetItem([node.run_id, point_label(node.point),
                                    (node.row.get("output") or "").replace("\n", " ")[:120]])
            item.setData(0, Qt.ItemDataRole.UserRole, node.row)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[node.run_id] = item
        self.tree.expandAll()
        n = len(items) - 1
        if n == 1:
            self.note.setText(self.tr("One branch. Select it to compare it with the run it branched from."))
        else:
            self.note.setText(self.tr("%1 branches. Select one to compare it with the run it branched from.")
                              .replace("%1", str(n)) if n else
                              self.tr("No branches yet: click a token in the Tokens tab to branch from it."))
        chosen = items.get(select or "") or items.get(run_id)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)

    def _compare(self, item: QTreeWidgetItem | None) -> None:
        from reports.side_by_side import word_diff

        row = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        parent = item.parent() if item is not None else None
        if row is None or parent is None:
            self.compare.clear()
            return
        before = parent.data(0, Qt.ItemDataRole.UserRole)
        a, b = before.get("output") or "", row.get("output") or ""
        legend = self.tr("The branch against the run it branched from: <span style='%1'>added</span>, "
                         "<span style='%2'>removed</span>.").replace("%1", INS).replace("%2", DEL)
        pre = "<div style='white-space:pre-wrap;font-family:monospace'>{}</div>"
        original, branch = html.escape(self.tr("Original")), html.escape(self.tr("Branch"))  # lupdate misses tr() in f-strings
        self.compare.setHtml(
            f"<p>{legend}</p><table width='100%' cellspacing='6'><tr>"
            f"<th align='left'>{original}<br><small>{html.escape(before['id'])}</small></th>"
            f"<th align='left'>{branch}<br><small>{html.escape(row['id'])}</small></th></tr>"
            f"<tr><td valign='top'>{pre.format(html.escape(a))}</td>"
            f"<td valign='top'>{pre.format(diff_html(word_diff(a, b)))}</td></tr></table>")
