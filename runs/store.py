"""The run log: one SQLite file (``runs.db``, WAL mode), and every query made of it.

Nothing outside this module touches the connection: the window, the CLI, the batch
runner and the reports call the methods here. The file stays readable by Datasette and
the sqlite-utils CLI (``runs/sqlite.py`` says why we no longer import sqlite-utils).
It is longer than our other modules (~450 lines) on purpose: the store owns every
query of the log, so runs, checks, templates, experiments and their cells are all here,
each a short method. Every public method takes the store's lock, so the window's worker thread and its view can
share one Store. Failures become StoreError with one line saying what to do.
"""

from __future__ import annotations

from common.i18n import _

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ulid import ULID

from backends.logprobs import TokenTrace
from common.errors import ExperimentNotFoundError, RunNotFoundError, StoreError
from runs import liveness, migrations
from runs.sqlite import Log

BUSY_TIMEOUT_S = 3.0
TERMINAL = ("ok", "error", "cancelled", "blocked", "interrupted")
RUN_DONE = ("ok", "error", "blocked")  # an experiment cell with a run in one of these is not run again
CHECK_COLUMNS = "c.run_id, c.stage, c.name, c.verdict, c.score, c.message, r.parent_id, r.cell_key"


def utcnow() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def new_id() -> str:
    return str(ULID())


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._db = self._open()
        self.applied = self._migrate()
        self.recovered = self.mark_interrupted()

    # -- opening ----------------------------------------------------------------
    def _open(self) -> Log:
        where = self.path.parent
        if not where.exists():
            raise StoreError(_('the folder {where} for the run log does not exist').format(where=where))
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise self._explain(exc) from exc
        return Log(conn)

    def _explain(self, exc: sqlite3.Error) -> StoreError:
        msg = str(exc)
        if "file is not a database" in msg or "malformed" in msg:
            return StoreError(
                _('{path} is not an SQLite run log (or is damaged); move it aside and start again, it was left untouched').format(path=self.path)
            )
        if "locked" in msg or "busy" in msg:
            return StoreError(_('the run log {path} is locked by another process; close it and try again').format(path=self.path))
        if "disk is full" in msg or "database or disk is full" in msg:
            return StoreError(_('the disk holding the run log {path} is full; free some space and try again (what was recorded before is kept)').format(path=self.path))
        if "readonly" in msg or "unable to open" in msg or "disk I/O" in msg:
            return StoreError(_("the run log {path} cannot be written ({msg}); check the folder's permissions and free space").format(path=self.path, msg=msg))
        return StoreError(_('run log error in {path}: {msg}').format(path=self.path, msg=msg))

    @contextmanager
    def _guard(self) -> Iterator[None]:
        with self._lock:
            try:
                yield
            except sqlite3.Error as exc:
                raise self._explain(exc) from exc

    def _migrate(self) -> list[str]:
        with self._guard():
            return migrations.apply(self._db, path=self.path)

    def close(self) -> None:
        with self._lock:
            self._db.conn.close()

    def _by_id(self, table: str, ident: str, missing: type[StoreError], noun: str) -> dict[str, Any]:
        """A row by its id or a unique id prefix of 4+ characters, as git accepts."""
        with self._guard():
            rows = list(self._db.query(f"SELECT * FROM {table} WHERE id = ?", [ident]))
            if not rows and len(ident) >= 4:
                rows = list(self._db.query(f"SELECT * FROM {table} WHERE id LIKE ? LIMIT 2", [ident.upper() + "%"]))
                if len(rows) > 1:
                    raise missing(f"{noun} id prefix {ident!r} is ambiguous; give more characters")
        if not rows:
            raise missing(f"no {noun} with id {ident!r} in {self.path}")
        return rows[0]

    # -- recovery ---------------------------------------------------------------
    def mark_interrupted(self) -> int:
        """Runs left ``running`` by a process that is gone are marked ``interrupted``."""
        with self._guard():
            rows = list(self._db.query("SELECT id, pid, proc_start FROM runs WHERE status = 'running'"))
            dead = [r["id"] for r in rows if not liveness.alive(r["pid"], r["proc_start"])]
            for rid in dead:
                self._db.update("runs", rid, {"status": "interrupted", "error": "the process ended before this run finished", "finished_utc": utcnow()})
            return len(dead)

    # -- models -----------------------------------------------------------------
    def upsert_model(self, summary: dict[str, Any], metadata: dict[str, Any] | None = None) -> str:
        import hashlib

        model_id = summary.get("sha256") or hashlib.sha256(str(summary.get("path")).encode()).hexdigest()
        row = {
            "id": model_id,
            "path": summary.get("path"),
            "sha256": summary.get("sha256"),
            "name": summary.get("name"),
            "architecture": summary.get("architecture"),
            "parameters": summary.get("parameters"),
            "quantization": summary.get("quantization"),
            "context_length": summary.get("context_length"),
            "layers": summary.get("layers"),
            "chat_template": summary.get("chat_template_text"),
            "metadata_json": json.dumps(_jsonable(metadata or {}), ensure_ascii=False),
        }
        with self._guard():
            existing = self._db.count("models", "id = ?", [model_id])
            if not existing:
                row["first_seen_utc"] = utcnow()
                self._db.insert("models", row)
            else:
                self._db.update("models", model_id, {"path": row["path"], "name": row["name"]})
        return model_id

    # -- runs -------------------------------------------------------------------
    def start_run(self, row: dict[str, Any]) -> str:
        """Insert a run as ``running`` before generation starts; return its id."""
        rid = row.get("id") or new_id()
        data = {k: _encode(v) for k, v in row.items()}
        data.update(id=rid, status="running", started_utc=data.get("started_utc") or utcnow(), pid=os.getpid(),
                    proc_start=liveness.this_process_start())
        with self._guard():
            self._db.insert("runs", data)
        return rid

    def finish_run(self, run_id: str, fields: dict[str, Any]) -> None:
        data = {k: _encode(v) for k, v in fields.items()}
        data.setdefault("finished_utc", utcnow())
        with self._guard():
            self._db.update("runs", run_id, data)

    def update_run(self, run_id: str, fields: dict[str, Any]) -> None:
        data = {k: _encode(v) for k, v in fields.items()}
        with self._guard():
            if not self._db.update("runs", run_id, data):  # not a whole id: a unique prefix, or an error
                self._db.update("runs", self.get_run(run_id)["id"], data)

    def get_run(self, run_id: str) -> dict[str, Any]:
        """By id or a unique id prefix (4+ characters)."""
        return self._by_id("runs", run_id, RunNotFoundError, "run")

    def children(self, parent_id: str) -> list[dict[str, Any]]:
        with self._guard():
            return list(self._db.query("SELECT * FROM runs WHERE parent_id = ? ORDER BY id", [parent_id]))

    def list_runs(
        self,
        *,
        search: str | None = None,
        model: str | None = None,
        status: str | None = None,
        since_utc: str | None = None,
        until_utc: str | None = None,
        starred: bool | None = None,
        checks: str | None = None,
        before_id: str | None = None,
        limit: int = 50,
        run_source: str | None = None,
        columns: Iterable[str] = ("id", "started_utc", "status", "model_name", "mode", "pattern", "finish_reason",
                                  "completion_tokens", "decode_tps", "ttft_ms", "starred", "tags", "parent_id"),
        with_snippets: bool = True,
    ) -> list[dict[str, Any]]:
        """Newest first, one page at a time (keyset paging with ``before_id``).

        ``checks``: ``"has"`` (any check ran), ``"fail"`` (any check failed) or
        ``"fail:<name>"`` (that check failed). Order is insertion order (rowid), newest first. With a search term the rows come
        from the FTS index walked backwards, so a word found in most runs still returns
        its first page in about a millisecond instead of sorting every match.
        """
        cols = ", ".join(f"runs.{c}" for c in columns)
        if with_snippets:
            cols += ", substr(runs.output, 1, 200) AS output_head, substr(runs.sent_text, -200) AS sent_tail"
        where, args = ["1=1"], []
        source = "runs"
        order = "runs.rowid DESC"
        if search and search.strip():
            term = search.strip()
            if len(term) >= 3:
                source = "runs_fts JOIN runs ON runs.rowid = runs_fts.rowid"
                where.append("runs_fts MATCH ?")
                args.append(_fts_phrase(term))
                order = "runs_fts.rowid DESC"
            else:  # trigram needs 3 characters; short terms scan
                where.append("(instr(runs.output, ?) > 0 OR instr(runs.sent_text, ?) > 0)")
                args += [term, term]
        if model:
            where.append("runs.model_name = ?")
            args.append(model)
        if status:
            where.append("runs.status = ?")
            args.append(status)
        if since_utc:
            where.append("runs.started_utc >= ?")
            args.append(since_utc)
        if until_utc:
            where.append("runs.started_utc < ?")
            args.append(until_utc)
        if starred is not None:
            where.append("runs.starred = ?")
            args.append(1 if starred else 0)
        if run_source:  # where the run came from: a chat, a template run, an experiment cell, a branch
            not_branch = "runs.stage IS NOT 'branch'"
            clause = {"experiment": "runs.experiment_id IS NOT NULL",
                      "template": f"runs.experiment_id IS NULL AND runs.template_id IS NOT NULL AND {not_branch}",
                      "branch": "runs.experiment_id IS NULL AND runs.stage = 'branch'",
                      "chat": f"runs.experiment_id IS NULL AND runs.template_id IS NULL AND {not_branch}"}.get(run_source)
            if clause is None:
                raise StoreError(_('unknown run source {run_source!r}; use chat, template, experiment or branch').format(
                    run_source=run_source))
            where.append(clause)
        if checks:
            sub = "EXISTS (SELECT 1 FROM checks c WHERE c.run_id = runs.id"
            if checks == "has":
                where.append(sub + ")")
            elif checks == "fail":
                where.append(sub + " AND c.verdict = 'fail')")
            elif checks.startswith("fail:"):
                where.append(sub + " AND c.verdict = 'fail' AND c.name = ?)")
                args.append(checks[5:])
            else:
                raise StoreError(_('unknown checks filter {checks!r}; use has, fail or fail:<name>').format(checks=checks))
        if before_id:
            where.append("runs.rowid < (SELECT rowid FROM runs WHERE id = ?)")
            args.append(before_id)
        sql = f"SELECT {cols} FROM {source} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?"
        args.append(int(limit))
        with self._guard():
            return list(self._db.query(sql, args))

    def check_names(self) -> list[str]:
        """Names of the checks recorded in the log (an index makes this instant)."""
        with self._guard():
            return [r["name"] for r in self._db.query("SELECT DISTINCT name FROM checks WHERE name IS NOT NULL ORDER BY 1")]

    def count_runs(self) -> int:
        with self._guard():
            return self._db.count("runs")

    def distinct(self, column: str) -> list[str]:
        if column not in ("model_name", "status", "backend", "pattern"):
            raise StoreError(_('cannot list distinct values of {column}').format(column=column))
        with self._guard():
            return [r[column] for r in self._db.query(f"SELECT DISTINCT {column} FROM runs WHERE {column} IS NOT NULL ORDER BY 1")]

    def merge_extra(self, run_id: str, key: str, value: Any) -> None:
        """Set ``extra[key]`` of a run in one statement (the rest of its extra is kept)."""
        with self._guard():
            cur = self._db.execute(
                "UPDATE runs SET extra_json = json_set(CASE WHEN json_valid(extra_json) THEN extra_json ELSE '{}' END, "
                "?, json(?)) WHERE id = ?", ["$." + key, json.dumps(_jsonable(value), ensure_ascii=False), run_id])
            if cur.rowcount == 0:
                raise RunNotFoundError(_('no run with id {run_id!r} in {path}').format(run_id=run_id, path=self.path))

    def set_starred(self, run_id: str, starred: bool) -> None:
        self.update_run(run_id, {"starred": 1 if starred else 0})

    def set_tags(self, run_id: str, tags: Iterable[str]) -> None:
        clean = sorted({t.strip() for t in tags if t.strip()})
        self.update_run(run_id, {"tags": ",".join(clean)})

    def set_note(self, run_id: str, note: str) -> None:
        self.update_run(run_id, {"note": note})

    # -- checks -----------------------------------------------------------------
    def add_checks(self, run_id: str, stage: str, results: Iterable[dict[str, Any]]) -> None:
        rows = _check_rows(run_id, stage, results)
        if rows:
            with self._guard():
                self._db.insert_all("checks", rows)

    def replace_checks(self, run_id: str, stage: str, names: Iterable[str], results: Iterable[dict[str, Any]]) -> None:
        """Drop the run's ``stage`` checks called ``names`` and add ``results``, in one transaction
        (a person changing a label keeps one label of each kind)."""
        names, rows = list(names), _check_rows(run_id, stage, results)
        with self._guard():
            if not self._db.count("runs", "id = ?", [run_id]):
                raise RunNotFoundError(f"no run with id {run_id!r} in {self.path}")
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for name in names:
                    self._db.execute("DELETE FROM checks WHERE run_id = ? AND stage = ? AND name = ?",
                                     [run_id, stage, name])
                self._db.insert_all("checks", rows)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def checks_for(self, run_id: str) -> list[dict[str, Any]]:
        with self._guard():
            return list(self._db.query("SELECT * FROM checks WHERE run_id = ? ORDER BY id", [run_id]))

    # -- templates --------------------------------------------------------------
    def ensure_template(self, template_id: str, name: str, body_yaml: str) -> None:
        """Store a template version once (its id is its content hash), numbered after
        the versions of that name already stored."""
        with self._guard():
            if not self._db.count("templates", "id = ?", [template_id]):
                version = self._db.count("templates", "name = ?", [name]) + 1
                self._db.insert("templates", 
                    {"id": template_id, "name": name, "version": version, "body_yaml": body_yaml, "created_utc": utcnow()}
                )

    # -- template labels and version messages (m007) ------------------------------
    def move_template_label(self, name: str, label: str, template_id: str, body_yaml: str) -> str | None:
        """Point ``name@label`` at a version (stored, so the label outlives the files); the move is
        recorded. Returns the version it pointed at before (None: a new label)."""
        now = utcnow()
        self.ensure_template(template_id, name, body_yaml)
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                rows = self._db.query('SELECT template_id FROM template_labels WHERE name = ? AND label = ?',
                                      [name, label])
                previous = rows[0]["template_id"] if rows else None
                self._db.execute(
                    'INSERT INTO template_labels (name, label, template_id, moved_utc) VALUES (?, ?, ?, ?) '
                    'ON CONFLICT (name, label) DO UPDATE SET template_id = excluded.template_id, '
                    'moved_utc = excluded.moved_utc', [name, label, template_id, now])
                self._db.execute(
                    'INSERT INTO template_label_moves (name, label, template_id, previous_id, moved_utc) '
                    'VALUES (?, ?, ?, ?, ?)', [name, label, template_id, previous, now])
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        return previous

    def template_label(self, name: str, label: str) -> dict[str, Any] | None:
        """``{template_id, body_yaml, moved_utc}`` of ``name@label``, or None."""
        with self._guard():
            rows = list(self._db.query(
                'SELECT l.template_id, l.moved_utc, t.body_yaml FROM template_labels l '
                'LEFT JOIN templates t ON t.id = l.template_id WHERE l.name = ? AND l.label = ?', [name, label]))
        return rows[0] if rows else None

    def template_labels(self, name: str) -> list[dict[str, Any]]:
        with self._guard():
            return list(self._db.query('SELECT label, template_id, moved_utc FROM template_labels WHERE name = ? '
                                       'ORDER BY label', [name]))

    def template_label_moves(self, name: str, label: str | None = None) -> list[dict[str, Any]]:
        """The label's moves, oldest first (all labels of ``name`` when ``label`` is None)."""
        where, args = ("name = ? AND label = ?", [name, label]) if label else ("name = ?", [name])
        with self._guard():
            return list(self._db.query(f'SELECT label, template_id, previous_id, moved_utc FROM '
                                       f'template_label_moves WHERE {where} ORDER BY id', args))

    def set_template_message(self, template_id: str, name: str, message: str) -> None:
        with self._guard():
            self._db.execute(
                'INSERT INTO template_messages (template_id, name, message, created_utc) VALUES (?, ?, ?, ?) '
                'ON CONFLICT (template_id) DO UPDATE SET message = excluded.message',
                [template_id, name, message, utcnow()])

    def template_messages(self, name: str) -> dict[str, str]:
        """version id -> message, for the versions of ``name`` that have one."""
        with self._guard():
            return {r["template_id"]: r["message"] for r in self._db.query(
                'SELECT template_id, message FROM template_messages WHERE name = ?', [name])}

    # -- conversations (saved chats) -------------------------------------------------
    def create_conversation(self, title: str, model_name: str | None = None,
                            settings: dict[str, Any] | None = None) -> str:
        """A new saved chat (its runs join it with :meth:`add_to_conversation`); return its id."""
        cid, now = new_id(), utcnow()
        with self._guard():
            self._db.insert("conversations", {"id": cid, "title": bound_title(title), "model_name": model_name,
                                              "settings_json": _encode(settings or {}), "created_utc": now,
                                              "updated_utc": now})
        return cid

    def add_to_conversation(self, conversation_id: str, run_id: str, model_name: str | None = None) -> None:
        """Put a logged run (and its child runs) at the end of a conversation."""
        with self._guard():
            if not self._db.count("conversations", "id = ?", [conversation_id]):
                raise StoreError(_('no saved chat with id {conversation_id!r} in {path}').format(conversation_id=conversation_id, path=self.path))
            self._db.execute("UPDATE runs SET conversation_id = ? WHERE id = ? OR parent_id = ?",
                             [conversation_id, run_id, run_id])
            fields: dict[str, Any] = {"updated_utc": utcnow()}
            if model_name:
                fields["model_name"] = model_name
            self._db.update("conversations", conversation_id, fields)

    def get_conversation(self, conversation_id: str) -> dict[str, Any]:
        return self._by_id("conversations", conversation_id, StoreError, "saved chat")

    def conversation_runs(self, conversation_id: str) -> list[dict[str, Any]]:
        """A conversation's answers in the order they ran: its top-level runs and the branches
        made from them (an answer's alternatives; a pattern's stage runs are not answers)."""
        with self._guard():
            return list(self._db.query(
                "SELECT * FROM runs WHERE conversation_id = ? AND (parent_id IS NULL OR stage = 'branch') "
                "ORDER BY rowid", [conversation_id]))

    def list_conversations(self, search: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        """Saved chats, most recently used first, with their run count. ``search`` matches
        the title, or any sent text or answer of their runs (through the FTS index)."""
        cols = ("c.id, c.title, c.model_name, c.created_utc, c.updated_utc, "
                "(SELECT count(*) FROM runs r WHERE r.conversation_id = c.id AND r.parent_id IS NULL) AS runs")
        where, args = "1=1", []
        term = (search or "").strip()
        if term:
            if len(term) >= 3:
                where = ("(instr(lower(c.title), lower(?)) > 0 OR c.id IN (SELECT runs.conversation_id FROM runs_fts "
                         "JOIN runs ON runs.rowid = runs_fts.rowid WHERE runs_fts MATCH ? "
                         "AND runs.conversation_id IS NOT NULL))")
                args = [term, _fts_phrase(term)]
            else:
                where = ("(instr(lower(c.title), lower(?)) > 0 OR c.id IN (SELECT conversation_id FROM runs WHERE "
                         "conversation_id IS NOT NULL AND (instr(output, ?) > 0 OR instr(sent_text, ?) > 0)))")
                args = [term, term, term]
        with self._guard():
            return list(self._db.query(f"SELECT {cols} FROM conversations c WHERE {where} "
                                       f"ORDER BY c.updated_utc DESC, c.id DESC LIMIT ?", [*args, int(limit)]))

    def rename_conversation(self, conversation_id: str, title: str) -> str:
        """Rename a saved chat; returns the title kept (bounded to TITLE_MAX characters)."""
        kept = bound_title(title)
        with self._guard():
            if not self._db.update("conversations", conversation_id, {"title": kept}):
                raise StoreError(_('no saved chat with id {conversation_id!r} in {path}').format(conversation_id=conversation_id, path=self.path))
        return kept

    def set_conversation_settings(self, conversation_id: str, settings: dict[str, Any]) -> None:
        with self._guard():
            self._db.update("conversations", conversation_id, {"settings_json": _encode(settings)})

    def delete_conversation(self, conversation_id: str) -> None:
        """Delete a saved chat. Its runs stay in the run log (History), no longer grouped."""
        with self._guard():
            self._db.execute("UPDATE runs SET conversation_id = NULL WHERE conversation_id = ?", [conversation_id])
            self._db.execute("DELETE FROM conversations WHERE id = ?", [conversation_id])

    def model_file(self, model_id: str | None = None, sha256: str | None = None) -> dict[str, Any] | None:
        """A model recorded in the log, by id or by file hash (for reopening a run)."""
        with self._guard():
            rows = list(self._db.query("SELECT id, path, sha256, name FROM models WHERE id = ? OR sha256 = ? LIMIT 1",
                                       [model_id or "", sha256 or ""]))
        return rows[0] if rows else None

    # -- experiments --------------------------------------------------------------
    def create_experiment(self, row: dict[str, Any]) -> str:
        """Record an experiment as ``running`` in this process; return its id."""
        eid = row.get("id") or new_id()
        data = {k: _encode(v) for k, v in row.items()}
        data.update(id=eid, status="running", created_utc=data.get("created_utc") or utcnow(), pid=os.getpid(),
                    proc_start=liveness.this_process_start())
        with self._guard():
            self._db.insert("experiments", data)
        return eid

    def get_experiment(self, experiment_id: str) -> dict[str, Any]:
        """By id or a unique id prefix; a ``running`` one whose process is gone reads ``interrupted``."""
        return _alive(self._by_id("experiments", experiment_id, ExperimentNotFoundError, "experiment"))

    def list_experiments(self, limit: int = 50) -> list[dict[str, Any]]:
        with self._guard():
            rows = list(self._db.query("SELECT * FROM experiments ORDER BY id DESC LIMIT ?", [int(limit)]))
        return [_alive(r) for r in rows]

    def find_resumable(self, config_hash: str) -> dict[str, Any] | None:
        """The newest unfinished experiment with this exact config, if any."""
        with self._guard():
            rows = list(self._db.query(
                "SELECT * FROM experiments WHERE config_hash = ? AND status != 'done' ORDER BY id DESC LIMIT 1",
                [config_hash]))
        return _alive(rows[0]) if rows else None

    def set_experiment_status(self, experiment_id: str, status: str, **fields: Any) -> None:
        """``running`` claims the experiment for this process; any other status ends it now."""
        data: dict[str, Any] = {"status": status, **fields}
        if status == "running":
            data.update(pid=os.getpid(), proc_start=liveness.this_process_start(), finished_utc=None)
        else:
            data["finished_utc"] = utcnow()
        with self._guard():
            self._db.update("experiments", experiment_id, data)

    def finished_cells(self, experiment_id: str) -> dict[str, str]:
        """cell key -> run id of the cells that finished (the latest finished run of each)."""
        marks = ",".join("?" * len(RUN_DONE))
        with self._guard():
            rows = self._db.query(
                f"SELECT cell_key, id FROM runs WHERE experiment_id = ? AND parent_id IS NULL AND status IN ({marks}) "
                f"AND cell_key IS NOT NULL ORDER BY id", [experiment_id, *RUN_DONE])
            return {r["cell_key"]: r["id"] for r in rows}

    def asserted_runs(self, experiment_id: str) -> set[str]:
        """Ids of the experiment's runs that have assertion results."""
        with self._guard():
            return {r["run_id"] for r in self._db.query(
                "SELECT DISTINCT c.run_id FROM checks c JOIN runs r ON r.id = c.run_id "
                "WHERE r.experiment_id = ? AND c.stage = 'assertion'", [experiment_id])}

    def cell_runs(self, experiment_id: str, columns: Iterable[str]) -> list[dict[str, Any]]:
        """The top-level runs of an experiment's cells, oldest first."""
        cols = ", ".join(columns)
        with self._guard():
            return list(self._db.query(
                f"SELECT {cols} FROM runs WHERE experiment_id = ? AND parent_id IS NULL AND cell_key IS NOT NULL "
                f"ORDER BY id", [experiment_id]))

    def experiment_checks(self, experiment_id: str) -> list[dict[str, Any]]:
        """Every check of an experiment's runs (their child runs included), with the run's parent and cell."""
        with self._guard():
            return list(self._db.query(
                f"SELECT {CHECK_COLUMNS} FROM checks c JOIN runs r ON r.id = c.run_id WHERE r.experiment_id = ? "
                f"ORDER BY c.id", [experiment_id]))

    def checks_of_runs(self, run_ids: list[str]) -> list[dict[str, Any]]:
        """Every check of these runs and of their child runs, with the run's parent and cell."""
        rows: list[dict[str, Any]] = []
        with self._guard():
            for i in range(0, len(run_ids), 500):
                chunk = run_ids[i:i + 500]
                marks = ",".join("?" * len(chunk))
                rows += list(self._db.query(
                    f"SELECT {CHECK_COLUMNS} FROM checks c JOIN runs r ON r.id = c.run_id WHERE c.run_id IN ({marks}) "
                    f"OR r.parent_id IN ({marks}) ORDER BY c.id", chunk + chunk))
        return rows

    def template_experiments(self, template_id: str) -> list[dict[str, Any]]:
        """The experiments whose cells used this template version, oldest first, with how many
        top-level runs each made with it."""
        with self._guard():
            return list(self._db.query(
                "SELECT e.id, e.name, e.created_utc, e.status, COUNT(r.id) AS runs FROM runs r "
                "JOIN experiments e ON e.id = r.experiment_id WHERE r.template_id = ? AND r.parent_id IS NULL "
                "GROUP BY e.id ORDER BY e.id", [template_id]))

    def template_names(self, template_ids: Iterable[str]) -> dict[str, str]:
        """template id -> name, for the ids stored."""
        ids = list(set(template_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._guard():
            return {t["id"]: t["name"] for t in self._db.query(
                f"SELECT id, name FROM templates WHERE id IN ({marks})", ids)}

    # -- arena --------------------------------------------------------------------
    ARENA_OUTCOMES = ("left", "right", "tie", "both_bad")

    def add_arena_vote(self, vote: dict[str, Any]) -> int:
        """Record one arena vote (who was left, who right, the outcome, the voter); return its id."""
        if vote.get("outcome") not in self.ARENA_OUTCOMES:
            raise StoreError(_('an arena vote is one of {ARENA_OUTCOMES}, not {outcome!r}').format(ARENA_OUTCOMES=', '.join(self.ARENA_OUTCOMES), outcome=vote.get('outcome')))
        if not vote.get("left_column") or not vote.get("right_column") or vote["left_column"] == vote["right_column"]:
            raise StoreError(_('an arena vote needs two different variants, one on each side'))
        cols = ("experiment_id", "row_index", "left_column", "right_column", "left_label", "right_label",
                "left_run_id", "right_run_id", "outcome", "voter", "raw")
        row = {k: vote.get(k) for k in cols}
        row["voter"] = row["voter"] or "human"
        row["tags"] = ",".join(sorted({str(t).strip() for t in vote.get("tags") or () if str(t).strip()}))
        row["created_utc"] = utcnow()
        with self._guard():
            cur = self._db.execute(
                f"INSERT INTO arena_votes ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
            return int(cur.lastrowid or 0)

    def arena_votes(self, experiment_id: str, voter: str | None = None) -> list[dict[str, Any]]:
        """An experiment's arena votes, oldest first (``voter``: "human", a judge's "judge:<model>",
        or "judge" for every judge)."""
        sql, args = "SELECT * FROM arena_votes WHERE experiment_id = ?", [experiment_id]
        if voter == "judge":
            sql += " AND voter LIKE 'judge:%'"
        elif voter:
            sql += " AND voter = ?"
            args.append(voter)
        with self._guard():
            rows = list(self._db.query(sql + " ORDER BY id", args))
        for r in rows:
            r["tags"] = [t for t in (r.get("tags") or "").split(",") if t]
        return rows

    def delete_arena_vote(self, vote_id: int) -> None:
        """Undo one vote."""
        with self._guard():
            self._db.execute("DELETE FROM arena_votes WHERE id = ?", [int(vote_id)])

    # -- token probabilities ------------------------------------------------------
    def save_tokens(self, run_id: str, trace: TokenTrace) -> None:
        """Keep a run's token probabilities (replacing any kept before)."""
        with self._guard():
            self._db.execute(
                'INSERT OR REPLACE INTO run_tokens (run_id, k, n_tokens, source, mean_logprob, data) '
                'VALUES (?, ?, ?, ?, ?, ?)',
                [run_id, trace.k, len(trace), trace.source, trace.mean_logprob, trace.to_bytes()])

    def tokens(self, run_id: str) -> TokenTrace | None:
        """A run's token probabilities, or None when none were recorded."""
        with self._guard():
            rows = list(self._db.query("SELECT data FROM run_tokens WHERE run_id = ?", [run_id]))
        return TokenTrace.from_bytes(rows[0]["data"]) if rows else None

    def runs_with_tokens(self, run_ids: Iterable[str]) -> set[str]:
        """Which of these runs have token probabilities recorded."""
        ids = list(run_ids)
        found: set[str] = set()
        with self._guard():
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                marks = ",".join("?" * len(chunk))
                found.update(r["run_id"] for r in self._db.query(
                    f"SELECT run_id FROM run_tokens WHERE run_id IN ({marks})", chunk))
        return found

    def token_summaries(self, run_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Per run with token probabilities: ``k``, ``n_tokens``, ``source`` and ``mean_logprob``
        (from the row, without reading the trace)."""
        ids = list(run_ids)
        found: dict[str, dict[str, Any]] = {}
        with self._guard():
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                marks = ",".join("?" * len(chunk))
                for r in self._db.query(f"SELECT run_id, k, n_tokens, source, mean_logprob FROM run_tokens "
                                        f"WHERE run_id IN ({marks})", chunk):
                    found[r["run_id"]] = {k: r[k] for k in ("k", "n_tokens", "source", "mean_logprob")}
        return found

    # -- determinism ----------------------------------------------------------------
    def record_determinism(self, run_id: str, result: dict[str, Any]) -> None:
        """Keep a determinism check's result in the run's extra (``determinism``: one entry per
        model configuration, the latest check of each configuration wins)."""
        row = self.get_run(run_id)
        extra = loads_object(row.get("extra_json"))
        kept = [e for e in extra.get("determinism") or [] if isinstance(e, dict)
                and e.get("config") not in {c.get("config") for c in result.get("configs", [])}]
        self.merge_extra(row["id"], "determinism", kept + list(result.get("configs", [])))

    def determinism_of(self, run_id: str) -> list[dict[str, Any]]:
        """The determinism checks recorded for a run (one per model configuration)."""
        extra = loads_object(self.get_run(run_id).get("extra_json"))
        return [e for e in extra.get("determinism") or [] if isinstance(e, dict)]


TITLE_MAX = 200


def _check_rows(run_id: str, stage: str, results: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "run_id": run_id,
            "stage": stage,
            "name": r.get("name"),
            "verdict": r.get("verdict"),
            "score": r.get("score"),
            "spans_json": json.dumps(r.get("spans") or [], ensure_ascii=False),
            "message": r.get("message"),
            "ms": r.get("ms"),
            "details_json": None if r.get("details") is None else json.dumps(_jsonable(r["details"]),
                                                                              ensure_ascii=False),
        }
        for r in results
    ]


def bound_title(title: str) -> str:
    """A chat title on one line and at most TITLE_MAX characters (a pasted essay stays usable)."""
    one = " ".join(str(title or "").split())
    return one if len(one) <= TITLE_MAX else one[:TITLE_MAX - 1].rstrip() + "…"


def _alive(row: dict[str, Any]) -> dict[str, Any]:
    """A ``running`` experiment whose process is gone reads as ``interrupted``."""
    if row.get("status") == "running" and not liveness.alive(row.get("pid"), row.get("proc_start")):
        row = {**row, "status": "interrupted"}
    return row


def loads_object(text: Any) -> dict[str, Any]:
    """A JSON column holding an object, or {} when it is empty or not one."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _encode(v: Any) -> Any:
    if isinstance(v, (dict, list, tuple)):
        return json.dumps(_jsonable(v), ensure_ascii=False)
    return v


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)
