"""Schema versions: each migration from the previous version with data in it, and the basics
every open must set up (WAL, foreign keys, private file mode, no files before first use)."""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from history_factories import T0, days, make_record

from commcoach.history import AttemptFilters, HistoryError, HistoryStore, schema
from commcoach.history.queries import to_db_time
from commcoach.history.schema import (
    APPLICATION_ID,
    DAY_US,
    LATEST,
    MIGRATIONS,
    finding_rows,
    migrate,
    pack_report,
    search_key,
    user_version,
)


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def at_version(path: Path, version: int) -> sqlite3.Connection:
    conn = raw(path)
    assert migrate(conn, target=version) == version
    return conn


def insert_v1_row(conn: sqlite3.Connection, uid: str, text: str, rules: list[str]) -> int:
    """An attempt as version 1 stored it (the report packed without its text)."""
    record = make_record(text, rules=tuple(rules))
    skey = search_key(conn, to_db_time(T0))
    cur = conn.execute(
        "INSERT INTO attempts (uid, created_us, skey, scenario_id, category, turn_id, score, "
        "words, n_findings, grammar_state, grammar_backend, variant, preview) "
        "VALUES (?, ?, ?, 'standup-daily', 'standup', 'update', 70, 12, ?, 'checked', 'local', "
        "'en-GB', ?)",
        (uid, to_db_time(T0), skey, len(rules), text),
    )
    assert cur.lastrowid is not None
    conn.execute(
        "INSERT INTO attempt_bodies (skey, attempt_id, text, report) VALUES (?, ?, ?, ?)",
        (skey, cur.lastrowid, text, pack_report(record.report.model_dump_json(exclude={"text"}))),
    )
    return cur.lastrowid


def test_latest_is_the_number_of_migrations() -> None:
    assert LATEST == len(MIGRATIONS) == 3


def test_v1_creates_attempts_and_marks_the_file_as_ours(tmp_path: Path) -> None:
    conn = at_version(tmp_path / "h.sqlite3", 1)
    assert user_version(conn) == 1
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"attempts", "attempt_bodies"} <= tables and "findings" not in tables


def test_v2_backfills_findings_and_daily_rule_totals(tmp_path: Path) -> None:
    conn = at_version(tmp_path / "h.sqlite3", 1)
    rules = ["style.hedging", "tone.blunt", "style.hedging"]
    a = insert_v1_row(conn, "a" * 32, "I think we should ship.", rules)
    b = insert_v1_row(conn, "b" * 32, "Done.", [])
    c = insert_v1_row(conn, "c" * 32, "I guess so.", ["style.hedging"])
    assert migrate(conn, target=2) == 2
    day = to_db_time(T0) // DAY_US
    rows = conn.execute(
        "SELECT attempt_id, rule_id, category, severity, hits, day FROM findings "
        "ORDER BY attempt_id, rule_id"
    ).fetchall()
    assert rows == [
        (a, "style.hedging", "style", "warning", 2, day),
        (a, "tone.blunt", "tone", "warning", 1, day),
        (c, "style.hedging", "style", "warning", 1, day),
    ]
    assert b not in {r[0] for r in rows}
    totals = conn.execute(
        "SELECT day, rule_id, findings, attempts FROM rule_days ORDER BY rule_id"
    ).fetchall()
    assert totals == [(day, "style.hedging", 3, 2), (day, "tone.blunt", 1, 1)]
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM attempts WHERE id = ?", (a,))  # the triggers keep totals exact
    assert conn.execute("SELECT rule_id, findings, attempts FROM rule_days").fetchall() == [
        ("style.hedging", 1, 1)
    ]


def test_finding_rows_keep_the_worst_severity() -> None:
    found = [
        {"rule_id": "grammar.X", "category": "grammar", "severity": "suggestion"},
        {"rule_id": "grammar.X", "category": "grammar", "severity": "error"},
        {"rule_id": "grammar.X", "category": "grammar", "severity": "warning"},
    ]
    assert finding_rows(7, 100, found) == [(7, "grammar.X", "grammar", "error", 3, 100)]


