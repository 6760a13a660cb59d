"""Detectors for the social frame of a message: requests, numbers, greetings, thanks, apologies.

These are phrase lists with a little context: the words that make each move are few and fixed in
workplace English, so a regular expression is predictable and explainable. The context keeps the
lists honest: "Let me know if you need anything" offers help (it asks nothing), "INV-42" and
"09:10" are an id and a time (not quantities), and "Thanks, I will check it." alone is a reply,
not the close of a message. "Unfortunately" is not an apology: it regrets, it does not apologise.
"""

from __future__ import annotations

import re

from commcoach.language.lexicons import alternation
from commcoach.language.segment import lines as segment_lines
from commcoach.rubric.detectors.base import (
    IGNORE,
    VERBOSE,
    Detector,
    WordRules,
    all_of,
    regex_finder,
    sentences,
)
from commcoach.text import Span

# --- request -----------------------------------------------------------------------------------

_WHO = r"(?:you|someone|anyone|somebody)"
_REQUEST = WordRules(
    [
        # could you check / can someone please review (not 'would you like me to': an offer)
        (
            "could can would will",
            rf"""(?:could|can|would|will)\s+(?:{_WHO}|we)\s+(?:please\s+)?
                (?!(?:like|want|need)\s+(?:me|us)\b)\w+""",
        ),
        ("please", r"please\s+\w+"),
        (
            "would do",
            r"""(?:would|do)\s+you\s+(?:mind|have\s+(?:time|a\s+minute|a\s+moment
                |\d+\s+minutes))""",
        ),
        (
            "i we",
            r"""(?:I|we)\s+(?:need|require|would\s+need)\s+(?:your|some|a\s+bit\s+of|help|access
                |a\s+review|input|guidance|feedback|approval)""",
        ),
        (
            "i'd i we'd we",
            r"(?:I'd|I\s+would|we'd|we\s+would)\s+(?:appreciate|be\s+grateful|love|like)\b",
        ),
        ("is would", r"(?:is|would)\s+it\s+(?:be\s+)?(?:possible|ok|okay|alright|fine)\b"),
        ("let", r"let\s+(?:me|us)\s+know\b"),
        ("any", r"any\s+(?:help|advice|pointers|suggestions|ideas|tips)\b"),
        ("can could may", r"(?:can|could|may)\s+I\s+(?:ask|get|have|borrow|book|schedule|grab)\b"),
        # 'I'm looking for a reviewer' asks; 'if you need help' offers
        (
            "looking need",
            r"(?<!\byou\s)(?<!\byou'd\s)(?:looking\s+for|need)\s+(?:help|advice|a\s+reviewer|someone)\b",
        ),
        # polite, indirect forms: I was wondering if you could / if you could take a look
        (
            "i i'm wondering wonder wondered",
            rf"""(?:I\s+(?:was|am)\s+|I'm\s+|I\s+)?(?:wondering|wonder|wondered)\s+(?:if|whether)
                \s+(?:{_WHO}\s+(?:could|can|would|might|'d)|it\s+would\s+be\s+possible
                |it's\s+possible|I\s+(?:could|can|might|may))\b""",
        ),
        (
            "if",
            rf"""if\s+{_WHO}\s+(?:could|would|can\s+please)\s+(?:please\s+)?
                (?!(?:like|want|prefer|need|have|not)\b)\w+""",
        ),
        (
            "any do is",
            rf"""(?:any\s+chance|do\s+you\s+think|is\s+there\s+any\s+(?:chance|way))\s+
                (?:{_WHO}|we|I)\s+(?:could|can|would|might)\b""",
        ),
        (
            "it it'd",
            rf"""(?:it\s+would|it'd)\s+be\s+(?:great|helpful|nice|good|wonderful|ideal|amazing)
                \s+if\s+{_WHO}\b""",
        ),
    ]
)

_OFFER = re.compile(
    r"""(?:(?:please|do|just|also|and)\s+)*
        (?:let\s+(?:me|us)\s+know|feel\s+free\s+to\s+\w+(?:\s+(?:me|us|out))?
        |(?:reach|ping|message|ask)\s+(?:out|me|us))[\s,]*
        (?:if|in\s+case|whenever|when|should)\s+(?:
          you(?:'d|\s+would)?\s+(?:ever\s+|still\s+)?(?:need|want|like|have\s+(?:any|more|further
            |other|questions|problems|issues|concerns|feedback|trouble)|run\s+into|get\s+stuck
            |hit|see|find|spot|notice|think\s+of|come\s+across|are\s+(?:interested|unsure|stuck)
            |can\s+think)
        | there(?:'s|\s+is|\s+are)\s+(?:anything|something|any)
        | anything | something | any\s+\w+ | questions? | problems? | issues?
        | (?:I|we)\s+(?:can|could|should))\b""",
    VERBOSE,
)
"""'Let me know if you need anything': an offer of help. The reader is asked for nothing."""


