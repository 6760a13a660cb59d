"""The date_time detector: a date, deadline, clock time or time estimate a reader can plan with.

Measured on real progress updates (benchmarks/quality_rubric.py), the old detector counted every
"this week" and "last week": in updates those frame what was done, not when something will be
done, so it agreed with readers on 63% of messages. An ETA looks forward. What counts:
- a deadline: "by Friday", "before Monday", "until January 14", "due 2026-12-04", "by the 4th";
- a future point: "tomorrow", "tonight", "next week", "end of day", "EOD", "the coming sprint";
- an estimate: "in 2 days", "within a week", "in a day or two", "takes 3 hours", "2 more days",
  "ETA: ...";
- an absolute date or clock time: "May 3", "the 10th", "Thursday", "at 3pm", "10:30";
- "today" / "this week" only when the same sentence promises completion in the future
  ("I hope to finish it this week") or opens with the writer's plan for that period ("Today we
  will connect the login": the shared judging rules count a plan for this week as a date), not
  when it frames past work ("This week I fixed ...").
What does not count: "soon", "ASAP", "later", "in a short time", "last week", "yesterday",
"about 1 week behind" (a delay, not an ETA), "3rd party".
"""

from __future__ import annotations

import re

from commcoach.language.calendar import MONTH, WEEKDAY
from commcoach.rubric.detectors.base import (
    FUTURE_MARK,
    VERBOSE,
    Detector,
    WordRules,
    all_of,
    earliest,
    regex_finder,
    sentence_at,
)
from commcoach.rubric.detectors.headings import section_at

_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|a\s+couple\s+of|a\s+couple|a\s+few|few|several|half\s+an?|a\s+dozen|an?)"
)
_NUM = rf"(?:\d+(?:\.\d+)?|{_NUMBER_WORD})"
_NUM_RANGE = rf"{_NUM}(?:\s*(?:-|–|to|or)\s*{_NUM})?"
_OR_SO = r"(?:\s+or\s+(?:two|three|so|more))?"
"""'a day or two', 'a week or so'."""
_MONTH_IN_PROSE = MONTH.replace("|may|", "|(?-i:May)|").replace("mar(?:ch)?", "(?-i:Mar)(?:ch)?")
"""Bare 'may 3' or 'march 4' in lowercase is a modal or a verb; as a date they are capitalised."""
_UNIT = (
    r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|sprints?|business\s+days?"
    r"|working\s+days?|work\s+days?)"
)
_PERIOD = r"(?:week|month|sprint|quarter|year|release|weekend|cycle|iteration|milestone)"
_ORDINAL = r"(?:[12]?\d|3[01])(?:st|nd|rd|th)"
_NOT_A_DAY = (
    r"(?!\s+(?:party|place|time|times|floor|attempt|round|try|edition|version|grade|person|line"
    r"|column|row|item|step|option|iteration|commit|pr|issue|level|generation|century|gen|"
    r"anniversary|birthday|largest|biggest|most|best)\b)"
)

# A point in time that can follow a deadline word ("by", "before", "until", "due").
_POINT = rf"""(?:
      (?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:day|{_PERIOD}|today|tomorrow|{MONTH})
    | tomorrow | tonight | today | noon | midday | midnight | lunch(?:time)?
    | (?:this|next|the\s+next|the\s+coming|coming)\s+{_PERIOD}
    | (?:next\s+|this\s+|the\s+)?{WEEKDAY}
    | {MONTH}\b(?:\s+{_ORDINAL}\b|\s+\d{{1,2}}\b)?
    | (?:the\s+)?{_ORDINAL}\b(?:\s+of\s+{MONTH})?
    | \d{{1,2}}(?::\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.)
    | \d{{1,2}}:\d{{2}}
    | \d{{4}}-\d{{2}}-\d{{2}}
    | \d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?
    | (?-i:Q[1-4]|EOD|EOW|COB|EOM|EOY|EOB)
)"""

_NUM_FIRST = (
    "#num one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "forty fifty a an few several half"
)
_COUNT = (
    r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty)"
)
_COUNT_FIRST = (
    "#num one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "forty fifty"
)
_WEEKDAY_WORDS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri "
    "sat sun"
)
_MONTH_WORDS = (
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december"
)

