"""The grammar channel's face, light enough to import when grammar is off.

`make_grammar_checker` imports the LanguageTool client (requests, the server modules) only for
a backend that needs it: `commcoach check --grammar off` and the app with grammar off never pay
for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from commcoach.config import GrammarBackend, Settings
from commcoach.feedback.report import Finding, GrammarReason, GrammarState, GrammarStatus

Progress = Callable[[int, int], None]
"""progress(characters checked, characters to check): called after each request."""


class GrammarChecker(Protocol):
    """What the feedback engine and the TUI need from the grammar channel."""

    def check(
        self, text: str, *, progress: Progress | None = None
    ) -> tuple[list[Finding], GrammarStatus]:
        """Findings for `text` and whether LanguageTool looked at it. Never raises."""
        ...

    def status(self) -> GrammarStatus:
        """The channel's current state, without checking anything."""
        ...

    def start(self) -> None:
        """Begin starting the backend in the background (non-blocking)."""
        ...

    def close(self) -> None:
        """Release the backend (stops a local server)."""
        ...


class OffChecker:
    """backend = off: grammar is not checked, and the status says why."""

    _STATUS = GrammarStatus(
        state=GrammarState.NOT_CHECKED,
        reason=GrammarReason.OFF,
        detail="grammar and spelling checks are off (settings: grammar.backend)",
        backend="off",
    )

    def check(
        self, text: str, *, progress: Progress | None = None
    ) -> tuple[list[Finding], GrammarStatus]:
        """No findings, OFF status."""
        return [], self._STATUS

    def status(self) -> GrammarStatus:
        """Always OFF."""
        return self._STATUS

    def reconfigure(self, settings: Settings) -> None:
        """Nothing to change: grammar is off."""

    def start(self) -> None:
        """Nothing to start."""

    def close(self) -> None:
        """Nothing to stop."""


def make_grammar_checker(settings: Settings, **options: float) -> GrammarChecker:
    """The checker for `settings.grammar.backend`; starts nothing until used or `start()`ed."""
    if settings.grammar.backend is GrammarBackend.OFF:
        return OffChecker()
    from commcoach.feedback.grammar import checker

    return checker.make_grammar_checker(settings, **options)
