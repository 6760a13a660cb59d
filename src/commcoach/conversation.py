"""The scenario script at run time: which message the counterpart writes next.

A conversation walks the scenario's turns. After each answer the current turn's follow-ups are
checked in order; the first whose condition holds makes the counterpart react (and the learner
answers that), then the script goes on at the follow-up's `goto` or the next turn. It ends after
the last turn, at a `goto: end`, or as soon as every goal element has been met.
Headless: the TUI and tests drive it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from commcoach.feedback.report import Report
from commcoach.models import END, FollowUp, RubricElement, Scenario
from commcoach.rubric.matching import find_evidence


@dataclass(frozen=True)
class Prompt:
    """What the counterpart just wrote and what the learner should do now."""

    turn_id: str
    message: str
    task: str
    elements: list[RubricElement]
    follow_up: int | None = None
    """Index of the follow-up in its turn, or None for a main turn."""

    @property
    def is_follow_up(self) -> bool:
        """True when this prompt is a reaction to the previous answer."""
        return self.follow_up is not None


@dataclass
class Exchange:
    """One message in the transcript."""

    speaker: str
    """'counterpart' or 'learner'."""
    text: str


@dataclass
class Conversation:
    """State of one practice run through a scenario."""

    scenario: Scenario
    current: Prompt | None = None
    transcript: list[Exchange] = field(default_factory=list)
    met: set[str] = field(default_factory=set)
    _turn_index: int = 0

    def __post_init__(self) -> None:
        self.current = self._main_prompt(0)
        self.transcript.append(Exchange("counterpart", self.current.message))

    @property
    def finished(self) -> bool:
        """True once the script has nothing more to say."""
        return self.current is None

    def _main_prompt(self, index: int) -> Prompt:
        turn = self.scenario.turns[index]
        return Prompt(
            turn_id=turn.id,
            message=turn.message,
            task=turn.task,
            elements=self.scenario.expected_elements(turn.id),
        )

    def _follow_up_prompt(self, turn_index: int, index: int, follow: FollowUp) -> Prompt:
        wanted = set(follow.expects)
        return Prompt(
            turn_id=self.scenario.turns[turn_index].id,
            message=follow.message,
            task=follow.task or f"Reply to {self.scenario.counterpart.name}.",
            elements=[e for e in self.scenario.rubric.elements if e.id in wanted],
            follow_up=index,
        )

    def answer(self, text: str, report: Report) -> Prompt | None:
        """Record the learner's answer and its report; return the next prompt (None: the end)."""
        if self.current is None:
            raise RuntimeError("the conversation has ended")
        prompt = self.current
        self.transcript.append(Exchange("learner", text))
        self.met.update(r.element_id for r in report.rubric if r.met)
        by_id = {e.id: e for e in self.scenario.rubric.elements}
        turn = self.scenario.turns[self._turn_index]

        next_prompt: Prompt | None
        if prompt.follow_up is None:
            fired = self._first_follow_up(turn.follow_ups, text, by_id)
            if fired is not None:
                next_prompt = self._follow_up_prompt(self._turn_index, *fired)
            else:
                next_prompt = self._advance(None)
        else:
            next_prompt = self._advance(turn.follow_ups[prompt.follow_up].goto)

        self.current = next_prompt
        if next_prompt is not None:
            self.transcript.append(Exchange("counterpart", next_prompt.message))
        else:
            closing = self._closing(text)
            if closing:
                self.transcript.append(Exchange("counterpart", closing))
        return next_prompt

    def _closing(self, text: str) -> str:
        """The last message: `closing_answer` when the answer asks for something, else `closing`.

        'Can you help?' must not be answered with 'Great, thanks - have a good day!'.
        """
        asks = find_evidence("request", text, {}) or find_evidence("question", text, {})
        if asks is not None and self.scenario.closing_answer:
            return self.scenario.closing_answer
        return self.scenario.closing

    @staticmethod
    def _first_follow_up(
        follow_ups: list[FollowUp], text: str, by_id: dict[str, RubricElement]
    ) -> tuple[int, FollowUp] | None:
        for index, follow in enumerate(follow_ups):
            if follow.when is not None and find_evidence(follow.when, text, by_id) is not None:
                return index, follow
            if follow.unless is not None and find_evidence(follow.unless, text, by_id) is None:
                return index, follow
        return None

    def _advance(self, goto: str | None) -> Prompt | None:
        """The `goto` target, else the next turn; None when the goals are met or the script ends."""
        goals = set(self.scenario.goals)
        if goto == END:
            return None
        if goto is not None:
            self._turn_index = [t.id for t in self.scenario.turns].index(goto)
        elif goals and goals <= self.met:
            return None
        else:
            self._turn_index += 1
        if self._turn_index >= len(self.scenario.turns):
            return None
        return self._main_prompt(self._turn_index)
