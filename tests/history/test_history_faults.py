"""Storage faults: damaged files moved aside (never deleted), read-only folders, a full disk.

Faults are real where the machine allows: a regular file where a folder should be, a folder made
read-only (chmod, or `chattr +i` for root, whom chmod does not stop), and SQLite's own page
limit (`max_page_count`) so that the database really runs out of space. In every case the attempt
must stay in PendingSaves and be saved by a retry once the fault is gone, or exported.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from history_factories import T0, days, make_record, make_report

from commcoach.history import HistoryError, HistoryStore, HistoryWriteError, PendingSaves, db
from commcoach.history.export import read_import
from commcoach.history.save import save_draft_report

CORRUPT_NAME = re.compile(r"^history\.sqlite3\.corrupt-\d{8}-\d{6}(-\d+)?$")


def moved_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".corrupt-" in p.name)


def assert_one_line(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message


# -- damaged files -------------------------------------------------------------------------


def test_a_text_file_is_moved_aside_and_a_fresh_database_made(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_text("these are my notes, not a database\n" * 50)
    store = HistoryStore(path)
    notice = store.open()
    assert notice is not None
    assert_one_line(notice)
    (moved,) = moved_files(tmp_path)
    assert CORRUPT_NAME.match(moved.name)
    assert moved.name in notice and "not a readable history database" in notice
    assert moved.read_text().startswith("these are my notes")  # kept byte for byte
    new_id = store.save_attempt(make_record())
    assert store.get(new_id) is not None
    store.close()
    with HistoryStore(path) as again:  # the fresh file is healthy: no second notice
        assert again.notice is None and again.count() == 1


def test_damaged_pages_fail_the_integrity_check_and_are_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as store:
        for i in range(40):
            store.save_attempt(make_record(f"attempt {i} " + "words " * 200, when=T0 + days(i)))
    size = path.stat().st_size
    assert size > 20 * 4096
    with path.open("r+b") as handle:  # scribble over pages in the middle, keep the header
        handle.seek(4096 * 3)
        handle.write(os.urandom(4096 * 4))
    store = HistoryStore(path)
    notice = store.open()
    assert notice is not None
    assert "integrity check failed" in notice or "malformed" in notice
    assert_one_line(notice)
    (moved,) = [p for p in moved_files(tmp_path) if CORRUPT_NAME.match(p.name)]
    assert moved.stat().st_size == size
    assert store.count() == 0
    store.close()


def damage_table(path: Path, table: str) -> None:
    """Overwrite every page of one table with random bytes (the schema pages stay intact)."""
    conn = sqlite3.connect(path)
    pages = [n for (n,) in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    assert pages
    with path.open("r+b") as handle:
        for n in pages:
            handle.seek((n - 1) * size)
            handle.write(os.urandom(size))


@pytest.mark.parametrize("operation", ["read", "write"])
def test_damage_found_mid_session_in_a_large_file_is_moved_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, operation: str
) -> None:
    """Files above FULL_CHECK_MAX_BYTES skip the check on open; the first query that meets
    the damage runs it and moves the file aside, and the store carries on with a fresh one."""
    monkeypatch.setattr(db, "FULL_CHECK_MAX_BYTES", 0)
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as store:
        for i in range(30):
            store.save_attempt(make_record(f"attempt {i} " + "words " * 200, when=T0 + days(i)))
    damage_table(path, "attempts")
    store = HistoryStore(path)
    assert store.open() is None  # not checked: too "large"
    pending = PendingSaves()
    record = make_record("Written after the damage.")
    if operation == "read":
        with pytest.raises(HistoryError) as info:
            store.page()
    else:
        with pytest.raises(HistoryWriteError) as info:
            pending.save(store, record)
    assert_one_line(str(info.value))
    assert "moved it to history.sqlite3.corrupt-" in str(info.value)
    assert store.notice is not None and store.notice in str(info.value)
    assert len([p for p in moved_files(tmp_path) if CORRUPT_NAME.match(p.name)]) == 1
    if operation == "write":
        (new_id,) = pending.retry(store)
        assert store.get(new_id) is not None
    assert store.count() == (1 if operation == "write" else 0)
    store.close()


def test_another_programs_sqlite_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.execute("INSERT INTO recipes VALUES ('pancakes')")
    other.commit()
    other.close()
    with HistoryStore(path) as store:
        assert store.notice is not None and "another program's SQLite database" in store.notice
        store.save_attempt(make_record())
    (moved,) = moved_files(tmp_path)
    assert sqlite3.connect(moved).execute("SELECT name FROM recipes").fetchall() == [("pancakes",)]


def test_stale_wal_and_shm_move_with_the_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"\x00garbage" * 100)
    (tmp_path / "history.sqlite3-wal").write_bytes(b"old wal")
    (tmp_path / "history.sqlite3-shm").write_bytes(b"old shm")
    with HistoryStore(path) as store:
        assert store.notice is not None
        store.save_attempt(make_record())
    names = sorted(p.name for p in moved_files(tmp_path))
    assert len(names) == 3
    base = names[0]
    assert names == [base, base + "-shm", base + "-wal"]
    assert (tmp_path / (base + "-wal")).read_bytes() == b"old wal"


def test_two_damaged_files_in_the_same_second_get_distinct_names(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    for n in range(2):
        path.write_text(f"junk {n}")
        with HistoryStore(path) as store:
            assert store.notice is not None
    contents = sorted(p.read_text() for p in moved_files(tmp_path))
    assert contents == ["junk 0", "junk 1"]


def test_a_folder_at_the_database_path_is_an_error_not_moved(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.mkdir()
    with pytest.raises(HistoryError) as info:
        HistoryStore(path).open()
    assert_one_line(str(info.value))
    assert "is a folder" in str(info.value)
    assert path.is_dir() and moved_files(tmp_path) == []


# -- read-only folder ----------------------------------------------------------------------


def test_parent_is_a_file_keeps_the_attempt_until_retry(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    store = HistoryStore(blocker / "history.sqlite3")
    pending = PendingSaves()
    record = make_record("Please keep me.")
    with pytest.raises(HistoryWriteError) as info:
        pending.save(store, record)
    message = str(info.value)
    assert_one_line(message)
    assert message.startswith("cannot save to ") and "not a folder" in message
    assert pending.records == (record,)
    assert pending.last_error is info.value
    with pytest.raises(HistoryWriteError):  # still broken: still kept, not duplicated
        pending.retry(store)
    assert len(pending) == 1
    blocker.unlink()  # the fault is fixed
    (saved_id,) = pending.retry(store)
    assert len(pending) == 0
    stored = store.get(saved_id)
    assert stored is not None and stored.text == "Please keep me."
    store.close()


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[str]:
    """Make `folder` really read-only: chmod for users, `chattr +i` for root."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            yield "chmod"
        finally:
            folder.chmod(0o700)
        return
    chattr = shutil.which("chattr")
    made = chattr and subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode
    if not chattr or made != 0:
        # root on a file system without immutable folders: block creation with a file instead
        (folder / "history.sqlite3").mkdir()
        try:
            yield "folder in the way"
        finally:
            (folder / "history.sqlite3").rmdir()
        return
    try:
        yield "chattr"
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)


