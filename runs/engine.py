"""The engine a front end gets: the store, the model registry, the backend pool and
the pipeline, built once by the composition root (``main.py``) or by a test.

The store, registry and settings are opened at once (a bad data folder fails before
anything else); the pool and the pipeline, which import llama.cpp, guidance and the
guard checks, are built the first time something runs, so ``runs`` or ``show`` start
in a fraction of a second.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from backends.registry import Registry
from common.paths import data_home
from common.settings import Settings
from runs.store import Store

if TYPE_CHECKING:
    from backends.pool import BackendPool
    from runs.pipeline import Pipeline


class Engine:
    def __init__(self, home: Path, store: Store, registry: Registry, settings: Settings,
                 pool: BackendPool | None = None):
        self.home = home
        self.store = store
        self.registry = registry
        self.settings = settings
        self._pool = pool

    @classmethod
    def open(cls, home: str | Path | None = None, *, pool: BackendPool | None = None,
             search_dirs: list[str | Path] | None = None) -> Engine:
        root = data_home(home)
        settings = Settings.load(root)
        store = Store(root / "runs.db")  # migrations run here, once
        registry = Registry(root, search_dirs if search_dirs is not None else list(settings.model_dirs))
        return cls(root, store, registry, settings, pool)

    @property
    def pool(self) -> BackendPool:
        if self._pool is None:
            from backends.pool import BackendPool

            self._pool = BackendPool()
        return self._pool

    @cached_property
    def pipeline(self) -> Pipeline:
        from runs.pipeline import Pipeline

        return Pipeline(self.store, self.registry, self.pool)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.unload_all()
        self.store.close()
