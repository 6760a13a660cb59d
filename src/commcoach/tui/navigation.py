"""Opening screens: one table, one function, used by key bindings, the command palette, the
restore dialog and other screens.

Every screen kind is at most once in the stack (`SCREEN_TABLE`). Opening a kind that is open
already either brings that screen back (the screens above it close) or, when it shows something
else (another scenario, another drill), replaces it; a screen that holds unsent text asks first.
Nothing is lost either way: composers autosave when they close, and the text comes back when
that scenario or the Draft screen opens again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol, runtime_checkable

from textual.app import App
from textual.screen import Screen

from commcoach.tui.context import AppContext


class Policy(Enum):
    """What opening a kind does when a screen of that kind is open already."""

    BRING = "bring the open screen back"
    REPLACE = "replace it when it shows something else (asking first if it holds unsent text)"


@dataclass(frozen=True)
class Route:
    """One row of the screen table."""

    kind: str
    policy: Policy
    why: str


SCREEN_TABLE: dict[str, Route] = {
    route.kind: route
    for route in (
        Route("practice", Policy.REPLACE, "one conversation at a time; another scenario replaces"),
        Route("draft", Policy.BRING, "one draft; a template choice asks before replacing text"),
        Route("drill", Policy.REPLACE, "one drill at a time"),
        Route("check", Policy.BRING, "paste-and-check keeps what you pasted"),
        Route("history", Policy.BRING, "one history"),
        Route("settings", Policy.BRING, "one settings form"),
        Route("help", Policy.REPLACE, "help for the screen below it"),
    )
}
"""Every screen that is opened by name. Home is the bottom of the stack and never pushed; the
feedback screen is opened by its composer (above it), never by name."""


LEAVING: dict[str, str] = {
    "practice": "It stays autosaved and comes back when you open this scenario again.",
    "drill": "Drills are not autosaved: this rewrite will be gone.",
}
"""What happens to the text you leave, by kind."""


@runtime_checkable
class Routed(Protocol):
    """A screen in the table: its kind, what it shows, and any text it would lose."""

    nav_kind: str

    @property
    def nav_key(self) -> str:
        """What the screen shows (a scenario id, a drill's rule); '' for one-of-a-kind screens."""
        ...

    def unsent_text(self) -> str:
        """Text the learner typed and has not submitted ('' for none)."""
        ...


def open_screen(
    app: App[Any],
    kind: str,
    key: str,
    make: Callable[[], Screen[Any]],
    *,
    title: str = "",
) -> None:
    """Open `kind` showing `key`, following the table (`title` names it in the question)."""
    route = SCREEN_TABLE[kind]
    existing = next(
        (s for s in app.screen_stack if isinstance(s, Routed) and s.nav_kind == kind), None
    )
    if existing is None:
        app.push_screen(make())
        return
    if route.policy is Policy.BRING or existing.nav_key == key:
        _pop_to(app, existing)
        return

    def replace() -> None:
        _pop_to(app, existing)
        if app.screen is existing and len(app.screen_stack) > 1:
            app.pop_screen()
        app.push_screen(make())

    unsent = existing.unsent_text()
    if not unsent.strip():
        replace()
        return
    from commcoach.plural import count
    from commcoach.tui.screens.dialogs import ConfirmDialog

    words = count(len(unsent.split()), "word")
    question = ConfirmDialog(
        f"Leave your unsent text ({words})?",
        LEAVING.get(kind, "") + (f" Open {title} now?" if title else ""),
        yes="Open",
        no="Stay",
    )
    app.push_screen(question, lambda yes: replace() if yes else None)


def _pop_to(app: App[Any], screen: Screen[Any]) -> None:
    while app.screen is not screen and len(app.screen_stack) > 1:
        app.pop_screen()


def open_practice(app: App[Any], ctx: AppContext, scenario_id: str) -> None:
    """Practise a scenario (an unknown id is a notice, not a crash)."""
    from commcoach.tui.screens.practice import PracticeScreen

    scenario = ctx.library.scenarios.get(scenario_id)
    if scenario is None:
        app.notify(f"No scenario with id '{scenario_id}'.", severity="error")
        return
    open_screen(
        app,
        "practice",
        scenario_id,
        lambda: PracticeScreen(ctx, scenario),
        title=f"“{scenario.title}”",
    )


def open_draft(app: App[Any], ctx: AppContext, template_id: str | None = None) -> None:
    """The Draft screen; with a template, an open Draft switches to it (asking about text)."""
    from commcoach.tui.screens.draft import DraftScreen

    open_screen(app, "draft", "", lambda: DraftScreen(ctx, template_id))
    screen = app.screen
    if template_id and isinstance(screen, DraftScreen) and screen.template.id != template_id:
        screen.choose_template(template_id)


def open_check(app: App[Any], ctx: AppContext) -> None:
    """Paste any message and check it (nothing is filed in the history)."""
    from commcoach.tui.screens.check import CheckScreen

    open_screen(app, "check", "", lambda: CheckScreen(ctx))


def open_history(app: App[Any], ctx: AppContext) -> None:
    """The History screen."""
    from commcoach.tui.screens.history import HistoryScreen

    open_screen(app, "history", "", lambda: HistoryScreen(ctx))


def open_settings(app: App[Any], ctx: AppContext) -> None:
    """The Settings screen."""
    from commcoach.tui.screens.settings import SettingsScreen

    open_screen(app, "settings", "", lambda: SettingsScreen(ctx))


def open_help(app: App[Any]) -> None:
    """Every key binding, for the screen you came from (Help on Help does nothing)."""
    from commcoach.tui.screens.help import HelpScreen

    if isinstance(app.screen, HelpScreen):
        return
    below = app.screen
    open_screen(app, "help", str(id(below)), lambda: HelpScreen(below))


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
            drill = practice.drill
            app.call_from_thread(
                open_screen, app, "drill", drill.rule_id, lambda: DraftScreen(ctx, drill=drill)
            )
        elif practice is not None and practice.scenario_id:
            app.call_from_thread(open_practice, app, ctx, practice.scenario_id)
        else:
            from commcoach.feedback.names import habit_name

            app.call_from_thread(
                app.notify,
                f"No recent text flagged for “{habit_name(rule_id).name}” to practise.",
                severity="warning",
            )

    app.run_worker(
        work, thread=True, group="drill", exit_on_error=False, description="Find a drill"
    )
