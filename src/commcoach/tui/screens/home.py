"""Home: scenarios by category with difficulty, your best score and when you last practised,
a filter, what to practise next, and the ways to Practice, Draft, History and Settings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from rich.table import Table
from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from commcoach import safe_text
from commcoach.feedback.names import HABITS_THIS_WEEK_DAYS, HabitCount, habit_name, top_habits
from commcoach.history import HistoryError, PractiseItem, ScenarioScores
from commcoach.models import Scenario
from commcoach.plural import count
from commcoach.tui.context import AppContext
from commcoach.tui.messages import AttemptSaved, LibraryLoaded
from commcoach.tui.navigation import open_practice, open_rule_practice
from commcoach.tui.widgets.render import relative_time
from commcoach.tui.widgets.status_bar import TopBar

DIFFICULTY: dict[int, tuple[str, str]] = {
    1: ("easy", "green"),
    2: ("medium", "yellow"),
    3: ("hard", "red"),
}
"""Difficulty as a word (readable without colour) and its colour."""


@dataclass(frozen=True)
class HomeStats:
    """What the history says about each scenario, and what to practise next."""

    scores: dict[str, ScenarioScores]
    next_up: list[PractiseItem]
    problem: str = ""
    habits: list[HabitCount] = field(default_factory=list)
    """Your top habits of the last `HABITS_THIS_WEEK_DAYS` days, each with a drill (keys 1-3)."""


def matches(scenario: Scenario, query: str) -> bool:
    """Every word of the query occurs in the title, category, id, brief or audience."""
    return rank(scenario, query) is not None


WORD_SCORES = (
    ("title word starts with it", 8.0),
    ("in the title", 4.0),
    ("in the category or id", 2.0),
    ("in the brief or audience", 1.0),
)
"""Points per query word, by where it is found best (a title match beats any brief match)."""
_WORD = re.compile(r"[\w']+")


def rank(scenario: Scenario, query: str) -> float | None:
    """How well a scenario matches the filter (None: some word is nowhere), like the command
    palette: 'stand' ranks 'Async stand-up …' above a scenario whose brief says 'understand'.

    Each query word scores where it is found best (`WORD_SCORES`); ties go to the title that
    starts with the query, then to the shorter title.
    """
    title = scenario.title.lower()
    title_words = _WORD.findall(title.replace("-", " ")) + _WORD.findall(title)
    places = (
        " ".join([scenario.category, scenario.id]).lower(),
        " ".join([scenario.brief, scenario.audience.value]).lower(),
    )
    total = 0.0
    for word in query.lower().split():
        if any(w.startswith(word) for w in title_words):
            total += WORD_SCORES[0][1]
        elif word in title:
            total += WORD_SCORES[1][1]
        elif word in places[0]:
            total += WORD_SCORES[2][1]
        elif word in places[1]:
            total += WORD_SCORES[3][1]
        else:
            return None
    bonus = 1.0 if title.startswith(query.lower().strip()) else 0.0
    return total + bonus - len(title) / 1000


class ScenarioList(OptionList):
    """The scenario list; Enter is shown in the footer as what it does here."""

    BINDINGS = [Binding("enter", "select", "Practise")]


class HomeScreen(Screen[None]):
    """The scenario list and the way into every other screen."""

    BINDINGS = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("n", "practise_next", "Next up", show=False),
        Binding("1", "drill(0)", "Drill 1", show=False),
        Binding("2", "drill(1)", "Drill 2", show=False),
        Binding("3", "drill(2)", "Drill 3", show=False),
        Binding("c", "app.check", "Check a message", show=False),
        Binding("d", "app.draft", "Draft"),
        Binding("h", "app.history", "History"),
        Binding("s", "app.settings", "Settings"),
        Binding("question_mark", "app.help", "Help", key_display="?", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]
    """Letters work when the list has focus; `/` jumps to the filter, Esc leaves it."""

    scenario_list = getters.query_one("#scenario-list", ScenarioList)
    filter_input = getters.query_one("#filter", Input)
    details = getters.query_one("#scenario-details", Static)
    next_up = getters.query_one("#next-up", Static)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.stats = HomeStats({}, [])

    def compose(self) -> ComposeResult:
        yield TopBar("Home")
        yield Input(
            placeholder="/ to filter scenarios: type words, Enter opens", id="filter", compact=True
        )
        with Horizontal(id="home-body"):
            yield ScenarioList(id="scenario-list")
            with Vertical(id="home-side"):
                yield Static(id="scenario-details", markup=False)
                yield Static(id="next-up", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.scenario_list.border_title = "Scenarios"
        self.details.border_title = "About"
        self.next_up.border_title = "Practise next"
        self._fill()
        self.scenario_list.focus()
        self.load_stats()

    @work(
        thread=True,
        exclusive=True,
        group="home-stats",
        exit_on_error=False,
        description="Load scores",
    )
    def load_stats(self) -> None:
        """Best/last scores and suggestions from the history (read in a thread)."""
        store = self.ctx.store
        if store is None:
            stats = HomeStats({}, [], self.ctx.store_problem)
        else:
            now = self.ctx.clock()
            try:
                scores = {s.scenario_id: s for s in store.best_and_last_by_scenario()}
                next_up = store.practise_next(now, limit=3)
                week = store.top_rule_ids(
                    since=now - timedelta(days=HABITS_THIS_WEEK_DAYS), limit=20
                )
            except HistoryError as exc:
                stats = HomeStats({}, [], str(exc))
            else:
                words = [r for r in week if not r.rule_id.startswith("rubric.")]
                habits = top_habits(words, 3)  # writing habits; missed content is "next up"
                stats = HomeStats(scores, next_up, habits=habits)
        self.app.call_from_thread(self._show_stats, stats)

    def _show_stats(self, stats: HomeStats) -> None:
        self.stats = stats
        self._fill()

    @on(AttemptSaved)
    def _attempt_saved(self) -> None:
        self.load_stats()

    @on(LibraryLoaded)
    def _library_loaded(self) -> None:
        self._fill()
        self.load_stats()

    def _row(self, scenario: Scenario) -> Table:
        scores = self.stats.scores.get(scenario.id)
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(width=7, no_wrap=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        if scores is None:
            right = Text("new", style="dim")
        else:
            when = relative_time(
                scores.last_at.astimezone(self.ctx.clock().tzinfo), self.ctx.clock()
            )
            right = Text.assemble(
                ("best ", "dim"), (f"{scores.best_score:>3}", "bold"), ("  ", ""), (when, "dim")
            )
        word, colour = DIFFICULTY.get(scenario.difficulty, ("?", "white"))
        grid.add_row(Text(word, style=colour), safe_text.text(scenario.title, one_line=True), right)
        return grid

    def _fill(self) -> None:
        """Rebuild the list for the current filter, keeping the highlighted scenario."""
        query = self.filter_input.value.strip()
        current = self.scenario_list.highlighted_option
        keep = current.id if current is not None and not query else None
        options: list[Option] = []
        if query:  # best match first, whatever its category (Enter opens the first)
            scored = [(rank(s, query), s) for s in self.ctx.library.scenarios.values()]
            best = sorted(
                ((r, s) for r, s in scored if r is not None), key=lambda p: (-p[0], p[1].title)
            )
            if best:
                header = Text("BEST MATCHES", style="bold")
                options.append(Option(header, id="category:matches", disabled=True))
                options += [Option(self._row(s), id=s.id) for _, s in best]
        else:
            for category, scenarios in self.ctx.library.by_category().items():
                header = Text(category.replace("-", " ").upper(), style="bold")
                options.append(Option(header, id=f"category:{category}", disabled=True))
                options += [Option(self._row(s), id=s.id) for s in scenarios]
        self.scenario_list.set_options(options)
        count = sum(1 for o in options if not o.disabled)
        self.scenario_list.border_subtitle = f"{count} of {len(self.ctx.library.scenarios)}"
        if not count:
            if self.ctx.library_loader is not None:
                empty = "Loading scenarios…"
            elif query:
                empty = "No scenario matches the filter."
            else:
                empty = "No scenarios loaded."
            self.details.update(empty)
        ids = [o.id for o in options]
        if keep in ids:
            self.scenario_list.highlighted = ids.index(keep)
        else:
            first = next((i for i, o in enumerate(options) if not o.disabled), None)
            self.scenario_list.highlighted = first
        self._show_details()
        self._show_next_up()

    def selected_scenario(self) -> Scenario | None:
        """The highlighted scenario, if any."""
        option = self.scenario_list.highlighted_option
        if option is None or option.id is None:
            return None
        return self.ctx.library.scenarios.get(option.id)

    def _show_details(self) -> None:
        scenario = self.selected_scenario()
        if scenario is None:
            return
        scores = self.stats.scores.get(scenario.id)
        history = (
            f"{count(scores.attempts, 'try')} · best {scores.best_score} · last {scores.last_score}"
            if scores
            else "Not practised yet."
        )
        self.details.update(
            Content.assemble(
                (scenario.title, "bold"),
                "\n",
                (
                    f"{DIFFICULTY.get(scenario.difficulty, ('?', ''))[0]} · "
                    f"{scenario.audience.value} · {scenario.formality.value} · "
                    f"with {scenario.counterpart.name}",
                    "dim",
                ),
                "\n",
                scenario.brief,
                "\n",
                (history, "dim"),
                *[("\n• " + tip, "italic") for tip in scenario.tips[:3]],
            )
        )

    def _next_item(self) -> Scenario | None:
        for item in self.stats.next_up:
            if item.kind == "scenario" and item.key in self.ctx.library.scenarios:
                return self.ctx.library.scenarios[item.key]
        practised = set(self.stats.scores)
        fresh = [s for s in self.ctx.library.scenarios.values() if s.id not in practised]
        pool = fresh or list(self.ctx.library.scenarios.values())
        return min(pool, key=lambda s: (s.difficulty, s.title), default=None)

    def _item_name(self, item: PractiseItem) -> str:
        """A scenario's title, or what a rule is about ('Missing: …' for rubric elements)."""
        scenarios = self.ctx.library.scenarios
        if item.kind == "scenario":
            return scenarios[item.key].title if item.key in scenarios else item.key
        if item.key.startswith("rubric."):
            element = item.key.removeprefix("rubric.")
            for scenario in scenarios.values():
                for candidate in scenario.rubric.elements:
                    if candidate.id == element:
                        return f"Practise: {candidate.label[0].lower()}{candidate.label[1:]}"
        return f"Practise: {habit_name(item.key).name}"

    def _show_next_up(self) -> None:
        lines: list[Content] = []
        if self.stats.problem:
            lines.append(Content.styled(self.stats.problem, "$text-warning"))
        if self.stats.habits:
            self.next_up.border_title = f"Your top {len(self.stats.habits)} habits this week"
            wide = self.has_class("-wide")  # at 80 columns: the names only, one line each
            for number, habit in enumerate(self.stats.habits, start=1):
                lines.append(
                    Content.assemble(
                        (f"{number} ", "bold $accent"),
                        (habit.habit.name, "bold"),
                        (f" {habit.findings}×", "dim"),
                        (f" · {habit.habit.lesson}" if wide else "", "dim"),
                    )
                )
            keys = "1" if len(self.stats.habits) == 1 else f"1-{len(self.stats.habits)}"
            lines.append(Content.styled(f"{keys}: a 2-minute drill · n: next scenario", "dim"))
            self.next_up.update(Content("\n").join(lines))
            return
        self.next_up.border_title = "Practise next"
        for item in self.stats.next_up[:3]:
            name = self._item_name(item)
            lines.append(Content.assemble(("• ", "$accent"), (name, "bold"), " – ", item.reason))
        if not self.stats.next_up:
            scenario = self._next_item()
            if scenario is not None:
                lines.append(
                    Content.assemble(("• ", "$accent"), (scenario.title, "bold"), " – a good start")
                )
        lines.append(Content.styled("n: practise the first one", "dim"))
        self.next_up.update(Content("\n").join(lines))

    def on_resize(self) -> None:
        """The habits panel shows lessons only where there is room for them."""
        self._show_next_up()

    @on(OptionList.OptionHighlighted, "#scenario-list")
    def _highlighted(self) -> None:
        self._show_details()

    @on(OptionList.OptionSelected, "#scenario-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_practise()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.action_practise()

    def action_filter(self) -> None:
        """Focus the filter."""
        self.filter_input.focus()

    def action_clear_filter(self) -> None:
        """Esc: clear the filter, or leave it for the list."""
        if self.filter_input.value:
            self.filter_input.value = ""
        self.scenario_list.focus()

    def action_move(self, step: int) -> None:
        """Arrow keys in the filter move the list's highlight."""
        if step > 0:
            self.scenario_list.action_cursor_down()
        else:
            self.scenario_list.action_cursor_up()

    def action_practise(self) -> None:
        """Open the highlighted scenario."""
        scenario = self.selected_scenario()
        if scenario is None:
            self.notify(
                "Pick a scenario first (arrow keys, or type to filter).", severity="warning"
            )
            return
        self.scenario_list.focus()  # on return, letters are keys again, not filter text
        open_practice(self.app, self.ctx, scenario.id)

    def action_drill(self, index: int) -> None:
        """A 2-minute drill on one of this week's top habits: your own flagged sentence."""
        habits = self.stats.habits
        if index >= len(habits):
            self.notify("No habit there yet: practise a scenario first.", severity="warning")
            return
        open_rule_practice(self.app, self.ctx, habits[index].rule_ids[0])

    def action_practise_next(self) -> None:
        """Open the suggested scenario."""
        for item in self.stats.next_up:
            if item.kind == "scenario" and item.key in self.ctx.library.scenarios:
                open_practice(self.app, self.ctx, item.key)
                return
            if item.kind == "rule":
                open_rule_practice(self.app, self.ctx, item.key)
                return
        scenario = self._next_item()
        if scenario is not None:
            open_practice(self.app, self.ctx, scenario.id)
