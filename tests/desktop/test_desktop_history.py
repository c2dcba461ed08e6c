"""The History table pages through the store: fast with 100,000 runs."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")

from desktop.history_model import PAGE, RunFilter, RunTableModel  # noqa: E402
from runs.store import Store, new_id  # noqa: E402
from tests.store_tools import open_log

N_RUNS = 100_000
WORDS = ("apple", "banana", "cherry", "damson", "elder", "fig", "grape")


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("big") / "runs.db")
    ids = sorted(new_id() for _ in range(N_RUNS))
    rows = [
        (rid, "2025-01-01T00:00:00.000+00:00", "ok" if i % 10 else "error", f"model-{i % 3}", "chat",
         f"prompt {i}", f"answer {i} {WORDS[i % len(WORDS)]}", 12, 33.0, 80.0)
        for i, rid in enumerate(ids)
    ]
    seed = open_log(store).conn
    seed.execute("BEGIN")
    seed.executemany(
        "INSERT INTO runs (id, started_utc, status, model_name, mode, sent_text, output, completion_tokens, "
        "decode_tps, ttft_ms) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    seed.execute("COMMIT")
    yield store, ids
    store.close()


def test_pages_instead_of_loading_everything(big_store, qtbot):
    store, ids = big_store
    model = RunTableModel(store)
    t0 = time.perf_counter()
    model.reload()
    first_page_s = time.perf_counter() - t0
    assert model.rowCount() == PAGE and model.canFetchMore()
    assert model.rows[0]["id"] == ids[-1]  # newest first
    t0 = time.perf_counter()
    for _ in range(20):
        model.fetchMore()
    paging_s = time.perf_counter() - t0
    assert model.rowCount() == 21 * PAGE
    assert [r["id"] for r in model.rows] == ids[::-1][: 21 * PAGE]  # keyset pages join up exactly
    assert first_page_s < 0.5 and paging_s / 20 < 0.25


def test_filters_and_full_text_search_page_too(big_store, qtbot):
    store, ids = big_store
    model = RunTableModel(store)
    t0 = time.perf_counter()
    model.set_filter(RunFilter(search="answer 99999 "))
    assert model.rowCount() >= 1 and model.rows[0]["output_head"].startswith("answer 99999")
    model.set_filter(RunFilter(status="error", model="model-1"))
    assert model.rowCount() == PAGE and all(r["status"] == "error" for r in model.rows)
    model.set_filter(RunFilter(search="cherry"))
    assert model.rowCount() == PAGE and model.canFetchMore()
    assert time.perf_counter() - t0 < 3.0