def _not_an_offer(text: str, match: re.Match[str]) -> bool:
    return _OFFER.match(text, match.start()) is None


# --- number ------------------------------------------------------------------------------------

_NUMBER = WordRules(
    [
        ("#num", r"\d+(?:[.,]\d+)*(?:\s*%)?"),
        (
            "one two three four five six seven eight nine ten eleven twelve twenty thirty hundred "
            "thousand million dozen half percent",
            r"""(?<!\bno\s)(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve
                |twenty|thirty|hundred|thousand|million|dozen|half|percent)\b""",
        ),
    ]
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|(?-i:Mar)(?:ch)?|march|apr(?:il)?|(?-i:May)|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WORD_CHARS = re.compile(r"[\w.:/#%+-]")
_LEAD_PUNCT = "([{\"'~+<>=$€£≈-"
_ID_BEFORE = re.compile(
    rf"""(?:\b(?:PR|MR|pull\s+request|issue|ticket|bug|build|commit|line|port|room|sprint|case
        |invoice|order|version|release|ver|python|node|java|postgres(?:ql)?|ubuntu|ios|android)
        \s*\#?|\b{_MONTH}\.?\s+(?:the\s+)?)\Z""",
    VERBOSE,
)
"""Words right before a number that make it an id, a version or a date: 'PR 482', 'May 10'."""
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|until|from|before|after|during|early|mid|late|on)\s+\Z", IGNORE
)
_AFTER_NOT_QUANTITY = re.compile(
    rf"""(?:\s*(?:am|pm|a\.m\.|p\.m\.|o'clock)\b|\s+(?:of\s+)?{_MONTH}\b|(?:st|nd|rd|th)\b)""",
    VERBOSE,
)
"""Words right after a number that make it a time, a date or an ordinal: '3pm', '10 May', '3rd'."""
_ID_SHAPES = re.compile(
    r"""(?:.*[a-z\#_][-_.\#/]?\d.*               # INV-42, v2.1, #482, abc123, covid-19
        |.*\d:\d.*                               # 09:10
        |\d+(?:\.\d+){2,}\w*                     # 1.2.3
        |\d{4}-\d{1,2}-\d{1,2}.*                 # 2026-12-04
        |\d{1,2}[./]\d{1,2}[./]\d{2,4})           # 04/12/2026, 4.12.26
    """,
    VERBOSE,
)
_DEADLINE_BEFORE = re.compile(r"\b(?:by|on|due|until|before|from|after)\s+\Z", IGNORE)


def _is_quantity(text: str, match: re.Match[str]) -> bool:
    """A number that counts something, not one that names a ticket, a time, a version or a date."""
    start, end = match.start(), match.end()
    if not text[start].isdigit():
        return True  # a number word: 'two hours'
    before_char = text[start - 1] if start > 0 else " "
    if (
        before_char.isalnum()
        or before_char in "#_"
        or (before_char in "-.:/" and start > 1 and text[start - 2].isalnum())
    ):
        return False  # 'INV-42', '#482', 'v2', or the second part of '09:10' or '2.1.3'
    # the whole token around the digits ('INV-42', 'v2.1', '09:10'), within a short reach
    while start > max(0, match.start() - 30) and _WORD_CHARS.match(text[start - 1]):
        start -= 1
    while end < min(len(text), match.end() + 30) and _WORD_CHARS.match(text[end]):
        end += 1
    word = text[start:end].lstrip(_LEAD_PUNCT).rstrip(".,:;!?)]}\"'")
    before = text[max(0, start - 25) : start]
    if _ID_SHAPES.fullmatch(word) or _ID_BEFORE.search(before):
        return False
    if re.fullmatch(r"\d{1,2}/\d{1,2}", word) and _DEADLINE_BEFORE.search(before):
        return False  # 'due 12/04' is a date; '3/10 runs' is a quantity
    if re.fullmatch(r"(?:19|20)\d\d", word) and _YEAR_BEFORE.search(before):
        return False  # 'in 2026' is a year; '2000 users' is a quantity
    return _AFTER_NOT_QUANTITY.match(text, match.end()) is None


# --- greeting, sign-off, apology, gratitude -----------------------------------------------------

_GREETING = re.compile(rf"^\s*{alternation('greetings')}\b", IGNORE)
"""Greetings: lexicons/greetings.txt, the list the style rule structure.missing_greeting reads."""

