"""Help: every key binding, for the screen you came from first and then for every screen.

Generated from the screens' `BINDINGS`, so it cannot go out of date. Every action is also in
the command palette (ctrl+p).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from commcoach.tui.widgets.status_bar import TopBar

INTRO = (
    "Keys that work everywhere they make sense: Enter opens the selected item, ctrl+s submits "
    "the text in a composer, Esc goes back, ctrl+q quits, ctrl+p opens the command palette "
    "(every action is there too), F1 shows this help."
)


def _bindings(bindings: list[BindingType]) -> list[Binding]:
    return [b for b in bindings if isinstance(b, Binding) and b.description]


MARKS: list[Content] = [
    Content.assemble(("  ● ", "$text-error"), "error: a mistake readers will notice; fix it"),
    Content.assemble(("  ▲ ", "$text-warning"), "warning: likely to confuse or sound wrong"),
    Content.assemble(("  ◆ ", "$text-accent"), "suggestion: a clearer or more natural way"),
    Content.assemble(("  ✓ / ✗ ", "bold"), "a part of the task you wrote / still missing"),
    Content.assemble(("  underline ", "underline"), "the words a finding is about"),
]
"""What the symbols in the findings lists and checklists mean (shape as well as colour)."""

SCORE_PARTS: list[Content] = [
    Content.assemble(("  content      40  ", "bold"), "did you say what the task asks for"),
    Content.assemble(("  correctness  30  ", "bold"), "grammar and spelling, per 100 words"),
    Content.assemble(("  style        20  ", "bold"), "tone, clarity, structure, per 100 words"),
    Content.assemble(("  readability  10  ", "bold"), "sentence length and word difficulty"),
    Content.styled(
        "  The same text always gets the same score; 's' on the feedback shows each part.", "dim"
    ),
]
"""The four parts of the score (feedback/score.py has the formula)."""


class HelpScreen(Screen[None]):
    """Every key binding, grouped by screen."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
    ]

    nav_kind = "help"
    """Its row in navigation.SCREEN_TABLE."""
    nav_key = ""

    def unsent_text(self) -> str:
        """Nothing typed here is lost by closing it."""
        return ""

    def __init__(self, came_from: Screen[object]) -> None:
        super().__init__()
        self.came_from = came_from

    def compose(self) -> ComposeResult:
        yield TopBar("Help")
        with VerticalScroll(id="help-body"):
            yield Static(self._content(), id="help-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body", VerticalScroll).focus()

    def _section(self, title: str, bindings: list[Binding]) -> list[Content]:
        lines = [Content.styled(title, "bold $accent")]
        for binding in bindings:
            key = self.app.get_key_display(binding)
            lines.append(Content.assemble((f"  {key:<10}", "bold"), binding.description))
        return lines + [Content("")]

    def _content(self) -> Content:
        from commcoach.tui.screens.attempt import AttemptScreen
        from commcoach.tui.screens.check import CheckScreen
        from commcoach.tui.screens.draft import DraftScreen
        from commcoach.tui.screens.history import HistoryScreen
        from commcoach.tui.screens.home import HomeScreen
        from commcoach.tui.screens.practice import PracticeScreen
        from commcoach.tui.screens.settings import SettingsScreen

        lines = [Content(INTRO), Content("")]
        screens: list[tuple[str, type[Screen[Any]]]] = [
            ("Home", HomeScreen),
            ("Practice", PracticeScreen),
            ("Feedback (after a check, or an attempt from the history)", AttemptScreen),
            ("Draft", DraftScreen),
            ("Check a message", CheckScreen),
            ("History", HistoryScreen),
            ("Settings", SettingsScreen),
        ]
        screens.sort(key=lambda item: not isinstance(self.came_from, item[1]))
        for title, kind in screens:
            here = " (where you were)" if isinstance(self.came_from, kind) else ""
            lines += self._section(title + here, _bindings(kind.BINDINGS))
        lines += self._section("Everywhere", _bindings(type(self.app).BINDINGS))
        lines += [Content.styled("The marks", "bold $accent"), *MARKS, Content("")]
        lines += [Content.styled("The score (0-100)", "bold $accent"), *SCORE_PARTS, Content("")]
        lines += self._section(
            "In a composer",
            [
                Binding("ctrl+z", "undo", "Undo"),
                Binding("ctrl+y", "redo", "Redo"),
                Binding("ctrl+x", "cut", "Cut"),
                Binding("ctrl+a", "select_all", "Select all (F7 works too)"),
                Binding("ctrl+c", "copy", "Copy the selection"),
                Binding("ctrl+v", "paste", "Paste"),
                Binding("tab", "focus_next", "Next field"),
            ],
        )
        return Content("\n").join(lines)

    def action_back(self) -> None:
        """Back to where you came from."""
        self.dismiss(None)
