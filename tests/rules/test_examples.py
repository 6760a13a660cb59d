"""Every rule proves itself (proselint's habit): each `fail` example triggers the rule, no `pass`
example does, checked with the register/audience the rule's examples declare."""

from __future__ import annotations

import pytest

from commcoach.feedback.style import Rule, all_rules

RULES = all_rules()


def _cases(kind: str) -> list[pytest.param]:
    cases = []
    for rule in RULES:
        examples = rule.examples.fail if kind == "fail" else rule.examples.pass_
        for i, text in enumerate(examples):
            cases.append(pytest.param(rule, text, id=f"{rule.rule_id}-{kind}{i}"))
    return cases


def _spans(rule: Rule, text: str) -> list[str]:
    context = rule.examples.context.to_context()
    return [text[f.start : f.end] for f in rule.find(text, context)]


@pytest.mark.parametrize(("rule", "text"), _cases("fail"))
def test_fail_example_is_flagged(rule: Rule, text: str) -> None:
    findings = rule.find(text, rule.examples.context.to_context())
    assert findings, f"{rule.rule_id} did not fire on its fail example: {text!r}"
    for f in findings:
        assert f.rule_id == rule.rule_id
        assert 0 <= f.start < f.end <= len(text)
        assert f.message and "{match}" not in f.message and "%s" not in f.message


@pytest.mark.parametrize(("rule", "text"), _cases("pass"))
def test_pass_example_is_not_flagged(rule: Rule, text: str) -> None:
    assert _spans(rule, text) == [], f"{rule.rule_id} fired on its pass example"


@pytest.mark.parametrize(("rule", "text"), _cases("fail") + _cases("pass"))
def test_keyword_gate_never_hides_a_match(rule: Rule, text: str) -> None:
    """The speed gate (keywords) must be a necessary condition: ungated == gated results."""
    context = rule.examples.context.to_context()
    if not rule.applies(context):
        return
    gated = [(f.start, f.end) for f in rule.find(text, context)]
    ungated = [(f.start, f.end) for f in rule._find(text, context)]
    assert gated == ungated


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.rule_id)
def test_weak_example_is_flagged_and_better_is_not_worse(rule: Rule) -> None:
    """The `weak` sentence shown to learners is flagged (where it is a real sentence)."""
    context = rule.examples.context.to_context()
    weak = rule.find(rule.weak, context)
    better = rule.find(rule.better, context)
    if rule.extends in {"metric", "structure"} or rule.rule_id in _DESCRIBED_NOT_QUOTED:
        return  # their weak/better describe a whole message rather than quote one
    assert weak, f"{rule.rule_id}: the weak example {rule.weak!r} is not flagged"
    assert len(better) < len(weak), f"{rule.rule_id}: the better example is still flagged"


_DESCRIBED_NOT_QUOTED = {"tone.exclamation_overuse", "structure.too_many_questions"}
