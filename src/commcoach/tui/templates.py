"""Draft templates for real messages: stand-up, weekly update, clarification request.

Templates are plain text with section headings the learner fills in; `with_hints` puts commit
subjects under the section where finished work goes. A template names the practice scenario
whose rubric goals judge a real message of its kind (the stand-up template: standup-daily's
done / next / blockers), so Draft, `commcoach check --scenario` and practice judge one message
alike. No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from commcoach.models import RubricElement, Scenario


@dataclass(frozen=True)
class Template:
    """A starting point for a real message."""

    id: str
    title: str
    body: str
    hints_heading: str
    """The line after which commit subjects go ("" = append a section at the end)."""
    tip: str
    rubric_from: str = ""
    """The scenario whose rubric goals judge this kind of message ("" = no rubric)."""

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
        rubric_from="standup-daily",
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
        rubric_from="weekly-progress-manager",
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
        rubric_from="clarify-vague-ticket",
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


@dataclass(frozen=True)
class DraftRubric:
    """What judges a draft: a scenario (for its audience, register and readability band) and
    the rubric elements that are its goals."""

    scenario: Scenario
    elements: list[RubricElement]


def draft_rubric(item: Template, scenarios: Mapping[str, Scenario]) -> DraftRubric | None:
    """The rubric for a draft of this template: its scenario's goals (every element when the
    scenario names none); None for a template without one or a scenario that did not load."""
    scenario = scenarios.get(item.rubric_from) if item.rubric_from else None
    if scenario is None:
        return None
    by_id = {e.id: e for e in scenario.rubric.elements}
    goals = [by_id[g] for g in scenario.goals if g in by_id]
    return DraftRubric(scenario, goals or list(scenario.rubric.elements))
