"""Detectors for progress updates and stand-ups: what was done, what comes next, what blocks.

Writers mark these three with tense and aspect ("I fixed", "I have added" / "I'll", "going to",
"I'm now working on") or with headings ("Done:", "Next:", "Blocked:"); real updates use both, and
often drop the subject ("- going to open a PR", "Hope to open a thread"). Under a heading, the
heading is the evidence, as long as the line below it says something ("Blocked: None" does not
name a blocker).
"""

from __future__ import annotations

import re

from commcoach.language.lexicons import entries
from commcoach.language.sections import is_negative_answer
from commcoach.language.spans import Span
from commcoach.rubric.detectors.base import (
    FUTURE_MARK,
    IGNORE,
    VERBOSE,
    Detector,
    StartRules,
    WordRules,
    all_of,
    earliest,
    is_question,
    next_sentence,
    not_in_question,
    not_negated,
    not_negated_in_clause,
    not_quoted,
    not_resolved_in_clause,
    regex_finder,
    sentence_at,
    standalone,
)
from commcoach.rubric.detectors.headings import (
    evidence,
    heading_finder,
    not_a_heading,
    section_at,
    sections,
)

# --- done --------------------------------------------------------------------------------------

_IRREGULAR_PAST = (
    r"(?:did|made|wrote|built|ran|found|got|set|put|sent|began|brought|took|gave|kept|left|"
    r"read|saw|spent|split|understood|went|won|broke|chose|drew|fed|fought|held|led|"
    r"lost|met|paid|rewrote|shipped|caught|taught|bought|sat|spoke|told|threw|shut|cut|hit)"
)
_NOT_WORK_PARTICIPLES = frozenset(
    [
        "arisen",
        "awoken",
        "beaten",
        "become",
        "bent",
        "bound",
        "bitten",
        "blown",
        "burnt",
        "come",
        "cost",
        "eaten",
        "fallen",
        "felt",
        "forbidden",
        "forgotten",
        "forgiven",
        "frozen",
        "hung",
        "heard",
        "hidden",
        "hurt",
        "lent",
        "let",
        "meant",
        "ridden",
        "risen",
        "said",
        "shaken",
        "sung",
        "sunk",
        "stood",
        "stolen",
        "stuck",
        "torn",
        "woken",
        "worn",
    ]
)
"""Participles that report a state or an event, not finished work ('I have heard', 'has
become'): left out of the done patterns."""
_IRREGULAR_PARTICIPLE = (
    "(?:"
    + "|".join(
        sorted(
            (p for p in entries("irregular_participles") if p not in _NOT_WORK_PARTICIPLES),
            key=len,
            reverse=True,
        )
    )
    + "|got)"
)
"""Irregular participles of finished work (lexicons/irregular_participles.txt, shared with the
style rules' passive kind)."""
_TAKEN_NOT_WORK = r"(?:break|guidance|rest|leave|time[ \t]+off|days?[ \t]+off)"
"""What one 'took' that is no work done ('took a break', 'took guidance from Sam'), in one line."""
_NOT_A_PAST = (
    r"(?!(?:got|get)\s+(?:(?:really|very|seriously|quite|a\s+bit)\s+)?(?:sick|ill|busy|stuck"
    r"|lost|confused|tired|hurt|injured|covid|distracted|delayed|blocked)\b)(?!(?:need|feed|seed|speed|proceed|exceed|succeed|embed|shed|bleed|breed|heed|weed|bed|red"
    r"|wanted|wondered|hoped|needed|intended|planned|meant|expected|liked|loved|used\s+to"
    r"|supposed|interested|concerned|worried|confused|excited|based|related|tired|pleased|decided"
    r"|dedicated|devoted|delayed|blocked|stuck|scheduled|expected|required|needed|surprised"
    r"|involved|assigned|engaged|occupied|overwhelmed|unblocked|crashed|broken|damaged|corrupted"
    r"|cancell?ed|postponed|rejected|denied)\b)"
    r"(?!(?:gone|went)\s+(?:\w+\s+)?(?:bad|badly|wrong|down|missing)\b)"
    r"(?!(?:tried|attempted|failed)\s+to\b)"
    r"(?!held\s+(?:\w+\s+){0,4}?back\b)"
    rf"(?!took\s+(?:a\s+|the\s+|some\s+)?(?:\w+\s+)?{_TAKEN_NOT_WORK}\b)"
    r"(?!lost\s+(?:\w+\s+){0,3}?(?:time|days?|hours?|week|momentum|access|track)\b)"
)
"""Words ending in -ed that are not past actions ('need', 'wanted to ask', 'was interested'),
faults and setbacks ('has crashed', 'has been broken', 'has gone bad'),
an attempt ('I tried to use Redux': a reader asks whether it worked) and time not spent working
('I lost half a day', 'took a break', 'took guidance from Sam'). Work begun ('I have started
refactoring the search') does count: readers take it as progress made."""
_ADVERB = r"(?:(?:also|then|just|already|finally|now|mostly|successfully|\w+ly|all)\s+)?"
_NO_MODAL_BEFORE = r"(?<!\bwould\s)(?<!\bcould\s)(?<!\bshould\s)(?<!\bmight\s)(?<!\bmust\s)"

