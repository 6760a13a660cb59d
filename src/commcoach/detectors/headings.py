"""Headings in stand-ups and updates: 'Done:', '- Next', 'Blocked: none', 'Last week:'.

Many real updates are a template: a label per line and bullets below it. The label is the
evidence for its element as long as the first line under it says something ('Blocked: None',
'n/a' and '{?}' do not). Headings are looked for only where lines and sentences start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from commcoach.detectors.base import VERBOSE, Detector, starts
from commcoach.text import Span

_HEADING = re.compile(
    r"""[ \t]*(?:[-*•+][ \t]+|\d{1,2}[.)][ \t]+)?(?:\#{1,6}[ \t]*)?(?:\*\*|__)?
        (?P<label>[A-Za-z][A-Za-z'/ -]{0,28}?)(?:\*\*|__)?[ \t]*
        (?::|[ \t]-{1,2}[ \t]|$)[ \t]*(?P<rest>[^\n]*)$""",
    re.VERBOSE | re.MULTILINE,
)


def _labels(joined: str) -> frozenset[str]:
    return frozenset(joined.split("|"))


DONE_HEADINGS = _labels(
    "done|completed|complete|finished|accomplished|last week|yesterday|progress|shipped|"
    "achievements|what i did|did"
)
NEXT_HEADINGS = _labels(
    "next|next steps|next step|next up|up next|to do|todo|to-do|plan|plans|planned|today|"
    "tomorrow|this week|next week|upcoming|coming up|in progress|doing|will do|focus|"
    "plan for today|plans for today|plan for this week|goals|goals for this week"
)
BLOCKED_HEADINGS = _labels(
    "blocked|blocked on|blocked by|blockers|blocker|blocking|impediments|risks|risk|issues|"
    "problems|concerns|blockers and risks|risks and blockers|blockers/risks|risks/blockers|"
    "help needed|needs help|need help"
)
_KINDS = (("done", DONE_HEADINGS), ("next", NEXT_HEADINGS), ("blocked", BLOCKED_HEADINGS))

_END = r"(?=\s*(?:[.,!;:)-]|$))"
_EMPTY_CONTENT = re.compile(
    rf"""^[\s*•+-]*(?:
          (?:none|nope|n/?a|nil|tbd|no|all\s+good|nothing)
          (?:\s+(?:yet|so\s+far|today|for\s+now|this\s+week|at\s+the\s+moment))?{_END}
        | no\s+(?:blockers?|issues?|problems?|risks?|impediments?|concerns?)\b
        | nothing\s+(?:blocking|yet|so\s+far|right\s+now|at\s+the\s+moment|major|much)\b
        | not\s+(?:really|yet|at\s+the\s+moment|currently|right\s+now|that\s+I\s+know\s+of)\b
        | not\s+(?:necessarily\s+|really\s+|currently\s+)?blocked\b
        | \{{\s*\?\s*\}} | \?+\s*$ | [-—]+\s*$ | $
    )""",
    VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading such as 'Next:' or '- Blocked' and the first line of what it introduces."""

    kind: str
    """"done", "next" or "blocked"."""
    heading: Span
    """The heading label, e.g. 'Blocked' (without bullet, colon or markdown)."""
    first: Span | None
    """The first content: the text after the colon, or the first non-empty line below."""
    end: int
    """Where the section ends: the start of the next known heading, or the end of the text."""

    @property
    def evidence(self) -> Span:
        """Heading and first content together: the words a learner should see highlighted."""
        return Span(self.heading.start, self.first.end if self.first else self.heading.end)


def _kind(label: str) -> str | None:
    normal = " ".join(label.lower().replace("_", " ").split())
    for kind, labels in _KINDS:
        if normal in labels:
            return kind
    return None


@lru_cache(maxsize=16)
def sections(text: str) -> tuple[Section, ...]:
    """Known headings (done / next / blocked) in `text`, in order, with their first content."""
    found: list[tuple[str, Span, re.Match[str]]] = []
    for start in starts(text):
        match = _HEADING.match(text, start)
        if match is None:
            continue
        kind = _kind(match.group("label"))
        heading = Span(match.start("label"), match.end("label"))
        if kind is not None and not (found and found[-1][1] == heading):
            found.append((kind, heading, match))
    result: list[Section] = []
    for position, (kind, heading, match) in enumerate(found):
        end = found[position + 1][2].start() if position + 1 < len(found) else len(text)
        first: Span | None = None
        if match.group("rest").strip():
            first = _trimmed(text, match.start("rest"), match.end("rest"))
        else:
            offset = match.end()
            for line in text[match.end() : end].split("\n"):
                if line.strip():
                    first = _trimmed(text, offset, offset + len(line))
                    break
                offset += len(line) + 1
        result.append(Section(kind, heading, first, end))
    return tuple(result)


def _trimmed(text: str, start: int, end: int) -> Span:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    return Span(start + lead, start + len(chunk.rstrip()))


def has_content(text: str, section: Section) -> bool:
    """True when the section's first content says something ('None', 'n/a', '{?}' do not)."""
    if section.first is None:
        return False
    return _EMPTY_CONTENT.match(text[section.first.start : section.first.end]) is None


def section_at(text: str, index: int) -> Section | None:
    """The section whose heading precedes `index` and whose body holds it, if any."""
    current: Section | None = None
    for section in sections(text):
        if section.heading.start <= index < section.end:
            current = section
    return current


def not_a_heading(text: str, match: re.Match[str]) -> bool:
    """Context check: the match is not the label of a known heading (headings judge their body)."""
    return not any(s.heading.start <= match.start() < s.heading.end for s in sections(text))


def heading_finder(kind: str) -> Detector:
    """Evidence from the first heading of `kind` that has real content under it."""

    def find(text: str) -> Span | None:
        for section in sections(text):
            if section.kind == kind and has_content(text, section):
                return section.evidence
        return None

    return find
