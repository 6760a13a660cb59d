"""Spans: half-open ranges of string indices, the currency of every channel's findings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of Python string indices `[start, end)` into a text."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        """True when the two ranges share at least one character."""
        return self.start < other.end and other.start < self.end
