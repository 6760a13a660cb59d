"""SIGTERM and SIGHUP end the app the normal way, so the terminal is given back as it was.

Python's default for SIGTERM/SIGHUP kills the process at once: Textual never leaves the
alternate screen or turns mouse reporting off, and the shell is left unusable. The signal
handler only schedules `on_signal` on the running asyncio loop, which runs it between tasks,
never in the middle of one: the app flushes the composers' autosaves, keeps unsaved attempts,
and calls `App.exit()`, whose shutdown restores the terminal. The autosaves are not marked
clean, so the next start offers the text back as after a crash.

A loop can be stuck where no callback runs: when the terminal window closes, Textual's writer
thread goes and the main thread waits forever to hand it the next frame, so the process spun on
a dead terminal and ignored every SIGHUP. The handler therefore also starts a watchdog: if the
process still runs `STUCK_AFTER` seconds later, the watchdog thread keeps the text itself
(`on_stuck`) and ends the process with the signal's exit status. A Python signal handler still
runs while the main thread waits on a lock (POSIX lock waits are interrupted by signals), which
is why this is `signal.signal` and not `loop.add_signal_handler`: the latter only wakes the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable
from types import FrameType

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
"""The signals that mean "stop now, cleanly" (SIGHUP: the terminal went away)."""

STUCK_AFTER = 8.0
"""Seconds a stopping app may take before the watchdog ends it. A normal shutdown, which also
stops the grammar server, takes well under one."""


def install(
    on_signal: Callable[[], None], on_stuck: Callable[[], None]
) -> Callable[[], None] | None:
    """Run `on_signal` on the current loop when a stop signal arrives; return what puts the
    previous handlers back (the app calls it as it unmounts), or None if not possible.

    If the process has not ended `STUCK_AFTER` seconds after the first signal, `on_stuck` runs
    on a watchdog thread and the process ends. Not possible off the main thread or without a
    running loop; there the default behaviour stays.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    if threading.current_thread() is not threading.main_thread():
        return None
    watchdog: list[threading.Thread] = []

    def handle(signum: int, _frame: FrameType | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has closed: the process is ending
            loop.call_soon_threadsafe(on_signal)
        if not watchdog:
            watchdog.append(_start_watchdog(signum, on_stuck))

    previous: dict[int, signal.Handlers | Callable[[int, FrameType | None], object] | int | None]
    previous = {}
    for signum in SIGNALS:
        with contextlib.suppress(OSError, ValueError):
            previous[signum] = signal.signal(signum, handle)
    if not previous:
        return None

    def restore() -> None:
        for signum, handler in previous.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(signum, handler if handler is not None else signal.SIG_DFL)

    return restore


def _start_watchdog(signum: int, on_stuck: Callable[[], None]) -> threading.Thread:
    def end_if_stuck() -> None:
        threading.Event().wait(STUCK_AFTER)
        try:
            on_stuck()
        finally:
            os._exit(128 + signum)

    thread = threading.Thread(target=end_if_stuck, name="commcoach-stop-watchdog", daemon=True)
    thread.start()
    return thread
