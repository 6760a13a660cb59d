"""The 0-100 score: a fixed, documented formula, so the same text always gets the same score.

    score = content (0-40) + correctness (0-30) + style (0-20) + readability (0-10)

Density: findings are counted per 100 words, weighted by severity (error 1, warning 0.6,
suggestion 0.2), over max(words, 25) words, so a long text is not punished for its length and a
short one is not let off for its shortness.

- correctness: 30 x (1 - grammar/spelling density / 8), at least 0: every weighted error per
  100 words costs 3.75 points, and 8 of them leave nothing.
- style: 20 x (1 - style/tone/clarity/structure density / 10), at least 0 (rubric misses are
  not counted here: content covers them).
- readability: 10 when inside the audience's band; minus 1 per Flesch point below the band's
  minimum / 3, and minus 1 per grade above its maximum.
- content: 40 x (weight of rubric elements met / weight expected), minus 5 per 10 words outside
  the word bounds (at most 10), then times the *legibility* 0.5 + 0.5 x correctness / 30: content
  counts as far as a reader can read it, so a garbled message cannot score on content alone.
  Without a scenario (a free draft) content is 40 x legibility for a message with a sentence.
- substance: a message of fewer than 15 words has its correctness, style and readability points
  scaled by words / 15 ('ok' shows no command of English to score), and an empty message scores 0.

When grammar was not checked (live preview, LanguageTool starting, down or off), correctness is
left at 30, legibility at 1, and the score is *provisional*: `Score.provisional` is true and every
screen says so. Each component is clamped to [0, max]; the total is rounded half up.
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
from commcoach.plural import plural

CONTENT_MAX = 40.0
CORRECTNESS_MAX = 30.0
STYLE_MAX = 20.0
READABILITY_MAX = 10.0

SEVERITY_WEIGHT = {Severity.ERROR: 1.0, Severity.WARNING: 0.6, Severity.SUGGESTION: 0.2}
"""How much one finding of each severity counts towards a density."""
DENSITY_WORDS_MIN = 25
"""Densities are per max(words, this) words."""
CORRECTNESS_ZERO_DENSITY = 8.0
"""Weighted grammar/spelling findings per 100 words that leave no correctness points."""
STYLE_ZERO_DENSITY = 10.0
"""Weighted style findings per 100 words that leave no style points."""
SUBSTANCE_WORDS = 15
"""Below this many words, correctness, style and readability are scaled by words / this."""

_GRAMMAR = {Category.GRAMMAR, Category.SPELLING}


def _findings_detail(count: int, kind: str, rate: float) -> str:
    """'1 grammar/spelling finding (1.4 per 100 words)': the count agrees with its noun."""
    return f"{count} {kind} {plural('finding', count)} ({rate:.1f} per 100 words)"


def _clamp(value: float, high: float) -> float:
    return max(0.0, min(high, value))


def density(findings: list[Finding], words: int) -> float:
    """Severity-weighted findings per 100 words (over at least DENSITY_WORDS_MIN words)."""
    weighted = sum(SEVERITY_WEIGHT[f.severity] for f in findings)
    return 100.0 * weighted / max(words, DENSITY_WORDS_MIN)


def substance(words: int) -> float:
    """The share of correctness, style and readability points a message this long can earn."""
    return min(1.0, words / SUBSTANCE_WORDS)


def legibility(findings: list[Finding], grammar: GrammarStatus, words: int) -> float:
    """How much of the content a reader can take in: 0.5 + 0.5 x correctness share.

    The share is correctness before the substance scaling: a short, correct answer is legible.
    """
    if not grammar.checked:
        return 1.0
    rate = density([f for f in findings if f.category in _GRAMMAR], words)
    return 0.5 + 0.5 * _clamp(1 - rate / CORRECTNESS_ZERO_DENSITY, 1.0)


def content_component(
    rubric: list[RubricResult],
    metrics: Metrics,
    bounds: WordBounds | None,
    readable: float = 1.0,
) -> ScoreComponent:
    """Rubric coverage, a deduction for answers far too short or long, times legibility."""
    legible = "" if readable >= 1.0 else f"; x{readable:.2f} legibility"
    if not metrics.words:
        return ScoreComponent(
            name="content", points=0.0, max_points=CONTENT_MAX, detail="Empty message"
        )
    if not rubric:
        return ScoreComponent(
            name="content",
            points=_clamp(CONTENT_MAX * readable, CONTENT_MAX),
            max_points=CONTENT_MAX,
            detail="No scenario rubric: full marks for a non-empty message" + legible,
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
        name="content",
        points=_clamp(points * readable, CONTENT_MAX),
        max_points=CONTENT_MAX,
        detail=detail + legible,
    )


def correctness_component(
    findings: list[Finding], grammar: GrammarStatus, words: int
) -> ScoreComponent:
    """Grammar and spelling findings per 100 words, by severity."""
    relevant = [f for f in findings if f.category in _GRAMMAR]
    if not grammar.checked:
        return ScoreComponent(
            name="correctness",
            points=CORRECTNESS_MAX * substance(words),
            max_points=CORRECTNESS_MAX,
            detail=f"Grammar not checked ({grammar.detail or grammar.reason}); provisional.",
        )
    rate = density(relevant, words)
    points = CORRECTNESS_MAX * (1 - rate / CORRECTNESS_ZERO_DENSITY) * substance(words)
    return ScoreComponent(
        name="correctness",
        points=_clamp(points, CORRECTNESS_MAX),
        max_points=CORRECTNESS_MAX,
        detail=_findings_detail(len(relevant), "grammar/spelling", rate),
    )


def style_component(findings: list[Finding], words: int) -> ScoreComponent:
    """Style, tone, clarity and structure findings per 100 words (not rubric misses)."""
    relevant = [
        f
        for f in findings
        if f.category not in _GRAMMAR
        and f.source != "rubric"
        and f.category != Category.READABILITY
    ]
    rate = density(relevant, words)
    points = STYLE_MAX * (1 - rate / STYLE_ZERO_DENSITY) * substance(words)
    return ScoreComponent(
        name="style",
        points=_clamp(points, STYLE_MAX),
        max_points=STYLE_MAX,
        detail=_findings_detail(len(relevant), "style, tone and clarity", rate),
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
    points = (READABILITY_MAX - below - above) * substance(metrics.words)
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
    """The total and its four components (provisional while grammar is not checked)."""
    correctness = correctness_component(findings, grammar, metrics.words)
    if not metrics.words:
        correctness = correctness.model_copy(update={"points": 0.0, "detail": "Empty message"})
    components = [
        content_component(rubric, metrics, bounds, legibility(findings, grammar, metrics.words)),
        correctness,
        style_component(findings, metrics.words),
        readability_component(metrics),
    ]
    raw = sum(c.points for c in components)
    total = int(Decimal(str(raw)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    rounded = [c.model_copy(update={"points": round(c.points, 1)}) for c in components]
    return Score(
        total=max(0, min(100, total)),
        components=rounded,
        provisional=not grammar.checked and metrics.words > 0,
    )
