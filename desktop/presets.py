"""Named sampling presets: a few built in, the user's own in ``presets.json`` in the
data folder. Plain Python (no Qt), so it is tested without a window."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from backends.base import SamplingParams
from common.errors import ConfigError

BUILTIN: dict[str, SamplingParams] = {
    "Balanced": SamplingParams(),
    "Precise": SamplingParams(temperature=0.0, top_p=1.0, top_k=0, min_p=0.0, repeat_penalty=1.0),
    "Creative": SamplingParams(temperature=1.1, top_p=0.98, top_k=80, min_p=0.02, repeat_penalty=1.05),
}


class Presets:
    def __init__(self, home: Path):
        self.path = Path(home) / "presets.json"
        self.user: dict[str, SamplingParams] = self._read()

    def _read(self) -> dict[str, SamplingParams]:
        try:
            data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{self.path} is not valid JSON ({exc}); fix or delete it") from exc
        out = {}
        for name, d in data.get("presets", {}).items():
            try:
                out[name] = SamplingParams.from_dict(d)
            except Exception:  # a damaged entry is skipped, the rest still load  # noqa: BLE001
                continue
        return out

    def names(self) -> list[str]:
        return list(BUILTIN) + sorted(n for n in self.user if n not in BUILTIN)

    def get(self, name: str) -> SamplingParams | None:
        return self.user.get(name) or BUILTIN.get(name)

    def is_builtin(self, name: str) -> bool:
        return name in BUILTIN

    def save(self, name: str, params: SamplingParams) -> None:
        name = name.strip()
        if not name:
            raise ConfigError("a preset needs a name")
        if name in BUILTIN:
            raise ConfigError(f"{name} is a built-in preset; choose another name")
        self.user[name] = params
        self._write()

    def delete(self, name: str) -> None:
        if self.user.pop(name, None) is not None:
            self._write()

    def _write(self) -> None:
        data = {"schema_version": 1, "presets": {n: p.to_dict() for n, p in sorted(self.user.items())}}
        tmp = self.path.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            raise ConfigError(f"cannot save presets to {self.path}: {exc.strerror or exc}") from exc
