"""The user's one shared LanguageTool server, as seen by a client (the app, `commcoach check`).

`SharedServer` has the same face as `LanguageToolServer` (status, start, wait_ready, restart,
stop, pids), so the grammar checker does not care which one it has. The difference:

- `start()` finds the server through the state file (state.py) or, under the lock, starts one
  by spawning a detached supervisor (supervisor.py). Exactly one process starts it; the others
  wait for its record to say ready. A record that is stale (dead or foreign pid, not healthy at
  its port) is removed; one of another LanguageTool version or other server-side settings
  (`server.identity`) is stopped and replaced.
- `stop()` only lets go: the server keeps serving other processes and stops itself after the
  idle timeout. `stop_shared()` (`commcoach languagetool stop`) really stops it.
- every check calls `touch()`, which is what keeps the server alive.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

import psutil

from commcoach.feedback.report import GrammarReason
from commcoach.languagetool import LT_VERSION, process, state
from commcoach.languagetool.errors import JavaNotFoundError, NotInstalledError
from commcoach.languagetool.install import find_install
from commcoach.languagetool.java import find_java, find_java_executable
from commcoach.languagetool.server import (
    ServerConfig,
    ServerState,
    ServerStatus,
    healthcheck,
    identity,
)

LOCK_SLACK = 30.0
"""Seconds beyond the start timeout that we wait for another process holding the lock."""


class SharedServer:
    """A handle on the per-user shared server; cheap to create, starts nothing by itself."""

    def __init__(
        self,
        config: ServerConfig | None = None,
        *,
        idle_seconds: float = 300.0,
        warmup: dict[str, str] | None = None,
    ) -> None:
        self.config = config or ServerConfig()
        self.folder = self.config.state_dir or state.shared_dir()
        self.idle_seconds = idle_seconds
        self._warmup = dict(warmup or {})
        self._lock = threading.Lock()
        self._done = threading.Condition(self._lock)
        self._starting = False
        self._failure: ServerStatus | None = None
        self._children: list[subprocess.Popen[bytes]] = []
        self._healthy_url = ""
        self._identity: dict[str, str] | None = None

    @property
    def log_path(self) -> Path:
        """The JVM's log (written by the supervisor's LanguageToolServer)."""
        return self.folder / "server.log"

    # --- the LanguageToolServer face ---------------------------------------------------------

    def status(self) -> ServerStatus:
        """From the state file (a small read and a /proc lookup); never blocks on the server."""
        for child in self._children:
            child.poll()  # reap a supervisor that exited, so its pid is not a zombie
        with self._lock:
            if self._starting:  # our own start decides (it may be replacing a stale record)
                return ServerStatus(
                    ServerState.STARTING, GrammarReason.STARTING, "LanguageTool is starting"
                )
        record = self._usable_record()
        if record is not None and record.state in ("ready", "starting"):
            if record.state == "ready":
                detail = f"LanguageTool {LT_VERSION} ready at {record.url} (shared)"
                return ServerStatus(ServerState.READY, None, detail, record.url)
            return ServerStatus(
                ServerState.STARTING, GrammarReason.STARTING, record.detail or "starting"
            )
        with self._lock:
            if self._failure is not None:
                return self._failure
        return ServerStatus(ServerState.STOPPED, GrammarReason.STARTING, "not started yet")

    def start(self) -> None:
        """Make sure the shared server runs (in the background); a no-op when it does."""
        with self._lock:
            if self._starting:
                return
        current = self.status()
        if current.state is ServerState.READY and self.verify(current.url):
            return
        problem = self._preflight()
        with self._lock:
            if self._starting:
                return
            self._failure = problem
            if problem is not None:
                return
            self._starting = True
        threading.Thread(target=self._ensure, name="languagetool-shared", daemon=True).start()

    def wait_ready(self, timeout: float) -> ServerStatus:
        """Wait while the server is starting (at most `timeout` s) and return its status."""
        deadline = time.monotonic() + timeout
        while True:
            current = self.status()
            left = deadline - time.monotonic()
            if current.state is not ServerState.STARTING or left <= 0:
                return current
            with self._done:
                self._done.wait(min(0.1, left))

    def verify(self, url: str) -> bool:
        """True when `url` answers /v2/healthcheck (asked once per URL per process)."""
        if url == self._healthy_url:
            return True
        if _healthy(url, 2.0):
            self._healthy_url = url
            return True
        return False

    def restart(self, why: str) -> None:
        """Ask the supervisor to restart the JVM (e.g. two checks in a row timed out)."""
        record = self._usable_record()
        if record is not None:
            with contextlib.suppress(OSError):
                os.kill(record.supervisor_pid, signal.SIGUSR1)

    def stop(self) -> None:
        """Let go of the server: it keeps serving others and stops itself when idle."""

    def touch(self) -> None:
        """Mark the server as used now (each check): this is what keeps it alive."""
        state.touch(self.folder)

    def pids(self) -> list[int]:
        """Supervisor and JVM pids (for tests and RSS figures)."""
        record = self._usable_record()
        if record is None:
            return []
        try:
            root = psutil.Process(record.supervisor_pid)
            return [root.pid, *(c.pid for c in root.children(recursive=True))]
        except psutil.Error:
            return []

    # --- internals ---------------------------------------------------------------------------

    def identity(self) -> dict[str, str] | None:
        """This client's server-side settings (None when LanguageTool is not installed)."""
        if self._identity is None:
            try:
                self._identity = identity(self.config, find_install(self.config.root))
            except NotInstalledError:
                return None
        return self._identity

    def _usable_record(self) -> state.ServerRecord | None:
        """The state file when it names a live supervisor of ours with our version and settings."""
        record = state.read_record(self.folder)
        if record is None or not state.is_supervisor(record.supervisor_pid):
            return None
        if record.version != LT_VERSION or record.identity != self.identity():
            return None
        return record

    def _preflight(self) -> ServerStatus | None:
        """Cheap checks (PATH lookup, a stat) that spare a supervisor start that must fail."""
        try:
            if find_java_executable() is None:
                find_java()  # raises the one-line "Java not found" error
            find_install(self.config.root)
        except JavaNotFoundError as exc:
            return ServerStatus(ServerState.UNAVAILABLE, GrammarReason.NO_JAVA, str(exc))
        except NotInstalledError as exc:
            return ServerStatus(ServerState.UNAVAILABLE, GrammarReason.NOT_INSTALLED, str(exc))
        return None

    def _ensure(self) -> None:
        try:
            outcome = self._ensure_once()
        except OSError as exc:
            outcome = ServerStatus(
                ServerState.UNAVAILABLE,
                GrammarReason.SERVER_DOWN,
                f"cannot use {self.folder}: {exc.strerror or exc}",
            )
        with self._done:
            self._starting = False
            self._failure = outcome if outcome.state is ServerState.UNAVAILABLE else None
            self._done.notify_all()

    def _ensure_once(self) -> ServerStatus:
        wanted = self.identity()
        if wanted is None:
            return self._preflight() or ServerStatus(
                ServerState.UNAVAILABLE, GrammarReason.NOT_INSTALLED, "LanguageTool not found"
            )
        limit = self.config.start_timeout + LOCK_SLACK
        deadline = time.monotonic() + limit
        with state.server_lock(self.folder, limit) as locked:
            if not locked:
                return ServerStatus(
                    ServerState.UNAVAILABLE,
                    GrammarReason.STARTING,
                    f"another commcoach process is still starting LanguageTool ({self.folder})",
                )
            self._replace_if_unusable(wanted)
        return self._await(deadline)

    def _replace_if_unusable(self, wanted: dict[str, str]) -> None:
        """Under the lock: keep a good server, else stop a bad one and spawn a supervisor."""
        record = state.read_record(self.folder)
        if record is not None and state.is_supervisor(record.supervisor_pid):
            same = record.version == LT_VERSION and record.identity == wanted
            if same and record.state == "starting":
                return
            if same and record.state == "ready" and _healthy(record.url, 2.0):
                return
            terminate(record.supervisor_pid)
        state.remove_record(self.folder)
        self._spawn(wanted)

    def _spawn(self, wanted: dict[str, str]) -> None:
        config = asdict(self.config)
        for key in ("state_dir", "watchdog", "backoff"):
            config.pop(key, None)
        config["root"] = str(self.config.root) if self.config.root else None
        config["backoff"] = list(self.config.backoff)
        started = time.time()
        spec: dict[str, object] = {
            "folder": str(self.folder),
            "config": config,
            "identity": wanted,
            "idle_seconds": self.idle_seconds,
            "warmup": self._warmup,
            "started": started,
        }
        log = self.folder / "supervisor.log"
        process.rotate_log(log)
        with log.open("ab") as out:
            child = subprocess.Popen(
                [sys.executable, "-m", state.SUPERVISOR_MODULE, json.dumps(spec)],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # not in our process group: Ctrl-C in a shell spares it
                close_fds=True,
            )
        self._children.append(child)
        state.write_record(
            self.folder,
            state.ServerRecord(
                supervisor_pid=child.pid,
                state="starting",
                version=LT_VERSION,
                identity=wanted,
                idle_seconds=self.idle_seconds,
                detail="LanguageTool is starting",
                started=started,
            ),
        )
        state.touch(self.folder)

    def _await(self, deadline: float) -> ServerStatus:
        """Wait for the record to leave `starting` (ours or another process's start)."""
        while time.monotonic() < deadline:
            record = state.read_record(self.folder)
            if record is None:
                return ServerStatus(
                    ServerState.UNAVAILABLE,
                    GrammarReason.SERVER_DOWN,
                    f"LanguageTool stopped while starting (log: {self.log_path})",
                )
            alive = state.is_supervisor(record.supervisor_pid)
            if record.state == "ready" and alive:
                return ServerStatus(ServerState.READY, None, "ready", record.url)
            if record.state == "unavailable" or not alive:
                reason = _reason(record.reason)
                detail = record.detail or f"the LanguageTool supervisor exited (log: {self.folder})"
                return ServerStatus(ServerState.UNAVAILABLE, reason, detail)
            time.sleep(0.1)
            for child in self._children:
                child.poll()
        return ServerStatus(
            ServerState.UNAVAILABLE,
            GrammarReason.SERVER_DOWN,
            f"LanguageTool did not become ready within {self.config.start_timeout:.0f} s",
        )


