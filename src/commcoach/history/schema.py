"""The history schema as a list of forward migrations, tracked with `PRAGMA user_version`.

Migration N (1-based) takes a database at version N-1 to version N. All pending migrations run
in one IMMEDIATE transaction with the version bump, so a crash mid-migration leaves the old
version intact and the next open simply runs them again. A database newer than this code is
refused, never "migrated" backwards. Tables are plain (not STRICT) and no RETURNING is used, so
the SQLite of older Pythons still works.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from commcoach.history.errors import NewerSchemaError

APPLICATION_ID = 0x43436831
"""'CCh1' in the database header: tells our file apart from any other SQLite file."""

Migration = Callable[[sqlite3.Connection], None]


def _v1_attempts(conn: sqlite3.Connection) -> None:
    """Attempts with the Report as JSON and the columns that lists and filters need."""
    for statement in (
        f"PRAGMA application_id = {APPLICATION_ID}",
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            scenario_id TEXT,
            scenario_hash TEXT,
            category TEXT,
            turn_id TEXT,
            title TEXT NOT NULL DEFAULT '',
            is_draft INTEGER NOT NULL DEFAULT 0 CHECK (is_draft IN (0, 1)),
            score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
            words INTEGER NOT NULL DEFAULT 0,
            n_findings INTEGER NOT NULL DEFAULT 0,
            grammar_state TEXT NOT NULL,
            grammar_backend TEXT NOT NULL,
            variant TEXT NOT NULL,
            mother_tongue TEXT NOT NULL DEFAULT '',
            seconds_spent REAL NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            report_json TEXT NOT NULL
        )""",
        "CREATE INDEX attempts_created ON attempts(created_at)",
        "CREATE INDEX attempts_category ON attempts(category, created_at)",
        "CREATE INDEX attempts_scenario ON attempts(scenario_id, created_at, score)",
    ):
        conn.execute(statement)


def _v2_findings(conn: sqlite3.Connection) -> None:
    """One row per finding, for rule statistics without parsing JSON; backfilled from reports."""
    conn.execute(
        """CREATE TABLE findings (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            rule_id TEXT NOT NULL,
            category TEXT NOT NULL,
            severity TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX findings_attempt ON findings(attempt_id, rule_id, category)")
    rows = conn.execute("SELECT id, report_json FROM attempts")
    conn.executemany(
        "INSERT INTO findings (attempt_id, rule_id, category, severity) VALUES (?, ?, ?, ?)",
        (
            (attempt_id, f["rule_id"], f["category"], f["severity"])
            for attempt_id, report_json in rows.fetchall()
            for f in json.loads(report_json).get("findings", [])
        ),
    )


def _v3_search(conn: sqlite3.Connection) -> None:
    """Full-text search over text and title (FTS5), when this SQLite has it."""
    ensure_search_index(conn)


MIGRATIONS: list[Migration] = [_v1_attempts, _v2_findings, _v3_search]
"""Append only: never edit a released migration; add a new one."""

LATEST = len(MIGRATIONS)

_FTS_TRIGGERS = {
    "attempts_fts_insert": """CREATE TRIGGER attempts_fts_insert AFTER INSERT ON attempts BEGIN
        INSERT INTO attempts_fts(rowid, text, title) VALUES (new.id, new.text, new.title);
    END""",
    "attempts_fts_delete": """CREATE TRIGGER attempts_fts_delete AFTER DELETE ON attempts BEGIN
        INSERT INTO attempts_fts(attempts_fts, rowid, text, title)
        VALUES ('delete', old.id, old.text, old.title);
    END""",
    "attempts_fts_update": """CREATE TRIGGER attempts_fts_update
        AFTER UPDATE OF text, title ON attempts BEGIN
        INSERT INTO attempts_fts(attempts_fts, rowid, text, title)
        VALUES ('delete', old.id, old.text, old.title);
        INSERT INTO attempts_fts(rowid, text, title) VALUES (new.id, new.text, new.title);
    END""",
}


def fts5_available(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite build has FTS5 (nearly all do; otherwise search falls back to LIKE)."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp._fts5_probe")
    return True


def _names(conn: sqlite3.Connection, kind: str) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))
    return {name for (name,) in rows}


def search_index_ready(conn: sqlite3.Connection) -> bool:
    """True when the FTS table and all its triggers exist (then search uses MATCH)."""
    return "attempts_fts" in _names(conn, "table") and set(_FTS_TRIGGERS) <= _names(conn, "trigger")


def ensure_search_index(conn: sqlite3.Connection) -> bool:
    """Create or repair the FTS index; returns whether it is usable. Call inside a transaction.

    If FTS5 is missing (an unusual SQLite build) but a previous run made the index, its triggers
    are dropped so that saving still works; a later run with FTS5 rebuilds the index.
    """
    if not fts5_available(conn):
        for name in set(_FTS_TRIGGERS) & _names(conn, "trigger"):
            conn.execute(f"DROP TRIGGER {name}")
        return False
    if search_index_ready(conn):
        return True
    if "attempts_fts" not in _names(conn, "table"):
        conn.execute(
            "CREATE VIRTUAL TABLE attempts_fts USING fts5(text, title, content='attempts', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
    existing = _names(conn, "trigger")
    for name, sql in _FTS_TRIGGERS.items():
        if name not in existing:
            conn.execute(sql)
    conn.execute("INSERT INTO attempts_fts(attempts_fts) VALUES ('rebuild')")
    return True


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version stored in the database header (0 for a new file)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring the database to `target` in one transaction; returns the version reached.

    `conn` must be in autocommit mode (isolation_level=None). Raises NewerSchemaError when the
    file is newer than this code.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = user_version(conn)
        if version > LATEST:
            raise NewerSchemaError(
                f"schema v{version} was written by a newer commcoach (this one knows up to "
                f"v{LATEST}); upgrade commcoach"
            )
        for number in range(version + 1, target + 1):
            MIGRATIONS[number - 1](conn)
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return max(version, target)
