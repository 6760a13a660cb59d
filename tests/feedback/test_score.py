"""The documented score formula, component by component."""

from __future__ import annotations

from commcoach.feedback.report import (
    Category,
    Explanation,
    Finding,
    GrammarReason,
    GrammarState,
    GrammarStatus,
    Metrics,
    RubricResult,
    Severity,
    TargetBand,
)
from commcoach.feedback.score import compute_score
from commcoach.models import WordBounds

CHECKED = GrammarStatus(state=GrammarState.CHECKED, backend="local")
BAND = TargetBand(flesch_min=50, grade_max=10)


def metrics(words: int = 50, flesch: float = 70, grade: float = 6) -> Metrics:
    return Metrics(
        words=words,
        sentences=4,
        avg_sentence_words=words / 4,
        flesch_reading_ease=flesch,
        flesch_kincaid_grade=grade,
        gunning_fog=8,
        reading_time_seconds=10,
        band=BAND,
        in_band=flesch >= 50 and grade <= 10,
    )


def finding(category: Category, severity: Severity, source: str = "x") -> Finding:
    return Finding(
        rule_id=f"{category.value}.x",
        category=category,
        severity=severity,
        message="m",
        explanation=Explanation(why="w"),
        start=0,
        end=1,
        source=source,
    )


def rubric(*met: bool) -> list[RubricResult]:
    return [
        RubricResult(element_id=f"e{i}", label="l", met=m, explanation="x")
        for i, m in enumerate(met)
    ]


def test_perfect_answer_scores_100() -> None:
    score = compute_score([], metrics(), rubric(True, True, True), CHECKED)
    assert score.total == 100
    assert [c.name for c in score.components] == ["content", "correctness", "style", "readability"]


def test_content_is_share_of_rubric_weight_met() -> None:
    score = compute_score([], metrics(), rubric(True, False, False, True), CHECKED)
    assert score.components[0].points == 20.0
    assert score.total == 80


def test_word_bounds_penalty_is_five_per_ten_words_capped_at_ten() -> None:
    bounds = WordBounds(min=60, max=120)
    assert (
        compute_score([], metrics(words=50), rubric(True), CHECKED, bounds).components[0].points
        == 35
    )
    assert (
        compute_score([], metrics(words=10), rubric(True), CHECKED, bounds).components[0].points
        == 30
    )


def test_grammar_errors_cost_by_density_per_hundred_words() -> None:
    errors = [finding(Category.GRAMMAR, Severity.ERROR), finding(Category.SPELLING, Severity.ERROR)]
    # 2 errors in 50 words = 4 per 100 words: 30 x (1 - 4/8) = 15
    assert (
        compute_score(errors, metrics(words=50), rubric(True), CHECKED).components[1].points == 15
    )
    # In a 200-word text the same two errors are 1 per 100 words: 30 x (1 - 1/8)
    assert (
        compute_score(errors, metrics(words=200), rubric(True), CHECKED).components[1].points
        == 26.2
    )


def test_warnings_cost_less_than_errors() -> None:
    warning = [finding(Category.GRAMMAR, Severity.WARNING)]
    error = [finding(Category.GRAMMAR, Severity.ERROR)]
    assert (
        compute_score(warning, metrics(), rubric(True), CHECKED).components[1].points
        > compute_score(error, metrics(), rubric(True), CHECKED).components[1].points
    )


def test_errors_make_content_less_legible() -> None:
    many = [finding(Category.GRAMMAR, Severity.ERROR)] * 4  # 8 per 100 words: no correctness
    score = compute_score(many, metrics(words=50), rubric(True, True), CHECKED)
    assert score.components[1].points == 0
    assert score.components[0].points == 20  # 40 x legibility 0.5
    assert score.total < 55


def test_unchecked_grammar_is_provisional_and_says_why() -> None:
    status = GrammarStatus(
        state=GrammarState.NOT_CHECKED, reason=GrammarReason.NO_JAVA, detail="Java not found"
    )
    score = compute_score([], metrics(), rubric(True), status)
    component = score.components[1]
    assert component.points == 30 and "not checked (Java not found)" in component.detail
    assert score.provisional
    assert not compute_score([], metrics(), rubric(True), CHECKED).provisional


def test_a_one_word_answer_scores_at_most_30() -> None:
    score = compute_score([], metrics(words=1), rubric(False, False), CHECKED)
    assert score.total <= 30


def test_an_empty_message_scores_zero() -> None:
    score = compute_score([], metrics(words=0), rubric(False), CHECKED)
    assert score.total == 0
    assert not score.provisional


def test_style_costs_and_rubric_findings_do_not_count_twice() -> None:
    found = [
        finding(Category.TONE, Severity.WARNING),
        finding(Category.STYLE, Severity.SUGGESTION),
        finding(Category.STRUCTURE, Severity.WARNING, source="rubric"),
    ]
    # (0.6 + 0.2) per 50 words = 1.6 per 100 words: 20 x (1 - 1.6/10)
    assert compute_score(found, metrics(), rubric(True), CHECKED).components[2].points == 16.8


def test_readability_below_band() -> None:
    component = compute_score([], metrics(flesch=35, grade=12), rubric(True), CHECKED).components[3]
    assert component.points == 3.0  # 10 - (50-35)/3 - (12-10)


def test_same_input_same_score() -> None:
    args = (
        [finding(Category.TONE, Severity.WARNING)],
        metrics(words=77),
        rubric(True, False),
        CHECKED,
    )
    assert compute_score(*args) == compute_score(*args)


def test_component_details_count_findings_in_agreement() -> None:
    """'1 grammar/spelling finding', '2 ... findings': the detail line agrees with its number."""
    one = [finding(Category.GRAMMAR, Severity.ERROR)]
    two = one + [
        finding(Category.STYLE, Severity.WARNING),
        finding(Category.STYLE, Severity.SUGGESTION),
    ]
    score = compute_score(two, metrics(words=50), rubric(True), CHECKED)
    assert score.components[1].detail == "1 grammar/spelling finding (2.0 per 100 words)"
    assert score.components[2].detail.startswith("2 style, tone and clarity findings (")
