"""Save the README screenshots (SVG) with `app.save_screenshot()`, from the snapshot app.

Run: `python tests/snapshots/snapshot_apps/screenshots.py` from the repository root. Uses a
temporary data folder, the fixed clock, scenarios and history of the snapshot tests, and grammar
off, so the pictures only change when the UI does.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
SIZE = (110, 34)


async def main() -> None:
    from main import build_app, wait_until  # the snapshot app next to this file
    from textual.widgets import DataTable, Input

    from commcoach.tui.screens.attempt import AttemptScreen
    from commcoach.tui.screens.history import HistoryScreen
    from commcoach.tui.screens.practice import PracticeScreen

    OUT.mkdir(parents=True, exist_ok=True)
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        await wait_until(pilot, lambda: bool(home.stats.scores))  # type: ignore[attr-defined]
        await pilot.pause(0.2)
        app.save_screenshot("home.svg", str(OUT))

        await pilot.press("slash")
        app.screen.query_one("#filter", Input).value = "stand-up"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
        practice = app.screen
        assert isinstance(practice, PracticeScreen)
        answer = (
            "Yesterday I fix the flaky login test (PAY-231). Today I will maybe start the refund "
            "email template. I am blocked on staging access."
        )
        practice.composer.text_area.insert(answer)
        await wait_until(pilot, lambda: practice.composer.last_report is not None)
        await pilot.pause(0.3)
        app.save_screenshot("practice.svg", str(OUT))

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, AttemptScreen))
        feedback = app.screen
        await wait_until(pilot, lambda: feedback.final)  # type: ignore[attr-defined]
        await pilot.press("down")
        await pilot.pause(0.2)
        app.save_screenshot("feedback.svg", str(OUT))

        await pilot.press("escape", "escape", "h")
        await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        history = app.screen
        await wait_until(pilot, lambda: history.query_one(DataTable).row_count > 0)
        await pilot.press("g")
        await pilot.pause(0.3)
        app.save_screenshot("progress.svg", str(OUT))
    print(f"saved to {OUT}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="commcoach-shots-") as folder:
        os.environ["COMMCOACH_DATA_DIR"] = folder
        os.environ["COMMCOACH_CONFIG_FILE"] = str(Path(folder) / "config.toml")
        asyncio.run(main())
