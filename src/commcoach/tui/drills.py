"""Ways to practise what you keep getting wrong, found in your own recent attempts.

For a word-level rule (grammar, style, tone) the practice is a drill: rewrite the sentence it
last flagged in your own text until the rule no longer fires. For a rubric element you keep
missing, it is the scenario you last missed it in. No Textual here; the UI calls these
functions in a worker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from commcoach.history import AttemptFilters, HistoryStore, StoredAttempt

SEARCH_ATTEMPTS = 100
"""How many recent attempts to look through."""


@dataclass(frozen=True)
class Drill:
    """Rewrite `text` until `rule_id` no longer fires."""

    rule_id: str
    message: str
    why: str
    text: str


@dataclass(frozen=True)
class RulePractice:
    """What a rule says, and how to practise it."""

    rule_id: str
    message: str
    drill: Drill | None = None
    scenario_id: str | None = None
    """For rubric elements: the scenario you last missed it in."""


def is_rubric(rule_id: str) -> bool:
    """Rubric gaps are about content, not words: practised in a scenario, not a drill."""
    return rule_id.startswith("rubric.")


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


def practice_for(store: HistoryStore, rule_ids: Iterable[str]) -> dict[str, RulePractice]:
    """For each rule: its message and a way to practise it, from the newest attempts first.

    Raises HistoryError when the database cannot be read.
    """
    wanted = set(rule_ids)
    found: dict[str, RulePractice] = {}
    for item in store.page(AttemptFilters(), limit=SEARCH_ATTEMPTS).items:
        if not wanted - set(found):
            break
        if item.findings == 0:
            continue
        attempt = store.get(item.id)
        if attempt is None:
            continue
        for finding in attempt.report.findings:
            rule = finding.rule_id
            if rule not in wanted or rule in found:
                continue
            if is_rubric(rule):
                found[rule] = RulePractice(rule, finding.message, scenario_id=attempt.scenario_id)
            else:
                found[rule] = RulePractice(rule, finding.message, drill_from(attempt, rule))
    return found
