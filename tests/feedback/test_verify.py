"""Never approve an error: suggestions are re-checked by every channel (real LanguageTool)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from commcoach.config import Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.feedback.report import Category, Explanation, Finding, Severity
from commcoach.feedback.verify import order_suggestions

pytestmark = pytest.mark.languagetool


@pytest.fixture
def engine(lt_settings: Settings) -> Iterator[FeedbackEngine]:
    """An engine on the session's real LanguageTool server (with our learner rules)."""
    built = FeedbackEngine(lt_settings)
    yield built
    built.close()


def _finding(text: str, words: str, suggestions: list[str]) -> Finding:
    start = text.index(words)
    return Finding(
        rule_id="grammar.HAVE_PART_AGREEMENT",
        category=Category.GRAMMAR,
        severity=Severity.ERROR,
        message="Past participle after 'have'.",
        explanation=Explanation(why="test", weak=text, better=""),
        start=start,
        end=start + len(words),
        suggestions=suggestions,
        source="languagetool",
    )


def test_a_suggestion_that_leaves_an_error_is_not_offered_first(engine: FeedbackEngine) -> None:
    """ "have done" after "Yesterday" is still wrong (CC_PERFECT_PAST_TIME): "did" goes first."""
    text = "Yesterday I have did the review of the payment service."
    finding = _finding(text, "have did", ["have done", "did"])
    ordered = order_suggestions(text, [finding], lambda t: engine.analyse(t).findings)
    assert ordered[0].suggestions == ["did", "have done"]
    assert ordered[0].explanation.better == "Yesterday I did the review of the payment service."


def test_clean_first_suggestions_keep_their_order(engine: FeedbackEngine) -> None:
    text = "I have did the review of the payment service."
    finding = _finding(text, "have did", ["have done", "did"])
    ordered = order_suggestions(text, [finding], lambda t: engine.analyse(t).findings)
    assert ordered[0].suggestions == ["have done", "did"]


def test_engine_reports_come_with_checked_suggestions(engine: FeedbackEngine) -> None:
    """Every first suggestion the engine offers leaves no finding in its words when applied."""
    text = (
        "Yesterday I have did the review. Everyone have access now. "
        "The page takes 10 second to load, so I will finish it until Friday."
    )
    report = engine.analyse(text)
    fixable = [f for f in report.findings if f.suggestions and f.source == "languagetool"]
    assert len(fixable) >= 4, report.findings
    for finding in fixable:
        fixed = text[: finding.start] + finding.suggestions[0] + text[finding.end :]
        end = finding.start + len(finding.suggestions[0])
        again = engine.analyse(fixed).findings
        left = [
            f
            for f in again
            if f.source in ("languagetool", "style") and f.start < end and finding.start < f.end
        ]
        assert not left, f"applying {finding.suggestions[0]!r} leaves {left}"


def test_a_reordered_finding_shows_the_other_fixes_of_its_sentence(
    engine: FeedbackEngine,
) -> None:
    """The better sentence of a reordered finding holds no other flagged mistake either."""
    text = "Yesterday I have did the review and he go home."
    findings = [
        _finding(text, "have did", ["have done", "did"]),
        _finding(text, "go", ["goes"]),
    ]
    ordered = order_suggestions(text, findings, lambda t: engine.analyse(t).findings)
    assert ordered[0].suggestions[0] == "did"
    assert ordered[0].explanation.better == "Yesterday I did the review and he goes home."
