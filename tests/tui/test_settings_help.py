"""Settings (saved to the TOML config and applied), Help (every binding) and the command
palette (every action)."""

from __future__ import annotations

import inspect
import tomllib
from collections.abc import Callable

from textual.widgets import Checkbox, Input, Select, Static, TextArea

from commcoach import paths
from commcoach.config import load_settings
from commcoach.tui.app import CommCoachApp
from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.screens.draft import DraftScreen
from commcoach.tui.screens.help import HelpScreen
from commcoach.tui.screens.history import HistoryScreen
from commcoach.tui.screens.home import HomeScreen
from commcoach.tui.screens.practice import PracticeScreen
from commcoach.tui.screens.settings import SettingsScreen

from .helpers import shown, wait_for


async def open_settings(pilot, app: CommCoachApp) -> SettingsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen), what="settings")
    screen = app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def test_settings_are_saved_to_toml_and_applied(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot, app)
        old_engine = app.ctx.engine
        screen.query_one("#variant", Select).value = "en-GB"
        screen.query_one("#picky", Checkbox).value = True
        screen.query_one("#live-feedback", Checkbox).value = False
        screen.query_one("#dictionary", TextArea).load_text("Kubernetes\nPAYments\n\nkubectl\n")
        screen.query_one("#theme", Select).value = "nord"
        await pilot.pause()
        assert app.theme == "nord"  # previewed at once
        await pilot.press("ctrl+s")
        await wait_for(pilot, paths.config_file().exists, what="config file")
        await wait_for(pilot, lambda: app.ctx.engine.settings.grammar.picky, what="options applied")
        # Variant, mother tongue, picky and the dictionary travel with each request: the same
        # engine (and LanguageTool server) takes them, nothing restarts (issue 15).
        assert app.ctx.engine is old_engine
    data = tomllib.loads(paths.config_file().read_text(encoding="utf-8"))
    assert data["grammar"]["variant"] == "en-GB"
    assert "mother_tongue" not in data["grammar"]
    assert data["grammar"]["picky"] is True
    assert data["ui"] == {"theme": "nord", "live_feedback": False}
    assert data["dictionary"]["words"] == ["kubectl", "Kubernetes", "PAYments"]
    reloaded = load_settings()
    assert reloaded.grammar.variant.value == "en-GB" and reloaded.ui.theme == "nord"


async def test_escape_without_saving_puts_the_theme_back(
    build: Callable[..., CommCoachApp],
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot, app)
        before = app.theme
        screen.query_one("#theme", Select).value = "gruvbox"
        await pilot.pause()
        assert app.theme == "gruvbox"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
        assert app.theme == before
        assert not paths.config_file().exists()


async def test_remote_backend_needs_a_url(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot, app)
        screen.query_one("#backend", Select).value = "remote"
        await pilot.pause()
        assert not screen.query_one("#server-url", Input).disabled
        assert "sent there" in shown(screen.query_one("#backend-help", Static))
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert any("needs a server URL" in str(n.message) for n in app._notifications)
        assert not paths.config_file().exists()


async def test_help_lists_every_binding_of_every_screen(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        text = shown(app.screen.query_one("#help-text", Static))
        for kind in (
            HomeScreen,
            PracticeScreen,
            AttemptScreen,
            DraftScreen,
            HistoryScreen,
            SettingsScreen,
        ):
            for binding in kind.BINDINGS:
                assert binding.description in text, (kind.__name__, binding)  # type: ignore[union-attr]
        assert text.index("Home (where you were)") < text.index("Practice")
        assert "ctrl+q quits" in text


async def test_command_palette_offers_every_action(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in (
            "Practise",
            "Filter",
            "Draft",
            "History",
            "Settings",
            "Help",
            "Grammar status",
            "Quit",
            "Theme",
            "Practise: Your first daily stand-up update",
            "Draft: Weekly update",
        ):
            assert wanted in titles, wanted
        # A command from the palette really runs.
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "History")
        result = command.callback()
        if inspect.isawaitable(result):
            await result
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        assert app.screen.__class__.__name__ == "CommandPalette"