_DONE_WORDS = (
    "closed merged shipped deployed released fixed done finished completed resolved submitted "
    "published landed updated added"
)
_COMPLETED = WordRules(
    [
        # I fixed / we mostly wrote / I've been working
        ("i we", rf"(?:I|we)\s+{_ADVERB}{_NOT_A_PAST}(?:[a-z]+ed|{_IRREGULAR_PAST})\b"),
        # (someone) has merged / I've written / we have recently added (not 'would have', 'you've')
        (
            "have has had *'ve",
            rf"""{_NO_MODAL_BEFORE}(?<!\byou\s)(?:have|has|had|(?!you')\w+'ve)\s+{_ADVERB}
                {_NOT_A_PAST}(?:[a-z]+ed|{_IRREGULAR_PARTICIPLE})\b(?!\s+(?:on|to)\s+\w+ing)""",
        ),
        (
            "fixed merged shipped deployed released resolved closed",
            r"(?:fixed|merged|shipped|deployed|released|resolved|closed)\s*[:\-]",
        ),
        # the fix is deployed / the PR has been merged
        (
            "is are was were has have",
            r"""(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+|finally\s+|already\s+)?
                (?:done|finished|complete|completed|merged|fixed|deployed|released|live|resolved
                |submitted|published|enhanced|added|implemented|introduced|ready\s+for\s+review
                |in\s+review|up\s+for\s+review)\b""",
        ),
        # the passive present perfect of finished work: 'the sequence diagram has been made anew'
        # (not a report of others' findings: 'has been reported', 'has been noticed')
        (
            "has have",
            rf"""(?:has|have)\s+been\s+{_ADVERB}{_NOT_A_PAST}(?!(?:reported|raised|opened|filed
                |requested|asked|discussed|mentioned|noticed|observed|found|seen|suggested
                |proposed|told|informed|given|invited|notified)\b)(?:[a-z]+ed
                |{_IRREGULAR_PARTICIPLE})\b""",
        ),
        # Last week developed the search (no subject)
        (
            "yesterday last this so",
            rf"""(?:yesterday|last\s+week|this\s+week|so\s+far)\b[^.!?\n]{{0,40}}?
                \b{_NOT_A_PAST}(?:[a-z]+ed|{_IRREGULAR_PAST})\b""",
        ),
        # Yesterday I fix the bug: a tense slip (the grammar channel flags it), but the learner
        # did say what was done, and the rubric must not tell them otherwise.
        (
            "yesterday last",
            r"""(?:yesterday|last\s+(?:week|night|sprint|monday|tuesday|wednesday|thursday|friday))
                \b,?\s+(?:I|we)\s+(?:also\s+|finally\s+)?(?:fix|finish|push|merge|deploy|write
                |add|update|review|test|start|complete|implement|create|build|send|debug
                |investigate|refactor|migrate|set\s+up|run|release|ship|close|solve|resolve)\b""",
        ),
        (
            "managed was were been",
            r"(?:managed\s+to|was\s+able\s+to|were\s+able\s+to|been\s+able\s+to)\s+\w+",
        ),
        # the migration script ran on staging / our PR got merged / the tests passed
        (
            "the our my this that these those",
            r"""(?:the|our|my|this|that|these|those)\s+(?:[\w#-]+\s+){0,3}?(?:ran|went|got|passed
                |finished|succeeded|worked|landed|shipped|merged|completed|deployed|released
                |came\s+back)\b""",
        ),
        # headline style: '4 of 6 tickets closed.', 'PR #12 merged, docs updated'
        (
            _DONE_WORDS,
            r"""(?<!\bbe\s)(?<!\bbeen\s)(?<!\bto\s)(?<!\byet\s)(?<!\bget\s)(?<!\bnot\s)(?<!\bis\s)
                (?<!\bare\s)(?<=\w\s)(?:closed|merged|shipped|deployed|released|fixed|done
                |finished|completed|resolved|submitted|published|landed|updated|added)
                (?=\s*(?:[.,;!)]|$)|\s+(?:and|today|yesterday|this\s+week|last\s+week)\b)""",
        ),
    ]
)
_LINE_NOT_A_PAST = (
    "blocked|needed|planned|scheduled|expected|concerned|interested|worried|based|related|need"
    "|speed|seed|feed|red|supposed|tired|pleased|excited"
)
"""Line openers ending in -ed (or spelled like a past) that state no finished work."""
_LOWER_NOT_A_PAST = (
    "bed|assigned|unassigned|wanted|hoped|intended|delayed|stuck|involved|required|used\\s+to"
    "|proposed|suggested|requested|asked|confused|surprised|amazed|bored|scared|annoyed"
    "|frustrated|satisfied|disappointed|married|retired|located|called|named|titled|entitled"
)
"""In lower case, chat style, more openers are states or others' acts ('- assigned to Sam')."""
_LINE_PAST = (
    "wrote|built|made|found|set\\s+up|sent|ran|did|rewrote|went|met|gave|led|spoke|kept"
    "|brought|caught|chose|drew|held|paid"
)
"""Irregular pasts that open a line of finished work in either case ('- Wrote', '- wrote')."""

_COMPLETED_LINE = StartRules(
    re.compile(
        rf"""[ \t]*(?:[-*•][ \t]*)?
        (?:(?!(?i:{_LINE_NOT_A_PAST})\b)
            (?-i:[A-Z][a-z]+ed|Done(?![ \t]*[:?-])|(?=[A-Z][a-z])(?i:{_LINE_PAST})|Got|Began
            |Spent|Took(?![ \t]+(?:a[ \t]+|the[ \t]+|some[ \t]+)?(?:\w+[ \t]+)?
                {_TAKEN_NOT_WORK}\b)
            |Read|Saw|Told)
          | (?!(?i:{_LINE_NOT_A_PAST}|{_LOWER_NOT_A_PAST})\b)
            (?-i:[a-z][a-z]+ed|(?=[a-z])(?i:{_LINE_PAST}))
        )\b""",
        VERBOSE,
    )
)
"""A line or sentence that opens with a past verb: '- Fixed the login bug', '... Tried X.', and
in lower case ('- merged the refund fix', 'fixed login bug, testing now'): learners and chat
write without capitals."""

_FUTURE_CONDITION = re.compile(
    r"""\b(?:after|once|when|until|till|before|as\s+soon\s+as|if|unless)\b[^,.;:!?\n]*\Z""",
    re.IGNORECASE,
)


def not_a_future_condition(text: str, match: re.Match[str]) -> bool:
    """'I will handle it after the exams are completed': a finish in a clause about the future
    ('after', 'once', 'when' ... beside 'will') is a condition, not work done."""
    sentence = sentence_at(text, match.start())
    if _FUTURE_CONDITION.search(text, sentence.start, match.start()) is None:
        return True
    return FUTURE_MARK.search(text, sentence.start, sentence.end) is None


_CHECKED_ITEM = re.compile(r"^[ \t]*[-*+][ \t]*\[[xX]\][ \t]+\S[^\n]*", re.MULTILINE)
"""A ticked Markdown task ('- [x] Make the API example doc'): the writer marks it finished.
An open box ('- [ ] ...') is still to do."""

