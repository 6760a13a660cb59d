"""The options detector: the writer proposes options, a reading to confirm, or a default.

Forms seen in real comments (benchmarks/quality_rubric.py): alternatives ("or", "instead of",
"an alternative"), yes/no proposals ("Should I add X?", "Shall we use Y?", "May I rename it?"),
candidate readings ("Do you mean X?", "Does this mean Y?"), offers ("I can write the docs"),
"I was thinking of", "what if", "let's", "would it be better to", and defaults ("Unless you
object, I'll ...").
"""

from __future__ import annotations

import re

from commcoach.language.asking import QUESTION_OPENING
from commcoach.rubric.detectors.base import (
    IGNORE,
    VERBOSE,
    Detector,
    WordRules,
    all_of,
    earliest,
    is_question,
    not_in_protected,
    not_in_question,
    not_quoted,
    regex_finder,
    sentences,
)
from commcoach.rubric.detectors.questions import question_clause
from commcoach.text import Span

_ADJECTIVE = r"\w+(?:er|able|ible|ent|ant|ive|ful|ous|al|ic|ate)"
"""'more accurate', 'more cleaner' (learners double comparatives): not 'more details'."""
_ASSIGNMENT = r"""(?:be\s+assigned|get\s+assigned|work\s+on\s+(?:this|it|that|the\s+issue)\b
    |take\s+(?:this|it)\s+(?:up|on)\b|pick\s+(?:this|it)\s+up\b|contribute\b)"""
"""Asking to be given the issue ('I would like to work on this', 'Can I please be assigned?'):
a request for the task, not an option or a default for how to do it."""

