"""Split a draft into independently checkable chunks, and remember LanguageTool's answers.

Learners revise: after a one-word edit only the edited paragraph should go back to the server.
A chunk is a paragraph (blocks separated by blank lines); a paragraph longer than
`LONG_PARAGRAPH` characters is split into its sentences, so that an edit in a wall of text still
re-sends one sentence. The price is that rules spanning sentences of a long paragraph (rare in
LanguageTool's English rules) do not see their neighbours.

Uncached chunks are joined with blank lines into requests of at most `BATCH_CHARS`; matches are
mapped back to their chunk, and matches that straddle two chunks are dropped (they only happen
at our seams).

Long documents: each request gets a deadline that grows with its length, and the whole check a
total budget (`check_budget`), so a 12,000-word document gets the time it needs while a stuck
server still costs a bounded time. Batches are small enough (10,000 characters, a tenth of
the server's `maxTextLength`) that when the budget runs out, what was checked is kept and
reported as "partially checked (N of M paragraphs)".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass

from commcoach.feedback.grammar.client import LtMatch
from commcoach.text import split_sentences

LONG_PARAGRAPH = 1000
"""Paragraphs longer than this (characters) are checked sentence by sentence."""
SEPARATOR = "\n\n"
"""What joins chunks in one request: LanguageTool treats it as a paragraph break."""

BATCH_CHARS = 10_000
"""Characters per request to our own server (a remote public API gets its own, smaller limit)."""
SECONDS_PER_1000_CHARS = 1.0
"""Extra time per 1,000 characters on top of grammar.timeout_seconds. LanguageTool checks
several thousand characters a second on a warm pipeline; this leaves room for a slow machine."""
MAX_BUDGET_SECONDS = 600.0
"""No check, however long the text, waits longer than this in total."""

_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of the draft: `text == draft[start:start + len(text)]`."""

    start: int
    text: str
    paragraph: int = 0
    """Index of the paragraph the chunk belongs to (sentences of a long one share it)."""

    @property
    def end(self) -> int:
        """Index just after the chunk in the draft."""
        return self.start + len(self.text)


def split_chunks(text: str, long_paragraph: int = LONG_PARAGRAPH) -> list[Chunk]:
    """Paragraphs (and the sentences of long ones), trimmed, in order, never empty."""
    chunks: list[Chunk] = []
    position = 0
    paragraph = 0
    for match in [*_BLANK_LINES.finditer(text), None]:
        end = match.start() if match else len(text)
        if _add_paragraph(text, position, end, long_paragraph, paragraph, chunks):
            paragraph += 1
        if match:
            position = match.end()
    return chunks


def _add_paragraph(
    text: str, start: int, end: int, long_paragraph: int, paragraph: int, out: list[Chunk]
) -> bool:
    block = text[start:end]
    stripped = block.strip()
    if not stripped:
        return False
    offset = start + len(block) - len(block.lstrip())
    if len(stripped) <= long_paragraph:
        out.append(Chunk(offset, stripped, paragraph))
        return True
    for span in split_sentences(stripped):
        out.append(Chunk(offset + span.start, stripped[span.start : span.end], paragraph))
    return True


def request_timeout(chars: int, base: float) -> float:
    """Deadline for one request of `chars` characters: the user's timeout plus time per size."""
    return base + chars / 1000 * SECONDS_PER_1000_CHARS


def check_budget(chars: int, base: float) -> float:
    """Total time bound for checking `chars` characters (in any number of requests)."""
    return min(MAX_BUDGET_SECONDS, request_timeout(chars, base))


def paragraphs_done(chunks: list[Chunk], done: set[int]) -> tuple[int, int]:
    """(paragraphs whose every chunk is in `done` (chunk indices), all paragraphs)."""
    incomplete = {c.paragraph for i, c in enumerate(chunks) if i not in done}
    total = len({c.paragraph for c in chunks})
    return total - len(incomplete), total


@dataclass(frozen=True, slots=True)
class Batch:
    """Chunks joined into one request body."""

    chunks: tuple[Chunk, ...]
    text: str
    starts: tuple[int, ...]
    """Where each chunk begins inside `text`."""

    def split(self, matches: list[LtMatch]) -> list[list[LtMatch]]:
        """Matches per chunk, relative to the chunk; seam-straddling matches are dropped."""
        per_chunk: list[list[LtMatch]] = [[] for _ in self.chunks]
        for match in matches:
            which = bisect_right(self.starts, match.start) - 1
            if which < 0:
                continue
            base = self.starts[which]
            if match.end <= base + len(self.chunks[which].text):
                per_chunk[which].append(match.shifted(-base))
        return per_chunk


def make_batches(chunks: list[Chunk], max_chars: int) -> list[Batch]:
    """Group chunks into request bodies of at most `max_chars` (a lone huge chunk still goes)."""
    batches: list[Batch] = []
    group: list[Chunk] = []
    size = 0
    for chunk in chunks:
        extra = len(chunk.text) + (len(SEPARATOR) if group else 0)
        if group and size + extra > max_chars:
            batches.append(_batch(group))
            group, size = [], 0
            extra = len(chunk.text)
        group.append(chunk)
        size += extra
    if group:
        batches.append(_batch(group))
    return batches


def _batch(group: list[Chunk]) -> Batch:
    starts = []
    position = 0
    for chunk in group:
        starts.append(position)
        position += len(chunk.text) + len(SEPARATOR)
    return Batch(tuple(group), SEPARATOR.join(c.text for c in group), tuple(starts))


class MatchCache:
    """LRU of LanguageTool matches per (request settings, chunk text)."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._data: OrderedDict[tuple[str, str], tuple[LtMatch, ...]] = OrderedDict()

    def get(self, key: str, text: str) -> tuple[LtMatch, ...] | None:
        """Cached matches (and mark them recently used), or None."""
        found = self._data.get((key, text))
        if found is not None:
            self._data.move_to_end((key, text))
        return found

    def put(self, key: str, text: str, matches: list[LtMatch]) -> None:
        """Remember matches; evict the least recently used entries beyond `size`."""
        self._data[(key, text)] = tuple(matches)
        self._data.move_to_end((key, text))
        while len(self._data) > self.size:
            self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)
