"""Fast literal-phrase matching for `tokens:` and `swap:` lists, without regexes.

Compiling one big alternation regex per phrase list cost most of the rule-loading time (Python
compiles regexes slowly: ~10 ms for 60 phrases). Instead the text is split into word and
punctuation tokens once (cached, shared by every rule) and each rule looks phrases up by their
first token: leftmost-longest, whole words only, any whitespace between tokens, either
apostrophe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


@lru_cache(maxsize=16)
def _words(text: str) -> tuple[list[str], list[str]]:
    """Token texts of `text` (straight apostrophes) exact and lowercased, cached per text."""
    exact = _TOKEN.findall(text.replace("’", "'"))
    return exact, list(map(str.lower, exact))


@lru_cache(maxsize=16)
def _spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens, only computed when a rule needs positions."""
    return [m.span() for m in _TOKEN.finditer(text.replace("’", "'"))]


@lru_cache(maxsize=16)
def token_set(text: str) -> frozenset[str]:
    """The lowercased tokens of `text`: rules whose keywords are all missing are skipped."""
    return frozenset(_words(text)[1])


@lru_cache(maxsize=32)
def _positions(text: str, ignorecase: bool) -> dict[str, list[int]]:
    """Token -> indexes where it occurs, cached per text (shared by all phrase rules)."""
    exact, lowered = _words(text)
    where: dict[str, list[int]] = {}
    for i, token in enumerate(lowered if ignorecase else exact):
        where.setdefault(token, []).append(i)
    return where


def windows(text: str, words: frozenset[str], margin: int = 120) -> list[tuple[int, int]]:
    """Merged ranges of `margin` characters around each occurrence of `words` in `text`.

    A gated regex only needs to search there: every match contains a keyword and is far
    shorter than the margin. On a 300-word message this scans a fraction of the text.
    """
    spans = _spans(text)
    where = _positions(text, True)
    ranges = sorted(
        (max(0, spans[i][0] - margin), min(len(text), spans[i][1] + margin))
        for word in words & where.keys()
        for i in where[word]
    )
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _hyphenated(text: str, start: int, end: int) -> bool:
    """True when the match is part of a hyphenated word ("u" in "u-shaped")."""
    before = start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum()
    after = end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum()
    return before or after


def split(phrase: str, ignorecase: bool) -> tuple[str, ...]:
    """The token sequence a phrase matches."""
    tokens = tuple(t.replace("’", "'") for t in _TOKEN.findall(phrase))
    return tuple(t.lower() for t in tokens) if ignorecase else tokens


class PhraseIndex:
    """Phrases indexed by first token; `finditer` yields (start, end, phrase) left to right."""

    def __init__(self, phrases: Iterable[str], ignorecase: bool) -> None:
        self.ignorecase = ignorecase
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase in phrases:
            tokens = split(phrase, ignorecase)
            if tokens:
                self._by_first.setdefault(tokens[0], []).append((tokens, phrase))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: len(c[0]), reverse=True)

    @property
    def first_words(self) -> frozenset[str]:
        """Lowercased first tokens: a text without any of them cannot match."""
        return frozenset(k.lower() for k in self._by_first)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Non-overlapping matches, leftmost first, the longest phrase at each position."""
        exact, lowered = _words(text)
        words = lowered if self.ignorecase else exact
        where = _positions(text, self.ignorecase)
        hits: list[tuple[int, int, str]] = []
        for first in self._by_first.keys() & where.keys():
            candidates = self._by_first[first]
            for i in where[first]:
                for tokens, phrase in candidates:
                    k = len(tokens)
                    if tuple(words[i : i + k]) == tokens:
                        hits.append((i, i + k, phrase))
                        break
        if not hits:
            return
        spans = _spans(text)
        hits.sort(key=lambda h: (h[0], -h[1]))
        end = -1
        for first_token, stop, phrase in hits:
            start, finish = spans[first_token][0], spans[stop - 1][1]
            if first_token >= end and not _hyphenated(text, start, finish):
                end = stop
                yield start, finish, phrase
