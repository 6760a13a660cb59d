"""Cross-screen messages (a widget's own messages are nested in its class).

The app runs the full check and the history saves in its own workers, because they must
survive the screen that asked for them (a learner may go on before LanguageTool answers, and
a save must finish even when its screen is gone). The results reach every screen in the stack
as non-bubbling messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from textual.message import Message

from commcoach.feedback.report import Report
from commcoach.models import RubricElement, Scenario


@dataclass(frozen=True)
class CheckRequest:
    """A submitted message: what to check and how to file it in the history."""

    id: int
    kind: Literal["practice", "draft"]
    text: str
    started_at: datetime
    """When writing started: the attempt's `seconds_spent` is measured from here."""
    scenario: Scenario | None = None
    turn_id: str | None = None
    elements: list[RubricElement] | None = None
    """A follow-up's expected elements (None: the turn's)."""
    title: str = ""
    """A draft's title (template and date)."""
    save: bool = True
    """False for a re-check that should not become a new attempt."""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class CheckRequested(Message):
    """A screen asks the app to check (and save) a message; bubbles up to the app."""

    request: CheckRequest


@dataclass
class FeedbackReady(Message, bubble=False):
    """Feedback for a request: first the fast local channels, then (final) with grammar."""

    request: CheckRequest
    report: Report
    final: bool


@dataclass
class GrammarProgress(Message, bubble=False):
    """How much of a request's text LanguageTool has checked (sent only after a second)."""

    request_id: int
    done: int
    total: int
    """Characters checked so far, of all characters sent."""


@dataclass
class AttemptSaved(Message, bubble=False):
    """An attempt reached the history database."""

    request_id: int
    attempt_id: int


@dataclass
class SaveFailed(Message, bubble=False):
    """An attempt could not be saved; it is kept in memory for a retry or an export."""

    request_id: int
    problem: str


@dataclass
class SettingsChanged(Message, bubble=False):
    """Settings were saved; screens re-read what they show (live feedback, theme)."""


@dataclass
class LibraryLoaded(Message, bubble=False):
    """The scenario library finished loading (it loads after the first frame)."""
