"""The grammar checker against a real LanguageTool server (the session fixture)."""

from __future__ import annotations

import pytest

from commcoach.config import DictionarySettings, EnglishVariant, Settings
from commcoach.feedback.grammar import LanguageToolChecker
from commcoach.feedback.grammar.client import LtClient
from commcoach.feedback.report import Category, Finding, GrammarState, Severity

pytestmark = pytest.mark.languagetool

STANDUP = "Yesterday I fix the bug in teh login page. He go to meeting."


def flagged(text: str, findings: list[Finding]) -> list[tuple[str, str]]:
    return [(text[f.start : f.end], f.rule_id) for f in findings]


def with_grammar(settings: Settings, **changes: object) -> Settings:
    grammar = settings.grammar.model_copy(update=changes)
    return settings.model_copy(update={"grammar": grammar})


def checker_for(settings: Settings) -> LanguageToolChecker:
    return LanguageToolChecker(settings, url=settings.grammar.server_url)


def test_learner_standup_gets_spelling_and_grammar_findings(
    lt_checker: LanguageToolChecker,
) -> None:
    findings, status = lt_checker.check(STANDUP)
    assert status.state is GrammarState.CHECKED and status.backend == "remote"
    spans = flagged(STANDUP, findings)
    assert ("teh", "spelling.MORFOLOGIK_RULE_EN_US") in spans
    assert ("go", "grammar.HE_VERB_AGR") in spans
    typo = next(f for f in findings if STANDUP[f.start : f.end] == "teh")
    assert typo.category is Category.SPELLING and typo.severity is Severity.ERROR
    assert typo.suggestions[0] == "the"
    assert typo.explanation.why and "Here:" in typo.explanation.why
    assert typo.explanation.weak == "Yesterday I fix the bug in teh login page."
    # the better sentence also takes the other fix in its words ("fix" -> "fixed")
    assert typo.explanation.better == "Yesterday I fixed the bug in the login page."
    agreement = next(f for f in findings if f.rule_id == "grammar.HE_VERB_AGR")
    assert agreement.category is Category.GRAMMAR and agreement.severity is Severity.ERROR
    assert {"goes", "went"} <= set(agreement.suggestions)


def test_the_better_sentence_holds_no_other_flagged_mistake(
    lt_checker: LanguageToolChecker,
) -> None:
    """A ✓ beside a sentence that still holds another finding would approve that mistake."""
    text = "The login bug was fix yesterday and all the tickets has been closed."
    findings, status = lt_checker.check(text)
    assert status.checked
    by_words = {text[f.start : f.end]: f for f in findings}
    assert {"fix", "has"} <= set(by_words)
    expected = "The login bug was fixed yesterday and all the tickets have been closed."
    assert by_words["has"].explanation.better == expected
    assert by_words["fix"].explanation.better == expected
    assert by_words["has"].explanation.weak == text


def test_the_better_sentence_takes_no_optional_style_rewrite(
    lt_checker: LanguageToolChecker,
) -> None:
    """A style hint's rewrite ('Furthermore,' for three sentences that start with 'I') is a
    choice, not a correction: the ✓ beside a real mistake shows only the correction, and the
    hint itself offers no linking word that changes the meaning."""
    text = "I fixed the login. I wrote the tests. I think I can finish until Monday."
    findings, status = lt_checker.check(text)
    assert status.checked
    repeat = next(f for f in findings if f.rule_id.endswith("WORD_REPEAT_BEGINNING_RULE"))
    # LanguageTool's linking words ("Likewise, I think ...") add a meaning: no replacement
    assert repeat.suggestions == [] and "Vary one" in repeat.message
    assert "'I'" in repeat.message
    until = next(f for f in findings if text[f.start : f.end] == "until")
    assert until.explanation.better == "I think I can finish by Monday."


def test_team_nouns_made_from_verbs_are_not_flagged(lt_checker: LanguageToolChecker) -> None:
    """'The deploy failed' is how engineering teams write; other verbs after 'the' still are."""
    text = "After the deploy we checked the logs. The arrive was late."
    findings, status = lt_checker.check(text)
    assert status.checked
    words = {text[f.start : f.end] for f in findings}
    assert "deploy" not in words
    assert "arrive" in words


