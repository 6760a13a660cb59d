"""Issue 14, case 8: after SIGTERM or SIGHUP the terminal is given back as it was.

The real app runs in a real pseudo-terminal; after the signal its last output must leave the
alternate screen and turn mouse reporting off (Textual's normal shutdown), and the process must
end by itself within seconds. Before, the default action killed it mid-screen.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

LEAVE_ALT_SCREEN = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"
ENTER_ALT_SCREEN = b"\x1b[?1049h"


def _read_until(fd: int, done: callable, timeout: float) -> bytes:  # type: ignore[valid-type]
    out = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not done(out):
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
    return out


class _Terminal:
    """The main side of the app's pty: what a terminal window holds."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def close(self) -> None:
        """The window goes away (tmux kill-session); closing twice does nothing."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


@contextlib.contextmanager
def _app_in_a_pty(
    tmp_path: Path, command: list[str]
) -> Iterator[tuple[subprocess.Popen[bytes], _Terminal]]:
    """The app (grammar off, its data in tmp_path) in a new session on a new 80x24 pty; yields
    the process and the pty's main side; afterwards a process still running is killed and the
    terminal closed."""
    env = {
        **os.environ,
        "COMMCOACH_DATA_DIR": str(tmp_path / "data"),
        "COMMCOACH_CONFIG_FILE": str(tmp_path / "config.toml"),
        "COMMCOACH_GRAMMAR__BACKEND": "off",
        "TERM": "xterm-256color",
    }
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen(
        command,
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(child)
    terminal = _Terminal(main)
    try:
        yield proc, terminal
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        terminal.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_restores_the_terminal(tmp_path: Path, signum: int) -> None:
    with _app_in_a_pty(tmp_path, [sys.executable, "-m", "commcoach"]) as (proc, terminal):
        main = terminal.fd
        started = _read_until(main, lambda out: b"Scenarios" in out, timeout=30)
        assert ENTER_ALT_SCREEN in started, started[-300:]
        time.sleep(0.3)
        proc.send_signal(signum)
        after = _read_until(main, lambda out: LEAVE_ALT_SCREEN in out, timeout=10)
        assert proc.wait(timeout=10) is not None
        assert LEAVE_ALT_SCREEN in after
        assert MOUSE_OFF in after


@pytest.mark.parametrize("hang_up", [True, False], ids=["then-SIGHUP", "no-signal"])
def test_the_app_ends_when_its_terminal_is_gone(tmp_path: Path, hang_up: bool) -> None:
    """Closing the terminal window (tmux kill-session) removes the terminal; SIGHUP follows
    only when the app leads its session (not under `make run`). The app can no longer write a
    frame, so its event loop blocks on output; either way it must end by itself, keeping the
    text being typed, instead of spinning on a dead terminal forever (found in tmux)."""
    with _app_in_a_pty(tmp_path, [sys.executable, "-m", "commcoach"]) as (proc, terminal):
        main = terminal.fd
        started = _read_until(main, lambda out: b"Scenarios" in out, timeout=30)
        assert ENTER_ALT_SCREEN in started, started[-300:]
        os.write(main, b"d")  # the Draft screen, whose composer autosaves
        _read_until(main, lambda out: b"Check" in out, timeout=10)
        os.write(main, b"Yesterday I merged the fix")
        time.sleep(0.5)
        terminal.close()  # the terminal goes away ...
        time.sleep(3)  # frames keep coming (the cursor blinks) with nobody to read them
        if hang_up:
            proc.send_signal(signal.SIGHUP)  # ... and the hang-up follows
        assert proc.wait(timeout=20) != 0
        saved = b"".join(p.read_bytes() for p in (tmp_path / "data").rglob("*") if p.is_file())
        assert b"Yesterday I merged the fix" in saved


STUCK_APP = """
import sys, threading
from pathlib import Path
from commcoach.cli import main
from commcoach.tui.app import CommCoachApp

trigger = Path(sys.argv[1])
mount = CommCoachApp.on_mount

def on_mount(self):
    mount(self)
    def maybe_hang():
        if trigger.exists():
            threading.Event().wait()  # the main thread waits forever, as on a dead terminal
    self.set_interval(0.05, maybe_hang)

CommCoachApp.on_mount = on_mount
sys.argv = ["commcoach"]
main()
"""


def test_a_stuck_app_still_ends_on_a_stop_signal_and_keeps_the_text(tmp_path: Path) -> None:
    """Fault injection: the event loop hangs (a callback waits forever, as the main thread
    does when the terminal's writer thread is gone), so the loop never runs the signal's
    callback. The watchdog must keep the words typed since the last autosave and end the
    process with SIGHUP's status, well within the time the test waits."""
    trigger = tmp_path / "hang-now"
    with _app_in_a_pty(tmp_path, [sys.executable, "-c", STUCK_APP, str(trigger)]) as (
        proc,
        terminal,
    ):
        main = terminal.fd
        started = _read_until(main, lambda out: b"Scenarios" in out, timeout=30)
        assert ENTER_ALT_SCREEN in started, started[-300:]
        os.write(main, b"d")
        _read_until(main, lambda out: b"Check" in out, timeout=10)
        os.write(main, b"Blocked on the staging key")
        _read_until(main, lambda out: b"key" in out, timeout=10)
        trigger.touch()  # hang at once: the debounced autosave has not run yet
        time.sleep(0.5)
        proc.send_signal(signal.SIGHUP)
        stopped_at = time.monotonic()
        code = proc.wait(timeout=30)
        waited = time.monotonic() - stopped_at
        assert code == 128 + signal.SIGHUP, code
        assert waited < 20, waited
        saved = b"".join(p.read_bytes() for p in (tmp_path / "data").rglob("*") if p.is_file())
        assert b"Blocked on the staging key" in saved
