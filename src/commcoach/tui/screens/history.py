"""History: every attempt in a filterable table (Enter opens it as it was), score over time per
category, and your most frequent findings, each with a drill to practise it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from rich.cells import cell_len
from rich.text import Text
from textual import events, getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    DataTable,
    Footer,
    Input,
    OptionList,
    Select,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from commcoach.feedback.names import FREQUENT_FINDINGS_DAYS, HabitCount, habit_for, top_habits
from commcoach.history import (
    AttemptFilters,
    AttemptPage,
    HistoryError,
    StoredAttempt,
    WeeklyScore,
)
from commcoach.plural import count
from commcoach.safe_text import plain
from commcoach.tui.context import AppContext
from commcoach.tui.drills import RulePractice, is_rubric, practice_for
from commcoach.tui.messages import AttemptSaved
from commcoach.tui.navigation import open_rule_practice
from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.widgets.progress_chart import CHART_TOP, ProgressChart
from commcoach.tui.widgets.render import relative_time
from commcoach.tui.widgets.status_bar import TopBar

PAGE_SIZE = 500
"""Rows loaded at once; the subtitle says when there are more (narrow the filter)."""
COLUMN_LABELS = ("When", "Scenario / draft", "Score", "Words", "Findings")
TOP_RULES = 10
RULE_WINDOW = timedelta(days=FREQUENT_FINDINGS_DAYS)
"""The same period as `commcoach history stats` (one constant in feedback/names.py)."""


@dataclass(frozen=True)
class Insights:
    """The chart's and the findings list's data."""

    weekly: list[WeeklyScore]
    rules: list[HabitCount]
    """Frequent findings as habits (two channels' ids for one slip are one entry)."""
    practice: dict[str, RulePractice] = field(default_factory=dict)


class AttemptTable(DataTable[object]):
    """The attempts; Enter is shown in the footer as what it does here."""

    BINDINGS = [Binding("enter", "select_cursor", "Open")]


class HistoryScreen(Screen[None]):
    """Attempts, progress and frequent findings."""

    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("a", "tab('attempts')", "Attempts"),
        Binding("g", "tab('progress')", "Progress"),
        Binding("f", "tab('findings')", "Findings"),
        Binding("escape", "back", "Back"),
    ]

    table = getters.query_one("#attempt-table", AttemptTable)
    search_input = getters.query_one("#history-search", Input)
    category_select = getters.query_one("#history-category", Select)
    kind_select = getters.query_one("#history-kind", Select)
    chart = getters.query_one("#progress-chart", ProgressChart)
    rule_list = getters.query_one("#rule-list", OptionList)
    tabs = getters.query_one("#history-tabs", TabbedContent)

    nav_kind = "history"
    """Its row in navigation.SCREEN_TABLE."""
    nav_key = ""

    def unsent_text(self) -> str:
        """Nothing typed here is lost by closing it."""
        return ""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.insights = Insights([], [])
        self.page: AttemptPage | None = None
        self.filled_width: int | None = None
        """The screen width the table was last filled for (None: not filled yet)."""

    def compose(self) -> ComposeResult:
        yield TopBar("History")
        categories = sorted({s.category for s in self.ctx.library.scenarios.values()})
        with TabbedContent(id="history-tabs", initial="attempts"):
            with TabPane("Attempts", id="attempts"):
                with Horizontal(id="history-filters"):
                    yield Input(placeholder="/ search text", id="history-search", compact=True)
                    yield Select(
                        [(c, c) for c in categories],
                        prompt="All categories",
                        id="history-category",
                        compact=True,
                    )
                    yield Select(
                        [("Answers", "answers"), ("Drafts", "drafts")],
                        prompt="Answers + drafts",
                        id="history-kind",
                        compact=True,
                    )
                yield AttemptTable(id="attempt-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Progress", id="progress"):
                yield Select(
                    [(c, c) for c in categories],
                    prompt=f"Your {CHART_TOP} busiest categories",
                    id="chart-category",
                    compact=True,
                )
                yield ProgressChart(id="progress-chart")
                yield Static(id="progress-note", markup=False)
            with TabPane("Frequent findings", id="findings"):
                yield OptionList(id="rule-list")
                yield Static(
                    "Enter practises the highlighted one: rewrite your own flagged sentence until "
                    "it passes, or redo the scenario where you missed it.",
                    id="rule-hint",
                )
        yield Footer()

    def on_mount(self) -> None:
        self.table.add_columns(*COLUMN_LABELS)
        if self.ctx.store is None:
            self.table.border_title = "History unavailable"
            self.notify(self.ctx.store_problem or "No history database.", severity="error")
            return
        self.refresh_all()
        self.table.focus()

    def refresh_all(self) -> None:
        """Reload the table and the insights."""
        self._load_page(self._filters())
        self._load_insights()

    @on(AttemptSaved)
    def _saved(self) -> None:
        self.refresh_all()

    def _filters(self) -> AttemptFilters:
        category = self.category_select.value
        kind = self.kind_select.value
        return AttemptFilters(
            search=self.search_input.value.strip() or None,
            category=category if isinstance(category, str) else None,
            drafts={"answers": False, "drafts": True}.get(kind) if isinstance(kind, str) else None,
        )

    @on(Input.Changed, "#history-search")
    @on(Select.Changed, "#history-category")
    @on(Select.Changed, "#history-kind")
    def _filter_changed(self) -> None:
        if self.ctx.store is not None:
            self._load_page(self._filters())

    @on(Select.Changed, "#chart-category")
    def _chart_category(self) -> None:
        self._draw_chart()

    @on(Input.Submitted, "#history-search")
    def _search_done(self) -> None:
        self.table.focus()

    @work(
        thread=True,
        exclusive=True,
        group="history-page",
        exit_on_error=False,
        description="Load attempts",
    )
    def _load_page(self, filters: AttemptFilters) -> None:
        assert self.ctx.store is not None
        try:
            page = self.ctx.store.page(filters, limit=PAGE_SIZE)
        except HistoryError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._show_page, page)

    def on_resize(self, event: events.Resize) -> None:
        """Re-cut the titles for a new width; a resize to the same width changes nothing, and
        refilling then would only make the table flicker back to its label widths."""
        if self.page is not None and event.size.width != self.filled_width:
            self._show_page(self.page, event.size.width)

    def _show_page(self, page: AttemptPage, screen_width: int | None = None) -> None:
        """Fill the table; titles are cut to what the screen leaves them (its new width when
        called from a resize: `self.size` may still hold the old one). The same page at the
        same width is left as it is: refilling would flash the columns back to their label
        widths (a filter Select posts Changed on mount, which reloads the same page)."""
        width_now = screen_width or self.size.width
        if page == self.page and width_now == self.filled_width:
            return
        self.page = page
        self.filled_width = width_now
        width = max(16, self.filled_width - 46)
        now = self.ctx.clock()
        table = self.table
        titles = {s.id: s.title for s in self.ctx.library.scenarios.values()}
        rows: list[tuple[str, tuple[str | Text, ...]]] = []
        for item in page.items:
            when = item.created_at.astimezone(now.tzinfo)
            name = (
                item.title
                if item.is_draft
                else titles.get(item.scenario_id or "", item.scenario_id or "")
            )
            label = Text.assemble(
                ("draft " if item.is_draft else "", "italic dim"),
                plain(name or item.preview, one_line=True),  # imported or typed: inert
                (f" · {item.turn_id}" if item.turn_id and not item.is_draft else "", "dim"),
            )
            label.truncate(width, overflow="ellipsis")
            score_colour = (
                "green" if item.score >= 80 else ("yellow" if item.score >= 60 else "red")
            )
            cells: tuple[str | Text, ...] = (
                f"{relative_time(when, now)} {when:%H:%M}",
                label,
                Text(str(item.score), style=f"bold {score_colour}", justify="right"),
                Text(str(item.words), justify="right"),
                Text(str(item.findings), justify="right"),
            )
            rows.append((str(item.id), cells))
        # Columns get the widths of their widest cell here, at once: left to DataTable's own
        # sizing they would show at their label widths until a later refresh measured the rows
        # (a flicker to the user, a race to a screenshot).
        table.clear(columns=True)
        for index, column_label in enumerate(COLUMN_LABELS):
            widest = max((cell_width(cells[index]) for _, cells in rows), default=0)
            table.add_column(column_label, width=max(len(column_label), widest))
        for key, cells in rows:
            table.add_row(*cells, key=key)
        more = f" (newest {len(page.items)})" if page.total > len(page.items) else ""
        table.border_title = f"{count(page.total, 'attempt')}{more}"
        if not page.items:
            table.border_subtitle = "none yet: practise a scenario or check a draft"
        else:
            table.border_subtitle = "Enter opens"

    @work(
        thread=True,
        exclusive=True,
        group="history-insights",
        exit_on_error=False,
        description="Load progress",
    )
    def _load_insights(self) -> None:
        store = self.ctx.store
        assert store is not None
        now = self.ctx.clock()
        offset = now.utcoffset() or timedelta(0)
        try:
            weekly = store.weekly_trend_by_category(utc_offset=offset)
            counts = store.top_rule_ids(since=now - RULE_WINDOW, limit=TOP_RULES * 2)
            rules = top_habits(counts, TOP_RULES)
            practice = practice_for(store, [i for r in rules for i in r.rule_ids])
        except HistoryError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._show_insights, Insights(weekly, rules, practice))

    def _show_insights(self, insights: Insights) -> None:
        self.insights = insights
        self._draw_chart()
        self.rule_list.set_options(self._rule_option(rule) for rule in insights.rules)
        if insights.rules:
            self.rule_list.highlighted = 0
        self.rule_list.border_title = f"Most frequent findings, last {RULE_WINDOW.days} days"
        if not insights.rules:
            self.rule_list.border_subtitle = "none yet"

    def _rule_option(self, rule: HabitCount) -> Option:
        """`Vague time  5× in 3 attempts` and the lesson; the option id is the rule to drill."""
        practices = [self.insights.practice.get(i) for i in rule.rule_ids]
        practice = next((p for p in practices if p and (p.drill or p.scenario_id)), None)
        if practice is None:
            how = ""
        elif is_rubric(practice.rule_id):
            how = "scenario" if practice.scenario_id else ""
        else:
            how = "2-minute drill" if practice.drill else ""
        habit = rule.habit
        if practice is not None and is_rubric(practice.rule_id):  # the element's own label
            habit = habit_for(practice.rule_id, "", practice.message)
        return Option(
            Content.assemble(
                (habit.name, "bold"),
                (f"  {rule.findings}× in {count(rule.attempts, 'attempt')}", "dim"),
                "\n  ",
                habit.lesson,
                (f"  → {how}" if how else "", "$accent"),
            ),
            id=practice.rule_id if practice else rule.rule_ids[0],
        )

    def _draw_chart(self) -> None:
        picked = self.query_one("#chart-category", Select).value
        note = self.chart.draw(self.insights.weekly, picked if isinstance(picked, str) else None)
        self.query_one("#progress-note", Static).update(note)

    def action_tab(self, tab: str) -> None:
        """Switch tab; its list gets the keyboard (see `_tab_activated`)."""
        self.tabs.active = tab
        self._tab_activated()

    @on(TabbedContent.TabActivated, "#history-tabs")
    def _tab_activated(self) -> None:
        """Keys go to the list of the tab you are on."""
        focus: dict[str, Widget] = {
            "attempts": self.table,
            "progress": self.query_one("#chart-category", Select),
            "findings": self.rule_list,
        }
        widget = focus.get(self.tabs.active)
        if widget is not None:
            widget.focus()

    def action_search(self) -> None:
        """Focus the search box."""
        self.tabs.active = "attempts"
        self.search_input.focus()

    def action_back(self) -> None:
        """Back to where you came from."""
        self.dismiss(None)

    def action_open(self) -> None:
        """Open the highlighted attempt (or drill the highlighted finding)."""
        if self.tabs.active == "findings":
            option = self.rule_list.highlighted_option
            if option is not None and option.id:
                self._prepare_drill(option.id)
            return
        if self.table.row_count == 0:
            return
        key = self.table.coordinate_to_cell_key(self.table.cursor_coordinate).row_key.value
        if key is not None:
            self._open_attempt(int(key))

    @on(DataTable.RowSelected, "#attempt-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self._open_attempt(int(event.row_key.value))

    @on(OptionList.OptionSelected, "#rule-list")
    def _rule_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self._prepare_drill(event.option.id)

    @work(thread=True, group="history-open", exit_on_error=False, description="Open attempt")
    def _open_attempt(self, attempt_id: int) -> None:
        assert self.ctx.store is not None
        try:
            attempt = self.ctx.store.get(attempt_id)
        except HistoryError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        if attempt is not None:
            self.app.call_from_thread(self._show_attempt, attempt)

    def _show_attempt(self, attempt: StoredAttempt) -> None:
        scenario = self.ctx.library.scenarios.get(attempt.scenario_id or "")
        model = None
        answered = {r.element_id for r in attempt.report.rubric}
        if (
            scenario is not None
            and attempt.turn_id in {t.id for t in scenario.turns}
            and answered == {e.id for e in scenario.expected_elements(attempt.turn_id or "")}
        ):  # a main turn (a follow-up's answer is checked against fewer elements)
            model = scenario.model_answer(attempt.turn_id or "")
        when = attempt.created_at.astimezone(self.ctx.clock().tzinfo)
        name = (
            attempt.title
            if attempt.is_draft
            else (scenario.title if scenario else attempt.scenario_id)
        )
        self.app.push_screen(
            AttemptScreen(
                self.ctx,
                attempt.report,
                mode="history",
                crumbs=("History", f"{name or 'attempt'} · {when:%d %b %H:%M}"),
                model_answer=model,
                scenario_id=attempt.scenario_id,
            )
        )

    def _prepare_drill(self, rule_id: str) -> None:
        open_rule_practice(self.app, self.ctx, rule_id)


def cell_width(cell: str | Text) -> int:
    """The terminal cells a table cell takes on one line."""
    return cell.cell_len if isinstance(cell, Text) else cell_len(cell)
