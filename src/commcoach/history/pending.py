"""Attempts that could not be saved, kept in memory until retried or exported: never dropped.

The TUI keeps one `PendingSaves` for the session. When a save fails (disk full, read-only
folder, ...), the attempt stays here and the UI shows the one-line `HistoryWriteError` with two
actions: retry (after freeing space) or export to a file the user picks. The export is a normal
JSON history export, so `commcoach history import FILE` brings the attempts back later.
"""

from __future__ import annotations

import threading
from pathlib import Path

from commcoach.history.errors import HistoryWriteError
from commcoach.history.export import write_export
from commcoach.history.models import AttemptRecord
from commcoach.history.store import HistoryStore

__all__ = ["HistoryWriteError", "PendingSaves"]


class PendingSaves:
    """An ordered, thread-safe queue of attempts waiting to be written."""

    def __init__(self) -> None:
        self._records: list[AttemptRecord] = []
        self._lock = threading.Lock()
        self.last_error: HistoryWriteError | None = None
        """The failure that put the newest attempt here (for the UI's message)."""

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)

    @property
    def records(self) -> tuple[AttemptRecord, ...]:
        """The attempts waiting, oldest first."""
        with self._lock:
            return tuple(self._records)

    def keep(self, record: AttemptRecord, error: HistoryWriteError | None = None) -> None:
        """Hold an attempt that could not be written (no duplicates by uid)."""
        with self._lock:
            if all(r.uid != record.uid for r in self._records):
                self._records.append(record)
            if error is not None:
                self.last_error = error

    def save(self, store: HistoryStore, record: AttemptRecord) -> int:
        """Save through `store`; on failure keep the attempt here and re-raise the error.

        Attempts already waiting are retried first, so the history keeps their order.
        """
        if len(self):
            try:
                self.retry(store)
            except HistoryWriteError as exc:
                self.keep(record, exc)
                raise
        try:
            return store.save_attempt(record)
        except HistoryWriteError as exc:
            self.keep(record, exc)
            raise

    def retry(self, store: HistoryStore) -> list[int]:
        """Write the waiting attempts in order; returns their ids.

        Stops at the first failure and raises it; attempts not yet written stay here. Retrying
        an attempt whose earlier save did reach the disk returns its id without a duplicate.
        """
        saved: list[int] = []
        for record in self.records:
            try:
                saved.append(store.save_attempt(record))
            except HistoryWriteError as exc:
                self.last_error = exc
                raise
            self._discard(record)
        self.last_error = None
        return saved

    def export(self, path: Path) -> int:
        """Write the waiting attempts to `path` as a JSON export, then forget them.

        Raises OSError if the file cannot be written; the attempts stay here in that case.
        """
        records = self.records
        write_export(records, "json", path)
        for record in records:
            self._discard(record)
        return len(records)

    def _discard(self, record: AttemptRecord) -> None:
        with self._lock:
            self._records = [r for r in self._records if r.uid != record.uid]
