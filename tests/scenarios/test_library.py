"""The shipped scenario library: every file loads, and every scenario teaches what it claims.

A scenario whose model answer misses its own rubric teaches the wrong thing; a rubric that "ok"
satisfies teaches nothing; a multi-turn script whose goals end it after the first answer never
shows its later turns. These tests read the real files in scenarios/ with the real loader, the
real detectors and the real readability formulas.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from commcoach.conversation import Conversation
from commcoach.feedback import readability
from commcoach.feedback.report import RubricResult, TargetBand
from commcoach.models import Audience, Register, RubricElement, Scenario
from commcoach.rubric.matching import find_evidence
from commcoach.scenarios import load_file, load_library, load_paths, scenario_files
from commcoach.text import count_words

SCENARIOS_DIR = Path(__file__).resolve().parents[2] / "scenarios"
FILES = scenario_files(SCENARIOS_DIR)
LIBRARY = load_paths(FILES)
SCENARIOS = list(LIBRARY.scenarios.values())
IDS = [s.id for s in SCENARIOS]

WEAK_ANSWERS = ["ok", "ok will do", "Sure, no problem."]
"""Answers a learner types when they have not tried; no rubric should be happy with them."""


def _elements(scenario: Scenario) -> dict[str, RubricElement]:
    return {e.id: e for e in scenario.rubric.elements}


def _met(scenario: Scenario, element: RubricElement, text: str) -> bool:
    return find_evidence(element.detector, text, _elements(scenario)) is not None


def _model_answers(scenario: Scenario) -> dict[str, str]:
    return {(a.turn or scenario.turns[0].id): a.text for a in scenario.model_answers}


def _band(scenario: Scenario) -> TargetBand:
    base = readability.AUDIENCE_BANDS[scenario.audience.value]
    wanted = scenario.rubric.readability
    return TargetBand(
        flesch_min=wanted.flesch_min if wanted else base.flesch_min,
        grade_max=wanted.grade_max if wanted else base.grade_max,
    )


# --- the library as a whole -------------------------------------------------------------------


def test_every_file_loads_without_errors() -> None:
    assert LIBRARY.errors == []
    assert len(LIBRARY.scenarios) == len(FILES)


def test_the_builtin_library_is_what_the_app_loads() -> None:
    library = load_library()
    assert library.errors == []
    assert set(IDS) <= set(library.scenarios)


def test_ids_are_unique_and_match_file_names() -> None:
    assert len(set(IDS)) == len(IDS)
    for path in FILES:
        assert load_file(path).id == path.stem, path.name


def test_library_size_and_breadth() -> None:
    categories = {s.category for s in SCENARIOS}
    multi_turn = [s for s in SCENARIOS if len(s.turns) >= 2 and any(t.follow_ups for t in s.turns)]
    assert len(SCENARIOS) >= 24
    assert len(categories) >= 8, categories
    assert len(multi_turn) >= 8, [s.id for s in multi_turn]


def test_every_audience_register_and_difficulty_is_used() -> None:
    assert {s.audience for s in SCENARIOS} == set(Audience)
    assert {s.formality for s in SCENARIOS} == set(Register)
    difficulties = Counter(s.difficulty for s in SCENARIOS)
    assert set(difficulties) == {1, 2, 3}
    assert min(difficulties.values()) >= 4, difficulties


def test_required_situations_are_covered() -> None:
    """The situations interns meet most often each have at least one scenario."""
    categories = Counter(s.category for s in SCENARIOS)
    for category, wanted in {
        "standup": 2,
        "progress-update": 1,
        "clarification": 2,
        "asking-for-help": 1,
        "deadline": 1,
        "incident": 1,
        "code-review": 1,
        "networking": 1,
        "hr-admin": 1,
        "follow-up": 1,
        "disagreement": 1,
        "internship-wrap-up": 1,
    }.items():
        assert categories[category] >= wanted, category


# --- each scenario ----------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_scenario_shape(scenario: Scenario) -> None:
    assert 2 <= len(scenario.rubric.elements) <= 5
    assert 2 <= len(scenario.tips) <= 4
    assert scenario.rubric.words is not None
    assert scenario.rubric.readability is not None
    assert scenario.closing
    assert scenario.goals
    assert 1 <= len(scenario.turns) <= 4
    for element in scenario.rubric.elements:
        assert element.hint, f"{element.id} has no hint"
        assert len(element.explanation.split()) >= 6, f"{element.id}: explanation too thin"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_every_turn_has_a_model_answer(scenario: Scenario) -> None:
    answered = _model_answers(scenario)
    assert [t.id for t in scenario.turns if t.id not in answered] == []


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_model_answers_meet_their_rubric_and_word_bounds(scenario: Scenario) -> None:
    bounds = scenario.rubric.words
    for turn_id, text in _model_answers(scenario).items():
        missed = [e.id for e in scenario.expected_elements(turn_id) if not _met(scenario, e, text)]
        assert missed == [], f"turn {turn_id}: model answer misses {missed}"
        if bounds is not None:
            assert bounds.min <= count_words(text) <= bounds.max, f"turn {turn_id}"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_model_answers_are_as_readable_as_the_scenario_asks(scenario: Scenario) -> None:
    band = _band(scenario)
    for turn_id, text in _model_answers(scenario).items():
        metrics = readability.measure(text, band)
        assert metrics.in_band, (
            f"turn {turn_id}: Flesch {metrics.flesch_reading_ease} (min {band.flesch_min}), "
            f"grade {metrics.flesch_kincaid_grade} (max {band.grade_max})"
        )


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_weak_answers_miss_the_rubric(scenario: Scenario) -> None:
    """'ok' misses something on every turn; low-effort answers miss at least half of it."""
    for turn in scenario.turns:
        expected = scenario.expected_elements(turn.id)
        assert not all(_met(scenario, e, "ok") for e in expected), turn.id
        for weak in WEAK_ANSWERS:
            met = [e.id for e in expected if _met(scenario, e, weak)]
            assert len(met) * 2 <= len(expected), f"turn {turn.id}: {weak!r} meets {met}"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_follow_ups_react_to_what_the_answer_contains(scenario: Scenario) -> None:
    """An `unless` follow-up fires on a bare 'ok' but not on the model answer (which already has
    what it asks for); a `when` follow-up does not fire on 'ok'."""
    elements = _elements(scenario)
    answers = _model_answers(scenario)
    for turn in scenario.turns:
        for follow in turn.follow_ups:
            if follow.unless is not None:
                assert find_evidence(follow.unless, "ok", elements) is None, follow.message
                model = answers[turn.id]
                assert find_evidence(follow.unless, model, elements) is not None, follow.message
            if follow.when is not None:
                assert find_evidence(follow.when, "ok", elements) is None, follow.message
            assert follow.expects, f"follow-up in {turn.id} expects nothing"


class _RubricOnly:
    """The rubric part of a Report is all the conversation reads."""

    def __init__(self, scenario: Scenario, ids: list[str], text: str) -> None:
        self.rubric = [
            RubricResult(
                element_id=i,
                label=i,
                explanation="-",
                met=_met(scenario, _elements(scenario)[i], text),
            )
            for i in ids
        ]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_model_answers_walk_through_every_turn(scenario: Scenario) -> None:
    """Goals must not end the script before its later turns; the script must end."""
    answers = _model_answers(scenario)
    conversation = Conversation(scenario)
    visited: list[str] = []
    for _ in range(4 * len(scenario.turns) + 4):
        prompt = conversation.current
        if prompt is None:
            break
        if not prompt.is_follow_up:
            visited.append(prompt.turn_id)
        text = answers[prompt.turn_id]
        report = _RubricOnly(scenario, [e.id for e in prompt.elements], text)
        conversation.answer(text, report)  # type: ignore[arg-type]
    assert conversation.finished
    assert visited == [t.id for t in scenario.turns]


# --- the schema guide ---------------------------------------------------------------------------

README = SCENARIOS_DIR / "README.md"


def test_readme_example_is_a_valid_scenario_whose_answers_meet_its_rubric() -> None:
    """The annotated example is what people copy: it must load and pass `validate`."""
    from commcoach.cli.scenarios_cmd import model_answer_problems
    from commcoach.scenarios import parse_scenario

    text = README.read_text(encoding="utf-8")
    start = text.index("```yaml\nid: ") + len("```yaml\n")
    example = parse_scenario(text[start : text.index("```", start)], "example.yaml")
    assert model_answer_problems(example) == []
    assert any(f.unless for t in example.turns for f in t.follow_ups)
    assert any(f.when for t in example.turns for f in t.follow_ups)


def test_readme_documents_every_builtin_detector_and_lists_every_scenario() -> None:
    from commcoach.rubric.builtin import BUILTIN_DETECTORS

    text = README.read_text(encoding="utf-8")
    for name in BUILTIN_DETECTORS:
        assert f"| `{name}` |" in text, name
    for scenario_id in IDS:
        assert f"| `{scenario_id}` |" in text, scenario_id


def test_a_follow_up_goto_skips_a_turn_the_answer_made_unnecessary() -> None:
    """incident-report-bug: recommending the rollback in the first report skips 'roll back or
    hotfix?' and goes straight to the support update."""
    scenario = LIBRARY.scenarios["incident-report-bug"]
    conversation = Conversation(scenario)

    def answer(text: str) -> None:
        prompt = conversation.current
        assert prompt is not None
        report = _RubricOnly(scenario, [e.id for e in prompt.elements], text)
        conversation.answer(text, report)  # type: ignore[arg-type]

    answer("Since 13:52 about 8% of checkout requests fail. I'll check logs. Let's roll back.")
    assert conversation.current is not None and conversation.current.is_follow_up
    answer("The errors started at 13:52, two minutes after the 13:50 deploy.")
    assert conversation.current is not None and conversation.current.turn_id == "support"


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("The export will be late: it had a problem with time zones.", True),
        ("Sorry, the export will be delayed because the time zones are wrong.", True),
        ("The export will be late.", False),  # the news without a reason
        ("The export is on track for the 14th.", False),
    ],
)
def test_client_delay_news_reads_a_late_date_and_a_named_problem(text: str, met: bool) -> None:
    """client-delay-notice: 'will be late' is the news and a named problem is its reason, not
    only the phrases the scenario lists ('will not be ready', 'because')."""
    scenario = LIBRARY.scenarios["client-delay-notice"]
    news = next(e for e in scenario.rubric.elements if e.id == "news")
    assert _met(scenario, news, text) is met
