"""Split a draft into independently checkable chunks, and remember LanguageTool's answers.

Learners revise: after a one-word edit only the edited paragraph should go back to the server.
A chunk is a paragraph (blocks separated by blank lines); a paragraph longer than
`LONG_PARAGRAPH` characters is split into its sentences, so that an edit in a wall of text still
re-sends one sentence. The price is that rules spanning sentences of a long paragraph (rare in
LanguageTool's English rules) do not see their neighbours.

Uncached chunks are joined with blank lines into one request per batch; matches are mapped back
to their chunk, and matches that straddle two chunks are dropped (they only happen at our seams).
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

_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of the draft: `text == draft[start:start + len(text)]`."""

    start: int
    text: str

    @property
    def end(self) -> int:
        """Index just after the chunk in the draft."""
        return self.start + len(self.text)


def split_chunks(text: str, long_paragraph: int = LONG_PARAGRAPH) -> list[Chunk]:
    """Paragraphs (and the sentences of long ones), trimmed, in order, never empty."""
    chunks: list[Chunk] = []
    position = 0
    for match in [*_BLANK_LINES.finditer(text), None]:
        end = match.start() if match else len(text)
        _add_paragraph(text, position, end, long_paragraph, chunks)
        if match:
            position = match.end()
    return chunks


def _add_paragraph(text: str, start: int, end: int, long_paragraph: int, out: list[Chunk]) -> None:
    block = text[start:end]
    stripped = block.strip()
    if not stripped:
        return
    offset = start + len(block) - len(block.lstrip())
    if len(stripped) <= long_paragraph:
        out.append(Chunk(offset, stripped))
        return
    for span in split_sentences(stripped):
        out.append(Chunk(offset + span.start, stripped[span.start : span.end]))


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
