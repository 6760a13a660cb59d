"""What every screen needs from the app, injected once by the factory (no globals).

The feedback engine is built on first use (normally by a worker right after the first frame),
so that start-up does not wait for the style rules, textstat and the grammar client to import.
Screens read `ctx.engine` at call time: the Settings screen may replace the engine (a new
grammar backend), and everything that runs afterwards uses the new one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from commcoach.config import Settings
from commcoach.feedback.report import Report
from commcoach.history import HistoryStore
from commcoach.scenarios import Library
from commcoach.tui.autosave import AutosaveStore

if TYPE_CHECKING:
    from commcoach.feedback.engine import FeedbackEngine


def default_engine(settings: Settings) -> FeedbackEngine:
    """The real feedback engine (imported here, when first needed)."""
    from commcoach.feedback.engine import FeedbackEngine

    return FeedbackEngine(settings)


@dataclass
class AppContext:
    """The app's dependencies: settings, engine, history, scenarios, autosave, clock."""

    settings: Settings
    library: Library
    autosave: AutosaveStore
    clock: Callable[[], datetime]
    """Local, aware `now`: injected so that snapshots and tests show fixed dates."""
    cwd: Path
    """Folder whose git log the Draft screen reads."""
    store: HistoryStore | None = None
    """None when there is no history database (the app still works, unsaved)."""
    store_problem: str = ""
    """Why the history cannot be used, shown at start and on the History screen."""
    engine_factory: Callable[[Settings], FeedbackEngine] = default_engine
    """Builds the engine, at first use and again after the grammar settings change."""
    export_dir: Path = field(default_factory=Path.home)
    """Default folder for Markdown drafts and attempt exports."""
    notices: list[str] = field(default_factory=list)
    """One-line problems found while building the app (a broken config file), shown at start."""
    library_loader: Callable[[], Library] | None = None
    """When set, `library` starts empty and the app loads it in a worker after the first frame."""
    initial_engine: FeedbackEngine | None = None
    """An engine injected by the caller (tests, benchmarks); otherwise made on first use."""
    latest_feedback: dict[int, tuple[Report, bool]] = field(default_factory=dict)
    """Newest feedback per check request (report, final), for a screen that opens after the
    message about it was delivered."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def engine(self) -> FeedbackEngine:
        """The feedback engine, built on first use (thread-safe)."""
        with self._lock:
            if self.initial_engine is None:
                self.initial_engine = self.engine_factory(self.settings)
            return self.initial_engine

    @property
    def has_engine(self) -> bool:
        """True once the engine exists (closing a never-built engine is a no-op)."""
        return self.initial_engine is not None

    def replace_engine(self, settings: Settings) -> FeedbackEngine | None:
        """Build an engine for new settings; returns the old one for the caller to close."""
        engine = self.engine_factory(settings)
        with self._lock:
            old, self.initial_engine = self.initial_engine, engine
        return old
