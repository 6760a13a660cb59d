"""What a learner does that used to crash or lose text (issue 15): opening another scenario from
practice or feedback, errors, ctrl+r, restores arriving late, templates, re-checks, and the end
of a conversation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Static

from commcoach import paths
from commcoach.history import HistoryStore
from commcoach.tui.app import CommCoachApp
from commcoach.tui.autosave import DRAFT_KEY, AutosaveEntry, practice_key
from commcoach.tui.navigation import open_draft, open_history, open_practice
from commcoach.tui.restore import restore_chosen
from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.screens.dialogs import ConfirmDialog
from commcoach.tui.screens.draft import DraftScreen
from commcoach.tui.screens.practice import PracticeScreen

from .conftest import NOW
from .helpers import type_text, wait_for
from .test_practice import GOOD_UPDATE, open_standup


def practice_screens(app: CommCoachApp) -> list[PracticeScreen]:
    return [s for s in app.screen_stack if isinstance(s, PracticeScreen)]


async def test_another_scenario_from_feedback_replaces_practice(
    build: Callable[..., CommCoachApp],
) -> None:
    """The crash of issue 15: palette 'Practise: <another>' on the feedback screen."""
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_standup(pilot, app)
        app.screen.composer.set_text(GOOD_UPDATE)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        open_practice(app, app.ctx, "deadline-more-time")  # what the palette entry calls
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, PracticeScreen)
                and app.screen.scenario.id == "deadline-more-time"
            ),
            what="the other scenario",
        )
        assert len(practice_screens(app)) == 1  # replaced, not stacked
        assert not any(isinstance(s, AttemptScreen) for s in app.screen_stack)
        open_practice(app, app.ctx, "deadline-more-time")  # the same one again: brought back
        await pilot.pause()
        assert len(app.screen_stack) == 2


async def test_another_scenario_asks_when_text_is_unsent(
    build: Callable[..., CommCoachApp],
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        first = await open_standup(pilot, app)
        await type_text(pilot, "Half a reply")
        open_history(app, app.ctx)  # a screen above practice, as from the palette
        await pilot.pause()
        open_practice(app, app.ctx, "deadline-more-time")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="question")
        await pilot.press("n")  # stay: nothing changed
        await pilot.pause()
        assert practice_screens(app) == [first] and first.composer.text == "Half a reply"
        open_practice(app, app.ctx, "deadline-more-time")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="question")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="replaced")
        assert [s.scenario.id for s in practice_screens(app)] == ["deadline-more-time"]
        saved = app.ctx.autosave.read(practice_key("standup-daily"))
        assert saved is not None and saved.text == "Half a reply"  # kept for next time


async def test_one_draft_screen_even_from_a_drill(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        open_draft(app, app.ctx)
        await pilot.pause()
        open_history(app, app.ctx)
        await pilot.pause()
        open_draft(app, app.ctx)
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "DraftScreen"]


async def test_an_unhandled_error_writes_a_log_and_exits_1(
    build: Callable[..., CommCoachApp],
) -> None:
    """One line and a log file path instead of Textual's traceback with local variables."""
    app = build()
    secret = "my unsent message to the manager"

    def boom() -> None:
        words = secret  # a local variable Textual's traceback would print
        raise RuntimeError(f"broken widget ({len(words)})")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            app.call_later(boom)
            await pilot.pause(0.2)
    assert app.return_code == 1
    log = app.crash_log
    assert log is not None and log.parent == paths.data_dir() / "logs"
    body = log.read_text(encoding="utf-8")
    assert "RuntimeError: broken widget" in body and "boom" in body
    assert secret not in body  # tracebacks in the log carry no local variables


async def test_restart_asks_then_clears_with_undo_and_keeps_the_autosave(
    build: Callable[..., CommCoachApp],
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_standup(pilot, app)
        await type_text(pilot, "Words I need")
        key = practice_key("standup-daily")
        await wait_for(pilot, lambda: app.ctx.autosave.read(key) is not None, what="autosave")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="question")
        await pilot.press("escape")  # no
        await pilot.pause()
        assert screen.composer.text == "Words I need"
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="question")
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen, what="back")
        assert screen.composer.text == ""
        await pilot.pause(0.5)  # past the autosave pause: an empty editor does not wipe it
        saved = app.ctx.autosave.read(key)
        assert saved is not None and saved.text == "Words I need"  # not gone yet
        await pilot.press("ctrl+z")
        assert screen.composer.text == "Words I need"
        await pilot.press("ctrl+r", "y")
        await wait_for(pilot, lambda: screen.composer.text == "", what="cleared again")
        await pilot.press("escape")  # the screen closes: now the text is really gone
        await wait_for(pilot, lambda: app.ctx.autosave.read(key) is None, what="autosave gone")


async def test_submitted_text_is_not_offered_as_unsent(
    build: Callable[..., CommCoachApp], store: HistoryStore
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_standup(pilot, app)
        await type_text(pilot, "Yesterday I fixed the login test.")
        key = practice_key("standup-daily")
        await wait_for(pilot, lambda: app.ctx.autosave.read(key) is not None, what="autosave")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: store.count() == 1, what="saved")
        await wait_for(pilot, lambda: app.ctx.autosave.read(key) is None, what="autosave gone")
        await pilot.press("r")  # retry: the same text back in the composer, still not unsent
        await pilot.pause(0.4)
        assert app.ctx.autosave.unclean() == []


async def test_a_late_restore_never_overwrites_typing(build: Callable[..., CommCoachApp]) -> None:
    """The restore dialog answered after Draft opened and you typed: both texts are kept."""
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen), what="draft")
        draft = app.screen
        assert isinstance(draft, DraftScreen)
        draft.composer.text_area.load_text("")
        await type_text(pilot, "Typed first")
        app.ctx.autosave.write(AutosaveEntry(DRAFT_KEY, "draft", "Saved before the crash", NOW))
        restore_chosen(app, app.ctx, ("restore", DRAFT_KEY))
        await pilot.pause(0.2)
        text = draft.composer.text
        assert text.startswith("Typed first") and "Saved before the crash" in text


async def test_recheck_is_not_a_new_attempt(
    build: Callable[..., CommCoachApp], store: HistoryStore
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_standup(pilot, app)
        app.screen.composer.set_text(GOOD_UPDATE)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        await wait_for(pilot, lambda: store.count() == 1, what="saved")
        feedback = app.screen
        assert isinstance(feedback, AttemptScreen)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: feedback.final, what="re-checked")
        await pilot.pause(0.3)
        assert store.count() == 1


async def test_help_explains_marks_score_and_select_all(
    build: Callable[..., CommCoachApp],
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text", Static).content)
        assert "suggestion:" in text and "warning:" in text and "error:" in text
        for part in ("content", "correctness", "style", "readability"):
            assert part in text
        assert "Select all (F7 works too)" in text


async def test_ctrl_a_selects_all_in_the_composer(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_standup(pilot, app)
        await type_text(pilot, "One line")
        await pilot.press("ctrl+a")
        assert screen.composer.text_area.selected_text == "One line"
