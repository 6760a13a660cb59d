"""One LanguageTool server per user, shared by every process (real JVMs, real processes).

Three JVM starts in all: two processes starting at once (one JVM; the CLI then reuses it; a
record of another version makes the next check replace it), and a stale record plus a killed
owner (the server still stops after its idle timeout). The rest needs no JVM.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from commcoach.config import Settings
from commcoach.feedback.grammar.checker import make_grammar_checker
from commcoach.languagetool import LT_VERSION, state
from commcoach.languagetool.shared import SharedServer, stop_shared

STARTER = r"""
import json, sys
from commcoach.config import load_settings
from commcoach.feedback.grammar.checker import make_grammar_checker
checker = make_grammar_checker(load_settings(), start_timeout=180)
checker.server.start()
status = checker.server.wait_ready(300)
print(json.dumps({"state": status.state.value, "url": status.url, "detail": status.detail}))
"""

OWNER = r"""
import json, sys, time
from commcoach.config import load_settings
from commcoach.feedback.grammar.checker import make_grammar_checker
checker = make_grammar_checker(load_settings(), start_timeout=180, start_wait=300)
findings, status = checker.check("He go to school yesterday.")
print(json.dumps({"checked": status.checked, "detail": status.detail, "url": status.server}))
sys.stdout.flush()
time.sleep(600)
"""


def env_for(data: Path, idle_minutes: float = 1.0) -> dict[str, str]:
    """The child's environment: its own data dir, a short idle timeout, no proxies."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["COMMCOACH_DATA_DIR"] = str(data)
    env["COMMCOACH_GRAMMAR__IDLE_MINUTES"] = str(idle_minutes)
    return env


def ours(data: Path, marker: str) -> list[int]:
    """Live processes whose command line mentions `data` and `marker` (JVM or supervisor)."""
    found = []
    for proc in psutil.process_iter(["pid", "cmdline", "status"]):
        line = " ".join(proc.info["cmdline"] or [])
        if str(data) in line and marker in line and proc.info["status"] != psutil.STATUS_ZOMBIE:
            found.append(int(proc.info["pid"]))
    return sorted(found)


def jvms(data: Path) -> list[int]:
    return ours(data, "org.languagetool.server.HTTPServer")


def supervisors(data: Path) -> list[int]:
    return ours(data, state.SUPERVISOR_MODULE)


def wait_until(predicate: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def check_cli(data: Path, text_file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "commcoach", "check", str(text_file)],
        env=env_for(data),
        capture_output=True,
        text=True,
        timeout=400,
    )


@pytest.fixture
def data(isolated_user_dirs: Path) -> Iterator[Path]:
    """This test's data dir; whatever server it started is stopped afterwards."""
    yield isolated_user_dirs
    stop_shared(state.shared_dir())


@pytest.mark.languagetool
def test_two_processes_start_one_jvm_the_cli_reuses_it_and_another_version_is_replaced(
    languagetool_install: Path, data: Path, tmp_path: Path
) -> None:
    starters = [
        subprocess.Popen(
            [sys.executable, "-c", STARTER], env=env_for(data), stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outcomes = [json.loads(p.communicate(timeout=400)[0]) for p in starters]
    assert [o["state"] for o in outcomes] == ["ready", "ready"], outcomes
    assert outcomes[0]["url"] == outcomes[1]["url"]
    first_jvm, first_supervisor = jvms(data), supervisors(data)
    assert len(first_jvm) == 1 and len(first_supervisor) == 1
    record = state.read_record(state.shared_dir())
    assert record is not None and record.url == outcomes[0]["url"]
    assert oct(state.state_path(state.shared_dir()).stat().st_mode & 0o777) == "0o600"
    assert oct(state.shared_dir().stat().st_mode & 0o777) == "0o700"

    message = tmp_path / "message.txt"
    message.write_text("Yesterday he go to the office and fix teh build.\n", encoding="utf-8")
    out = check_cli(data, message)
    assert "-- grammar: checked" in out.stdout, out.stdout + out.stderr
    assert jvms(data) == first_jvm, "the CLI must reuse the running server"

    record = state.read_record(state.shared_dir())
    assert record is not None
    record.version = "6.7"
    state.write_record(state.shared_dir(), record)
    out = check_cli(data, message)
    assert "-- grammar: checked" in out.stdout, out.stdout + out.stderr
    assert wait_until(lambda: not any(psutil.pid_exists(p) for p in first_jvm), 20)
    assert len(jvms(data)) == 1 and jvms(data) != first_jvm
    restarted = state.read_record(state.shared_dir())
    assert restarted is not None and restarted.version == LT_VERSION

    stop_shared(state.shared_dir())
    assert wait_until(lambda: not jvms(data) and not supervisors(data), 20)
    assert state.read_record(state.shared_dir()) is None


@pytest.mark.languagetool
def test_stale_record_is_replaced_and_a_killed_owner_leaves_a_server_that_stops_when_idle(
    languagetool_install: Path, data: Path
) -> None:
    folder = state.shared_dir()
    # A record naming a live "supervisor" (a recycled-looking pid of ours) at a dead port.
    impostor = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(300)", state.SUPERVISOR_MODULE]
    )
    try:
        identity = make_grammar_checker(Settings()).server.identity()  # type: ignore[union-attr]
        assert identity is not None
        state.write_record(
            folder,
            state.ServerRecord(
                supervisor_pid=impostor.pid,
                state="ready",
                version=LT_VERSION,
                identity=identity,
                idle_seconds=60,
                url="http://127.0.0.1:9/",
                port=9,
            ),
        )
        idle_seconds = 6.0
        owner = subprocess.Popen(
            [sys.executable, "-c", OWNER],
            env=env_for(data, idle_minutes=idle_seconds / 60),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert owner.stdout is not None
        outcome = json.loads(owner.stdout.readline())
        assert outcome["checked"], outcome["detail"]
        assert outcome["url"] != "http://127.0.0.1:9/"
        assert impostor.wait(15) is not None, "the stale server's process was stopped"
        server_pids = jvms(data) + supervisors(data)
        assert len(server_pids) == 2

        owner.kill()  # SIGKILL: no atexit, no handlers
        owner.wait(10)
        assert all(psutil.pid_exists(p) for p in server_pids), "the server outlives its starter"
        assert wait_until(lambda: not jvms(data) and not supervisors(data), idle_seconds + 30)
        assert state.read_record(folder) is None
    finally:
        impostor.kill()
        impostor.wait(5)


def test_a_record_with_a_dead_pid_or_of_another_user_is_not_used(data: Path) -> None:
    folder = state.shared_dir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    record = state.ServerRecord(
        supervisor_pid=gone.pid,
        state="ready",
        version=LT_VERSION,
        identity={},
        idle_seconds=60,
        url="http://127.0.0.1:9/",
    )
    state.write_record(folder, record)
    assert state.read_record(folder) is not None
    server = SharedServer()
    assert server.status().state.value == "stopped"
    assert server.pids() == []
    record.uid = os.getuid() + 1
    state.write_record(folder, record)
    assert state.read_record(folder) is None, "a record claiming another uid is ignored"


def test_the_lock_serialises_starters(data: Path) -> None:
    folder = state.shared_dir()
    with state.server_lock(folder, 1.0) as first:
        assert first
        child = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from pathlib import Path; from commcoach.languagetool import state\n"
                "with state.server_lock(Path(sys.argv[1]), 0.5) as got: print(got)",
                str(folder),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert child.stdout.strip() == "False", child.stderr
    with state.server_lock(folder, 1.0) as again:
        assert again
