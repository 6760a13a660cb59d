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


def test_a_rubric_gap_says_what_to_add_once(tmp_path: Path) -> None:
    """The gap's name is "Missing: ..."; the line goes on with the hint, not the name again."""
    message = tmp_path / "update.txt"
    message.write_text("Yesterday I fixed the flaky login test and merged the PR.\n")
    args = ["check", str(message), "--grammar", "off", "--scenario", "standup-daily"]
    result = CliRunner().invoke(cli, args)
    gap = next(line for line in result.stdout.splitlines() if "will do next" in line)
    assert gap.count("Missing:") == 1
    assert gap.endswith(
        "Missing: says what you will do next: Add your plan, e.g. 'Today I'll "
        "start the refund email template.'"
    )
