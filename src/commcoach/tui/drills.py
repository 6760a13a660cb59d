"""Drills: practise one rule you keep breaking by rewriting your own flagged sentence.

The sentence comes from your most recent attempt the rule fired in, so the practice is about
your writing, not a textbook example. No Textual here; the UI calls `find_drill` in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from commcoach.history import AttemptFilters, HistoryStore, StoredAttempt

SEARCH_ATTEMPTS = 100
"""How many recent attempts to look through for a flagged sentence."""


@dataclass(frozen=True)
class Drill:
    """Rewrite `text` until `rule_id` no longer fires."""

    rule_id: str
    message: str
    why: str
    text: str


def drill_from(attempt: StoredAttempt, rule_id: str) -> Drill | None:
    """A drill from the sentence around the first finding of `rule_id` in an attempt."""
    for finding in attempt.report.findings:
        if finding.rule_id != rule_id:
            continue
        text = attempt.text
        start = max(text.rfind(".", 0, finding.start), text.rfind("\n", 0, finding.start)) + 1
        ends = [i for i in (text.find(".", finding.end), text.find("\n", finding.end)) if i != -1]
        end = min(ends) + 1 if ends else len(text)
        sentence = text[start:end].strip() or finding.explanation.weak or text.strip()
        return Drill(rule_id, finding.message, finding.explanation.why, sentence)
    return None


def find_drill(store: HistoryStore, rule_id: str) -> Drill | None:
    """The newest attempt's sentence flagged by `rule_id` (None when there is none).

    Raises HistoryError when the database cannot be read.
    """
    for item in store.page(AttemptFilters(), limit=SEARCH_ATTEMPTS).items:
        if item.findings == 0:
            continue
        attempt = store.get(item.id)
        drill = drill_from(attempt, rule_id) if attempt is not None else None
        if drill is not None:
            return drill
    return None
