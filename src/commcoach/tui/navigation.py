"""Opening screens: one place, used by key bindings, the command palette and other screens.

A screen that is already open is brought back (the screens above it are closed) instead of
being opened twice, so the stack stays short and `escape` always leads back towards Home.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.screen import Screen

from commcoach.tui.context import AppContext


def bring_or_push(
    app: App[Any],
    kind: type[Screen[Any]],
    make: Callable[[], Screen[Any]],
    same: Callable[[Screen[Any]], bool] = lambda _: True,
) -> None:
    """Pop back to an open screen of `kind` that is `same`, or push a new one."""
    for screen in app.screen_stack:
        if isinstance(screen, kind) and same(screen):
            while app.screen is not screen and len(app.screen_stack) > 1:
                app.pop_screen()
            return
    app.push_screen(make())


def open_practice(app: App[Any], ctx: AppContext, scenario_id: str) -> None:
    """Practise a scenario (an unknown id is a notice, not a crash)."""
    from commcoach.tui.screens.practice import PracticeScreen

    scenario = ctx.library.scenarios.get(scenario_id)
    if scenario is None:
        app.notify(f"No scenario with id '{scenario_id}'.", severity="error")
        return

    def same(screen: Screen[Any]) -> bool:
        return isinstance(screen, PracticeScreen) and screen.scenario.id == scenario_id

    bring_or_push(app, PracticeScreen, lambda: PracticeScreen(ctx, scenario), same)


def open_draft(app: App[Any], ctx: AppContext, template_id: str | None = None) -> None:
    """The Draft screen (optionally switching to a template)."""
    from commcoach.tui.screens.draft import DraftScreen

    bring_or_push(app, DraftScreen, lambda: DraftScreen(ctx, template_id))


def open_history(app: App[Any], ctx: AppContext) -> None:
    """The History screen."""
    from commcoach.tui.screens.history import HistoryScreen

    bring_or_push(app, HistoryScreen, lambda: HistoryScreen(ctx))


def open_settings(app: App[Any], ctx: AppContext) -> None:
    """The Settings screen."""
    from commcoach.tui.screens.settings import SettingsScreen

    bring_or_push(app, SettingsScreen, lambda: SettingsScreen(ctx))


def open_help(app: App[Any]) -> None:
    """Every key binding, for the screen you came from."""
    from commcoach.tui.screens.help import HelpScreen

    if isinstance(app.screen, HelpScreen):
        return
    app.push_screen(HelpScreen(app.screen))


def open_rule_practice(app: App[Any], ctx: AppContext, rule_id: str) -> None:
    """Practise a rule: a drill on your own sentence, or the scenario you missed it in."""
    from commcoach.history import HistoryError
    from commcoach.tui.drills import practice_for
    from commcoach.tui.screens.draft import DraftScreen

    store = ctx.store
    if store is None:
        app.notify(ctx.store_problem or "No history database.", severity="error")
        return

    def work() -> None:
        try:
            practice = practice_for(store, [rule_id]).get(rule_id)
        except HistoryError as exc:
            app.call_from_thread(app.notify, str(exc), severity="error")
            return
        if practice is not None and practice.drill is not None:
            app.call_from_thread(app.push_screen, DraftScreen(ctx, drill=practice.drill))
        elif practice is not None and practice.scenario_id:
            app.call_from_thread(open_practice, app, ctx, practice.scenario_id)
        else:
            app.call_from_thread(
                app.notify, f"No recent text flagged by {rule_id} to practise.", severity="warning"
            )

    app.run_worker(
        work, thread=True, group="drill", exit_on_error=False, description="Find a drill"
    )
