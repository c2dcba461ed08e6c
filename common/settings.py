"""User settings: a Qt-free, versioned JSON file in the data folder.

QSettings keeps only window geometry and splitter positions; everything the engine
needs lives here so the CLI and the window agree.
"""

from __future__ import annotations

from common.i18n import _

import json
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from common.errors import ConfigError

SCHEMA_VERSION = 1
DEFAULT_MODEL_DIRS = ["~/models", "~/.lmstudio/models", "~/.cache/lm-studio/models", "~/.cache/huggingface/hub"]


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    schema_version: int = SCHEMA_VERSION
    model_dirs: list[str] = Field(default_factory=lambda: list(DEFAULT_MODEL_DIRS))
    default_model: str | None = None
    n_ctx: int = 4096
    n_threads: int | None = None
    gpu_layers: int = 0
    flash_attn: bool = False  # llama.cpp's flash attention, for runs that do not say (--flash-attn, the window)
    language: str | None = None  # None: follow the system locale
    models: list[str] = Field(default_factory=list)  # GGUF files and folders added by hand (the window's list)
    theme: str | None = None  # "light", "dark" or None (follow the system)

    @classmethod
    def load(cls, home: Path) -> Settings:
        path = home / "settings.json"
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise ConfigError(_('{path} is not valid JSON ({exc}); fix or delete it').format(path=path, exc=exc)) from exc
        try:
            return cls.model_validate(_migrate(data))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ConfigError(f"{path}: {where}: {first['msg']}") from exc

    def save(self, home: Path) -> None:
        path = home / "settings.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(self.model_dump_json(indent=2), encoding="utf-8")
        os.replace(tmp, path)


def _migrate(data: dict) -> dict:
    """Bring an older settings file up to SCHEMA_VERSION (none older exists yet)."""
    if not isinstance(data, dict):
        raise ConfigError(_('settings.json must hold a JSON object'))
    data.setdefault("schema_version", SCHEMA_VERSION)
    return data
