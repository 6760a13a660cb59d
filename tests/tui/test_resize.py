"""A terminal resize never breaks the layout: side panels fold away below 110 columns and come
back above it; the composer and the feedback stay on screen at small sizes."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from commcoach.tui.app import CommCoachApp
from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.screens.practice import PracticeScreen

from .helpers import wait_for


def visible(widget: Widget) -> bool:
    region = widget.region
    screen = widget.screen.region
    return (
        widget.display and region.width > 0 and region.height > 0 and screen.contains_region(region)
    )


async def test_practice_and_feedback_survive_resizes(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice")
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        side = screen.query_one("#live-side")
        assert screen.has_class("-narrow") and not visible(side)
        for size in [(120, 40), (60, 20), (200, 60), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert visible(screen.composer.text_area), size
            assert visible(screen.transcript), size
            assert visible(side) == (size[0] >= 110), size
        screen.composer.set_text("Could you tell me what fast means in PAY-12?")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        feedback = app.screen
        for size in [(120, 40), (60, 20), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert visible(feedback.query_one("#finding-list")), size
            assert visible(feedback.query_one("#summary")), size
