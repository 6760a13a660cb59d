"""One slip, one finding: when LanguageTool and our rules flag the same words for the same
habit, the learner sees it once, with our explanation (names.HABIT_OF, merge_findings)."""

from __future__ import annotations

import pytest

from commcoach.config import Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.feedback.names import merge_findings

EXTRA = "style.extra_preposition"


@pytest.mark.languagetool
@pytest.mark.parametrize(
    ("text", "words", "rule_id"),
    [
        ("We should discuss about the deadline tomorrow.", "discuss about", EXTRA),
        ("He mentioned about a bug in the payment flow.", "mentioned about", EXTRA),
        ("The team comprises of five engineers.", "comprises of", EXTRA),
        ("Can you explain me how the cache works?", "explain me", EXTRA),
        ("According to me, the plan is fine.", "According to me", "grammar.fixed_expressions"),
        ("I fixed the the login bug today.", "the the", "grammar.ENGLISH_WORD_REPEAT_RULE"),
    ],
)
def test_one_slip_is_one_finding(
    lt_settings: Settings, text: str, words: str, rule_id: str
) -> None:
    report = FeedbackEngine(lt_settings).analyse(text)
    assert report.grammar.checked
    start, end = text.index(words), text.index(words) + len(words)
    shown = merge_findings(report.findings)
    at_slip = [f for f in shown if f.start < end and start < f.end and f.source != "rubric"]
    assert [f.rule_id for f in at_slip] == [rule_id], at_slip
