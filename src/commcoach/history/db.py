"""Opening the history database: private file, WAL, migrations, and a damaged file moved aside.

Durability choice: WAL with `synchronous=FULL`. A commit appends to the WAL file with write(),
so once `save_attempt` returns the data is in the kernel and survives the process being killed
(SIGKILL) even with `synchronous=NORMAL`. NORMAL could still lose the last commits on a power cut
or kernel crash; FULL adds one fsync per commit (a few ms, in a background worker) and makes
"saved" mean saved on disk. Bulk imports write many rows per transaction, so they pay it rarely.

Corruption: a file that is not SQLite, is damaged, or is another program's database is never
deleted. It is renamed to `history.sqlite3.corrupt-YYYYmmdd-HHMMSS` (with its -wal/-shm, which
must not be replayed into the new file) and a fresh database is made; the caller receives one
notice line to show.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from commcoach import paths
from commcoach.history import schema
from commcoach.history.errors import (
    HistoryError,
    NewerSchemaError,
    display_path,
    is_busy,
    is_corrupt,
    reason,
)

T = TypeVar("T")

BUSY_TIMEOUT_MS = 1000
"""SQLite's own busy handler waits this long per statement before SQLITE_BUSY."""
RETRY_SECONDS = 15.0
"""Our retry loop (with jitter) around whole transactions gives up after this long."""
SIDE_FILES = ("-wal", "-shm")
FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024
"""Files up to this size (~20,000 attempts) get `PRAGMA quick_check` on every open (<~100 ms).
Larger ones skip it, and damage found later by a query triggers the same check (see store)."""
CACHE_KIB = 16_000
"""Page cache per connection (grown only as pages are read): keeps list and search indexes hot."""


class NotOurDatabase(Exception):
    """The file is SQLite but not a commcoach history (or fails its integrity check)."""


@dataclass
class Opened:
    """An open, migrated connection and what the caller should know about it."""

    conn: sqlite3.Connection
    search: bool
    """True when FTS5 search is available; otherwise text search uses LIKE."""
    notice: str | None
    """One line to show when a damaged file was moved aside."""


def retry_busy(action: Callable[[], T], seconds: float = RETRY_SECONDS) -> T:
    """Run `action`, retrying with growing random sleeps while the database is busy."""
    deadline = time.monotonic() + seconds
    attempt = 0
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() >= deadline:
                raise
        attempt += 1
        time.sleep(random.uniform(0.002, 0.01 * min(attempt, 20)))


def open_database(
    path: Path,
    *,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    max_pages: int | None = None,
    verify: bool | None = None,
) -> Opened:
    """Open (creating if needed) and migrate the database at `path`.

    `verify` runs the integrity check (None: only for files up to FULL_CHECK_MAX_BYTES).
    Raises HistoryError (one line) when the file cannot be opened or created at all.
    """
    try:
        return _open(path, busy_timeout_ms, max_pages, verify)
    except HistoryError:
        if not _read_only_place(path):
            raise
        return _open_read_only(path, busy_timeout_ms)
    except _MovedAside as moved:
        notice = (
            f"{display_path(path)} was not a readable history database ({moved.why}); "
            f"moved it to {moved.target.name} and started a new one"
        )
    try:
        opened = _open(path, busy_timeout_ms, max_pages, False)
    except _MovedAside as again:  # pragma: no cover - a fresh file we just made is damaged
        raise HistoryError(f"cannot open {display_path(path)}: {again.why}", again.why) from None
    opened.notice = notice
    return opened


def _read_only_place(path: Path) -> bool:
    """True when the database exists but its folder cannot be written (a read-only file system,
    a backup mounted read-only): then reading it is still possible."""
    return path.is_file() and not os.access(path.parent, os.W_OK)


