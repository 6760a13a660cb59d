"""Broken word order (commcoach.language.order): garbled pairs are found, fluent text is not."""

from __future__ import annotations

import pytest

from commcoach.feedback.word_order import word_order_findings
from commcoach.language import parse
from commcoach.language.order import word_order_breaks


def breaks(text: str) -> list[str]:
    return [text[s.start : s.end] for s in word_order_breaks(parse(text))]


def test_a_shuffled_stand_up_has_broken_pairs() -> None:
    text = "Deploy tonight will I, the so config broken is. Then the merged is."
    assert breaks(text) == ["will I", "the so", "merged is"]


@pytest.mark.parametrize(
    "text",
    [
        "I fixed that.",
        "Can the team review it today?",
        "It was the will of the committee.",
        "We need a very stable build and a so-called canary.",
        "Q&A: the answer is n/a for now.",
        "Where will I find the logs?",
        "The PR is merged and the job is scheduled.",
        "Run `the is` in the shell.",
    ],
)
def test_fluent_sentences_have_none(text: str) -> None:
    assert breaks(text) == []


def test_findings_are_grammar_warnings_the_learner_sees() -> None:
    found = word_order_findings(parse("Today start will I, the so plan."))
    assert [f.rule_id for f in found] == ["grammar.word_order", "grammar.word_order"]
    assert all(f.category.value == "grammar" for f in found)
