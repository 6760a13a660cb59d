"""`commcoach history ...` through click's CliRunner on real databases, and export round trips."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from history_factories import T0, days, make_record

from commcoach.cli import cli
from commcoach.history import HistoryStore

RUN = CliRunner()


def run(*args: str, stdin: str | None = None) -> Result:
    return RUN.invoke(cli, ["history", *args], input=stdin, catch_exceptions=False)


@pytest.fixture
def seeded(isolated_user_dirs: Path) -> list[int]:
    """Five attempts and one draft in the default (test-isolated) history."""
    with HistoryStore() as store:
        ids = [
            store.save_attempt(
                make_record(
                    f"Update {i}: migration {'blocked' if i % 2 else 'finished'}, café ✓.\n"
                    f'Second line, with "quotes", commas and a tab\tinside.',
                    score=50 + 10 * i,
                    scenario_id="standup-daily" if i < 3 else "status-weekly",
                    category="standup" if i < 3 else "status",
                    when=T0 + days(i),
                    rules=("style.hedging",) if i % 2 else ("grammar.AGR", "tone.blunt"),
                )
            )
            for i in range(5)
        ]
        ids.append(
            store.save_attempt(
                make_record(
                    "Free draft text.",
                    scenario_id=None,
                    category=None,
                    turn_id=None,
                    is_draft=True,
                    title="draft.txt",
                    when=T0 + days(6),
                )
            )
        )
    return ids


def listed_ids(output: str) -> list[int]:
    return [int(m) for m in re.findall(r"^\s+(\d+)\s+\d{4}-", output, flags=re.M)]


# -- list ----------------------------------------------------------------------------------


def test_list_on_empty_history() -> None:
    result = run("list")
    assert result.exit_code == 0
    assert result.output == "No attempts yet.\n"


def test_list_shows_newest_first_with_a_footer(seeded: list[int]) -> None:
    result = run("list")
    assert result.exit_code == 0, result.output
    assert listed_ids(result.output) == [6, 5, 4, 3, 2, 1]
    assert "draft: draft.txt" in result.output
    assert "standup-daily/update" in result.output
    assert result.output.rstrip().endswith("-- 1-6 of 6")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--scenario", "status-weekly"], [5, 4]),
        (["--category", "standup"], [3, 2, 1]),
        (["--min-score", "70", "--max-score", "80"], [6, 4, 3]),
        (["--search", "blocked"], [4, 2]),
        (["--drafts"], [6]),
        (["--no-drafts", "--limit", "2"], [5, 4]),
        (["--limit", "2", "--offset", "2"], [4, 3]),
        (["--since", "2025-03-05", "--until", "2025-03-06"], [4, 3]),
    ],
)
def test_list_filters(seeded: list[int], args: list[str], expected: list[int]) -> None:
    result = run("list", *args)
    assert result.exit_code == 0, result.output
    assert listed_ids(result.output) == expected


def test_list_no_match() -> None:
    with HistoryStore() as store:
        store.save_attempt(make_record())
    result = run("list", "--search", "zebra")
    assert result.exit_code == 0 and result.output == "No attempts match.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min-score", "x"], "history list: Invalid value for '--min-score'"),
        (["--min-score", "101"], "history list: Invalid value for '--min-score'"),
        (["--since", "03/05/2025"], "history list: Invalid value for '--since'"),
        (["--min-score", "80", "--max-score", "20"], "--min-score 80 is above --max-score 20"),
        (["--since", "2025-03-06", "--until", "2025-03-05"], "--since is after --until"),
        (["--limit", "0"], "history list: Invalid value for '--limit'"),
        (["--bogus"], "history list: No such option"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = RUN.invoke(cli, ["history", "list", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert result.output.count("\n") == 1 and result.output.startswith("commcoach: ")


# -- show / stats --------------------------------------------------------------------------


def test_show_prints_text_findings_and_settings(seeded: list[int]) -> None:
    result = run("show", "2")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Attempt #2: standup-daily, turn update\n")
    assert "grammar local, en-GB, mother tongue de" in out
    assert "scenario version 0123456789abcdef" in out
    assert "Update 1: migration blocked, café ✓." in out
    assert "#2:1:1: warning Hedging: style.hedging fired here" in out  # a plain name (issue 15)
    assert "-- score 60/100" in out
    draft = run("show", "6").output
    assert draft.startswith("Draft #6: draft.txt\n")


def test_show_unknown_id_and_bad_id() -> None:
    missing = RUN.invoke(cli, ["history", "show", "42"])
    assert missing.exit_code == 2
    assert missing.output == (
        "commcoach: history show: no attempt #42 (see `commcoach history list`)\n"
    )
    bad = RUN.invoke(cli, ["history", "show", "abc"])
    assert bad.exit_code == 2 and bad.output.count("\n") == 1


def test_stats(seeded: list[int]) -> None:
    with HistoryStore() as store:  # recent attempts so they fall in the default windows
        from datetime import UTC, datetime, timedelta

        now = datetime.now(UTC)
        for i in range(3):
            store.save_attempt(
                make_record(score=45, scenario_id="standup-daily", when=now - timedelta(days=i))
            )
    result = run("stats")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Scenarios (9 attempts in all)" in out
    assert re.search(r"standup-daily\s+best\s+70\s+last\s+45\s+\(6 attempts", out)
    assert re.search(r"status-weekly\s+best\s+90\s+last\s+90\s+\(2 attempts", out)
    assert re.search(r"standup\s+week of \d{4}-\d\d-\d\d\s+45\.0 \(best 45, \d attempts?\)", out)
    # Plain names and lessons, never rule ids (issue 15); the period is the app's too.
    assert "Most frequent findings (last 30 days)" in out
    assert "3  Hedging: 'I think maybe': say what you know (in 3 attempts)" in out
    assert "- rule Hedging: flagged in 3 of your 3 attempts in the last 60 days" in out
    assert "style.hedging" not in out


def test_stats_on_empty_history() -> None:
    result = run("stats")
    assert result.exit_code == 0 and result.output == "No attempts yet.\n"


# -- export / import -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_import_export_is_identical_and_reimport_adds_nothing(
    seeded: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    first = tmp_path / f"first.{fmt}"
    result = run("export", "--format", fmt, "--output", str(first))
    assert result.exit_code == 0, result.output
    assert f"exported 6 attempts to {first}" in result.output
    assert first.stat().st_mode & 0o777 == 0o600

    monkeypatch.setenv("COMMCOACH_DATA_DIR", str(tmp_path / "fresh"))
    imported = run("import", str(first))
    assert imported.output == f"imported 6 attempts from {first}\n"
    again = run("import", str(first))
    assert again.output == f"imported 0 attempts (6 already in your history) from {first}\n"
    assert listed_ids(run("list").output) == [6, 5, 4, 3, 2, 1]

    second = tmp_path / f"second.{fmt}"
    run("export", "--format", fmt, "--output", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_json_export_to_stdout_is_complete(seeded: list[int]) -> None:
    result = run("export")
    data = json.loads(result.output)
    assert data["format"] == "commcoach-history" and data["version"] == 1
    assert [a["report"]["score"]["total"] for a in data["attempts"]] == [50, 60, 70, 80, 90, 70]
    first = data["attempts"][0]
    assert "id" not in first and len(first["uid"]) == 32
    assert first["report"]["findings"][0]["rule_id"] == "grammar.AGR"
    assert first["mother_tongue"] == "de" and first["seconds_spent"] == 42.5
    assert data["attempts"][-1]["is_draft"] is True


def test_csv_export_has_one_row_per_attempt(seeded: list[int]) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").output)))
    assert len(rows) == 6
    assert rows[0]["rule_ids"] == "grammar.AGR tone.blunt"
    assert rows[1]["text"].endswith('with "quotes", commas and a tab\tinside.')
    assert rows[5]["is_draft"] == "1" and rows[5]["scenario_id"] == ""


def test_markdown_export_reads_well_and_is_refused_on_import(
    seeded: list[int], tmp_path: Path
) -> None:
    out = tmp_path / "history.md"
    run("export", "--format", "md", "-o", str(out))
    text = out.read_text()
    assert text.startswith("# commcoach history\n")
    assert "## 1. standup-daily (turn update), 2025-03-03 09:00 UTC: 50/100" in text
    assert "> Update 0: migration finished, café ✓." in text
    assert "- warning `grammar.AGR`: grammar.AGR fired here" in text
    assert "- [x] Says what you finished" in text and "- [ ] Names blockers" in text
    assert "## 6. Draft: draft.txt, 2025-03-09 09:00 UTC: 70/100" in text
    refused = RUN.invoke(cli, ["history", "import", str(out)])
    assert refused.exit_code == 2
    assert "Markdown exports are for reading" in refused.output


def test_import_merges_into_an_existing_history(tmp_path: Path) -> None:
    with HistoryStore() as store:
        store.save_attempt(make_record("Mine, here already.", when=T0))
    other = tmp_path / "other.sqlite3"
    with HistoryStore(other) as store:
        store.save_attempt(make_record("From the laptop.", when=T0 + days(1)))
    export_file = tmp_path / "laptop.json"
    from commcoach.history.export import write_export

    with HistoryStore(other) as store:
        write_export(store.iter_attempts(), "json", export_file)
    assert run("import", str(export_file)).output.startswith("imported 1 attempt ")
    with HistoryStore() as store:
        assert [i.preview for i in store.page().items] == [
            "From the laptop.",
            "Mine, here already.",
        ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "invalid JSON"),
        ('{"format": "something-else"}', "not a commcoach history export"),
        ('{"format": "commcoach-history", "version": 9, "attempts": []}', "version 9"),
        (
            '{"format": "commcoach-history", "version": 1, "attempts": [{"text": "x"}]}',
            "attempts[0].",
        ),
        ("hello, world\n", "not a commcoach history export"),
        ("uid,created_at\n1,2\n", "CSV lacks columns"),
    ],
)
def test_bad_import_files_are_one_line_and_import_nothing(
    tmp_path: Path, content: str, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    result = RUN.invoke(cli, ["history", "import", str(bad)])
    assert result.exit_code == 2
    assert message in result.output and result.output.count("\n") == 1
    assert result.output.startswith(f"commcoach: history import: {bad}")
    with HistoryStore() as store:
        assert store.count() == 0


def test_import_is_all_or_nothing(seeded: list[int], tmp_path: Path) -> None:
    data = json.loads(run("export").output)
    data["attempts"][3]["report"]["score"]["total"] = 400
    bad = tmp_path / "half-bad.json"
    bad.write_text(json.dumps(data))
    result = RUN.invoke(cli, ["history", "import", str(bad)])
    assert result.exit_code == 2 and "attempts[3].report.score.total" in result.output


def test_import_missing_file() -> None:
    result = RUN.invoke(cli, ["history", "import", "no-such-file.json"])
    assert result.exit_code == 2
    assert "no-such-file.json: cannot read" in result.output


def test_export_to_an_unwritable_place_is_one_line(seeded: list[int], tmp_path: Path) -> None:
    result = RUN.invoke(cli, ["history", "export", "-o", str(tmp_path / "missing" / "out.json")])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "cannot write" in result.output


# -- reset ---------------------------------------------------------------------------------


def test_reset_asks_and_no_keeps_everything(seeded: list[int]) -> None:
    result = run("reset", stdin="n\n")
    assert result.exit_code == 1
    assert "Delete all 6 attempts in" in result.output and "Nothing deleted." in result.output
    with HistoryStore() as store:
        assert store.count() == 6


def test_reset_without_a_terminal_deletes_nothing(seeded: list[int]) -> None:
    result = run("reset", stdin="")
    assert result.exit_code == 1 and "Nothing deleted." in result.output
    with HistoryStore() as store:
        assert store.count() == 6


def test_reset_yes_after_confirmation_and_with_flag(seeded: list[int]) -> None:
    result = run("reset", stdin="y\n")
    assert result.exit_code == 0 and result.output.endswith("Deleted 6 attempts.\n")
    with HistoryStore() as store:
        store.save_attempt(make_record())
    forced = run("reset", "--yes")
    assert forced.output == "Deleted 1 attempt.\n"


def test_reset_on_empty_history_asks_nothing() -> None:
    result = run("reset")
    assert result.exit_code == 0 and result.output == "History is already empty.\n"


def test_a_corrupt_database_is_announced_once_on_stderr(isolated_user_dirs: Path) -> None:
    isolated_user_dirs.mkdir(parents=True)
    (isolated_user_dirs / "history.sqlite3").write_text("garbage")
    result = CliRunner().invoke(cli, ["history", "list"])
    assert result.exit_code == 0
    assert result.stdout == "No attempts yet.\n"
    (line,) = result.stderr.splitlines()
    assert line.startswith("commcoach: ") and "moved it to history.sqlite3.corrupt-" in line
    assert CliRunner().invoke(cli, ["history", "list"]).stderr == ""


def test_an_unopenable_history_is_one_line_exit_1(isolated_user_dirs: Path) -> None:
    isolated_user_dirs.parent.mkdir(parents=True, exist_ok=True)
    isolated_user_dirs.write_text("a file where the folder should be")
    result = RUN.invoke(cli, ["history", "list"])
    assert result.exit_code == 1
    assert result.output.startswith("commcoach: cannot open ")
    assert result.output.count("\n") == 1
