"""The one sentence splitter and the one definition of protected text.

Sentence splitting is ours (not textstat's regex, which breaks on abbreviations, decimals and
version numbers: textstat#218), and so is the list of spans that must never be flagged
(code, URLs, paths, file names, identifiers, @mentions, ticket ids, emoji), because developers'
text is full of them. Every channel reads both through `commcoach.language.document.parse`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from commcoach.language.spans import Span

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


def split_sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans in `text`, trimmed of surrounding whitespace, never empty.

    Lines of a bulleted list count as sentences of their own: learners write stand-ups as bullets.
    Not cached here: the document (parse) is the one cache.
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


_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d"  # pictographs, dingbats, ZWJ
_PROTECTED_KINDS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (triggers, re.compile(pattern, re.DOTALL))
    for triggers, pattern in [
        (("`",), r"```.*?```|`[^`\n]+`"),  # fenced and inline code
        (
            ("://", "www."),
            r"""\b(?:https?|ftp)://[^\s<>"')\]]*[^\s<>"')\].,;:!?]|\bwww\.[^\s<>"')\]]*[^\s<>"')\].,;:!?]""",
        ),  # URLs
        (("@",), r"(?<![\w@])@[A-Za-z0-9_][\w.-]*"),  # @mentions
        (("-",), r"\b[A-Z][A-Z0-9]+-\d+\b"),  # ticket ids: PAY-231, OPS-7
        (("#",), r"(?<!\w)\#\d+\b"),  # issue / PR numbers: #482
        (
            ("/",),  # paths: /etc/hosts, ./src/app.py, ~/x/y, src/app.py
            r"(?:~|\.{1,2})?/[\w.@-]+(?:/[\w.@-]+)+|\b[\w-]+(?:/[\w.-]+)+\.[A-Za-z0-9]{1,5}\b",
        ),
        (
            (".",),  # file names: app2.py, docker-compose.yml
            r"\b[\w-]+\.(?:py|js|ts|tsx|jsx|go|rs|java|kt|md|yml|yaml|json|toml|sql|sh|cfg|ini"
            r"|txt|lock|tf|html|css|c|h|cpp|rb|php|xml|csv|env)\b",
        ),
        (("_",), r"\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b"),  # identifiers: retry_count_3
        ((), r"\b[a-z]+(?:[A-Z][a-z0-9]+)+\b"),  # camelCase
        ((), r"\b[a-f0-9]{7,40}\b(?=[^\w]|$)"),  # commit hashes
    ]
)
"""Kinds of text never flagged, each with the characters it needs: a kind whose trigger is
absent from the text is not searched at all (one big alternation cost ~2 us per character)."""
_HEX_WORD = re.compile(r"[a-f]+")
_EMOJI_RUN = re.compile(rf"[{_EMOJI}]+")


def emoji_spans(text: str) -> tuple[Span, ...]:
    """Runs of emoji: never a spelling or grammar error, but a tone rule may still read them
    (an emoji in a formal email is worth a word)."""
    if text.isascii():
        return ()
    return tuple(Span(m.start(), m.end()) for m in _EMOJI_RUN.finditer(text))


def protected_spans(text: str) -> tuple[Span, ...]:
    """Spans that no grammar, spelling, style or rubric rule may read as prose, in order
    (emoji are separate: emoji_spans)."""
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


@lru_cache(maxsize=16)
def lines(text: str) -> tuple[Span, ...]:
    """Non-empty lines of `text`, trimmed: a block of text with no line break in it (read by
    the style rules and the sign-off detector)."""
    spans: list[Span] = []
    start = 0
    for piece in text.split("\n"):
        stripped = piece.strip()
        if stripped:
            lead = start + len(piece) - len(piece.lstrip())
            spans.append(Span(lead, lead + len(stripped)))
        start += len(piece) + 1
    return tuple(spans)
