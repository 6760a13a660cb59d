"""Issue 14, cases 2-4 for scenario packs: escapes in CLI output, unbounded regexes, deep nesting.

A scenario pack is shared data. These tests hold it to: nothing it says reaches the terminal as
control, no pattern in it runs without a time bound, no nesting in it exhausts the stack, and one
bad file never takes the other scenarios with it.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from commcoach import safe_regex
from commcoach.cli import cli
from commcoach.errors import ScenarioError
from commcoach.models import RegexDetector
from commcoach.rubric.matching import find_evidence
from commcoach.scenarios import (
    MAX_DETECTOR_DEPTH,
    builtin_dir,
    load_library,
    parse_scenario,
    scenario_files,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "valid-scenario.yaml"
ESCAPES = "\x1b]52;c;UFdORUQ=\x07\x1b]0;PWNED\x07\x1b[2J\x9b2J"
CONTROL = ("\x1b", "\x07", "\x9b")


def fixture_doc() -> dict[str, object]:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def write(folder: Path, name: str, doc: object) -> Path:
    path = folder / name
    text = doc if isinstance(doc, str) else yaml.safe_dump(doc, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def hostile_pack(folder: Path) -> Path:
    """The fixture with escape sequences in every text field the CLI prints."""
    doc = fixture_doc()
    doc["id"] = "hostile"
    for key in ("title", "brief"):
        doc[key] = f"{ESCAPES}{doc[key]}"
    doc["counterpart"] = {"name": f"Eve{ESCAPES}", "role": f"role{ESCAPES}"}
    for turn in doc["turns"]:  # type: ignore[attr-defined]
        turn["message"] = f"{ESCAPES}{turn['message']}"
        turn["task"] = f"{ESCAPES}{turn['task']}"
        for follow in turn["follow_ups"]:
            follow["message"] = f"{ESCAPES}{follow['message']}"
    for element in doc["rubric"]["elements"]:  # type: ignore[index]
        element["label"] = f"{element['label']}{ESCAPES}"
    doc["tips"] = [f"{ESCAPES}{t}" for t in doc["tips"]]  # type: ignore[attr-defined]
    pack = folder / "pack"
    pack.mkdir()
    write(pack, "hostile.yaml", doc)
    return pack


# --- case 2: escape sequences in CLI output -----------------------------------------------------


def test_scenarios_show_and_list_print_no_control_characters(tmp_path: Path) -> None:
    pack = hostile_pack(tmp_path)
    code, out, err = run("--scenarios", str(pack), "scenarios", "show", "hostile")
    assert code == 0, err
    assert "Eve␛]52;c;UFdORUQ=␇" in out  # visible, inert
    for char in CONTROL:
        assert char not in out
    code, out, _ = run("--scenarios", str(pack), "scenarios", "list")
    assert code == 0 and "hostile" in out
    assert not any(char in out for char in CONTROL)


def test_check_text_output_prints_no_control_characters(tmp_path: Path) -> None:
    pack = hostile_pack(tmp_path)
    answer = "Yesterday I fixed the login test. Today I start the refund email. No blockers."
    code, out, err = run(
        "--scenarios",
        str(pack),
        "check",
        "--grammar",
        "off",
        "--scenario",
        "hostile",
        "-",
        stdin=answer,
    )
    assert code in (0, 1), err
    assert "-- [x] Says what you finished" in out
    assert not any(char in out + err for char in CONTROL)


def test_validate_error_lines_quote_nothing_raw(tmp_path: Path) -> None:
    doc = fixture_doc()
    doc["rubric"]["elements"][0]["detector"] = f"nope{ESCAPES}"  # type: ignore[index]
    path = write(tmp_path, "bad.yaml", doc)
    code, _, err = run("scenarios", "validate", str(path))
    assert code == 1
    assert "unknown detector" in err and not any(char in err for char in CONTROL)


# --- case 3: regexes without a time bound ------------------------------------------------------


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)*$", r"(a|a)*$", r"(x*)*y"])
def test_catastrophic_patterns_are_refused_with_one_located_line(
    tmp_path: Path, pattern: str
) -> None:
    doc = fixture_doc()
    doc["rubric"]["elements"][0]["detector"] = {"regex": pattern}  # type: ignore[index]
    path = write(tmp_path, "slow.yaml", doc)
    started = time.monotonic()
    code, out, err = run("scenarios", "validate", str(path))
    assert time.monotonic() - started < 5  # it used to take 49 s for (\w+\s?)*$
    assert code == 1
    (line,) = [x for x in err.splitlines() if x.startswith("slow.yaml")]
    assert re.match(r"slow\.yaml:\d+: rubric\.elements\[0\]\.detector\.regex: \S", line), line
    assert "1 files, 0 scenarios loaded, 1 problems" in out


def test_refused_pattern_names_the_line_of_the_regex(tmp_path: Path) -> None:
    doc = fixture_doc()
    doc["rubric"]["elements"][2]["detector"] = {"any": ["blocker", {"regex": r"(\w+\s?)*$"}]}  # type: ignore[index]
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    expected_line = next(i for i, x in enumerate(text.splitlines(), 1) if "(\\w+\\s?)*$" in x)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "pack.yaml")
    assert str(caught.value).startswith(
        f"pack.yaml:{expected_line}: rubric.elements[2].detector.any[1].regex: "
    )


def test_shipped_patterns_are_all_accepted() -> None:
    library = load_library()
    assert library.errors == []
    assert len(library.scenarios) == len(scenario_files(builtin_dir()))


def test_a_pattern_that_slips_through_is_still_bounded_when_run() -> None:
    """Defence in depth: even a pattern never validated (built in code) cannot hang a check."""
    spec = RegexDetector.model_construct(regex=r"(a+)+$")
    started = time.monotonic()
    assert find_evidence(spec, "a" * 40 + "!", {}) is None
    assert time.monotonic() - started < 2 * safe_regex.MATCH_SECONDS + 1


def test_check_with_a_scenario_and_a_long_answer_finishes(tmp_path: Path) -> None:
    """`check` ran over 300 s on a 14-word answer against (\\w+\\s?)*$; refused, it cannot."""
    doc = fixture_doc()
    doc["rubric"]["elements"][0]["detector"] = {"regex": r"(\w+\s?)*$"}  # type: ignore[index]
    pack = tmp_path / "pack"
    pack.mkdir()
    write(pack, "slow.yaml", doc)
    started = time.monotonic()
    code, _, err = run(
        "--scenarios",
        str(pack),
        "check",
        "--grammar",
        "off",
        "--scenario",
        "standup-daily",
        "-",
        stdin="word " * 14 + "!",
    )
    assert time.monotonic() - started < 10
    assert code in (0, 1), err  # the built-in standup-daily still loads and checks


# --- case 4: nesting -----------------------------------------------------------------------------


def test_yaml_nested_400_deep_is_one_line_and_the_library_survives(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    write(pack, "deep.yaml", "[" * 400 + "]" * 400)  # 804 bytes
    code, out, err = run("--scenarios", str(pack), "scenarios", "list")
    assert code == 0
    assert "warning: deep.yaml:1: invalid YAML: nested deeper than 40 levels" in err
    assert "Traceback" not in err and "standup-daily" in out
    code, _, err = run(
        "--scenarios",
        str(pack),
        "check",
        "--grammar",
        "off",
        "--scenario",
        "standup-daily",
        "-",
        stdin="I fixed it.",
    )
    assert code in (0, 1) and "Traceback" not in err


def test_any_nested_2000_deep_is_one_line(tmp_path: Path) -> None:
    doc = fixture_doc()
    doc["rubric"]["elements"][0]["detector"] = "@DEEP@"  # type: ignore[index]
    text = yaml.safe_dump(doc, sort_keys=False).replace(
        "'@DEEP@'", "{any: [" * 2000 + "question" + "]}" * 2000
    )
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "deep.yaml")
    assert str(caught.value).startswith("deep.yaml:")
    assert "nested deeper than 40 levels" in str(caught.value)


def test_detector_tree_depth_is_limited_within_the_yaml_limit() -> None:
    doc = fixture_doc()
    spec: object = "question"
    for _ in range(MAX_DETECTOR_DEPTH + 1):
        spec = {"any": [spec]}
    doc["rubric"]["elements"][0]["detector"] = spec  # type: ignore[index]
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(yaml.safe_dump(doc), "deep.yaml")
    message = str(caught.value)
    assert f"any:/all: nested deeper than {MAX_DETECTOR_DEPTH}" in message
    assert message.startswith("deep.yaml:") and "rubric.elements[0].detector.any[0]" in message
    spec = "question"
    for _ in range(MAX_DETECTOR_DEPTH):
        spec = {"all": [spec]}
    doc["rubric"]["elements"][0]["detector"] = spec  # type: ignore[index]
    parse_scenario(yaml.safe_dump(doc), "ok.yaml")  # at the limit: fine
