"""The understanding detector: the writer states what they already understand.

A good clarification request says what the writer already knows, so the reader answers only the
gap. Real comments (benchmarks/quality_rubric.py) do this as: "I understand / I think / I thought
...", "as you said", "the docs say", restating ("So to sum up ...", "To confirm, ...", "Just to
make sure I understand: ..."), describing what one observes ("I get this error ..."),
conditionals that state behaviour ("If a user logs in twice, they will ..."), facts given as
reasons ("since the deadline has passed"), and checks of one's reading ("Am I right?", "...,
correct?", "Shouldn't it?").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from commcoach.rubric.detectors.base import (
    IGNORE,
    VERBOSE,
    Detector,
    WordRules,
    earliest,
    in_protected,
    is_question,
    not_quoted,
    regex_finder,
    sentences,
)
from commcoach.rubric.detectors.questions import LEAD_NOISE
from commcoach.text import Span

_PROPOSAL_AFTER_THINK = (
    r"(?!\s*,?\s*(?:it|that|this)?\s*(?:would|will|'d|'ll)\s+be\s+(?:really\s+|very\s+)?(?:great"
    r"|good|nice|better|best|helpful|useful|fun|cool|awesome|ideal|a\s+good\s+idea|interesting"
    r"|amazing|wonderful))(?!\s+I\s+(?:could|can)\b)(?!\s+(?:so|not)\b)"
    r"(?!\s+(?:it\s+is|it's|it\s+was|it\s+would\s+be|it'd\s+be)\s+(?:(?:sometimes|often|usually"
    r"|generally|much|a\s+lot|far)\s+)?(?:better|best|easier|cleaner|simpler|nicer|handier"
    r"|more\s+\w+)\b)"
    r"(?!\s+you\s+(?:have\s+to|need\s+to|should|must|can|could)\b)"
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
                (?:I|we)\s+(?:\w+ly\s+)?(?:(?:gather|assume|assumed|believe|suppose)\s+(?!so\b|not\b)\w+
                |(?:understand|understood|see|know|read|noticed|saw|reali[sz]e|reali[sz]ed)\s+
                (?:that|the|this|how|it|you|from|there|why|what))\b""",
        ),
        # I know based on lecture 3 that / we noticed in the logs that: where the writer learnt
        # it stands between the verb and its clause
        (
            "i we",
            r"""(?<!\bmay\s)(?<!\bcan\s)(?<!\bdo\s)(?<!\bdid\s)(?:I|we)\s+(?:understand|understood
                |know|knew|read|noticed|saw|learned|learnt|reali[sz]ed?)\s+(?:based\s+on|from|in|on
                |according\s+to)\s+(?:[\w'-]+\s+){1,4}?that\b""",
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
        # restating the reader's words: you said earlier that / when u said X / oh you mean Y
        # ('do you mean the toolbar?' asks what they meant: a question, no reading of one's own)
        (
            "you u when",
            r"""(?:when\s+)?(?:you|u)\s+(?:said|mentioned|wrote|suggested|asked\s+(?:us|me)\s+to)
                \s+(?:earlier\s+|before\s+|above\s+|in\s+\w+\s+)?(?:that|to|we|I|the|"|')""",
        ),
        (
            "oh so you",
            r"(?<!\bdo\s)(?<!\bdid\s)(?:(?:oh|so),?\s+)?(?:you|u)\s+mean\b(?!\s+(?:it|that)\s*\?)",
        ),
        ("and but", r"(?:and|but)\s+(?:then\s+)?(?:reali[sz]ed|noticed|saw)\s+(?:that|the|how)\b"),
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
                |seen)\s+(?:the|this|your|through|that|all|it|both)\b
                (?!\s+(?:\w+\s+)?(?:feedback|comments?|reply|replies|message|e-?mail|response)\b)""",
        ),
        # I think the export runs nightly (not 'I think it would be great to ...': a proposal)
        (
            "i",
            rf"I\s+(?:think|guess|believe|suppose|reckon)\b{_PROPOSAL_AFTER_THINK}[^.;?!\n]{{0,50}}",
        ),
        # I would say this makes sense: an opinion offered as the writer's reading
        (
            "i i'd",
            rf"I(?:'d|\s+would)\s+say\b{_PROPOSAL_AFTER_THINK}\s+(?:that\s+)?(?:it|this|that|the|we|you|there)\b[^.;?!\n]{{0,40}}",
        ),
        # 'Do you mean X? If so, having no input is a valid scenario': a reading, on condition
        (
            "if",
            r"""(?<![\w,]\s)(?<!\w)if\s+so,?\s+(?:then\s+)?(?!please\b|let\b|can\b|could\b|would\s+you\b
                |I\s+(?:will|'ll|can|could)\b)[^.?!\n]{2,100}?\b(?:is|are|would\s+be|will\s+be|means?)\b""",
        ),
        # I thought the limit was 100 (not 'I thought it'd be easier to review': a motive)
        (
            "i",
            rf"I\s+thought\b{_PROPOSAL_AFTER_THINK}\s+(?:I|we|it|that|this|you|the|there)\b[^.;?!\n]{{0,40}}",
        ),
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
        # restating to confirm: To confirm, ... / So to confirm: ... / Just to double-check, ...
        # ('I need you to confirm the date' asks for a confirmation, it restates nothing)
        (
            "so just ok okay",
            r"(?:so|just|ok|okay)[,\s]+(?:just\s+)?to\s+(?:confirm|double[-\s]check|recap)\b",
        ),
        ("to", r"(?:^|(?<=[.!?:,]\s))[ \t]*to\s+(?:confirm|double[-\s]check|recap)\b"),
        (
            "to",
            r"""to\s+make\s+sure\s+I(?:'ve|\s+have)?\s+(?:understand|understood|got\s+(?:it|this
                |that|everything)|read\s+(?:it|this|that)\s+(?:right|correctly))\b""",
        ),
        ("to", r"to\s+check\s+(?:my\s+understanding|that\s+I\s+understand)\b"),
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
        # a fact given as a reason: since the deadline has passed / because X can do it (not
        # 'because otherwise we are ...': the writer's own situation or motive is no reading)
        (
            "since because",
            r"""(?:since|because)\s+(?!then\b|last\b|yesterday\b)
                (?:(?!(?:I|my|we|our|you|your)\b)[\w'-]+[\s,]+){0,6}?(?:is|are|was|were|has|have
                |had|can|does|do|doesn't|don't|isn't|aren't|will|would)\b""",
        ),
        # what one knows and does not: I am unfamiliar with / I can't figure out how
        ("i i'm", r"I(?:'m|\s+am)\s+(?:not\s+|un)?familiar\s+with\b"),
        # what one was told or assumes: we were instructed to / I'm assuming / iirc
        (
            "i we",
            r"""(?:I|we)\s+(?:was|were|have\s+been|'ve\s+been)\s+(?:told|instructed|asked|advised
                |informed|taught)\s+(?:to|that)\b""",
        ),
        ("i i'm we we're", r"(?:I|we)(?:'m|\s+am|'re|\s+are)\s+assuming\b"),
        ("iirc afaik afaict iiuc afaiu", r"(?:iirc|afaik|afaict|iiuc|afaiu)\b"),
        # a belief offered for checking: I'm guessing ..., correct me if I'm wrong, if I'm not
        # mistaken, my guess is
        ("i i'm", r"I(?:'m|\s+am)\s+guessing\b"),
        ("my", r"my\s+guess\s+(?:is|was)\b"),
        (
            "correct if unless",
            r"""(?:correct\s+me\s+if\s+I(?:'m|\s+am)\s+wrong|(?:if|unless)\s+I(?:'m|\s+am)
                \s+(?:not\s+)?mistaken)\b""",
        ),
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


def _sentence_bodies(text: str, questions: bool) -> Iterator[tuple[int, str]]:
    """(offset, body) of each question (or each non-question) sentence, its lead noise ('so',
    'hi', a bullet, an @mention) cut off, so a pattern can anchor on the first real word."""
    for sentence in sentences(text):
        if is_question(text, sentence) is not questions:
            continue
        chunk = text[sentence.start : sentence.end]
        lead = LEAD_NOISE.match(chunk)
        offset = lead.end() if lead else 0
        yield sentence.start + offset, chunk[offset:]


def _conditional_behaviour(text: str) -> Span | None:
    """'If a user logs in twice, they will ...': a stated rule of how something behaves."""
    for start, body in _sentence_bodies(text, questions=False):
        match = _CONDITIONAL.search(body)
        if match:
            return Span(start + match.start(), start + match.end())
    return None


_DECLARATIVE_QUESTION = re.compile(
    r"""(?:we|they|it|this|that|there|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:(?:also|still|only|just|then)\s+)?
        (?:have\s+to|has\s+to|need\s+to|needs\s+to|should|must|are|is|was|were|will|can
        |don't|doesn't|do\s+not|does\s+not|only|(?!is\b)[a-z]+s)\b[^?\n]{3,}\?\s*$""",
    VERBOSE,
)
"""A statement in statement word order with a question mark: 'we have to do questions 13 and 14
and also give a bug report?', 'So the export runs nightly?'. Its subject comes before its verb,
so it restates what the writer understood and asks only to confirm it (a real question inverts
or opens with a wh-word: 'Do we have to ...?', 'What do we ...?')."""


def _declarative_question(text: str) -> Span | None:
    """The first sentence that restates an understanding as a yes/no check (see above)."""
    for start, body in _sentence_bodies(text, questions=True):
        match = _DECLARATIVE_QUESTION.match(body)
        if match and not in_protected(text, start):
            return Span(start, min(start + 60, start + match.end()))
    return None


_OTHERWISE_BEFORE = re.compile(r"\botherwise\b[^.?!;\n]{0,60}$", IGNORE)


def _not_hypothetical(text: str, match: re.Match[str]) -> bool:
    """'(because) otherwise we are not allowed to fix it' is a consequence that would follow,
    a motive: the clause after 'otherwise' is irrealis, no statement of how things are."""
    return _OTHERWISE_BEFORE.search(text, max(0, match.start() - 70), match.start()) is None


def _keep_understanding(text: str, match: re.Match[str]) -> bool:
    return (
        _not_after_wh(text, match)
        and _not_hypothetical(text, match)
        and not in_protected(text, match.start())
        and not_quoted(text, match)
    )


detect_understanding: Detector = earliest(
    regex_finder(_UNDERSTANDING, _keep_understanding),
    _conditional_behaviour,
    _declarative_question,
)
"""States what the writer already understands, believes, observed or was told."""
