"""The closed set of built-in rubric detectors, and the matcher for declarative detector specs.

Scenario files never hold code: they name a built-in detector, list phrases, give a regular
expression, or combine those with `any` / `all`. Each built-in detector answers one question about
a learner's message ("does it give a date or time?") and returns the evidence span, so the UI can
show which words satisfied a rubric element. All are regular expressions over sentences:
predictable, fast, explainable, and measured in benchmarks/quality.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from commcoach.text import Span, split_sentences

Detector = Callable[[str], Span | None]
"""A detector takes a message and returns the span of its evidence, or None."""

_I = re.IGNORECASE

_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\b\.?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|hundred|thousand|a couple of|a few|half an?|a dozen|a)"
)
_UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|sprints?|business days?|working days?)"

_DATE_TIME = re.compile(
    rf"""
      \b(?:today|tonight|tomorrow|yesterday|this\s+(?:morning|afternoon|evening|week|sprint|month|quarter))\b
    | \b(?:by|on|until|till|before|after|from|next|this|last|every|each)\s+{_WEEKDAY}
    | \b{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|noon|EOD))?
    | \b(?:end\s+of\s+(?:the\s+)?(?:day|week|sprint|month|quarter|year|today|tomorrow))\b
    | \b(?:EOD|EOW|COB|EOM)\b
    | \b(?:next|this|last|coming)\s+(?:week|sprint|month|quarter|year|release|weekend)\b
    | \bwithin\s+(?:the\s+next\s+)?(?:\d+|{_NUMBER_WORD})\s+{_UNIT}
    | \b(?:in|for|about|around|another|takes?|take|need|needs)\s+(?:about\s+|around\s+|roughly\s+|another\s+)?(?:\d+(?:\.\d+)?|{_NUMBER_WORD})\s*(?:more\s+)?{_UNIT}
    | \b\d+(?:\.\d+)?\s*(?:-\s*\d+\s*)?{_UNIT}\b
    | \b\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.)
    | \b\d{{1,2}}:\d{{2}}\b
    | \b(?:at|by|before|after|around)\s+(?:noon|midnight|lunch|\d{{1,2}}(?::\d{{2}})?)\b
    | \b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b
    | \b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b
    | \b(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b
    | \b\d{{4}}-\d{{2}}-\d{{2}}\b
    | \b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b
    | \bQ[1-4]\b
    | \b(?:deadline|due|ETA)\b\s*(?:is|:|of|date)?\s*\S+
    """,
    _I | re.VERBOSE,
)

_IRREGULAR_PAST = (
    r"(?:did|made|wrote|built|ran|found|got|set|put|sent|began|brought|took|gave|kept|left|"
    r"read|saw|spent|split|thought|understood|went|won|broke|chose|drew|fed|fought|held|led|"
    r"lost|met|paid|rewrote|shipped|caught|taught|bought|sat|spoke|told|threw)"
)
_COMPLETED = re.compile(
    rf"""
      \b(?:I|we|I've|we've|I\s+have|we\s+have|I\s+had|we\s+had|I\s+just|we\s+just|(?:I|we)\s+already|(?:I|we)\s+finally)\s+
        (?:also\s+|then\s+|just\s+|already\s+|finally\s+|mostly\s+|successfully\s+)?
        (?:[a-z]+ed|{_IRREGULAR_PAST}|done|been\s+\w+ing)\b
    | \b(?:done|completed|finished|fixed|merged|shipped|deployed|released|resolved|closed)\s*[:\-]
    | ^\s*(?:[-*•]\s*)?(?:done|completed|finished|yesterday|last\s+week|this\s+week)\b\s*[:\-]
    | \b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+)?(?:done|finished|complete|completed|merged|fixed|deployed|released|live|resolved|ready\s+for\s+review|in\s+review|up\s+for\s+review)\b
    | \b(?:yesterday|last\s+week|this\s+week|so\s+far)\b[^.!?\n]{{0,40}}\b(?:[a-z]+ed|{_IRREGULAR_PAST})\b
    | \b(?:managed\s+to|was\s+able\s+to|were\s+able\s+to)\s+\w+
    | ^\s*(?:[-*•]\s*)?(?!(?:Blocked|Needed|Planned|Scheduled|Expected|Concerned|Interested|Worried|Based|Related)\b)(?:[A-Z][a-z]+ed|Wrote|Built|Made|Found|Got|Set\s+up|Sent|Ran)\b
    """,
    _I | re.VERBOSE | re.MULTILINE,
)

_FUTURE = re.compile(
    r"""
      \b(?:I|we)\s*(?:'ll|\s+will|\s+shall)\s+(?!not\b|never\b)\w+
    | \b(?:I|we)(?:'m|\s+am|'re|\s+are)\s+(?:going\s+to|planning\s+to|about\s+to|hoping\s+to)\s+\w+
    | \b(?:I|we)\s+(?:plan|intend|aim|hope|want|expect|need)\s+to\s+\w+
    | \b(?:I|we)\s+(?:would\s+like|'d\s+like)\s+to\s+(?!ask|know|request)\w+
    | \b(?:next|today|tomorrow|this\s+week|next\s+week|later)\s*(?:,|:|-|I\s+will|I'll|I\s+am|I'm|we\s+will|we'll|I\s+plan)
    | ^\s*(?:[-*•]\s*)?(?:next|to\s*do|todo|plan|plans|today|tomorrow|next\s+steps?|upcoming|this\s+week)\b\s*[:\-]
    | \b(?:my|our|the)\s+(?:next\s+steps?|plan|goal|focus)\s+(?:is|are|will\s+be|for)\b
    | \b(?:next\s+up|going\s+forward|moving\s+forward|from\s+here)\b
    | \b(?:I|we)(?:'m|\s+am|'re|\s+are)\s+(?:now\s+|currently\s+|still\s+)?(?:working|starting|focusing|continuing|moving)\s+(?:on|with|to)\b
    | \bwill\s+(?:be\s+)?(?:work|start|continue|finish|focus|look|try|implement|add|write|send|fix|test)\w*
    """,
    _I | re.VERBOSE | re.MULTILINE,
)

_REQUEST = re.compile(
    r"""
      \b(?:could|can|would|will)\s+(?:you|someone|anyone|somebody|we)\s+(?:please\s+)?\w+
    | \bplease\s+\w+
    | \b(?:would|do)\s+you\s+(?:mind|have\s+(?:time|a\s+minute|a\s+moment|\d+\s+minutes))
    | \b(?:I|we)\s+(?:need|require|would\s+need)\s+(?:your|some|a\s+bit\s+of|help|access|a\s+review|input|guidance|feedback|approval)
    | \b(?:I'd|I\s+would|we'd|we\s+would)\s+(?:appreciate|be\s+grateful|love|like)\b
    | \b(?:is|would)\s+it\s+(?:be\s+)?(?:possible|ok|okay|alright|fine)\b
    | \b(?:let\s+me\s+know|any\s+(?:help|advice|pointers|suggestions|ideas|tips))\b
    | \b(?:can|could|may)\s+I\s+(?:ask|get|have|borrow|book|schedule|grab)\b
    | \b(?:looking\s+for|need)\s+(?:help|advice|a\s+reviewer|someone)\b
    """,
    _I | re.VERBOSE,
)

_BLOCKER = re.compile(
    r"""
      \b(?<!no\s)(?<!not\s)(?:blocked|blocking|blocker|blockers)\b(?!\s*:\s*(?:none|no|n/a|nothing)\b)
    | \b(?:waiting|wait)\s+(?:for|on)\b
    | \b(?:depends|depending|dependent)\s+on\b
    | \b(?:stuck|hung\s+up)\s+(?:on|with|at|in)?\b
    | \b(?:can't|cannot|can\s+not|couldn't|could\s+not|unable\s+to|not\s+able\s+to|don't\s+know\s+how)\s+\w+
    | \b(?:don't|do\s+not|doesn't|no)\s+(?:have\s+)?(?:access|permission|permissions|credentials)\b
    | \b(?:risk|risks|risky|concern|concerned|worried|issue\s+with|problem\s+with|problems\s+with|trouble\s+with|struggling)\b
    | \b(?:fail|fails|failing|failed|broken|breaks|crash|crashes|crashing|flaky|error|errors|bug\s+in)\b
    | \b(?:might|may|could)\s+(?:not|slip|be\s+late|delay|take\s+longer)\b
    | \b(?:delayed|delay|behind\s+schedule|slipping|slip)\b
    | \bneed\s+\w+\s+(?:before|first)\b
    | \b(?:until|unless)\s+(?:I|we)\s+(?:get|have|hear)\b
    """,
    _I | re.VERBOSE,
)

_NUMBER = re.compile(
    r"""
      \b\d+(?:[.,]\d+)*\s*%?
    | \b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|thousand|million|dozen|half|percent)\b
    """,
    _I | re.VERBOSE,
)

_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings|morning)\b",
    _I,
)
_SIGN_OFF = re.compile(
    r"(?:^|\n)\s*(?:thanks|thank\s+you|many\s+thanks|best|best\s+regards|kind\s+regards|regards|"
    r"cheers|sincerely|all\s+the\s+best|talk\s+soon)\b[^\n]{0,40}(?:\n\s*[A-Z][\w .-]{0,40})?\s*$",
    _I,
)
_APOLOGY = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies|my\s+apologies|my\s+bad|forgive\s+me)\b", _I
)
_GRATITUDE = re.compile(r"\b(?:thanks|thank\s+you|appreciate|grateful|thx)\b", _I)

_UNDERSTANDING = re.compile(
    r"""
      \b(?:I|we)\s+(?:understand|understood|gather|assume|believe|see|know|read|noticed|saw)\s+(?:that|the|this|how|it|you|from)\b
    | \b(?:my|our)\s+(?:understanding|reading|assumption)\b
    | \b(?:as|if)\s+I\s+(?:understand|understood|read|see)\b
    | \bfrom\s+what\s+I\s+(?:understand|read|see|can\s+tell|gather)\b
    | \b(?:as\s+far\s+as\s+I\s+(?:know|can\s+tell|understand))\b
    | \b(?:it\s+(?:seems|looks)\s+(?:like|that|to\s+me))\b
    | \b(?:the\s+(?:ticket|issue|spec|doc|description|task)\s+(?:says|mentions|asks|describes|states))\b
    | \b(?:currently|right\s+now|at\s+the\s+moment),?\s+(?:the|it|we|this|our)\b
    | \b(?:I've|I\s+have)\s+(?:read|looked\s+at|checked|gone\s+through|seen)\b
    | \b(?:I\s+think|I\s+guess)\s+(?:the|this|it|you|we)\b
    """,
    _I | re.VERBOSE,
)

_OPTIONS = re.compile(
    r"""
      \b(?:option|approach|alternative)\s+(?:a|b|1|2|one|two)\b
    | \b(?:options?\s+(?:are|is|would\s+be)|two\s+options|two\s+ways|alternatively)\b
    | \beither\b[^.?!\n]{1,120}\bor\b
    | \b(?:should|shall|do|can|could|would)\s+(?:I|we)\b[^.?!\n]{1,120}\bor\b[^.?!\n]{1,80}\?
    | \b(?:I|we)\s+(?:propose|suggest|recommend|could|can|would|might)\b[^.?!\n]{1,120}\bor\b
    | \b(?:I|we)\s+(?:propose|suggest|recommend)\b
    | \bby\s+default\b
    | \b(?:unless|if\s+not|if\s+I\s+don't\s+hear|otherwise)\b[^.?!\n]{0,80}\b(?:I|we)(?:'ll|\s+will|\s+would)\b
    | \b(?:I|we)(?:'ll|\s+will)\s+(?:assume|go\s+with|default\s+to|proceed\s+with)\b
    | \b(?:would\s+you\s+prefer|do\s+you\s+prefer|which\s+(?:one|option|approach)\s+(?:do|would|should))\b
    | \b(?:what\s+about|how\s+about|what\s+if\s+(?:I|we))\b
    | \b(?:my|our)\s+(?:plan|suggestion|proposal|idea)\s+(?:is|would\s+be)\b
    """,
    _I | re.VERBOSE,
)

_QUESTION_START = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:what|which|when|where|who|whom|whose|why|how|is|are|was|were|do|does|did|"
    r"can|could|should|shall|would|will|may|might|have|has|am|any\s+(?:idea|thoughts|chance))\b",
    _I,
)


def _regex_detector(pattern: re.Pattern[str]) -> Detector:
    def detect(text: str) -> Span | None:
        match = pattern.search(text)
        return Span(match.start(), match.end()) if match else None

    return detect


def detect_question(text: str) -> Span | None:
    """A sentence that asks something: ends with `?` or opens as a question."""
    for sentence in split_sentences(text):
        chunk = text[sentence.start : sentence.end]
        if chunk.rstrip().endswith("?"):
            return sentence
        if _QUESTION_START.match(chunk) and not chunk.rstrip().endswith("."):
            return sentence
    # A question mark inside a line (e.g. "Should I use X? I think so") still counts.
    index = text.find("?")
    if index >= 0:
        for sentence in split_sentences(text):
            if sentence.start <= index < sentence.end:
                return sentence
    return None


@dataclass(frozen=True, slots=True)
class BuiltinDetector:
    """A named built-in detector with the help text the scenario schema documents."""

    name: str
    summary: str
    detect: Detector


BUILTIN_DETECTORS: dict[str, BuiltinDetector] = {
    d.name: d
    for d in [
        BuiltinDetector("question", "asks a question", detect_question),
        BuiltinDetector(
            "date_time", "gives a date, time or duration (not 'soon')", _regex_detector(_DATE_TIME)
        ),
        BuiltinDetector(
            "completed_action", "says what was done (past tense)", _regex_detector(_COMPLETED)
        ),
        BuiltinDetector("future_plan", "says what comes next", _regex_detector(_FUTURE)),
        BuiltinDetector(
            "request", "asks someone to do something or for help", _regex_detector(_REQUEST)
        ),
        BuiltinDetector("blocker", "names a blocker, problem or risk", _regex_detector(_BLOCKER)),
        BuiltinDetector("number", "gives a number or quantity", _regex_detector(_NUMBER)),
        BuiltinDetector("greeting", "opens with a greeting", _regex_detector(_GREETING)),
        BuiltinDetector("sign_off", "closes with a sign-off", _regex_detector(_SIGN_OFF)),
        BuiltinDetector("apology", "apologises", _regex_detector(_APOLOGY)),
        BuiltinDetector("gratitude", "thanks someone", _regex_detector(_GRATITUDE)),
        BuiltinDetector(
            "understanding",
            "states what the writer already understands",
            _regex_detector(_UNDERSTANDING),
        ),
        BuiltinDetector("options", "proposes options or a default", _regex_detector(_OPTIONS)),
    ]
}
"""The closed set of built-in detectors, by the name scenario files use."""