_FUTURE_TIME = WordRules(
    [
        (
            "by before until till til no not due eta",
            rf"""(?:by|before|until|till|til|no\s+later\s+than|not\s+later\s+than
                |due(?:\s+(?:by|on|at|in))?|ETA\s*:?)\s+{_POINT}(?![\w/:-])""",
        ),
        ("tomorrow tonight", r"(?:tomorrow|tonight)\b"),
        # a quarter or half of the year ahead: 'tackle this in Q1', 'during H2 2026'
        ("in during", r"(?:in|during)\s+(?:early\s+|late\s+)?(?-i:Q[1-4]|H[12])(?:\s+\d{4})?\b"),
        ("next coming", rf"(?:next|coming)\s+(?:{_PERIOD}|{WEEKDAY})\b"),
        (
            "the next coming",
            rf"""(?:the\s+)?(?:next|coming)\s+(?:few\s+|couple\s+of\s+|{_NUM}\s+)?
                (?:{_UNIT}|{_PERIOD}s)\b""",
        ),
        (
            "later early earlier",
            rf"(?:later|early|earlier)\s+(?:today|tonight|this\s+{_PERIOD}|next\s+{_PERIOD})\b",
        ),
        ("end", rf"end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:day|{_PERIOD}|today|tomorrow)\b"),
        ("eod eow cob eom eoy eob", r"(?-i:(?:EOD|EOW|COB|EOM|EOY|EOB)\b)"),
        ("within", rf"within\s+(?:this|the\s+next|the|a)\s+(?:{_PERIOD}|day|{_NUM}\s+{_UNIT})\b"),
        (
            "in within",
            rf"""(?:in|within)\s+(?:the\s+next\s+|about\s+|around\s+|roughly\s+|another\s+
                |less\s+than\s+|under\s+|approximately\s+|approx\.?\s+)?{_NUM_RANGE}\s+
                (?:more\s+)?{_UNIT}{_OR_SO}\b""",
        ),
        (
            "takes take taking need needs another estimated estimate",
            rf"""(?:takes?|taking|need|needs|another|estimated?|estimate\s+of)\s+(?:about\s+
                |around\s+|roughly\s+|another\s+|up\s+to\s+|at\s+least\s+|at\s+most\s+)?
                {_NUM_RANGE}\s+(?:more\s+)?{_UNIT}\b""",
        ),
        (_NUM_FIRST, rf"{_NUM_RANGE}\s+more\s+{_UNIT}\b"),
        (
            "eta",
            r"(?-i:ETA\b)\s*(?:is\s+|:\s*|of\s+|-\s*|=\s*)?(?!(?i:tbd|tba|unknown|unclear|ditto|same|none|n/a|not\s+sure)\b|\?)[\w~<>]\S*",
        ),
    ]
)
"""Forward-looking time expressions: deadlines, future points and estimates."""

_LENGTH = WordRules(
    [
        # a length: '25 minutes', 'a 20-minute call', 'two days' (not '1 week behind', '2 days
        # ago', 'the last 3 days', and not 'a day', which is mostly idiom)
        (
            _COUNT_FIRST,
            rf"""(?<!\blast\s)(?<!\bpast\s)(?<!\bprevious\s)(?<!\bfirst\s){_COUNT}
                (?:\s*(?:-|–|to|or)\s*{_COUNT})?[\s-]+{_UNIT}\b
                (?!\s+(?:behind|ago|late|overdue|earlier|back|before))""",
        ),
    ]
)
"""A bare length of time, an estimate only when it does not report time already spent."""

_TIME_SPENT = re.compile(
    r"\b(?:spent|spend|spending|worked|logged|invested|wasted|put\s+in)\b", re.IGNORECASE
)
"""Words before a length that make it the effort of the period reported ('I spent 8 hours',
'worked 4 hours on it'), not an estimate. The length of an event still counts ('the outage
lasted 25 minutes', 'the site was down for an hour'): an incident summary needs it."""


