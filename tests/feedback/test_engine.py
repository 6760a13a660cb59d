"""The headless facade: one Report from all local channels (grammar off here; see
tests/grammar for the real LanguageTool server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from commcoach.config import GrammarBackend, Settings
from commcoach.feedback.engine import FeedbackEngine, is_disabled
from commcoach.feedback.report import GrammarReason, Report
from commcoach.scenarios import load_file

FIXTURE = Path(__file__).parents[1] / "fixtures" / "valid-scenario.yaml"


def engine(**grammar: object) -> FeedbackEngine:
    settings = Settings()
    settings.grammar.backend = GrammarBackend.OFF
    for key, value in grammar.items():
        setattr(settings.grammar, key, value)
    return FeedbackEngine(settings)


def test_report_has_metrics_rubric_score_and_grammar_status() -> None:
    scenario = load_file(FIXTURE)
    text = (
        "Yesterday I fixed the flaky login test. Today I'll start the refund template. No blockers."
    )
    report = engine().analyse(text, scenario)
    assert report.scenario_id == "standup-daily" and report.turn_id == "update"
    assert [r.element_id for r in report.rubric] == ["done", "next", "blockers", "ask"]
    met = {r.element_id: r for r in report.rubric}
    assert met["done"].met and met["next"].met and met["blockers"].met
    evidence = met["blockers"]
    assert evidence.evidence_start is not None and evidence.evidence_end is not None
    assert text[evidence.evidence_start : evidence.evidence_end] == "No blockers"
    assert report.metrics.words == 15
    assert report.grammar.reason is GrammarReason.OFF
    assert 0 <= report.score.total <= 100
    Report.model_validate_json(report.model_dump_json())  # JSON round trip


def test_missing_rubric_elements_become_findings() -> None:
    report = engine().analyse("ok", load_file(FIXTURE))
    missing = {f.rule_id for f in report.findings if f.source == "rubric"}
    assert {"rubric.done", "rubric.next"} <= missing
    assert report.score.components[0].points < 15


def test_style_findings_point_at_the_words() -> None:
    text = "Sorry, sorry for the delay. I think maybe I can finish it soon."
    report = engine().analyse(text)
    assert report.findings, "style rules should fire on hedging, apology and vague time"
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.explanation.why
    assert any(text[f.start : f.end].lower() == "soon" for f in report.findings)


def test_disabled_rules_by_id_and_prefix() -> None:
    text = "Sorry, sorry for the delay. I think maybe I can finish it soon."
    everything = {f.rule_id for f in engine().analyse(text).findings}
    some = sorted(everything)[0]
    fewer = {f.rule_id for f in engine(disabled_rules=[some]).analyse(text).findings}
    assert some not in fewer
    prefix = some.split(".")[0]
    none_left = engine(disabled_rules=[prefix]).analyse(text).findings
    assert not any(f.rule_id.startswith(prefix + ".") for f in none_left)
    assert is_disabled("style.hedging", frozenset({"style"}))
    assert not is_disabled("styles.x", frozenset({"style"}))


def test_code_and_urls_are_never_flagged() -> None:
    text = "Please see `sorry_maybe_soon()` at https://example.com/soon and @soon-bot in PAY-12."
    report = engine().analyse(text)
    for f in report.findings:
        if f.source in {"style", "languagetool"}:
            flagged = text[f.start : f.end]
            assert "soon" not in flagged.lower(), flagged


def test_live_preview_defers_grammar() -> None:
    report = engine().analyse("I will done it tomorow.", with_grammar=False)
    assert report.grammar.reason is GrammarReason.DEFERRED
    assert not any(f.category.value in {"grammar", "spelling"} for f in report.findings)


def test_empty_text_gives_a_report_not_an_error() -> None:
    report = engine().analyse("", load_file(FIXTURE))
    assert report.metrics.words == 0 and report.findings


# --- issue 11: no two findings on the same words that contradict or repeat each other --------


def _real_engine(lt_settings: Settings) -> FeedbackEngine:
    return FeedbackEngine(lt_settings)


@pytest.mark.languagetool
def test_revert_back_gets_one_consistent_fix(lt_settings: Settings) -> None:
    text = "Please revert back to me by Monday."
    report = _real_engine(lt_settings).analyse(text)
    on_revert = [f for f in report.findings if f.start <= text.index("revert") < f.end]
    # LanguageTool alone says RETURN_BACK: "use just 'revert'"; ours says "reply". One stays.
    assert [f.rule_id for f in on_revert] == ["clarity.revert_reply"]
    assert on_revert[0].suggestions == ["reply"]


@pytest.mark.languagetool
def test_do_the_needful_has_no_vague_one_key_fix(lt_settings: Settings) -> None:
    text = "Kindly check the ticket and do the needful."
    report = _real_engine(lt_settings).analyse(text)
    on_phrase = [f for f in report.findings if text[f.start : f.end] == "do the needful"]
    assert [f.rule_id for f in on_phrase] == ["clarity.do_the_needful"]
    assert on_phrase[0].suggestions == []  # "do what is needed" would be just as vague


def test_hard_sentence_supersedes_long_sentence_on_the_same_sentence() -> None:
    text = (
        "The reason I am writing is that the build which we set up last week fails when the "
        "tests that use the database run because the container that holds it starts too late "
        "and nobody noticed it until the release which was planned for Friday was delayed."
    )
    ids = [f.rule_id for f in engine().analyse(text).findings]
    assert "readability.hard_sentence" in ids
    assert "readability.long_sentence" not in ids


def test_picky_rules_run_only_at_the_picky_level() -> None:
    from commcoach.feedback.style import StyleContext, all_rules

    picky = [r for r in all_rules() if r.picky]
    for rule in picky:
        text = rule.examples.fail[0]
        assert rule.find(text, StyleContext()) == []
        assert rule.find(text, StyleContext(picky=True))
