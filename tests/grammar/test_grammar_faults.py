"""check() never raises: every kind of server trouble becomes a NOT_CHECKED status with a reason.

Fault injection uses fake servers (a socket that never answers, one that answers garbage) and a
fake `java`; everything else is real.
"""

from __future__ import annotations

import socket
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from commcoach.config import GrammarBackend, GrammarSettings, Settings
from commcoach.feedback.grammar import LanguageToolChecker, OffChecker, make_grammar_checker
from commcoach.feedback.report import GrammarReason, GrammarState
from commcoach.languagetool.server import LanguageToolServer, ServerConfig, ServerState


class FakeServer:
    """A TCP server on 127.0.0.1 whose answer to every connection is `reply` (None: silence)."""

    def __init__(self, reply: bytes | None) -> None:
        self.reply = reply
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.recv(65536)
            if self.reply is None:
                self.held.append(conn)  # accept, read, never answer
                continue
            conn.sendall(self.reply)
            conn.close()

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def fake_server(request: pytest.FixtureRequest) -> Iterator[FakeServer]:
    server = FakeServer(request.param)
    yield server
    server.close()


def remote(url: str, timeout: float = 1.0) -> LanguageToolChecker:
    settings = Settings(
        grammar=GrammarSettings(
            backend=GrammarBackend.REMOTE, server_url=url, timeout_seconds=timeout
        )
    )
    checker = make_grammar_checker(settings)
    assert isinstance(checker, LanguageToolChecker)
    return checker


def http(status: str, body: bytes, content_type: str = "application/json") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"Connection: close\r\n\r\n" + body


@pytest.mark.parametrize("fake_server", [None], indirect=True)
def test_hanging_server_times_out_within_the_timeout(fake_server: FakeServer) -> None:
    checker = remote(fake_server.url, timeout=1.0)
    started = time.monotonic()
    findings, status = checker.check("He go home.")
    elapsed = time.monotonic() - started
    assert findings == []
    assert status.state is GrammarState.NOT_CHECKED and status.reason is GrammarReason.TIMED_OUT
    assert 0.9 <= elapsed < 3.0
    assert "1 s" in status.detail


@pytest.mark.parametrize(
    ("fake_server", "reason"),
    [
        (http("200 OK", b"not json at all"), GrammarReason.BAD_RESPONSE),
        (http("200 OK", b'{"matches": "nope"}'), GrammarReason.BAD_RESPONSE),
        (http("200 OK", b'{"matches": [{"offset": 1}]}'), GrammarReason.BAD_RESPONSE),
        (b"\x00\x01 garbage that is not HTTP\r\n\r\n", GrammarReason.BAD_RESPONSE),
        (
            http("500 Internal Server Error", b"Error: boom", "text/plain"),
            GrammarReason.BAD_RESPONSE,
        ),
        (
            http(
                "500 Internal Server Error",
                b"Error: Text checking took longer than allowed maximum of 20000 milliseconds",
                "text/plain",
            ),
            GrammarReason.TIMED_OUT,
        ),
        (http("429 Too Many Requests", b"slow down", "text/plain"), GrammarReason.SERVER_DOWN),
    ],
    indirect=["fake_server"],
)
def test_bad_answers_become_a_reason(fake_server: FakeServer, reason: GrammarReason) -> None:
    findings, status = remote(fake_server.url).check("He go home.")
    assert findings == []
    assert status.reason is reason and status.detail
    assert "\n" not in status.detail


def test_nothing_listening_is_server_down() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    findings, status = remote(f"http://127.0.0.1:{port}").check("He go home.")
    assert findings == [] and status.reason is GrammarReason.SERVER_DOWN
    assert f"127.0.0.1:{port}" in status.detail
    assert time.monotonic() - started < 3


def test_remote_without_url_and_off_backend() -> None:
    findings, status = remote("").check("He go home.")
    assert findings == [] and status.reason is GrammarReason.SERVER_DOWN
    assert "server_url" in status.detail
    off = make_grammar_checker(Settings(grammar=GrammarSettings(backend=GrammarBackend.OFF)))
    assert isinstance(off, OffChecker)
    assert off.check("He go home.") == ([], off.status())
    assert off.status().reason is GrammarReason.OFF


def test_no_java_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("COMMCOACH_LANGUAGETOOL_DIR", str(fake_install(tmp_path / "lt")))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    checker = make_grammar_checker(Settings())
    try:
        assert checker.status().reason is GrammarReason.NO_JAVA
        started = time.monotonic()
        findings, status = checker.check("He go home.")
        assert findings == [] and status.reason is GrammarReason.NO_JAVA
        assert "Java" in status.detail and time.monotonic() - started < 5
    finally:
        checker.close()


def test_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMCOACH_LANGUAGETOOL_DIR", str(tmp_path / "empty"))
    checker = make_grammar_checker(Settings())
    try:
        assert checker.status().reason is GrammarReason.NOT_INSTALLED
        findings, status = checker.check("He go home.")
        assert findings == [] and status.reason is GrammarReason.NOT_INSTALLED
        assert "commcoach languagetool install" in status.detail
    finally:
        checker.close()


FAKE_JAVA = """#!/bin/sh
if [ "$1" = "-version" ]; then echo 'openjdk version "17.0.9" 2023-10-17' >&2; exit 0; fi
echo "Exception in thread main java.lang.IllegalStateException: boom" >&2
exit 1
"""


def fake_install(root: Path) -> Path:
    home = root / "LanguageTool-6.8"
    (home / "libs").mkdir(parents=True)
    (home / "org" / "languagetool" / "resource" / "en").mkdir(parents=True)
    for name in (
        "languagetool-server.jar",
        "libs/languagetool-core.jar",
        "libs/english-pos-dict.jar",
    ):
        (home / name).write_text("not really a jar")
    return root


def test_crashing_server_restarts_are_rate_limited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = bin_dir / "java"
    java.write_text(FAKE_JAVA)
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    config = ServerConfig(
        root=fake_install(tmp_path / "lt"),
        state_dir=tmp_path / "state",
        start_timeout=10,
        backoff=(0.0,),
        restart_limit=3,
    )
    server = LanguageToolServer(config)
    try:
        details = []
        for _ in range(5):
            server.start()
            status = server.wait_ready(20)
            assert status.state is ServerState.UNAVAILABLE
            assert status.reason is GrammarReason.SERVER_DOWN
            details.append(status.detail)
        assert all("boom" in d for d in details[:4])  # the log's last error line is quoted
        assert "stopped 3 times within 5 minutes; not restarting" in details[4]
        launches = server.log_path.read_text().count("--- commcoach")
        assert launches == 4  # the first start + 3 restarts, then no more
    finally:
        server.stop()


@pytest.mark.languagetool
def test_concurrent_checks_keep_their_own_spans(lt_checker: LanguageToolChecker) -> None:
    texts = [f"{'🐦' * i} Number {i}: teh build is green." for i in range(6)]
    results: dict[int, list[str]] = {}

    def run(i: int) -> None:
        findings, status = lt_checker.check(texts[i])
        assert status.checked
        results[i] = [texts[i][f.start : f.end] for f in findings]

    threads = [threading.Thread(target=run, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == {i: ["teh"] for i in range(6)}
