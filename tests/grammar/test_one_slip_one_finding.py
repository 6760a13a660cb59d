"""One slip, one finding: when LanguageTool and our style rules flag the same words for the same
habit, the learner sees it once, with our explanation (names.HABIT_OF, merge_findings)."""

from __future__ import annotations

import pytest

from commcoach.config import Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.feedback.names import merge_findings


@pytest.mark.languagetool
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("We should discuss about the deadline tomorrow.", "discuss about"),
        ("He mentioned about a bug in the payment flow.", "mentioned about"),
        ("The team comprises of five engineers.", "comprises of"),
        ("Can you explain me how the cache works?", "explain me"),
    ],
)
def test_extra_preposition_is_one_finding(lt_settings: Settings, text: str, words: str) -> None:
    report = FeedbackEngine(lt_settings).analyse(text)
    assert report.grammar.checked
    start = text.index(words)
    at_slip = [
        f for f in merge_findings(report.findings) if f.start < start + len(words) and start < f.end
    ]
    assert [f.rule_id for f in at_slip] == ["style.extra_preposition"], at_slip
