"""A big paste keeps typing responsive: live feedback looks at the edited paragraph only."""

from __future__ import annotations

from collections.abc import Callable

from commcoach.tui.app import CommCoachApp
from commcoach.tui.screens.practice import PracticeScreen
from commcoach.tui.widgets.composer import LIVE_MAX_CHARS, LIVE_WINDOW_CHARS

from .helpers import shown, wait_for

PARAGRAPH = "Yesterday I fix the flaky login test and I push the change for review. " * 6


async def test_live_feedback_in_a_big_text_analyses_only_the_edited_paragraph(
    build: Callable[..., CommCoachApp],
) -> None:
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice")
        composer = app.screen.composer  # type: ignore[attr-defined]
        seen: list[str] = []
        analyse = composer._analyse

        def spy(text: str) -> object:
            seen.append(text)
            return analyse(text)

        composer._analyse = spy
        text = "\n\n".join(f"{i}. {PARAGRAPH}" for i in range(80))
        assert len(text) > LIVE_MAX_CHARS
        composer.set_text(text)
        await pilot.press("x")
        await wait_for(pilot, lambda: "this paragraph" in shown(composer.live_bar), what="bar")
        assert seen and all(len(t) <= LIVE_WINDOW_CHARS for t in seen)
        assert seen[-1].startswith("79. ") and seen[-1].endswith("x"), "the edited paragraph"
        assert f"{len((text + 'x').split())} words" in shown(composer.live_bar).replace(",", "")
        assert composer.text == text + "x", "nothing typed is lost"
