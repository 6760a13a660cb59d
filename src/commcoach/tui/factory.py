"""make_app: the one place the app is built, shared by the CLI, the Pilot tests and the
snapshot apps. Dependencies may be injected; whatever is not is made here, never at import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from commcoach import paths
from commcoach.config import (
    DictionarySettings,
    GrammarSettings,
    Settings,
    UISettings,
    load_settings,
)
from commcoach.errors import ConfigError
from commcoach.history import HistoryStore
from commcoach.scenarios import Library, load_library
from commcoach.tui.app import CommCoachApp
from commcoach.tui.autosave import AutosaveStore
from commcoach.tui.context import AppContext

if TYPE_CHECKING:
    from commcoach.feedback.engine import FeedbackEngine


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
    loader = None
    if library is None:
        library = Library()
        loader = partial(load_library, list(scenario_dirs))
    here = cwd if cwd is not None else Path.cwd()
    ctx = AppContext(
        settings=settings,
        initial_engine=engine,
        library=library,
        library_loader=loader,
        autosave=AutosaveStore(paths.autosave_dir()),
        clock=clock or local_now,
        cwd=here,
        store=store if store is not None else HistoryStore(paths.db_path()),
        export_dir=paths.data_dir() / "exports",  # never the user's work repo (issue 15)
        notices=[config_problem] if config_problem else [],
    )
    return CommCoachApp(
        ctx, start_grammar=start_grammar, offer_restore=offer_restore, cursor_blink=cursor_blink
    )
