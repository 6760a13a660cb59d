"""Keys every rule file shares, and the plumbing every kind reuses.

A rule file is YAML data (vale's model): `extends:` picks one kind from the closed set in
kinds.py; the keys below are common to all kinds. The registry derives the rule id and category
from the file's path (`rules/tone/OverApology.yml` -> `tone.over_apology`, category tone), so a
file cannot claim an id that does not match where it lives.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from commcoach.feedback.report import Category, Explanation, Finding, Severity
from commcoach.feedback.style.context import StyleContext, overlaps_protected
from commcoach.feedback.style.phrases import token_set
from commcoach.models import Audience, Register

Line = Annotated[str, StringConstraints(min_length=1, max_length=600, strip_whitespace=True)]
Example = Annotated[str, StringConstraints(min_length=1, max_length=4000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Scope(_Strict):
    """Where a rule applies; a key that is present must match (both keys: both must match)."""

    registers: list[Register] | None = Field(default=None, min_length=1, alias="register")
    """Only for these registers (a message with no register never matches)."""
    audience: list[Audience] | None = Field(default=None, min_length=1)
    """Only for these audiences (a message with no audience never matches)."""

    def matches(self, context: StyleContext) -> bool:
        """True when the context's register and audience are among the listed ones."""
        allowed = self.registers
        if allowed is not None and context.register not in {r.value for r in allowed}:
            return False
        return self.audience is None or context.audience in {a.value for a in self.audience}


class ExampleContext(_Strict):
    """The register and audience the examples are checked with (for scoped rules)."""

    register_: Register | None = Field(default=None, alias="register")
    audience: Audience | None = None
    max_sentence_words: int = Field(default=25, ge=5, le=200)

    def to_context(self) -> StyleContext:
        """The StyleContext the example tests pass to the rule (picky rules run too: the
        examples prove what a rule does when it runs)."""
        return StyleContext(
            register=self.register_.value if self.register_ else None,
            audience=self.audience.value if self.audience else None,
            max_sentence_words=self.max_sentence_words,
            picky=True,
        )


class Examples(_Strict):
    """Realistic workplace sentences: each `fail` must trigger the rule, no `pass` may."""

    fail: list[Example] = Field(min_length=2)
    pass_: list[Example] = Field(alias="pass", min_length=2)
    context: ExampleContext = Field(default_factory=ExampleContext)


class RuleBase(_Strict):
    """Keys shared by every kind of rule."""

    message: Line
    """One line shown with the finding; `%s` or `{match}` stands for the flagged words."""
    level: Severity
    """suggestion, warning or error."""
    explanation: Line
    """Why it matters at work, for an English learner (1-3 sentences)."""
    weak: Line
    """A sentence that breaks the rule."""
    better: Line
    """The same sentence, fixed."""
    examples: Examples
    link: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = None
    """Further reading."""
    description: str = ""
    """A note for rule authors (not shown to users)."""
    ignorecase: bool = True
    """Match regardless of case."""
    when: Scope | None = None
    """Limit the rule to some registers or audiences."""
    picky: bool = False
    """A hint whose measured hit rate on edited prose is low (benchmarks/precision.py): it runs
    only when the user turns on the picky level (settings: grammar.picky)."""
    keywords: list[Annotated[str, StringConstraints(pattern=r"^(?:[\w']+|[^\w\s])$")]] = Field(
        default_factory=list
    )
    """Speed gate: the rule only runs on texts holding one of these words or punctuation marks
    (any case). Every match must contain one of them; the example tests check this."""

    _rule_id: str = PrivateAttr(default="")
    _category: Category = PrivateAttr(default=Category.STYLE)

    def bind(self, rule_id: str, category: Category) -> None:
        """Called by the registry: the id and category come from the file's path."""
        self._rule_id = rule_id
        self._category = category

    @property
    def rule_id(self) -> str:
        """`<pack>.<file stem in snake_case>`, e.g. `tone.over_apology`."""
        return self._rule_id

    @property
    def category(self) -> Category:
        """The category of the pack the rule lives in."""
        return self._category

    @property
    def flags(self) -> int:
        """Regex flags for this rule's patterns."""
        return re.IGNORECASE if self.ignorecase else 0

    def applies(self, context: StyleContext) -> bool:
        """False when the rule's `when:` scope excludes this register or audience, or the rule
        is picky and the picky level is off."""
        if self.picky and not context.picky:
            return False
        return self.when is None or self.when.matches(context)

    @cached_property
    def gate(self) -> frozenset[str] | None:
        """Words of which a text must hold one for the rule to match (None: no gate)."""
        if self.keywords:
            return frozenset(k.lower() for k in self.keywords)
        return self._auto_gate()

    def _auto_gate(self) -> frozenset[str] | None:
        return None

    def find(self, text: str, context: StyleContext) -> list[Finding]:
        """Findings of this rule in `text`; none inside code, URLs, paths or ids."""
        if not text.strip() or not self.applies(context):
            return []
        gate = self.gate
        if gate is not None and gate.isdisjoint(token_set(text)):
            return []
        return self._find(text, context)

    def _find(self, text: str, context: StyleContext) -> list[Finding]:
        raise NotImplementedError

    def finding(
        self,
        text: str,
        start: int,
        end: int,
        *,
        suggestions: list[str] | None = None,
        message: str | None = None,
        whole_span: bool = False,
    ) -> Finding | None:
        """A Finding for `text[start:end]`, or None when that span touches protected text.

        `whole_span` findings (a sentence, the message) are only dropped when the anchor itself
        is protected: a long sentence holding a code span is still a long sentence.
        """
        if not whole_span and overlaps_protected(text, start, end):
            return None
        matched = text[start:end]
        line = (message or self.message).replace("{match}", matched).replace("%s", matched)
        if suggestions:
            line = line.replace("{suggestion}", suggestions[0])
        return Finding(
            rule_id=self.rule_id,
            category=self.category,
            severity=self.level,
            message=line,
            explanation=Explanation(why=self.explanation, weak=self.weak, better=self.better),
            start=start,
            end=end,
            suggestions=suggestions or [],
            source="style",
        )


def normalise(phrase: str, ignorecase: bool) -> str:
    """The lookup key for matched text: single spaces, straight apostrophes, maybe lowercase."""
    key = " ".join(phrase.replace("’", "'").split())
    return key.lower() if ignorecase else key


def match_case(original: str, replacement: str) -> str:
    """`replacement` with the capitalisation of `original` (In order to -> To; ASAP -> UPPER)."""
    if not replacement:
        return replacement
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
