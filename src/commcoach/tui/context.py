"""What every screen needs from the app, injected once by the factory (no globals).

Screens read `ctx.engine` at call time: the Settings screen may replace the engine (a new
grammar backend), and everything that runs afterwards uses the new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from commcoach.config import Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.history import HistoryStore
from commcoach.scenarios import Library
from commcoach.tui.autosave import AutosaveStore


@dataclass
class AppContext:
    """The app's dependencies: settings, engine, history, scenarios, autosave, clock."""

    settings: Settings
    engine: FeedbackEngine
    library: Library
    autosave: AutosaveStore
    clock: Callable[[], datetime]
    """Local, aware `now`: injected so that snapshots and tests show fixed dates."""
    cwd: Path
    """Folder whose git log the Draft screen reads."""
    store: HistoryStore | None = None
    """None when the history database cannot be opened (the app still works, unsaved)."""
    store_problem: str = ""
    """Why `store` is None, shown once at start and on the History screen."""
    engine_factory: Callable[[Settings], FeedbackEngine] | None = None
    """Builds a new engine after the grammar settings change (None: keep the engine)."""
    export_dir: Path = field(default_factory=Path.home)
    """Default folder for Markdown drafts and attempt exports."""
    notices: list[str] = field(default_factory=list)
    """One-line problems found while building the app (a broken config file), shown at start."""
