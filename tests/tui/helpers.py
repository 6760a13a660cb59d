"""Small Pilot helpers: type text, wait for a condition, read what a Static shows."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Static

KEY_NAMES = {" ": "space", "\n": "enter", ".": "full_stop", ",": "comma", "?": "question_mark"}


async def type_text(pilot: Pilot[object], text: str) -> None:
    """Press one key per character, as a person would."""
    for char in text:
        await pilot.press(KEY_NAMES.get(char, char))


async def wait_for(
    pilot: Pilot[object], condition: Callable[[], bool], timeout: float = 15.0, what: str = ""
) -> None:
    """Pause until `condition()` holds; fail with `what` after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            notes = [str(n.message) for n in pilot.app._notifications]
            raise AssertionError(
                f"timed out waiting for {what or condition}; screen {pilot.app.screen!r}; "
                f"notices {notes}"
            )
        await pilot.pause(0.02)


def shown(widget: Static) -> str:
    """The plain text a Static displays."""
    return str(widget.content)


async def wait_exit(app: object, timeout: float = 15.0) -> None:
    """Wait for the app to exit (pilot.pause would wait forever on a closed app)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not getattr(app, "_exit", False):
        if loop.time() > deadline:
            raise AssertionError("the app did not exit")
        await asyncio.sleep(0.02)
