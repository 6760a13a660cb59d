"""Helpers shared by the sub-commands: one-line errors and loading settings/scenarios."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from commcoach.config import Settings, load_settings
from commcoach.errors import CommcoachError
from commcoach.safe_text import plain

if TYPE_CHECKING:
    from commcoach.scenarios import Library

USAGE_ERROR = 2
"""Exit code for bad usage or unreadable input."""


def echo(message: str = "", *, err: bool = False) -> None:
    """Print text that may hold scenario, history or server strings: never terminal control.

    Every line the CLI prints from outside data goes through here (`safe_text.plain`), so an
    OSC 52 in a scenario title cannot set the clipboard and CSI 2J cannot clear the screen.
    """
    click.echo(plain(message), err=err)


def fail(message: str, code: int = USAGE_ERROR) -> NoReturn:
    """Print one line to stderr and exit."""
    click.echo(f"commcoach: {plain(message, one_line=True)}", err=True)
    raise SystemExit(code)


def settings_or_fail() -> Settings:
    """Load settings; a bad config file is one line and exit 2."""
    try:
        return load_settings()
    except CommcoachError as exc:
        fail(str(exc))


def library_from(ctx: click.Context, warn: bool = True) -> Library:
    """Load all scenarios (built-in, user folder, --scenarios); warn about broken files."""
    from commcoach.scenarios import load_library  # YAML + all scenarios: only when asked for

    dirs = [Path(d) for d in (ctx.find_root().obj or {}).get("scenario_dirs", ())]
    library = load_library(dirs)
    if warn:
        for error in library.errors:
            echo(f"warning: {error}", err=True)
    return library
