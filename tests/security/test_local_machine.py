"""Issue 14, cases 7 and 8: config ranges, proxies and loopback, file modes.

Real parts: a real HTTP server on 127.0.0.1 as the "local server", a real dead proxy (a port
that accepts and closes), the real CLI writing real files under a hostile umask.
"""

from __future__ import annotations

import http.server
import os
import socket
import stat
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from commcoach import net, paths
from commcoach.cli import cli
from commcoach.config import Settings, load_settings, save_settings
from commcoach.errors import ConfigError
from commcoach.feedback.grammar.transport import make_transport
from commcoach.tui.autosave import AutosaveEntry, AutosaveStore

# --- config ranges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("nan", "Input should be a finite number"),
        ("inf", "Input should be a finite number"),
        ("-inf", "Input should be a finite number"),
        ("0", "Input should be greater than 0"),
        ("-3", "Input should be greater than 0"),
        ("1e9", "Input should be less than or equal to 600"),
    ],
)
def test_timeout_must_be_a_finite_positive_number(value: str, problem: str) -> None:
    path = paths.config_file()
    path.write_text(f"[grammar]\ntimeout_seconds = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value) == f"{path}: grammar.timeout_seconds: {problem}"
    result = CliRunner().invoke(cli, ["check", "--grammar", "off", "-"], input="Hello.")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"commcoach: {path}: grammar.timeout_seconds: {problem}"


def test_timeout_from_the_environment_is_checked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMCOACH_GRAMMAR__TIMEOUT_SECONDS", "nan")
    with pytest.raises(ConfigError, match="grammar.timeout_seconds: Input should be a finite"):
        load_settings()


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("heap_mb = 1", "grammar.heap_mb: Input should be greater than or equal to 128"),
        ('server_url = "file:///etc/passwd"', "grammar.server_url: Value error, 'file:///etc"),
        ('server_url = "http://"', "grammar.server_url: Value error, 'http://' is not"),
    ],
)
def test_other_grammar_values_have_ranges(line: str, problem: str) -> None:
    paths.config_file().write_text(f"[grammar]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert problem in str(caught.value)


# --- proxies ------------------------------------------------------------------------------------


class _Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"OK")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def dead_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A proxy that accepts connections and closes them at once; set in every proxy variable."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, url)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    yield url
    stop.set()
    thread.join()
    listener.close()


def test_the_dead_proxy_really_breaks_a_normal_session(local_server: str, dead_proxy: str) -> None:
    """Control: without the fix the health check goes to the proxy and fails."""
    with pytest.raises(requests.RequestException):
        requests.Session().get(local_server + "v2/healthcheck", timeout=2)


def test_local_health_checks_bypass_the_proxy(local_server: str, dead_proxy: str) -> None:
    started = time.monotonic()
    with net.local_session() as session:
        assert session.get(local_server + "v2/healthcheck", timeout=2).status_code == 200
    assert time.monotonic() - started < 2
    transport = make_transport(local_server)  # what the grammar client uses for this URL
    try:
        status, _body = transport.request("GET", "v2/healthcheck", None, 2.0)
    finally:
        transport.close()
    assert status == 200


def test_remote_servers_keep_the_proxy() -> None:
    assert net.session_for("https://lt.example.internal:8081/").trust_env is True
    for url in ("http://localhost:8081/", "http://127.0.0.2/", "http://[::1]:8081/"):
        assert net.is_local(url), url
    assert not net.is_local("http://127.0.0.1.example.com/")


# --- file modes ---------------------------------------------------------------------------------


@pytest.fixture
def open_umask() -> Iterator[None]:
    """umask 0: every file or folder created without an explicit mode is world-writable."""
    old = os.umask(0)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_autosave_files_are_0600_in_a_0700_folder(open_umask: None) -> None:
    store = AutosaveStore(paths.autosave_dir())
    store.write(AutosaveEntry("draft", "draft", "private words", datetime.now(UTC)))
    assert mode(paths.autosave_dir() / "draft.json") == 0o600
    assert mode(paths.autosave_dir()) == 0o700
    assert mode(paths.data_dir()) == 0o700  # the parent created on the way too


def test_settings_file_is_0600(open_umask: None) -> None:
    save_settings(Settings())
    assert mode(paths.config_file()) == 0o600


def test_check_save_creates_a_private_data_folder() -> None:
    """The usual umask 022: the data folder used to be 0755 when `check` created it first."""
    old = os.umask(0o022)
    try:
        result = _check_save()
    finally:
        os.umask(old)
    assert result.exit_code in (0, 1), result.stderr
    assert mode(paths.data_dir()) == 0o700
    assert mode(paths.db_path()) == 0o600


def _check_save():  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["check", "--grammar", "off", "--save", "-"], input="Hi all.")


def test_a_data_folder_left_0755_is_narrowed(tmp_path: Path) -> None:
    paths.data_dir().mkdir(mode=0o755)
    paths.data_dir().chmod(0o755)
    paths.private_dir(paths.autosave_dir())
    assert mode(paths.data_dir()) == 0o700 and mode(paths.autosave_dir()) == 0o700
    outside = tmp_path / "chosen-by-the-user"
    outside.mkdir(mode=0o755)
    outside.chmod(0o755)
    paths.private_dir(outside)  # not ours: left as the user made it
    assert mode(outside) == 0o755
