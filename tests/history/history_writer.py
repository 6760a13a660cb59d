"""Writer processes for the history reliability tests (run as a script, never imported by tests).

`zygote` mode: a long-lived process that has imported commcoach once and forks one writer per
command, so that hundreds of real writer processes cost milliseconds each instead of the
~0.3 s a fresh Python needs to import pydantic and the Report models. It never opens SQLite
itself (a connection must not cross a fork). For each line `run DB PHASE DELAY_US` on stdin it
forks a writer that saves attempts to DB in a loop, waits until the writer reaches PHASE
(`start`: before opening, so the kill can land in creation/migration; `ready`: opened, saving),
sleeps DELAY_US, SIGKILLs it, reaps it, and prints `done PID`. Writers print
`PID saving N` before and `PID saved N ID UID` after each save_attempt returns; each line is one
write(2) to a pipe, so a kill never leaves half a line.

`concurrent` mode: `concurrent DB COUNT START_AT BUSY_MS`: open DB, wait until the wall clock
reaches START_AT, save COUNT attempts as fast as possible, print `saved ID` for each, exit 0.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from pathlib import Path

from history_factories import T0, days, make_record

from commcoach.history import HistoryStore


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def writer(db: Path, ready_fd: int) -> None:
    pid = os.getpid()
    os.write(ready_fd, b"s")
    store = HistoryStore(db)
    store.open()
    os.write(ready_fd, b"r")
    n = 0
    while True:
        record = make_record(
            f"writer {pid} attempt {n}: " + "the deployment is blocked on review. " * 20,
            score=n % 101,
            when=T0 + days(n % 400),
            rules=("style.hedging", "grammar.AGR", "tone.blunt")[: n % 4],
        )
        say(f"{pid} saving {n}")
        attempt_id = store.save_attempt(record)
        say(f"{pid} saved {n} {attempt_id} {record.uid}")
        n += 1


def zygote() -> None:
    for line in sys.stdin:
        command, db, phase, delay_us = line.split()
        assert command == "run"
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(read_fd)
            try:
                writer(Path(db), write_fd)
            finally:
                os._exit(3)  # never fall back into the zygote's loop
        os.close(write_fd)
        wanted = b"s" if phase == "start" else b"r"
        seen = b""
        while wanted not in seen:
            ready, _, _ = select.select([read_fd], [], [], 30)
            chunk = os.read(read_fd, 2) if ready else b""
            if not chunk:
                say(f"error writer {pid} never reached {phase}")
                break
            seen += chunk
        time.sleep(int(delay_us) / 1_000_000)
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(read_fd)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        say(f"done {pid}" if killed else f"error writer {pid} exited with status {status}")


def concurrent(db: Path, count: int, start_at: float, busy_ms: int) -> None:
    store = HistoryStore(db, busy_timeout_ms=busy_ms)
    time.sleep(max(0.0, start_at - time.time()))
    store.open()
    pid = os.getpid()
    for n in range(count):
        record = make_record(f"process {pid} attempt {n}", when=T0 + days(n))
        say(f"saved {store.save_attempt(record)} {record.uid}")
    store.close()


if __name__ == "__main__":
    if sys.argv[1] == "zygote":
        zygote()
    else:
        concurrent(Path(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]))
