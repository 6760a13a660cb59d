"""Score an answer against the rubric elements its scenario turn expects.

The rubric reads the message's Document (parsed once by the engine); each element's evidence is
the span of words that met it, so the learner sees why it counts.
"""

from __future__ import annotations

from commcoach.feedback.report import Category, Explanation, Finding, RubricResult, Severity
from commcoach.language import Document
from commcoach.models import RubricElement, Scenario
from commcoach.rubric.matching import find_evidence


def evaluate(
    document: Document | str, scenario: Scenario, elements: list[RubricElement]
) -> list[RubricResult]:
    """Each expected element: met (with the words that satisfied it) or missed."""
    text = document if isinstance(document, str) else document.text
    by_id = {e.id: e for e in scenario.rubric.elements}
    results = []
    for element in elements:
        evidence = find_evidence(element.detector, text, by_id)
        results.append(
            RubricResult(
                element_id=element.id,
                label=element.label,
                met=evidence is not None,
                explanation=element.explanation,
                hint=element.hint,
                weight=element.weight,
                evidence_start=evidence.start if evidence else None,
                evidence_end=evidence.end if evidence else None,
            )
        )
    return results


def missing_findings(results: list[RubricResult], text_length: int) -> list[Finding]:
    """A finding per missed element, attached to the whole message (nothing to point at)."""
    return [
        Finding(
            rule_id=f"rubric.{r.element_id}",
            category=Category.STRUCTURE,
            severity=Severity.WARNING,
            message=f"Missing: {r.label[0].lower()}{r.label[1:]}.",
            explanation=Explanation(why=r.explanation, better=r.hint),
            start=0,
            end=text_length,
            source="rubric",
        )
        for r in results
        if not r.met
    ]
