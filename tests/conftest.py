"""Hermetic test set-up: every test gets its own data dir and config file (never the user's)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["languagetool_fixtures"]


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point COMMCOACH_DATA_DIR and COMMCOACH_CONFIG_FILE into a fresh temporary folder."""
    data = tmp_path / "commcoach-data"
    monkeypatch.setenv("COMMCOACH_DATA_DIR", str(data))
    monkeypatch.setenv("COMMCOACH_CONFIG_FILE", str(tmp_path / "commcoach-config.toml"))
    for name in list(__import__("os").environ):
        if name.startswith("COMMCOACH_GRAMMAR__") or name.startswith("COMMCOACH_UI__"):
            monkeypatch.delenv(name)
    return data
