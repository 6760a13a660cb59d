"""Pilot-test fixtures: the real app from the real factory, a real SQLite history in the test's
temporary folder (the autouse isolation in tests/conftest.py points COMMCOACH_DATA_DIR there),
the real feedback engine with grammar off (fast), fixed scenarios and a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from commcoach import paths
from commcoach.config import GrammarBackend, GrammarSettings, Settings
from commcoach.history import HistoryStore
from commcoach.scenarios import Library, expand, load_paths
from commcoach.tui.app import CommCoachApp
from commcoach.tui.factory import make_app

SCENARIOS = Path(__file__).parent / "scenarios"
"""Copies of four shipped scenarios, so that edits to the library do not break these tests."""
TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 11, 9, 30, tzinfo=TZ)
"""A Wednesday: the last working day is Tuesday."""


def fixed_clock() -> datetime:
    """The tests' `now`."""
    return NOW


def test_library() -> Library:
    """The four fixture scenarios."""
    return load_paths(expand([SCENARIOS]))


test_library.__test__ = False  # type: ignore[attr-defined]


@pytest.fixture
def off_settings() -> Settings:
    """Grammar off: the full check is as fast as the local one."""
    return Settings(grammar=GrammarSettings(backend=GrammarBackend.OFF))


@pytest.fixture
def store() -> HistoryStore:
    """A real history database in the test's data folder."""
    history = HistoryStore(paths.db_path())
    yield history
    history.close()


@pytest.fixture
def build(
    off_settings: Settings, store: HistoryStore, tmp_path: Path
) -> Callable[..., CommCoachApp]:
    """`build(**overrides)`: the app through `make_app`, with test defaults."""

    def make(**overrides: Any) -> CommCoachApp:
        options: dict[str, Any] = {
            "settings": off_settings,
            "store": store,
            "library": test_library(),
            "clock": fixed_clock,
            "cwd": tmp_path,
            "cursor_blink": False,
        }
        options.update(overrides)
        return make_app(**options)

    return make
