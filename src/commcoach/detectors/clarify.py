"""Detectors for clarification requests: a question, what is understood, options or a default.

A good clarification request asks something answerable, says what the writer already understands
(so the reader answers only the gap), and offers options or a default ("Should I use X or Y?",
"Unless you object, I'll use X"). Real comments do this in many forms, measured in
benchmarks/quality_rubric.py:
- understanding: "I understand / I think / I thought ...", "as you said", "the docs say",
  restating ("So the file is ..."), describing what one observes ("I get this error ..."),
  conditionals that state behaviour ("If a user logs in twice, they will ..."), facts given as
  reasons ("since the deadline has passed"), and checks of one's reading ("Am I right?",
  "..., correct?", "Shouldn't it?");
- options: alternatives ("or", "instead of", "an alternative"), yes/no proposals ("Should I add
  X?", "Shall we use Y?", "May I rename it?"), candidate readings ("Do you mean X?", "Does this
  mean Y?"), statements put up for confirmation ("So the build uses Node 18?"), offers ("I can
  write the docs"), "I was thinking of", "what if", "let's", "would it be better to", defaults.
"""

from __future__ import annotations

import re

from commcoach.detectors.base import (
    IGNORE,
    VERBOSE,
    Detector,
    WordRules,
    all_of,
    earliest,
    in_protected,
    is_question,
    not_in_protected,
    not_in_question,
    not_quoted,
    regex_finder,
    sentences,
)
from commcoach.text import Span

# --- question ----------------------------------------------------------------------------------

