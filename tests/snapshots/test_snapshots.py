"""Snapshot tests of every screen at 80x24 and 120x40 (pytest-textual-snapshot).

Each test's docstring says what the picture must show; `make snapshot-update` (pytest
--snapshot-update) re-records them after an intended change, and the HTML report shows the
docstring next to any difference. Deterministic: fixed scenarios, clock and seeded history,
grammar off, no blinking cursor (see snapshot_apps/main.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.screens.check import CheckScreen
from commcoach.tui.screens.draft import DraftScreen
from commcoach.tui.screens.help import HelpScreen
from commcoach.tui.screens.history import HistoryScreen
from commcoach.tui.screens.home import HomeScreen
from commcoach.tui.screens.practice import PracticeScreen
from commcoach.tui.screens.settings import SettingsScreen

from .snapshot_apps.main import build_app, wait_until

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
"""Every screen at both sizes."""
SMALL = pytest.mark.parametrize("size", [(80, 24)], ids=["80x24"])
LARGE = pytest.mark.parametrize("size", [(120, 40)], ids=["120x40"])
"""Second tabs of a screen: one size each, to keep the suite fast."""
ANSWER = (
    "Yesterday I just fixed the flaky login test (PAY-231). Today I will start the refund "
    "email template. I think I am blocked on staging access."
)
Compare = Callable[..., bool]


def steps(
    *actions: Callable[[Pilot[Any]], Awaitable[None]],
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Run set-up steps in order before the picture is taken."""

    async def run(pilot: Pilot[Any]) -> None:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        home = pilot.app.screen
        await wait_until(pilot, lambda: bool(home.stats.scores))  # type: ignore[attr-defined]
        for action in actions:
            await action(pilot)
        await pilot.pause(0.1)

    return run


def press(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)

    return run


def until(kind: type) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind))

    return run


async def open_standup(pilot: Pilot[Any]) -> None:
    await pilot.press("slash")
    pilot.app.screen.query_one("#filter", Input).value = "stand-up"
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PracticeScreen))


async def write_answer(pilot: Pilot[Any]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, PracticeScreen)
    screen.composer.text_area.insert(ANSWER)
    await wait_until(
        pilot,
        lambda: (
            screen.composer.last_report is not None and screen.composer.last_report.text == ANSWER
        ),
    )


async def submit(pilot: Pilot[Any]) -> None:
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, AttemptScreen))
    screen = pilot.app.screen
    await wait_until(pilot, lambda: screen.final)  # type: ignore[attr-defined]


async def history_loaded(pilot: Pilot[Any]) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, HistoryScreen))
    screen = pilot.app.screen
    table = screen.query_one(DataTable)
    await wait_until(pilot, lambda: table.row_count > 0)
    # filled for the width the screen has now (a resize refills it, columns at label widths)
    await wait_until(pilot, lambda: screen.filled_width == screen.size.width)  # type: ignore[attr-defined]
    # the screen sets each column to its widest cell as it fills (no late measuring pass);
    # wait for the rows to be laid out
    await wait_until(pilot, lambda: not table._new_rows)
    await wait_until(pilot, lambda: bool(screen.insights.rules))  # type: ignore[attr-defined]
    await pilot.pause(0.2)  # and repaints the rows at those widths on a later refresh


