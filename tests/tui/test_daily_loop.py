"""The daily loop and what every screen says (issue 15): plain names instead of rule ids, this
week's top habits with a drill each, the stand-up checklist, paste-and-check, Home ranking with
the shipped scenarios, settings that say ON/OFF, and the layout at 80x24."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Checkbox, OptionList, Static

from commcoach.config import Settings
from commcoach.history import HistoryStore
from commcoach.scenarios import load_library
from commcoach.tui.app import CommCoachApp
from commcoach.tui.navigation import open_check, open_settings
from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.screens.check import CheckScreen
from commcoach.tui.screens.draft import DraftScreen
from commcoach.tui.screens.home import HomeScreen
from commcoach.tui.screens.practice import PracticeScreen
from commcoach.tui.widgets.status_bar import TopBar

from .helpers import shown, type_text, wait_for
from .test_home import seed
from .test_practice import open_standup

RULE_ID = r"\b[a-z]+\.[a-z_]+\b|[A-Z]{3,}_[A-Z]"


def option_texts(options: OptionList) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def no_rule_ids(texts: list[str]) -> bool:
    import re

    return not any(re.search(RULE_ID, t) for t in texts)


async def test_findings_show_plain_names_not_rule_ids(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_standup(pilot, app)
        await type_text(pilot, "Sorry, sorry, I will send it soon.")
        await wait_for(pilot, lambda: screen.live_findings.option_count > 1, what="live hints")
        live = option_texts(screen.live_findings)
        assert any("Vague time" in t for t in live) and no_rule_ids(live)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        listed = option_texts(app.screen.query_one("#finding-list", OptionList))
        assert any("Over-apologising" in t for t in listed) and no_rule_ids(listed)
        detail = shown(app.screen.query_one("#finding-detail", Static))
        assert "." in detail.splitlines()[-1]  # the id stays in the detail view


async def test_top_habits_this_week_each_with_a_drill(
    build: Callable[..., CommCoachApp], store: HistoryStore, off_settings: Settings
) -> None:
    for days_ago in (1, 2):
        seed(store, off_settings, "standup-daily", "I will fix it soon. Sorry, sorry!", days_ago)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await wait_for(pilot, lambda: bool(home.stats.habits), what="habits loaded")
        assert home.next_up.border_title is not None
        assert "habits this week" in str(home.next_up.border_title)
        panel = shown(home.next_up)
        assert "Vague time" in panel and ": a 2-minute drill" in panel
        assert no_rule_ids([panel])
        home.scenario_list.focus()
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen), what="drill")
        drill = app.screen
        assert isinstance(drill, DraftScreen) and drill.drill is not None
        crumbs = str(drill.query_one(TopBar).query_one(".crumbs", Static).content)
        assert crumbs.startswith("commcoach › Drill: ") and no_rule_ids([crumbs])
        assert "2-minute drill" in shown(drill.tip)


async def test_standup_draft_has_a_done_next_blockers_checklist(
    build: Callable[..., CommCoachApp],
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen), what="draft")
        draft = app.screen
        assert isinstance(draft, DraftScreen)
        line = draft.query_one("#draft-checklist", Static)
        assert "✗ says what you finished" in shown(line)
        draft.composer.set_text("Yesterday:\n- merged the refund fix\n\nToday:\n- \n\nBlockers:\n")
        await wait_for(pilot, lambda: "✓ says what you finished" in shown(line), what="checklist")
        assert "✗ says what you will do next" in shown(line) and "✗ names blockers" in shown(line)


async def test_paste_and_check_any_message_without_saving(
    build: Callable[..., CommCoachApp], store: HistoryStore
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        open_check(app, app.ctx)
        await wait_for(pilot, lambda: isinstance(app.screen, CheckScreen), what="check screen")
        await pilot.press("ctrl+s")  # nothing pasted yet: a notice, no check
        await pilot.pause()
        assert isinstance(app.screen, CheckScreen)
        app.screen.composer.set_text("Kindly do the needful ASAP.")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        await wait_for(pilot, lambda: app.screen.final, what="full check")  # type: ignore[attr-defined]
        listed = option_texts(app.screen.query_one("#finding-list", OptionList))
        assert sum("Regional phrase" in t for t in listed) == 1
        await pilot.pause(0.3)
        assert store.count() == 0  # a checked message is not an attempt


async def test_filter_ranks_titles_like_the_palette(build: Callable[..., CommCoachApp]) -> None:
    """With the shipped scenarios: 'stand' opens a stand-up, 'async' the async stand-up."""
    library = load_library()
    for query, wanted in (("stand", "stand-up"), ("async", "async stand-up")):
        app = build(library=library)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("slash")
            await type_text(pilot, query)
            await pilot.press("enter")
            await wait_for(pilot, lambda a=app: isinstance(a.screen, PracticeScreen), what=query)
            title = app.screen.scenario.title.lower()  # type: ignore[attr-defined]
            assert wanted in title, (query, title)


async def test_settings_switches_say_on_and_off_and_do_not_restart(
    build: Callable[..., CommCoachApp],
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        engine = app.ctx.engine
        open_settings(app, app.ctx)
        await pilot.pause()
        picky = app.screen.query_one("#picky", Checkbox)
        assert "Picky grammar: OFF" in str(picky.label)
        picky.value = True
        await pilot.pause()
        assert "Picky grammar: ON" in str(picky.label)
        app.screen.query_one("#variant").value = "en-GB"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.ctx.settings.grammar.picky, what="saved")
        await pilot.pause(0.2)
        assert app.ctx.engine is engine  # per-request options: same checker, no restart
        assert app.ctx.engine.settings.grammar.variant.value == "en-GB"


async def test_practice_at_80x24_has_a_hint_strip_a_full_brief_and_ellipses(
    build: Callable[..., CommCoachApp],
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_standup(pilot, app)
        assert not screen.query_one("#live-side").display  # no room for the side list
        await type_text(pilot, "Sorry, I will send it soon.")
        strip = screen.query_one("#hint-strip", Static)
        await wait_for(pilot, lambda: "Hint" in shown(strip), what="hint strip")
        assert strip.display and strip.region.height == 1
        brief = screen.query_one("#brief")
        text = screen.query_one("#brief-text", Static)
        folded = brief.region.height
        assert text.virtual_region.height > folded or brief.max_scroll_y >= 0
        await pilot.press("f2")
        await pilot.pause()
        assert brief.region.height >= min(text.virtual_region.height, 14)  # the whole brief
        crumbs = screen.query_one(".crumbs", Static)
        assert crumbs.styles.text_overflow == "ellipsis"
