"""What a style rule knows about the message besides its text, and shared text views.

`StyleContext` is what the feedback engine passes in (register and audience of the scenario,
the sentence-length limit of that audience, disabled rule ids). The cached views below
(sentences and protected spans from the document, lines) are computed once per text however
many rules ask:
local feedback runs on every keystroke burst, so 50+ rules must not each re-split the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from commcoach.language.document import parse
from commcoach.language.spans import Span
from commcoach.text import count_words


@dataclass(frozen=True)
class StyleContext:
    """Who the message is for; rules scoped with `when:` look at register and audience."""

    register: str | None = None
    """formal, neutral, casual, or None when there is no scenario (free practice, `check`)."""
    audience: str | None = None
    """manager, teammate, client, HR, recruiter, mentor, or None."""
    max_sentence_words: int = 25
    """The long-sentence limit for this audience (metric rules with `max_from`)."""
    disabled: frozenset[str] = frozenset()
    """Rule ids or dotted prefixes (`style.hedging`, `tone`) that must not run."""
    picky: bool = False
    """Run the rules marked `picky: true` too (settings: grammar.picky)."""


def sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans of `text`, from its document (parsed once for every channel)."""
    return parse(text).sentences


def protected(text: str) -> tuple[Span, ...]:
    """Spans no style rule may flag (code, URLs, paths, ids, camelCase...), from the document."""
    return parse(text).protected


def words_outside_protected(text: str, span: Span) -> int:
    """Words a reader counts in `text[span]`, not counting code, URLs and paths."""
    pieces: list[str] = []
    cursor = span.start
    for p in protected(text):
        if p.end <= span.start or p.start >= span.end:
            continue
        pieces.append(text[cursor : max(cursor, p.start)])
        cursor = max(cursor, p.end)
    pieces.append(text[cursor : span.end])
    return sum(count_words(piece) for piece in pieces) + sum(
        1 for p in protected(text) if p.start >= span.start and p.end <= span.end
    )


def overlaps_protected(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` shares a character with a protected span."""
    return any(p.start < end and start < p.end for p in protected(text))


def inside_protected(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` lies wholly inside one protected span."""
    return any(p.start <= start and end <= p.end for p in protected(text))


def sentence_at(text: str, index: int) -> Span:
    """The sentence holding `index` (the whole text when none does)."""
    return parse(text).sentence_at(index) or Span(0, len(text))
