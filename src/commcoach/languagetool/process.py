"""Spawn and stop the LanguageTool JVM so that it never outlives commcoach.

Four layers, because each covers a way of dying the others miss:

1. `stop()` from the owner (engine.close(), the TUI's exit).
2. An `atexit` hook stopping every live server (normal interpreter exit, unhandled exceptions).
3. SIGTERM/SIGHUP handlers (installed only if nobody else handles them) that stop the servers
   and then die by the same signal; atexit does not run for unhandled signals.
4. A parent-death watchdog for SIGKILL, `os._exit` and crashes, where no Python code runs:
   - Linux: `prctl(PR_SET_PDEATHSIG, SIGKILL)` in the child. The kernel sends the signal when the
     *thread* that forked the child exits, not the process, so the caller must spawn from a
     thread that lives as long as the server (server.py uses one supervisor thread per server).
   - elsewhere (or `watchdog="pipe"`): the JVM is started by `commcoach.languagetool._watchdog`,
     a small Python process that holds the read end of a pipe from us; when we die, the pipe
     closes, it reads EOF and kills the JVM.

The child gets its own session (`start_new_session=True`), so Ctrl-C and terminal hang-ups in
the TUI are not delivered to the JVM directly; we stop it ourselves.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import IO, Protocol

_PR_SET_PDEATHSIG = 1


class Stoppable(Protocol):
    """Anything the exit hooks must stop (a LanguageToolServer)."""

    def stop(self) -> None:
        """Stop the process; must be safe to call twice and from a signal handler."""


_LIVE: weakref.WeakSet[Stoppable] = weakref.WeakSet()
_ATEXIT_INSTALLED = False
_SIGNALS_INSTALLED = False
_HOOKS_LOCK = threading.Lock()


def default_watchdog() -> str:
    """`pdeathsig` on Linux, `pipe` elsewhere."""
    return "pdeathsig" if sys.platform.startswith("linux") else "pipe"


def spawn(
    command: list[str], log: IO[bytes], *, watchdog: str = "auto", env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start `command` in a new session with stdout+stderr to `log` and a parent-death watchdog.

    Call it from a thread that lives as long as the child (see the module docstring).
    """
    mode = default_watchdog() if watchdog == "auto" else watchdog
    if mode == "pdeathsig":
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_pdeathsig_preexec(),  # only prctl + getppid: safe after fork
            env=env,
        )
    if mode == "pipe":
        wrapper = [sys.executable, "-m", "commcoach.languagetool._watchdog", "--", *command]
        return subprocess.Popen(
            wrapper,
            stdin=subprocess.PIPE,  # never written: its EOF is the parent-death signal
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
        )
    raise ValueError(f"unknown watchdog mode {mode!r}: use auto, pdeathsig or pipe")


def _pdeathsig_preexec() -> Callable[[], None]:
    """A preexec_fn asking the kernel to SIGKILL the child when its parent thread dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    prctl = libc.prctl
    parent = os.getpid()

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died between fork and prctl
            os._exit(1)

    return preexec


def kill_tree(process: subprocess.Popen[bytes], grace: float = 2.0) -> None:
    """SIGTERM the child's process group, then SIGKILL it if still there after `grace` s."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()


def register(server: Stoppable) -> None:
    """Track a live server for the exit hooks, installing the hooks on first use."""
    _LIVE.add(server)
    _install_hooks()


def unregister(server: Stoppable) -> None:
    """Forget a stopped server."""
    _LIVE.discard(server)


def stop_all() -> None:
    """Stop every live server (atexit and signal handlers)."""
    for server in list(_LIVE):
        with contextlib.suppress(Exception):  # an exit hook must try every server
            server.stop()


def _install_hooks() -> None:
    """atexit once; signal handlers once, from the main thread (the only one allowed to)."""
    global _ATEXIT_INSTALLED, _SIGNALS_INSTALLED
    with _HOOKS_LOCK:
        if not _ATEXIT_INSTALLED:
            atexit.register(stop_all)
            _ATEXIT_INSTALLED = True
        if _SIGNALS_INSTALLED or threading.current_thread() is not threading.main_thread():
            return  # a later server built on the main thread installs them; PDEATHSIG covers us
        _SIGNALS_INSTALLED = True
        for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if sig is not None and signal.getsignal(sig) is signal.SIG_DFL:
                signal.signal(sig, _die_by_signal)  # never replace the app's own handler


def _die_by_signal(signum: int, frame: FrameType | None) -> None:
    """Stop the servers, then die by the same signal as if we had no handler."""
    stop_all()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def rotate_log(path: Path, max_bytes: int = 2 * 1024 * 1024) -> None:
    """Keep one previous log (`.1`) when the current one is over `max_bytes`."""
    try:
        if path.stat().st_size > max_bytes:
            path.replace(path.with_name(path.name + ".1"))
    except OSError:
        pass
