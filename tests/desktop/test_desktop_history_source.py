"""History's Source column (chat, template, experiment, branch) and its filter, on a real log."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from runs.store import new_id  # noqa: E402
from tests.desktop_helpers import open_window  # noqa: E402
from tests.store_tools import open_log  # noqa: E402


def test_source_column_and_filter(fake_engine, qtbot):
    conn = open_log(fake_engine.store).conn
    kinds = {"chat": (None, None, None), "template": (None, "t" * 16, None), "experiment": ("e1", "t" * 16, None),
             "branch": (None, None, "branch")}
    for kind, (eid, tid, stage) in kinds.items():
        conn.execute("INSERT INTO runs (id, started_utc, status, model_name, mode, output, experiment_id, template_id,"
                     " stage) VALUES (?,?,?,?,?,?,?,?,?)",
                     (new_id(), "2025-01-01T00:00:00.000+00:00", "ok", "m", "chat", f"{kind} answer", eid, tid, stage))
    conn.commit()
    w = open_window(fake_engine, qtbot, "history")
    view = w.history
    view.refresh()
    m = view.model
    col = m.COLUMNS.index("source")
    assert m.headerData(col, Qt.Orientation.Horizontal) == m.tr("Source")
    shown = {m.index(r, col).data(): m.rows[r]["id"] for r in range(m.rowCount())}
    assert set(shown) == {m.tr("chat"), m.tr("template"), m.tr("experiment"), m.tr("branch")}
    for kind in kinds:
        view.source_filter.setCurrentIndex(view.source_filter.findData(kind))
        view.apply_filters()
        assert m.rowCount() == 1 and m.index(0, col).data() == m.sources[kind]
    view.source_filter.setCurrentIndex(0)
    view.apply_filters()
    assert m.rowCount() == 4
    w.close()
