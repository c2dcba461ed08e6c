"""The engine a front end gets: the store, the model registry, the backend pool and
the pipeline, built once by the composition root (``main.py``) or by a test."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backends.pool import BackendPool
from backends.registry import Registry
from common.paths import data_home
from common.settings import Settings
from runs.pipeline import Pipeline
from runs.store import Store


@dataclass
class Engine:
    home: Path
    store: Store
    registry: Registry
    pool: BackendPool
    pipeline: Pipeline
    settings: Settings

    @classmethod
    def open(cls, home: str | Path | None = None, *, pool: BackendPool | None = None,
             search_dirs: list[str | Path] | None = None) -> Engine:
        root = data_home(home)
        settings = Settings.load(root)
        store = Store(root / "runs.db")  # migrations run here, once
        registry = Registry(root, search_dirs if search_dirs is not None else list(settings.model_dirs))
        pool = pool or BackendPool()
        return cls(root, store, registry, pool, Pipeline(store, registry, pool), settings)

    def close(self) -> None:
        self.pool.unload_all()
        self.store.close()
