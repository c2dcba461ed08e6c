"""Where the app keeps its data: one folder from platformdirs, overridable.

Order of precedence: an explicit ``--home`` argument, then ``PROMPT_WORKBENCH_HOME``,
then platformdirs' user data dir for ``prompt-workbench``.
"""

from __future__ import annotations

from common.i18n import _

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
        raise ConfigError(_('cannot create data folder {home}: {value}').format(home=home, value=exc.strerror or exc)) from exc
    if not home.is_dir():
        raise ConfigError(_('data folder {home} is not a folder').format(home=home))
    try:
        with tempfile.NamedTemporaryFile(dir=home, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise ConfigError(_('data folder {home} is not writable: {value}').format(home=home, value=exc.strerror or exc)) from exc
    return home