_OPTIONS = WordRules(
    [
        (
            "option approach alternative plan",
            r"(?:option|approach|alternative|plan)\s+(?:(?-i:[A-D])|[1-4]|one|two)\b",
        ),
        (
            "options option two alternatively",
            r"(?:options?\s+(?:are|is|would\s+be)|two\s+options|two\s+ways|alternatively)\b",
        ),
        ("alternative alternatives", r"(?<!\bany\s)alternatives?\b"),
        # instead of X / rather than Y / or else / as a fallback
        ("instead", r"instead(?:\s+of)?\b"),
        ("rather", r"rather\s+than\b"),
        ("or", r"or\s+else\b"),
        ("fall fallback", r"fall\s*-?\s*back\b"),
        ("either", r"either\b[^.?!\n]{1,120}\bor\b"),
        # an alternative asked indirectly: 'We were wondering if X, or if Y'
        (
            "wonder wondering sure unsure",
            r"(?:wonder(?:ing)?|not\s+sure|unsure)\s+(?:if|whether)\b[^.?!\n]{1,160}\bor\b(?!\s+not\b)",
        ),
        (
            "should shall do can could would will must am is are",
            r"""(?:should|shall|do|can|could|would|will|must|am|is|are)\s+(?:I|we)\b[^.?!\n]{1,120}
                \bor\b[^.?!\n]{1,80}\?""",
        ),
        (
            "i we",
            r"(?:I|we)\s+(?:propose|suggest|recommend|could|can|would|might)\b[^.?!\n]{1,120}\bor\b",
        ),
        ("i we", r"(?:I|we)\s+(?:propose|suggest|recommend)\b"),
        (
            "i we i'd we'd",
            r"""(?:I|we)(?:'d|\s+would)\s+(?:propose|suggest|recommend|prefer|go\s+with|lean
                \s+towards|rather)\b""",
        ),
        ("by", r"by\s+default\b"),
        # unless you object, I'll ... (a default)
        (
            "unless if otherwise",
            r"""(?:unless|if\s+not|if\s+I\s+don't\s+hear|otherwise)\b[^.?!\n]{0,80}\b(?:I|we)
                (?:'ll|\s+will|\s+would)\b""",
        ),
        (
            "i we i'll we'll",
            r"(?:I|we)(?:'ll|\s+will)\s+(?:assume|go\s+with|default\s+to|proceed\s+with|stick\s+with)\b",
        ),
        (
            "would do which",
            r"""(?:would\s+you\s+prefer|do\s+you\s+prefer|which\s+(?:one|option|approach
                |of\s+(?:these|them|the\s+two))\s+(?:do|would|should|is|are))\b""",
        ),
        ("what how", r"(?:what\s+about|how\s+about|what\s+if)\b"),
        (
            "my our",
            r"""(?:my|our)\s+(?:plan|suggestion|proposal|idea|intention|approach|preference)
                (?:\s+with\s+[\w-]+)?\s+(?:is|was|would\s+be)\b""",
        ),
        (
            "maybe perhaps ideally",
            r"(?:maybe|perhaps|ideally),?\s+(?:I|we)\s+(?:can|could|should)\b",
        ),
        (
            "i we i'm we're",
            r"(?:I|we)(?:\s+was|\s+were|\s+am|'m|\s+are|'re)\s+thinking\s+(?:of|about|we|I|that)\b",
        ),
        ("let's let", r"let's\b|let\s+us\b"),
        (
            "one",
            r"""one\s+(?:way|option|approach|possibility|solution|situation|idea|alternative)\s+
                (?:could|would|might|is|was)\b""",
        ),
        (
            "another the a",
            r"(?:another|the\s+other|a\s+second)\s+(?:option|way|approach|possibility|solution)\b",
        ),
        (
            "i we i'm we're",
            r"(?:I|we)\s*(?:'m|\s+am|'re|\s+are)\s+(?:adopting|proposing|suggesting|considering|open\s+to)\b",
        ),
        (
            "i",
            r"""I\s+think\s+(?:it|that|this)?\s*(?:would|will|'d|'ll)\s+be\s+(?:really\s+|very\s+)?
                (?:great|good|nice|better|best|helpful|useful|ideal|a\s+good\s+idea)\b""",
        ),
        ("i", r"I\s+think\s+(?:I|we)\s+(?:should|could|can|might)\b(?!\s+be\b)"),
        # comparing alternatives: a cleaner approach than / more accurate to say
        (
            "better cleaner simpler easier faster safer more",
            rf"""(?:better|cleaner|simpler|easier|faster|safer|more\s+{_ADJECTIVE})\s+(?:approach
                |option|way|solution|choice|than)\b""",
        ),
        (
            "better cleaner simpler easier faster safer more",
            rf"(?:better|cleaner|simpler|easier|faster|safer|more\s+{_ADJECTIVE})\s+to\s+\w+",
        ),
        (
            "would",
            r"would\s+it\s+be\s+(?:better|easier|simpler|ok|okay|fine|possible|necessary|enough)\b",
        ),
        # a choice put forward: 'Friday would be a great day to finish it', 'option B would be
        # a better fit'
        (
            "would",
            r"""would\s+be\s+(?:a\s+|an\s+|the\s+)?(?:great|good|better|best|ideal|nice|fine
                |perfect|reasonable|sensible|simpler|cleaner|easier)\s+(?:day|time|date|option|way
                |idea|choice|approach|solution|fit|place|compromise)\b""",
        ),
        # a default for a case: 'If something else is required, I'll send a new proposal'
        (
            "if",
            r"""(?:(?<=^)|(?<=[.!?]\s)|(?<=\n))If\b[^.?!\n]{3,100},\s*(?:I|we)(?:'ll|\s+will)\s+
                (?!be\b|have\b|need\b)[a-z]+""",
        ),
        (
            "i i'd",
            rf"""I(?:'d|\s+would)\s+like\s+to\s+(?!know\b|ask\b|thank\b|clarify\b|understand\b
                |request\b|have\b|get\b|receive\b|see\b|confirm\b|hear\b|learn\b|mention\b|say\b
                |inform\b|introduce\b|apologi[sz]e\b|{_ASSIGNMENT})\w+""",
        ),
    ]
)

_OFFER = WordRules(
    [
        # I can write the docs / we could split it (not 'as much as I can', not in a question)
        (
            "i we",
            r"""(?<!\bas\s)(?<!\bthat\s)(?<!\bif\s)(?<!\bwhen\s)(?<!\bhow\s)(?<!\bwhat\s)
                (?<!\bwhere\s)(?:I|we)\s+(?:can|could)\s+(?:(?:also|still|easily|just|then)\s+)?
                (?!not\b|see\b|be\b|only\b|tell\b|say\b|understand\b|find\b|hear\b|imagine\b
                |feel\b)[a-z]+""",
        ),
    ]
)
"""An offer to do something, in a statement."""

