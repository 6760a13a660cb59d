"""After Apply, every channel checks the sentence again: the coach never approves an error."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from commcoach.config import Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.history import HistoryStore
from commcoach.tui.app import CommCoachApp
from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.screens.practice import PracticeScreen
from commcoach.tui.widgets.feedback_view import FeedbackView

from .helpers import wait_for


@pytest.mark.languagetool
async def test_apply_rechecks_the_text_with_every_channel_without_a_new_attempt(
    build: Callable[..., CommCoachApp], lt_settings: Settings, store: HistoryStore
) -> None:
    app = build(settings=lt_settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice")
        app.screen.composer.set_text(  # type: ignore[attr-defined]
            "Hi Sam, yesterday I have did the review. We need more two days for the migration."
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        screen = app.screen
        assert isinstance(screen, AttemptScreen)
        await wait_for(pilot, lambda: screen.final, timeout=60, what="LanguageTool result")
        await wait_for(pilot, lambda: store.count() == 1, what="attempt saved")
        view = screen.query_one(FeedbackView)
        index = next(
            i
            for i, f in enumerate(view.findings)
            if f.suggestions and view.text[f.start : f.end] == "more two"
        )
        view.finding_list.highlighted = index
        await pilot.pause()
        await pilot.press("a")
        applied = view.text
        assert "two more days" in applied
        await wait_for(
            pilot,
            lambda: screen.final and screen.report.text == applied,
            timeout=60,
            what="re-check after Apply",
        )
        engine = FeedbackEngine(lt_settings)
        try:
            expected = engine.analyse(applied, screen.request.scenario if screen.request else None)
        finally:
            engine.close()
        assert [f.rule_id for f in screen.report.findings] == [f.rule_id for f in expected.findings]
        assert screen.report.grammar.checked
        assert store.count() == 1, "a re-check after Apply is not a new attempt"
