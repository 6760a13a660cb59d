"""What the history stores and answers: attempts, filters and the stats the UI shows.

An attempt keeps the full Report (as JSON) plus the settings that shaped it, so an old attempt
can be shown exactly as it was scored. Timestamps are always UTC-aware; the UI converts to local
time for display.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from commcoach.feedback.report import Report

if TYPE_CHECKING:  # only a type here: importing scenarios pulls in the detectors
    from commcoach.models import Scenario


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def new_uid() -> str:
    """A random 32-hex id: the identity of an attempt across exports and imports."""
    return uuid.uuid4().hex


def scenario_hash(scenario: Scenario) -> str:
    """A short digest of a scenario's content, to tell attempts at an edited scenario apart."""
    payload = scenario.model_dump_json(by_alias=True).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:16]


class AttemptRecord(_Model):
    """One saved answer (or draft) with its Report and the settings that produced it."""

    uid: str = Field(default_factory=new_uid, pattern=r"^[0-9a-f]{32}$")
    """Stable identity: importing an export twice does not duplicate anything."""
    created_at: AwareDatetime
    """When the attempt was submitted (stored in UTC)."""
    scenario_id: str | None = None
    """The scenario answered; None for free drafts."""
    scenario_hash: str | None = None
    """`scenario_hash(scenario)` at the time: the scenario may be edited later."""
    category: str | None = None
    """The scenario's category (standup, status-report, ...); None for free drafts."""
    turn_id: str | None = None
    text: str
    report: Report
    grammar_backend: str = "off"
    """local, remote, public or off: what checked grammar for this report."""
    variant: str = "en-US"
    mother_tongue: str = ""
    seconds_spent: float = Field(default=0.0, ge=0)
    """Time from opening the composer (or starting the check) to submitting."""
    is_draft: bool = False
    """True for the Draft screen and `commcoach check --save`."""
    title: str = ""
    """A draft's name (file name or first words); empty for scenario answers."""

    @field_validator("created_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return value.astimezone(UTC)

    @model_validator(mode="after")
    def _text_matches_report(self) -> AttemptRecord:
        if self.report.text != self.text:
            raise ValueError("text differs from report.text")
        return self

    @property
    def score(self) -> int:
        """The 0-100 score of the report."""
        return self.report.score.total


class StoredAttempt(AttemptRecord):
    """An attempt read back from the database, with its local row id."""

    id: int


class AttemptSummary(_Model):
    """One row of the history list: enough to show, filter and open an attempt."""

    id: int
    uid: str
    created_at: datetime
    scenario_id: str | None
    category: str | None
    turn_id: str | None
    title: str
    is_draft: bool
    score: int
    words: int
    findings: int
    """How many findings the report has."""
    grammar_checked: bool
    preview: str
    """The first characters of the text, on one line."""


class AttemptFilters(_Model):
    """Which attempts a page shows; every field narrows the list, None means any."""

    scenario_id: str | None = None
    category: str | None = None
    since: AwareDatetime | None = None
    """Inclusive lower bound on created_at."""
    until: AwareDatetime | None = None
    """Exclusive upper bound on created_at."""
    min_score: int | None = Field(default=None, ge=0, le=100)
    max_score: int | None = Field(default=None, ge=0, le=100)
    search: str | None = None
    """Words that must all occur in the text or title (prefix match per word)."""
    drafts: bool | None = None
    """True: drafts only; False: scenario answers only; None: both."""


class AttemptPage(_Model):
    """A page of the list, newest first, with the total number of matches."""

    items: list[AttemptSummary]
    total: int
    limit: int
    offset: int


class ScenarioScores(_Model):
    """Best and last score for one scenario (drafts excluded)."""

    scenario_id: str
    category: str | None
    attempts: int
    best_score: int
    last_score: int
    last_at: datetime
    last_hash: str | None


class WeeklyScore(_Model):
    """Scores in one category during one week (Monday-based)."""

    category: str
    week_start: date
    attempts: int
    mean_score: float
    best_score: int


class RuleCount(_Model):
    """How often a rule fired over a period."""

    rule_id: str
    category: str
    """The finding category (grammar, style, ...), not the scenario category."""
    findings: int
    attempts: int
    """Distinct attempts it fired in."""


class PractiseItem(_Model):
    """A suggestion for what to practise next, with a reason the learner can read."""

    kind: Literal["scenario", "rule"]
    key: str
    """A scenario id or a rule id."""
    category: str | None
    priority: float
    """Higher first; only for ordering."""
    reason: str
