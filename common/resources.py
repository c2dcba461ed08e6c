"""Where the data shipped with the app lives, found through importlib.resources.

The same code serves a source checkout, an editable install and a wheel: the files are
package data of the ``resources`` package (see pyproject.toml).
"""

from __future__ import annotations

from common.i18n import _

import os
from importlib.resources import files
from pathlib import Path

from common.errors import ConfigError


def resource_dir(*parts: str) -> Path:
    """A folder (or file) of shipped data, as a real path on disk."""
    root = files("resources").joinpath(*parts)
    try:
        return Path(os.fspath(root))  # type: ignore[arg-type]
    except TypeError:  # a zipped install: nothing here reads from archives
        raise ConfigError(_("the app's data folder {root} is not on disk; install Prompt Workbench unzipped").format(root=root)) from None