def test_v3_indexes_existing_text_for_search(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    conn = at_version(path, 2)
    insert_v1_row(conn, "d" * 32, "The deployment pipeline is blocked.", [])
    insert_v1_row(conn, "e" * 32, "Lunch at noon?", [])
    assert migrate(conn, target=3) == 3
    hits = conn.execute(
        "SELECT a.id FROM attempts_fts f JOIN attempts a ON a.skey = f.rowid "
        "WHERE attempts_fts MATCH 'deploy*'"
    )
    assert [r[0] for r in hits] == [1]
    conn.close()
    with HistoryStore(path) as store:
        assert store.search_index
        assert [i.preview for i in store.page(AttemptFilters(search="pipeline")).items] == [
            "The deployment pipeline is blocked."
        ]


def test_store_opens_a_v1_file_with_data_and_migrates_it_fully(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    conn = at_version(path, 1)
    insert_v1_row(conn, "f" * 32, "I guess the fix works.", ["style.hedging"])
    conn.close()
    with HistoryStore(path) as store:
        stored = store.get(1)
        assert stored is not None and stored.text == "I guess the fix works."
        assert stored.report.findings[0].rule_id == "style.hedging"
        assert [r.rule_id for r in store.top_rule_ids()] == ["style.hedging"]
        assert store.page(AttemptFilters(search="guess")).total == 1
    assert user_version(raw(path)) == LATEST


def test_a_migration_that_fails_leaves_the_old_version(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    conn = at_version(path, 1)
    insert_v1_row(conn, "f" * 32, "Bad report below.", [])
    conn.execute("UPDATE attempt_bodies SET report = ?", (pack_report("not json"),))
    with pytest.raises(json.JSONDecodeError):
        migrate(conn)
    assert user_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "findings" not in tables


def test_a_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    conn = at_version(path, LATEST)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError, match=r"newer commcoach"):
        HistoryStore(path).open()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite3"]


def test_open_sets_wal_foreign_keys_and_private_modes(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "history.sqlite3"
    store = HistoryStore(path)
    store.save_attempt(make_record())
    names = {p.name: stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()}
    assert names == {
        "history.sqlite3": 0o600,
        "history.sqlite3-wal": 0o600,
        "history.sqlite3-shm": 0o600,
    }
    conn = raw(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    # foreign keys are on for the store's own connection: deleting an attempt drops its findings
    store.delete_all()
    assert raw(path).execute("SELECT count(*) FROM findings").fetchone()[0] == 0
    store.close()


def test_constructing_a_store_touches_nothing(tmp_path: Path) -> None:
    HistoryStore(tmp_path / "a" / "h.sqlite3")
    assert list(tmp_path.iterdir()) == []


def test_importing_the_history_package_creates_nothing(tmp_path: Path) -> None:
    env_code = (
        "import os, sys\n"
        f"os.environ['COMMCOACH_DATA_DIR'] = {str(tmp_path / 'data')!r}\n"
        "import commcoach.history, commcoach.history.save, commcoach.cli.history_cmd\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", env_code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
    assert list(tmp_path.iterdir()) == []


def test_default_path_is_paths_db_path(isolated_user_dirs: Path) -> None:
    with HistoryStore() as store:
        assert store.path == isolated_user_dirs / "history.sqlite3"
        store.save_attempt(make_record(when=T0 + days(1)))
    assert (isolated_user_dirs / "history.sqlite3").is_file()


def test_search_keys_are_unique_and_follow_time_then_insertion(tmp_path: Path) -> None:
    conn = at_version(tmp_path / "h.sqlite3", LATEST)

    def add(us: int) -> int:
        key = search_key(conn, us)
        conn.execute(
            "INSERT INTO attempt_bodies (skey, attempt_id, text, report) VALUES (?, ?, '', x'')",
            (key, key),
        )
        return key

    conn.execute("BEGIN")
    assert [add(us) for us in (5, 5, 5, 4, 6)] == [5000, 5001, 5002, 4000, 6000]
    for _ in range(997):  # fill microsecond 5 completely
        add(5)
    assert add(5) == 6001
    conn.execute("COMMIT")  # borrows the next free key: still unique, still after its peers


def test_without_fts5_saving_works_and_the_index_is_rebuilt_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A SQLite build without FTS5 must not break saving into a file indexed elsewhere."""
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        store.save_attempt(make_record("indexed with fts"))
    monkeypatch.setattr(schema, "fts5_available", lambda conn: False)
    with HistoryStore(path) as store:
        assert not store.search_index
        store.save_attempt(make_record("saved while fts5 was missing", when=T0 + days(1)))
        assert store.page(AttemptFilters(search="missing")).total == 1  # LIKE
        triggers = raw(path).execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'attempts_fts%'"
        )
        assert triggers.fetchall() == []  # they would need the FTS5 module on every save
    monkeypatch.undo()
    with HistoryStore(path) as store:
        assert store.search_index
        assert store.page(AttemptFilters(search="missing")).total == 1  # rebuilt FTS
        assert store.page(AttemptFilters(search="fts")).total == 2
