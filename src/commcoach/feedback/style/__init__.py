"""Workplace-style rules as YAML data: hedging, vague time, over-apology, wordiness, tone...

Public API (what the feedback engine uses):
- `check_style(text, context) -> list[Finding]`: every enabled rule, sorted by position;
- `StyleContext`: register, audience, sentence limit, disabled ids or prefixes;
- `all_rules() -> list[Rule]`: the shipped rules (meta-tests, docs, benchmarks).

Rules live in `rules/<pack>/<Name>.yml`; see kinds.py for the closed set of kinds.
"""

from __future__ import annotations

from commcoach.feedback.report import Finding
from commcoach.feedback.style.context import StyleContext
from commcoach.feedback.style.kinds import KINDS, Rule
from commcoach.feedback.style.registry import (
    PACKS,
    RuleError,
    all_rules,
    builtin_rules,
    is_disabled,
    load_rule,
    load_rules,
)

__all__ = [
    "KINDS",
    "PACKS",
    "Rule",
    "RuleError",
    "StyleContext",
    "all_rules",
    "check_style",
    "is_disabled",
    "load_rule",
    "load_rules",
]


def check_style(text: str, context: StyleContext) -> list[Finding]:
    """Findings of every enabled rule on `text`, sorted by position then rule id.

    Nothing inside code, URLs, paths, @mentions or ticket ids is flagged.
    """
    if not text.strip():
        return []
    findings: list[Finding] = []
    disabled = context.disabled
    for rule in builtin_rules():
        if not disabled or not is_disabled(rule.rule_id, disabled):
            findings.extend(rule.find(text, context))
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule_id))