def _open_read_only(path: Path, busy_timeout_ms: int) -> Opened:
    """Open an existing, current database for reading only; saving then fails with one line.

    `immutable=1` because SQLite could create neither the -wal nor the -shm file: nothing can
    change the file while it lives where nobody can write.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(
            uri,
            uri=True,
            timeout=busy_timeout_ms / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        _check_identity(conn, verify=False)
        if schema.user_version(conn) != schema.LATEST:
            conn.close()
            why = "read-only, and written by an older commcoach (it needs an upgrade)"
            raise HistoryError(f"cannot open {display_path(path)}: {why}", why)
        search = schema.search_index_ready(conn)
    except (sqlite3.Error, NotOurDatabase, NewerSchemaError) as exc:
        why = reason(exc) if isinstance(exc, sqlite3.Error) else str(exc)
        raise HistoryError(f"cannot open {display_path(path)}: {why}", why) from None
    notice = f"{display_path(path)} is read-only: your history is shown, new attempts are not saved"
    return Opened(conn=conn, search=search, notice=notice)


class _MovedAside(Exception):
    def __init__(self, target: Path, why: str) -> None:
        super().__init__(why)
        self.target = target
        self.why = why


def _open(path: Path, busy_timeout_ms: int, max_pages: int | None, verify: bool | None) -> Opened:
    conn = _connect(path, busy_timeout_ms)
    if verify is None:
        verify = path.stat().st_size <= FULL_CHECK_MAX_BYTES
    try:
        retry_busy(lambda: _check_identity(conn, verify))
        _configure(conn, max_pages)
        retry_busy(lambda: schema.migrate(conn))
        search = retry_busy(lambda: _ensure_search(conn))
    except NewerSchemaError as exc:
        conn.close()
        raise HistoryError(f"{display_path(path)}: {exc}") from None
    except (sqlite3.DatabaseError, NotOurDatabase) as exc:
        if isinstance(exc, sqlite3.DatabaseError) and not is_corrupt(exc):
            conn.close()
            why = reason(exc)
            raise HistoryError(f"cannot open {display_path(path)}: {why}", why) from None
        why = str(exc) if isinstance(exc, NotOurDatabase) else reason(exc)
        # Move while still open: closing would let SQLite delete (or replay) the -wal file.
        try:
            target = move_aside(path)
        except OSError as err:
            raise HistoryError(
                f"{display_path(path)} is damaged ({why}) and cannot be moved aside: {reason(err)}"
            ) from None
        finally:
            conn.close()
        raise _MovedAside(target, why) from None
    except BaseException:
        conn.close()
        raise
    make_private(path)
    return Opened(conn=conn, search=search, notice=None)


def _connect(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    try:
        try:
            paths.private_dir(path.parent)  # 0700 for every folder it creates
        except FileExistsError:  # the parent exists but is a file
            raise NotADirectoryError(20, "Not a directory", str(path.parent)) from None
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as exc:
        why = reason(exc)
        raise HistoryError(f"cannot open {display_path(path)}: {why}", why) from None
    try:
        conn = sqlite3.connect(
            path,
            timeout=busy_timeout_ms / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        why = reason(exc)
        raise HistoryError(f"cannot open {display_path(path)}: {why}", why) from None
    return conn


def _check_identity(conn: sqlite3.Connection, verify: bool) -> None:
    """Raise NotOurDatabase for a foreign or damaged file (DatabaseError for non-SQLite).

    Runs before anything writes (even the switch to WAL), so a newer file is left untouched.
    """
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = schema.user_version(conn)
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id not in (0, schema.APPLICATION_ID) or (app_id == 0 and (version or tables)):
        raise NotOurDatabase("another program's SQLite database")
    if version > schema.LATEST:
        raise NewerSchemaError(
            f"schema v{version} was written by a newer commcoach (this one knows up to "
            f"v{schema.LATEST}); upgrade commcoach"
        )
    if tables and verify:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise NotOurDatabase(f"integrity check failed: {result}")


def _configure(conn: sqlite3.Connection, max_pages: int | None) -> None:
    retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    if max_pages is not None:
        conn.execute(f"PRAGMA max_page_count = {int(max_pages)}")


def _ensure_search(conn: sqlite3.Connection) -> bool:
    if schema.search_index_ready(conn) and schema.fts5_available(conn):
        return True
    conn.execute("BEGIN IMMEDIATE")
    try:
        ready = schema.ensure_search_index(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return ready


def make_private(path: Path) -> None:
    """Mode 0600 on the database and its -wal/-shm files (SQLite copies the mode, but be sure)."""
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if candidate.stat().st_mode & 0o777 != 0o600:
                candidate.chmod(0o600)


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) to `<name>.corrupt-<local time>`."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    path.rename(target)
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target
