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


def apply_fixes(text: str, lo: int, hi: int, fixes: list[tuple[int, int, str]]) -> str:
    """text[lo:hi] with each (start, end, replacement) applied; a fix that overlaps an earlier
    one, or falls outside lo..hi, is skipped. Used to show a sentence with all its fixes in."""
    out, at = [], lo
    for start, end, replacement in sorted(fixes):
        if start < at or end > hi:
            continue
        out += [text[at:start], replacement]
        at = end
    return "".join(out) + text[at:hi]
