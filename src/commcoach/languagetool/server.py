"""A LanguageTool HTTP server that commcoach starts, supervises and stops.

Why not language-tool-python's own local mode: it waits a fixed 15 s for readiness, discards the
JVM's stderr, tries ~900 ports on failure, has a port-retry bug that talks to the wrong port, and
leaves the JVM running after SIGKILL (see /work/shared/notes/languagetool.md). Here:

- the port comes from binding port 0; readiness is our own poll of `/v2/healthcheck` with our
  own timeout (60 s by default: 2-core CI machines are slow); stderr goes to a log file in the
  data folder, and its last line is quoted when start-up fails;
- `server.properties` turns on pipeline and result caching (without them every request builds
  a new pipeline) and never enables `pipelinePrewarming` (it loads every language);
- one long-lived supervisor thread per server spawns the JVM (required for PR_SET_PDEATHSIG, see
  process.py), restarts it when it dies (at most 3 restarts per 5 minutes, with back-off), and
  runs an optional warm-up check so the user's first check does not pay the ~7 s cold pipeline;
- `status()` is always cheap: starting / ready / unavailable with a reason and one-line detail.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import http.client
import os
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import psutil

from commcoach import paths
from commcoach.feedback.report import GrammarReason
from commcoach.languagetool import LT_VERSION, custom_rules, process
from commcoach.languagetool.errors import JavaNotFoundError, NotInstalledError
from commcoach.languagetool.install import find_install, server_jar
from commcoach.languagetool.java import find_java, find_java_executable


class ServerState(StrEnum):
    """Life cycle of the server process."""

    STOPPED = "stopped"
    STARTING = "starting"
    READY = "ready"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True, slots=True)
class ServerStatus:
    """A snapshot of the server's state for the UI and for check()."""

    state: ServerState
    reason: GrammarReason | None = None
    detail: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """How to run the server. Defaults suit a laptop; tests shorten the timings."""

    heap_mb: int = 768
    start_timeout: float = 60.0
    """Seconds from spawn to a healthy `/v2/healthcheck` before we give up."""
    max_check_millis: int = 20_000
    """Server-side limit per check (`maxCheckTimeMillis`): stops runaway checks burning CPU."""
    max_text_length: int = 100_000
    pool_size: int = 6
    root: Path | None = None
    """Folder holding LanguageTool-6.8/ (default: paths.languagetool_dir())."""
    state_dir: Path | None = None
    """Folder for server.properties and the log (default: <data dir>/languagetool)."""
    watchdog: str = "auto"
    restart_limit: int = 3
    restart_window: float = 300.0
    backoff: tuple[float, ...] = (1.0, 5.0, 15.0)
    """Seconds to wait before the 1st, 2nd, 3rd restart inside the window."""


