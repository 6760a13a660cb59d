"""Meta-tests: every rule file is complete, its id matches its path, packs map to categories,
and broken rule files fail with one line naming the file and the field."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from commcoach.errors import CommcoachError
from commcoach.feedback.report import Category, Severity
from commcoach.feedback.style import KINDS, PACKS, Rule, RuleError, all_rules, load_rule, load_rules
from commcoach.feedback.style.registry import RULES_DIR, rule_files, snake_case

RULES = all_rules()
VALID = """\
extends: existence
message: "'{match}' is vague."
level: warning
explanation: Vague words hide what you mean.
weak: I fixed stuff.
better: I fixed the login bug.
tokens: [stuff]
examples:
  fail: [I fixed stuff., Stuff happened.]
  pass: [I fixed the bug., Nothing happened.]
"""


def test_at_least_45_rules_in_every_pack() -> None:
    assert len(RULES) >= 45
    assert {rule.rule_id.split(".")[0] for rule in RULES} == set(PACKS)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.rule_id)
def test_rule_is_complete(rule: Rule) -> None:
    assert rule.explanation.strip() and rule.weak.strip() and rule.better.strip()
    assert rule.weak != rule.better
    assert len(rule.examples.fail) >= 2 and len(rule.examples.pass_) >= 2
    assert not set(rule.examples.fail) & set(rule.examples.pass_)
    assert rule.level in set(Severity)
    assert rule.extends in KINDS
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", rule.explanation) if s]
    assert 1 <= len(sentences) <= 3, f"{rule.rule_id}: explanation should be 1-3 sentences"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.rule_id)
def test_id_and_category_come_from_the_path(rule: Rule) -> None:
    pack, name = rule.rule_id.split(".")
    matches = [p for p in rule_files() if p.parent.name == pack and snake_case(p.stem) == name]
    assert len(matches) == 1
    assert re.fullmatch(r"[a-z]+\.[a-z][a-z0-9_]*", rule.rule_id)
    assert rule.category is PACKS[pack]
    assert rule.category.value == pack


def test_packs_map_to_report_categories() -> None:
    assert set(PACKS.values()) <= set(Category)
    assert {p.name for p in RULES_DIR.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(
        PACKS
    )


def test_ids_are_unique_and_sorted_loading_is_stable() -> None:
    ids = [r.rule_id for r in RULES]
    assert len(ids) == len(set(ids))
    assert ids == [r.rule_id for r in load_rules()]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("OverApology", "over_apology"), ("ASAPAlone", "asap_alone"), ("Hedging", "hedging")],
)
def test_snake_case(name: str, expected: str) -> None:
    assert snake_case(name) == expected


def _write(root: Path, pack: str, name: str, text: str) -> Path:
    path = root / pack / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_loads_with_a_derived_id(tmp_path: Path) -> None:
    _write(tmp_path, "clarity", "VagueStuff.yml", VALID)
    (rule,) = load_rules(tmp_path)
    assert rule.rule_id == "clarity.vague_stuff" and rule.category is Category.CLARITY


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("level: warning", "level: urgent"), "level"),
        (("tokens: [stuff]", "tokens: [stuff]\ncolour: red"), "colour"),
        (("extends: existence", "extends: grammar"), "extends"),
        (
            ("  fail: [I fixed stuff., Stuff happened.]", "  fail: [I fixed stuff.]"),
            "examples.fail",
        ),
        (("tokens: [stuff]", "raw: ['(unclosed']"), "raw[0]"),
        (("tokens: [stuff]", "raw: ['stuff', 'a[b']"), "raw[1]"),
        (("explanation: Vague words hide what you mean.\n", ""), "explanation"),
        (("tokens: [stuff]", "tokens: [stuff]\nwhen: {register: [loud]}"), "when.register[0]"),
        (("tokens: [stuff]", "tokens: [stuff]\nkeywords: ['two words']"), "keywords[0]"),
    ],
)
def test_a_bad_field_gives_one_line_naming_file_and_field(
    tmp_path: Path, change: tuple[str, str], field: str
) -> None:
    path = _write(tmp_path, "style", "Broken.yml", VALID.replace(*change))
    with pytest.raises(RuleError) as caught:
        load_rule(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: {field}"), message
    assert isinstance(caught.value, CommcoachError)


@pytest.mark.parametrize(
    ("pack", "name", "text", "expected"),
    [
        ("style", "Broken.yml", "extends: existence\n  bad: [", "not valid YAML"),
        ("style", "Broken.yml", "- a list\n- not a mapping\n", "must be a mapping"),
        ("grammer", "Thing.yml", VALID, "pack 'grammer' is not one of"),
        ("style", "bad_name.yml", VALID, "CamelCase"),
        (
            "style",
            "Swap.yml",
            VALID.replace("tokens: [stuff]", "swap: {nope: no}").replace(
                "extends: existence", "extends: substitution"
            ),
            "swap.nope",
        ),
    ],
)
def test_bad_files_give_located_one_line_errors(
    tmp_path: Path, pack: str, name: str, text: str, expected: str
) -> None:
    path = _write(tmp_path, pack, name, text)
    with pytest.raises(RuleError) as caught:
        load_rule(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and expected in message, message


def test_duplicate_ids_and_stray_yaml_files_are_errors(tmp_path: Path) -> None:
    _write(tmp_path, "style", "Vague.yml", VALID)
    _write(tmp_path, "style", "Vague.yaml", VALID)
    with pytest.raises(RuleError, match=r"\.yml"):
        load_rules(tmp_path)


def test_rules_ship_inside_the_package() -> None:
    """hatchling packs everything under src/commcoach, so the .yml files are package data."""
    import commcoach

    package = Path(commcoach.__file__).parent
    assert RULES_DIR.is_relative_to(package)
    assert len(list(RULES_DIR.glob("*/*.yml"))) == len(RULES)


def test_importing_the_style_package_reads_no_file_and_loads_no_textual() -> None:
    code = (
        "import sys, builtins\n"
        "opened = []\n"
        "real = builtins.open\n"
        "builtins.open = lambda f, *a, **k: (opened.append(str(f)), real(f, *a, **k))[1]\n"
        "import commcoach.feedback.style\n"
        "assert not [f for f in opened if f.endswith('.yml')], opened\n"
        "assert 'textual' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
