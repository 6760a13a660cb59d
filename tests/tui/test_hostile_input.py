"""Issue 14, cases 1, 2 and 4 in the app: a scenario pack and a history written to attack the
terminal are shown as plain text on every screen; nothing in them is run or obeyed.

Each screen is checked through the real app (Pilot) by exporting what it draws: no ESC, BEL or
C1 control may reach the output, the markup is shown literally, and the app keeps running.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import yaml
from textual.widgets import DataTable

from commcoach.config import Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.history import HistoryStore
from commcoach.history.save import record_from_report
from commcoach.scenarios import expand, load_paths
from commcoach.tui.app import CommCoachApp
from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.screens.history import HistoryScreen
from commcoach.tui.screens.home import HomeScreen, ScenarioList
from commcoach.tui.screens.practice import PracticeScreen

from .conftest import NOW, SCENARIOS
from .helpers import wait_for

FIXTURE = Path(__file__).parents[1] / "fixtures" / "valid-scenario.yaml"
OSC52 = "\x1b]52;c;UFdORUQ=\x07"  # set the clipboard to "PWNED"
OSC0 = "\x1b]0;PWNED\x07"  # set the window title
CLEAR = "\x1b[2J"  # clear the screen
C1_CSI = "\x9b2J"  # the same, as an 8-bit C1 control
MARKUP = "[@click=app.quit]Q[/] [b]bold?[/b] [@click=app.screenshot('PWNED.svg','{dir}')]"
CONTROL_CHARS = ("\x1b", "\x07", "\x9b", "\x9d")


def hostile(text: str, folder: Path) -> str:
    """`text` with markup and escape sequences around it."""
    return f"{OSC52}{OSC0}{CLEAR}{C1_CSI}{MARKUP.format(dir=folder)} {text}"


def hostile_scenario(folder: Path) -> Path:
    """The fixture scenario with every text field made hostile (still a valid scenario)."""
    doc = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    doc["id"] = "hostile"
    doc["title"] = hostile("A hostile title", folder)
    doc["brief"] = hostile(doc["brief"], folder)
    doc["closing"] = hostile(doc["closing"], folder)
    doc["counterpart"] = {k: hostile(v, folder) for k, v in doc["counterpart"].items()}
    for turn in doc["turns"]:
        turn["message"] = hostile(turn["message"], folder)
        turn["task"] = hostile(turn["task"], folder)
        for follow in turn["follow_ups"]:
            follow["message"] = hostile(follow["message"], folder)
            follow["task"] = hostile(follow["task"], folder)
    for element in doc["rubric"]["elements"]:
        for key in ("label", "explanation", "hint"):
            element[key] = hostile(element[key], folder)
    for answer in doc["model_answers"]:
        answer["text"] = hostile(answer["text"], folder)
        answer["note"] = hostile("why it works", folder)
    doc["tips"] = [hostile(t, folder) for t in doc["tips"]]
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def assert_nothing_interpreted(app: CommCoachApp, where: str, folder: Path) -> None:
    """The screen drew no control character, the app still runs, no file was written."""
    picture = app.export_screenshot()
    for char in CONTROL_CHARS:
        assert char not in picture, f"{where}: {char!r} reached the terminal"
    assert app.is_running, f"{where}: the app quit"
    assert not (folder / "PWNED.svg").exists(), f"{where}: markup ran an action"


async def test_hostile_scenario_is_plain_text_on_every_screen(
    build: Callable[..., CommCoachApp], tmp_path: Path
) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    library = load_paths([*expand([SCENARIOS]), hostile_scenario(folder)])
    assert "hostile" in library.scenarios, library.errors
    app = build(library=library)
    async with app.run_test(size=(140, 40)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.scenario_list.highlighted = next(
            i for i, o in enumerate(home.scenario_list.options) if o.id == "hostile"
        )
        await pilot.pause()
        picture = app.export_screenshot()
        assert "[@click=app.quit]Q[/]" in picture  # the markup is shown, not obeyed
        assert "␛]52;c;" in picture  # the escape sequence is visible, and inert
        assert_nothing_interpreted(app, "home list and About", folder)

        # The command palette lists every scenario by title.
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "hostile":
            await pilot.press(char)
        await pilot.pause(0.5)
        assert_nothing_interpreted(app, "command palette", folder)
        await pilot.press("escape")
        await pilot.pause()

        # A click on the hostile title selects it (opens it); it never quits.
        await pilot.click(ScenarioList, offset=(12, home.scenario_list.highlighted or 0))
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), what="practice")
        await pilot.pause()
        assert_nothing_interpreted(app, "practice (brief, transcript, task)", folder)

        practice = app.screen
        assert isinstance(practice, PracticeScreen)
        practice.composer.set_text("Yesterday I fixed the login test. Today I start the email.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        await pilot.pause()
        assert_nothing_interpreted(app, "feedback: findings", folder)
        for tab in ("s", "m"):  # score card with the rubric labels, model answer diff
            await pilot.press(tab)
            await pilot.pause()
            assert_nothing_interpreted(app, f"feedback tab {tab}", folder)


async def test_hostile_history_is_plain_text(
    build: Callable[..., CommCoachApp], store: HistoryStore, off_settings: Settings, tmp_path: Path
) -> None:
    """A stored attempt whose text and title hold escapes (written before imports were checked,
    or typed): the history table and the attempt view draw them inert."""
    engine = FeedbackEngine(off_settings)
    for text, title in (
        (hostile("Yesterday I fixed the login test.", tmp_path), ""),
        ("A short draft body.", hostile("draft", tmp_path)),
    ):
        record = record_from_report(
            engine.analyse(text),
            settings=off_settings,
            seconds_spent=5,
            created_at=NOW - timedelta(hours=1),
            is_draft=bool(title),
            title=title,
        )
        store.save_attempt(record)
    app = build()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await wait_for(pilot, lambda: screen.query_one(DataTable).row_count == 2, what="rows")
        assert_nothing_interpreted(app, "history table", tmp_path)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="attempt")
        await pilot.pause()
        assert_nothing_interpreted(app, "history attempt", tmp_path)


async def test_a_scenario_file_nested_400_deep_leaves_the_others_loaded(
    build: Callable[..., CommCoachApp], tmp_path: Path
) -> None:
    """Case 4: the app used to stay on "Loading scenarios…" with every scenario gone."""
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 400 + "]" * 400, encoding="utf-8")
    library = load_paths([*expand([SCENARIOS]), deep])
    assert len(library.scenarios) == 4
    assert library.errors == ["deep.yaml:1: invalid YAML: nested deeper than 40 levels"]
    app = build(library=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.scenario_list.option_count > 4
        assert any("nested deeper" in str(n.message) for n in app._notifications)
