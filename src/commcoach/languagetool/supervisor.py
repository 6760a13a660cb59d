"""`python -m commcoach.languagetool.supervisor SPEC`: the detached owner of the shared JVM.

Why a separate process: the server must serve the app and every `commcoach check` alike, so it
cannot belong to any of them, yet it must still stop when nobody uses it, even when every
commcoach process was killed. This small process owns the JVM through a `LanguageToolServer`
(so the JVM keeps all four stop layers of process.py: if the supervisor dies in any way, the
JVM dies with it), keeps the restart budget, and:

- publishes the state in `server.json` (starting / ready with the URL / unavailable and why),
  rewriting it when the JVM is restarted on a new port;
- stops the JVM and exits when `last-used` has not been touched for `idle_seconds`;
- stops on SIGTERM (`commcoach languagetool stop`, or a client replacing a server whose version
  or settings are outdated) and restarts the JVM on SIGUSR1 (a client saw it hang).

SPEC is one JSON object written by `shared.SharedServer` (see `spawn_spec`).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

from commcoach.languagetool import LT_VERSION, state
from commcoach.languagetool.server import (
    LanguageToolServer,
    ServerConfig,
    ServerState,
    ServerStatus,
)


class Supervisor:
    """Runs one LanguageToolServer until idle, stopped, or unavailable."""

    def __init__(self, folder: Path, config: ServerConfig, spec: dict[str, Any]) -> None:
        self.folder = folder
        self.spec = spec
        self.idle_seconds = float(spec["idle_seconds"])
        self.stop_requested = threading.Event()
        self.restart_requested = threading.Event()
        self.server = LanguageToolServer(config, warmup=self._warm_up)
        self.ready_since = 0.0

    def run(self) -> int:
        """The main loop; returns the exit code."""
        self.server.start()
        written: tuple[str, str] | None = None
        tick = max(0.1, min(1.0, self.idle_seconds / 4))
        try:
            while not self.stop_requested.is_set():
                if self.restart_requested.is_set():
                    self.restart_requested.clear()
                    self.server.restart("a client saw it hang")
                current = self.server.status()
                if (current.state.value, current.url) != written:
                    written = (current.state.value, current.url)
                    if current.state is ServerState.READY:
                        self.ready_since = time.time()
                        state.touch(self.folder)
                    self._publish(current)
                if current.state in (ServerState.UNAVAILABLE, ServerState.STOPPED):
                    return 1  # the record says why; the next client may try again
                if current.state is ServerState.READY and self._idle():
                    state.remove_record(self.folder, os.getpid())
                    return 0
                self.stop_requested.wait(tick)
            state.remove_record(self.folder, os.getpid())
            return 0
        finally:
            self.server.stop()

    def _idle(self) -> bool:
        used = max(state.last_used(self.folder), self.ready_since)
        return time.time() - used > self.idle_seconds

    def _publish(self, current: ServerStatus) -> None:
        port = int(current.url.rsplit(":", 1)[1].strip("/")) if current.url else 0
        record = state.ServerRecord(
            supervisor_pid=os.getpid(),
            state=current.state.value,
            version=LT_VERSION,
            identity=dict(self.spec["identity"]),
            idle_seconds=self.idle_seconds,
            url=current.url,
            port=port,
            jvm_pids=[p for p in self.server.pids() if p != os.getpid()],
            reason=current.reason.value if current.reason else "",
            detail=current.detail,
            started=float(self.spec.get("started", time.time())),
        )
        state.write_record(self.folder, record)

    def _warm_up(self, url: str) -> None:
        """Build the pipeline for the starter's language settings (request parameters only)."""
        from commcoach.feedback.grammar.client import CheckFailure, LtClient

        params = {str(k): str(v) for k, v in dict(self.spec.get("warmup", {})).items()}
        client = LtClient(url, self.server.config.start_timeout)
        try:
            mother = params.pop("motherTongue", "")
            if mother and mother in client.languages():
                params["motherTongue"] = mother
            client.check("Yesterday I fix the bug in teh login page. He go to meeting.", params)
        except CheckFailure:
            pass  # up anyway; the first real check is just slower
        finally:
            client.close()


def config_from(spec: dict[str, Any], folder: Path) -> ServerConfig:
    """The ServerConfig a client asked for."""
    fields = dict(spec["config"])
    root = fields.pop("root", None)
    return ServerConfig(
        **fields, root=Path(root) if root else None, state_dir=folder, watchdog="auto"
    )


def main(argv: list[str]) -> int:
    """Parse SPEC, wait for the starter to finish writing the record, then supervise."""
    if len(argv) != 1:
        print("usage: python -m commcoach.languagetool.supervisor SPEC_JSON", file=sys.stderr)
        return 2
    spec = json.loads(argv[0])
    folder = Path(spec["folder"])
    supervisor = Supervisor(folder, config_from(spec, folder), spec)

    def on_stop(_signum: int, _frame: FrameType | None) -> None:
        supervisor.stop_requested.set()

    def on_restart(_signum: int, _frame: FrameType | None) -> None:
        supervisor.restart_requested.set()

    signal.signal(signal.SIGTERM, on_stop)
    signal.signal(signal.SIGINT, on_stop)
    signal.signal(signal.SIGHUP, on_stop)
    signal.signal(signal.SIGUSR1, on_restart)
    # The starter holds the lock until it has written our first record: wait for it, so that
    # our own records always come after it.
    with state.server_lock(folder, timeout=30.0):
        pass
    return supervisor.run()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
