"""Keeps loaded models and reuses them while their load parameters are unchanged.

By default two llama.cpp models are held (a model and its judge); asking for a
third model or different load parameters loads the new one, then closes the old
one, so a model that fails to load leaves the previous one usable.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backends.llama_cpp import LlamaLoadParams


class BackendPool:
    def __init__(self, max_loaded: int = 2, factory: Callable[[LlamaLoadParams], Any] | None = None):
        self.max_loaded = max(1, max_loaded)
        if factory is None:
            from backends.llama_cpp import LlamaCppBackend

            factory = LlamaCppBackend
        self._factory = factory
        self._loaded: OrderedDict[LlamaLoadParams, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, factory: Callable[[], Any]) -> Any:
        """The backend for ``key``, built and loaded by ``factory`` if it is not held."""
        with self._lock:
            backend = self._loaded.get(key)
            if backend is not None:
                self._loaded.move_to_end(key)
                return backend
            backend = factory()  # validates params and the file; may raise
            # load before evicting: if the new model fails, the previous one stays usable
            backend.load()
            while len(self._loaded) >= self.max_loaded:
                _, old = self._loaded.popitem(last=False)
                old.close()
            self._loaded[key] = backend
            return backend

    def llama(self, params: LlamaLoadParams) -> Any:
        key = params.resolved()
        return self.get(key, lambda: self._factory(key))

    def current(self) -> Any | None:
        with self._lock:
            return next(reversed(self._loaded.values()), None)

    def unload_all(self) -> None:
        with self._lock:
            while self._loaded:
                _, b = self._loaded.popitem()
                b.close()