def _reason(value: str) -> GrammarReason:
    try:
        return GrammarReason(value)
    except ValueError:
        return GrammarReason.SERVER_DOWN


def _healthy(url: str, timeout: float) -> bool:
    """The record's URL answers /v2/healthcheck."""
    return bool(url) and healthcheck(url, timeout)


def terminate(pid: int, grace: float = 10.0) -> None:
    """SIGTERM a verified supervisor, SIGKILL it after `grace` s (its JVM dies with it)."""
    if not state.is_supervisor(pid):
        return
    try:
        proc = psutil.Process(pid)
        proc.terminate()
        try:
            proc.wait(grace)
        except psutil.TimeoutExpired:
            proc.kill()
            proc.wait(5.0)
    except psutil.Error:
        pass


def stop_shared(folder: Path | None = None) -> state.ServerRecord | None:
    """Stop the user's shared server, if any; returns the record of what was stopped."""
    where = folder or state.shared_dir()
    with state.server_lock(where, 60.0) as locked:
        if not locked:
            raise TimeoutError(f"{where}/server.lock is held by another process")
        record = state.read_record(where)
        if record is None:
            return None
        if state.is_supervisor(record.supervisor_pid):
            terminate(record.supervisor_pid)
        else:
            record = None
        state.remove_record(where)
        return record
