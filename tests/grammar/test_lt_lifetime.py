"""The LanguageTool JVM never outlives commcoach, and comes back after a crash.

Real JVMs, real signals: a child Python process starts a server, then we kill that process the
hard way (SIGKILL: no atexit, no handlers) or the polite way (SIGTERM) and look for the JVM.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from commcoach.languagetool.server import LanguageToolServer, ServerConfig, ServerState

pytestmark = pytest.mark.languagetool

CHILD = r"""
import json, sys, time
from pathlib import Path
from commcoach.languagetool.server import LanguageToolServer, ServerConfig
server = LanguageToolServer(
    ServerConfig(watchdog=sys.argv[1], state_dir=Path(sys.argv[2]), start_timeout=120)
)
server.start()
status = server.wait_ready(180)
print(json.dumps({"state": status.state.value, "detail": status.detail, "pids": server.pids()}))
sys.stdout.flush()
time.sleep(600)
"""


def alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = [p for p in pids if alive(p)]
        if not left:
            return []
        time.sleep(0.1)
    return [p for p in pids if alive(p)]


def start_child(mode: str, state_dir: Path) -> tuple[subprocess.Popen[str], list[int]]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, mode, str(state_dir)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    report = json.loads(line)
    assert report["state"] == "ready", report["detail"]
    pids = report["pids"]
    assert pids and all(alive(p) for p in pids)
    assert any("java" in psutil.Process(p).name() for p in pids)
    return child, pids


@pytest.mark.parametrize("mode", ["pdeathsig", "pipe"])
def test_jvm_dies_with_a_sigkilled_parent(
    languagetool_install: Path, tmp_path: Path, mode: str
) -> None:
    child, pids = start_child(mode, tmp_path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    assert wait_gone(pids, 5.0) == []


def test_jvm_stops_on_sigterm_and_parent_dies_by_it(
    languagetool_install: Path, tmp_path: Path
) -> None:
    child, pids = start_child("pdeathsig", tmp_path)
    os.kill(child.pid, signal.SIGTERM)
    assert child.wait(15) == -signal.SIGTERM
    assert wait_gone(pids, 5.0) == []


def test_crashed_jvm_is_restarted_then_stopped(languagetool_install: Path, tmp_path: Path) -> None:
    server = LanguageToolServer(ServerConfig(state_dir=tmp_path, start_timeout=120, backoff=(0.2,)))
    try:
        server.start()
        first = server.wait_ready(180)
        assert first.state is ServerState.READY, first.detail
        old = server.pids()
        os.kill(old[0], signal.SIGKILL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            status = server.status()
            if status.state is ServerState.READY and server.pids() and server.pids() != old:
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"no restart: {server.status()}")
        assert status.url != "" and "ready" in status.detail
        new = server.pids()
    finally:
        server.stop()
    assert server.status().state is ServerState.STOPPED
    assert wait_gone(new, 5.0) == []
