"""Command palette entries: every action of the screen you are on, every screen, every
scenario and template. Generated from the screens' bindings, so the palette and the footer
never disagree."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from commcoach.tui.context import AppContext
from commcoach.tui.navigation import (
    open_check,
    open_draft,
    open_help,
    open_history,
    open_practice,
    open_settings,
)
from commcoach.tui.templates import TEMPLATES


def screen_bindings(screen: Screen[Any]) -> list[tuple[DOMNode, Binding]]:
    """The screen's own bindings, plus those its focused widget shows in the footer.

    Widgets' navigation keys (up, page down, ...) are left out: they are not actions.
    """
    found: list[tuple[DOMNode, Binding]] = []
    focused = screen.focused
    if focused is not None:
        found += [
            (focused, b)
            for b in getattr(type(focused), "BINDINGS", [])
            if isinstance(b, Binding) and b.show and b.description
        ]
    found += [(screen, b) for b in getattr(type(screen), "BINDINGS", []) if isinstance(b, Binding)]
    return found


def screen_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    """The actions this screen offers right now (hidden ones, per check_action, left out)."""
    seen: set[str] = set()
    for node, binding in screen_bindings(screen):
        state = node.check_action(binding.action.partition("(")[0], ())
        if not binding.description or state is False or binding.action in seen:
            continue
        seen.add(binding.action)
        key = app.get_key_display(binding)
        yield SystemCommand(
            binding.description,
            f"{key} · {binding.tooltip or 'on this screen'}",
            partial(app.run_action, binding.action, node),
        )


def app_commands(app: App[Any], ctx: AppContext) -> Iterable[SystemCommand]:
    """Screens, every scenario ('Practise: …') and every template ('Draft: …')."""
    yield SystemCommand("Home", "Back to the scenario list", partial(app.run_action, "app.home"))
    yield SystemCommand(
        "Draft a message", "Stand-up, weekly update, clarification…", partial(open_draft, app, ctx)
    )
    yield SystemCommand(
        "Check a message", "Paste any message and check it", partial(open_check, app, ctx)
    )
    yield SystemCommand(
        "History", "Attempts, scores over time, frequent findings", partial(open_history, app, ctx)
    )
    yield SystemCommand(
        "Settings", "Grammar, English variant, dictionary, theme", partial(open_settings, app, ctx)
    )
    yield SystemCommand("Help", "Every key binding", partial(open_help, app))
    yield SystemCommand(
        "Grammar status",
        "What the grammar checker is doing and why",
        partial(app.run_action, "app.grammar_status"),
    )
    for scenario in ctx.library.scenarios.values():
        yield SystemCommand(
            f"Practise: {scenario.title}",
            f"{scenario.category} · difficulty {scenario.difficulty}",
            partial(open_practice, app, ctx, scenario.id),
            discover=False,
        )
    for template in TEMPLATES:
        yield SystemCommand(
            f"Draft: {template.title}",
            template.tip,
            partial(open_draft, app, ctx, template.id),
            discover=False,
        )