@SIZES
def test_home(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Home: top bar 'commcoach › Home' with 'grammar off' and 'F1 help'; a one-line filter;
    the Scenarios list grouped by category (CLARIFICATION, DEADLINE, PROGRESS-UPDATE, STANDUP)
    with easy/medium difficulty, 'best NN' and 'today' / 'yesterday' / 'N days ago' for practised
    ones and 'new' for the rest; 'About' shows the highlighted scenario's brief and tries
    ('N tries', never '1 tries'); the second panel is 'Your top N habits this week' with plain
    habit names (no rule ids, e.g. 'Over-apologising', 'Vague time') and 'N×' (at 120x40 also a
    one-line lesson), then '1-2: a 2-minute drill · n: next scenario'; the footer shows
    Practise, Filter, Draft, History, Settings. At 80x24 the About/Practise-next panels sit under the list, at 120x40 beside it
    (About then also lists the scenario's tips)."""
    assert snap_compare(build_app(), terminal_size=size, run_before=steps())


@SIZES
def test_practice_with_live_feedback(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Practice 'Your first daily stand-up update': the brief (Situation, Maya Chen, tech lead),
    Maya's first message in a bubble, 'Your task', the composer holding the answer, the live
    bar '.. words (15–120) · ease .. · grade ..' with hint counts, and the live checklist with
    the rubric labels ('✓ says what you finished … ✗ asks a specific person for specific help').
    At 120x40 an 'As you type' panel on the right lists the local word-level findings by plain
    name ('Just', 'Hedging' with the quoted words and a lesson; 'N hints' in its bottom border);
    at 80x24 that panel is folded away and a one-line 'Hint ▲ …  (+N more: ctrl+s for all)'
    strip under the checklist shows the first one, cut with '…'. The brief box says 'F2 more'."""
    assert snap_compare(
        build_app(), terminal_size=size, run_before=steps(open_standup, write_answer)
    )


@SIZES
def test_feedback_findings(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Feedback after submitting: summary 'Score NN/100 · checklist 3/4 · N findings · grammar
    off'; tabs Findings / Score & checklist / Model answer; the answer with flagged words
    underlined; the Findings list by plain name (rubric gap 'Missing: asks a specific person…'
    first, then 'Just', 'Hedging' … each with its quoted words and a lesson; no rule ids) and,
    for the highlighted one, 'Name: lesson', its explanation ('Why:', ✗ weak / ✓ better
    examples) and, dim at the bottom, the rule id (the detail view is where ids live). Footer:
    Next, Retry, Apply, Re-check, Score, Model, Back."""
    assert snap_compare(
        build_app(), terminal_size=size, run_before=steps(open_standup, write_answer, submit)
    )


@SMALL
def test_feedback_score_card(snap_compare: Compare, size: tuple[int, int]) -> None:
    """The 'Score & checklist' tab: 'Score NN / 100', one bar per component (Content,
    Correctness, Style, Readability) with points/max and the reason, the note that grammar was
    not checked (backend off), and 'Checklist 3/4' with ✓/✗ per rubric element and the hint for
    the missing one."""
    assert snap_compare(
        build_app(),
        terminal_size=size,
        run_before=steps(open_standup, write_answer, submit, press("s")),
    )


@LARGE
def test_feedback_model_answer(snap_compare: Compare, size: tuple[int, int]) -> None:
    """The 'Model answer' tab: the model answer, then 'Word diff against yours' with words only
    in yours struck through (red) and words only in the model underlined (green), the legend
    with the share of matching words, and 'Why it works:' with the scenario's note."""
    assert snap_compare(
        build_app(),
        terminal_size=size,
        run_before=steps(open_standup, write_answer, submit, press("m")),
    )


@SIZES
def test_draft(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Draft: the template picker on 'Stand-up update', the tip line, the composer prefilled
    with 'Yesterday: / Today: / Blockers: - None' and the first words typed where the cursor
    starts, in the first empty bullet ('- Fixed the bug'), the live bar, the stand-up checklist
    'Stand-up: ✓ done ✗ next ✓ blockers' (Today's empty bullet says nothing yet), and the footer
    Check, Git hints, Template, Copy, Save .md, Back."""
    assert snap_compare(
        build_app(),
        terminal_size=size,
        run_before=steps(press("d"), until(DraftScreen), press(*"Fixed the bug")),
    )


@SIZES
def test_history_attempts(snap_compare: Compare, size: tuple[int, int]) -> None:
    """History, Attempts tab: the search box and category/kind pickers, then '7 attempts' in a
    table (When, Scenario / draft with the turn, Score coloured by band, Words, Findings),
    newest first ('yesterday 09:30' at the top); the footer shows '⏎ Open'."""
    assert snap_compare(
        build_app(), terminal_size=size, run_before=steps(press("h"), history_loaded)
    )


@LARGE
def test_history_progress(snap_compare: Compare, size: tuple[int, int]) -> None:
    """History, Progress tab: the category picker ('Your 4 busiest categories') and a plotext
    chart 'Mean score per week' with one line per category, weeks on the x axis (Monday dates)
    and 0–100 on the y axis; the note under it counts category-weeks."""
    assert snap_compare(
        build_app(), terminal_size=size, run_before=steps(press("h"), history_loaded, press("g"))
    )


@SMALL
def test_history_frequent_findings(snap_compare: Compare, size: tuple[int, int]) -> None:
    """History, Frequent findings tab, titled 'Most frequent findings, last 30 days' (the CLI's
    period too): plain habit names (no rule ids) with 'N× in M attempts' ('1 attempt' when one),
    each with its one-line lesson and '→ 2-minute drill' (word-level habits) or '→ scenario'
    (rubric gaps, named by the element's label); the first is highlighted; the hint under the
    list says Enter practises it."""
    assert snap_compare(
        build_app(), terminal_size=size, run_before=steps(press("h"), history_loaded, press("f"))
    )


@SIZES
def test_settings(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Settings: 'Now: Grammar off: …' then one row per setting (Grammar backend 'off' with its
    explanation, Server URL (disabled), English variant 'en-US', Mother tongue, Theme
    'textual-dark', then the switches in words: 'Picky grammar: OFF – the usual hints only' and
    'Live feedback: ON – hints while you type') and the personal dictionary box; footer Save and
    Back."""
    assert snap_compare(
        build_app(), terminal_size=size, run_before=steps(press("s"), until(SettingsScreen))
    )


@SIZES
def test_help(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Help: the sentence about keys that work everywhere (Enter, ctrl+s, Esc, ctrl+q, ctrl+p,
    F1), then 'Home (where you were)' with its keys (⏎ Practise, / Filter, n Next up, d Draft,
    …) followed by the Practice, Feedback, Draft, Check a message, History and Settings
    sections (then, further down, 'The marks', 'The score (0-100)' and 'In a composer' with
    '^a Select all (F7 works too)')."""
    assert snap_compare(
        build_app(), terminal_size=size, run_before=steps(press("f1"), until(HelpScreen))
    )


async def type_vague(pilot: Pilot[Any]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, PracticeScreen)
    screen.composer.text_area.insert("Sorry, sorry, I will send the fix soon.")
    await wait_until(pilot, lambda: screen.composer.last_report is not None)


@SMALL
def test_home_filter_ranks_titles(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Home with the filter 'stand': one 'BEST MATCHES' group (no category headers) with the
    stand-up scenario first and highlighted, so Enter opens it; the subtitle says '1 of 4'."""

    async def filter_stand(pilot: Pilot[Any]) -> None:
        await pilot.press("slash", "s", "t", "a", "n", "d")

    assert snap_compare(build_app(), terminal_size=size, run_before=steps(filter_stand))


@SMALL
def test_restart_asks_first(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Practice at 80x24 after typing and ctrl+r: a dialog 'Start again and clear your reply
    (8 words)?' saying ctrl+z brings the text back and it stays autosaved, with the buttons
    'Start again (y)' and 'Keep writing (n)' (the safe one focused); behind it the practice
    screen with the hint strip."""
    assert snap_compare(
        build_app(),
        terminal_size=size,
        run_before=steps(open_standup, type_vague, press("ctrl+r")),
    )


@SMALL
def test_practice_finished(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Practice after the last message ('Great, thanks - have a good day!'): no composer and
    no Submit; a green box '✓ Conversation finished (N answers sent, all in your History).'
    with 'Next: ctrl+r practise it again · Esc back to the scenarios · ctrl+p …'; the footer
    shows Back, Brief and Restart only."""

    async def finish(pilot: Pilot[Any]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, PracticeScreen)
        screen.composer.set_text(
            "Yesterday I fixed the flaky login test (PAY-231). Today I will start the refund "
            "email template. No blockers."
        )
        for _ in range(3):
            if screen.prompt is None:
                break
            await submit(pilot)
            await pilot.press("n")
            await wait_until(pilot, lambda: pilot.app.screen is screen)
            if screen.prompt is not None:
                screen.composer.set_text("No blockers, all good. Could you review PAY-231?")

    assert snap_compare(build_app(), terminal_size=size, run_before=steps(open_standup, finish))


@SIZES
def test_check_a_message(snap_compare: Compare, size: tuple[int, int]) -> None:
    """'Check a message' (c on Home): top bar 'commcoach › Check a message', the line 'Paste or
    type any message, then ctrl+s: … Nothing is saved to your history.', a composer holding a
    pasted message with its live bar, and the footer Check, Back."""

    async def paste(pilot: Pilot[Any]) -> None:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CheckScreen))
        screen = pilot.app.screen
        assert isinstance(screen, CheckScreen)
        screen.composer.set_text("Hi Sam, kindly do the needful for PAY-12 ASAP. Thanks!")
        await wait_until(pilot, lambda: screen.composer.last_report is not None)

    assert snap_compare(build_app(), terminal_size=size, run_before=steps(press("c"), paste))
