"""Readability metrics (textstat's formulas) and hard-sentence findings, offline.

textstat is a dependency, but its code is not imported on the path of a check: importing it
imports NLTK, measured at about 630 ms per process, and its syllable lookup parses the CMU
dictionary through NLTK's corpus reader (about 1 s). So we compute its figures from the same
data: syllables from the CMU Pronouncing Dictionary through `commcoach.feedback.syllables` (a
table compiled once and searched in place; counts exactly textstat 0.7's), and Gunning fog's
"difficult words" from textstat's own Dale-Chall easy-word list, read as a file.
`tests/feedback/test_readability_textstat.py` checks every figure against textstat itself.

Sentence counts come from the document's sentences (commcoach.language; textstat's regex split
breaks on abbreviations and bullets: textstat#218), so formulas are computed from our counts.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from commcoach.feedback.report import (
    Category,
    Explanation,
    Finding,
    Metrics,
    Severity,
    TargetBand,
)
from commcoach.feedback.syllables import count as syllable_count
from commcoach.feedback.syllables import normalise
from commcoach.language.document import parse
from commcoach.models import Audience
from commcoach.text import Span, words

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


@dataclass(frozen=True, slots=True)
class _Counts:
    words: int
    sentences: int
    syllables: int
    difficult: int
    """Words of 3+ syllables outside the easy-word list: textstat's Gunning fog "complex words"."""


_easy_words: frozenset[str] | None = None
_easy_lock = threading.Lock()


def easy_words() -> frozenset[str]:
    """textstat's Dale-Chall easy-word list (about 2,900 words), read from its package data."""
    global _easy_words
    if _easy_words is None:
        with _easy_lock:
            if _easy_words is None:
                spec = importlib.util.find_spec("textstat")
                if spec is None or not spec.submodule_search_locations:
                    raise ModuleNotFoundError("the textstat package is not installed")
                folder = Path(next(iter(spec.submodule_search_locations)))
                text = (folder / "resources" / "en" / "easy_words.txt").read_text("utf-8")
                _easy_words = frozenset(line.strip() for line in text.splitlines())
    return _easy_words


def syllables_of(text: str) -> list[int]:
    """Syllables per word, for the words count_words counts."""
    return [syllable_count(w) for w in words(text)]