detect_completed_action: Detector = earliest(
    regex_finder(
        _COMPLETED,
        all_of(
            not_in_question,
            not_quoted,
            not_a_heading,
            not_negated_in_clause,
            not_a_future_condition,
        ),
    ),
    regex_finder(_COMPLETED_LINE, all_of(not_in_question, not_a_heading, not_negated_in_clause)),
    regex_finder(_CHECKED_ITEM, not_quoted),
    heading_finder("done"),
)
"""Says what was done: past tense or present perfect, or a 'Done:' heading with content."""

# --- next --------------------------------------------------------------------------------------

_PRONOUN_AFTER_MODAL = r"(?:you|we|I|it|they|he|she|this|that|there|someone|anyone|not|never)"
_MODAL_ADVERB = (
    r"(?:(?:also|then|now|still|probably|likely|definitely|first|soon|try\s+to|\w+ly)\s+)?"
)
_NOT_ONGOING = (
    r"(?!(?:having|getting|feeling|wondering|asking|thinking|sorry|not|writing\s+to"
    r"|looking\s+forward|confused|unable|able|happy|glad|interested|sure|done|finished|stuck"
    r"|blocked|missing|saying|struggling|seeing|hearing|running\s+out|afraid|worried|aware|new"
    r"|also\s+not)\b)"
)
"""'-ing' words after 'I am' that describe a state, not ongoing work."""
_NOT_A_PRONOUN = rf"(?!{_PRONOUN_AFTER_MODAL}\b)"
_DETERMINER = r"(?:the|a|an|my|our|your|his|her|their|this|that)"
_NO_TASK = r"""(?!(?:make\s+up\s+for|catch\s+up\b(?!\s+(?:on|with)\b)|do\s+(?:my|our|the)\s+best
    |try\s+(?:my|our)\s+best|work\s+(?:harder|faster|better|more)\b|be\s+more\s+\w+
    |get\s+back\s+on\s+track|be\s+back\s+on\s+track|keep\s+(?:up\s+the|going)\b
    |be\s+(?:more\s+)?(?:productive|active|careful|available|online|around)\b
    |be\s+(?:no|busy|away|off|out|unavailable|travell?ing)\b
    |get\s+(?:a\s+(?:bit|little)|something|some\s+(?:work|stuff)|more|things)\s+done\b))"""
"""An effort or intention that names no task ('I hope to make up for the lost time', 'I'll do
my best', 'we will work harder'): a reader still asks 'and what will you do?', so no plan."""

_FUTURE = WordRules(
    [
        # I'll / we will / the PR will come up / which will be released
        ("i we", rf"(?:I|we)\s+(?:will|shall)\s+{_MODAL_ADVERB}{_NOT_A_PRONOUN}{_NO_TASK}[a-z]+"),
        ("*'ll", rf"\w+'ll\s+{_MODAL_ADVERB}{_NOT_A_PRONOUN}{_NO_TASK}[a-z]+"),
        ("will shall", rf"(?:will|shall)\s+{_MODAL_ADVERB}{_NOT_A_PRONOUN}{_NO_TASK}[a-z]+"),
        # it should be ready / should be done in 2 days (a forecast of completion)
        (
            "should",
            r"""should\s+(?:be\s+)?(?:done|ready|finished|merged|deployed|live|complete|completed
                |in\s+review|up\s+for\s+review|landing|out)\b""",
        ),
        # (I'm) going to / planning to / hoping to ...
        (
            "i we i'm we're going planning hoping about aiming intending",
            rf"""(?:(?:I|we)(?:'m|\s+am|'re|\s+are)\s+)?(?:going|planning|hoping|about|aiming
                |intending)\s+to\s+(?!{_DETERMINER}\b){_NO_TASK}\w+""",
        ),
        (
            "i we i'd we'd i've we've",
            rf"""(?:I|we)(?:\s+(?:plan|intend|aim|hope|want|expect|need|still\s+need|would\s+like
                |(?:have\s+)?decided)|'ve\s+decided|'d\s+like)\s+to\s+{_NO_TASK}
                (?!ask\b|know\b|request\b|thank\b|say\b|mention\b)\w+""",
        ),
        # ... still need to add the render step (subject dropped; 'the tests need to pass' is a
        # requirement, not a plan)
        (
            "still also then and but just now",
            r"(?:still|also|then|and|but|just|now)\s+need\s+to\s+(?!be\b|know\b|ask\b)\w+",
        ),
        # a run-on after a finished part: 'It is almost done, need to add tests', 'Its almost
        # complete need to complete render part'
        (
            "done complete completed finished ready",
            r"(?:done|complete|completed|finished|ready),?\s+(?:still\s+)?need\s+to\s+(?!be\b|know\b|ask\b)\w+",
        ),
        # I'm now working on / we are moving / I m using (ongoing work is today's plan)
        (
            "i we i'm we're",
            rf"""(?:I|we)\s*(?:'m|\s+am|'re|\s+are|\s+m)\s+(?!still\b)(?:(?:now|currently|also|basically
                |actively|just|slowly)\s+){{0,2}}{_NOT_ONGOING}[a-z]+ing\b""",
        ),
        ("currently", rf"currently\s+(?:(?:am|are|is)\s+)?{_NOT_ONGOING}[a-z]+ing\b"),
        # I have now started my work on / we've begun to modify / I just started working (a
        # simple past 'I started learning X' narrates the period reported, like 'I learned')
        (
            "i we i've we've",
            r"""(?:I|we)(?:(?:\s+have|'ve)\s+(?:now\s+|just\s+|also\s+|recently\s+)?|\s+(?:now|just)\s+)
                (?:started|begun|began)\s+(?:to\s+\w+|on\b|\w+ing\b|my\s+work|work(?:ing)?\s+on
                |the\s+work)""",
        ),
        (
            "and but now currently also then",
            r"""(?:and|but|now|currently|also|then)\s+(?:now\s+|currently\s+)?
                (?:working|continuing|focusing)\s+(?:on|with)\b""",
        ),
        ("in", r"in\s+progress\b"),
        # I plan on finishing the API / we still have to fix the styling / moving on to the UI
        ("i we", r"(?:I|we)\s+(?:plan|intend)\s+on\s+\w+ing\b"),
        (
            "i we still",
            rf"""(?:(?:I|we)\s+(?:still\s+)?|still\s+)(?:have|has)\s+to\s+{_NO_TASK}
                (?!say\b|admit\b|ask\b|thank\b|apologi[sz]e\b|be\b|wait\b|leave\b|go\b)\w+""",
        ),
        ("moving move", r"(?:moving|move)\s+on\s+to\b"),
        ("next", r"next\s+(?:up|steps?|thing|task|would\s+be|will\s+be|is|are|on\s+my\s+list)\b"),
        ("is are comes come coming", r"(?:is|are|comes?|coming)\s+next\b"),
        ("coming", r"coming\s+up\b"),
        (
            "my our the",
            r"(?:my|our|the)\s+(?:next\s+steps?|plan|goal|focus)\s+(?:is|are|will\s+be|for)\b",
        ),
        # next week's plan is to ... / tomorrow's goal is ...
        (
            "next tomorrow's",
            r"""(?:next\s+(?:week|sprint|month)'s|tomorrow's)\s+(?:plans?|goals?|focus|tasks?)
                \s+(?:is|are|will\s+be)\b""",
        ),
        ("going moving from", r"(?:going\s+forward|moving\s+forward|from\s+here\s+on)\b"),
    ]
)

