"""Scenario domain types (pydantic v2, frozen): the schema of the files in scenarios/.

A scenario is a scripted workplace situation: a counterpart writes, the learner answers each
turn, follow-ups react to what the answer did or did not contain, and a rubric says what a good
answer has. Detectors are data (phrases, regex, a built-in name, any/all of those), never code.
`commcoach scenarios schema` prints the JSON Schema generated from these models.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

from commcoach.rubric.names import BUILTIN_DETECTOR_NAMES

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, strip_whitespace=True)]
END = "end"
"""The follow-up target that ends the conversation."""


class _Frozen(BaseModel):
    model_config = ConfigDict(
        defer_build=True,  # schemas are built when scenarios load, not when a check imports us
        frozen=True,
        extra="forbid",
        populate_by_name=True,
    )


class Audience(StrEnum):
    """Who the learner writes to; it sets the readability band and the register's norms."""

    MANAGER = "manager"
    TEAMMATE = "teammate"
    CLIENT = "client"
    HR = "HR"
    RECRUITER = "recruiter"
    MENTOR = "mentor"


class Register(StrEnum):
    """How formal the message should be."""

    FORMAL = "formal"
    NEUTRAL = "neutral"
    CASUAL = "casual"


class PhrasesDetector(_Frozen):
    """Matches when any phrase occurs (case-insensitive, whole words)."""

    phrases: list[Annotated[str, StringConstraints(min_length=1, max_length=200)]] = Field(
        min_length=1, max_length=200
    )


class RegexDetector(_Frozen):
    """Matches a Python regular expression (case-insensitive), within a time budget.

    Whether the pattern compiles and can be bounded is checked when the file loads
    (commcoach.rubric.validation), so this model needs no regular-expression engine."""

    regex: Annotated[str, StringConstraints(min_length=1, max_length=500)]


class BuiltinRef(_Frozen):
    """Names a built-in detector explicitly: `{builtin: question}`."""

    builtin: str


class AnyOf(_Frozen):
    """Matches when any of its detectors matches."""

    any: list[DetectorSpec] = Field(min_length=1, max_length=20)


class AllOf(_Frozen):
    """Matches when all of its detectors match."""

    all: list[DetectorSpec] = Field(min_length=1, max_length=20)


def _detector_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "name"
    keys = (
        set(value)
        if isinstance(value, dict)
        else {k for k in ("phrases", "regex", "builtin", "any", "all") if hasattr(value, k)}
    )
    for key in ("phrases", "regex", "builtin", "any", "all"):
        if key in keys:
            return key
    return None


