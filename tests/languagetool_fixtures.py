"""Session-wide real LanguageTool server for grammar tests (a pytest plugin, see conftest.py).

- `languagetool_server`: one real server per test session, started through commcoach's own
  server module from the install at COMMCOACH_LANGUAGETOOL_DIR (or the default folder), and
  warmed up for en-US. Missing Java or LanguageTool: under CI=true the test FAILS (CI must not
  silently drop the grammar tests); elsewhere it is skipped with the command that fixes it.
- `lt_settings`: Settings whose grammar backend is `remote` pointing at that server, so engine
  and TUI tests get a real grammar checker without starting a JVM of their own.
- `lt_checker`: a LanguageToolChecker built from `lt_settings`, closed after the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from commcoach.config import GrammarBackend, GrammarSettings, Settings
from commcoach.feedback.grammar import LanguageToolChecker
from commcoach.feedback.grammar.client import CheckFailure, LtClient
from commcoach.languagetool.errors import LanguageToolError
from commcoach.languagetool.install import find_install
from commcoach.languagetool.java import find_java
from commcoach.languagetool.server import LanguageToolServer, ServerConfig, ServerState

LT_TEST_TIMEOUT = 60.0
"""Per-check timeout for real-server tests: a cold en-GB/picky pipeline takes seconds on CI."""


def missing_languagetool(message: str) -> None:
    """Fail under CI=true, skip elsewhere, always with a message that says how to fix it."""
    hint = "commcoach languagetool install"
    text = message if hint in message else f"{message} (Java 17+ on PATH, then `{hint}`)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but LanguageTool is unavailable: {text}", pytrace=False)
    pytest.skip(f"LanguageTool unavailable: {text}")


def _warm_up(url: str) -> None:
    client = LtClient(url, 120.0)
    try:
        client.check(
            "Yesterday I fix the bug in teh login page. He go to meeting.", {"language": "en-US"}
        )
    except CheckFailure:
        pass
    finally:
        client.close()


@pytest.fixture(scope="session")
def languagetool_install() -> Path:
    """The LanguageTool install folder, with Java 17+ available to run it."""
    try:
        find_java()
        return find_install()
    except LanguageToolError as exc:
        missing_languagetool(str(exc))
        raise  # unreachable: skip/fail raise; keeps type checkers content


@pytest.fixture(scope="session")
def languagetool_server(
    languagetool_install: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LanguageToolServer]:
    """A running, warmed-up LanguageTool server shared by the whole session."""
    state_dir: Path = tmp_path_factory.mktemp("languagetool-server")
    server = LanguageToolServer(
        ServerConfig(state_dir=state_dir, start_timeout=120.0, max_check_millis=120_000),
        warmup=_warm_up,
    )
    server.start()
    status = server.wait_ready(240.0)
    if status.state is not ServerState.READY:
        server.stop()
        missing_languagetool(f"the server did not start: {status.detail}")
    yield server
    server.stop()


@pytest.fixture
def lt_settings(languagetool_server: LanguageToolServer) -> Settings:
    """Settings that send grammar checks to the session's real server."""
    return Settings(
        grammar=GrammarSettings(
            backend=GrammarBackend.REMOTE,
            server_url=languagetool_server.status().url,
            timeout_seconds=LT_TEST_TIMEOUT,
        )
    )


@pytest.fixture
def lt_checker(lt_settings: Settings) -> Iterator[LanguageToolChecker]:
    """A real grammar checker on the session server."""
    checker = LanguageToolChecker(lt_settings, url=lt_settings.grammar.server_url)
    yield checker
    checker.close()
