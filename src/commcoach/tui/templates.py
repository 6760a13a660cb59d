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


STANDUP_PARTS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "done",
        ("yesterday", "done", "finished", "completed"),
        r"\b(?:finished|fixed|merged|shipped|deployed|completed|closed|reviewed|wrote|added|"
        r"released|done)\b",
    ),
    (
        "next",
        ("today", "next", "plan", "tomorrow"),
        r"\b(?:today|next|will|going to|plan to|tomorrow|then)\b",
    ),
    (
        "blockers",
        ("blockers", "blocker", "blocked", "risks"),
        r"\b(?:blocked|blocker|blockers|blocking|waiting (?:on|for)|stuck|no blockers|"
        r"nothing blocks|need help)\b",
    ),
)
"""The stand-up rubric: (part, headings that introduce it, words that say it in prose)."""


def standup_parts(text: str) -> list[tuple[str, bool]]:
    """Did the stand-up say what is done, what is next, and what blocks you?

    A part counts when its heading ('Yesterday:', 'Today:', 'Blockers:') has something after
    it (on the line or the lines below, up to the next heading; 'None' counts for blockers), or,
    without headings, when a sentence says it ('I fixed ...', 'Today I will ...', 'blocked on').
    """
    sections = _sections(text)
    found: list[tuple[str, bool]] = []
    for part, headings, words in STANDUP_PARTS:
        present = [v for k, v in sections.items() if k in headings]
        if present:
            found.append((part, any(re.search(r"\w", v) for v in present)))
            continue
        found.append((part, re.search(words, text, re.IGNORECASE) is not None))
    return found


_HEADING = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,30}):\s*(.*)$")


def _sections(text: str) -> dict[str, str]:
    """`Heading:` -> what follows it, with empty bullets ('- ') left out."""
    sections: dict[str, str] = {}
    current: str | None = None
    for line in text.split("\n"):
        head = _HEADING.match(line)
        if head:
            current = head.group(1).strip().lower()
            sections[current] = head.group(2).strip()
            continue
        if current is not None:
            content = line.strip().lstrip("-*• ").strip()
            if content:
                sections[current] = f"{sections[current]} {content}".strip()
    return sections
