"""One definition of "this asks": the style rules and the rubric agree sentence by sentence.

Issue 12: the style rule QuestionWithoutMark told the learner "Can you share the URL." needs a
'?', while the rubric's `question` detector did not count it as a question; BuriedRequest had its
own request list beside the rubric's `request` detector. Both now read the language layer's
QUESTION_OPENING and the rubric's request detector, and these tests hold them together.
"""

from __future__ import annotations

import pytest

from commcoach.feedback.style import StyleContext, all_rules
from commcoach.language.asking import opens_as_question
from commcoach.rubric.builtin import BUILTIN_DETECTORS

RULES = {rule.rule_id: rule for rule in all_rules()}
NONE = StyleContext()

DIRECT_QUESTIONS = [
    "Can you share the staging URL.",
    "Do we have a test account for the payment API",
    "When will the new build be ready",
    "Which branch should I use for the hotfix",
    "Is the export supposed to include archived users.",
    "Does Maria know about the change",
    "Isn't the deadline on Friday",
    "How long will the migration take",
    "Who can review the billing change",
    "What time does the stand-up start",
    "Any update on the release",
    "Should I open a new ticket for this",
    "Is PAY-231 still open",
]
NOT_QUESTIONS = [
    "When the build is ready, I will deploy it.",
    "We have a test account for the payment API.",
    "Do the needful.",
    "Have a good weekend.",
    "What we need is a staging key.",
    "Which is why the job failed.",
    "Which will make the report shorter.",
    "Do let me know!",
    "Will do.",
    "Is working now.",
    "The export is done.",
    "What follows is a brief discussion of earlier designs.",
    "What is needed is a staging key.",
]
INDIRECT_QUESTIONS = [
    "I was wondering whether the API is public.",
    "I'd like to know when the review is due.",
]


def _style_says_question(sentence: str) -> bool:
    return bool(RULES["clarity.question_without_mark"].find(sentence, NONE))


def _rubric_says_question(sentence: str) -> bool:
    return BUILTIN_DETECTORS["question"].detect(sentence) is not None


@pytest.mark.parametrize("sentence", DIRECT_QUESTIONS)
def test_a_question_without_its_mark_is_a_question_to_both_engines(sentence: str) -> None:
    assert opens_as_question(sentence)
    assert _style_says_question(sentence), "the style rule does not ask for a '?'"
    assert _rubric_says_question(sentence), "the rubric does not count it as a question"


@pytest.mark.parametrize("sentence", NOT_QUESTIONS)
def test_a_statement_is_a_question_to_neither_engine(sentence: str) -> None:
    assert not opens_as_question(sentence)
    assert not _style_says_question(sentence), "the style rule asks for a '?'"
    assert not _rubric_says_question(sentence), "the rubric counts it as a question"


@pytest.mark.parametrize("sentence", INDIRECT_QUESTIONS)
def test_an_indirect_question_asks_but_takes_a_full_stop(sentence: str) -> None:
    assert _rubric_says_question(sentence)
    assert not _style_says_question(sentence)


BACKGROUND = (
    "The nightly tests failed again. I checked the logs from the nightly run this morning. "
    "The database was slow for about an hour. I think the backup job caused it, because it "
    "started late after the maintenance window. The same thing happened on Monday. "
)
REQUESTS = [
    "Could you move the backup to 4 am.",
    "Please move the backup to 4 am.",
    "I would appreciate a second pair of eyes on the backup script.",
    "Is it possible to move the backup to 4 am.",
    "I was wondering if you could move the backup to 4 am.",
    "Can I get access to the backup server.",
]
NOT_REQUESTS = [
    "Let me know if you need anything else from me.",
    "Please do the needful.",
    "I will move the backup to 4 am tomorrow.",
]


def _buried(last: str) -> list[str]:
    text = "Hi Tom,\n" + BACKGROUND * 3 + last + "\nThanks,\nLi"  # over min_words (100)
    return [text[f.start : f.end] for f in RULES["structure.buried_request"].find(text, NONE)]


@pytest.mark.parametrize("sentence", REQUESTS)
def test_a_request_is_a_request_to_both_engines_with_the_same_words(sentence: str) -> None:
    evidence = BUILTIN_DETECTORS["request"].detect(sentence)
    assert evidence is not None, "the rubric does not see a request"
    assert _buried(sentence) == [sentence[evidence.start : evidence.end]]


@pytest.mark.parametrize("sentence", NOT_REQUESTS)
def test_an_offer_a_vague_ask_or_a_plan_is_a_request_to_neither_engine(sentence: str) -> None:
    assert BUILTIN_DETECTORS["request"].detect(sentence) is None
    assert _buried(sentence) == []
