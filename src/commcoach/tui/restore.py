"""Bringing autosaved text back after a run that did not quit normally.

At start the app offers the left-overs (`offer_restore`); the learner's choice opens the
composer the text came from (`restore_chosen`), and the text goes in without overwriting
anything typed meanwhile (each composer screen's `restore`). On a normal quit, or "Later",
the files are marked clean: still restorable, no longer offered.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from commcoach.tui.context import AppContext
from commcoach.tui.navigation import open_check, open_draft, open_practice


def offer_restore(app: App[Any], ctx: AppContext) -> None:
    """Text left by a run that did not quit normally: offer it back (one dialog)."""
    from commcoach.tui.screens.dialogs import RestoreDialog

    leftovers = ctx.autosave.unclean()
    if leftovers:
        titles = {s.id: s.title for s in ctx.library.scenarios.values()}
        app.push_screen(
            RestoreDialog(leftovers, titles), lambda choice: restore_chosen(app, ctx, choice)
        )


def restore_chosen(app: App[Any], ctx: AppContext, choice: tuple[str, str] | None) -> None:
    """Restore or discard the chosen text; None ('Later') keeps everything, unoffered."""
    store = ctx.autosave
    if choice is None:
        mark_clean(app, ctx)
        return
    action, key = choice
    entry = store.read(key)
    if action == "discard" or entry is None:
        store.discard(key)
        return
    if entry.kind == "practice" and entry.scenario_id:
        open_practice(app, ctx, entry.scenario_id)
    elif entry.kind == "check":
        open_check(app, ctx)
    else:
        open_draft(app, ctx)
    app.call_after_refresh(_restore_into, app, entry.text)


def _restore_into(app: App[Any], text: str) -> None:
    """Put restored text into the composer that opened, never over typed words."""
    restore = getattr(app.screen, "restore", None)
    if callable(restore):
        restore(text)


def mark_clean(app: App[Any], ctx: AppContext) -> None:
    """Autosaves stay restorable but are not offered at the next start."""
    try:
        ctx.autosave.mark_all_clean()
    except OSError as exc:
        app.notify(f"Could not update the autosave files: {exc.strerror or exc}")