_HOURS_PROMPT = re.compile(
    r"\bhours\b[^\n]{0,40}\bspen[dt]\b|\bspen[dt]\b[^\n]{0,40}\bhours\b", re.I
)
"""A template question about effort ('How many hours did you spend on the project?',
'breakdown of hours spent'): the lengths in the lines under it answer it."""
_PROMPT_REACH = 400


def _length_is_estimate(text: str, match: re.Match[str]) -> bool:
    """'two days' counts unless its clause reports effort spent ('I spent 8 hours this week');
    with a future mark ('I'll spend two more days on it') it still counts."""
    if not _estimate_looks_forward(text, match):
        return False
    section = section_at(text, match.start())
    if section is not None and section.kind == "done":
        return False  # '## Done\n- Batch conversion (5 hours)': the time it took
    sentence = sentence_at(text, match.start())
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = text[max(sentence.start, line_start, match.start() - 60) : match.start()]
    prompt = text[max(0, line_start - _PROMPT_REACH) : line_start]
    if _TIME_SPENT.search(before) is None and _HOURS_PROMPT.search(prompt) is None:
        return True
    return FUTURE_MARK.search(text, sentence.start, sentence.end) is not None


_NEGATED_PERFECT = re.compile(
    r"\b(?:hasn't|haven't|has\s+not|have\s+not|hadn't|not|never|first\s+time)\b", re.IGNORECASE
)


_LENGTH_START = re.compile(rf"(?:in\s+)?{_COUNT}\b|in\s", re.IGNORECASE)


def _estimate_looks_forward(text: str, match: re.Match[str]) -> bool:
    """'(in) 2 years' after 'hasn't had a commit' looks back, not forward."""
    if not _LENGTH_START.match(match.group(0)):
        return True
    sentence = sentence_at(text, match.start())
    return _NEGATED_PERFECT.search(text, sentence.start, match.start()) is None


_ABSOLUTE = WordRules(
    [
        (_MONTH_WORDS, rf"{_MONTH_IN_PROSE}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?![.:/]\d|\s*%)"),
        ("#num", rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_IN_PROSE}\b"),
        (
            "on by from after before until till the",
            rf"(?:on|by|from|after|before|until|till|the)\s+(?:the\s+)?{_ORDINAL}\b{_NOT_A_DAY}",
        ),
        ("#num", r"\d{4}-\d{2}-\d{2}\b"),
        # a numeric date after 'on' ('Release on 12/14/2026'; a bare '12/14 of the tests' is a
        # fraction), or in a deadline field ('Target date: 12/14', 'Deadline: 14.12.')
        ("on", r"on\s+\d{1,2}/\d{1,2}(?:/\d{2,4})?\b(?!/)"),
        (
            "target delivery release completion expected due deadline",
            rf"""(?:(?:target|delivery|release|completion|expected|due|end)\s+date|deadline)
                \s*[:=-]?\s*(?:{_POINT}(?![\w/:-])|\d{{1,2}}\.\d{{1,2}}\.(?:\d{{2,4}})?)""",
        ),
        ("#num", r"\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)"),
        ("#num", r"\d{1,2}:\d{2}\b(?!:)"),
        (
            "at by before after around",
            r"(?:at|by|before|after|around)\s+(?:\d{1,2}:\d{2}|\d{1,2}\b(?!\s*(?:%|\w)))",
        ),
        (
            "at by around after",
            r"(?:at|by|around|after)\s+(?:noon|midday|midnight|lunch(?:time)?)\b",
        ),
        (
            _WEEKDAY_WORDS,
            rf"(?<!\blast\s)(?<!\bpast\s)(?<!\bsince\s)(?<!\bprevious\s){WEEKDAY}",
        ),
    ]
)
"""Dates and clock times. A weekday counts unless it is 'last Friday' or 'since Monday'."""