_CAPITAL = r"(?-i:[A-ZÀ-ÖØ-Þ])"
_NAME = rf"(?!I\b){_CAPITAL}[\w.'-]{{0,30}}(?:[ \t]+{_CAPITAL}[\w.'-]{{0,30}}){{0,3}}"
_CLOSING_LINE = re.compile(
    rf"""(?:[-–—][ \t]?)?
        {alternation("sign_offs")}
        (?:\s+(?:again|so\s+much|a\s+lot|in\s+advance|for\s+(?:your|the|all\s+your|all\s+the)\s+
            (?:[\w-]+\s+)?(?:help|time|support|review|reviews|patience|feedback|understanding
            |input|answer|reply|work)))?
        [,.!]*(?:[ \t]*{_NAME}[.!]?)?""",
    VERBOSE,
)
"""A closing line, trimmed: the sign-off words (lexicons/sign_offs.txt, shared with the style
rules), maybe 'for your help', maybe a name."""
_CLOSING_SENTENCE = re.compile(rf"{alternation('closing_sentences')}\b[^\n]{{0,50}}", IGNORE)
"""A short closing sentence ('Looking forward to your reply.'): lexicons/closing_sentences.txt."""
_NAME_LINE = re.compile(rf"(?!I\b){_CAPITAL}[^\n.?!]{{0,60}}\.?", VERBOSE)
"""A line after the sign-off: a name, a role, a student ID ('I will check it.' is none)."""
_LONGEST_CLOSING = 120
"""A sign-off line is short; longer candidates are not tried (and no pattern sees long runs)."""


def detect_sign_off(text: str) -> Span | None:
    """Closes with a sign-off: its own closing line(s) or a short closing sentence after content.

    The closing is the last line (or the last sentence of it), or the line before one or two name
    lines. 'Thanks, I will check it.' alone is a reply, not a sign-off: the words after 'Thanks'
    say something, and nothing comes before it for it to close.
    """
    lines = segment_lines(text)
    for after in range(min(2, len(lines) - 1) + 1):
        closing = lines[-1 - after]
        following = lines[len(lines) - after :]
        if not all(
            len(text[s.start : s.end].split()) <= 6 and _NAME_LINE.fullmatch(text, s.start, s.end)
            for s in following
        ):
            continue
        line_starts = [closing.start] + [
            s.start for s in sentences(text) if closing.start < s.start < closing.end
        ]
        for start in line_starts:
            if closing.end - start > _LONGEST_CLOSING or not text[:start].strip():
                continue  # too long, or nothing before it to close
            if _CLOSING_LINE.fullmatch(text, start, closing.end) or (
                after == 0 and _CLOSING_SENTENCE.fullmatch(text, start, closing.end)
            ):
                return Span(start, lines[-1].end)
    return None


_APOLOGY = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies|my\s+apologies|my\s+bad|forgive\s+me)\b", IGNORE
)
_GRATITUDE = re.compile(r"\b(?:thanks|thank\s+you|appreciate|grateful|thx)\b", IGNORE)

_POLITE = r"(?:please|kindly|pls|plz|could|can|would|will|you|someone|anyone|somebody|just|\s)*"
_VAGUE = re.compile(
    rf"""{_POLITE}{alternation("vague_requests")}
        (?:\s+(?:me|us|on\s+this|on\s+the\s+same|regarding\s+this|asap|urgently|at\s+the\s+earliest
        |as\s+soon\s+as\s+possible|on\s+priority|here|with\s+this|out))*[\s.!?,]*""",
    VERBOSE,
)
"""A request with nothing specific in it: 'please do the needful', 'kindly revert', 'can you
help?' (lexicons/vague_requests.txt)."""


_NO_ACTION = re.compile(
    r"""\bdo\s+(?:the\s+)?(?:needful\b|necessary\b(?!\s+(?!regarding|about|for|on|asap|at|with)
        [a-z]))""",
    VERBOSE,
)
"""'Do the needful' / 'do the necessary' name no action, whatever topic follows ('regarding the
access issue'); 'do the necessary changes' does."""


def _specific(text: str, match: re.Match[str]) -> bool:
    """Context check: the request names what is wanted ('please do the needful' does not)."""
    line_end = text.find("\n", match.start())
    end = len(text) if line_end < 0 else line_end
    sentence_end = min(
        (i for i in (text.find(c, match.start(), end) for c in ".!?") if i >= 0), default=end
    )
    stop = min(end, sentence_end + 1)
    if _NO_ACTION.search(text, match.start(), stop):
        return False
    return _VAGUE.fullmatch(text, match.start(), stop) is None


detect_request: Detector = regex_finder(_REQUEST, all_of(_not_an_offer, _specific))
"""Asks someone for something specific (an offer of help, or 'please do the needful', asks for
nothing a reader can act on)."""
detect_number: Detector = regex_finder(_NUMBER, _is_quantity)
"""Gives a number or quantity (not an id, a time, a version or a date)."""
detect_greeting: Detector = regex_finder(_GREETING)
"""Opens with a greeting."""
detect_apology: Detector = regex_finder(_APOLOGY)
"""Apologises ('Unfortunately' regrets, it does not apologise)."""
detect_gratitude: Detector = regex_finder(_GRATITUDE)
"""Thanks someone."""