def test_read_only_folder_keeps_the_attempt_and_exports_it(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    store = HistoryStore(folder / "history.sqlite3")
    pending = PendingSaves()
    first, second = make_record("First kept."), make_record("Second kept.", when=T0 + days(1))
    with read_only_folder(folder):
        for record in (first, second):
            with pytest.raises(HistoryWriteError) as info:
                pending.save(store, record)
            assert_one_line(str(info.value))
        assert [r.uid for r in pending.records] == [first.uid, second.uid]
        rescue = tmp_path / "rescue.json"
        assert pending.export(rescue) == 2
    assert len(pending) == 0
    assert [r.uid for r in read_import(rescue)] == [first.uid, second.uid]
    with HistoryStore(tmp_path / "elsewhere.sqlite3") as other:
        assert other.import_records(read_import(rescue)) == (2, 0)


def test_a_failed_export_keeps_the_attempts(tmp_path: Path) -> None:
    pending = PendingSaves()
    pending.keep(make_record())
    with pytest.raises(OSError):
        pending.export(tmp_path / "missing-folder" / "rescue.json")
    assert len(pending) == 1


# -- full disk -----------------------------------------------------------------------------


def test_disk_full_keeps_the_attempt_and_saved_ones_survive(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path):
        pass  # create the schema first, then cap the size just above it
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    full = HistoryStore(path, max_pages=pages + 12)
    pending = PendingSaves()
    saved: list[int] = []
    error: HistoryWriteError | None = None
    for i in range(200):
        record = make_record(f"attempt {i} " + "long words " * 300, when=T0 + days(i))
        try:
            saved.append(pending.save(full, record))
        except HistoryWriteError as exc:
            error = exc
            break
    assert error is not None, "the capped database never filled up"
    assert str(error) == f"cannot save to {path}: disk full"
    assert saved and len(pending) == 1
    lost = pending.records[0]
    with pytest.raises(HistoryWriteError):  # still full
        pending.retry(full)
    full.close()
    with HistoryStore(path) as roomy:  # space freed
        assert [i.id for i in roomy.page(limit=500).items] == sorted(saved, reverse=True)
        (new_id,) = pending.retry(roomy)
        stored = roomy.get(new_id)
        assert stored is not None and stored.uid == lost.uid
        assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


# -- check --save --------------------------------------------------------------------------


def test_save_draft_report_stores_a_draft_with_settings(
    isolated_user_dirs: Path, tmp_path: Path
) -> None:
    (tmp_path / "commcoach-config.toml").write_text(
        '[grammar]\nbackend = "off"\nvariant = "en-GB"\nmother_tongue = "FR"\n'
    )
    report = make_report("I think maybe we deploy on Friday.", score=61, checked=False)
    line = save_draft_report(report, 3.5, title="notes/friday.txt")
    assert line == "saved to history as draft #1 (see: commcoach history show 1)"
    with HistoryStore() as store:
        stored = store.get(1)
    assert stored is not None and stored.is_draft and stored.title == "friday.txt"
    # mother_tongue in an old config file still loads, and is no longer recorded (issue 10)
    assert (stored.grammar_backend, stored.variant, stored.mother_tongue) == ("off", "en-GB", "")
    assert stored.seconds_spent == 3.5 and stored.scenario_id is None


def test_save_draft_report_from_stdin_titles_with_first_words() -> None:
    report = make_report("one two three four five six seven eight nine ten")
    save_draft_report(report, 1.0, title="<stdin>")
    with HistoryStore() as store:
        stored = store.get(1)
    assert stored is not None and stored.title == "one two three four five six seven eight ..."


def test_save_draft_report_spills_to_a_file_when_history_is_unwritable(
    isolated_user_dirs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_user_dirs.parent.mkdir(parents=True, exist_ok=True)
    isolated_user_dirs.write_text("not a folder")
    spill_dir = tmp_path / "tmp"
    spill_dir.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill_dir))
    report = make_report("Keep this draft safe.")
    line = save_draft_report(report, 2.0, title="draft.txt")
    assert_one_line(line)
    assert line.startswith(f"cannot save to {isolated_user_dirs / 'history.sqlite3'}: ")
    (spilled,) = spill_dir.iterdir()
    assert f"commcoach history import {spilled}" in line
    (record,) = read_import(spilled)
    assert record.text == "Keep this draft safe." and record.is_draft
    assert oct(spilled.stat().st_mode & 0o777) == "0o600"
