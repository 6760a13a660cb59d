"""The closed set of rule kinds: what `extends:` may name in a rule file.

- existence: flag each occurrence of a phrase (`tokens`) or regex (`raw`).
- substitution: flag a weak phrase and suggest a replacement (`swap`), capitalisation kept.
- occurrence: flag a token that occurs more than `max` (or fewer than `min`) times.
- metric: flag a sentence, paragraph or message whose measure is over / under a threshold.
- structure: message-level checks (greeting, sign-off, buried request, ...; see structure.py).
- passive: be + past participle (regular or irregular), optionally only after given subjects.

Each kind compiles ONE combined regex per rule when the file is loaded, so that 50+ rules run
in a few milliseconds on every keystroke burst.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from pydantic import Field, model_validator

from commcoach.feedback.report import Finding
from commcoach.feedback.style import structure
from commcoach.feedback.style.base import Line, RuleBase, match_case, normalise
from commcoach.feedback.style.context import (
    StyleContext,
    inside_protected,
    overlaps_protected,
    sentence_at,
    sentences,
    words_outside_protected,
)
from commcoach.feedback.style.participles import IRREGULAR_PARTICIPLES
from commcoach.feedback.style.patterns import (
    Regex,
    Replacement,
    check_regex,
    combine,
    flagged_span,
    search_ranges,
)
from commcoach.feedback.style.phrases import PhraseIndex, split
from commcoach.language.segment import lines
from commcoach.models import Register
from commcoach.text import Span, count_words


class Existence(RuleBase):
    """Flag every occurrence of a phrase or regex."""

    extends: Literal["existence"]
    tokens: list[Line] = Field(default_factory=list)
    """Literal phrases, matched as whole words with flexible spaces and either apostrophe."""
    raw: list[Regex] = Field(default_factory=list)
    """Regexes; a `(?P<m>...)` group narrows the flagged span to that group."""
    exceptions: list[Line] = Field(default_factory=list)
    """Matched texts never flagged (e.g. README among ALL-CAPS words)."""
    unless: Regex | None = None
    """A regex searched in the match's sentence: when found, the match is fine there."""
    suggest: list[Line] = Field(default_factory=list)
    """Fixed replacements offered for every match (capitalisation kept)."""

    @model_validator(mode="after")
    def _has_patterns(self) -> Existence:
        if not self.tokens and not self.raw:
            raise ValueError("tokens or raw: give at least one phrase or regex")
        if self.raw:
            check_regex("raw", combine(list(self.raw)), self.flags, list(self.raw))
        if self.unless:
            check_regex("unless", self.unless, self.flags)
        return self

    @cached_property
    def compiled(self) -> _ExistenceMatcher:
        """The regexes and phrase index, built once (re's cache makes this free after load)."""
        return _ExistenceMatcher(
            regex=re.compile(combine(list(self.raw)), self.flags) if self.raw else None,
            phrases=PhraseIndex(self.tokens, self.ignorecase) if self.tokens else None,
            unless=re.compile(self.unless, self.flags) if self.unless else None,
            skip=frozenset(normalise(e, self.ignorecase) for e in self.exceptions),
        )

    def _auto_gate(self) -> frozenset[str] | None:
        phrases = self.compiled.phrases
        return phrases.first_words if phrases is not None and not self.raw else None

    def _find(self, text: str, context: StyleContext) -> list[Finding]:
        m = self.compiled
        spans: list[tuple[int, int]] = []
        if m.regex is not None:
            for start, end in search_ranges(text, self.gate):
                spans.extend(flagged_span(match) for match in m.regex.finditer(text, start, end))
        if m.phrases is not None:
            spans.extend((start, end) for start, end, _ in m.phrases.finditer(text))
            spans.sort()
        found: list[Finding] = []
        last_end = -1
        for start, end in spans:
            if start == end or start < last_end:
                continue
            if m.skip and normalise(text[start:end], self.ignorecase) in m.skip:
                continue
            if m.unless is not None:
                sentence = sentence_at(text, start)
                if m.unless.search(text, sentence.start, sentence.end):
                    continue
            original = text[start:end]
            suggestions = [match_case(original, s) for s in self.suggest]
            finding = self.finding(text, start, end, suggestions=suggestions)
            if finding is not None:
                found.append(finding)
                last_end = end
        return found


@dataclass(frozen=True, slots=True)
class _ExistenceMatcher:
    regex: re.Pattern[str] | None
    phrases: PhraseIndex | None
    unless: re.Pattern[str] | None
    skip: frozenset[str]


