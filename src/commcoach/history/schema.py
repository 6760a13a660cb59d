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
import zlib
from collections.abc import Callable
from typing import Any

from commcoach.history.errors import NewerSchemaError

APPLICATION_ID = 0x43436831
"""'CCh1' in the database header: tells our file apart from any other SQLite file."""

Migration = Callable[[sqlite3.Connection], None]


DAY_US = 86_400_000_000
"""Microseconds in a day: times are stored as integer microseconds since 1970-01-01 UTC."""


def _v1_attempts(conn: sqlite3.Connection) -> None:
    """Attempts as two tables: small rows for lists and stats, and the bodies beside them.

    `attempts` holds what lists, filters and statistics read (about 200 bytes a row, so scans
    stay cheap); `attempt_bodies` holds the text and the Report (zlib-compressed JSON without
    its text: see `pack_report`). Times are integer microseconds (UTC): compact in indexes and
    cheap to bucket into days and weeks. Covering indexes let the stats run on indexes alone.

    `skey` (see `search_key`) grows with the attempt's time and is the rowid of the full-text
    index, so FTS5 hands out matches newest first without sorting; it is kept on both tables:
    the body's is what FTS5 reads text from, the attempt's index (skey + every filter column)
    lets a search filter and count its matches without touching the bodies.
    """
    for statement in (
        f"PRAGMA application_id = {APPLICATION_ID}",
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            created_us INTEGER NOT NULL,
            skey INTEGER NOT NULL,
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
            preview TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE attempt_bodies (
            skey INTEGER PRIMARY KEY,
            attempt_id INTEGER NOT NULL UNIQUE REFERENCES attempts(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            report BLOB NOT NULL
        )""",
        "CREATE INDEX attempts_created ON attempts(created_us)",
        "CREATE INDEX attempts_category ON attempts(category, created_us, score, is_draft)",
        "CREATE INDEX attempts_scenario ON attempts(scenario_id, created_us, score, is_draft)",
        "CREATE INDEX attempts_skey ON attempts(skey, category, scenario_id, created_us, score, "
        "is_draft)",
    ):
        conn.execute(statement)


SKEY_SLOTS = 1000
"""Search keys per microsecond: attempts made in the same microsecond keep insertion order."""


def search_key(conn: sqlite3.Connection, created_us: int) -> int:
    """A unique, time-ordered key for a new body: `created_us * 1000 + n`."""
    base = created_us * SKEY_SLOTS
    row = conn.execute(
        "SELECT max(skey) FROM attempt_bodies WHERE skey >= ? AND skey < ?",
        (base, base + SKEY_SLOTS),
    ).fetchone()
    candidate = base if row[0] is None else int(row[0]) + 1
    while conn.execute("SELECT 1 FROM attempt_bodies WHERE skey = ?", (candidate,)).fetchone():
        candidate += 1  # over 1000 in one microsecond: borrow the next microsecond's slots
    return candidate


def pack_report(report_json: str) -> bytes:
    """The stored form of a Report: its JSON (without the text), zlib-compressed (~5x smaller)."""
    return zlib.compress(report_json.encode("utf-8"), 6)


def unpack_report(blob: bytes) -> dict[str, Any]:
    """The Report JSON (without its text) back from the stored form."""
    data = json.loads(zlib.decompress(blob))
    if not isinstance(data, dict):
        raise ValueError("stored report is not a JSON object")
    return data


SEVERITY_RANK = {"suggestion": 0, "warning": 1, "error": 2}


def finding_rows(
    attempt_id: int, day: int, findings: list[dict[str, Any]]
) -> list[tuple[int, str, str, str, int, int]]:
    """One findings row per (rule, category) of an attempt: hit count and worst severity."""
    rows: dict[tuple[str, str], list[Any]] = {}
    for f in findings:
        key = (f["rule_id"], f["category"])
        row = rows.setdefault(key, [f["severity"], 0])
        if SEVERITY_RANK.get(f["severity"], 0) > SEVERITY_RANK.get(row[0], 0):
            row[0] = f["severity"]
        row[1] += 1
    return [(attempt_id, r, c, sev, hits, day) for (r, c), (sev, hits) in rows.items()]


def _v2_findings(conn: sqlite3.Connection) -> None:
    """Rule statistics without reading reports; backfilled from the stored reports.

    `findings` has one row per rule per attempt (`hits` counts repeats, `severity` is the
    worst); `rule_days` totals them per UTC day, kept exact by triggers, so that "most frequent
    rules" over any period reads at most one row per rule per day.
    """
    for statement in (
        """CREATE TABLE findings (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            rule_id TEXT NOT NULL,
            category TEXT NOT NULL,
            severity TEXT NOT NULL,
            hits INTEGER NOT NULL DEFAULT 1,
            day INTEGER NOT NULL,
            PRIMARY KEY (attempt_id, rule_id, category)
        ) WITHOUT ROWID""",
        """CREATE TABLE rule_days (
            day INTEGER NOT NULL,
            rule_id TEXT NOT NULL,
            category TEXT NOT NULL,
            findings INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            PRIMARY KEY (day, rule_id, category)
        ) WITHOUT ROWID""",
        """CREATE TRIGGER findings_days_insert AFTER INSERT ON findings BEGIN
            INSERT INTO rule_days (day, rule_id, category, findings, attempts)
            VALUES (new.day, new.rule_id, new.category, new.hits, 1)
            ON CONFLICT (day, rule_id, category) DO UPDATE
            SET findings = findings + excluded.findings, attempts = attempts + 1;
        END""",
        """CREATE TRIGGER findings_days_delete AFTER DELETE ON findings BEGIN
            UPDATE rule_days SET findings = findings - old.hits, attempts = attempts - 1
            WHERE day = old.day AND rule_id = old.rule_id AND category = old.category;
            DELETE FROM rule_days
            WHERE day = old.day AND rule_id = old.rule_id AND category = old.category
            AND attempts <= 0;
        END""",
    ):
        conn.execute(statement)
    rows = conn.execute(
        "SELECT a.id, a.created_us / ?, b.report FROM attempts a "
        "JOIN attempt_bodies b ON b.attempt_id = a.id",
        (DAY_US,),
    ).fetchall()
    conn.executemany(
        "INSERT INTO findings (attempt_id, rule_id, category, severity, hits, day) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            row
            for attempt_id, day, blob in rows
            for row in finding_rows(attempt_id, day, unpack_report(blob).get("findings", []))
        ),
    )


def _v3_search(conn: sqlite3.Connection) -> None:
    """Full-text search over text and title (FTS5), when this SQLite has it."""
    ensure_search_index(conn)


MIGRATIONS: list[Migration] = [_v1_attempts, _v2_findings, _v3_search]
"""Append only: never edit a released migration; add a new one."""

LATEST = len(MIGRATIONS)

_FTS_TRIGGERS = {
    "attempts_fts_insert": """CREATE TRIGGER attempts_fts_insert
        AFTER INSERT ON attempt_bodies BEGIN
        INSERT INTO attempts_fts(rowid, text, title) VALUES (new.skey, new.text, new.title);
    END""",
    "attempts_fts_delete": """CREATE TRIGGER attempts_fts_delete
        AFTER DELETE ON attempt_bodies BEGIN
        INSERT INTO attempts_fts(attempts_fts, rowid, text, title)
        VALUES ('delete', old.skey, old.text, old.title);
    END""",
    "attempts_fts_update": """CREATE TRIGGER attempts_fts_update
        AFTER UPDATE OF text, title ON attempt_bodies BEGIN
        INSERT INTO attempts_fts(attempts_fts, rowid, text, title)
        VALUES ('delete', old.skey, old.text, old.title);
        INSERT INTO attempts_fts(rowid, text, title) VALUES (new.skey, new.text, new.title);
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
            "CREATE VIRTUAL TABLE attempts_fts USING fts5(text, title, content='attempt_bodies', "
            "content_rowid='skey', tokenize='unicode61 remove_diacritics 2')"
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
