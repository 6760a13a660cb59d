"""Text helpers shared by the detectors and the feedback channels.

Sentence splitting and protected text have one definition, in commcoach.language.segment, read
through the cached Document (commcoach.language.parse); the names here are kept for the callers
that only need a list. Word counting and line/column conversion live here.
"""

from __future__ import annotations

import re

from commcoach.language.document import parse
from commcoach.language.spans import Span

__all__ = [
    "Span",
    "count_words",
    "is_protected",
    "line_col",
    "protected_spans",
    "split_sentences",
    "words",
]


def split_sentences(text: str) -> list[Span]:
    """Sentence spans in `text`, trimmed of surrounding whitespace, never empty (cached)."""
    return list(parse(text).sentences)


def protected_spans(text: str) -> list[Span]:
    """Spans no grammar or spelling rule may flag: code, URLs, paths, ids, emoji."""
    return list(parse(text).not_words)


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


Fix = tuple[int, int, str]
"""(start, end, replacement) in a text."""


def apply_fixes(text: str, window: Span, own: Fix, others: list[Fix]) -> str:
    """The text in `window` with `own` applied and every other fix inside the window that
    overlaps neither `own` nor an earlier fix: a sentence shown with all its fixes in."""

    def clashes(a: Fix, b: Fix) -> bool:
        return a[:2] == b[:2] or (a[0] < b[1] and b[0] < a[1])

    inside = [
        f for f in others if window.start <= f[0] and f[1] <= window.end and not clashes(f, own)
    ]
    out, at = [], window.start
    for start, end, replacement in sorted([own, *inside]):
        if start < at:
            continue
        out += [text[at:start], replacement]
        at = end
    return "".join(out) + text[at : window.end]
