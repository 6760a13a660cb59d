"""Build real Report / AttemptRecord objects for history tests (no engine needed).

Also imported by the kill-loop writer subprocess (tests/history/history_writer.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from commcoach.feedback.report import (
    Category,
    Explanation,
    Finding,
    GrammarReason,
    GrammarState,
    GrammarStatus,
    Metrics,
    Report,
    RubricResult,
    Score,
    ScoreComponent,
    Severity,
    TargetBand,
)
from commcoach.history.models import AttemptRecord

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
"""A Monday morning: the start of the test timeline."""


def finding(rule_id: str, start: int = 0, end: int = 4) -> Finding:
    """A finding whose category is the rule id's prefix (`style.hedging` -> style)."""
    category = Category(rule_id.split(".")[0])
    return Finding(
        rule_id=rule_id,
        category=category,
        severity=Severity.WARNING,
        message=f"{rule_id} fired here",
        explanation=Explanation(why="Readers at work skim.", weak="I think maybe", better="I will"),
        start=start,
        end=end,
        suggestions=["better"],
        source="style",
    )


def make_report(
    text: str = "Yesterday I fixed the login test. Today I start the refund email.",
    score: int = 70,
    rules: tuple[str, ...] = ("style.hedging",),
    checked: bool = True,
    scenario_id: str | None = None,
    turn_id: str | None = None,
) -> Report:
    """A complete, valid Report with the given score and one finding per rule id."""
    words = len(text.split())
    grammar = (
        GrammarStatus(state=GrammarState.CHECKED, backend="local")
        if checked
        else GrammarStatus(
            state=GrammarState.NOT_CHECKED, reason=GrammarReason.OFF, detail="off", backend="off"
        )
    )
    return Report(
        text=text,
        findings=[finding(r, 0, min(4, len(text))) for r in rules],
        metrics=Metrics(
            words=words,
            sentences=2,
            avg_sentence_words=words / 2,
            flesch_reading_ease=71.5,
            flesch_kincaid_grade=6.25,
            gunning_fog=8.1,
            reading_time_seconds=words / 4,
            band=TargetBand(flesch_min=50, grade_max=10),
            in_band=True,
        ),
        rubric=[
            RubricResult(
                element_id="done", label="Says what you finished", met=True, explanation="ok"
            ),
            RubricResult(
                element_id="blockers", label="Names blockers", met=False, explanation="missing"
            ),
        ],
        score=Score(
            total=score,
            components=[
                ScoreComponent(name="content", points=score * 0.4, max_points=40, detail="d")
            ],
        ),
        grammar=grammar,
        scenario_id=scenario_id,
        turn_id=turn_id,
    )


def make_record(
    text: str = "Yesterday I fixed the login test. Today I start the refund email.",
    *,
    score: int = 70,
    rules: tuple[str, ...] = ("style.hedging",),
    scenario_id: str | None = "standup-daily",
    category: str | None = "standup",
    turn_id: str | None = "update",
    when: datetime = T0,
    is_draft: bool = False,
    title: str = "",
    seconds: float = 42.5,
) -> AttemptRecord:
    """An attempt (or draft) with a real Report."""
    return AttemptRecord(
        created_at=when,
        scenario_id=scenario_id,
        scenario_hash="0123456789abcdef" if scenario_id else None,
        category=category,
        turn_id=turn_id,
        text=text,
        report=make_report(text, score, rules, scenario_id=scenario_id, turn_id=turn_id),
        grammar_backend="local",
        variant="en-GB",
        mother_tongue="de",
        seconds_spent=seconds,
        is_draft=is_draft,
        title=title,
    )


def days(n: float) -> timedelta:
    """Shorthand for timelines."""
    return timedelta(days=n)
