"""The scenario loader: valid files load; every malformed file gives its one-line error."""

from __future__ import annotations

from pathlib import Path

import pytest

from commcoach.scenarios import load_file, load_library, load_paths, parse_scenario

FIXTURE = Path(__file__).parents[1] / "fixtures" / "valid-scenario.yaml"
VALID = FIXTURE.read_text(encoding="utf-8")


def mutate(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def test_valid_fixture_loads_with_all_parts() -> None:
    scenario = parse_scenario(VALID, "valid.yaml")
    assert scenario.id == "standup-daily"
    assert scenario.formality.value == "casual"
    assert [e.id for e in scenario.rubric.elements] == ["done", "next", "blockers", "ask"]
    assert scenario.turns[0].follow_ups[0].unless == "blockers"


MALFORMED = [
    ("empty", "", "bad.yaml: empty file (expected a scenario mapping)"),
    ("only comments", "# nothing\n", "bad.yaml: empty file (expected a scenario mapping)"),
    ("a list", "- a\n- b\n", "bad.yaml:1: expected a mapping of scenario fields, got a list"),
    ("a string", "hello\n", "bad.yaml:1: expected a mapping of scenario fields, got a string"),
    (
        "broken yaml",
        "id: [x\n",
        "bad.yaml:2: invalid YAML: expected ',' or ']', but got '<stream end>'",
    ),
    (
        "tab indent",
        "id: x\n\tbad: 1\n",
        "bad.yaml:2: invalid YAML: found character '\\t' that cannot start any token",
    ),
    (
        "unknown detector",
        mutate("unless: blockers", "unless: questoin"),
        "bad.yaml:19: turns[0].follow_ups[0].unless: unknown detector 'questoin'",
    ),
    (
        "unknown nested detector",
        mutate("- blocker\n", "- blockr\n"),
        "bad.yaml:43: rubric.elements[2].detector.any[0]: unknown detector 'blockr'",
    ),
    (
        "unknown follow-up target",
        mutate("expects: [ask]", "expects: [ask]\n        goto: nowhere"),
        "bad.yaml:27: turns[0].follow_ups[1].goto: unknown follow-up target 'nowhere'",
    ),
    (
        "unknown key",
        mutate("role: Tech lead", "rolle: Tech lead"),
        "bad.yaml:13: counterpart.rolle: unknown field",
    ),
    (
        "wrong type",
        mutate("difficulty: 1", "difficulty: easy"),
        "bad.yaml:4: difficulty: Input should be a valid integer, unable to parse string as an integer",
    ),
    (
        "out of range",
        mutate("difficulty: 1", "difficulty: 5"),
        "bad.yaml:4: difficulty: Input should be less than or equal to 3",
    ),
    (
        "bad enum",
        mutate("audience: teammate", "audience: boss"),
        "bad.yaml:5: audience: Input should be 'manager', 'teammate', 'client', 'HR', 'recruiter' or 'mentor'",
    ),
    (
        "missing field",
        mutate("title: Your first daily stand-up update\n", ""),
        "bad.yaml:1: title: Field required",
    ),
    (
        "bad regex",
        mutate("detector: request", "detector: {regex: '(unclosed'}"),
        "bad.yaml:49: rubric.elements[3].detector.regex: invalid regular expression: missing ), unterminated subpattern at position 0",
    ),
    (
        "detector mapping without a kind",
        mutate("detector: request", "detector: {words: [a]}"),
        "bad.yaml:49: rubric.elements[3].detector: a detector is a built-in or rubric element name, or a mapping with one of phrases, regex, builtin, any, all",
    ),
    (
        "unknown goal",
        mutate("goals: [done, next, blockers]", "goals: [done, nxt]"),
        "bad.yaml:54: goals[1]: unknown rubric element 'nxt'",
    ),
    (
        "duplicate key",
        VALID + "id: again\n",
        "bad.yaml:65: invalid YAML: duplicate key 'id'",
    ),
    (
        "alias",
        "a: &x [1]\nb: *x\n",
        "bad.yaml:2: invalid YAML: aliases (*name) are not allowed in scenario files",
    ),
    (
        "python tag",
        "id: !!python/object/apply:os.system ['echo hi']\n",
        "bad.yaml:1: invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'",
    ),
    (
        "word bounds reversed",
        mutate("words: {min: 15, max: 120}", "words: {min: 150, max: 120}"),
        "bad.yaml:52: rubric.words: min (150) is greater than max (120)",
    ),
    (
        "follow-up with both conditions",
        mutate("unless: blockers", "unless: blockers\n        when: question"),
        "bad.yaml:19: turns[0].follow_ups[0]: a follow-up needs exactly one of 'when' or 'unless'",
    ),
    (
        "bad id",
        mutate("id: standup-daily", "id: Standup Daily"),
        "bad.yaml:1: id: String should match pattern '^[a-z0-9][a-z0-9-]*$'",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED]
)
def test_malformed_file_gives_its_one_line_error(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    library = load_paths([path])
    assert library.scenarios == {}
    assert library.errors == [expected]
    assert "\n" not in library.errors[0]


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert load_paths([path]).errors == ["bin.yaml: binary file, not YAML text"]


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    assert load_paths([path]).errors == ["latin.yaml: not UTF-8 text (byte 10)"]


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"a: " + b"x" * (300 * 1024))
    (error,) = load_paths([path]).errors
    assert error.startswith("huge.yaml: file is 307203 bytes; a scenario is at most")


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    (error,) = load_paths([tmp_path / "gone.yaml"]).errors
    assert error == "gone.yaml: cannot read: No such file or directory"


def test_duplicate_ids_name_both_files_and_keep_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(VALID, encoding="utf-8")
    library = load_paths([tmp_path / "a.yaml", tmp_path / "b.yaml"])
    assert list(library.scenarios) == ["standup-daily"]
    assert library.errors == ["b.yaml: id: duplicate scenario id 'standup-daily' (also in a.yaml)"]


def test_good_files_still_load_beside_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(mutate("id: standup-daily", "id: mine"), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("id: [", encoding="utf-8")
    library = load_library([tmp_path])
    assert "mine" in library.scenarios
    assert "standup-daily" in library.scenarios  # built-in
    assert any(e.startswith("bad.yaml:") for e in library.errors)


def test_user_scenarios_folder_is_read(isolated_user_dirs: Path) -> None:
    folder = isolated_user_dirs / "scenarios"
    folder.mkdir(parents=True)
    (folder / "own.yaml").write_text(mutate("id: standup-daily", "id: own-one"), encoding="utf-8")
    assert "own-one" in load_library().scenarios


def test_load_file_reads_the_fixture() -> None:
    assert load_file(FIXTURE).title == "Your first daily stand-up update"
