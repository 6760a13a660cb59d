"""History: attempts in a table with filters, an attempt opened as it was, the score chart per
category, frequent findings and the way to practise each."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, Input, OptionList, Select
from textual_plotext import PlotextPlot

from commcoach.config import Settings
from commcoach.history import HistoryStore
from commcoach.tui.app import CommCoachApp
from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.screens.draft import DraftScreen
from commcoach.tui.screens.history import HistoryScreen
from commcoach.tui.screens.practice import PracticeScreen
from commcoach.tui.widgets.feedback_view import FeedbackView

from .helpers import wait_for
from .test_home import seed

HEDGY = "I just wanted to say that maybe the login test is fixed, I think."


async def open_history(pilot, app: CommCoachApp) -> HistoryScreen:  # type: ignore[no-untyped-def]
    await pilot.press("h")
    await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    await wait_for(pilot, lambda: screen.page is not None, what="rows")
    return screen


async def test_table_filters_and_open_as_it_was(
    build: Callable[..., CommCoachApp], store: HistoryStore, off_settings: Settings
) -> None:
    seed(store, off_settings, "standup-daily", "Yesterday I fixed the login test.", 9)
    seed(store, off_settings, "deadline-more-time", HEDGY, 2)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot, app)
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        assert "Asking for more time" in str(table.get_row_at(0)[1])  # newest first
        screen.query_one("#history-category", Select).value = "standup"
        await wait_for(pilot, lambda: table.row_count == 1, what="category filter")
        screen.query_one("#history-category", Select).clear()
        await wait_for(pilot, lambda: table.row_count == 2, what="filter cleared")
        await pilot.press("slash")
        search = screen.query_one("#history-search", Input)
        assert search.has_focus
        search.value = "maybe"
        await wait_for(pilot, lambda: table.row_count == 1, what="search")
        await pilot.press("enter")  # back to the table
        assert table.has_focus
        await pilot.press("enter")  # open the attempt
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="attempt")
        attempt = app.screen
        assert isinstance(attempt, AttemptScreen) and attempt.mode == "history"
        view = attempt.query_one(FeedbackView)
        assert view.text == HEDGY and not view.editable
        assert attempt.check_action("apply", ()) is False  # read-only
        assert attempt.check_action("practise_again", ()) is True
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practise")
        assert app.screen.scenario.id == "deadline-more-time"  # type: ignore[attr-defined]


async def test_progress_chart_and_frequent_findings_with_a_drill(
    build: Callable[..., CommCoachApp], store: HistoryStore, off_settings: Settings
) -> None:
    for days in (20, 13, 6, 1):
        seed(store, off_settings, "standup-daily", HEDGY, days)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot, app)
        await wait_for(pilot, lambda: bool(screen.insights.rules), what="insights")
        assert len({w.week_start for w in screen.insights.weekly}) >= 3
        await pilot.press("g")
        assert screen.tabs.active == "progress"
        chart = screen.query_one(PlotextPlot)
        assert chart.size.width > 40  # drawn, with room
        await pilot.press("f")
        rules = screen.query_one("#rule-list", OptionList)
        assert rules.has_focus
        ids = [rules.get_option_at_index(i).id for i in range(rules.option_count)]
        word_level = [i for i in ids if i and not i.startswith("rubric.")]
        assert word_level, ids
        rules.highlighted = ids.index(word_level[0])
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen), what="drill")
        drill = app.screen
        assert isinstance(drill, DraftScreen) and drill.drill is not None
        assert drill.drill.rule_id == word_level[0]
        assert drill.composer.text in HEDGY  # your own sentence, to rewrite


async def test_empty_history_explains_itself(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, app)
        table = screen.query_one(DataTable)
        assert table.row_count == 0
        assert "none yet" in str(table.border_subtitle)