DetectorSpec = Annotated[
    Annotated[str, Tag("name")]
    | Annotated[PhrasesDetector, Tag("phrases")]
    | Annotated[RegexDetector, Tag("regex")]
    | Annotated[BuiltinRef, Tag("builtin")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[AllOf, Tag("all")],
    Discriminator(
        _detector_tag,
        custom_error_type="invalid_detector",
        custom_error_message=(
            "a detector is a built-in or rubric element name, or a mapping with one of "
            "phrases, regex, builtin, any, all"
        ),
    ),
]
"""A detector: a name (built-in detector or rubric element id) or an inline mapping."""

AnyOf.model_rebuild()
AllOf.model_rebuild()


class Counterpart(_Frozen):
    """The person the learner writes to."""

    name: Text
    role: Text


class RubricElement(_Frozen):
    """One thing a good answer contains, with how to detect it and why it matters."""

    id: Slug
    label: Text
    """Short checklist label: 'Says what is done'."""
    detector: DetectorSpec
    explanation: Text
    """Why a reader needs this element; shown when it is missing."""
    hint: str = ""
    """What to add when it is missing: 'Add when you expect to finish, e.g. by Thursday'."""
    weight: float = Field(default=1.0, gt=0, le=10)


class WordBounds(_Frozen):
    """Word-count bounds for an answer to a main turn."""

    min: int = Field(ge=0, le=2000)
    max: int = Field(ge=1, le=5000)

    @model_validator(mode="after")
    def _ordered(self) -> WordBounds:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


class ReadabilityBand(_Frozen):
    """The readability an answer should land in (Flesch reading ease; grade level)."""

    flesch_min: float = Field(default=50, ge=-100, le=120)
    grade_max: float = Field(default=10, ge=0, le=30)


class Rubric(_Frozen):
    """What a good answer has, plus length and readability targets."""

    elements: list[RubricElement] = Field(min_length=1, max_length=20)
    words: WordBounds | None = None
    readability: ReadabilityBand | None = None

    @field_validator("elements")
    @classmethod
    def _unique_ids(cls, elements: list[RubricElement]) -> list[RubricElement]:
        seen: set[str] = set()
        for element in elements:
            if element.id in seen:
                raise ValueError(f"duplicate rubric element id '{element.id}'")
            seen.add(element.id)
        return elements


class FollowUp(_Frozen):
    """A counterpart reaction to an answer: `when` a detector matches, or `unless` it does."""

    when: DetectorSpec | None = None
    """Fires when this detector matches the answer."""
    unless: DetectorSpec | None = None
    """Fires when this detector does NOT match the answer (e.g. no date given)."""
    message: Text
    """What the counterpart writes next: 'When do you think it will be done?'."""
    task: str = ""
    """What the learner should do in reply; defaults to answering the message."""
    expects: list[Slug] = Field(default_factory=list, max_length=20)
    """Rubric elements the reply to this follow-up should contain."""
    goto: Slug | None = None
    """Turn id to continue at after the reply (or 'end'); default: the next turn."""

    @model_validator(mode="after")
    def _one_condition(self) -> FollowUp:
        if (self.when is None) == (self.unless is None):
            raise ValueError("a follow-up needs exactly one of 'when' or 'unless'")
        return self


class Turn(_Frozen):
    """One message from the counterpart and the learner's task in reply."""

    id: Slug
    message: Text
    task: Text
    expects: list[Slug] | None = None
    """Rubric elements this answer should contain (default: all of them)."""
    follow_ups: list[FollowUp] = Field(default_factory=list, max_length=20)
    """Checked in order after the answer; the first that fires is taken."""


class ModelAnswer(_Frozen):
    """A good answer for one turn, shown after a try."""

    turn: Slug | None = None
    """The turn it answers (default: the first)."""
    text: Text
    note: str = ""


class Scenario(_Frozen):
    """A scripted workplace writing situation."""

    id: Slug
    title: Text
    category: Slug
    difficulty: int = Field(ge=1, le=3)
    audience: Audience
    formality: Register = Field(alias="register")
    """The register (formal / neutral / casual); `register` in files."""
    brief: Text
    """The situation in two or three sentences."""
    counterpart: Counterpart
    turns: list[Turn] = Field(min_length=1, max_length=30)
    rubric: Rubric
    goals: list[Slug] = Field(default_factory=list, max_length=20)
    """Rubric elements that, once all met in the conversation, end it early."""
    closing: str = ""
    closing_answer: str = ""
    """The last message instead of `closing` when the learner's last answer asks for something
    (a question or a request): it should answer the ask, not just say goodbye."""
    """The counterpart's last message when the conversation ends."""
    model_answers: list[ModelAnswer] = Field(min_length=1, max_length=30)
    tips: list[Text] = Field(default_factory=list, max_length=30)
    schema_version: Literal[1] = 1

    @model_validator(mode="after")
    def _references_resolve(self) -> Scenario:
        problems = self.reference_problems()
        if problems:
            raise ReferenceProblem(*problems[0])
        return self

    def element_ids(self) -> set[str]:
        """Ids of this scenario's rubric elements."""
        return {element.id for element in self.rubric.elements}

    def turn(self, turn_id: str) -> Turn:
        """The turn with this id (KeyError when absent)."""
        for turn in self.turns:
            if turn.id == turn_id:
                return turn
        raise KeyError(turn_id)

    def reference_problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every detector name, element id and turn id used must exist: (location, problem)."""

        elements = self.element_ids()
        turn_ids = [turn.id for turn in self.turns]
        problems: list[tuple[tuple[str | int, ...], str]] = []

        def check_detector(spec: DetectorSpec, loc: tuple[str | int, ...], own: str = "") -> None:
            if isinstance(spec, str):
                if spec == own:
                    problems.append((loc, f"rubric element '{spec}' cannot detect itself"))
                elif spec not in BUILTIN_DETECTOR_NAMES and spec not in elements:
                    problems.append((loc, f"unknown detector '{spec}'"))
            elif isinstance(spec, BuiltinRef):
                if spec.builtin not in BUILTIN_DETECTOR_NAMES:
                    problems.append(((*loc, "builtin"), f"unknown detector '{spec.builtin}'"))
            elif isinstance(spec, AnyOf):
                for i, inner in enumerate(spec.any):
                    check_detector(inner, (*loc, "any", i), own)
            elif isinstance(spec, AllOf):
                for i, inner in enumerate(spec.all):
                    check_detector(inner, (*loc, "all", i), own)

        def check_elements(ids: list[str], loc: tuple[str | int, ...]) -> None:
            for i, element_id in enumerate(ids):
                if element_id not in elements:
                    problems.append(((*loc, i), f"unknown rubric element '{element_id}'"))

        for i, element in enumerate(self.rubric.elements):
            check_detector(element.detector, ("rubric", "elements", i, "detector"), element.id)
        if len(set(turn_ids)) != len(turn_ids):
            duplicate = next(t for t in turn_ids if turn_ids.count(t) > 1)
            problems.append((("turns",), f"duplicate turn id '{duplicate}'"))
        for t, turn in enumerate(self.turns):
            if turn.expects is not None:
                check_elements(turn.expects, ("turns", t, "expects"))
            for f, follow in enumerate(turn.follow_ups):
                loc: tuple[str | int, ...] = ("turns", t, "follow_ups", f)
                if follow.when is not None:
                    check_detector(follow.when, (*loc, "when"))
                if follow.unless is not None:
                    check_detector(follow.unless, (*loc, "unless"))
                check_elements(follow.expects, (*loc, "expects"))
                if follow.goto is not None and follow.goto != END and follow.goto not in turn_ids:
                    problems.append(((*loc, "goto"), f"unknown follow-up target '{follow.goto}'"))
        check_elements(self.goals, ("goals",))
        for m, answer in enumerate(self.model_answers):
            if answer.turn is not None and answer.turn not in turn_ids:
                problems.append((("model_answers", m, "turn"), f"unknown turn '{answer.turn}'"))
        return problems

    def answer_turn(self, answer: ModelAnswer) -> str:
        """The turn a model answer answers (the first turn when the file names none)."""
        return answer.turn or self.turns[0].id

    def model_answer(self, turn_id: str) -> ModelAnswer | None:
        """The model answer that goes with this main turn, if the file has one."""
        return next((m for m in self.model_answers if self.answer_turn(m) == turn_id), None)

    def expected_elements(self, turn_id: str) -> list[RubricElement]:
        """The rubric elements an answer to this turn should contain."""
        turn = self.turn(turn_id)
        if turn.expects is None:
            return list(self.rubric.elements)
        wanted = set(turn.expects)
        return [e for e in self.rubric.elements if e.id in wanted]


class ReferenceProblem(ValueError):
    """A dangling name inside a scenario; carries the field location for the one-line error."""

    def __init__(self, loc: tuple[str | int, ...], problem: str) -> None:
        super().__init__(problem)
        self.loc = loc
        self.problem = problem
