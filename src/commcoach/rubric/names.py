"""The names of the built-in rubric detectors, as plain data.

Scenario files name detectors; validating a file needs only the names, so the domain model
(commcoach.models) reads them here and never imports the detectors' regular expressions.
tests/unit/test_detector_machinery.py checks this list against commcoach.rubric.builtin.
"""

from __future__ import annotations

BUILTIN_DETECTOR_NAMES: frozenset[str] = frozenset(
    {
        "question",
        "date_time",
        "completed_action",
        "future_plan",
        "request",
        "blocker",
        "no_blockers",
        "number",
        "greeting",
        "sign_off",
        "apology",
        "gratitude",
        "understanding",
        "options",
    }
)
"""Every name `commcoach.rubric.builtin.BUILTIN_DETECTORS` defines."""