_ONGOING_LINE = StartRules(
    re.compile(
        rf"""[ \t]*(?:[-*•][ \t]*)?(?!still\b)(?:then\s+|also\s+|now\s+|currently\s+)?
        (?:working|continuing|starting|focusing|trying|investigating|looking\s+into|finishing
        |finalizing|finalising|wrapping\s+up|preparing|prepping
        |(?<=currently\s)[a-z]+ing
        |(?:and\s+)?(?:hope|plan|intend|aim|expect|need|going)\s+to\s+{_NO_TASK}\w+)\b""",
        VERBOSE,
    )
)
"""A sentence or line that opens with ongoing work or a plan: '- Still working on X', 'Hope to'."""


_TODO_ITEM = StartRules(
    re.compile(
        r"""[ \t]*[-*•][ \t]*(?:\[[ \t]\][ \t]*)?
        (?-i:(?:Wrap|Clean|Set|Write|Look)\s+(?:up|into)|Add|Fix|Write|Finish|Implement|Test
        |Review|Update|Deploy|Merge|Refactor|Investigate|Prepare|Create|Start|Continue|Complete
        |Document|Move|Migrate|Research|Submit|Publish|Release|Integrate|Improve|Build|Design
        |Draft|Rework|Remove|Debug|Explore|Polish|Finalize|Finalise|Port|Rewrite|Extend|Open
        |Send|Schedule|Plan|Discuss|Benchmark|Profile|Measure|Optimize|Optimise)\b
        (?![ \t]*[:?])""",
        VERBOSE,
    )
)
"""A to-do item: a list line that opens with a work verb in its base form ('- Wrap up the
bot', '- [ ] Add tests'). A base form (no -ed, no -ing) in a list of one's own work is a step to
take; under 'Done:' it is a finished one and under 'Blocked:' a blocker, so those are left out."""


def _not_under_other_heading(text: str, match: re.Match[str]) -> bool:
    """'- Working on X' under 'Done:' reports the past, and under 'Blocked:' a blocker."""
    section = section_at(text, match.start())
    return section is None or section.kind == "next"


def _not_done_or_blocked(text: str, match: re.Match[str]) -> bool:
    """A to-do item counts anywhere but under a 'Done:' or 'Blocked:' kind of heading."""
    section = section_at(text, match.start())
    return section is None or section.kind not in {"done", "blocked"}


detect_future_plan: Detector = earliest(
    regex_finder(_FUTURE, all_of(not_in_question, not_quoted)),
    regex_finder(_ONGOING_LINE, all_of(not_in_question, _not_under_other_heading)),
    regex_finder(_TODO_ITEM, all_of(not_in_question, _not_done_or_blocked)),
    heading_finder("next"),
)
"""Says what comes next: future forms, plans, ongoing work, or a 'Next:' heading with content."""

# --- blockers and risks ------------------------------------------------------------------------

_DEGREE = r"(?:(?:very|really|quite|a\s+bit|a\s+little|pretty|rather|too|way\s+too|extremely)\s+)?"
_PRESSED = r"(?:tight|short|unrealistic|aggressive|ambitious)\b"
"""Time pressure: a deadline or a window that is tight, short or unrealistic."""
_NOT_TIME = r"(?!\s+(?:time|hours?|days?)\b|\s+to\s+(?:block|stop|matter)\b)"
"""'Not enough hours in the day' is a busy week, not a blocker (a reader who is told 'Not
blocked -- just not enough hours' does not look for one); a means that falls short is."""

