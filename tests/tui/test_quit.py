"""Quitting never loses anything: saves finish first; failed saves are offered for a retry or
an export; autosaved text left by a crash is offered at the next start."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from commcoach import paths
from commcoach.config import Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.feedback.report import Finding, GrammarReason, GrammarState, GrammarStatus
from commcoach.history import HistoryStore
from commcoach.history.export import read_import
from commcoach.tui.app import CommCoachApp
from commcoach.tui.autosave import practice_key
from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.screens.dialogs import QuitDialog, RestoreDialog
from commcoach.tui.screens.practice import PracticeScreen

from .helpers import wait_exit, wait_for

LONG = " ".join(["Yesterday I fixed the flaky login test and merged the pull request."] * 150)


async def submit(pilot, app: CommCoachApp, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice")
    app.screen.composer.set_text(text)  # type: ignore[attr-defined]
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")


async def test_quit_waits_for_the_save_and_marks_autosaves_clean(
    build: Callable[..., CommCoachApp], store: HistoryStore
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await submit(pilot, app, "Yesterday I fixed the login test. No blockers.")
        await pilot.press("ctrl+q")
        await wait_exit(app)
    assert store.count() == 1
    assert app.ctx.autosave.unclean() == []


async def test_failed_save_is_offered_for_export_on_quit(
    build: Callable[..., CommCoachApp], tmp_path: Path
) -> None:
    full = HistoryStore(paths.db_path(), max_pages=16)  # a "disk" with room for almost nothing
    app = build(store=full)
    async with app.run_test(size=(100, 30)) as pilot:
        await submit(pilot, app, LONG)
        await wait_for(pilot, lambda: len(app.pending) == 1, what="kept in pending")
        assert any(n.title == "Not saved" for n in app._notifications)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, QuitDialog), what="quit dialog")
        target = tmp_path / "unsaved.json"
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("e")
        await wait_exit(app)
    records = read_import(target)
    assert len(records) == 1 and records[0].text == LONG
    assert records[0].scenario_id == "clarify-vague-ticket"


async def test_failed_save_retry_after_space_is_freed(
    build: Callable[..., CommCoachApp], store: HistoryStore
) -> None:
    full = HistoryStore(paths.db_path().with_name("small.sqlite3"), max_pages=16)
    app = build(store=full)
    async with app.run_test(size=(100, 30)) as pilot:
        await submit(pilot, app, LONG)
        await wait_for(pilot, lambda: len(app.pending) == 1, what="kept in pending")
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, QuitDialog), what="quit dialog")
        await pilot.press("escape")  # stay: nothing is lost
        assert not app._exit and len(app.pending) == 1
        app.ctx.store = store  # the learner freed space: the normal database works again
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, QuitDialog), what="dialog again")
        await pilot.press("r")
        await wait_exit(app)
    assert store.count() == 1 and len(app.pending) == 0


async def test_text_left_by_a_crash_is_offered_at_the_next_start(
    build: Callable[..., CommCoachApp],
) -> None:
    first = build()
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(first.screen, PracticeScreen), what="practice")
        first.screen.composer.text_area.insert("Unsent words")  # type: ignore[attr-defined]
        key = practice_key("clarify-vague-ticket")
        await wait_for(
            pilot,
            lambda: (e := first.ctx.autosave.read(key)) is not None and e.text == "Unsent words",
            what="autosave written",
        )
        # No ctrl+q: the run ends like a kill (the autosave stays "not clean").
    second = build()
    async with second.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(second.screen, RestoreDialog), what="offer")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(second.screen, PracticeScreen), what="restored")
        assert second.screen.composer.text == "Unsent words"  # type: ignore[attr-defined]
    third = build()
    async with third.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        assert isinstance(third.screen, RestoreDialog)  # still not quit normally
        await pilot.press("escape")  # later: keep the text, stop asking
        await pilot.pause()
    assert third.ctx.autosave.unclean() == []
    assert third.ctx.autosave.read(practice_key("clarify-vague-ticket")) is not None


class HangingGrammar:
    """Fault injection: a grammar checker whose check never answers until released."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.called = threading.Event()

    def check(
        self, text: str, *, progress: Callable[[int, int], None] | None = None
    ) -> tuple[list[Finding], GrammarStatus]:
        self.called.set()
        self.release.wait(30)
        return [], GrammarStatus(state=GrammarState.NOT_CHECKED, reason=GrammarReason.TIMED_OUT)

    def status(self) -> GrammarStatus:
        return GrammarStatus(state=GrammarState.CHECKED, backend="local")

    def start(self) -> None:
        """Nothing to start."""

    def close(self) -> None:
        self.release.set()


async def test_quit_while_languagetool_hangs_keeps_the_submitted_answer(
    build: Callable[..., CommCoachApp], store: HistoryStore, off_settings: Settings
) -> None:
    hanging = HangingGrammar()
    engine = FeedbackEngine(off_settings, grammar=hanging)  # type: ignore[arg-type]
    app = build(engine=engine)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await submit(pilot, app, "Could you tell me what fast means in PAY-12?")
            screen = app.screen
            assert isinstance(screen, AttemptScreen) and not screen.final  # local feedback
            assert hanging.called.wait(5)
            await pilot.press("ctrl+q")
            await wait_exit(app)
    finally:
        hanging.release.set()
    assert store.count() == 1  # saved with the local report, grammar marked not checked
    saved = store.get(store.page().items[0].id)
    assert saved is not None and not saved.report.grammar.checked
    assert saved.text == "Could you tell me what fast means in PAY-12?"
