"""Where commcoach keeps its files.

Every location comes from platformdirs (per-OS conventions) unless an environment variable
overrides it; tests set the overrides so that they never touch the real user's files.
Functions only, and nothing is created here: callers create folders when they first write.
"""

from __future__ import annotations

import os
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
    """Re-creatable data (the NLTK-format pronunciation dictionary for textstat)."""
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