_STRONG_BLOCKER = WordRules(
    [
        (
            "blocked blocking blocker blockers",
            r"(?:blocked|blocking|blocker|blockers)\b(?!\s*:?\s*(?:none|no|n/a|nothing)\b)",
        ),
        ("waiting wait", r"(?:waiting|wait)\s+(?:for|on)\b"),
        # a wait said without its object: "I'm still waiting", 'we are waiting to hear back'
        (
            "i'm i we're we am are still",
            r"(?:I'm|I\s+am|we're|we\s+are|am|are|still)\s+(?:still\s+|now\s+)?waiting(?:\s+(?:for|on))?\b",
        ),
        # a wait on someone else's review, said as a need: 'Review required.', 'approval pending'
        (
            "review reviews approval feedback input sign-off",
            r"""(?:reviews?|approval|feedback|input|sign-off)\s+(?:is\s+|are\s+)?(?:still\s+)?
                (?:required|needed|pending)\b""",
        ),
        # time away from the work: 'was on leave from 28 June to 4 July'
        (
            "was were been am is i'm",
            r"""(?:was|were|been|am|is|I'm)\s+(?:away\s+)?on\s+(?:sick\s+|annual\s+|medical\s+
                |parental\s+)?(?:leave|vacation|holidays?)\b""",
        ),
        # a problem that may go on: 'the Docker issues may continue'
        (
            "issue issues problem problems error errors bug bugs failure failures delay delays",
            r"""(?:issues?|problems?|errors?|bugs?|failures?|delays?)\s+(?:may|might|could|will
                \s+likely|are\s+likely\s+to|is\s+likely\s+to)\s+(?:continue|persist|recur
                |come\s+back|reappear|get\s+worse)\b""",
        ),
        (
            "may might could",
            r"""(?:may|might|could)\s+(?:continue\s+to\s+be|remain|become|turn\s+into)\s+(?:an?\s+)?
                (?:ongoing\s+|recurring\s+|big\s+|real\s+|serious\s+)?(?:issues?|problems?|risks?
                |blockers?|bottlenecks?)\b""",
        ),
        # time lost: "I didn't have time last weekend", 'had no time for it'
        (
            "didn't did haven't have hasn't has couldn't could had",
            r"""(?:(?:didn't|did\s+not|haven't|have\s+not|hasn't|has\s+not|couldn't|could\s+not)
                \s+(?:have|had|find|found|get|got)\s+(?:the\s+|enough\s+|much\s+|any\s+)?time
                |had\s+no\s+time)\b""",
        ),
        ("awaiting await", r"(?:awaiting|await)\s+(?:the\s+|a\s+|an\s+|my\s+|your\s+)?\w+"),
        # time lost to something else: 'no progress due to final exams', 'busy with my exams',
        # 'took a break this week', 'no new work this week'
        (
            "no",
            r"""no\s+(?:significant\s+|real\s+|much\s+|new\s+)?(?:progress|work)\b
                (?!\s+(?:to\s+report\s+)?(?:is\s+)?(?:needed|required|left))""",
        ),
        (
            "busy preparing studying due because had",
            r"""(?:busy\s+with|preparing\s+for|studying\s+for|due\s+to|because\s+of|had)\s+
                (?:my\s+|the\s+|\w+\s+){0,2}?(?:exams?|finals|midterms?|mid-terms?)\b""",
        ),
        # time lost to studies, health or family: 'due to both work and study', 'because of a
        # family emergency'
        (
            "due because",
            r"""(?:due\s+to|because\s+of)\s+(?:my\s+|the\s+|a\s+|some\s+|both\s+|\w+\s+and\s+){0,2}?
                (?:study|studies|school|university|classes|coursework|illness|sickness|health
                |family|personal\s+reasons|travel|travelling|traveling|moving|vacation
                |holidays?)\b(?!\s+(?:results?|data|plan|app|project|team|page|feature)\b)""",
        ),
        (
            "is am are was were been i'm he's she's",
            r"(?:is|am|are|was|were|been|I'm|he's|she's)\s+not\s+feeling\s+(?:well|good|great)\b",
        ),
        # a next step that waits on someone else's work: 'as soon as the draft is available'
        (
            "as once until",
            r"""(?:as\s+soon\s+as|once|until)\s+(?:the|their|his|her|your|@[\w-]+'s|[A-Z][\w-]*'s)
                \s+(?:[\w@-]+\s+){0,6}?(?:is|are|gets?|becomes?)\s+(?:available|ready|approved
                |released|published|sent|shared|made|merged|deployed|fixed|finished|built
                |implemented|provided)\b""",
        ),
        (
            "took",
            r"took\s+(?:a|the|some)\s+(?:\w+\s+)?(?:break|time\s+off|week\s+off|days?\s+off)\b",
        ),
        (
            "depend depends depending dependent dependency",
            r"(?:depends?|depending|dependent|dependency)\s+on\b",
        ),
        ("stuck hung", r"(?:stuck|hung\s+up)\b"),
        # something needed is absent: the API keys are still missing, the data is not available
        (
            "is are was were",
            r"""(?<!\bnothing\s)(?<!\bnone\s)(?<!\bnobody\s)(?:is|are|was|were)
                \s+(?:still\s+)?(?:missing|unavailable|not\s+(?:yet\s+)?(?:available|ready
                |accessible|set\s+up|working))\b""",
        ),
        (
            "can't cannot can couldn't could unable not",
            r"""(?:can't|cannot|can\s+not|couldn't|could\s+not|unable\s+to|not\s+able\s+to)\s+
                (?!wait\b)\w+""",
        ),
        ("don't do doesn't didn't", r"(?:don't|do\s+not|doesn't|didn't)\s+know\s+how\b"),
        (
            "don't do doesn't no lack lacking without",
            r"""(?:don't|do\s+not|doesn't|no|lack|lacking|without)\s+(?:have\s+)?(?:any\s+)?
                (?:access|permission|permissions|credentials|rights)\b""",
        ),
        (
            "risk risks risky concern concerns concerned worried worry struggling trouble",
            r"""(?<!\bany\s)(?<!\bquestions\sor\s)(?<!\bquestions\sand\s)(?:risk|risks|risky
                |concern|concerns|concerned|worried|worry|struggling|trouble)\b""",
        ),
        (
            "might may could",
            r"(?:might|may|could)\s+(?:not|slip|be\s+late|delay|take\s+longer|miss|fail|break)\b",
        ),
        (
            "probably likely possibly",
            r"""(?:probably|likely|possibly)\s+(?:not|won't|will\s+not|doesn't|does\s+not|isn't
                |can't)\b""",
        ),
        (
            "delayed delay delays behind slipping slipped slip",
            r"(?:delayed|delays?|behind\s+schedule|slipping|slipped|slip)\b",
        ),
        (
            "#num a one two few some several",
            r"(?:\d+|a|one|two|few|some|several)\s+(?:\w+\s+)?(?:days?|weeks?|sprints?)\s+behind\b",
        ),
        ("running ran run", r"(?:running|ran|run)\s+out\s+of\b"),
        ("out", r"out\s+of\s+(?:disk|memory|space|quota|credits)\b"),
        (
            "is are was it's",
            r"(?:is|are|was|it's)\s+a\s+(?:real\s+|big\s+)?(?:pain|problem|blocker|bottleneck)\b",
        ),
        ("need", r"need\s+\w+\s+(?:before|first)\b"),
        ("until unless", r"(?:until|unless)\s+(?:I|we)\s+(?:get|have|hear|receive)\b"),
        (
            "if",
            r"""if\s+(?:I|we)\s+(?:miss|don't|do\s+not|can't|cannot|fail|run\s+out|am\s+not
                |are\s+not)\b""",
        ),
        ("open", r"open\s+(?:questions?|issues?)\b"),
        # a wait or a missing means: 'not having access', 'without the API keys'
        (
            "not having missing lack",
            r"""(?:not\s+having|not\s+yet\s+having|missing|lack\s+of)\s+(?:any\s+|the\s+)?
                (?:access|permissions?|credentials|rights|keys?)\b""",
        ),
        # a difficulty: 'I haven't figured out how', 'took longer than expected', 'got sick'
        (
            "haven't have hasn't didn't don't still",
            r"""(?:haven't|have\s+not|hasn't|has\s+not|didn't|did\s+not|don't|do\s+not|still)
                \s+(?:yet\s+|quite\s+|really\s+|fully\s+)?(?:figured\s+out|understood|found\s+a
                \s+way|managed\s+to|been\s+able\s+to|got\s+(?:access|a\s+reply|an\s+answer))\b""",
        ),
        (
            "took taking takes is was slower harder more",
            r"""(?:(?:took|taking|takes|is\s+taking|was\s+taking)\s+(?:much\s+|a\s+lot\s+|way\s+
                |far\s+|a\s+bit\s+)?longer|slower|harder|more\s+(?:difficult|complicated|work))
                \s+than\s+(?:expected|planned|anticipated|I\s+(?:thought|expected|hoped))\b""",
        ),
        (
            "was were been got fell am is are being",
            r"""(?:was|were|been|got|fell|am|is|are|being)\s+(?:feeling\s+|getting\s+)?
                (?:(?:very|really|seriously|quite|a\s+bit|pretty|too)\s+)?(?:sick|ill|unwell
                |injured|hospitali[sz]ed|swamped|overwhelmed)\b""",
        ),
        (
            "lost",
            r"""lost\s+(?:[\w-]+\s+){0,3}?(?:time|days?|hours?|weeks?|momentum)\b""",
        ),
        (
            "difficult difficulty difficulties complicated confusing challenging tricky",
            r"(?:difficult|difficulty|difficulties|complicated|confusing|challenging|tricky)\b",
        ),
        ("can't can cannot couldn't", r"(?:can't|cannot|can\s+not|couldn't)\s+reproduce\b"),
        # a wait with no 'for': 'still no reply from infra', 'haven't heard back from the client'
        (
            "still no",
            r"""(?:still\s+)?no\s+(?:response|reply|replies|answer|feedback|word|news|update)
                \s+(?:yet\b|from\b)""",
        ),
        (
            "haven't have hasn't has not still",
            r"""(?:haven't|have\s+not|hasn't|has\s+not|not|still\s+not)\s+(?:yet\s+)?
                (?:heard\s+back|heard\s+from|got(?:ten)?\s+(?:a\s+|any\s+)?(?:reply|response
                |answer|feedback)|received\s+(?:a\s+|any\s+)?(?:reply|response|answer|feedback
                |access))\b""",
        ),
        # not knowing how to go on: 'not sure how to handle the timezones'
        (
            "not unsure",
            r"(?:not\s+(?:quite\s+|really\s+)?sure|unsure)\s+(?:how\b(?!\s+(?:long|much|many)\b)|(?:what|where|which\s+\w+)\s+to\b)",
        ),
        # a means that is needed and absent: 'I need access to the bucket'
        (
            "need needs require requires still",
            r"""(?:still\s+)?(?:need|needs|require|requires)\s+(?:an?\s+|the\s+)?(?:access|permissions?
                |credentials|rights|approval|sign-off)\b""",
        ),
        # a requirement nobody has settled: 'the spec is unclear about refunds'
        (
            "is are was were still",
            r"""(?:is|are|was|were|still)\s+(?:still\s+)?(?:unclear|not\s+clear|ambiguous
                |undecided|not\s+decided)\b""",
        ),
        # a system that is down, a thing that slows the work: 'staging is down', 'slows me down'
        (
            "is are was were went been keeps kept",
            r"(?:is|are|was|were|went|been|keeps\s+going|kept\s+going)\s+(?:still\s+)?down\b(?!\s+(?:to|from|by)\b|\s+\d)",
        ),
        (
            "slows slowed slowing slow",
            r"(?:slows?|slowed|slowing)\s+(?:me|us|things|the\s+team|everything|it)\s+down\b",
        ),
        (
            "i'm i we're we",
            r"(?:I'm|I\s+am|we're|we\s+are)\s+(?:a\s+(?:bit|little)\s+|still\s+|now\s+)?behind\b",
        ),
        # time pressure is a risk: 'the time window is tight', 'a very ambitious timeline'
        (
            "deadline deadlines timeline timelines schedule time window timeframe estimate",
            rf"""(?:deadlines?|timelines?|schedule|time\s*(?:window|frame)|timeframe|estimate|time)
                (?:\s+(?:for|of|on)\s+(?:the\s+|this\s+|our\s+|my\s+)?[\w-]+)?\s+(?:is|are|was|looks|seems|feels|sounds)\s+{_DEGREE}{_PRESSED}""",
        ),
        (
            "tight short unrealistic aggressive ambitious",
            rf"{_PRESSED}\s+(?:deadlines?|timelines?|schedule)\b",
        ),
        # a wait that is over but cost time: 'I waited three days for access'
        ("waited", r"waited\s+(?:[\w-]+\s+){0,3}?(?:for|on)\b"),
        (
            "review reviews approval response reply answer feedback access",
            r"""(?:reviews?|approval|response|reply|answer|feedback|access)\s+(?:took|is\s+taking
                |has\s+taken)\s+(?:a\s+(?:long\s+)?while|a\s+long\s+time|ages|forever|long
                |(?:\d+|a|two|three|four|five|several|many)\s+(?:days|weeks))\b""",
        ),
        # someone else's silence: 'the vendor has not replied yet' ('I haven't replied' is a
        # to-do of the writer's own, not a wait)
        (
            "hasn't has haven't have",
            r"""(?<!\bI\s)(?<!\bwe\s)(?:hasn't|has\s+not|haven't|have\s+not)\s+(?:yet\s+)?
                (?:replied|responded|answered|got\s+back|gotten\s+back|approved|reviewed)\b""",
        ),
        # a means that falls short: 'not accurate enough', "we don't have enough GPU memory"
        (
            "not isn't aren't wasn't weren't",
            rf"""(?:not|isn't|aren't|wasn't|weren't)\s+(?:\w+\s+)?enough\b{_NOT_TIME}""",
        ),
        (
            "don't do doesn't does didn't did",
            rf"""(?:don't|do\s+not|doesn't|does\s+not|didn't|did\s+not)\s+have\s+enough\b{_NOT_TIME}""",
        ),
        ("insufficient", r"insufficient\b"),
    ]
)
"""Words that name a blocker or a risk by themselves (unless negated: 'not blocked')."""

