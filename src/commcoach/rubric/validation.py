"""Checks on a parsed scenario's detectors that the plain-data domain model leaves out.

`commcoach.models` describes a scenario's shape and never imports the regular-expression engine
(a check that only reads scenarios should not pay for it). What needs the engine is here: a
`regex:` detector must compile and be time-boundable (`safe_regex.refusal`), and `any:` /
`all:` may not nest deeper than a real detector ever needs. The loader calls `first_problem`
right after the model validates, so the user sees the same one-line `FILE:LINE: field: problem`.
"""

from __future__ import annotations

from collections.abc import Iterator

from commcoach import safe_regex
from commcoach.models import AllOf, AnyOf, DetectorSpec, RegexDetector, Scenario

MAX_DETECTOR_DEPTH = 8
"""any:/all: inside any:/all: deeper than this is refused (a real detector needs 2 or 3)."""

Location = tuple[str | int, ...]


def _roots(scenario: Scenario) -> Iterator[tuple[DetectorSpec, Location]]:
    """Every detector a scenario declares, with its field path in the file."""
    for i, element in enumerate(scenario.rubric.elements):
        yield element.detector, ("rubric", "elements", i, "detector")
    for t, turn in enumerate(scenario.turns):
        for f, follow in enumerate(turn.follow_ups):
            for key, spec in (("when", follow.when), ("unless", follow.unless)):
                if spec is not None:
                    yield spec, ("turns", t, "follow_ups", f, key)


def first_problem(scenario: Scenario) -> tuple[Location, str] | None:
    """The field path and problem of the first detector that cannot run safely, if any."""
    stack = [(spec, loc, 0) for spec, loc in reversed(list(_roots(scenario)))]
    while stack:
        spec, loc, depth = stack.pop()
        if isinstance(spec, RegexDetector):
            why = safe_regex.refusal(spec.regex)
            if why is not None:
                return (*loc, "regex"), why
        elif isinstance(spec, AnyOf | AllOf):
            if depth >= MAX_DETECTOR_DEPTH:
                return loc, f"any:/all: nested deeper than {MAX_DETECTOR_DEPTH}"
            key = "any" if isinstance(spec, AnyOf) else "all"
            inner = spec.any if isinstance(spec, AnyOf) else spec.all
            stack.extend(
                (child, (*loc, key, i), depth + 1) for i, child in reversed(list(enumerate(inner)))
            )
    return None