_CURRENT_PERIOD = re.compile(
    r"""\b(?:today|this\s+(?:morning|afternoon|evening|week|weekend|sprint|month|quarter|year)
        |over\s+the\s+weekend)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_COMPLETION = re.compile(
    r"""\b(?:finish\w*|complet\w*|done|ready|have|deliver\w*|ship|shipping|release|releasing
        |merge|merging|submit\w*|publish\w*|resolv\w*|wrap(?:ping)?\s+(?:it\s+|this\s+)?up|land
        |deploy\w*|send|hand\s+in|close|launch\w*|up\s+for\s+review|in\s+review|live
        |remaining|catch(?:ing)?\s+up|cover(?:ing)?\s+up|push(?:ing)?|upload\w*
        |open(?:ing)?\s+(?:a|the|my)\s+(?:PR|pull\s+request|MR))\b""",
    VERBOSE,
)


_PLAN_FOR_PERIOD = re.compile(
    r"""[ \t,]*(?:I|we)(?:'m|'re|\s+am|\s+are)?\s*(?:also\s+)?
        (?:will|'ll|shall|going\s+to|plan(?:ning)?\s+to|hope\s+to|aim\s+to|want\s+to|need\s+to)""",
    re.IGNORECASE | re.VERBOSE,
)
"""Right after an opening 'Today' / 'This week': the writer's plan ('Today we will ...',
'This week I'm going to ...'), not a frame for past work ('This week I fixed ...')."""


def _promises_completion(text: str, match: re.Match[str]) -> bool:
    """'today' / 'this week' count beside a future promise to finish or deliver, or when they
    open a sentence that says what will be done in that period ('Today we will connect the
    login', 'This week I'll focus on tests'): a plan for the period is a date to plan with."""
    sentence = sentence_at(text, match.start())
    chunk = text[sentence.start : sentence.end]
    if FUTURE_MARK.search(chunk) is None:
        return False
    opens = not text[sentence.start : match.start()].strip(" \t-*#>:,")
    if opens and _PLAN_FOR_PERIOD.match(text, match.end()) is not None:
        return True
    return _COMPLETION.search(chunk) is not None


_AVAILABILITY = re.compile(
    r"""\b(?:free|available|availability|reachable|online|around|off|away|out\s+of\s+office|ooo
        |on\s+leave|on\s+vacation|hours\s+(?:a|per)\s+(?:day|week)|can\s+(?:work|meet|talk|chat)
        |(?:work|working)\s+(?:hours|on\s+(?:weekdays|weekends))
        |(?<!get\s)(?<!getting\s)back\s+(?:tomorrow|on\s+\w+day|next\s+week|in\s+the\s+office))\b""",
    VERBOSE,
)
_RECURRING = re.compile(
    rf"""\s*(?:[-–]|to|through|thru)\s*(?:{WEEKDAY}|[A-Z]\b)|s\b|\s+(?:and|&|/)\s+{WEEKDAY}s\b""",
    VERBOSE,
)


_RANGE_BEFORE = re.compile(rf"{WEEKDAY}\s*[-–]\s*\Z", re.IGNORECASE)


def not_availability(text: str, match: re.Match[str]) -> bool:
    """Context check: a time that says when the writer is free is not an ETA.

    'I am free after 3 PM', 'available Mon-Fri', 'Saturdays', 'if you're free on Friday' say
    when to reach someone, not when the work will be done.
    """
    if _RECURRING.match(text, match.end()) is not None or _RANGE_BEFORE.search(
        text, max(0, match.start() - 12), match.start()
    ):
        return False  # 'Mon-Fri', 'Fri - Tue': a range of days is a schedule
    sentence = sentence_at(text, match.start())
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    end = min(sentence.end, match.end() + 40, len(text) if line_end < 0 else line_end)
    clause = text[max(sentence.start, line_start, match.start() - 80) : end]
    return _AVAILABILITY.search(clause) is None


detect_date_time: Detector = earliest(
    regex_finder(_FUTURE_TIME, all_of(_estimate_looks_forward, not_availability)),
    regex_finder(_LENGTH, all_of(_length_is_estimate, not_availability)),
    regex_finder(_ABSOLUTE, not_availability),
    regex_finder(_CURRENT_PERIOD, _promises_completion),
)
"""A date, deadline, clock time or estimate (not 'soon', not a past period such as 'last week')."""
