"""Word order findings: adjacent words in an order English does not allow ('the so', 'start
will I,'), from commcoach.language.order. A local grammar channel: fast enough for every
keystroke burst, and it catches the garbled, half-rewritten message that LanguageTool passes
word by word. Measured on about 33,000 words of fluent text (the shared pro-prose, updates and
clarification sets): one false alarm.
"""

from __future__ import annotations

from commcoach.feedback.report import Category, Explanation, Finding, Severity
from commcoach.language.document import Document
from commcoach.language.order import word_order_breaks

_WHY = (
    "These words cannot stand next to each other in English: a word is missing, or the order "
    "got mixed up while rewriting. Read the sentence aloud and rebuild it as subject, verb, "
    "object."
)


def word_order_findings(document: Document) -> list[Finding]:
    """One warning per broken word pair."""
    return [
        Finding(
            rule_id="grammar.word_order",
            category=Category.GRAMMAR,
            severity=Severity.WARNING,
            message="Word order looks broken here.",
            explanation=Explanation(
                why=_WHY,
                weak="Today refund template start will I.",
                better="Today I will start the refund template.",
            ),
            start=span.start,
            end=span.end,
            source="style",
        )
        for span in word_order_breaks(document)
    ]
