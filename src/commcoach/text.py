"""Text helpers shared by the detectors and the feedback channels.

Sentence splitting is ours (not textstat's regex, which breaks on abbreviations, decimals and
version numbers: textstat#218), and so is the list of spans that must never be flagged
(code, URLs, paths, @mentions, ticket ids), because developers' text is full of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of Python string indices `[start, end)` into a text."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        """True when the two ranges share at least one character."""
        return self.start < other.end and other.start < self.end


_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "vs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "approx",
        "incl",
        "dept",
        "est",
        "fig",
        "no",
        "eg",
        "ie",
        "cf",
        "al",
        "st",
    ]
)

# A sentence ends at . ! ? (or a run of them) followed by space + a likely sentence start,
# or at a blank line / line break that starts a bullet.
_BOUNDARY = re.compile(
    r"([.!?]+)([\"')\]]*)(\s+)(?=[\"'(\[]?[\w@`*\-•])|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_sentences(text: str) -> list[Span]:
    """Sentence spans in `text`, trimmed of surrounding whitespace, never empty.

    Cached per text (the rubric, style and readability channels all split the same message).
    """
    return list(_split_sentences(text))


@lru_cache(maxsize=32)
def _split_sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans (see split_sentences).

    Lines of a bulleted list count as sentences of their own: learners write stand-ups as bullets.
    """
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(1):
            # Look back a bounded window (searching from 0 made splitting quadratic); a word
            # longer than the window is never an abbreviation, so nothing is lost.
            before = _WORD_BEFORE.search(text, max(0, match.start(1) - 64), match.start(1))
            word = before.group(1).lower().rstrip(".") if before else ""
            if match.group(1) == "." and (word in _ABBREVIATIONS or len(word) == 1):
                continue
            end = match.end(2)
        else:
            end = match.start()
        _append_trimmed(text, start, end, spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return tuple(spans)


def _append_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        offset = start + (len(chunk) - len(chunk.lstrip()))
        spans.append(Span(offset, offset + len(stripped)))


_PROTECTED_KINDS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (triggers, re.compile(pattern, re.DOTALL))
    for triggers, pattern in [
        (("`",), r"```.*?```|`[^`\n]+`"),  # fenced and inline code
        (
            ("://", "www."),
            r"""\b(?:https?|ftp)://[^\s<>"')\]]*[^\s<>"')\].,;:!?]|\bwww\.[^\s<>"')\]]*[^\s<>"')\].,;:!?]""",
        ),  # URLs
        (("@",), r"(?<![\w@])@[A-Za-z0-9_][\w.-]*"),  # @mentions
        (("-",), r"\b[A-Z][A-Z0-9]+-\d+\b"),  # ticket ids: JIRA-123, OPS-7
        (("#",), r"(?<!\w)\#\d+\b"),  # issue / PR numbers: #482
        (
            ("/",),  # paths: /etc/hosts, ./src/app.py, ~/x/y, src/app.py
            r"(?:~|\.{1,2})?/[\w.@-]+(?:/[\w.@-]+)+|\b[\w-]+(?:/[\w.-]+)+\.[A-Za-z0-9]{1,5}\b",
        ),
        (
            (".",),  # file names
            r"\b[\w-]+\.(?:py|js|ts|tsx|go|rs|java|kt|md|yml|yaml|json|toml|sql|sh|cfg|ini|txt"
            r"|lock|tf)\b",
        ),
        (("_",), r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b"),  # snake_case
        ((), r"\b[a-z]+(?:[A-Z][a-z0-9]+)+\b"),  # camelCase
        ((), r"\b[a-f0-9]{7,40}\b(?=[^\w]|$)"),  # commit hashes
    ]
)
"""Kinds of text never flagged, each with the characters it needs: a kind whose trigger is
absent from the text is not searched at all (one big alternation cost ~2 us per character)."""
_HEX_WORD = re.compile(r"[a-f]+")


def protected_spans(text: str) -> list[Span]:
    """Spans that no grammar, spelling or style rule may flag: code, URLs, paths, ids."""
    return list(_protected_spans(text))


@lru_cache(maxsize=32)
def _protected_spans(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for triggers, pattern in _PROTECTED_KINDS:
        if triggers and not any(t in text for t in triggers):
            continue
        for match in pattern.finditer(text):
            # A hex-looking plain word ("deadbeef" is fine, "added" is not a hash).
            if _HEX_WORD.fullmatch(match.group(0)):
                continue
            spans.append(Span(match.start(), match.end()))
    spans.sort(key=lambda span: (span.start, span.end))
    return tuple(spans)


def is_protected(span: Span, protected: list[Span]) -> bool:
    """True when `span` overlaps any protected span."""
    return any(span.overlaps(p) for p in protected)


_WORD = re.compile(r"[A-Za-z0-9]+(?:[.'’][A-Za-z0-9]+)*")


def words(text: str) -> list[str]:
    """The words of `text` as count_words counts them."""
    return _WORD.findall(text)


def count_words(text: str) -> int:
    """Words as a reader counts them (contractions are one word)."""
    return len(_WORD.findall(text))


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a string index, for linter-style output."""
    line = text.count("\n", 0, index) + 1
    last_newline = text.rfind("\n", 0, index)
    return line, index - last_newline
