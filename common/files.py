"""Reading the small files a person hands us (YAML/JSON settings, policies, variables)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from common.errors import WorkbenchError


def load_yaml_file(path: str | Path, what: str, error: type[WorkbenchError] = WorkbenchError) -> Any:
    """Parse a UTF-8 YAML (or JSON) file; every failure is one line naming ``what``."""
    import yaml

    p = Path(path).expanduser()
    try:
        return yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise error(f"{what} not found: {p}") from exc
    except UnicodeDecodeError as exc:
        raise error(f"{what} {p} is not UTF-8 text") from exc
    except (OSError, yaml.YAMLError) as exc:
        raise error(f"cannot read {what} {p}: {str(exc).splitlines()[0]}") from exc