def _counts(text: str, sentences: list[Span]) -> _Counts:
    tokens = words(text)
    per_word = [syllable_count(w) for w in tokens]
    easy = easy_words()
    pairs = zip(tokens, per_word, strict=True)
    return _Counts(
        len(tokens),
        max(1, len(sentences)) if tokens else 0,
        sum(per_word),
        sum(1 for word, n in pairs if n >= 3 and normalise(word) not in easy),
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
    return 0.4 * ((c.words / c.sentences) + 100 * (c.difficult / c.words))


def measure(text: str, band: TargetBand) -> Metrics:
    """Word and sentence counts and three formulas, computed from the same counts.

    We compute Flesch, Flesch-Kincaid and Gunning fog from textstat-compatible syllable counts
    and our own sentence split, so the three agree with each other and with what the learner sees.
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


HARD_LOAD = 10.0
"""Reading load from which a sentence is flagged as hard (see `sentence_load`). Calibrated on
the tune half of edited design documents (flags about 2% of their sentences, the 60-word ones
with several nested clauses) and on learner writing, where run-on walls still reach it."""
LONG_WORD_SYLLABLES = 4
LONG_WORD_LETTERS = 9
"""A word of 4+ syllables and 9+ letters is a long word ("infrastructure", "necessitates");
shorter four-syllable words ("actually", "security", "variable") are read at a glance."""
_LENGTH_FREE = 25
"""Words a sentence may have before its length adds load (one point per five more words)."""
_WALL_WORDS = 30
_WALL_POINTS = 3.0
"""A sentence of 30+ words with at most one internal pause (, ; : -- parentheses) gives the
reader nowhere to rest: it adds three points."""
_DENSE_SHARE = 0.3
_DENSE_POINTS = 3.0
"""Five or more long words making up 30%+ of the sentence: dense jargon adds three points."""
_CLAUSE = re.compile(
    r"\b(?:which|who|whom|whose|because|although|though|whereas|unless|whether|while|"
    r"if|when|where|since|until|that)\b",
    re.IGNORECASE,
)
"""Words that open a subordinate or relative clause: each one is a clause the reader holds open
(Gibson 1998: memory cost grows with incomplete dependencies). "that" counts; it is usually
a complementiser or relative pronoun in this position."""
_PAUSE = re.compile(r"[,;:()\u2013\u2014]| - ")


@dataclass(frozen=True, slots=True)
class SentenceLoad:
    """Why a sentence is hard: its reading load and the parts that make it up."""

    words: int
    long_words: tuple[str, ...]
    clauses: tuple[str, ...]
    wall: bool
    """Long, with at most one internal pause."""

    @property
    def load(self) -> float:
        """One point per long word and per clause opener, one per 5 words beyond 25, +3 for
        a wall, +3 for dense jargon."""
        length = max(0.0, (self.words - _LENGTH_FREE) / 5)
        wall = _WALL_POINTS if self.wall else 0.0
        dense = _DENSE_POINTS if self.dense else 0.0
        return length + len(self.long_words) + len(self.clauses) + wall + dense

    @property
    def dense(self) -> bool:
        """Five or more long words, 30%+ of all words."""
        return len(self.long_words) >= 5 and len(self.long_words) >= _DENSE_SHARE * self.words

    def reasons(self) -> str:
        """The sentence's difficulties in words: length, long words by name, clauses."""
        parts = [f"{self.words} words"]
        if self.long_words:
            shown = ", ".join(dict.fromkeys(w.lower() for w in self.long_words[:4]))
            parts.append(f"{len(self.long_words)} long words ({shown})")
        if len(self.clauses) >= 2:
            openers = ", ".join(dict.fromkeys(c.lower() for c in self.clauses))
            parts.append(f"{len(self.clauses)} subordinate clauses ({openers})")
        if self.wall:
            parts.append("at most one comma or pause to rest at")
        return "; ".join(parts)


def sentence_load(sentence: str) -> SentenceLoad:
    """Measure one sentence: word count, long words, clause openers, pauses."""
    tokens = words(sentence)
    per_word = syllables_of(sentence)
    long_words = tuple(
        w
        for w, n in zip(tokens, per_word, strict=False)
        if n >= LONG_WORD_SYLLABLES and len(w) >= LONG_WORD_LETTERS
    )
    clauses = tuple(m.group(0) for m in _CLAUSE.finditer(sentence))
    inner = sentence.rstrip(".!?\"') ")
    wall = len(tokens) >= _WALL_WORDS and len(_PAUSE.findall(inner)) <= 1
    return SentenceLoad(len(tokens), long_words, clauses, wall)


_HARD_WHY = (
    "A reader holds a sentence in memory until it ends: every long word, every clause opened "
    "inside another and every extra stretch without a pause adds to that load. Split the "
    "sentence where a clause starts, and use a short word where one exists."
)


def hard_sentences(text: str, audience: str | None, band: TargetBand) -> list[Finding]:
    """One finding per sentence a reader would struggle with, saying what makes it hard.

    Sentence length alone is the style rule `readability.long_sentence` (rules/readability/);
    this one needs length, long words and nested clauses together (`sentence_load`).
    """
    findings: list[Finding] = []
    for span in parse(text).sentences:
        measured = sentence_load(text[span.start : span.end])
        if measured.load < HARD_LOAD:
            continue
        findings.append(
            Finding(
                rule_id="readability.hard_sentence",
                category=Category.READABILITY,
                severity=Severity.SUGGESTION,
                message=f"Hard to follow: {measured.reasons()}. Split it where a clause starts.",
                explanation=Explanation(
                    why=_HARD_WHY,
                    weak="Subsequently, the implementation necessitates comprehensive "
                    "reconsideration of the authentication infrastructure, which we cannot "
                    "begin until the team that owns the service that issues tokens agrees.",
                    better="Next, we need to rethink how login works. We can start once the "
                    "token service's team agrees.",
                ),
                start=span.start,
                end=span.end,
                source="readability",
            )
        )
    return findings
