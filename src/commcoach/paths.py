"""Where commcoach keeps its files.

Every location comes from platformdirs (per-OS conventions) unless an environment variable
overrides it; tests set the overrides so that they never touch the real user's files.
Functions only, and nothing is created here: callers create folders when they first write.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from pathlib import Path

import platformdirs

APP_NAME = "commcoach"

DATA_DIR_ENV = "COMMCOACH_DATA_DIR"
CONFIG_FILE_ENV = "COMMCOACH_CONFIG_FILE"
LANGUAGETOOL_DIR_ENV = "COMMCOACH_LANGUAGETOOL_DIR"


def data_dir() -> Path:
    """Folder for the history database, autosaved drafts and user scenarios."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    """The TOML settings file."""
    override = os.environ.get(CONFIG_FILE_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def cache_dir() -> Path:
    """Re-creatable data (the compiled syllable and hyphenation tables)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser() / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def languagetool_dir() -> Path:
    """Folder holding `LanguageTool-<version>/` (large; shared by all runs).

    `COMMCOACH_LANGUAGETOOL_DIR` overrides it so that CI and tests can share one install.
    """
    override = os.environ.get(LANGUAGETOOL_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "languagetool"


def db_path() -> Path:
    """The SQLite history database."""
    return data_dir() / "history.sqlite3"


def user_scenarios_dir() -> Path:
    """Where users drop their own scenario YAML files."""
    return data_dir() / "scenarios"


def autosave_dir() -> Path:
    """Composer autosaves, one file per composer, restored after a crash."""
    return data_dir() / "autosave"


PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) as 0700 folders; returns it. Idempotent.

    `Path.mkdir(parents=True, mode=...)` gives the mode to the last folder only: parents get
    0755, so the data folder was 0755 when `check` created it first and 0700 when the history
    did. Every folder created here is 0700, and a data folder left 0755 by an older version is
    narrowed (only folders we created: the data folder itself and those inside it).
    """
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        folder.chmod(PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    _narrow(path)
    return path


def _narrow(path: Path) -> None:
    """Make our own data folders 0700 if found wider (never a folder the user chose)."""
    base = data_dir()
    for folder in (path, *path.parents):
        if folder != base and base not in folder.parents:
            continue
        try:
            info = folder.stat()
            if info.st_mode & 0o077 and info.st_uid == getattr(os, "getuid", lambda: -1)():
                folder.chmod(PRIVATE_DIR_MODE)
        except OSError:
            continue


def write_private(path: Path, data: str) -> None:
    """Write `data` to `path` atomically with mode 0600, whatever the umask.

    The temporary file is created with O_EXCL and 0600 before any byte is written, so the text
    is never readable by others, not even for a moment; `replace` keeps that mode.
    """
    private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def save_cache(target: Path, data: bytes) -> bool:
    """Write a re-creatable cache file atomically (temp file + rename): False, and no temp file
    left, when it cannot be written (full disk, read-only home); the caller works without it."""
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(target)
        return True
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
        return False
