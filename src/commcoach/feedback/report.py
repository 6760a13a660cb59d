"""The Report: everything commcoach says about one message, as one pydantic model.

It is what `commcoach check --format json` prints, what the history stores, and what the TUI
renders. Spans are Python string indices (`text[start:end]` is the flagged text), never UTF-16.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Category(StrEnum):
    """What kind of problem a finding is about."""

    GRAMMAR = "grammar"
    SPELLING = "spelling"
    STYLE = "style"
    CLARITY = "clarity"
    TONE = "tone"
    STRUCTURE = "structure"
    READABILITY = "readability"


class Severity(StrEnum):
    """How much a finding matters; only `error` makes `commcoach check` exit 1."""

    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for suggestion, 1 warning, 2 error: for sorting and thresholds."""
        return {"suggestion": 0, "warning": 1, "error": 2}[self.value]


class Explanation(_Model):
    """Why a finding matters at work, with a weak and a better example."""

    why: str
    weak: str = ""
    better: str = ""


class Finding(_Model):
    """One point of feedback tied to a span of the text."""

    rule_id: str
    """Stable id: `grammar.HE_VERB_AGR`, `spelling.MORFOLOGIK_RULE_EN_US`, `style.hedging`, ..."""
    category: Category
    severity: Severity
    message: str
    """One line: what is wrong here."""
    explanation: Explanation
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    suggestions: list[str] = Field(default_factory=list)
    """Replacements for text[start:end], best first."""
    source: str = ""
    """Which channel produced it: languagetool, style, readability, rubric."""


class TargetBand(_Model):
    """The readability an audience expects."""

    flesch_min: float
    grade_max: float
    words_min: int | None = None
    words_max: int | None = None


class Metrics(_Model):
    """Counts and readability formulas (textstat, with our sentence split)."""

    words: int
    sentences: int
    avg_sentence_words: float
    flesch_reading_ease: float
    """0-100+; higher is easier. Workplace messages do well above 50."""
    flesch_kincaid_grade: float
    """US school grade needed to follow the text."""
    gunning_fog: float
    """Years of schooling; weighs words of three syllables or more."""
    reading_time_seconds: float
    band: TargetBand
    in_band: bool


class RubricResult(_Model):
    """One rubric element of the scenario turn: met (with evidence) or missed."""

    element_id: str
    label: str
    met: bool
    explanation: str
    hint: str = ""
    weight: float = 1.0
    evidence_start: int | None = None
    evidence_end: int | None = None


class GrammarState(StrEnum):
    """Whether LanguageTool looked at the text."""

    CHECKED = "checked"
    NOT_CHECKED = "not_checked"
    PARTIAL = "partial"
    """Part of a long text was checked before the time ran out; its findings are included and
    `detail` says "partially checked (N of M paragraphs)" and why."""


class GrammarReason(StrEnum):
    """Why grammar was not checked."""

    OFF = "off"
    DEFERRED = "deferred"
    """Live preview while typing: grammar runs when the answer is submitted."""
    NO_JAVA = "no_java"
    NOT_INSTALLED = "not_installed"
    STARTING = "starting"
    SERVER_DOWN = "server_down"
    TIMED_OUT = "timed_out"
    BAD_RESPONSE = "bad_response"


class GrammarStatus(_Model):
    """The grammar channel's outcome for this text."""

    state: GrammarState
    reason: GrammarReason | None = None
    detail: str = ""
    """Human-readable: 'Java not found on PATH: install Java 17+ (see README).'"""
    backend: str = "off"
    server: str = ""

    @property
    def checked(self) -> bool:
        """True when LanguageTool's findings are included."""
        return self.state is GrammarState.CHECKED


class ScoreComponent(_Model):
    """One part of the 0-100 score."""

    name: str
    points: float
    max_points: float
    detail: str


class Score(_Model):
    """The 0-100 score and how it was reached (see feedback/score.py for the formula)."""

    total: int = Field(ge=0, le=100)
    components: list[ScoreComponent]
    provisional: bool = False
    """True while grammar and spelling are not checked: the total may still go down."""


class Report(_Model):
    """All feedback on one message."""

    text: str
    findings: list[Finding]
    metrics: Metrics
    rubric: list[RubricResult]
    score: Score
    grammar: GrammarStatus
    scenario_id: str | None = None
    turn_id: str | None = None

    @property
    def has_errors(self) -> bool:
        """True when any finding is an error (exit code 1 for `commcoach check`)."""
        return any(f.severity is Severity.ERROR for f in self.findings)