def test_exact_spans_after_and_inside_emoji_cjk_and_combining_marks(
    lt_checker: LanguageToolChecker,
) -> None:
    text = (
        "👩‍💻 日本語 ok. The cafe\u0301 is open. I could of 𝒞 done it. "
        "Then te𝒞h and 𝒞 𝒞 again 🎉 teh. Café\u0301 too."
    )
    findings, status = lt_checker.check(text)
    assert status.checked
    spans = {text[f.start : f.end] for f in findings}
    # Non-BMP characters (2 UTF-16 units each) before and inside the flagged words:
    assert {"of", "te𝒞h", "𝒞 𝒞", "teh"} <= spans
    # A combining mark inside the flagged word belongs to it:
    assert "Café\u0301" in spans
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)


def test_protected_spans_are_never_flagged(lt_checker: LanguageToolChecker) -> None:
    text = (
        "Please check `teh_value` in src/tehfile.py, see https://example.com/teh/page, "
        "ask @tehguy about JIRA-123 and call getTehValue or teh_var. That is teh end."
    )
    raw = LtClient(lt_checker.url or "", 60).check(text, {"language": "en-US"})
    raw_words = {text[m.start : m.end] for m in raw}
    assert "getTehValue" in raw_words or "tehguy" in raw_words  # LanguageTool does flag them
    findings, _ = lt_checker.check(text)
    assert flagged(text, findings) == [("teh", "spelling.MORFOLOGIK_RULE_EN_US")]
    assert findings[0].start == text.rindex("teh")


def test_tech_words_and_personal_dictionary_are_not_flagged(lt_settings: Settings) -> None:
    text = "We use pytest, npm, dockerfile and kubectl with zorblax in the repo. That is teh plan."
    raw = LtClient(lt_settings.grammar.server_url, 60).check(text, {"language": "en-US"})
    assert {"pytest", "npm", "kubectl", "zorblax"} <= {text[m.start : m.end] for m in raw}
    plain = checker_for(lt_settings)
    assert {w for w, _ in flagged(text, plain.check(text)[0])} == {"zorblax", "teh"}
    personal = lt_settings.model_copy(update={"dictionary": DictionarySettings(words=["zorblax"])})
    assert [w for w, _ in flagged(text, checker_for(personal).check(text)[0])] == ["teh"]


@pytest.mark.parametrize(
    ("disabled", "left"),
    [
        # "fix" after "Yesterday I": commcoach's learner rule inside LanguageTool (issue 10)
        (["grammar.HE_VERB_AGR"], {"teh", "fix"}),
        (["HE_VERB_AGR"], {"teh", "fix"}),
        (["spelling.MORFOLOGIK_RULE_EN_US"], {"go", "fix"}),
        (["spelling"], {"go", "fix"}),
        (["grammar.CC_PAST_TIME_BASE_FORM"], {"teh", "go"}),
        ([], {"teh", "go", "fix"}),
    ],
)
def test_disabled_rules_are_honoured(
    lt_settings: Settings, disabled: list[str], left: set[str]
) -> None:
    checker = checker_for(with_grammar(lt_settings, disabled_rules=disabled))
    findings, status = checker.check(STANDUP)
    assert status.checked
    assert {STANDUP[f.start : f.end] for f in findings} == left


def test_both_variants_are_accepted_unless_strict(lt_settings: Settings) -> None:
    text = "The color and the colour of the organisation's behaviour. That is teh plan."
    us = checker_for(lt_settings).check(text)[0]
    gb = checker_for(with_grammar(lt_settings, variant=EnglishVariant.GB)).check(text)[0]
    assert [w for w, _ in flagged(text, us)] == ["teh"]
    assert [w for w, _ in flagged(text, gb)] == ["teh"]
    strict_us = checker_for(with_grammar(lt_settings, strict_variant=True)).check(text)[0]
    assert [w for w, _ in flagged(text, strict_us)] == [
        "colour",
        "organisation",
        "behaviour",
        "teh",
    ]
    strict_gb = checker_for(
        with_grammar(lt_settings, variant=EnglishVariant.GB, strict_variant=True)
    ).check(text)[0]
    assert "color" in [w for w, _ in flagged(text, strict_gb)]
    assert strict_gb[0].rule_id == "spelling.MORFOLOGIK_RULE_EN_GB"


