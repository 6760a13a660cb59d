"""The question detector, and the clause of a question that later detectors read.

A question ends with '?' (not one inside a URL or code), or opens like one ('Which branch should
I use') without a full stop. 'Do let me know!' is an imperative, not a question.
"""

from __future__ import annotations

import re

from commcoach.detectors.base import VERBOSE, in_protected, is_question, sentences
from commcoach.text import Span

_SUBJECT = (
    r"(?:you|I|we|they|he|she|it|this|that|these|those|there|the|a|an|my|our|your|their|his|her"
    r"|someone|anyone|anybody|somebody|everyone|[A-Z][\w-]*)"
)
QUESTION_START = re.compile(
    rf"""^\s*(?:[-*•]\s*)?(?:
          (?:what|which|when|where|who|whom|whose|why|how)\b
        | (?:is|are|was|were|do|does|did|can|could|should|shall|would|will|may|might|have|has|am)
            \s+(?:not\s+)?{_SUBJECT}\b
        | any\s+(?:idea|ideas|thoughts|chance)\b
    )""",
    VERBOSE,
)


def detect_question(text: str) -> Span | None:
    """A sentence that asks something: ends with '?', or opens as a question with no full stop.

    A '?' inside a URL or code ('?author=me') asks nothing, and an imperative such as 'Do let me
    know!' is not a question.
    """
    vocative: Span | None = None  # "Jeff?" alone is weaker evidence than a real question
    for sentence in sentences(text):
        chunk = text[sentence.start : sentence.end].rstrip()
        if is_question(text, sentence):
            if len(chunk.split()) > 1:
                return sentence
            vocative = vocative or sentence
        elif chunk and chunk[-1] not in ".!:" and QUESTION_START.match(chunk):
            return sentence
    if vocative is not None:
        return vocative
    for index, char in enumerate(text):
        # '?author=me' in a URL asks nothing.
        if char == "?" and not in_protected(text, index):
            for sentence in sentences(text):
                if sentence.start <= index < sentence.end:
                    return sentence
    return None


# --- shared: the lead of a question ------------------------------------------------------------

LEAD_NOISE = re.compile(
    r"""^(?:\s|[-*•>,:;.!]|\d{1,2}[.)]\s|\[[^\]\n]{0,60}\]\([^)\n]{0,120}\)|@[\w.-]+
        |(?:so|and|also|but|then|ok|okay|well|hi|hey|hello|please|yes|yeah|now|just|thanks|or)\b)+""",
    VERBOSE,
)
_CLAUSE_BREAK = re.compile(r"\s[-–—]\s|;\s|,\s+(?:but|so|and)\s|\bbut\s+(?=(?:is|are|isn't|do)\b)")


def question_clause(text: str, sentence: Span) -> tuple[int, str]:
    """The last clause of a question, with leading mentions, bullets and 'so / also' removed."""
    start = sentence.start
    chunk = text[sentence.start : sentence.end]
    for brk in _CLAUSE_BREAK.finditer(chunk):
        start = sentence.start + brk.end()
    clause = text[start : sentence.end]
    noise = LEAD_NOISE.match(clause)
    skip = noise.end() if noise else 0
    return start + skip, clause[skip:]