_PROBLEM = WordRules(
    [
        (
            "issue issues problem problems trouble",
            r"(?:issues?|problems?|trouble)\s+(?:with|about|when|while)\b",
        ),
        (
            "bug bugs error errors failure failures regression regressions",
            r"(?:bugs?|errors?|failures?|regressions?)\s+(?:with|about|in|on|when|while)\b",
        ),
        (
            "there there's we i got hit ran running facing seeing getting",
            r"""(?:there\s+(?:is|are|were|was)|there's|we\s+(?:have|had|hit)|I\s+(?:have|had|hit)
                |got|hit|ran\s+into|running\s+into|facing|seeing|getting)\s+(?:still\s+)?
                (?:some|a\s+few|several|many|lots\s+of|an?|the\s+same|a\s+couple\s+of)?\s*
                (?:(?!no\b|not\b)\w+\s+)?(?:issues?|problems?|bugs?|errors?|failures?
                |crash(?:es)?)\b""",
        ),
        # any subject that has a fault: 'my laptop has a hardware problem', 'the build had some
        # issues' (a determiner is required: 'has no issues', 'had any issues' name none)
        (
            "has had",
            r"""(?:has|had)\s+(?:(?:still|also)\s+)?(?:an?|some|several|a\s+few|a\s+couple\s+of)
                \s+(?:[\w-]+\s+)?(?:issues?|problems?|bugs?|faults?)\b""",
        ),
        (
            "fail fails failing failed broken breaks crash crashes crashed crashing flaky hangs "
            "timed time times regression",
            r"""(?:fail|fails|failing|failed|broken|breaks|crash|crashes|crashed|crashing|flaky
                |hangs|timed?\s+out|times\s+out|regression)\b""",
        ),
        (
            "error errors",
            r"errors?\b(?![\s-]*(?:free|handling|messages?|codes?|pages?|reporting|tracking))",
        ),
        # something that went wrong: 'the exam has gone badly', 'stuff caught fire'
        (
            "went has have had caught blew fell broke",
            r"""(?:(?:went|has\s+gone|have\s+gone|had\s+gone)\s+(?:very\s+|really\s+)?(?:wrong|bad|badly)
                |caught\s+fire|blew\s+up|fell\s+apart|broke(?:\s+down)?)\b""",
        ),
        # a symptom: 'throws an exception', 'I get a 403 when I push', 'returns 500'
        (
            "throws throw threw raises raised returns returned get gets got getting seeing hit",
            r"""(?:throws?|threw|throwing|raises?|raised|returns?|returned|returning|get|gets|got
                |getting|seeing|hit|hitting)\s+(?:an?\s+|the\s+|random\s+)?(?:\w+\s+)?
                (?:exceptions?|tracebacks?|stack\s*traces?|segfaults?|(?:HTTP\s+)?[45]\d\d)\b""",
        ),
        # something that does not work ('I don't work on Fridays' is availability, not a fault)
        (
            "doesn't does don't do didn't did isn't aren't wasn't won't will stopped",
            r"""(?<!\bI\s)(?<!\bwe\s)(?<!\byou\s)(?:(?:doesn't|does\s+not|don't|do\s+not|didn't
                |did\s+not|won't|will\s+not)\s+(?:\w+\s+)?(?:work|compile|build|load|start
                |boot|connect)|(?:isn't|aren't|wasn't|stopped)\s+(?:\w+\s+)?working)\b""",
        ),
        # a schedule at risk, or work held up: 'the project is lagging behind', 'the merge
        # request has held my merge requests back'
        (
            "lagging lag lags falling fall falls fell held holding holds hold",
            r"""(?:lagging|lags?|falling|falls?|fell)\s+(?:a\s+(?:bit|little)\s+|slightly\s+)?behind\b
                |(?:held|holding|holds?)\s+(?:\w+\s+){0,4}?back\b""",
        ),
        (
            "build builds pipeline ci tests test checks",
            r"(?:builds?|pipeline|CI|tests?|checks)\s+(?:is|are|was|were|went|turned|stays?|stayed)\s+(?:still\s+)?red\b",
        ),
    ]
)
"""Problem words, which count unless the same sentence says they were fixed or are being fixed."""