_OR = re.compile(r"\bor\b(?!\s+not\b)", IGNORE)
_PROPOSAL_QUESTION = re.compile(
    rf"""^(?:
          (?:should|shall|may|can|could|must)\s+(?:I|we)\s+(?!ask\b|know\b|get\s+your\b
            |have\s+your\b|request\b|help\b|(?:please\s+)?{_ASSIGNMENT})
        | (?:should|shall)\s+(?:it|this|that|these|those|they|the\s+\w+|[A-Z][\w-]*)\b
        | (?:do|does|did)\s+(?:you|this|that|it)\s+mean\b
        | (?:would|will)\s+(?:this|that|it)\s+mean\b
        | (?:is|are|would)\s+(?:[0-9][\w'-]*|an?|one|two|three|just|only|using|having|adding)\s+
            (?:[\w'-]+\s+){{0,4}}?(?:be\s+)?(?:ok|okay|fine|enough|acceptable|sufficient|valid
            |allowed)\s*\?
        | (?:would|will|is|does)\s+it\s+(?:be\s+)?(?:better|ok|okay|fine|alright|possible|necessary
            |enough|acceptable|good)\b
    )""",
    VERBOSE,
)
_CONFIRMATION = WordRules(
    [
        # 'What do you mean by X?' asks for the meaning and puts up no reading
        (
            "do does did",
            r"(?<!\bwhat\s)(?<!\bhow\s)(?:do|does|did)\s+(?:you|this|that|it)\s+mean\b",
        ),
        (
            "is",
            r"""is\s+(?:this|that|it)\s+(?:\w+\s+)?(?:ok|okay|fine|alright|all\s+right|correct|right
                |enough|acceptable|valid|allowed|sufficient)\b""",
        ),
        ("am do", r"(?:am\s+I\s+right|do\s+I\s+have\s+(?:this|that|it)\s+right)\b"),
        (
            "right correct isn't shouldn't doesn't don't",
            r"""(?:(?<=[,-])|(?<=[,-]\s))(?:right|correct|isn't\s+it|shouldn't\s+it|doesn't\s+it
                |don't\s+they)\s*\?""",
        ),
    ]
)
"""A reading put up for confirmation: 'Do you mean X?', 'Is this okay?', '..., right?'."""


_INDIRECT_CHOICE = re.compile(
    r"""(?:please\s+)?(?:let\s+(?:me|us)\s+know|tell\s+(?:me|us)|I\s+(?:was\s+)?wonder(?:ing)?
        |I(?:'d|\s+would)\s+like\s+to\s+know)\b[^.?!\n]*?\b(?:(?:if|whether)\s+(?:I|we|to
        |you\s+(?:think|want|prefer|would|'d))|which)\b[^.?!\n]*?\bor\b(?!\s+not\b)""",
    VERBOSE | IGNORE,
)
"""An indirect question that puts up a choice of what to do: 'Let me know if you think we need
to fix the tests or the code', 'I was wondering whether to keep it or drop it' (not 'Let me know
if you have any questions or concerns', a sign-off)."""


def _question_options(text: str) -> Span | None:
    """Questions that put up a choice: 'X or Y?', 'Should I X?', 'Do you mean X?'.

    A statement worded as a question ('So the build uses Node 18?', 'We have to submit both
    files?') checks the writer's reading of the task: it proposes no option and no default."""
    confirmations = list(_CONFIRMATION.finditer(text))
    for sentence in sentences(text):
        chunk = text[sentence.start : sentence.end]
        if not is_question(text, sentence):
            # "Should it be done now or at the end, because ..." asks without a question mark.
            if QUESTION_OPENING.match(chunk) and _OR.search(chunk):
                return sentence
            if QUESTION_OPENING.match(chunk):  # 'Do you mean to say remove the approach.'
                for confirm in confirmations:
                    if sentence.start <= confirm.start() < sentence.end:
                        return Span(confirm.start(), confirm.end())
            if _INDIRECT_CHOICE.match(chunk.strip()):
                return sentence  # 'Let me know if you think we need to fix the tests or the code.'
            continue
        for confirm in confirmations:
            if sentence.start <= confirm.start() < sentence.end:
                return Span(confirm.start(), confirm.end())
        if _OR.search(chunk):
            return sentence
        start, clause = question_clause(text, sentence)
        if _PROPOSAL_QUESTION.match(clause):
            return Span(start, sentence.end)
    return None


detect_options: Detector = earliest(
    regex_finder(_OPTIONS, all_of(not_in_protected, not_quoted)),
    regex_finder(_OFFER, all_of(not_in_question, not_quoted)),
    _question_options,
)
"""Proposes options, an interpretation to confirm, or a default."""