def test_the_other_variants_words_are_accepted_unless_strict(lt_settings: Settings) -> None:
    """Not only spellings: 'afterwards', 'for ever', 'lorry', 'ground floor' are British English."""
    text = (
        "I checked the lorry afterwards. The lift is on the ground floor. "
        "It will not stay like that for ever."
    )
    assert checker_for(lt_settings).check(text)[0] == []
    strict = checker_for(with_grammar(lt_settings, strict_variant=True)).check(text)[0]
    assert {"lorry", "afterwards"} <= {w for w, _ in flagged(text, strict)}


def test_picky_level_adds_typography_hints(lt_settings: Settings) -> None:
    text = 'He said "hello" to me.'
    assert checker_for(lt_settings).check(text)[0] == []
    picky = checker_for(with_grammar(lt_settings, picky=True)).check(text)[0]
    assert [f.rule_id for f in picky] == ["grammar.EN_QUOTES"]
    assert picky[0].severity is Severity.SUGGESTION


def test_one_word_edit_resends_only_that_paragraph(lt_checker: LanguageToolChecker) -> None:
    paragraphs = [
        "Yesterday I fix the bug in teh login page.",
        "Today I will write tests for the payment service and he go to review it.",
        "Blockers: none, but the staging deploy is slow 🐢 and teh logs are noisy.",
    ]
    text = "\n\n".join(paragraphs)
    before, _ = lt_checker.check(text)
    assert lt_checker.stats.requests == 1 and lt_checker.stats.chunks_sent == 3

    edited = text.replace("payment service", "billing microservice")
    after, status = lt_checker.check(edited)
    assert status.checked
    assert lt_checker.stats.requests == 2
    assert lt_checker.stats.last_sent == (
        paragraphs[1].replace("payment service", "billing microservice"),
    )
    # Cached paragraphs keep exact spans even though the text after the edit moved.
    assert [edited[f.start : f.end] for f in after] == [text[f.start : f.end] for f in before]
    assert edited[after[-1].start : after[-1].end] == "teh"

    again, _ = lt_checker.check(edited)
    assert lt_checker.stats.requests == 2 and again == after


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("Status update, The deploy is done.", True),
        ("Status update,\nThe deploy is done.", False),
        ("Status update,  \n  The deploy is done.", False),
    ],
)
def test_capital_after_comma_stops_at_a_line_break(
    lt_checker: LanguageToolChecker, text: str, flags: bool
) -> None:
    """A comma ending a greeting or heading line is not a comma in mid-sentence."""
    findings, status = lt_checker.check(text)
    assert status.state is GrammarState.CHECKED
    capital = [f for f in findings if f.rule_id == "grammar.CC_CAPITAL_AFTER_COMMA"]
    assert bool(capital) is flags, flagged(text, findings)
    if flags:
        assert text[capital[0].start : capital[0].end] == "The"
        assert capital[0].suggestions[0] == "the"


def test_a_line_after_a_list_item_or_label_starts_a_sentence(
    lt_checker: LanguageToolChecker,
) -> None:
    """A bullet ends at its line break, so the next line's question is read as a sentence of
    its own; a hard-wrapped sentence stays one sentence (no capital asked for 'login')."""
    text = (
        "Today:\n- still working on the export\nWhat you think about the plan?\n"
        "I fixed the\nlogin bug yesterday."
    )
    findings, status = lt_checker.check(text)
    assert status.checked
    found = flagged(text, findings)
    assert ("What you think", "grammar.CC_QUESTION_NO_AUXILIARY") in found
    start = text.index("What you think")
    assert any(f.start == start and f.end == start + len("What you think") for f in findings)
    assert not any(word == "login" for word, _ in found)
