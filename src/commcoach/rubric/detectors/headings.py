"""Sections as rubric evidence: 'Done:', '### Next', '- _blocker_:', 'Blockers: none'.

The message's sections come from the document (commcoach.language.sections); here a section of
a known kind becomes evidence for its element when its content says something: 'Blocked: None',
'n/a', 'ditto', '{?}', a quoted template prompt with nothing after it, or an empty field do not.
A label alone is never evidence, and a neutral label ('Progress:') leaves its content to the
sentence-level detectors ('Progress: still working on X' states nothing done).
"""

from __future__ import annotations

import re

from commcoach.language.document import parse
from commcoach.language.sections import Section, is_empty_answer, starts_negative
from commcoach.language.spans import Span
from commcoach.rubric.detectors.base import Detector

__all__ = [
    "Section",
    "evidence",
    "has_content",
    "heading_finder",
    "not_a_heading",
    "section_at",
    "sections",
]


def sections(text: str) -> tuple[Section, ...]:
    """The labelled sections of `text`, in order (the document's)."""
    return parse(text).sections


def evidence(section: Section) -> Span:
    """Label and first content together: the words a learner should see highlighted."""
    return Span(section.label.start, section.content.end if section.content else section.label.end)


def has_content(text: str, section: Section) -> bool:
    """True when the section's content says something ('None', 'n/a', 'ditto' do not)."""
    if section.content is None:
        return False
    content = text[section.content.start : section.content.end]
    return not is_empty_answer(content) and not starts_negative(content)


def section_at(text: str, index: int) -> Section | None:
    """The section whose label or body holds `index`, if any."""
    return parse(text).section_at(index)


def not_a_heading(text: str, match: re.Match[str]) -> bool:
    """Context check: the match is not a section label (sections judge their content)."""
    return not any(
        s.kind != "other" and s.label.start <= match.start() < s.label.end for s in sections(text)
    )


def heading_finder(kind: str) -> Detector:
    """Evidence from the first section of `kind` whose content says something."""

    def find(text: str) -> Span | None:
        for section in sections(text):
            if section.kind == kind and has_content(text, section):
                return evidence(section)
        return None

    return find
