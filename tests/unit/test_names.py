"""Plain names for findings (issue 15): every rule has a name a learner can read, one habit has
one name across channels, and lists show it once."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from commcoach.crash_log import crash_line, write_crash_log
from commcoach.feedback.names import (
    FREQUENT_FINDINGS_DAYS,
    finding_habit,
    habit_for,
    habit_name,
    merge_findings,
    top_habits,
)
from commcoach.feedback.report import Category, Explanation, Finding, Severity
from commcoach.feedback.style.registry import builtin_rules
from commcoach.history import RuleCount
from commcoach.plural import count, plural

ID_LIKE = re.compile(r"[A-Z]{2,}_[A-Z]|\w\.\w|_")
"""What a rule id looks like (MORFOLOGIK_RULE, clarity.vague_time, snake_case)."""


def finding(rule_id: str, start: int, end: int, source: str = "style", **extra: str) -> Finding:
    return Finding(
        rule_id=rule_id,
        category=Category(extra.get("category", "clarity")),
        severity=Severity.WARNING,
        message=extra.get("message", "A message."),
        explanation=Explanation(why="Why."),
        start=start,
        end=end,
        source=source,
    )


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda r: r.rule_id)
def test_every_style_rule_has_a_plain_name_and_a_short_lesson(rule: object) -> None:
    """Written in names.py, or made from the file name for a rule added since: never an id."""
    habit = habit_name(rule.rule_id)  # type: ignore[attr-defined]
    assert not ID_LIKE.search(habit.name), habit.name
    assert len(habit.line) <= 80, habit.line  # one line at 80 columns


@pytest.mark.parametrize(
    ("rule_id", "category", "message", "name"),
    [
        (
            "spelling.MORFOLOGIK_RULE_EN_US",
            "spelling",
            "Possible spelling mistake found.",
            "Spelling",
        ),
        ("grammar.UH_UH_COMMA", "grammar", "Add a comma.", "Comma in an exclamation"),
        ("grammar.SOME_FUTURE_COMMA_RULE", "grammar", "Use a comma here.", "Commas"),
        ("grammar.XYZZY_PLUGH", "grammar", "Did you mean 'it'? More text.", "Grammar slip"),
        ("rubric.blockers", "structure", "Missing: Names blockers.", "Missing: names blockers"),
    ],
)
def test_languagetool_and_rubric_ids_never_reach_the_learner(
    rule_id: str, category: str, message: str, name: str
) -> None:
    habit = habit_for(rule_id, category, message)
    assert habit.name == name
    assert "MORFOLOGIK" not in habit.line and "UH_UH" not in habit.line and "_" not in habit.line
    if rule_id == "grammar.XYZZY_PLUGH":
        assert habit.lesson == "Did you mean 'it'?"  # LanguageTool's own message, first sentence


def test_one_habit_one_name_across_channels() -> None:
    ours = habit_name("clarity.do_the_needful")
    theirs = habit_name("grammar.INDIAN_ENGLISH")
    assert ours == theirs and ours.name == "Regional phrase"
    assert habit_name("grammar.HE_VERB_AGR").key == habit_name("grammar.third_person_verb").key


def test_merge_keeps_our_explanation_when_two_channels_flag_one_slip() -> None:
    lt = finding("grammar.INDIAN_ENGLISH", 7, 22, source="languagetool", category="style")
    ours = finding("clarity.do_the_needful", 7, 22)
    other = finding("clarity.vague_time", 23, 28)
    merged = merge_findings([lt, ours, other])
    assert merged == [ours, other]
    far = finding("grammar.INDIAN_ENGLISH", 0, 6, source="languagetool", category="style")
    assert merge_findings([far, ours]) == [far, ours]  # other words: two findings


def test_top_habits_merge_counts_and_use_one_period() -> None:
    counts = [
        RuleCount(rule_id="grammar.INDIAN_ENGLISH", category="style", findings=2, attempts=2),
        RuleCount(rule_id="clarity.vague_time", category="clarity", findings=3, attempts=3),
        RuleCount(rule_id="clarity.do_the_needful", category="clarity", findings=2, attempts=1),
    ]
    top = top_habits(counts, 3)  # one slip found by two channels is not counted twice
    assert [h.habit.name for h in top] == ["Vague time", "Regional phrase"]
    assert top[1].findings == 2 and top[1].rule_ids[0] in {
        "grammar.INDIAN_ENGLISH",
        "clarity.do_the_needful",
    }
    assert FREQUENT_FINDINGS_DAYS == 30


def test_top_habits_show_rules_without_a_name_as_one_habit() -> None:
    counts = [
        RuleCount(rule_id="grammar.NEW_RULE_A", category="grammar", findings=2, attempts=2),
        RuleCount(rule_id="grammar.NEW_RULE_B", category="grammar", findings=1, attempts=1),
        RuleCount(rule_id="clarity.vague_time", category="clarity", findings=2, attempts=2),
    ]
    top = top_habits(counts, 3)
    assert [(h.habit.name, h.findings) for h in top] == [("Grammar slip", 3), ("Vague time", 2)]
    assert top[0].rule_ids == ("grammar.NEW_RULE_A", "grammar.NEW_RULE_B")


def test_finding_habit_uses_the_message_for_unnamed_languagetool_rules() -> None:
    hit = finding(
        "grammar.NEW_RULE", 0, 3, source="languagetool", category="grammar", message="Odd word."
    )
    assert finding_habit(hit).line == "Grammar slip: Odd word"


@pytest.mark.parametrize(
    ("n", "word", "expected"),
    [
        (1, "finding", "1 finding"),
        (2, "finding", "2 findings"),
        (0, "attempt", "0 attempts"),
        (1, "try", "1 try"),
        (3, "try", "3 tries"),
        (2, "grammar finding", "2 grammar findings"),
        (2, "match", "2 matches"),
        (2, "day", "2 days"),
    ],
)
def test_plural(n: int, word: str, expected: str) -> None:
    assert count(n, word) == expected
    assert plural(word, 1) == word


def test_crash_log_has_the_traceback_and_the_line_says_where() -> None:
    try:
        raise KeyError("scenario")
    except KeyError as exc:
        path = write_crash_log(exc, datetime(2026, 12, 3, 9, 0).astimezone())
        line = crash_line(exc, path)
    assert path is not None and "KeyError" in path.read_text(encoding="utf-8")
    assert "\n" not in line and str(path) in line and line.startswith("commcoach stopped")


def test_a_languagetool_id_has_one_name_under_either_prefix() -> None:
    assert habit_name("spelling.I_LOWERCASE") == habit_name("grammar.I_LOWERCASE")
    assert habit_name("spelling.I_LOWERCASE").name == "Lower-case 'i'"


def test_every_learner_rule_has_its_own_plain_name() -> None:
    """Our LanguageTool rules never fall back to the category's 'Grammar slip': two different
    habits on Home must not read the same."""
    from commcoach.languagetool import custom_rules

    for rule_id in custom_rules.rule_ids():
        habit = habit_name(f"grammar.{rule_id}", "grammar")
        assert habit.name != "Grammar slip", rule_id
        assert "CC_" not in habit.name and "CC_" not in habit.lesson, rule_id
