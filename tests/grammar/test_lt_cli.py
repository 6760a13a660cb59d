"""`commcoach languagetool install|status` end to end (CliRunner, real install, real server)."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from commcoach.cli import cli
from commcoach.languagetool.server import LanguageToolServer


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["languagetool", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.languagetool
def test_install_is_a_quick_no_op_when_installed(languagetool_install: Path) -> None:
    started = time.monotonic()
    code, out, err = run("install")
    assert code == 0, err
    assert "already installed" in out and str(languagetool_install) in out
    assert time.monotonic() - started < 5


def test_install_without_java_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("COMMCOACH_LANGUAGETOOL_DIR", str(tmp_path / "lt"))
    code, out, err = run("install")
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("commcoach: Java not found")
    assert not (tmp_path / "lt").exists()


def test_failed_download_leaves_nothing_half_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead_proxy = f"http://127.0.0.1:{sock.getsockname()[1]}"
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, dead_proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    root = tmp_path / "lt"
    monkeypatch.setenv("COMMCOACH_LANGUAGETOOL_DIR", str(root))
    code, out, err = run("install", "--source", "maven", "--skip-java-check")
    assert code == 1
    assert err.startswith("commcoach: could not download LanguageTool: maven: ")
    assert err.count("\n") == 1
    assert sorted(p.name for p in root.iterdir()) == [".install.lock"]


def test_status_without_install_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMCOACH_LANGUAGETOOL_DIR", str(tmp_path / "nothing"))
    code, out, _ = run("status", "--no-test")
    assert code == 1
    assert "not installed" in out and "commcoach languagetool install" in out


@pytest.mark.languagetool
def test_status_times_a_check_on_the_configured_server(
    languagetool_server: LanguageToolServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMMCOACH_GRAMMAR__BACKEND", "remote")
    monkeypatch.setenv("COMMCOACH_GRAMMAR__SERVER_URL", languagetool_server.status().url)
    code, out, err = run("status")
    assert code == 0, out + err
    assert "Java:" in out and "OK" in out
    assert "LanguageTool:  6.8" in out
    assert "Backend:       remote" in out
    # "teh" (LanguageTool's speller) and "Yesterday I fix" (our CC_PAST_TIME_BASE_FORM)
    assert "Test check:    2 findings;" in out and " ms" in out
    assert "Learner rules: custom learner rules loaded (grammar_custom.xml " in out
