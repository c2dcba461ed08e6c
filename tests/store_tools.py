"""Looking at a run log from outside, as another program would (Datasette, sqlite-utils).

Tests read and seed the file through their own connection, never the Store's. The one
exception is ``store_connection``: to make the Store's own writes fail the way a
read-only remount does, a test must set ``query_only`` on the connection it writes with.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils


def open_log(store) -> sqlite_utils.Database:
    """A second connection to the store's file."""
    conn = sqlite3.connect(store.path, timeout=5, isolation_level=None)
    return sqlite_utils.Database(conn)


def store_connection(store):
    """The Store's own connection (only to simulate a disk that refuses writes)."""
    return store._db  # noqa: SLF001 - see the module docstring
