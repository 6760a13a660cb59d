"""Every built-in detector with positive and negative examples, and evidence spans."""

from __future__ import annotations

import pytest

from commcoach.detectors import BUILTIN_DETECTORS

CASES: dict[str, tuple[list[str], list[str]]] = {
    "question": (
        [
            "Should I use the v2 endpoint?",
            "Which database should the job write to",
            "Thanks. Is staging down?",
        ],
        ["I fixed the test.", "The job writes to Postgres.", "Please review my PR."],
    ),
    "date_time": (
        [
            "I'll finish it by Friday.",
            "ETA: tomorrow morning",
            "It should take 2 days.",
            "Can we meet at 3pm?",
            "Due 2026-12-04.",
            "I'll send it by end of day.",
            "next week",
        ],
        ["I'll finish it soon.", "ASAP please.", "I fixed the login bug.", "at some point"],
    ),
    "completed_action": (
        [
            "Yesterday I fixed the flaky test.",
            "I've merged the PR.",
            "Done: migration script",
            "The fix is deployed to staging.",
            "We wrote the design doc.",
        ],
        ["I will fix the test today.", "Could you review my PR?", "The test is flaky."],
    ),
    "future_plan": (
        [
            "Today I'll start the refund template.",
            "Next: write the migration.",
            "I'm going to pair with Sam.",
            "I plan to add tests.",
            "Tomorrow I will deploy it.",
        ],
        ["I fixed the bug yesterday.", "Is the build green?", "Thanks for the help."],
    ),
    "request": (
        [
            "Could you give me access to staging?",
            "Please review PR #482.",
            "I need your input on the schema.",
            "Would it be possible to move the deadline?",
            "Let me know which option you prefer.",
        ],
        ["I fixed the test.", "The deploy went well.", "I will start the template today."],
    ),
    "blocker": (
        [
            "Blocked on staging access.",
            "I'm waiting for the API keys.",
            "This depends on PAY-12.",
            "I can't run the tests locally.",
            "The risk is that the migration takes longer.",
        ],
        ["No blockers.", "Everything is on track.", "I merged the PR yesterday.", "Blockers: none"],
    ),
    "number": (
        ["It fails in 3 of 10 runs.", "About two hours.", "Latency went up 40%."],
        ["It fails sometimes.", "It takes a while.", "The page is slow."],
    ),
    "greeting": (
        ["Hi Maya,\nquick update.", "Good morning team!", "Dear Ms. Lopez,"],
        ["Quick update on PAY-231.", "Thanks, Maya.", "I think hi-res images are fine."],
    ),
    "sign_off": (
        ["Here is the fix.\n\nThanks,\nPriya", "See the PR.\nBest regards,\nAli", "Cheers"],
        ["Thanks for the review, I have updated the PR and pushed again.", "Hi Maya,"],
    ),
    "apology": (
        ["Sorry for the delay.", "I apologise for the noise.", "My apologies, wrong channel."],
        ["Thanks for the delay notice.", "I fixed the bug."],
    ),
    "gratitude": (
        ["Thanks for the quick review!", "I really appreciate your help.", "Thank you, Sam."],
        ["Please review my PR.", "I fixed it."],
    ),
    "understanding": (
        [
            "My understanding is that the export runs nightly.",
            "I understand that we need CSV.",
            "If I understand correctly, only admins see it.",
            "The ticket says the limit is 100.",
        ],
        ["Please send the file.", "I fixed the bug.", "When is the deadline?"],
    ),
    "options": (
        [
            "Should I add a new endpoint or extend the old one?",
            "Option A is a cron job.",
            "Unless you disagree, I'll go with CSV.",
            "I propose we split the ticket.",
            "By default I would keep the old format.",
        ],
        ["I fixed the bug.", "When is the deadline?", "Please review my PR."],
    ),
}


def test_every_builtin_detector_has_cases() -> None:
    assert set(CASES) == set(BUILTIN_DETECTORS)


@pytest.mark.parametrize(
    ("name", "text"),
    [(n, t) for n, (pos, _) in CASES.items() for t in pos],
)
def test_detector_finds_positive_example(name: str, text: str) -> None:
    span = BUILTIN_DETECTORS[name].detect(text)
    assert span is not None, f"{name} missed: {text!r}"
    assert 0 <= span.start < span.end <= len(text)
    assert text[span.start : span.end].strip()


@pytest.mark.parametrize(
    ("name", "text"),
    [(n, t) for n, (_, neg) in CASES.items() for t in neg],
)
def test_detector_ignores_negative_example(name: str, text: str) -> None:
    span = BUILTIN_DETECTORS[name].detect(text)
    assert span is None, f"{name} fired on {text!r}: {text[span.start : span.end]!r}"


def test_evidence_points_at_the_words_that_satisfied_it() -> None:
    text = "Quick update. I'll be done by Thursday noon, if CI behaves."
    span = BUILTIN_DETECTORS["date_time"].detect(text)
    assert span is not None
    assert text[span.start : span.end] == "by Thursday"


def test_evidence_spans_survive_emoji_before_them() -> None:
    text = "🚀🚀 shipped! Could you review PR #9?"
    span = BUILTIN_DETECTORS["request"].detect(text)
    assert span is not None
    assert text[span.start : span.end].startswith("Could you")