_RESOLVED = re.compile(
    r"""\b(?:fix|fixed|fixes|fixing|bugfix\w*|hotfix\w*|resolved?|resolving|solved?|solving|closed?
        |closing|addressed|address|handled?|handling|patched|work(?:ed)?\s+out|working\s+out
        |investigat\w*|look(?:ed)?\s+into|debugg?\w*)\b""",
    VERBOSE,
)


def _not_under_done(text: str, match: re.Match[str]) -> bool:
    """Context check: a problem listed under 'Done:' / 'Completed' was dealt with."""
    section = section_at(text, match.start())
    return section is None or section.kind != "done"


_NOW_RESOLVED = re.compile(
    r"""\b(?:is|are|was|were|has\s+been|have\s+been|got|now)\s+(?:now\s+|finally\s+|all\s+)?
        (?:fixed|resolved|solved|gone|closed|addressed|handled|patched)\b""",
    VERBOSE,
)

_THE_PROBLEM = (
    r"(?:the|that|this|those|these)\s+(?:[\w-]+\s+){0,2}?(?:issues?|problems?|bugs?|errors?"
    r"|failures?|crash(?:es)?|build|pipeline|ci|blockers?)"
)
_FIXED_LATER = re.compile(
    rf"""\b(?:
          (?:fixed|resolved|solved|sorted(?:\s+out)?|patched|figured\s+out|worked\s+around
            |got\s+(?:around|past|rid\s+of))\s+(?:it|that|this|them|{_THE_PROBLEM})
        | (?:figured|sorted|worked)\s+(?:it|that|this|them)\s+out
        | (?:it|that|this|they|which|{_THE_PROBLEM})(?:'s|'re|\s+is|\s+are|\s+was|\s+were
            |\s+has\s+been|\s+have\s+been|\s+got)\s+(?:now\s+|since\s+|already\s+|all\s+
            |finally\s+)?(?:fixed|resolved|solved|sorted|gone|unblocked|green|passing|working)
        | (?:it|that|this|they)\s+(?:works?|pass(?:es)?|runs?)\s+(?:now|again|fine)
        | (?:I'm|I\s+am|we're|we\s+are)\s+(?:now\s+)?unblocked
        | no\s+longer\s+(?:an?\s+)?(?:issue|problem|blocker|blocked|failing|broken)
        | (?:I|we)(?:'ve|\s+have)?\s+(?:now\s+|since\s+)?(?:resumed|returned\s+to|got\s+back\s+to)
            \s+(?:work|working|the\s+project)
        | since\s+(?:I|we)\s+(?:resumed|returned|got\s+back)
    )\b""",
    VERBOSE,
)
"""'... but I fixed it', 'It is resolved now', 'I was busy with exams ... since I resumed work': a
later clause or sentence says it was dealt with."""
_NOT_YET = re.compile(
    r"""(?:\b(?:not|never|yet|hope|hopefully|until|once|when|if|unless|before|after|need|needs|to
        |will|should|might|may|could|would|can|cannot)|n't|'ll)\s+(?:[\w']+\s+){0,2}\Z""",
    VERBOSE,
)
"""Words before a 'fixed it' that make it a wish or a condition: 'until it is fixed'."""


