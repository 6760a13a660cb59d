"""History errors, each one line a learner can act on, and how SQLite/OS errors map to them."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from commcoach.errors import CommcoachError

SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class HistoryError(CommcoachError):
    """The history database cannot be opened or read; the message is one line."""

    def __init__(self, message: str, why: str = "") -> None:
        super().__init__(message)
        self.why = why or message
        """The reason alone ('disk full'), to reword the message for a save."""


class HistoryWriteError(HistoryError):
    """An attempt could not be saved (disk full, read-only folder, ...).

    The caller keeps the attempt (see `PendingSaves`) and offers a retry or an export.
    """


class NewerSchemaError(HistoryError):
    """The database was written by a newer commcoach; we refuse to touch it."""


def primary_code(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code (extended codes carry extra bits above 0xff)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_busy(exc: sqlite3.Error) -> bool:
    """True for lock contention that a retry can resolve."""
    return primary_code(exc) in (SQLITE_BUSY, SQLITE_LOCKED)


def is_corrupt(exc: sqlite3.Error) -> bool:
    """True when the file is not a database or its pages are damaged."""
    return primary_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def display_path(path: Path) -> str:
    """The path with the home folder shown as `~`, as users know it."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


_SQLITE_REASONS = {
    SQLITE_FULL: "disk full",
    SQLITE_READONLY: "the database or its folder is read-only",
    SQLITE_CANTOPEN: "cannot create or open the file (folder missing or not writable)",
    SQLITE_IOERR: "input/output error (disk removed or failing?)",
    SQLITE_BUSY: "another commcoach kept the database locked; try again",
    SQLITE_LOCKED: "another commcoach kept the database locked; try again",
}

_OS_REASONS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied (folder not writable)",
    errno.EPERM: "permission denied (folder not writable)",
    errno.ENOTDIR: "a parent of the path is a file, not a folder",
    errno.EISDIR: "the path is a folder, not a file",
}


def reason(exc: BaseException) -> str:
    """A short, human reason for a storage failure."""
    if isinstance(exc, sqlite3.Error):
        code = primary_code(exc)
        if code in _SQLITE_REASONS:
            return _SQLITE_REASONS[code]
        return str(exc) or type(exc).__name__
    if isinstance(exc, OSError):
        if exc.errno in _OS_REASONS:
            return _OS_REASONS[exc.errno]
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__
