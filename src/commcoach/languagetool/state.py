"""The shared server's files in `<data dir>/languagetool/`: a lock, a state file, a touch file.

One LanguageTool server per user is shared by the app and every `commcoach check`. They meet
here:

- `server.lock`: `fcntl.flock` on it serialises starting and stopping, so two processes that
  need a server at once start exactly one (the lock dies with its holder; no stale locks);
- `server.json` (mode 0600, folder 0700): who serves and how - supervisor pid, port, URL,
  LanguageTool version, the server-side settings that matter (`identity`), the state
  (starting / ready / unavailable) and, when unavailable, why. A reader trusts it only when the
  file belongs to this user and its supervisor process is alive, belongs to this user and really
  is our supervisor (a recycled pid is not);
- `last-used`: every check touches it; the supervisor stops the JVM once its mtime is older than
  the idle timeout, whether or not any commcoach process is still alive.

The data folder is per user (platformdirs or COMMCOACH_DATA_DIR), and files or processes of
another uid are never used, so a server is never shared across users. We expose nothing beyond
LanguageTool's own /v2 API on 127.0.0.1, so there is no token: stopping and restarting go
through signals to a pid we verified.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

from commcoach import paths

FORMAT = 1
"""Bumped when the state file's fields change; an old file counts as stale."""
SUPERVISOR_MODULE = "commcoach.languagetool.supervisor"
"""What a supervisor's command line contains (used to tell it from a recycled pid)."""


def shared_dir() -> Path:
    """`<data dir>/languagetool`: per user, because the data dir is."""
    return paths.data_dir() / "languagetool"


def ensure_private_dir(folder: Path) -> None:
    """Create the folder 0700; refuse one that belongs to another user."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    info = folder.stat()
    if info.st_uid != os.getuid():
        raise PermissionError(f"{folder} belongs to uid {info.st_uid}, not to you")


@dataclass(slots=True)
class ServerRecord:
    """The content of server.json."""

    supervisor_pid: int
    state: str
    """starting, ready or unavailable (a stopped server has no file)."""
    version: str
    identity: dict[str, str]
    """Server-side settings that matter; any difference means restart (see server.identity)."""
    idle_seconds: float
    url: str = ""
    port: int = 0
    jvm_pids: list[int] = field(default_factory=list)
    reason: str = ""
    """A GrammarReason value when unavailable."""
    detail: str = ""
    started: float = 0.0
    uid: int = field(default_factory=os.getuid)
    format: int = FORMAT

    def to_json(self) -> str:
        """The file's text."""
        return json.dumps(asdict(self), indent=2, sort_keys=True)


def state_path(folder: Path) -> Path:
    """server.json in `folder`."""
    return folder / "server.json"


def touch_path(folder: Path) -> Path:
    """The last-used file in `folder`."""
    return folder / "last-used"


def read_record(folder: Path) -> ServerRecord | None:
    """The state file if present, ours and well-formed; None otherwise (never raises)."""
    path = state_path(folder)
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            raw = handle.read(64 * 1024)
    except OSError:
        return None
    if info.st_uid != os.getuid():
        return None
    try:
        data: Any = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        record = ServerRecord(**data)
    except (ValueError, TypeError):
        return None
    if record.uid != os.getuid() or not isinstance(record.identity, dict):
        return None
    return record


def write_record(folder: Path, record: ServerRecord) -> None:
    """Replace the state file atomically, mode 0600."""
    ensure_private_dir(folder)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".server-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(record.to_json())
        Path(tmp).replace(state_path(folder))
    except OSError:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def remove_record(folder: Path, supervisor_pid: int | None = None) -> None:
    """Delete the state file (only if it still names `supervisor_pid`, when given)."""
    if supervisor_pid is not None:
        current = read_record(folder)
        if current is not None and current.supervisor_pid != supervisor_pid:
            return
    with contextlib.suppress(OSError):
        state_path(folder).unlink()


def touch(folder: Path) -> None:
    """Mark the server as used now (cheap: one utime, or a create the first time)."""
    path = touch_path(folder)
    try:
        os.utime(path)
    except FileNotFoundError:
        with contextlib.suppress(OSError):
            ensure_private_dir(folder)
            path.touch(mode=0o600)
    except OSError:
        pass


def last_used(folder: Path) -> float:
    """Wall-clock time of the last use (0 when never used)."""
    try:
        return touch_path(folder).stat().st_mtime
    except OSError:
        return 0.0


def is_supervisor(pid: int) -> bool:
    """True when `pid` is alive, belongs to this user and runs our supervisor module."""
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE or proc.uids().real != os.getuid():
            return False
        return SUPERVISOR_MODULE in " ".join(proc.cmdline())
    except (psutil.Error, OSError):
        return False


@contextlib.contextmanager
def server_lock(folder: Path, timeout: float) -> Iterator[bool]:
    """Hold `server.lock` (flock) for the block; yields False when not acquired in time."""
    ensure_private_dir(folder)
    fd = os.open(folder / "server.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.05)
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
