"""SIGTERM and SIGHUP end the app the normal way, so the terminal is given back as it was.

Python's default for SIGTERM/SIGHUP kills the process at once: Textual never leaves the
alternate screen or turns mouse reporting off, and the shell is left unusable. With a handler
on the running asyncio loop (not `signal.signal`: the loop runs the callback between tasks, never
in the middle of one), the app flushes the composers' autosaves, keeps unsaved attempts, and
calls `App.exit()`, whose shutdown restores the terminal. The autosaves are not marked clean, so
the next start offers the text back as after a crash.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
"""The signals that mean "stop now, cleanly" (SIGHUP: the terminal went away)."""


def install(on_signal: Callable[[], None]) -> bool:
    """Run `on_signal` on the current loop when a stop signal arrives; False if not possible.

    Not possible on Windows (no loop signal handlers) or off the main thread; there the default
    behaviour stays.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return False
    installed = False
    for signum in SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, on_signal)
            installed = True
    return installed
