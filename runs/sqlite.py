"""The run log's connection: plain ``sqlite3`` with rows as dicts and checked names.

Why not sqlite-utils (which wrote this schema first): it imports pandas and numpy when
it is imported, 0.4-1 s before the CLI can print a line, and the store already writes
its own queries. What it gave us besides (create, insert, update, FTS set-up) is the
few methods here; the file stays an ordinary SQLite file that Datasette and the
sqlite-utils CLI read.

Table and column names are never taken from outside: every name used in an insert or
update is checked against the table's own columns, and quoted.
"""

from __future__ import annotations

from common.i18n import _

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def _dict_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> dict[str, Any]:
    return {d[0]: v for d, v in zip(cursor.description, row)}


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Log:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        conn.row_factory = _dict_row
        self._columns: dict[str, frozenset[str]] = {}

    # -- reading ------------------------------------------------------------------
    def query(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self.conn.execute(sql, list(args)).fetchall()

    def execute(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, list(args))

    def table_names(self) -> list[str]:
        return [r["name"] for r in self.query("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def columns(self, table: str) -> frozenset[str]:
        cols = self._columns.get(table)
        if cols is None:
            cols = frozenset(r["name"] for r in self.query(f"PRAGMA table_info({quote(table)})"))
            if not cols:
                raise sqlite3.OperationalError(_('no such table: {table}').format(table=table))
            self._columns[table] = cols
        return cols

    def count(self, table: str, where: str = "1 = 1", args: Sequence[Any] = ()) -> int:
        self.columns(table)
        return int(self.conn.execute(f"SELECT count(*) FROM {quote(table)} WHERE {where}", list(args)).fetchone()
                   ["count(*)"])

    # -- writing ------------------------------------------------------------------
    def _checked(self, table: str, names: Iterable[str]) -> list[str]:
        cols = self.columns(table)
        names = list(names)
        unknown = [n for n in names if n not in cols]
        if unknown:
            raise sqlite3.OperationalError(_('table {table} has no column named {value}').format(table=table, value=unknown[0]))
        return names

    def insert(self, table: str, row: Mapping[str, Any]) -> None:
        names = self._checked(table, row)
        self.conn.execute(
            f"INSERT INTO {quote(table)} ({', '.join(map(quote, names))}) VALUES ({', '.join('?' * len(names))})",
            [row[n] for n in names])

    def insert_all(self, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """Rows with the same keys as the first, in one statement each, in one transaction."""
        rows = list(rows)
        if not rows:
            return
        names = self._checked(table, rows[0])
        sql = f"INSERT INTO {quote(table)} ({', '.join(map(quote, names))}) VALUES ({', '.join('?' * len(names))})"
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")
        try:
            self.conn.executemany(sql, [[r.get(n) for n in names] for r in rows])
        except BaseException:
            if own:
                self.conn.execute("ROLLBACK")
            raise
        if own:
            self.conn.execute("COMMIT")

    def update(self, table: str, pk: Any, fields: Mapping[str, Any]) -> int:
        """Set ``fields`` on the row whose ``id`` is ``pk``; the number of rows changed."""
        if not fields:
            return 0
        names = self._checked(table, fields)
        cur = self.conn.execute(f"UPDATE {quote(table)} SET {', '.join(quote(n) + ' = ?' for n in names)} WHERE id = ?",
                                [*(fields[n] for n in names), pk])
        return cur.rowcount

    def script(self, sql: str) -> None:
        """Run ``sql`` statement by statement, inside the caller's transaction (sqlite3's
        ``executescript`` would commit first)."""
        statement = ""
        for piece in sql.split(";"):
            statement += piece + ";"
            if sqlite3.complete_statement(statement):  # a ";" inside quotes or a trigger body is not the end
                if statement.strip().rstrip(";").strip():
                    self.conn.execute(statement)
                statement = ""
        if statement.strip().rstrip(";").strip():
            self.conn.execute(statement)
        self._columns.clear()
