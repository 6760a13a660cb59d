"""Practice end to end: brief and transcript, live feedback while typing, submit, findings with
explanations and an applied fix, score card, model answer diff, follow-ups, saved attempts."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, OptionList, Static, TabbedContent

from commcoach.history import HistoryStore
from commcoach.tui.app import CommCoachApp
from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.screens.home import HomeScreen
from commcoach.tui.screens.practice import PracticeScreen
from commcoach.tui.widgets.composer import Composer
from commcoach.tui.widgets.feedback_view import FeedbackView
from commcoach.tui.widgets.transcript import Bubble

from .helpers import shown, type_text, wait_for

GOOD_UPDATE = (
    "Yesterday I fixed the flaky login test (PAY-231). Today I will start the refund email "
    "template. Blocked on staging access: could you give me read access today?"
)


def _active(app: CommCoachApp) -> list[tuple[object, object, bool, str]]:
    """The bindings the footer shows now (hidden ones left out)."""
    return [
        (node, binding, enabled, tooltip)
        for node, binding, enabled, tooltip in app.active_bindings.values()
        if enabled and binding.show
    ]


async def open_standup(pilot, app: CommCoachApp) -> PracticeScreen:  # type: ignore[no-untyped-def]
    await pilot.press("slash")
    app.screen.query_one("#filter", Input).value = "stand-up"  # typing is tested in test_home
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice screen")
    screen = app.screen
    assert isinstance(screen, PracticeScreen)
    return screen


async def test_practice_shows_brief_counterpart_and_first_message(
    build: Callable[..., CommCoachApp],
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_standup(pilot, app)
        assert screen.scenario.id == "standup-daily"
        brief = shown(screen.query_one("#brief-text", Static))
        assert "9:30 on Wednesday" in brief and "Maya Chen" in brief
        bubbles = list(screen.query(Bubble))
        assert len(bubbles) == 1 and bubbles[0].has_class("-counterpart")
        assert "stand-up updates" in shown(bubbles[0])
        assert screen.composer.text_area.has_focus


async def test_live_feedback_counts_words_at_once_and_checks_after_a_pause(
    build: Callable[..., CommCoachApp],
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_standup(pilot, app)
        await type_text(pilot, "I fixed it")
        bar = screen.composer.live_bar
        assert shown(bar).startswith("3 words")  # per keystroke, before any worker ran
        await wait_for(
            pilot, lambda: "✓ says what you finished" in shown(screen.checklist), what="checklist"
        )
        report = screen.composer.last_report
        assert report is not None and report.text == "I fixed it"
        assert "ease" in shown(bar)  # readability from the local channels
        assert "✗ says what you will do next" in shown(screen.checklist)  # labels, not ids


async def test_stale_live_results_are_dropped(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_standup(pilot, app)
        composer = screen.composer
        old = app.ctx.engine.analyse("an older text", with_grammar=False)
        await type_text(pilot, "Today")
        composer.post_message(Composer.LiveReport(composer, old))
        await pilot.pause(0.01)
        assert composer.last_report is None or composer.last_report.text != "an older text"
        await wait_for(pilot, lambda: composer.last_report is not None, what="fresh report")
        assert composer.last_report is not None and composer.last_report.text == "Today"


async def test_submit_empty_answer_is_refused(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_standup(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        assert isinstance(app.screen, PracticeScreen)
        assert any("Write your answer first" in str(n.message) for n in app._notifications)


async def test_submit_shows_findings_explanation_score_and_saves(
    build: Callable[..., CommCoachApp], store: HistoryStore
) -> None:
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_standup(pilot, app)
        screen.composer.set_text("I just wanted to say yesterday I fix the login test.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        feedback = app.screen
        assert isinstance(feedback, AttemptScreen)
        view = feedback.query_one(FeedbackView)
        rules = [f.rule_id for f in view.findings]
        assert "rubric.next" in rules and "rubric.blockers" in rules  # content gaps named
        # The score card breaks the score down and shows the checklist.
        await pilot.press("s")
        card = shown(feedback.query_one("#score-card", Static))
        assert "Score" in card and "Content" in card and "Checklist" in card
        assert "✗ Says what you will do next" in card
        await pilot.press("f")
        # Each finding has an explanation; the selected one is highlighted in the text.
        view.finding_list.focus()
        view.finding_list.highlighted = rules.index("rubric.next")
        await pilot.pause()
        assert "Why:" in shown(view.detail)
        await wait_for(pilot, lambda: store.count() == 1, what="attempt saved")
        saved = store.page().items[0]
        assert saved.scenario_id == "standup-daily" and not saved.is_draft
        assert saved.score == feedback.report.score.total


async def test_apply_a_suggested_replacement_then_retry_with_it(
    build: Callable[..., CommCoachApp],
) -> None:
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_standup(pilot, app)
        screen.composer.set_text("I just wanted to say that the login test is fixed.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        view = app.screen.query_one(FeedbackView)
        fixable = [i for i, f in enumerate(view.findings) if f.suggestions and f.source != "rubric"]
        assert fixable, f"expected a finding with a replacement: {view.findings}"
        index = fixable[0]
        chosen = view.findings[index]
        flagged = view.text[chosen.start : chosen.end]
        view.finding_list.highlighted = index
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert flagged not in view.text or view.text.count(flagged) < 1 + 0
        assert chosen.suggestions[0] in view.text
        # Apply re-checks the new text with every channel (issue 10): no stale approval
        attempt = app.screen
        assert isinstance(attempt, AttemptScreen)
        await wait_for(pilot, lambda: attempt.report.text == view.text, what="re-check after Apply")
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="composer")
        assert screen.composer.text == view.text


async def test_follow_up_then_closing_message(
    build: Callable[..., CommCoachApp], store: HistoryStore
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_standup(pilot, app)
        # No blockers mentioned: the script's `unless: blockers` follow-up fires.
        screen.composer.set_text(
            "Yesterday I fixed the flaky login test. Today I will start the refund email template."
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen, what="back in practice")
        await pilot.pause()
        messages = [shown(b) for b in screen.query(Bubble)]
        assert messages[-1] == "Thanks! Anything blocking you, or are you good?"
        assert screen.composer.text == ""
        assert "Follow-up" in shown(screen.task_line)
        screen.composer.text_area.insert("No blockers, all good.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback 2")
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen, what="back again")
        await pilot.pause()
        messages = [shown(b) for b in screen.query(Bubble)]
        assert messages[-1] == "Great, thanks - have a good day!"
        assert "Conversation finished" in shown(screen.query_one("#finished", Static))
        assert not screen.composer.display  # no composer, no Submit once it is over
        assert "submit" not in {b.action for _, b, _, _ in _active(app)}
        await wait_for(pilot, lambda: store.count() == 2, what="both answers saved")
        turns = {item.turn_id for item in store.page().items}
        assert turns == {"update"}


async def test_model_answer_with_word_diff(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_standup(pilot, app)
        screen.composer.set_text(GOOD_UPDATE)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        await pilot.press("m")
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "model"
        diff = shown(app.screen.query_one("#model-diff", Static))
        assert "Model answer" in diff and "Word diff against yours" in diff
        assert "of the words match" in diff


async def test_escape_goes_back_and_keeps_the_text(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_standup(pilot, app)
        screen.composer.text_area.insert("Half an answer")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice again")
        again = app.screen
        assert isinstance(again, PracticeScreen) and again is not screen
        assert again.composer.text == "Half an answer"  # restored from the autosave
        assert isinstance(again.query_one("#live-findings"), OptionList)


async def test_closing_the_screen_any_way_keeps_the_last_words(
    build: Callable[..., CommCoachApp],
) -> None:
    from commcoach.tui.autosave import practice_key

    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_standup(pilot, app)
        screen.composer.text_area.insert("Typed just before the screen closed")
        await app.pop_screen()  # not via Esc: no chance for the debounce timer to fire
        # the composer saves as it unmounts, which a loaded machine may run after one pause
        key = practice_key("standup-daily")
        await wait_for(pilot, lambda: app.ctx.autosave.read(key) is not None, what="autosave")
        entry = app.ctx.autosave.read(key)
        assert entry is not None and entry.text == "Typed just before the screen closed"