_FIX_REACH = 240
"""How far after a problem word a 'fixed it' is looked for: about two sentences (and linear)."""


def not_fixed_later(text: str, match: re.Match[str]) -> bool:
    """Context check: FAILS when the rest of the sentence, or the next one, says it was fixed.

    'The CI was failing yesterday but I fixed it' names no blocker; 'The CI was failing, I'll fix
    it today' and 'I fixed it, but it fails again' (the second problem comes after) do.
    """
    current = sentence_at(text, match.start())
    end = max(current.end, match.end())
    following = next_sentence(text, end)
    if following is not None:
        end = following.end
    end = min(end, match.end() + _FIX_REACH)
    for fixed in _FIXED_LATER.finditer(text, match.end(), end):
        window = text[max(match.end(), fixed.start() - 30) : fixed.start()]
        if _NOT_YET.search(window) is None:
            return False
    return True


_APOLOGY_FOR = re.compile(
    r"(?:sorry|apologi[sz]e|apologies|apology)\s+(?:again\s+|once\s+more\s+)?(?:for|about)\s+"
    r"(?:the|my|this|any)?\s*(?:long\s+|late\s+)?$",
    IGNORE,
)
_MESSAGE_LATENESS = re.compile(
    r"""\s*(?:[,.;:!)]|$|and\b|in\s+(?:replying|responding|getting\s+back|answering|writing
        |my\s+(?:reply|response|answer|update)|the\s+(?:reply|response|update)))""",
    VERBOSE,
)


def _not_an_apology_for_lateness(text: str, match: re.Match[str]) -> bool:
    """Context check: 'sorry for the delay' apologises for a late message, not a late project."""
    if not match.group().lower().startswith("delay"):
        return True
    before = text[max(0, match.start() - 40) : match.start()]
    if _APOLOGY_FOR.search(before) is None:
        return True
    return _MESSAGE_LATENESS.match(text, match.end()) is None


_ASKS_THE_READER = re.compile(r"\b(?:you|your|anything|any)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|me|my|we|we're|us|our)\b", re.IGNORECASE)


def _not_a_prompt(text: str, match: re.Match[str]) -> bool:
    """'Is anything blocking you that you need from others?' (a template's question, or the
    manager's quoted) asks about blockers and names none; 'Could the migration block the
    release?' still raises a risk, and so does 'I'm stuck, can you help me?' (the writer's own)."""
    sentence = sentence_at(text, match.start())
    if not is_question(text, sentence):
        return True
    asks_reader = _ASKS_THE_READER.search(text, sentence.start, sentence.end) is not None
    return not asks_reader or _FIRST_PERSON.search(text, sentence.start, sentence.end) is not None


detect_blocker: Detector = earliest(
    regex_finder(
        _STRONG_BLOCKER,
        all_of(
            standalone,
            not_negated,
            not_a_heading,
            not_fixed_later,
            _not_an_apology_for_lateness,
            _not_a_prompt,
        ),
    ),
    regex_finder(
        _PROBLEM,
        all_of(
            standalone,
            _not_under_done,
            not_negated,
            not_resolved_in_clause(_RESOLVED, _NOW_RESOLVED),
            not_fixed_later,
            _not_a_prompt,
        ),
    ),
    heading_finder("blocked"),
)
"""Names a blocker, problem or risk; 'No blockers' and 'Blocked: none' do not count."""


# --- no blockers -------------------------------------------------------------------------------

_NONE_STATED = WordRules(
    [
        (
            "no",
            r"""no\s+(?:real\s+|major\s+|big\s+|current\s+)?(?:blockers?|impediments?|risks?
                |issues|problems)\b""",
        ),
        ("nothing", r"nothing\s+(?:is\s+)?(?:blocking|in\s+my\s+way|standing\s+in)\b"),
        ("not", r"not\s+(?:currently\s+|really\s+)?blocked\b"),
        ("all", r"all\s+good\b"),
        ("i'm i we're we", r"(?:I'm|I\s+am|we're|we\s+are)\s+(?:good|unblocked|not\s+blocked)\b"),
    ]
)


def detect_no_blockers(text: str) -> Span | None:
    """Says there are no blockers ('No blockers.', 'Blockers: none') and names none.

    The section must deny ('none', 'n/a', 'nothing'): a 'Blockers:' heading left empty, '-',
    '?', 'TBD' or 'same as yesterday' says nothing either way, so it is no evidence.

    'No blockers, but waiting on review' names one (a wait): then this gives no evidence, and
    the `blocker` detector does.
    """
    if detect_blocker(text) is not None:
        return None
    for section in sections(text):
        if section.kind == "blocked" and section.content is not None:
            content = text[section.content.start : section.content.end]
            if is_negative_answer(content):  # 'None', 'n/a', 'No blockers at the moment'
                return evidence(section)
    return regex_finder(_NONE_STATED, standalone)(text)
