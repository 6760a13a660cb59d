"""One lexicon for both engines: what the style rules accept as a greeting or sign-off, the
rubric accepts, and the other way round (issue 12: 'Good day Sam,', 'Howdy', 'Warmly,', 'BR,'
passed one and failed the other)."""

from __future__ import annotations

import pytest

from commcoach.feedback.style.structure import missing_greeting, missing_signoff
from commcoach.language.lexicons import entries, groups
from commcoach.rubric.builtin import BUILTIN_DETECTORS

BODY = "The export job is merged. I will start the refund template today."


def _cased(entry: str) -> str:
    return entry[0].upper() + entry[1:]


@pytest.mark.parametrize("greeting", entries("greetings"))
def test_every_greeting_passes_the_style_rule_and_the_rubric(greeting: str) -> None:
    text = f"{_cased(greeting)} Sam,\n\n{BODY}\n\nBest,\nLi"
    assert missing_greeting(text, 1) == [], "style rule rejects it"
    assert BUILTIN_DETECTORS["greeting"].detect(text) is not None, "rubric rejects it"


@pytest.mark.parametrize("sign_off", entries("sign_offs"))
def test_every_sign_off_passes_the_style_rule_and_the_rubric(sign_off: str) -> None:
    text = f"Hi Sam,\n\n{BODY}\n\n{_cased(sign_off)},\nLi"
    assert missing_signoff(text, 1) == [], "style rule rejects it"
    assert BUILTIN_DETECTORS["sign_off"].detect(text) is not None, "rubric rejects it"


@pytest.mark.parametrize("closing", entries("closing_sentences"))
def test_every_closing_sentence_passes_the_style_rule_and_the_rubric(closing: str) -> None:
    text = f"Hi Sam,\n\n{BODY}\n\n{_cased(closing)} soon."
    assert missing_signoff(text, 1) == [], "style rule rejects it"
    assert BUILTIN_DETECTORS["sign_off"].detect(text) is not None, "rubric rejects it"


def test_neither_engine_takes_a_plain_sentence_for_a_greeting_or_sign_off() -> None:
    text = f"{BODY}\n\nThe tests run on staging."
    assert missing_greeting(text, 1) != []
    assert BUILTIN_DETECTORS["greeting"].detect(text) is None
    assert missing_signoff(text, 1) != []
    assert BUILTIN_DETECTORS["sign_off"].detect(text) is None


def test_lexicon_files_are_lowercase_and_have_no_duplicates() -> None:
    for name in ("greetings", "sign_offs", "closing_sentences", "empty_answers", "vague_requests"):
        values = entries(name)
        assert values, name
        assert all(v == v.lower() for v in values), name
        assert len(set(values)) == len(values), name


def test_section_labels_are_grouped_by_known_kinds() -> None:
    from commcoach.language.sections import KINDS

    assert set(groups("section_labels")) - {""} <= set(KINDS)


def test_the_passive_rules_and_the_done_detector_share_the_participles() -> None:
    from commcoach.feedback.style.participles import IRREGULAR_PARTICIPLES
    from commcoach.rubric.detectors.progress import _NOT_WORK_PARTICIPLES

    assert entries("irregular_participles") == IRREGULAR_PARTICIPLES
    assert set(IRREGULAR_PARTICIPLES) >= _NOT_WORK_PARTICIPLES
    for participle in ("written", "rewritten", "swept"):
        found = BUILTIN_DETECTORS["completed_action"].detect(f"I have {participle} the tests.")
        assert found is not None, participle
    assert BUILTIN_DETECTORS["completed_action"].detect("I have heard about the tests.") is None
