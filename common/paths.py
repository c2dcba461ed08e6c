"""Where the app keeps its data: one folder from platformdirs, overridable.

Order of precedence: an explicit ``--home`` argument, then ``PROMPT_WORKBENCH_HOME``,
then platformdirs' user data dir for ``prompt-workbench``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

from common.errors import ConfigError

APP_NAME = "prompt-workbench"
ENV_HOME = "PROMPT_WORKBENCH_HOME"


def data_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder, created and checked writable."""
    if explicit:
        home = Path(explicit).expanduser()
    elif os.environ.get(ENV_HOME):
        home = Path(os.environ[ENV_HOME]).expanduser()
    else:
        home = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create data folder {home}: {exc.strerror or exc}") from exc
    if not home.is_dir():
        raise ConfigError(f"data folder {home} is not a folder")
    try:
        with tempfile.NamedTemporaryFile(dir=home, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise ConfigError(f"data folder {home} is not writable: {exc.strerror or exc}") from exc
    return home