class Substitution(RuleBase):
    """Flag a weak phrase and suggest the better one(s)."""

    extends: Literal["substitution"]
    swap: dict[Line, Replacement] = Field(min_length=1)
    """Weak phrase -> replacement or list of replacements (best first)."""

    @model_validator(mode="after")
    def _unique_keys(self) -> Substitution:
        seen: set[tuple[str, ...]] = set()
        for key in self.swap:
            tokens = split(key, self.ignorecase)
            if not tokens or tokens in seen:
                raise ValueError(f"swap: {key!r} is empty or listed twice")
            seen.add(tokens)
        return self

    @cached_property
    def compiled(self) -> PhraseIndex:
        """The keys indexed by first word (no regex to compile)."""
        return PhraseIndex(self.swap, self.ignorecase)

    def _auto_gate(self) -> frozenset[str] | None:
        return self.compiled.first_words

    def _find(self, text: str, context: StyleContext) -> list[Finding]:
        found: list[Finding] = []
        for start, end, key in self.compiled.finditer(text):
            original = text[start:end]
            suggestions = [match_case(original, b) for b in self.swap[key]]
            finding = self.finding(text, start, end, suggestions=suggestions)
            if finding is not None:
                found.append(finding)
        return found


class Occurrence(RuleBase):
    """Flag a token that occurs too often (more than `max`) or too rarely (fewer than `min`)."""

    extends: Literal["occurrence"]
    token: Regex
    """What to count (a regex)."""
    max: int | None = Field(default=None, ge=0)
    """More than this many: the occurrences after the first `max` are flagged, each with its
    own ordinal as `{count}` ("number 2", "number 3")."""
    min: int | None = Field(default=None, ge=1)
    """Fewer than this many: the whole scope is flagged."""
    scope: Literal["text", "sentence"] = "text"
    """Count per message or per sentence."""

    @model_validator(mode="after")
    def _has_limit(self) -> Occurrence:
        if self.max is None and self.min is None:
            raise ValueError("max or min: give at least one limit")
        if self.min is not None and self.keywords:
            raise ValueError("keywords: a rule with `min` must see every text; drop the gate")
        check_regex("token", self.token, self.flags)
        return self

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The token regex."""
        return re.compile(self.token, self.flags)

    def _find(self, text: str, context: StyleContext) -> list[Finding]:
        regex = self.compiled
        whole: tuple[Span, ...] = (Span(0, len(text)),)
        scopes: tuple[Span, ...] = sentences(text) if self.scope == "sentence" else whole
        found: list[Finding] = []
        for scope in scopes:
            ranges = (
                search_ranges(text, self.gate) if scope is whole[0] else [(scope.start, scope.end)]
            )
            hits = [
                m.span()
                for start, end in ranges
                for m in regex.finditer(text, start, end)
                if m.end() > m.start() and not overlaps_protected(text, *m.span())
            ]
            # (start, end, whole scope?, the number shown as {count})
            limited: list[tuple[int, int, bool, int]] = []
            if self.max is not None and len(hits) > self.max:
                # Each flagged occurrence gets its own ordinal: "Apology number 2", "... 3".
                limited = [
                    (s, e, False, self.max + i + 1) for i, (s, e) in enumerate(hits[self.max :])
                ]
            elif self.min is not None and len(hits) < self.min:
                trimmed = _trimmed(text, scope)
                limited = [(trimmed.start, trimmed.end, True, len(hits))]
            limit = self.max if self.max is not None and len(hits) > self.max else self.min
            for start, end, whole_span, count in limited:
                message = self.message.replace("{count}", str(count)).replace("{limit}", str(limit))
                finding = self.finding(text, start, end, message=message, whole_span=whole_span)
                if finding is not None:
                    found.append(finding)
        return found


def _trimmed(text: str, span: Span) -> Span:
    chunk = text[span.start : span.end]
    lead = len(chunk) - len(chunk.lstrip())
    return Span(span.start + lead, span.start + lead + len(chunk.strip()))


class Metric(RuleBase):
    """Flag a sentence, paragraph or message whose size is over or under a threshold."""

    extends: Literal["metric"]
    measure: Literal["sentence_words", "line_words", "text_words"]
    """Words per sentence, per line (a block with no line break) or in the whole message;
    code, URLs and paths count as one word each."""
    max: float | None = None
    """Flag values above this."""
    max_from: Literal["max_sentence_words"] | None = None
    """Take `max` from the context (the audience's sentence limit) instead."""
    scale: float = Field(default=1.0, ge=1.0, le=5.0)
    """With `max_from`: flag only above limit x scale ({limit} in the message stays the limit)."""
    min: float | None = None
    """Flag values below this."""

    @model_validator(mode="after")
    def _has_threshold(self) -> Metric:
        if self.max is None and self.min is None and self.max_from is None:
            raise ValueError("max, max_from or min: give a threshold")
        if self.keywords:
            raise ValueError("keywords: metric rules measure every text; drop the gate")
        return self

    def _units(self, text: str) -> tuple[Span, ...]:
        if self.measure == "sentence_words":
            return sentences(text)
        if self.measure == "line_words":
            return lines(text)
        return (_trimmed(text, Span(0, len(text))),)

    def _find(self, text: str, context: StyleContext) -> list[Finding]:
        base = float(context.max_sentence_words) if self.max_from else self.max
        high = base * self.scale if base is not None else None
        found: list[Finding] = []
        for unit in self._units(text):
            if inside_protected(text, unit.start, unit.end):
                continue
            # Code and URLs only lower the count: skip the exact count when the raw one fits.
            if (
                self.min is None
                and high is not None
                and count_words(text[unit.start : unit.end]) <= high
            ):
                continue
            value = words_outside_protected(text, unit)
            if high is not None and base is not None and value > high:
                limit = base
            elif self.min is not None and value < self.min:
                limit = self.min
            else:
                continue
            message = self.message.replace("{value}", f"{value:g}").replace("{limit}", f"{limit:g}")
            finding = self.finding(text, unit.start, unit.end, message=message, whole_span=True)
            if finding is not None:
                found.append(finding)
        return found


class Structure(RuleBase):
    """A message-level check, picked by name from structure.CHECKS."""

    extends: Literal["structure"]
    check: Literal[
        "missing_greeting",
        "missing_signoff",
        "buried_request",
        "question_without_mark",
        "greeting_only",
    ]
    min_words: int | dict[Register, int] = 0
    """Only for messages of at least this many words (per register: other registers skip)."""
    min_sentences: int = Field(default=0, ge=0)
    """Only for messages of at least this many sentences (buried_request)."""

    @model_validator(mode="after")
    def _no_gate(self) -> Structure:
        if self.keywords:
            raise ValueError("keywords: structure checks look for what is missing; drop the gate")
        return self

    def _find(self, text: str, context: StyleContext) -> list[Finding]:
        if isinstance(self.min_words, dict):
            wanted = {r.value: n for r, n in self.min_words.items()}
            if context.register not in wanted:
                return []
            least = wanted[context.register]
        else:
            least = self.min_words
        if count_words(text) < least:
            return []
        found: list[Finding] = []
        for hit in structure.CHECKS[self.check](text, self.min_sentences):
            finding = self.finding(
                text, hit.start, hit.end, suggestions=hit.suggestions, whole_span=hit.whole
            )
            if finding is not None:
                found.append(finding)
        return found


_BE = (
    r"(?:am|is|are|was|were|be|been|being|(?:has|have|had)\s+been|will\s+be|"
    r"(?:get|gets|got|gotten|getting))"
)
_AGENT = re.compile(r"\s+(?:\w+\s+){0,2}?by\b", re.IGNORECASE)


class Passive(RuleBase):
    """be + past participle (`mistakes were made`), unless an agent follows (`by the CI job`)."""

    extends: Literal["passive"]
    participles: list[Line] | None = None
    """Only these participles (default: any -ed word or irregular participle)."""
    irregular: list[Line] = Field(default_factory=list)
    """Extra irregular participles besides the built-in list."""
    subjects: list[Regex] | None = None
    """Only after these subjects (regexes), e.g. `it`, `mistakes`, `the build`."""
    allow_agent: bool = False
    """Also flag when `by <someone>` names who acted."""

    @model_validator(mode="after")
    def _valid_subjects(self) -> Passive:
        check_regex("subjects", "|".join(self.subjects or []), self.flags, self.subjects)
        _ = self.compiled
        return self

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """One regex: [subject] be [adverb] participle."""
        if self.participles:
            verbs = "|".join(re.escape(p) for p in sorted(self.participles, key=len, reverse=True))
        else:
            irregular = "|".join(re.escape(p) for p in [*IRREGULAR_PARTICIPLES, *self.irregular])
            verbs = rf"[a-z]{{2,}}ed|{irregular}"
        subject = rf"\b(?:{'|'.join(self.subjects)})\s+" if self.subjects else r"\b"
        adverb = r"(?:(?:not|never|already|just|also|all|accidentally|\w+ly)\s+)?"
        return re.compile(rf"{subject}{_BE}\s+{adverb}(?:{verbs})\b(?![-'’])", self.flags)

    def _auto_gate(self) -> frozenset[str] | None:
        if not self.participles:
            return None
        return frozenset(split(p, True)[0] for p in self.participles)

    def _find(self, text: str, context: StyleContext) -> list[Finding]:
        found: list[Finding] = []
        matches = [
            match
            for start, end in search_ranges(text, self.gate)
            for match in self.compiled.finditer(text, start, end)
        ]
        for match in matches:
            if not self.allow_agent and _AGENT.match(text, match.end()):
                continue
            finding = self.finding(text, match.start(), match.end())
            if finding is not None:
                found.append(finding)
        return found


KINDS: dict[str, type[RuleBase]] = {
    "existence": Existence,
    "substitution": Substitution,
    "occurrence": Occurrence,
    "metric": Metric,
    "structure": Structure,
    "passive": Passive,
}
"""`extends:` value -> kind class. Closed: a new kind is a code change with its own tests."""

Rule = Existence | Substitution | Occurrence | Metric | Structure | Passive
"""Any loaded rule."""
