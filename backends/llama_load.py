"""How a GGUF file is handed to llama.cpp: refusing first what would crash the app, and
loading it without llama-cpp-python's own chat formatter."""

from __future__ import annotations

from common.i18n import _

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from backends.gguf_info import GGUFInfo
from common.errors import ModelLoadError

# Header values that llama.cpp does not refuse but aborts the whole process on (GGML_ASSERT)
# or that llama-cpp-python turns into a huge allocation, measured with llama-cpp-python 0.3.36.
LLAMA_MAX_LAYERS = 512  # block_count 0 and 513 abort the load; 512 fails cleanly
MAX_TRAIN_CONTEXT = 2**26  # llama-cpp-python sizes every tokenize buffer by the trained context


def check_llama_limits(info: GGUFInfo) -> None:
    """Refuse, with our own error, a header llama.cpp would crash the app on."""
    def refuse(what: str) -> ModelLoadError:
        return ModelLoadError(_('{name}: {what}; llama.cpp would stop the whole app on it (damaged file?)').format(name=info.path.name, what=what))

    arch = info.architecture
    layers = info.block_count
    if f"{arch}.block_count" in info.metadata and layers is not None and not 1 <= layers <= LLAMA_MAX_LAYERS:
        raise refuse(f"{arch}.block_count is {layers:,}, outside 1 to {LLAMA_MAX_LAYERS}")
    experts = info.arch_key("expert_count", 0)
    used = info.arch_key("expert_used_count", 0)
    if type(experts) is int and type(used) is int and (used > experts or (experts > 0) != (used > 0)):
        raise refuse(f"it uses {used:,} of {experts:,} experts per token")
    ctx = info.context_length
    if ctx is not None and ctx > MAX_TRAIN_CONTEXT:
        raise refuse(f"{arch}.context_length is {ctx:,}, over {MAX_TRAIN_CONTEXT:,} tokens")


_progress = threading.local()


@contextmanager
def load_progress(report: Callable[[float], bool]) -> Iterator[None]:
    """While this block loads a model in this thread, llama.cpp calls ``report(fraction)``
    (0.0 to 1.0) as it reads the weights; ``report`` returning False stops the load
    (llama.cpp then fails it, and ``LlamaCppBackend.load`` raises ModelLoadError).

    ``llama_cpp.Llama`` takes no progress callback, but the model parameters it builds
    (``llama_model_params``) carry one (``progress_callback``); ``llama_class()`` sets it
    when the constructor assigns them."""
    _progress.report = report
    try:
        yield
    finally:
        _progress.report = None


def _progress_callback() -> object | None:
    report = getattr(_progress, "report", None)
    if report is None:
        return None
    import llama_cpp

    def call(fraction: float, _user_data: object) -> bool:
        try:
            return bool(report(float(fraction)))
        except Exception:  # noqa: BLE001 - a failing observer must not abort (or crash) the load
            return True

    return llama_cpp.llama_progress_callback(call)


@functools.cache
def llama_class() -> type:
    """``llama_cpp.Llama`` without its own chat formatter.

    ``Llama.__init__`` reads the model's metadata and compiles every
    ``tokenizer.chat_template*`` value into a ``Jinja2ChatFormatter`` at once, whatever
    ``chat_format`` says. Jinja folds constant expressions while compiling, and its
    sandbox has no limit on them, so a template whose only ``'x' * 10**10`` sits inside
    ``{% if false %}`` took 3.2 GB and ended in MemoryError during the load. We never
    call ``create_chat_completion`` (the template is rendered by backends/chat_template.py,
    in our sandbox with its limits), so this subclass keeps the chat templates out of the
    ``metadata`` the constructor assigns: it then finds none to compile.

    It also puts the :func:`load_progress` callback into the model parameters.
    """
    import llama_cpp

    class WorkbenchLlama(llama_cpp.Llama):
        @property
        def metadata(self) -> dict[str, str]:
            return self.__dict__.get("_workbench_metadata", {})

        @metadata.setter
        def metadata(self, value: dict[str, str]) -> None:
            self.__dict__["_workbench_metadata"] = {
                k: v for k, v in dict(value).items() if not k.startswith("tokenizer.chat_template")
            }

        @property
        def model_params(self) -> object:
            return self.__dict__["_workbench_model_params"]

        @model_params.setter
        def model_params(self, value: object) -> None:
            callback = _progress_callback()
            if callback is not None:
                value.progress_callback = callback  # type: ignore[attr-defined]
                self.__dict__["_workbench_progress"] = callback  # kept alive as long as the model
            self.__dict__["_workbench_model_params"] = value

    return WorkbenchLlama
