"""The attempt history: one SQLite file in the user data folder (see `commcoach.paths.db_path`).

Headless (no textual). Start with `HistoryStore` and `AttemptRecord`; the TUI keeps failed saves
in a `PendingSaves` and offers retry or export.
"""

from __future__ import annotations

from commcoach.history.errors import HistoryError, HistoryWriteError
from commcoach.history.models import (
    AttemptFilters,
    AttemptPage,
    AttemptRecord,
    AttemptSummary,
    PractiseItem,
    RuleCount,
    ScenarioScores,
    StoredAttempt,
    WeeklyScore,
    scenario_hash,
)
from commcoach.history.pending import PendingSaves
from commcoach.history.store import HistoryStore

__all__ = [
    "AttemptFilters",
    "AttemptPage",
    "AttemptRecord",
    "AttemptSummary",
    "HistoryError",
    "HistoryStore",
    "HistoryWriteError",
    "PendingSaves",
    "PractiseItem",
    "RuleCount",
    "ScenarioScores",
    "StoredAttempt",
    "WeeklyScore",
    "scenario_hash",
]
