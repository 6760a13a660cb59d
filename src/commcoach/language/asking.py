"""What makes a sentence a direct question: one definition for the rubric and the style rules.

English builds a direct question by inversion or with a wh-word: an auxiliary before its subject
("Can you share", "Is the build green", "Don't we need"), a wh-adverb before an auxiliary ("When
will", "Why does"), a wh-word as the subject or with its noun ("Who owns", "What is", "Which
branch should I use"), or "how long / how many", or "Any update on ...". The words come from
lexicons/question_words.txt.

Before, the rubric's `question` detector and the style rule QuestionWithoutMark each had their
own list: the style rule told the learner "Can you share the URL." needs a '?', while the rubric
did not count it as a question at all. Now both read QUESTION_OPENING, and
tests/unit/test_asking.py checks that they agree sentence by sentence.

Four look-alikes are left out:
- "do" and "have" also open imperatives ("Do the needful", "Have a good weekend"), so they count
  only before a pronoun or a name;
- "when" also opens a clause ("When the build is ready, I ...");
- a free relative is a clause as subject ("What follows is ...", "What is needed is ...", "What
  we need is ..."), so a wh-subject needs inversion ("What is the ETA") or a modal ("Who can
  review it"), and no pronoun follows a wh-word before its noun;
- "Which will make it faster." continues the sentence before (as in "Which is why ..."), so
  "which" needs its noun or an inverted subject ("Which is it").
"""

from __future__ import annotations

import re

from commcoach.language.lexicons import groups


def _words(group: str) -> str:
    entries = sorted(groups("question_words")[group], key=len, reverse=True)
    return "(?:" + "|".join(re.escape(entry) for entry in entries) + ")"


def _question_opening() -> re.Pattern[str]:
    aux = _words("auxiliaries")
    bare = _words("bare_auxiliaries")
    negative = _words("negative_auxiliaries")
    pronoun = _words("pronoun_subjects")
    name = r"(?-i:[A-Z])[\w-]*"  # 'Does Maria know', 'Is PAY-231 still open'
    subject = rf"(?:{pronoun}|{_words('determiners')}|{name})"
    any_aux = rf"(?:{aux}|{bare}|{negative})"
    # The noun after 'which/what' ('Which branch should I'): no auxiliary, and a word in -s
    # (a plural noun, or a verb as in 'What follows is') agrees only with a plural auxiliary.
    word = rf"(?!{any_aux}\b)[\w-]+"
    singular_end = rf"(?!{any_aux}\b)[\w-]*(?:[^\Ws]|ss)"
    modals = _words("modals")
    plural_aux = rf"(?:are|were|do|did|have|{modals})"
    noun_words = rf"""(?:(?:\s+{word})?\s+{singular_end}(?=\s+{any_aux}\b)
        |(?:\s+{word})?\s+{word}(?=\s+{plural_aux}\b))"""
    return re.compile(
        rf"""^\s*(?:[-*•>]\s*)?(?:
              {aux}\s+(?:not\s+)?{subject}
            | {bare}\s+(?:not\s+)?(?:{pronoun}|{name})
            | {negative}\s+{subject}
            | {_words("wh_adverbs")}\s+{any_aux}
            | how\s+{_words("how_quantities")}
            | {_words("wh_subjects")}\s+(?:{any_aux}\s+{subject}|{modals})
            | {_words("wh_words")}\s+{any_aux}\s+{subject}
            | {_words("wh_words")}(?!\s+{pronoun}\b){noun_words}\s+{any_aux}\s+{subject}
            | any\s+{_words("any_nouns")}
        )\b""",
        re.IGNORECASE | re.VERBOSE,
    )


QUESTION_OPENING = _question_opening()
"""Matches at the start of a sentence built as a direct question (see the module docstring)."""


def opens_as_question(sentence: str) -> bool:
    """True when `sentence` is built as a direct question, whatever its final punctuation."""
    return QUESTION_OPENING.match(sentence) is not None