_SUBJECT = (
    r"(?:you|I|we|they|he|she|it|this|that|these|those|there|the|a|an|my|our|your|their|his|her"
    r"|someone|anyone|anybody|somebody|everyone|[A-Z][\w-]*)"
)
_QUESTION_START = re.compile(
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
        elif chunk and chunk[-1] not in ".!:" and _QUESTION_START.match(chunk):
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

_LEAD_NOISE = re.compile(
    r"""^(?:\s|[-*•>,:;.!]|\d{1,2}[.)]\s|\[[^\]\n]{0,60}\]\([^)\n]{0,120}\)|@[\w.-]+
        |(?:so|and|also|but|then|ok|okay|well|hi|hey|hello|please|yes|yeah|now|just|thanks|or)\b)+""",
    VERBOSE,
)
_CLAUSE_BREAK = re.compile(r"\s[-–—]\s|;\s|,\s+(?:but|so|and)\s|\bbut\s+(?=(?:is|are|isn't|do)\b)")


def _question_clause(text: str, sentence: Span) -> tuple[int, str]:
    """The last clause of a question, with leading mentions, bullets and 'so / also' removed."""
    start = sentence.start
    chunk = text[sentence.start : sentence.end]
    for brk in _CLAUSE_BREAK.finditer(chunk):
        start = sentence.start + brk.end()
    clause = text[start : sentence.end]
    noise = _LEAD_NOISE.match(clause)
    skip = noise.end() if noise else 0
    return start + skip, clause[skip:]


# --- understanding -----------------------------------------------------------------------------

_PROPOSAL_AFTER_THINK = (
    r"(?!\s*,?\s*(?:it|that|this)?\s*(?:would|will|'d|'ll)\s+be\s+(?:really\s+|very\s+)?(?:great"
    r"|good|nice|better|best|helpful|useful|fun|cool|awesome|ideal|a\s+good\s+idea|interesting"
    r"|amazing|wonderful))(?!\s+I\s+(?:could|can)\b)(?!\s+(?:so|not)\b)"
)

_DOC_NOUNS = (
    "ticket issue spec specification doc docs documentation description task page website readme "
    "guide wiki requirement requirements brief design"
)
_UNDERSTANDING = WordRules(
    [
        # I understand that / we noticed the / I realise how (not 'may I know what')
        (
            "i we",
            r"""(?<!\bmay\s)(?<!\bcan\s)(?<!\bcould\s)(?<!\bdo\s)(?<!\bdid\s)(?<!\bshould\s)
                (?:I|we)\s+(?:\w+ly\s+)?(?:(?:gather|assume|believe|suppose)\s+(?!so\b|not\b)\w+
                |(?:understand|understood|see|know|read|noticed|saw|reali[sz]e|reali[sz]ed)\s+
                (?:that|the|this|how|it|you|from|there|why|what))\b""",
        ),
        (
            "my our",
            r"(?:my|our)\s+(?:understanding|reading|assumption|impression|interpretation)\b",
        ),
        ("as if", r"(?:as|if)\s+I\s+(?:understand|understood|read|see|recall|remember)\b"),
        # as you said / as you've noticed: restating what the reader wrote
        (
            "as",
            r"""as\s+(?:you've|you\s+have|you)\s+(?:noticed|said|mentioned|pointed\s+out|suggested
                |explained|described|wrote|asked)\b""",
        ),
        ("from", r"from\s+what\s+I\s+(?:understand|read|see|can\s+tell|gather|know)\b"),
        ("as", r"as\s+far\s+as\s+I\s+(?:know|can\s+tell|understand)\b"),
        ("it this that", r"(?:it|this|that)\s+(?:seems|looks|sounds)\s+(?:like|that|to\s+me)\b"),
        # the ticket says / the description had mentioned
        (
            _DOC_NOUNS,
            r"""(?:ticket|issue|spec|specification|docs?|documentation|description|task|page
                |website|readme|guide|wiki|requirements?|brief|design)\s+(?:(?:had|has)\s+)?
                (?:says|said|mentions|mentioned|states|stated|asks|asked|describes|described|lists
                |listed|requires|required|suggests|suggested|specifies|specified|talks\s+about
                |refers\s+to|covers)\b""",
        ),
        (
            "currently right at",
            r"(?:currently|right\s+now|at\s+the\s+moment),?\s+(?:the|it|we|this|our|there)\b",
        ),
        # I've read / I went through the ideas
        (
            "i've i we've we",
            r"""(?:I've|I\s+have|we've|we\s+have|I|we)\s+(?:already\s+|just\s+)?(?:read
                |looked\s+at|checked|gone\s+through|went\s+through|looked\s+through|read\s+through
                |seen)\s+(?:the|this|your|through|that|all|it|both)\b""",
        ),
        # I think the export runs nightly (not 'I think it would be great to ...': a proposal)
        (
            "i",
            rf"I\s+(?:think|guess|believe|suppose|reckon)\b{_PROPOSAL_AFTER_THINK}[^.;?!\n]{{0,50}}",
        ),
        ("i", r"I\s+thought\s+(?:I|we|it|that|this|you|the|there)\b[^.;?!\n]{0,40}"),
        (
            "the my",
            r"""(?:the\s+idea\s+(?:is|was)|my\s+(?:intention|idea|thinking)(?:\s+with\s+[\w-]+)?
                \s+(?:is|was)|the\s+(?:goal|point|purpose|intention)\s+(?:is|was))\b""",
        ),
        # so basically / to sum up / just to be sure
        (
            "so basically to in if just",
            r"""(?:so\s+basically|basically,|to\s+sum\s+up|in\s+summary|in\s+short|in\s+other\s+words
                |to\s+summari[sz]e|if\s+I\s+got\s+(?:it|this|that)\s+right|to\s+make\s+sure\s+I
                \s+understand|just\s+to\s+(?:confirm|check|be\s+sure|clarify))\b""",
        ),
        # checking one's reading: am I right? / is that correct? / ..., right?
        (
            "am is do did",
            r"""(?:am\s+I\s+right|is\s+(?:this|that|it)\s+(?:about\s+|roughly\s+|more\s+or\s+less\s+)?
                (?:right|correct|accurate)|do\s+I\s+have\s+(?:this|that|it)\s+right
                |did\s+I\s+get\s+(?:this|that|it)\s+right)\b""",
        ),
        ("right correct", r"(?:(?<=[,-])|(?<=[,-]\s))(?:right|correct)\s*\?"),
        # a negative question states a belief: isn't X supposed to ...? / shouldn't it?
        (
            "isn't aren't wasn't weren't doesn't shouldn't don't",
            r"""(?:isn't|aren't|wasn't|weren't|doesn't|shouldn't|don't)\s+(?:it|this|that|the
                |there|they|we|[A-Z][\w-]*)\b[^?.!\n]{0,100}\?""",
        ),
        ("is are was were am", r"(?:is|are|was|were|am)\s+supposed\s+to\b"),
        # what one observes: it shows "...", I get this error
        (
            "it this that i we",
            r"""(?:it|this|that|I|we)\s+(?:\w+\s+)?(?:shows?|showed|says|said|gives?|gave|returns?
                |returned|throws?|threw|prints?|printed|displays?|displayed)\s*:?\s*["']""",
        ),
        (
            "i we",
            r"""(?:I|we)\s+(?:\w+\s+)?(?:get|got|am\s+getting|see|saw|keep\s+getting)\s+(?:this|an?
                |the|following|same)\s+(?:\w+\s+)?(?:error|message|warning|exception|value|output
                |result)s?\b""",
        ),
        # you proposed the circuit ... / you said that (not 'the changes that you suggested')
        (
            "you you've",
            r"""(?<!\bthat\s)(?<!\bwhich\s)you(?:'ve|\s+have)?\s+(?:proposed|said|mentioned|wrote
                |suggested|stated|requested|request|asked|described|explained)\s+(?:that|the|a|an
                |we|I|it|to(?!\s+(?:me|us)\b))\b""",
        ),
        # facts about the requirement: it is only supported on X / they are not listed
        (
            "is are was were am",
            r"""(?:is|are|was|were|am)\s+(?:(?:not|only|also|already)\s+){0,2}(?:listed|mentioned
                |documented|included|described|specified|supported|required|mandatory|optional
                |allowed)\b""",
        ),
        ("makes make", r"makes?\s+it\s+(?:mandatory|optional|required|necessary)\b"),
        ("is are was were", r"(?:is|are|was|were)\s+not\s+[^.?!\n]{1,60}?\bbut\b"),
        # a fact given as a reason: since the deadline has passed / because X can do it
        (
            "since because",
            r"""(?:since|because)\s+(?!I\b|my\b|we\b|our\b|you\b|then\b|last\b|yesterday\b)
                (?:[\w'-]+[\s,]+){0,6}?(?:is|are|was|were|has|have|had|can|does|do|doesn't|don't
                |isn't|aren't|will|would)\b""",
        ),
        # what one knows and does not: I am unfamiliar with / I can't figure out how
        ("i i'm", r"I(?:'m|\s+am)\s+(?:not\s+|un)?familiar\s+with\b"),
        ("i i've", r"I(?:'ve|\s+have)\s+(?:not|never)\s+(?:used|worked\s+with|tried)\b"),
        ("from", r"from\s+(?:a|my)\s+(?:\w+\s+)?(?:read|reading|look)\b"),
        # a statement sourced from what one read or heard: From the design doc, ...
        (
            "from",
            r"""from\s+(?:the|a|your|my|our)\s+(?:[\w-]+\s+)?(?:doc|docs|spec|specs|ticket|issue
                |description|design|readme|wiki|discussion|thread|meeting|call|notes|email|comment
                |comments|logs?|screenshot|mockups?)\b""",
        ),
        (
            "i i'm",
            r"""I(?:'m|\s+am)\s+(?:a\s+(?:little|bit)\s+)?(?:not\s+sure|unsure|confused|unclear)
                \s+(?:about|of|whether|how|why|what|if)\b""",
        ),
        (
            "i",
            r"""I\s+(?:can't|cannot|couldn't|don't|do\s+not|didn't)\s+(?:figure\s+out|understand
                |get|see)\s+(?:how|why|what|where|which)\b""",
        ),
    ]
)

_WH_BEFORE = re.compile(r"\b(?:why|whether|if|how|what|which)\b(?:\s+\S+){0,2}\s*$", IGNORE)


def _not_after_wh(text: str, match: re.Match[str]) -> bool:
    """'can you explain why this is required' asks; 'it is required' states."""
    return _WH_BEFORE.search(text, max(0, match.start() - 30), match.start()) is None


_CONDITIONAL = re.compile(
    r"""(?:^|(?-i:(?<=\s)(?=If\b)))
        (?:if|when|whenever|once)\s+(?!so\b|not\b|possible\b|needed\b|necessary\b|required\b
        |you\s+(?:can|could|have|want|need|don't|do|would|agree|prefer|like|get)\b)
        [^?\n]{3,160}?(?:,|\bthen\b)\s*(?:then\s+)?(?:I|we|you|he|she|they|it|this|that|there
        |the\s+\w+)\s+(?:\w+\s+)?(?:will|would|can|could|must|should|is|are|gets?|has|have|needs?)
        \b""",
    VERBOSE,
)


def _conditional_behaviour(text: str) -> Span | None:
    """'If a user logs in twice, they will ...': a stated rule of how something behaves."""
    for sentence in sentences(text):
        if is_question(text, sentence):
            continue
        chunk = text[sentence.start : sentence.end]
        lead = _LEAD_NOISE.match(chunk)
        offset = lead.end() if lead else 0
        match = _CONDITIONAL.search(chunk[offset:])
        if match:
            start = sentence.start + offset
            return Span(start + match.start(), start + match.end())
    return None


def _keep_understanding(text: str, match: re.Match[str]) -> bool:
    return (
        _not_after_wh(text, match)
        and not in_protected(text, match.start())
        and not_quoted(text, match)
    )


detect_understanding: Detector = earliest(
    regex_finder(_UNDERSTANDING, _keep_understanding),
    _conditional_behaviour,
)
"""States what the writer already understands, believes, observed or was told."""

# --- options -----------------------------------------------------------------------------------

_ADJECTIVE = r"\w+(?:er|able|ible|ent|ant|ive|ful|ous|al|ic|ate)"
"""'more accurate', 'more cleaner' (learners double comparatives): not 'more details'."""
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
        ("maybe", r"maybe\s+(?:I|we)\s+(?:can|could|should)\b"),
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
        (
            "i i'd",
            r"""I(?:'d|\s+would)\s+like\s+to\s+(?!know\b|ask\b|thank\b|clarify\b|understand\b
                |request\b|have\b|get\b|receive\b|see\b|confirm\b|hear\b|learn\b|mention\b|say\b
                |inform\b|introduce\b|apologi[sz]e\b)\w+""",
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

_AUX_OR_WH = frozenset(
    str.split(
        "is are was were am do does did can could should shall would will may might must have has "
        "isn't aren't wasn't weren't don't doesn't didn't can't couldn't shouldn't wouldn't won't "
        "haven't hasn't what which when where who whom whose why how any anything anyone anybody "
        "anywhere someone somebody something"
    )
)
_INDIRECT = re.compile(
    r"\b(?:what|which|when|where|who|why|how|whether|wonder|wondering|curious|ask|asking)\b",
    IGNORE,
)
_OR = re.compile(r"\bor\b(?!\s+not\b)", IGNORE)
_PROPOSAL_QUESTION = re.compile(
    r"""^(?:
          (?:should|shall|may|can|could|must)\s+(?:I|we)\s+(?!ask\b|know\b|get\s+your\b
            |have\s+your\b|request\b|help\b)
        | (?:should|shall)\s+(?:it|this|that|these|those|they|the\s+\w+|[A-Z][\w-]*)\b
        | (?:do|does|did)\s+(?:you|this|that|it)\s+mean\b
        | (?:would|will|is|does)\s+it\s+(?:be\s+)?(?:better|ok|okay|fine|alright|possible|necessary
            |enough|acceptable|good)\b
    )""",
    VERBOSE,
)
_CONFIRMATION = WordRules(
    [
        ("do does did", r"(?:do|does|did)\s+(?:you|this|that|it)\s+mean\b"),
        (
            "is",
            r"""is\s+(?:this|that|it)\s+(?:\w+\s+)?(?:ok|okay|fine|alright|all\s+right|correct|right
                |enough|acceptable)\b""",
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


def _question_options(text: str) -> Span | None:
    """Questions that put up a choice: 'X or Y?', 'Should I X?', 'Do you mean X?', 'So X?'."""
    confirmations = list(_CONFIRMATION.finditer(text))
    for sentence in sentences(text):
        chunk = text[sentence.start : sentence.end]
        if not is_question(text, sentence):
            # "Should it be done now or at the end, because ..." asks without a question mark.
            if _QUESTION_START.match(chunk) and _OR.search(chunk):
                return sentence
            continue
        for confirm in confirmations:
            if sentence.start <= confirm.start() < sentence.end:
                return Span(confirm.start(), confirm.end())
        if _OR.search(chunk):
            return sentence
        start, clause = _question_clause(text, sentence)
        if _PROPOSAL_QUESTION.match(clause):
            return Span(start, sentence.end)
        words = re.findall(r"[A-Za-z][\w'’]*", clause)
        if (
            len(words) >= 4
            and words[0].lower().replace("’", "'") not in _AUX_OR_WH
            and not _INDIRECT.search(clause)
            and not re.match(r"I\s+(?:can't|cannot|don't|am\s+not|'m\s+not)\b", clause)
        ):
            return Span(start, sentence.end)
    return None


detect_options: Detector = earliest(
    regex_finder(_OPTIONS, all_of(not_in_protected, not_quoted)),
    regex_finder(_OFFER, all_of(not_in_question, not_quoted)),
    _question_options,
)
"""Proposes options, an interpretation to confirm, or a default."""
