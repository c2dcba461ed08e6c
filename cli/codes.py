"""Exit codes and the command registry the command modules write into.

Kept apart from ``cli.app`` so that command modules never import the app (no cycle),
and light: ``--help`` imports every command module, so none may import the engine
at module level.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_CANCELLED = 130
EXIT_INTERNAL = 70

Handler = Callable[[argparse.Namespace, Any], int]
COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def deco(fn: Handler) -> Handler:
        COMMANDS[name] = fn
        return fn

    return deco
