"""Detectors read a message's structure and meaning (issue 12), on messages of our own writing.

Each case is one structural or linguistic trap: a section whose content gives no evidence, a
negation, ongoing work that is not done, a wait that is a blocker, availability that is no ETA,
a request with nothing specific in it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commcoach.language import parse
from commcoach.language.sections import is_empty_answer, is_negative_answer
from commcoach.rubric.builtin import BUILTIN_DETECTORS


def evidence(name: str, text: str) -> str | None:
    span = BUILTIN_DETECTORS[name].detect(text)
    return None if span is None else text[span.start : span.end]


NO_EVIDENCE = [
    # section content that says nothing
    ("completed_action", "Done: n/a\nNext: nothing yet"),
    ("completed_action", "Completed\n- None\n\nOngoing\n- Splitting the billing PR"),
    ("future_plan", "Next:\nditto"),
    ("blocker", "Blockers: none"),
    ("blocker", "### Blockers:\nNo blockers at the moment."),
    ("date_time", "ETA: ditto"),
    ("date_time", "ETA: TBD"),
    ("date_time", 'ETA: "When do you expect this issue to be completed?"'),
    ("completed_action", 'Progress: "What have you completed so far?"\nBlockers: none'),
    ("completed_action", "Progress: What have you completed so far?\nBlockers: none"),
    ("blocker", "Blockers: What difficulties did you meet?\n- none"),
    # negation scope
    ("completed_action", "I did not get anything done yesterday."),
    ("completed_action", "I didn't finish the migration."),
    ("completed_action", "Nothing was merged this week."),
    # ongoing is not done
    ("completed_action", "I have been working on the parser all week."),
    ("completed_action", "Progress: still working on the login page."),
    # availability is no ETA
    ("date_time", "I'm free after 3 PM most days."),
    ("date_time", "Availability: Saturdays and Sunday mornings"),
    ("date_time", "Available Mon-Fri, 6-9pm."),
    ("date_time", "## Week of 04/09\nFixed the flaky export test."),
    # a yes/no template prompt is the template's words, not the writer's
    ("future_plan", "* I know what I will do next week - no."),
    # a vague request
    ("request", "Please do the needful."),
    ("request", "Kindly revert asap."),
    # a problem listed under 'Done' was dealt with
    ("blocker", "Done:\n- Fixed the crash in the upload step"),
    # the time work took is no ETA
    ("date_time", "## Done\n- Batch conversion (5 hours)\n- SSH setup (1 hour)"),
]

EVIDENCE = [
    (
        "date_time",
        "## Done\n- Batch conversion (5 hours)\n\n## Active (with ETA)\n- CD pipeline (1 Week)",
        "1 Week",
    ),
    (
        "completed_action",
        "I have only been able to complete the first exercise.",
        "been able to complete",
    ),
    ("completed_action", "Progress: I finished the CSV export and opened PR #18.", "I finished"),
    ("completed_action", "### Progress (done):\n- Reviewed two PRs", "Progress"),
    ("future_plan", "### Progress (to-do):\n- Push the branch", "Progress"),
    ("blocker", "I am not having access of staging database.", "not having access"),
    ("blocker", "Blocked: waiting for review from Omar.", "Blocked: waiting for review from Omar."),
    ("blocker", "No blockers except the CI runner, which keeps failing.", "failing"),
    ("blocker", "I can't reproduce the timeout locally.", "can't reproduce"),
    ("blocker", "The refactor took longer than expected.", "took longer than expected"),
    ("date_time", "Availability: evenings\nETA: Friday 5pm", "ETA: Friday"),
    ("date_time", "I'm free after 3 PM. The fix will be ready by Thursday.", "by Thursday"),
    ("request", "Could you give me read access to staging today?", "Could you give"),
    (
        "future_plan",
        "Today: Safari fixes, then the release notes.",
        "Today: Safari fixes, then the release notes.",
    ),
]


@pytest.mark.parametrize(("name", "text"), NO_EVIDENCE)
def test_no_evidence(name: str, text: str) -> None:
    assert evidence(name, text) is None


@pytest.mark.parametrize(("name", "text", "expected"), EVIDENCE)
def test_evidence_shows_the_words_that_met_the_element(name: str, text: str, expected: str) -> None:
    found = evidence(name, text)
    assert found is not None
    assert found.startswith(expected) or found == expected, found


def test_sections_of_each_format_get_their_kind() -> None:
    text = (
        "**Progress**: I merged the retry fix.\n"
        "- _next_: write the docs\n"
        "### Blockers\nnone\n"
        "Availability: after 5pm\n"
        "2. ETA: Friday\n"
    )
    kinds = [(s.kind, text[s.label.start : s.label.end]) for s in parse(text).sections]
    assert kinds == [
        ("progress", "Progress"),
        ("next", "next"),
        ("blocked", "Blockers"),
        ("meta", "Availability"),
        ("eta", "ETA"),
    ]


def test_an_unknown_label_indented_under_a_section_is_part_of_its_body() -> None:
    text = (
        "- Done:\n    - Frontend: fixed the filter\n"
        "- Next:\n    - Prep for the launch:\n        - write the announcement\n"
        "Notes: the demo moved\n"
    )
    found = [(s.kind, text[s.label.start : s.label.end]) for s in parse(text).sections]
    assert found == [("done", "Done"), ("next", "Next"), ("progress", "Notes")]
    plan = BUILTIN_DETECTORS["future_plan"].detect(text)
    assert plan is not None
    assert text[plan.start : plan.end].startswith("Next")


def test_reading_text_keeps_offsets_and_blanks_prompts_and_meta() -> None:
    text = 'Blockers: "Difficulties encountered." none\nAvailability: after 5pm\nETA: Friday'
    document = parse(text)
    assert len(document.reading) == len(text)
    assert "Difficulties" not in document.reading
    assert "after 5pm" not in document.reading
    assert "Friday" in document.reading


@pytest.mark.parametrize("answer", ["", "None.", "n/a", "- ditto", "TBD", "{?}", "none for now"])
def test_empty_answers(answer: str) -> None:
    assert is_empty_answer(answer)


@pytest.mark.parametrize("answer", ["Waiting for keys", "None, but CI is red", "Friday"])
def test_answers_that_say_something(answer: str) -> None:
    assert not is_empty_answer(answer)


def test_no_blockers_except_is_not_a_denial() -> None:
    assert is_negative_answer("No blockers at the moment")
    assert not is_negative_answer("No blockers except the flaky CI")
    assert not is_negative_answer("None, but waiting on review")


def test_one_definition_of_protected_text() -> None:
    text = "See PAY-231: retry_count_3 in app2.py, ask @li 🙏 at https://x.example/a"
    document = parse(text)
    for token in ("PAY-231", "retry_count_3", "app2.py", "@li", "🙏", "https://x.example/a"):
        assert document.is_protected(text.index(token)), token
    assert not document.is_protected(text.index("See"))


PIECES = st.sampled_from(
    ["Blockers:", "### Next", "- _done_:", '"What did you do?"', " - no.", "n/a", "\n", "\n\n"]
    + ["Availability: after 5pm", "ETA:", "**Progress**:", "🙏", "’", "İ", "\t", "(optional)"]
)


@given(st.lists(st.one_of(PIECES, st.text(max_size=10)), max_size=25).map("".join))
@settings(max_examples=200, deadline=None)
def test_any_text_parses_into_spans_inside_it(text: str) -> None:
    document = parse(text)
    assert len(document.reading) == len(text) == len(document.timing)
    assert document.reading.count("\n") == text.count("\n")
    for section in document.sections:
        assert 0 <= section.label.start < section.label.end <= len(text)
        assert section.body.start <= section.body.end <= len(text)
        if section.content is not None:
            assert section.body.start <= section.content.start < section.content.end
    for span in (*document.sentences, *document.protected, *document.emoji):
        assert 0 <= span.start < span.end <= len(text)


TEMPLATE_QUESTIONS = (
    "3. ***What did you accomplish this week?*** _(Be specific)_\n"
    "  - Drafted the tech memo\n\n"
    "5. ***What are you planning to do next week***? _(give specific goals)_\n"
    "  - Finish the tech memo and prepare the final demo\n\n"
    "6. ***Is anything blocking you that you need from others?*** _(What do you need from whom)_\n"
    "  - No\n"
)


def test_a_templates_questions_on_their_own_lines_are_labels_answered_below() -> None:
    kinds = [s.kind for s in parse(TEMPLATE_QUESTIONS).sections]
    assert kinds == ["done", "next", "blocked"]
    assert evidence("future_plan", TEMPLATE_QUESTIONS) is not None
    assert evidence("blocker", TEMPLATE_QUESTIONS) is None  # the answer is 'No'
    assert evidence("no_blockers", TEMPLATE_QUESTIONS) is not None


def test_a_question_of_the_writers_own_stays_prose() -> None:
    text = "I posted one picture. Do you mean I make the pictures in a collage?\nI thought so."
    assert [s.kind for s in parse(text).sections] == []
    plain = "What do you think about the next release?\nI finished the parser."
    assert all(s.kind != "next" for s in parse(plain).sections)
