"""commcoach's LanguageTool rules (grammar_custom.xml) prove themselves on the real server.

Every `<example>` of the file is one test, named after its rule: an incorrect example must be
flagged by that rule exactly at its `<marker>`, with the expected correction as the FIRST
suggestion; a correct example must not be flagged by any of our rules. Checks run with only our
rules enabled (`enabledOnly`), as LanguageTool's own PatternRuleTest does, so a LanguageTool
rule on the same words neither hides nor fakes a result. The session server is started by
commcoach's own LanguageToolServer, so these tests also prove that the server we own loads the
rules from the package data (a fresh clone: `make test`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from commcoach.feedback.grammar.client import LtClient
from commcoach.feedback.grammar.explain import LEARNER_TEXT
from commcoach.languagetool import custom_rules
from commcoach.languagetool.custom_rules import RuleExample, rule_examples, rule_ids
from commcoach.languagetool.server import LanguageToolServer
from languagetool_fixtures import LT_TEST_TIMEOUT

EXAMPLES = rule_examples()


def _name(example: RuleExample) -> str:
    kind = "bad" if example.incorrect else "ok"
    return f"{example.rule_id}-{kind}-{example.text[:40]}"


@pytest.fixture(scope="module")
def our_rules_client(languagetool_server: LanguageToolServer) -> Iterator[LtClient]:
    """A client to the session server (started by commcoach, so with our rules)."""
    client = LtClient(languagetool_server.status().url, LT_TEST_TIMEOUT)
    yield client
    client.close()


def _ours_only(client: LtClient, text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    params = {
        "language": "en-US",
        "enabledRules": ",".join(rule_ids()),
        "enabledOnly": "true",
    }
    return [(m.start, m.end, m.rule_id, m.replacements) for m in client.check(text, params)]


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.incorrect], ids=_name)
def test_incorrect_example_is_flagged_at_the_marker(
    our_rules_client: LtClient, example: RuleExample
) -> None:
    found = _ours_only(our_rules_client, example.text)
    at_marker = [
        f for f in found if (f[0], f[1], f[2]) == (example.start, example.end, example.rule_id)
    ]
    marked = example.text[example.start : example.end]
    assert at_marker, f"{example.rule_id} did not flag {marked!r} in {example.text!r}: {found}"
    suggestions = at_marker[0][3]
    assert suggestions[: len(example.corrections)] == example.corrections, (
        f"{example.rule_id} on {marked!r}: suggestions {suggestions}, expected "
        f"{example.corrections} first"
    )


@pytest.mark.parametrize("example", [e for e in EXAMPLES if not e.incorrect], ids=_name)
def test_correct_example_is_not_flagged(our_rules_client: LtClient, example: RuleExample) -> None:
    found = _ours_only(our_rules_client, example.text)
    assert not found, f"our rules flag a correct sentence {example.text!r}: {found}"


def test_the_server_we_start_reports_the_canary(our_rules_client: LtClient) -> None:
    """What `commcoach languagetool status` asks: the canary sentence is flagged by our rule."""
    matches = our_rules_client.check(custom_rules.CANARY_TEXT, {"language": "en-US"})
    assert custom_rules.CANARY_RULE in {m.rule_id for m in matches}
    assert custom_rules.loaded(our_rules_client)


def test_every_rule_has_failing_and_passing_examples_and_an_explanation() -> None:
    ids = rule_ids()
    assert len(ids) == len(set(ids)), "duplicate rule ids in grammar_custom.xml"
    for rule_id in ids:
        assert custom_rules.is_ours(rule_id), f"{rule_id}: ids must start with CC_"
        mine = [e for e in EXAMPLES if e.rule_id == rule_id]
        assert any(e.incorrect for e in mine), f"{rule_id} has no incorrect example"
        assert any(not e.incorrect for e in mine), f"{rule_id} has no correct example"
        assert rule_id in LEARNER_TEXT, f"{rule_id} has no learner explanation in explain.py"
    assert set(LEARNER_TEXT) == set(ids), "explanations for rules that do not exist"


def test_languagetools_own_cc_rules_are_not_counted_as_ours() -> None:
    """LanguageTool ships rules whose ids also start with CC_ (CC_VERB)."""
    assert custom_rules.is_ours("CC_AGREEMENT_RELATIVE")
    assert not custom_rules.is_ours("CC_VERB")


def test_rules_are_package_data_and_hashed() -> None:
    folder = custom_rules.rules_dir()
    assert custom_rules.rules_file().is_relative_to(folder)
    assert custom_rules.classpath(folder / "x.jar").startswith(str(folder))
    assert len(custom_rules.rules_hash()) == 12


@pytest.mark.parametrize("rule_id", sorted(LEARNER_TEXT))
def test_explanation_examples_are_judged_by_their_own_rule(
    our_rules_client: LtClient, rule_id: str
) -> None:
    """The learner sees 'weak' and 'better' as the rule's lesson: the rule must flag the weak
    sentence and pass the better one, or the explanation teaches something the coach does not do."""
    _, weak, better = LEARNER_TEXT[rule_id]
    assert rule_id in {f[2] for f in _ours_only(our_rules_client, weak)}, weak
    assert rule_id not in {f[2] for f in _ours_only(our_rules_client, better)}, better


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.incorrect], ids=_name)
def test_the_first_correction_leaves_no_finding_in_its_words(
    our_rules_client: LtClient, example: RuleExample
) -> None:
    """Never approve an error: the sentence with the first suggestion applied is checked again
    by every rule the server has, and nothing may flag the corrected words."""
    fixed = example.text[: example.start] + example.corrections[0] + example.text[example.end :]
    start, end = example.start, example.start + len(example.corrections[0])
    found = our_rules_client.check(fixed, {"language": "en-US"})
    inside = [(m.rule_id, fixed[m.start : m.end]) for m in found if m.start < end and start < m.end]
    assert not inside, f"{example.rule_id}: {fixed!r} still has {inside}"
