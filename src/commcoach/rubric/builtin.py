"""The closed set of built-in rubric detectors, by the name scenario files use.

Each entry wraps its detector with `normalised`, so it reads the document's `reading` text
(see commcoach.rubric.detectors). Importing this module compiles every detector's patterns:
matching imports it on first use, never at start-up.
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

__all__ = ["BUILTIN_DETECTORS", "BuiltinDetector", "Detector"]


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
