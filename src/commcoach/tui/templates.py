"""Draft templates for real messages: stand-up, weekly update, clarification request.

Templates are plain text with section headings the learner fills in; `with_hints` puts commit
subjects under the section where finished work goes. No Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    """A starting point for a real message."""

    id: str
    title: str
    body: str
    hints_heading: str
    """The line after which commit subjects go ("" = append a section at the end)."""
    tip: str

    @property
    def first_gap(self) -> tuple[int, int]:
        """(row, column) of the first blank to fill: an empty bullet, an empty field or a
        space before punctuation ('Hi ,'); the cursor starts there, not above the template."""
        found = _GAP.search(self.body)
        offset = found.end() if found else 0
        before = self.body[:offset]
        return before.count("\n"), offset - (before.rfind("\n") + 1)


_GAP = re.compile(r"(?m)^- $|: $| (?=[,.?])")


TEMPLATES: tuple[Template, ...] = (
    Template(
        id="standup",
        title="Stand-up update",
        body="Yesterday:\n- \n\nToday:\n- \n\nBlockers:\n- None\n",
        hints_heading="Yesterday:",
        tip="Three short parts: what you finished, what you do today, what blocks you.",
    ),
    Template(
        id="weekly",
        title="Weekly update",
        body=(
            "Hi team, here is my update for this week.\n\n"
            "Done:\n- \n\nNext week:\n- \n\nRisks and help needed:\n- None\n"
        ),
        hints_heading="Done:",
        tip="Lead with results, give dates for what comes next, and name any risk early.",
    ),
    Template(
        id="clarify",
        title="Clarification request",
        body=(
            "Hi ,\n\nA quick question about .\n\n"
            "Context: \nQuestion: \nMy guess: \n\n"
            "Could you let me know by ? Thanks!\n"
        ),
        hints_heading="",
        tip="One question, the context needed to answer it, your best guess and a deadline.",
    ),
    Template(
        id="blank",
        title="Blank message",
        body="",
        hints_heading="",
        tip="Any workplace message: the live feedback still checks style and readability.",
    ),
)
"""The templates in the order the Draft screen lists them."""


def template(template_id: str) -> Template:
    """The template with this id (the blank one for an unknown id)."""
    for item in TEMPLATES:
        if item.id == template_id:
            return item
    return TEMPLATES[-1]


def with_hints(text: str, heading: str, bullets: list[str]) -> str:
    """Put `bullets` under `heading` (replacing an empty `- ` bullet), or append a section."""
    if not bullets:
        return text
    block = "\n".join(bullets)
    lines = text.split("\n")
    if heading and heading in lines:
        at = lines.index(heading) + 1
        if at < len(lines) and lines[at].strip() == "-":
            del lines[at]
        lines[at:at] = block.split("\n")
        return "\n".join(lines)
    separator = (
        "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    )
    return f"{text}{separator}Commits to rewrite:\n{block}\n"


STANDUP_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("done", ("completed_action",)),
    ("next", ("future_plan",)),
    ("blockers", ("blocker", "no_blockers")),
)
"""The stand-up checklist: (part, the built-in rubric detectors, any of which meets it). The
same detectors judge the stand-up scenarios, so the Draft checklist and a scenario's rubric
never disagree about one message ('Blockers: none' meets it, 'Blockers:' left empty does not)."""


def standup_parts(text: str) -> list[tuple[str, bool]]:
    """Did the stand-up say what is done, what is next, and what blocks you (or that nothing
    does)? Read by the rubric's own detectors, on headings and on prose alike."""
    from commcoach.rubric.builtin import BUILTIN_DETECTORS  # compiles patterns: on first use

    return [
        (part, any(BUILTIN_DETECTORS[name].detect(text) is not None for name in names))
        for part, names in STANDUP_PARTS
    ]
