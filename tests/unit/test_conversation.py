"""The scenario script reacts to what the answer did or did not contain."""

from __future__ import annotations

from pathlib import Path

from commcoach.conversation import Conversation
from commcoach.feedback.report import RubricResult
from commcoach.models import Scenario
from commcoach.rubric.matching import find_evidence
from commcoach.scenarios import load_file

FIXTURE = Path(__file__).parents[1] / "fixtures" / "valid-scenario.yaml"


class _Report:
    """The rubric part of a Report is all the conversation reads."""

    def __init__(self, scenario: Scenario, elements: list[str], text: str) -> None:
        by_id = {e.id: e for e in scenario.rubric.elements}
        self.rubric = [
            RubricResult(
                element_id=e,
                label=e,
                explanation="x",
                met=find_evidence(by_id[e].detector, text, by_id) is not None,
            )
            for e in elements
        ]


def answer(conv: Conversation, text: str):  # noqa: ANN201
    assert conv.current is not None
    ids = [e.id for e in conv.current.elements]
    return conv.answer(text, _Report(conv.scenario, ids, text))  # type: ignore[arg-type]


def test_missing_blockers_triggers_the_follow_up_question() -> None:
    conv = Conversation(load_file(FIXTURE))
    nxt = answer(conv, "Yesterday I fixed the login test. Today I'll start the refund template.")
    assert nxt is not None and nxt.is_follow_up
    assert nxt.message == "Thanks! Anything blocking you, or are you good?"
    assert [e.id for e in nxt.elements] == ["blockers"]


def test_a_blocker_triggers_the_unblock_question_and_then_ends() -> None:
    conv = Conversation(load_file(FIXTURE))
    nxt = answer(
        conv, "I fixed the test. Today I'll start the template. Blocked on staging access."
    )
    assert nxt is not None and nxt.message.startswith("Ouch. Who can unblock you")
    assert answer(conv, "Could Sam give me read access by noon?") is None
    assert conv.finished
    assert conv.transcript[-1].text == "Great, thanks - have a good day!"
    assert [x.speaker for x in conv.transcript] == [
        "counterpart",
        "learner",
        "counterpart",
        "learner",
        "counterpart",
    ]


def test_complete_answer_without_blocker_meets_goals_and_ends() -> None:
    conv = Conversation(load_file(FIXTURE))
    nxt = answer(conv, "I fixed the test yesterday. Today I'll start the template. No blockers.")
    assert nxt is None
    assert conv.met >= {"done", "next", "blockers"}


# --- the shipped stand-up reacts to what was said (issue 12) ------------------------------------

STANDUP = Path(__file__).parents[2] / "scenarios" / "standup-daily.yaml"


def test_a_named_blocker_with_a_request_gets_an_answer_not_a_question() -> None:
    conv = Conversation(load_file(STANDUP))
    nxt = answer(
        conv,
        "Yesterday I merged the retry fix. Today I'll write the refund template. I am not having "
        "access of the staging database - could you add me to the staging group today?",
    )
    assert nxt is not None and nxt.is_follow_up
    assert "Anything blocking" not in nxt.message
    assert "I'll ask Platform" in nxt.message  # the help request is answered


def test_a_named_blocker_without_a_request_is_acknowledged_then_asked_who_can_help() -> None:
    conv = Conversation(load_file(STANDUP))
    nxt = answer(
        conv, "Yesterday I merged the retry fix. Today I'll write the template. Waiting for review."
    )
    assert nxt is not None
    assert nxt.message.startswith("Ouch, thanks for flagging it.")
    assert [e.id for e in nxt.elements] == ["ask"]


def test_a_vague_request_is_not_taken_for_a_specific_one() -> None:
    conv = Conversation(load_file(STANDUP))
    nxt = answer(
        conv,
        "Yesterday I merged the retry fix. Today I'll write the template. Blocked on staging "
        "access, please do the needful.",
    )
    assert nxt is not None and nxt.message.startswith("Ouch")


def test_no_blockers_completes_the_stand_up_checklist() -> None:
    scenario = load_file(STANDUP)
    text = "Yesterday I merged the retry fix. Today I'll write the refund template. No blockers."
    report = _Report(scenario, [e.id for e in scenario.rubric.elements], text)
    assert all(r.met for r in report.rubric)  # 'No blockers' is the whole answer: 100 possible
    conv = Conversation(scenario)
    assert answer(conv, text) is None


def test_a_last_answer_that_asks_gets_an_answer_not_a_goodbye() -> None:
    conv = Conversation(load_file(STANDUP))
    nxt = answer(conv, "Yesterday I merged the retry fix. Today I'll write the template.")
    assert nxt is not None and nxt.message.startswith("Thanks! Anything blocking")
    assert answer(conv, "No blockers. Can we pair on the refund template after lunch?") is None
    assert conv.transcript[-1].text.startswith("Sure - I'll sort that out")


def test_a_last_answer_that_asks_nothing_gets_the_goodbye() -> None:
    conv = Conversation(load_file(STANDUP))
    answer(conv, "Yesterday I merged the retry fix. Today I'll write the template.")
    assert answer(conv, "No blockers, all good.") is None
    assert conv.transcript[-1].text == "Great, thanks - have a good day!"


WEEKLY = Path(__file__).parents[2] / "scenarios" / "weekly-progress-manager.yaml"


def test_a_weekly_update_with_no_risks_is_complete_and_not_thanked_for_a_risk() -> None:
    conv = Conversation(load_file(WEEKLY))
    nxt = answer(
        conv,
        "Hi Grace, this week I merged the CSV export (INV-42). The PDF export is about 40% done. "
        "Next week I'll finish it and add tests. No risks this week.",
    )
    assert nxt is None or "flagged" not in nxt.message
    assert {"done", "next", "metric", "risk"} <= conv.met


def test_a_named_weekly_risk_is_acknowledged() -> None:
    conv = Conversation(load_file(WEEKLY))
    nxt = answer(
        conv,
        "Hi Grace, this week I merged the CSV export (INV-42). The PDF export is about 40% done. "
        "Next week I'll finish it. Risk: the PDF library makes every request 3 seconds slower.",
    )
    assert nxt is not None and nxt.message.startswith("Good that you flagged")


BEHIND = Path(__file__).parents[2] / "scenarios" / "standup-behind-schedule.yaml"
LATE_STATUS = (
    "Hi Rahul, the dropdown is done. It's late because the search API returns a different "
    "format, so I'm writing an adapter. I need two more days."
)


def test_a_late_ticket_update_that_asks_for_help_gets_the_request_answered() -> None:
    """'Can you ask the backend team?' is answered, not passed over for the scripted offer."""
    conv = Conversation(load_file(BEHIND))
    nxt = answer(conv, f"{LATE_STATUS} Could you ask the API team to confirm the format?")
    assert nxt is not None and nxt.is_follow_up
    assert nxt.message.startswith("Sure - I'll sort that out")
    assert answer(conv, "Thanks, that would help. 2 PM works for me.") is None


def test_a_late_ticket_update_that_asks_nothing_gets_the_scripted_offer() -> None:
    conv = Conversation(load_file(BEHIND))
    nxt = answer(conv, LATE_STATUS)
    assert nxt is not None and not nxt.is_follow_up and nxt.turn_id == "pairing"
