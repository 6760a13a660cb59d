"""Broken word order: word pairs English does not allow, a sign of a garbled message.

A half-rewritten or machine-shuffled message ('Today refund template start will I, staging
access not have the so blocked is.') can pass a grammar checker with few findings, because
each word is spelled right. These checks look at adjacent function words only, where English is
strict and a small closed lexicon is enough:
- a determiner followed by another determiner, a modal, a form of 'be', a subject pronoun, an
  adverb of time or degree, or the end of the sentence: 'the so', 'the today', 'a will';
- a modal followed by a subject pronoun and then a comma or the end: 'start will I,';
- a form of 'be' closing a sentence right after an -ed word: 'so blocked is.'.
Fluent English produces none of these, so the score reads them as illegibility (score.py); the
count is per 100 words.
"""

from __future__ import annotations

import re

from commcoach.language.document import Document
from commcoach.language.spans import Span

_DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "my", "your", "our", "their", "his"]
    + ["her", "its"]
)
_MODALS = frozenset(["will", "would", "can", "could", "shall", "should", "may", "might", "must"])
_BE = frozenset(["is", "are", "was", "were", "am", "be", "been"])
_SUBJECTS = frozenset(["i", "he", "she", "we", "they"])
_ADVERBS = frozenset(["so", "today", "yesterday", "tomorrow"])
_AFTER_DETERMINER = (_DETERMINERS | _MODALS | _BE | _SUBJECTS | _ADVERBS) - {
    "will",
    "can",
    "may",
    "might",
    "must",
}
"""'the will', 'a must', 'the may release': modals that are also nouns or months stay out."""
_ALSO_PRONOUNS = frozenset(["that", "this", "these", "those", "her", "his", "its"])
"""Determiners that can also stand alone ('I fixed that.', 'It is hers'): not checked."""
_SENTENCE_END = re.compile(r"[ \t]*(?:[.!?]|$)")
_PAUSE_AFTER = re.compile(r"[ \t]*[,.;]")
_ED_WORD = re.compile(r"[a-z]{3,}ed")
_CANDIDATES = _DETERMINERS | _MODALS | _BE
"""The only words a check starts at: every other token is skipped at once."""


def word_order_breaks(document: Document) -> list[Span]:
    """Spans of adjacent words in an order English does not allow (see the module docstring)."""
    text = document.text
    tokens = document.tokens
    found: list[Span] = []
    for index, (start, word) in enumerate(tokens):
        if word not in _CANDIDATES:
            continue
        end = start + len(word)
        if document.is_protected(start) or (start > 0 and not text[start - 1].isspace()):
            continue  # code, or part of 'n/a', 'Q&A'
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        gap = text[end : following[0]] if following else text[end:]
        closes = gap.strip() != "" and _SENTENCE_END.match(gap) is not None
        if word in _DETERMINERS and word not in _ALSO_PRONOUNS:
            if following is not None and not gap.strip():
                follower_end = following[0] + len(following[1])
                if (
                    following[1] in _AFTER_DETERMINER
                    and following[1] != word  # 'the the' is a repeated word, not word order
                    and not text.startswith("-", follower_end)
                ):
                    found.append(Span(start, follower_end))
            elif following is None or closes:
                found.append(Span(start, end))
        elif word in _MODALS and following is not None and following[1] in _SUBJECTS:
            after = following[0] + len(following[1])
            if not gap.strip() and index > 0 and _PAUSE_AFTER.match(text, after):
                found.append(Span(start, following[0] + len(following[1])))
        elif word in _BE and index > 0 and (following is None or closes):
            before_start, before = tokens[index - 1]
            if _ED_WORD.fullmatch(before) and not text[before_start + len(before) : start].strip():
                found.append(Span(before_start, end))
    return found
