"""The grammar channel as the learner sees it: off, unavailable (and why) with the app still
working, and a real LanguageTool server finding a real error after submit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from commcoach.config import GrammarBackend, GrammarSettings, Settings
from commcoach.feedback.report import GrammarReason, GrammarState, GrammarStatus
from commcoach.history import HistoryStore
from commcoach.tui.app import CommCoachApp
from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.screens.practice import PracticeScreen
from commcoach.tui.widgets.status_bar import GrammarIndicator, grammar_label, grammar_sentence

from .helpers import shown, wait_for


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (GrammarStatus(state=GrammarState.CHECKED, backend="local"), "grammar ready"),
        (
            GrammarStatus(state=GrammarState.NOT_CHECKED, reason=GrammarReason.STARTING),
            "grammar starting…",
        ),
        (GrammarStatus(state=GrammarState.NOT_CHECKED, reason=GrammarReason.OFF), "grammar off"),
        (
            GrammarStatus(
                state=GrammarState.NOT_CHECKED,
                reason=GrammarReason.NO_JAVA,
                detail="Java not found on PATH",
            ),
            "grammar unavailable (no Java)",
        ),
        (
            GrammarStatus(state=GrammarState.NOT_CHECKED, reason=GrammarReason.TIMED_OUT),
            "grammar unavailable (timed out)",
        ),
    ],
)
def test_status_labels(status: GrammarStatus, label: str) -> None:
    assert grammar_label(status).plain.endswith(label)
    if status.detail:
        assert status.detail in grammar_sentence(status)


async def test_grammar_off_is_shown(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        indicator = app.screen.query_one(GrammarIndicator)
        await wait_for(pilot, lambda: "grammar off" in shown(indicator), what="status")


async def test_not_installed_explains_why_and_the_app_still_works(
    build: Callable[..., CommCoachApp],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    store: HistoryStore,
) -> None:
    monkeypatch.setenv("COMMCOACH_LANGUAGETOOL_DIR", str(tmp_path / "no-languagetool-here"))
    settings = Settings(grammar=GrammarSettings(backend=GrammarBackend.LOCAL))
    app = build(settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        indicator = app.screen.query_one(GrammarIndicator)
        await wait_for(pilot, lambda: "unavailable" in shown(indicator), what="unavailable")
        status = app.grammar_status
        assert status is not None and status.reason in (
            GrammarReason.NOT_INSTALLED,
            GrammarReason.NO_JAVA,
        )
        assert status.detail  # says what to do
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice")
        app.screen.composer.set_text("Could you tell me what the ticket means by fast?")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        screen = app.screen
        assert isinstance(screen, AttemptScreen)
        await wait_for(pilot, lambda: screen.final, what="final report")
        assert not screen.report.grammar.checked
        assert "grammar not checked" in shown(screen.summary)
        await wait_for(pilot, lambda: store.count() == 1, what="saved without grammar")


@pytest.mark.languagetool
async def test_real_languagetool_finds_a_grammar_error_after_submit(
    build: Callable[..., CommCoachApp], lt_settings: Settings, store: HistoryStore
) -> None:
    app = build(settings=lt_settings)
    async with app.run_test(size=(100, 30)) as pilot:
        indicator = app.screen.query_one(GrammarIndicator)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice")
        app.screen.composer.set_text(  # type: ignore[attr-defined]
            "Hi Sam, he go to the meeting yesterday. What does fast mean in PAY-12?"
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        screen = app.screen
        assert isinstance(screen, AttemptScreen)
        await wait_for(pilot, lambda: screen.final, timeout=60, what="LanguageTool result")
        assert screen.report.grammar.checked
        grammar = [f for f in screen.report.findings if f.source == "languagetool"]
        assert any(screen.report.text[f.start : f.end] == "go" for f in grammar), grammar
        assert (
            "grammar ready" in shown(indicator)
            or "grammar ready" in grammar_label(app.grammar_status).plain
        )
        assert "grammar checked" in shown(screen.summary)
        await wait_for(pilot, lambda: store.count() == 1, what="saved")
        assert store.page().items[0].grammar_checked


@pytest.mark.languagetool
async def test_plus_adds_the_flagged_word_to_the_vocabulary(
    build: Callable[..., CommCoachApp], lt_settings: Settings, store: HistoryStore
) -> None:
    """Issue 11: one key teaches the speller a name; the finding goes and never comes back."""
    from commcoach.feedback.grammar.vocabulary import default_store

    app = build(settings=lt_settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice")
        app.screen.composer.set_text(  # type: ignore[attr-defined]
            "Hi Sam, the zorblaxify step failed again. Could you look at it today?"
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        screen = app.screen
        assert isinstance(screen, AttemptScreen)
        await wait_for(pilot, lambda: screen.final, timeout=60, what="LanguageTool result")
        view = screen.feedback
        text = view.text
        index = next(
            i for i, f in enumerate(view.findings) if text[f.start : f.end] == "zorblaxify"
        )
        view.finding_list.focus()
        view.finding_list.highlighted = index
        await pilot.pause()
        await pilot.press("plus")
        await wait_for(
            pilot,
            lambda: all(text[f.start : f.end] != "zorblaxify" for f in view.findings),
            what="finding dropped",
        )
        assert "zorblaxify" in default_store().path.read_text(encoding="utf-8")
        # The running checker accepts it from now on.
        findings, _ = app.ctx.engine.grammar.check(text)  # type: ignore[attr-defined]
        assert all(text[f.start : f.end] != "zorblaxify" for f in findings)


@pytest.mark.languagetool
async def test_a_long_check_shows_how_far_grammar_got(
    build: Callable[..., CommCoachApp],
    lt_settings: Settings,
    store: HistoryStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 13: a long document's grammar check reports progress in the summary line
    ('checking grammar… 40% (8,000 of 20,000 characters)'); here from the first batch on."""
    from commcoach.tui import app as app_module

    monkeypatch.setattr(app_module, "PROGRESS_AFTER", 0.0)
    monkeypatch.setattr(app_module, "PROGRESS_EVERY", 0.0)
    paragraph = (
        "Yesterday I fixed the login test and merged the pull request. Today I will review "
        "the payment flow with Sam and update the release notes for the team. "
    )
    text = "\n\n".join(f"{paragraph}Part {i} is ready." for i in range(160))
    seen: list[str] = []
    show_summary = AttemptScreen._show_summary

    def recording(screen: AttemptScreen) -> None:
        """Every summary line the learner is shown, however fast the check runs: polling
        would miss a progress line when a warm server finishes between two polls."""
        show_summary(screen)
        seen.append(shown(screen.summary))

    monkeypatch.setattr(AttemptScreen, "_show_summary", recording)
    app = build(settings=lt_settings)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice")
        app.screen.composer.set_text(text)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        screen = app.screen
        assert isinstance(screen, AttemptScreen)
        await wait_for(pilot, lambda: screen.final, timeout=120, what="LanguageTool result")
        assert screen.grammar_progress is not None
        done, total = screen.grammar_progress
        assert 0 < done <= total and total >= len(text) * 0.9
        assert any("checking grammar… " in line and "characters)" in line for line in seen), seen
        assert "checking grammar" not in shown(screen.summary)  # final: the progress is gone
        assert screen.report.grammar.checked
