"""make_app: the one place the app is built, shared by the CLI, the Pilot tests and the
snapshot apps. Dependencies may be injected; whatever is not is made here, never at import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from commcoach import paths
from commcoach.config import (
    DictionarySettings,
    GrammarSettings,
    Settings,
    UISettings,
    load_settings,
)
from commcoach.errors import ConfigError
from commcoach.feedback.engine import FeedbackEngine
from commcoach.history import HistoryStore
from commcoach.scenarios import Library, load_library
from commcoach.tui.app import CommCoachApp
from commcoach.tui.autosave import AutosaveStore
from commcoach.tui.context import AppContext


def local_now() -> datetime:
    """The local time, timezone-aware."""
    return datetime.now().astimezone()


def default_settings() -> Settings:
    """Built-in defaults, without reading the (broken) TOML file or the environment."""
    return Settings.model_construct(
        grammar=GrammarSettings(), dictionary=DictionarySettings(), ui=UISettings()
    )


def make_app(
    settings: Settings | None = None,
    store: HistoryStore | None = None,
    engine: FeedbackEngine | None = None,
    scenario_dirs: Sequence[Path] = (),
    *,
    library: Library | None = None,
    clock: Callable[[], datetime] | None = None,
    cwd: Path | None = None,
    start_grammar: bool = True,
    offer_restore: bool = True,
    cursor_blink: bool = True,
) -> CommCoachApp:
    """Build the app; `settings`, `store`, `engine`, `library` and `clock` may be injected."""
    config_problem = ""
    if settings is None:
        try:
            settings = load_settings()
        except ConfigError as exc:
            config_problem = f"{exc} (using the defaults until it is fixed)"
            settings = default_settings()
    if library is None:
        library = load_library(list(scenario_dirs))
    here = cwd if cwd is not None else Path.cwd()
    ctx = AppContext(
        settings=settings,
        engine=engine if engine is not None else FeedbackEngine(settings),
        library=library,
        autosave=AutosaveStore(paths.autosave_dir()),
        clock=clock or local_now,
        cwd=here,
        store=store if store is not None else HistoryStore(paths.db_path()),
        engine_factory=FeedbackEngine,
        export_dir=here,
        notices=[config_problem] if config_problem else [],
    )
    return CommCoachApp(
        ctx, start_grammar=start_grammar, offer_restore=offer_restore, cursor_blink=cursor_blink
    )
