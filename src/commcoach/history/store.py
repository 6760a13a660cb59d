"""HistoryStore: every attempt kept in one SQLite file, saved safely and queried fast.

Nothing happens at construction: the file is opened (created, migrated, checked) on first use
or by `open()`, so building a store never touches the disk. One connection per store, guarded
by a lock, so TUI worker threads may share it. Writes run in `BEGIN IMMEDIATE` transactions,
retried with jitter while another process holds the lock. A failed write raises
`HistoryWriteError` (one line) and closes the connection, so the next try reopens from scratch
(and recovers once the disk or folder is fixed).
"""

from __future__ import annotations

import contextlib
import math
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from pydantic import ValidationError

from commcoach import paths
from commcoach.feedback.report import Report
from commcoach.history import practise, queries
from commcoach.history.db import BUSY_TIMEOUT_MS, open_database, retry_busy
from commcoach.history.errors import (
    HistoryError,
    HistoryWriteError,
    display_path,
    is_corrupt,
    reason,
)
from commcoach.history.models import (
    AttemptFilters,
    AttemptPage,
    AttemptRecord,
    PractiseItem,
    RuleCount,
    ScenarioScores,
    StoredAttempt,
    WeeklyScore,
)
from commcoach.history.queries import from_db_time, to_db_time
from commcoach.history.schema import (
    DAY_US,
    finding_rows,
    pack_report,
    search_key,
    unpack_report,
)

T = TypeVar("T")

_ATTEMPT_COLUMNS = (
    "uid, created_us, skey, scenario_id, scenario_hash, category, turn_id, title, is_draft, score, "
    "words, n_findings, grammar_state, grammar_backend, variant, mother_tongue, seconds_spent, "
    "preview"
)
_READ_COLUMNS = (
    "a.id, a.uid, a.created_us, a.scenario_id, a.scenario_hash, a.category, a.turn_id, a.title, "
    "a.is_draft, a.grammar_backend, a.variant, a.mother_tongue, a.seconds_spent, b.text, b.report"
)
_READ_FROM = "attempts a JOIN attempt_bodies b ON b.attempt_id = a.id"
PREVIEW_CHARS = 120


