"""The question detector, and the clause of a question that later detectors read.

A question ends with '?' (not one inside a URL or code), or is built as one ('Which branch should
I use', 'Can you share the URL.': commcoach.language.asking), or asks indirectly ('I was
wondering whether ...', 'I'd like to know when ...', 'Could you tell me ...').
'Do let me know!' is an imperative, not a question.
"""

from __future__ import annotations

import re

from commcoach.language.asking import QUESTION_OPENING
from commcoach.rubric.detectors.base import VERBOSE, in_protected, is_question, sentences
from commcoach.text import Span

_WH = r"(?:if|whether|why|how|what|when|where|which|who|whom|whose)"
_QUITE = r"(?:(?:exactly|quite|really|entirely|totally|too|100%)\s+)?"
INDIRECT_QUESTION = re.compile(
    rf"""\b(?:
          (?:I\s+(?:was|am)\s+|I'm\s+|I\s+)(?:wondering|wonder|wondered)\s+{_WH}
        | I(?:'d|\s+would)\s+(?:like|love)\s+to\s+(?:know|ask|understand|check)\s+{_WH}
        | I\s+(?:want|need)\s+to\s+(?:know|understand)\s+{_WH}
        | (?:(?:I'm|I\s+am|I\s+was)\s+(?:still\s+)?(?:not\s+{_QUITE}(?:sure|certain|clear)|unsure)
            |I\s+wasn't\s+{_QUITE}(?:sure|certain|clear))\s+(?:about\s+)?{_WH}
        | (?:could|can|would)\s+(?:you|someone|anyone)\s+(?:please\s+)?(?:tell|show)\s+me
        | (?:could|can|would)\s+(?:you|someone|anyone)\s+(?:please\s+)?(?:explain|clarify|elaborate)
            \b(?!\s+(?:it|this|that)\s+to\s+(?:them|him|her|the\s+team|everyone)\b)
    )\b""",
    VERBOSE,
)
"""A question asked as a statement: 'I was wondering whether the API is public.', 'I wasn't
exactly sure if the text needed to change in other files too' (a doubt the reader can settle)."""


_UNFILLED_BLANK = re.compile(
    r"\b(?:about|at|before|by|for|from|in|of|on|to|until|with|the|a|an)[ \t]+\?$", re.IGNORECASE
)
"""A template's question left unfilled: 'Could you let me know by ?' (a blank before the '?'
where the date goes) asks nothing yet."""


def detect_question(text: str) -> Span | None:
    """A sentence that asks something: ends with '?', or opens as a question with no full stop.

    A '?' inside a URL or code ('?author=me') asks nothing, and an imperative such as 'Do let me
    know!' is not a question; 'I was wondering whether ...' and 'Could you tell me ...' are.
    """
    vocative: Span | None = None  # "Jeff?" alone is weaker evidence than a real question
    asked = [
        s for s in sentences(text) if not _UNFILLED_BLANK.search(text[s.start : s.end].rstrip())
    ]
    for sentence in asked:
        chunk = text[sentence.start : sentence.end].rstrip()
        if is_question(text, sentence):
            if len(chunk.split()) > 1:
                return sentence
            vocative = vocative or sentence
        elif chunk and chunk[-1] not in "!:" and QUESTION_OPENING.match(chunk):
            return sentence
        else:
            indirect = INDIRECT_QUESTION.search(chunk)
            if indirect is not None and not in_protected(text, sentence.start + indirect.start()):
                return sentence
    if vocative is not None:
        return vocative
    for index, char in enumerate(text):
        # '?author=me' in a URL asks nothing.
        if char == "?" and not in_protected(text, index):
            for sentence in asked:
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
