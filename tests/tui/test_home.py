"""Home: scenarios grouped by category with difficulty, best score and last practised, the
filter, what to practise next, navigation keys, and notices for bad scenario files."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from textual.widgets import OptionList, Static

from commcoach.config import Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.history import HistoryStore
from commcoach.history.save import record_from_report
from commcoach.tui.app import CommCoachApp
from commcoach.tui.screens.draft import DraftScreen
from commcoach.tui.screens.help import HelpScreen
from commcoach.tui.screens.history import HistoryScreen
from commcoach.tui.screens.home import HomeScreen
from commcoach.tui.screens.practice import PracticeScreen
from commcoach.tui.screens.settings import SettingsScreen

from .conftest import NOW, test_library
from .helpers import shown, type_text, wait_for


def seed(
    store: HistoryStore, settings: Settings, scenario_id: str, text: str, days_ago: int
) -> int:
    """Save a real checked attempt made `days_ago` days before the tests' now."""
    scenario = test_library().scenarios[scenario_id]
    report = FeedbackEngine(settings).analyse(text, scenario)
    record = record_from_report(
        report,
        settings=settings,
        seconds_spent=30,
        scenario=scenario,
        created_at=NOW - timedelta(days=days_ago),
    )
    store.save_attempt(record)
    return report.score.total


def labels(options: OptionList) -> list[str]:
    out = []
    for index in range(options.option_count):
        prompt = options.get_option_at_index(index).prompt
        out.append(" ".join(str(cell) for cell in getattr(prompt, "columns", [])) or str(prompt))
    return out


def rows(options: OptionList) -> list[str | None]:
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


async def test_scenarios_grouped_by_category_with_scores(
    build: Callable[..., CommCoachApp], store: HistoryStore, off_settings: Settings
) -> None:
    weak = seed(store, off_settings, "standup-daily", "I did stuff.", days_ago=3)
    best = seed(
        store,
        off_settings,
        "standup-daily",
        "Yesterday I fixed the login test. Today I will start the refund email. No blockers.",
        days_ago=1,
    )
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await wait_for(pilot, lambda: "standup-daily" in home.stats.scores, what="scores loaded")
        ids = rows(home.scenario_list)
        assert ids == [
            "category:clarification",
            "clarify-vague-ticket",
            "category:deadline",
            "deadline-more-time",
            "category:progress-update",
            "weekly-progress-manager",
            "category:standup",
            "standup-daily",
        ]
        home.scenario_list.highlighted = ids.index("standup-daily")
        await pilot.pause()
        scores = home.stats.scores["standup-daily"]
        assert scores.best_score == max(weak, best) and scores.last_score == best
        row = home._row(test_library().scenarios["standup-daily"])
        rendered = " ".join(str(next(iter(c.cells))) for c in row.columns)
        assert "easy" in rendered and re.search(rf"best\s+{max(weak, best)}\b", rendered)
        assert "yesterday" in rendered  # last practised, relative to the fixed clock
        details = shown(home.details)
        assert "2 tries" in details and "Maya Chen" in details
        assert shown(home.next_up)  # something to practise next is always suggested


async def test_filter_as_you_type_and_enter_opens(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("slash")
        assert home.filter_input.has_focus
        await type_text(pilot, "deadline")
        assert rows(home.scenario_list) == ["category:matches", "deadline-more-time"]
        assert home.scenario_list.border_subtitle == "1 of 4"
        await pilot.press("escape")  # clears the filter, back to the list
        assert len(rows(home.scenario_list)) == 8 and home.scenario_list.has_focus
        await pilot.press("slash")
        await type_text(pilot, "vague")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice")
        assert app.screen.scenario.id == "clarify-vague-ticket"  # type: ignore[attr-defined]


async def test_filter_without_matches_says_so(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("slash")
        await type_text(pilot, "zzz")
        assert rows(home.scenario_list) == []
        assert "No scenario matches" in shown(home.details)
        await pilot.press("enter")  # nothing to open: a notice, not a crash
        assert isinstance(app.screen, HomeScreen)


async def test_navigation_keys_open_every_screen_and_escape_comes_back(
    build: Callable[..., CommCoachApp],
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        for key, kind in [
            ("d", DraftScreen),
            ("h", HistoryScreen),
            ("s", SettingsScreen),
            ("question_mark", HelpScreen),
            ("f1", HelpScreen),
            ("enter", PracticeScreen),
            ("n", PracticeScreen),
        ]:
            await pilot.press(key)
            await wait_for(
                pilot, lambda kind=kind: isinstance(app.screen, kind), what=kind.__name__
            )
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")


async def test_bad_scenario_files_are_notices_not_crashes(
    build: Callable[..., CommCoachApp], tmp_path: Path, off_settings: Settings, store: HistoryStore
) -> None:
    from commcoach.tui.factory import make_app

    extra = tmp_path / "mine"
    extra.mkdir()
    (extra / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (extra / "empty.yaml").write_text("", encoding="utf-8")
    app = make_app(settings=off_settings, store=store, scenario_dirs=[extra], cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert "Loading scenarios" in shown(home.details)  # the first frame does not wait
        await wait_for(pilot, lambda: home.scenario_list.option_count > 0, what="library")
        notes = [str(n.message) for n in app._notifications]
        assert any(n.startswith("broken.yaml") for n in notes)
        assert any(n.startswith("empty.yaml: empty file") for n in notes)
        assert all("\n" not in n for n in notes)  # one line per bad file
        assert isinstance(app.screen, HomeScreen) and app.ctx.library.scenarios


async def test_history_that_cannot_open_is_a_notice(off_settings: Settings, tmp_path: Path) -> None:
    from commcoach.tui.factory import make_app

    from .conftest import fixed_clock

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    store = HistoryStore(blocker / "history.sqlite3")
    app = make_app(
        settings=off_settings,
        store=store,
        library=test_library(),
        clock=fixed_clock,
        cursor_blink=False,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(app.ctx.store_problem), what="store problem")
        assert "cannot" in app.ctx.store_problem
        await pilot.press("enter")  # practising still works
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice")
        assert isinstance(app.screen.query_one("#brief-text"), Static)
