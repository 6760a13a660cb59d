"""`commcoach scenarios ...` and `--version`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from commcoach import __version__
from commcoach.cli import cli

FIXTURE = Path(__file__).parents[1] / "fixtures" / "valid-scenario.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


def test_list_groups_by_category() -> None:
    code, out, _ = run("scenarios", "list")
    assert code == 0
    assert "standup" in out and "standup-daily" in out


def test_show_and_unknown_id() -> None:
    code, out, _ = run("scenarios", "show", "standup-daily")
    assert code == 0 and "Maya Chen" in out and "[ ] Says what you finished" in out
    code, _, err = run("scenarios", "show", "nope")
    assert (
        code == 2
        and err.strip() == "commcoach: no scenario 'nope' (see `commcoach scenarios list`)"
    )


def test_validate_library_passes() -> None:
    code, out, err = run("scenarios", "validate")
    assert code == 0, err
    assert "0 problems" in out


def test_validate_reports_bad_file_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(FIXTURE.read_text(), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("id: [", encoding="utf-8")
    code, out, err = run("scenarios", "validate", str(tmp_path))
    assert code == 1
    assert err.startswith("bad.yaml:")
    assert "2 files, 1 scenarios loaded, 1 problems" in out


def test_validate_flags_a_model_answer_that_misses_its_rubric(tmp_path: Path) -> None:
    text = FIXTURE.read_text().replace(
        "Yesterday I fixed the flaky login test (PAY-231) and merged the PR.", "Hello."
    )
    (tmp_path / "weak.yaml").write_text(text, encoding="utf-8")
    code, _, err = run("scenarios", "validate", str(tmp_path / "weak.yaml"))
    assert code == 1
    assert "weak.yaml: model_answers[0]: misses rubric element 'done'" in err


def test_schema_is_json_schema_with_register_field() -> None:
    code, out, _ = run("scenarios", "schema")
    schema = json.loads(out)
    assert code == 0
    assert "register" in schema["properties"] and "turns" in schema["required"]


def test_schema_describes_fields_from_their_docstrings() -> None:
    """Authors' editors show these; they come from the docstring under each field, nested too."""
    code, out, _ = run("scenarios", "schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["properties"]["brief"]["description"].startswith("The situation")
    follow_up = schema["$defs"]["FollowUp"]["properties"]
    assert follow_up["unless"]["description"].startswith("Fires when this detector does NOT")
    assert "register" in schema["properties"]["register"]["description"]