class RestartBudget:
    """At most `limit` restarts per `window` seconds, each after a growing delay."""

    def __init__(
        self,
        limit: int,
        window: float,
        backoff: tuple[float, ...],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.backoff = backoff or (0.0,)
        self._clock = clock
        self._recent: collections.deque[float] = collections.deque()

    def next_delay(self) -> float | None:
        """Record a restart and return how long to wait first, or None when over budget."""
        now = self._clock()
        while self._recent and now - self._recent[0] > self.window:
            self._recent.popleft()
        if len(self._recent) >= self.limit:
            return None
        self._recent.append(now)
        return self.backoff[min(len(self._recent), len(self.backoff)) - 1]


class LanguageToolServer:
    """One JVM running `org.languagetool.server.HTTPServer` on 127.0.0.1."""

    def __init__(
        self, config: ServerConfig | None = None, warmup: Callable[[str], None] | None = None
    ) -> None:
        self.config = config or ServerConfig()
        self._warmup = warmup
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._wake = threading.Event()
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._wanted = False
        self._launches = 0
        self._status = ServerStatus(ServerState.STOPPED, GrammarReason.STARTING, "not started yet")
        self._budget = RestartBudget(
            self.config.restart_limit, self.config.restart_window, self.config.backoff
        )
        process.register(self)

    # --- public API -------------------------------------------------------------------------

    @property
    def state_dir(self) -> Path:
        """Where server.properties and the log live."""
        return self.config.state_dir or paths.data_dir() / "languagetool"

    @property
    def log_path(self) -> Path:
        """The JVM's stdout+stderr."""
        return self.state_dir / "server.log"

    def status(self) -> ServerStatus:
        """The current state; never blocks on the server."""
        with self._lock:
            return self._status

    def start(self) -> None:
        """Begin starting in the background; a no-op when starting or running."""
        with self._lock:
            if self._closing.is_set():
                return
            if self._wanted and self._status.state in (ServerState.STARTING, ServerState.READY):
                return
            self._wanted = True
            self._set(ServerState.STARTING, GrammarReason.STARTING, "LanguageTool is starting")
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._supervise, name="languagetool-supervisor", daemon=True
                )
                self._thread.start()
        self._wake.set()

    def wait_ready(self, timeout: float) -> ServerStatus:
        """Wait while the server is starting (at most `timeout` s) and return its status."""
        with self._changed:
            self._changed.wait_for(lambda: self._status.state is not ServerState.STARTING, timeout)
            return self._status

    def restart(self, why: str) -> None:
        """Kill the JVM (e.g. it hangs); the supervisor starts a new one if the budget allows."""
        with self._lock:
            proc = self._proc
            if self._wanted and proc is not None:
                self._set(ServerState.STARTING, GrammarReason.STARTING, f"restarting: {why}")
        if proc is not None:
            process.kill_tree(proc, grace=1.0)
        self._wake.set()

    def stop(self) -> None:
        """Stop the JVM and the supervisor for good. Safe to call twice or from a signal."""
        self._closing.set()
        with self._lock:
            self._wanted = False
            proc = self._proc
        if proc is not None:
            process.kill_tree(proc, grace=1.0)
        with self._lock:
            self._set(ServerState.STOPPED, GrammarReason.SERVER_DOWN, "LanguageTool was stopped")
        self._wake.set()
        process.unregister(self)
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def pids(self) -> list[int]:
        """PIDs of the process tree (the JVM, or watchdog + JVM): for tests and RSS figures."""
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return []
        try:
            root = psutil.Process(proc.pid)
            return [root.pid, *(c.pid for c in root.children(recursive=True))]
        except psutil.Error:
            return []

    # --- supervisor thread ------------------------------------------------------------------

    def _set(
        self, state: ServerState, reason: GrammarReason | None, detail: str, url: str = ""
    ) -> None:
        """Update the status; caller holds self._lock."""
        self._status = ServerStatus(state, reason, detail, url)
        self._changed.notify_all()

    def _update(
        self, state: ServerState, reason: GrammarReason | None, detail: str, url: str = ""
    ) -> None:
        with self._lock:
            if not self._closing.is_set():
                self._set(state, reason, detail, url)

    def _supervise(self) -> None:
        """Keep the JVM running while wanted. Spawns happen only on this thread (PDEATHSIG)."""
        while not self._closing.is_set():
            with self._lock:
                proc, wanted = self._proc, self._wanted
            if wanted and (proc is None or proc.poll() is not None):
                self._cycle(crashed=proc is not None and self._status.state is ServerState.READY)
            self._wake.wait(1.0)
            self._wake.clear()

    def _cycle(self, crashed: bool) -> None:
        if self._launches > 0:
            delay = self._budget.next_delay()
            if delay is None:
                with self._lock:
                    self._wanted = False
                self._update(
                    ServerState.UNAVAILABLE,
                    GrammarReason.SERVER_DOWN,
                    f"LanguageTool stopped {self._budget.limit} times within "
                    f"{self._budget.window / 60:.0f} minutes; not restarting "
                    f"(log: {self.log_path})",
                )
                return
            why = "it stopped unexpectedly" if crashed else "restarting"
            self._update(
                ServerState.STARTING, GrammarReason.STARTING, f"LanguageTool {why}; restarting"
            )
            if self._closing.wait(delay):
                return
        self._launch()

    def _launch(self) -> None:
        try:
            # Cheap checks first (PATH lookup, a stat): after a failure, every check() retries.
            if find_java_executable() is None:
                find_java()  # raises the one-line "Java not found" error
            home = find_install(self.config.root)
            java = find_java()
        except JavaNotFoundError as exc:
            self._give_up(GrammarReason.NO_JAVA, str(exc))
            return
        except NotInstalledError as exc:
            self._give_up(GrammarReason.NOT_INSTALLED, str(exc))
            return
        try:
            props = self._write_properties()
        except OSError as exc:
            self._give_up(GrammarReason.SERVER_DOWN, f"cannot write {self.state_dir}: {exc}")
            return
        outcome = "port in use"
        for _attempt in range(3):
            port = _free_port()
            url = f"http://127.0.0.1:{port}/"
            command = java_command(java.path, home, port, props, self.config)
            with self._open_log(command) as log:
                proc = process.spawn(command, log, watchdog=self.config.watchdog)
            with self._lock:
                if self._closing.is_set():
                    process.kill_tree(proc, grace=0.5)
                    return
                self._proc = proc
                self._launches += 1
            outcome = self._await_ready(proc, url)
            if outcome == "ready":
                if self._warmup is not None:
                    self._update(ServerState.STARTING, GrammarReason.STARTING, "warming up")
                    self._warmup(url)
                self._update(
                    ServerState.READY, None, f"LanguageTool {LT_VERSION} ready at {url}", url
                )
                return
            process.kill_tree(proc, grace=0.5)
            if outcome != "port in use":
                break
        self._give_up(GrammarReason.SERVER_DOWN, f"{outcome} (log: {self.log_path})")

    def _give_up(self, reason: GrammarReason, detail: str) -> None:
        with self._lock:
            self._wanted = False
        self._update(ServerState.UNAVAILABLE, reason, detail)

    def _await_ready(self, proc: subprocess.Popen[bytes], url: str) -> str:
        """'ready', 'port in use', or a one-line reason why the JVM did not come up."""
        deadline = time.monotonic() + self.config.start_timeout
        while time.monotonic() < deadline and not self._closing.is_set():
            code = proc.poll()
            if code is not None:
                tail = _log_tail(self.log_path)
                if "Address already in use" in tail or "BindException" in tail:
                    return "port in use"
                return f"LanguageTool exited with code {code} while starting: {tail}"
            if healthcheck(url, 2.0):
                return "ready"
            self._closing.wait(0.2)
        return f"LanguageTool did not become ready within {self.config.start_timeout:.0f} s"

    def _write_properties(self) -> Path:
        paths.private_dir(self.state_dir)  # its log can quote the text checked
        path = self.state_dir / "server.properties"
        lines = [
            "# Written by commcoach at every start; edits are overwritten.",
            "pipelineCaching=true",
            "pipelineExpireTimeInSeconds=3600",
            f"maxPipelinePoolSize={self.config.pool_size}",
            "pipelinePrewarming=false",
            "cacheSize=1000",
            "cacheTTLSeconds=3600",
            f"maxCheckTimeMillis={self.config.max_check_millis}",
            f"maxTextLength={self.config.max_text_length}",
            "maxCheckThreads=4",
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    @contextlib.contextmanager
    def _open_log(self, command: list[str]) -> Iterator[IO[bytes]]:
        process.rotate_log(self.log_path)
        with self.log_path.open("ab") as log:
            stamp = time.strftime("%Y-%m-%d %H:%M:%S")
            log.write(f"--- commcoach {stamp}: {' '.join(command)}\n".encode())
            log.flush()
            yield log


def extra_classpath() -> list[Path]:
    """Entries put before LanguageTool's own jar on the server's classpath: our learner rules.

    The folder carries `org/languagetool/rules/en/grammar_custom.xml` (see custom_rules.py and
    /work/shared/notes/languagetool.md, section 5). Its content is part of `identity()`, so a
    changed rule restarts the shared server.
    """
    return [custom_rules.rules_dir()]


def java_command(
    java: str, home: Path, port: int, properties: Path, config: ServerConfig
) -> list[str]:
    """The one place the JVM's command line is built."""
    classpath = os.pathsep.join([*(str(p) for p in extra_classpath()), str(server_jar(home))])
    return [
        java,
        f"-Xmx{config.heap_mb}m",
        "-XX:+ExitOnOutOfMemoryError",
        "-Djava.net.preferIPv4Stack=true",
        "-cp",
        classpath,
        "org.languagetool.server.HTTPServer",
        "--port",
        str(port),
        "--config",
        str(properties),
    ]


def identity(config: ServerConfig, home: Path) -> dict[str, str]:
    """The server-side settings that matter: a shared server whose identity differs restarts.

    Per-request settings (variant, mother tongue, picky level, disabled rules) are not here:
    they are request parameters, and changing them must not restart the JVM.
    """
    return {
        "install": str(home),
        "heap_mb": str(config.heap_mb),
        "max_check_millis": str(config.max_check_millis),
        "max_text_length": str(config.max_text_length),
        "pool_size": str(config.pool_size),
        "classpath": classpath_fingerprint(extra_classpath()),
    }


def classpath_fingerprint(entries: list[Path]) -> str:
    """A hash of the extra classpath's files (names and contents): changes mean restart."""
    digest = hashlib.sha256()
    for entry in entries:
        digest.update(str(entry).encode() + b"\0")
        files = sorted(p for p in entry.rglob("*") if p.is_file()) if entry.is_dir() else [entry]
        for path in files:
            digest.update(str(path.relative_to(entry) if entry.is_dir() else path).encode())
            with contextlib.suppress(OSError):
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def healthcheck(url: str, timeout: float) -> bool:
    """GET /v2/healthcheck on our loopback server (stdlib http.client: never via a proxy)."""
    parts = urlsplit(url)
    if not parts.hostname or not parts.port:
        return False
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("GET", "/v2/healthcheck")
        response = conn.getresponse()
        response.read(4096)
        return response.status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def _free_port() -> int:
    """A port that was free a moment ago (the kernel picks it; a clash is retried)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _log_tail(path: Path) -> str:
    """The last meaningful line of the log, for one-line error messages."""
    try:
        with path.open("rb") as stream:
            stream.seek(max(0, path.stat().st_size - 8192))
            lines = stream.read().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return "(no log)"
    useful = [
        ln.strip() for ln in lines if ln.strip() and "***" not in ln and "running as root" not in ln
    ]
    for line in reversed(useful):
        if "Exception" in line or "Error" in line:
            return line[:300]
    return useful[-1][:300] if useful else "(empty log)"
