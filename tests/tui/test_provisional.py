"""A score computed before grammar is checked is shown as provisional, never as final."""

from __future__ import annotations

from commcoach.config import GrammarBackend, Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.tui.widgets.score_card import score_card_content, summary_line

TEXT = "Yesterday I fixed the login test. Today I will write the refund template. No blockers."


def _engine() -> FeedbackEngine:
    settings = Settings()
    settings.grammar.backend = GrammarBackend.OFF
    return FeedbackEngine(settings)


def test_live_preview_score_is_marked_provisional() -> None:
    engine = _engine()
    try:
        report = engine.analyse(TEXT, with_grammar=False)
    finally:
        engine.close()
    assert report.score.provisional
    assert "provisional" in summary_line(report).plain
    assert "provisional: grammar not checked yet" in score_card_content(report).plain
