"""The 0-100 score: a fixed, documented formula, so the same text always gets the same score.

    score = content (0-40) + correctness (0-30) + style (0-20) + readability (0-10)

- content: 40 x (weight of rubric elements met / weight of elements expected), minus 5 per 10
  words outside the word bounds (at most 10). Without a scenario (a free draft) content is
  40 when the text has at least one sentence.
- correctness: 30 - 6 per grammar/spelling error - 2 per grammar warning - 0.5 per suggestion,
  counted per 100 words (a long text is not punished for its length: we scale the deduction by
  100 / max(100, words)). When grammar was not checked the component is left at 30 and its detail
  says so: the learner sees the score is partial.
- style: 20 - 3 per style/tone/clarity/structure error, 1.5 per warning, 0.5 per suggestion,
  scaled the same way.
- readability: 10 when inside the audience's band; minus 1 per Flesch point below the band's
  minimum / 3, and minus 1 per grade above its maximum.
Each component is clamped to [0, max]; the total is rounded half up.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from commcoach.feedback.report import (
    Category,
    Finding,
    GrammarStatus,
    Metrics,
    RubricResult,
    Score,
    ScoreComponent,
    Severity,
)
from commcoach.models import WordBounds

CONTENT_MAX = 40.0
CORRECTNESS_MAX = 30.0
STYLE_MAX = 20.0
READABILITY_MAX = 10.0

_GRAMMAR = {Category.GRAMMAR, Category.SPELLING}
_CORRECTNESS_COST = {Severity.ERROR: 6.0, Severity.WARNING: 2.0, Severity.SUGGESTION: 0.5}
_STYLE_COST = {Severity.ERROR: 3.0, Severity.WARNING: 1.5, Severity.SUGGESTION: 0.5}


def _clamp(value: float, high: float) -> float:
    return max(0.0, min(high, value))


def _scale(words: int) -> float:
    return 100.0 / max(100, words)


def content_component(
    rubric: list[RubricResult], metrics: Metrics, bounds: WordBounds | None
) -> ScoreComponent:
    """Rubric coverage, with a small deduction for answers far too short or long."""
    if not rubric:
        points = CONTENT_MAX if metrics.words else 0.0
        return ScoreComponent(
            name="content",
            points=points,
            max_points=CONTENT_MAX,
            detail="No scenario rubric: full marks for a non-empty message.",
        )
    total = sum(r.weight for r in rubric)
    met = sum(r.weight for r in rubric if r.met)
    points = CONTENT_MAX * met / total
    detail = f"{sum(r.met for r in rubric)} of {len(rubric)} rubric elements met"
    if bounds is not None:
        outside = max(bounds.min - metrics.words, metrics.words - bounds.max, 0)
        if outside:
            penalty = min(10.0, 5.0 * (outside / 10))
            points -= penalty
            detail += f"; {outside} words outside {bounds.min}-{bounds.max} (-{penalty:g})"
    return ScoreComponent(
        name="content", points=_clamp(points, CONTENT_MAX), max_points=CONTENT_MAX, detail=detail
    )


def _cost(findings: list[Finding], costs: dict[Severity, float], words: int) -> float:
    return sum(costs[f.severity] for f in findings) * _scale(words)


def correctness_component(
    findings: list[Finding], grammar: GrammarStatus, words: int
) -> ScoreComponent:
    """Grammar and spelling findings per 100 words."""
    relevant = [f for f in findings if f.category in _GRAMMAR]
    if not grammar.checked:
        return ScoreComponent(
            name="correctness",
            points=CORRECTNESS_MAX,
            max_points=CORRECTNESS_MAX,
            detail=f"Grammar not checked ({grammar.detail or grammar.reason}); not scored.",
        )
    points = CORRECTNESS_MAX - _cost(relevant, _CORRECTNESS_COST, words)
    return ScoreComponent(
        name="correctness",
        points=_clamp(points, CORRECTNESS_MAX),
        max_points=CORRECTNESS_MAX,
        detail=f"{len(relevant)} grammar/spelling findings",
    )


def style_component(findings: list[Finding], words: int) -> ScoreComponent:
    """Style, tone, clarity and structure findings (not rubric misses: content covers those)."""
    relevant = [
        f
        for f in findings
        if f.category not in _GRAMMAR
        and f.source != "rubric"
        and f.category != Category.READABILITY
    ]
    points = STYLE_MAX - _cost(relevant, _STYLE_COST, words)
    return ScoreComponent(
        name="style",
        points=_clamp(points, STYLE_MAX),
        max_points=STYLE_MAX,
        detail=f"{len(relevant)} style, tone and clarity findings",
    )


def readability_component(metrics: Metrics) -> ScoreComponent:
    """Distance from the audience's readability band."""
    band = metrics.band
    if not metrics.words:
        return ScoreComponent(
            name="readability", points=0.0, max_points=READABILITY_MAX, detail="Empty message"
        )
    below = max(0.0, band.flesch_min - metrics.flesch_reading_ease) / 3
    above = max(0.0, metrics.flesch_kincaid_grade - band.grade_max)
    points = READABILITY_MAX - below - above
    detail = (
        f"Flesch {metrics.flesch_reading_ease:g} (target >= {band.flesch_min:g}), "
        f"grade {metrics.flesch_kincaid_grade:g} (target <= {band.grade_max:g})"
    )
    return ScoreComponent(
        name="readability",
        points=_clamp(points, READABILITY_MAX),
        max_points=READABILITY_MAX,
        detail=detail,
    )


def compute_score(
    findings: list[Finding],
    metrics: Metrics,
    rubric: list[RubricResult],
    grammar: GrammarStatus,
    bounds: WordBounds | None = None,
) -> Score:
    """The total and its four components."""
    components = [
        content_component(rubric, metrics, bounds),
        correctness_component(findings, grammar, metrics.words),
        style_component(findings, metrics.words),
        readability_component(metrics),
    ]
    raw = sum(c.points for c in components)
    total = int(Decimal(str(raw)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    rounded = [c.model_copy(update={"points": round(c.points, 1)}) for c in components]
    return Score(total=max(0, min(100, total)), components=rounded)
