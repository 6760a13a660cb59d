"""`commcoach check` refuses an empty message and marks a score without grammar provisional."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from commcoach.cli import cli


@pytest.mark.parametrize("content", ["", "   \n\t\n"])
def test_an_empty_message_is_exit_2_with_one_line(tmp_path: Path, content: str) -> None:
    message = tmp_path / "update.txt"
    message.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(message), "--grammar", "off"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "update.txt: empty message" in result.stderr


def test_a_score_without_grammar_says_it_is_provisional(tmp_path: Path) -> None:
    message = tmp_path / "update.txt"
    message.write_text("Yesterday I fixed the login test. Today I'll write the docs.\n")
    result = CliRunner().invoke(cli, ["check", str(message), "--grammar", "off"])
    assert result.exit_code in (0, 1), result.stderr
    assert "provisional: grammar not checked" in result.stdout
