"""Real processes against one database: writers killed with SIGKILL mid-write, and two
processes saving at the same time. See history_writer.py for the writer side."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from commcoach.history import HistoryStore

WRITER = Path(__file__).with_name("history_writer.py")
KILLS = 220
FRESH_EVERY = 20
"""Every 20th kill starts a new database and lands during creation or migration."""


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow
def test_writers_killed_at_random_moments_never_lose_a_returned_save(tmp_path: Path) -> None:
    rng = random.Random(20250303)
    zygote = subprocess.Popen(
        [sys.executable, str(WRITER), "zygote"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    saved: dict[Path, dict[int, str]] = defaultdict(dict)
    mid_save = with_saves = 0
    db = tmp_path / "db-0" / "history.sqlite3"
    started = time.monotonic()
    try:
        for kill in range(KILLS):
            if kill % FRESH_EVERY == 0:
                db = tmp_path / f"db-{kill}" / "history.sqlite3"
                phase, delay_us = "start", rng.randrange(0, 40_000)
            else:
                phase, delay_us = "ready", rng.randrange(0, 40_000)
            zygote.stdin.write(f"run {db} {phase} {delay_us}\n")
            last = ""
            mine: dict[int, str] = {}
            while True:
                line = zygote.stdout.readline()
                assert line, f"zygote died: {zygote.stderr.read() if zygote.stderr else ''}"
                assert not line.startswith("error"), line
                if line.startswith("done"):
                    break
                last = line
                parts = line.split()
                if parts[1] == "saved":
                    mine[int(parts[3])] = parts[4]
            mid_save += " saving " in last
            with_saves += bool(mine)

            # The killed writer's database opens (not judged damaged), passes the integrity
            # check, and holds every attempt whose save had returned, with that attempt's uid.
            with HistoryStore(db) as store:
                assert store.notice is None
                for attempt_id, uid in mine.items():
                    stored = store.get(attempt_id)
                    assert stored is not None, f"kill {kill}: lost #{attempt_id}"
                    assert stored.uid == uid, f"kill {kill}: #{attempt_id} changed"
            assert integrity(db) == "ok", f"kill {kill}"
            saved[db].update(mine)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
    elapsed = time.monotonic() - started
    total = sum(len(v) for v in saved.values())
    print(
        f"{KILLS} kills: {with_saves} after saves, {mid_save} inside save_attempt, "
        f"{total} saves returned, {elapsed:.1f} s"
    )

    # Every attempt in every database reads back as a complete, valid record.
    for path, expected in saved.items():
        with HistoryStore(path) as store:
            stored = {a.id: a.uid for a in store.iter_attempts()}
        assert expected.items() <= stored.items()
    # The kills really hit the write path, not only idle moments.
    assert with_saves >= KILLS * 0.3
    assert mid_save >= KILLS * 0.5, f"only {mid_save} kills landed inside save_attempt"
    assert elapsed < 90, f"kill loop took {elapsed:.0f} s"


def run_concurrently(db: Path, count: int, busy_ms: int) -> list[dict[int, str]]:
    start_at = time.time() + 1.5  # both have imported everything by then
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), "concurrent", str(db), str(count), str(start_at)]
            + [str(busy_ms)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append({int(i): uid for _, i, uid in (line.split() for line in out.splitlines())})
    return results


@pytest.mark.parametrize("busy_ms", [1000, 1])
def test_two_processes_saving_at_once_both_succeed(tmp_path: Path, busy_ms: int) -> None:
    """Both start on a database that does not exist yet, so creation and migration race too.
    With a 1 ms busy timeout SQLite gives up at once and our retry loop does the waiting."""
    db = tmp_path / "data" / "history.sqlite3"
    first, second = run_concurrently(db, 150, busy_ms)
    assert len(first) == len(second) == 150
    assert not set(first) & set(second)
    with HistoryStore(db) as store:
        stored = {a.id: a.uid for a in store.iter_attempts()}
        assert store.notice is None
    assert stored == {**first, **second}
    assert integrity(db) == "ok"
    assert not [p for p in db.parent.iterdir() if ".corrupt-" in p.name]
    assert db.stat().st_mode & 0o777 == 0o600
