"""The closed set of built-in rubric detectors, by the name scenario files use.

Scenario files never hold code: they name a built-in detector, list phrases, give a regular
expression, or combine those with `any` / `all`. Each built-in detector answers one question about
a learner's message ("does it give an ETA?") and returns the evidence span, so the UI can show
which words satisfied a rubric element. They are regular expressions with a little context
(sentences, headings such as "Blocked:", negation): predictable, fast, explainable, and measured
against real messages in benchmarks/quality_rubric.py.

Every detector reads the message's Document (commcoach.language): its `reading` text (quoted
template prompts, yes/no template prompts and meta fields such as 'Availability:' blanked, same
offsets), its sentences and its sections, whose content is judged ('Blockers: none' names no
blocker). Word lists shared with the style rules are data files (commcoach/language/lexicons/).

Modules: `base` (shared machinery), `headings` ('Done:', 'Blocked:' ...), `timing` (date_time),
`progress` (completed_action, future_plan, blocker, no_blockers), `questions`, `understanding`,
`options`, and `social` (request, number, greeting, sign_off, apology, gratitude).
"""

from __future__ import annotations

from dataclasses import dataclass

from commcoach.rubric.detectors.base import Detector, normalised
from commcoach.rubric.detectors.options import detect_options
from commcoach.rubric.detectors.progress import (
    detect_blocker,
    detect_completed_action,
    detect_future_plan,
    detect_no_blockers,
)
from commcoach.rubric.detectors.questions import detect_question
from commcoach.rubric.detectors.social import (
    detect_apology,
    detect_gratitude,
    detect_greeting,
    detect_number,
    detect_request,
    detect_sign_off,
)
from commcoach.rubric.detectors.timing import detect_date_time
from commcoach.rubric.detectors.understanding import detect_understanding

__all__ = ["BUILTIN_DETECTORS", "BuiltinDetector", "Detector", "detect_question"]


@dataclass(frozen=True, slots=True)
class BuiltinDetector:
    """A named built-in detector with the help text the scenario schema documents."""

    name: str
    summary: str
    detect: Detector


BUILTIN_DETECTORS: dict[str, BuiltinDetector] = {
    d.name: BuiltinDetector(d.name, d.summary, normalised(d.detect, timing=d.name == "date_time"))
    for d in [
        BuiltinDetector("question", "asks a question", detect_question),
        BuiltinDetector(
            "date_time",
            "gives a date, deadline, time or estimate (not 'soon', not 'last week')",
            detect_date_time,
        ),
        BuiltinDetector(
            "completed_action",
            "says what was done (past tense, 'I have ...', or a 'Done:' heading)",
            detect_completed_action,
        ),
        BuiltinDetector(
            "future_plan",
            "says what comes next ('I'll', 'going to', 'now working on', or a 'Next:' heading)",
            detect_future_plan,
        ),
        BuiltinDetector("request", "asks someone to do something or for help", detect_request),
        BuiltinDetector(
            "blocker", "names a blocker, problem or risk ('no blockers' does not)", detect_blocker
        ),
        BuiltinDetector(
            "no_blockers",
            "says there are no blockers ('No blockers', 'Blockers: none') and names none",
            detect_no_blockers,
        ),
        BuiltinDetector("number", "gives a number or quantity", detect_number),
        BuiltinDetector("greeting", "opens with a greeting", detect_greeting),
        BuiltinDetector("sign_off", "closes with a sign-off", detect_sign_off),
        BuiltinDetector("apology", "apologises", detect_apology),
        BuiltinDetector("gratitude", "thanks someone", detect_gratitude),
        BuiltinDetector(
            "understanding",
            "states what the writer already understands",
            detect_understanding,
        ),
        BuiltinDetector("options", "proposes options or a default", detect_options),
    ]
}
"""The closed set of built-in detectors, by the name scenario files use."""
