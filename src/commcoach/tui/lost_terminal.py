"""End the app, keeping the text, when its terminal goes away without a signal.

Closing a terminal window (`tmux kill-session`, a killed ssh session) hangs the terminal up. The
kernel sends SIGHUP only to the session leader: when the app runs under another process (`make
run`, a shell script), nothing tells it. Textual's writer thread then dies on the first failed
write, the main thread waits forever to hand it the next frame, the input thread spins on end of
file, and the process burns a core on a terminal nobody can see (found in tmux). So a watch
thread asks the terminal for its size every `CHECK_EVERY` seconds: a hung-up terminal answers
with an error. Then it keeps the text (`on_lost`) and ends the process with SIGHUP's status, as
the kernel's signal would have. Asking for the size reads nothing and writes nothing, so it
cannot steal a keystroke or garble a frame.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable

CHECK_EVERY = 1.0
"""Seconds between two looks at the terminal: cheap (one ioctl), and soon enough."""


def terminal_fds() -> list[int]:
    """The standard streams that are a terminal now; none when headless or piped."""
    fds = []
    for stream in (sys.__stdin__, sys.__stdout__, sys.__stderr__):
        try:
            fd = stream.fileno() if stream is not None else -1
        except (OSError, ValueError):
            continue
        if fd >= 0 and _answers(fd):
            fds.append(fd)
    return fds


def _answers(fd: int) -> bool:
    try:
        os.get_terminal_size(fd)
    except OSError:
        return False
    return True


def watch(fds: list[int], on_lost: Callable[[], None]) -> Callable[[], None] | None:
    """Watch `fds` on a daemon thread; return what stops the watch, or None with no terminal.

    The terminal counts as gone when none of them answers any more.
    """
    if not fds:
        return None
    stop = threading.Event()

    def look() -> None:
        while not stop.wait(CHECK_EVERY):
            if not any(_answers(fd) for fd in fds):
                try:
                    on_lost()
                finally:
                    os._exit(128 + int(getattr(signal, "SIGHUP", 1)))

    threading.Thread(target=look, name="commcoach-terminal-watch", daemon=True).start()
    return stop.set