class HistoryStore:
    """The attempts database at `path` (default: `commcoach.paths.db_path()`)."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        max_pages: int | None = None,
    ) -> None:
        """`max_pages` caps the file size in pages (a quota; tests use it to fill the "disk")."""
        self.path = path if path is not None else paths.db_path()
        self._busy_timeout_ms = busy_timeout_ms
        self._max_pages = max_pages
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._search = False
        self.notice: str | None = None
        """Set when opening moved a damaged file aside: one line for the UI/CLI to show."""

    # -- lifecycle ---------------------------------------------------------------------------

    def open(self) -> str | None:
        """Open now (idempotent); returns the notice line if a damaged file was moved aside."""
        self._connection()
        return self.notice

    def close(self) -> None:
        """Close the connection; the last one out checkpoints and removes the WAL file."""
        with self._lock:
            conn, self._conn = self._conn, None
            if conn is not None:
                with contextlib.suppress(sqlite3.Error):  # a planner hint; close regardless
                    conn.execute("PRAGMA optimize")
                conn.close()

    def __enter__(self) -> HistoryStore:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _connection(self) -> sqlite3.Connection:
        with self._lock:
            if self._conn is None:
                opened = open_database(
                    self.path, busy_timeout_ms=self._busy_timeout_ms, max_pages=self._max_pages
                )
                self._conn, self._search = opened.conn, opened.search
                if opened.notice:
                    self.notice = opened.notice
            return self._conn

    def _read(self, action: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            conn = self._connection()
            try:
                return retry_busy(lambda: action(conn))
            except sqlite3.Error as exc:
                why = self._recover(exc) if is_corrupt(exc) else reason(exc)
                raise HistoryError(f"cannot read {display_path(self.path)}: {why}", why) from None

    def _recover(self, exc: sqlite3.Error) -> str:
        """Damage found mid-session: reopen with a full check, which moves a bad file aside.

        Returns the reason to show; the store is usable again (on a fresh file) afterwards.
        """
        self.close()
        try:
            opened = open_database(
                self.path,
                busy_timeout_ms=self._busy_timeout_ms,
                max_pages=self._max_pages,
                verify=True,
            )
        except HistoryError as err:
            return err.why
        self._conn, self._search = opened.conn, opened.search
        if opened.notice:
            self.notice = opened.notice
            return opened.notice
        return reason(exc)

    def _write(self, action: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            try:
                conn = self._connection()
            except HistoryError as exc:
                raise self._write_error(exc.why) from None

            def transaction() -> T:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    result = action(conn)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                return result

            try:
                return retry_busy(transaction)
            except sqlite3.Error as exc:
                if is_corrupt(exc):
                    raise self._write_error(self._recover(exc)) from None
                self.close()
                raise self._write_error(reason(exc)) from None

    def _write_error(self, why: str) -> HistoryWriteError:
        return HistoryWriteError(f"cannot save to {display_path(self.path)}: {why}", why)

    # -- writes ------------------------------------------------------------------------------

    def save_attempt(self, record: AttemptRecord) -> int:
        """Store one attempt durably; returns its id (the existing id if its uid is stored)."""
        return self._write(lambda conn: _insert(conn, record)[0])

    def save_many(self, records: Iterable[AttemptRecord], batch: int = 1000) -> tuple[int, int]:
        """Store many attempts, `batch` per transaction; returns (added, already present)."""
        added = skipped = 0
        chunk: list[AttemptRecord] = []

        def flush(conn: sqlite3.Connection) -> tuple[int, int]:
            results = [_insert(conn, r)[1] for r in chunk]
            return sum(results), len(results) - sum(results)

        for record in records:
            chunk.append(record)
            if len(chunk) >= batch:
                a, s = self._write(flush)
                added, skipped, chunk = added + a, skipped + s, []
        if chunk:
            a, s = self._write(flush)
            added, skipped = added + a, skipped + s
        return added, skipped

    def import_records(self, records: list[AttemptRecord]) -> tuple[int, int]:
        """Store all or none of `records` (one transaction); returns (added, already present)."""
        return self.import_stream(lambda: records)

    def import_stream(
        self,
        records: Callable[[], Iterable[AttemptRecord]],
        progress: Callable[[int], None] | None = None,
    ) -> tuple[int, int]:
        """Store all or none of the attempts `records()` yields, in one transaction.

        `records` is a factory, not an iterator, so a transaction retried after SQLITE_BUSY
        reads the attempts again from the start; an exception from the iterator (a bad
        record) rolls everything back. `progress(n)` is told every 1,000 attempts.
        """

        def body(conn: sqlite3.Connection) -> tuple[int, int]:
            added = seen = 0
            for record in records():
                added += _insert(conn, record)[1]
                seen += 1
                if progress is not None and seen % 1000 == 0:
                    progress(seen)
            return added, seen - added

        return self._write(body)

    def delete_all(self) -> int:
        """Delete every attempt, then VACUUM so the text is gone from the file; returns count."""

        def wipe(conn: sqlite3.Connection) -> int:
            deleted = conn.execute("DELETE FROM attempts").rowcount
            conn.execute("DELETE FROM rule_days")  # the triggers empty it too; be certain
            if self._search:  # FTS5 keeps deleted tokens in its segments until told otherwise
                conn.execute("INSERT INTO attempts_fts(attempts_fts) VALUES ('delete-all')")
            return int(deleted)

        count = self._write(wipe)
        with self._lock:
            conn = self._connection()
            try:
                retry_busy(lambda: conn.execute("VACUUM"))
                retry_busy(lambda: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall())
            except sqlite3.Error as exc:
                raise self._write_error(reason(exc)) from None
        return int(count)

    # -- reads -------------------------------------------------------------------------------

    def get(self, attempt_id: int) -> StoredAttempt | None:
        """One attempt with its full Report, or None."""
        row = self._read(
            lambda conn: conn.execute(
                f"SELECT {_READ_COLUMNS} FROM {_READ_FROM} WHERE a.id = ?", (attempt_id,)
            ).fetchone()
        )
        return None if row is None else _stored(row)

    def iter_attempts(self, batch: int = 500) -> Iterator[StoredAttempt]:
        """Every attempt, oldest first (ties by uid): the stable order of exports."""
        sql = (
            f"SELECT {_READ_COLUMNS} FROM {_READ_FROM} WHERE (a.created_us, a.uid) > (?, ?) "
            "ORDER BY a.created_us, a.uid LIMIT ?"
        )
        last: tuple[int, str] = (-(2**62), "")
        while True:
            rows = self._read(partial(_fetch, sql=sql, params=(*last, batch)))
            if not rows:
                return
            for row in rows:
                yield _stored(row)
            last = (rows[-1][2], rows[-1][1])

    def count(self) -> int:
        """How many attempts are stored."""
        return int(self._read(lambda c: c.execute("SELECT count(*) FROM attempts").fetchone()[0]))

    def page(
        self, filters: AttemptFilters | None = None, limit: int = 50, offset: int = 0
    ) -> AttemptPage:
        """Newest-first summaries matching `filters`, with the total match count."""
        chosen = filters or AttemptFilters()
        items, total = self._read(
            lambda conn: queries.page(conn, chosen, limit, offset, self._search)
        )
        return AttemptPage(items=items, total=total, limit=limit, offset=offset)

    def best_and_last_by_scenario(self) -> list[ScenarioScores]:
        """Best and last score per scenario answered (drafts excluded)."""
        return self._read(queries.best_and_last_by_scenario)

    def weekly_trend_by_category(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        utc_offset: timedelta = timedelta(0),
    ) -> list[WeeklyScore]:
        """Mean and best score per scenario category per week."""
        return self._read(
            lambda conn: queries.weekly_trend_by_category(conn, since, until, utc_offset)
        )

    def top_rule_ids(
        self, since: datetime | None = None, until: datetime | None = None, limit: int = 10
    ) -> list[RuleCount]:
        """The most frequent rule ids in attempts made in [since, until)."""
        return self._read(lambda conn: queries.top_rule_ids(conn, since, until, limit))

    def practise_next(self, now: datetime, limit: int = 5) -> list[PractiseItem]:
        """Weak scenarios that are due again and rules to work on (see history/practise.py)."""
        return self._read(lambda conn: practise.practise_next(conn, now, limit))

    @property
    def search_index(self) -> bool:
        """Whether text search uses FTS5 (True) or LIKE (False); valid once open."""
        return self._search


def _fetch(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[Any]:
    return conn.execute(sql, params).fetchall()


def _insert(conn: sqlite3.Connection, record: AttemptRecord) -> tuple[int, bool]:
    """Insert unless the uid is already stored; returns (id, inserted)."""
    row = conn.execute("SELECT id FROM attempts WHERE uid = ?", (record.uid,)).fetchone()
    if row is not None:
        return int(row[0]), False
    report = record.report
    created_us = to_db_time(record.created_at)
    values: tuple[Any, ...] = (
        record.uid,
        created_us,
        search_key(conn, created_us),
        record.scenario_id,
        record.scenario_hash,
        record.category,
        record.turn_id,
        record.title,
        int(record.is_draft),
        report.score.total,
        report.metrics.words,
        len(report.findings),
        report.grammar.state.value,
        record.grammar_backend,
        record.variant,
        record.mother_tongue,
        record.seconds_spent,
        " ".join(record.text[: PREVIEW_CHARS * 2].split())[:PREVIEW_CHARS],
    )
    cursor = conn.execute(
        f"INSERT INTO attempts ({_ATTEMPT_COLUMNS}) VALUES ({', '.join('?' * len(values))})",
        values,
    )
    attempt_id = cursor.lastrowid
    assert attempt_id is not None
    conn.execute(
        "INSERT INTO attempt_bodies (skey, attempt_id, text, title, report) VALUES (?, ?, ?, ?, ?)",
        (
            values[2],
            attempt_id,
            record.text,
            record.title,
            pack_report(report.model_dump_json(exclude={"text"})),
        ),
    )
    conn.executemany(
        "INSERT INTO findings (attempt_id, rule_id, category, severity, hits, day) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        finding_rows(
            attempt_id,
            created_us // DAY_US,
            [
                f.model_dump(mode="json", include={"rule_id", "category", "severity"})
                for f in report.findings
            ],
        ),
    )
    return attempt_id, True


def _stored(row: tuple[Any, ...]) -> StoredAttempt:
    data = unpack_report(row[14])
    data["text"] = row[13]
    seconds = row[12]
    try:
        created_at = from_db_time(row[2])
    except (OverflowError, TypeError):  # written by an older version without date checks
        created_at = from_db_time(0)
    return StoredAttempt(
        id=row[0],
        uid=row[1],
        created_at=created_at,
        scenario_id=row[3],
        scenario_hash=row[4],
        category=row[5],
        turn_id=row[6],
        title=row[7],
        is_draft=bool(row[8]),
        grammar_backend=row[9],
        variant=row[10],
        mother_tongue=row[11],
        seconds_spent=seconds if isinstance(seconds, int | float) and math.isfinite(seconds) else 0,
        text=row[13],
        report=_report(data),
    )


def _report(data: dict[str, Any]) -> Report:
    """The stored Report; a value no longer valid (a NaN that JSON stored as null, from before
    imports were checked) becomes 0 so that show and export keep working.

    Only numbers are repaired: anything else that fails is a real error and is raised.
    """
    for _ in range(50):
        try:
            return Report.model_validate(data)
        except ValidationError as exc:
            repairable = [
                e for e in exc.errors() if e["input"] is None and e["type"] in _NUMBER_ERRORS
            ]
            if not repairable:
                raise
            for error in repairable:
                _set(data, error["loc"], 0)
    return Report.model_validate(data)


_NUMBER_ERRORS = frozenset({"float_type", "int_type", "finite_number"})


def _set(data: Any, loc: tuple[int | str, ...], value: object) -> None:
    target = data
    for part in loc[:-1]:
        target = target[part]
    target[loc[-1]] = value
