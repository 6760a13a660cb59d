"""Shared machinery of the built-in detectors: finders, sentences, headings and negation.

A detector answers one question about a message and returns its evidence span. Most detectors
here are a handful of *finders* (a regular expression, optionally with a context check such as
"not negated" or "not inside a question"); the detector returns the earliest evidence any finder
gives, so the learner sees the first words that satisfied the element.

Messages are short (stand-ups, comments), and the detectors run on every keystroke burst, so
sentence splits and heading sections are cached per text and every pattern is linear: bounded
repeats only, no nested unbounded quantifiers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from commcoach.language.document import parse
from commcoach.language.spans import Span

Detector = Callable[[str], Span | None]
"""A detector takes a message and returns the span of its evidence, or None."""

Keep = Callable[[str, re.Match[str]], bool]
"""A context check: should this match of a finder's pattern count as evidence?"""

IGNORE = re.IGNORECASE
VERBOSE = re.IGNORECASE | re.VERBOSE | re.MULTILINE

FUTURE_MARK = re.compile(
    r"""(?:'ll\b|\b(?:will|shall|should|must|going\s+to|plan(?:ning)?\s+to|hop(?:e|ing)\s+to
        |intend(?:ing)?\s+to|aim(?:ing)?\s+to|expect(?:ing)?\s+to|want\s+to|need\s+to)\b)""",
    VERBOSE,
)
"""A word that points a clause at the future: 'will', "'ll", 'going to', 'plan to', 'need to'.
Shared by the ETA detector (an estimate looks forward) and the done detector (a finish in a
clause about the future is a condition)."""


class Matcher(Protocol):
    """Anything that yields matches over a text, in order: a compiled pattern or WordRules."""

    def finditer(self, text: str) -> Iterator[re.Match[str]]: ...


def tokens(text: str) -> tuple[tuple[int, str], ...]:
    """(start, lowercased word) for every word of `text` (from the document: one cache)."""
    return parse(text).tokens


class WordRules:
    """Alternatives keyed by the words they can start with, tried only where those words occur.

    One big alternation makes the regex engine try every alternative at every word: about
    1 ms per detector on a 300-word message. Dispatching on the first word costs one dictionary
    lookup per word instead. Each rule is `("first words", pattern)`: the pattern must match
    starting at one of the listed words (lowercase; '#num' for a number; '*suffix' for any word
    ending so, e.g. "*'ll").
    """

    def __init__(self, rules: Sequence[tuple[str, str]], flags: int = VERBOSE) -> None:
        self.rules = tuple(rules)
        """The rules as given (tests compare the dispatch with one plain alternation)."""
        self.flags = flags
        exact: dict[str, list[str]] = {}
        suffix: dict[str, list[str]] = {}
        for first, source in rules:
            for word in first.split():
                target = suffix if word.startswith("*") else exact
                target.setdefault(word.lstrip("*"), []).append(source)
        compiled: dict[tuple[str, ...], re.Pattern[str]] = {}

        def build(sources: list[str]) -> re.Pattern[str]:
            key = tuple(sources)
            if key not in compiled:
                compiled[key] = re.compile("|".join(f"(?:{s})" for s in sources), flags)
            return compiled[key]

        self._exact = {word: build(sources) for word, sources in exact.items()}
        self._suffix = [(end, build(sources)) for end, sources in suffix.items()]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Matches in text order (one per starting word at most)."""
        for start, word in tokens(text):
            pattern = self._exact.get(word)
            if pattern is None and word[0] <= "9":  # an ASCII digit: a number
                pattern = self._exact.get("#num")
            match = pattern.match(text, start) if pattern is not None else None
            if match is None:
                for end, candidate in self._suffix:
                    if word.endswith(end):
                        match = candidate.match(text, start)
                        if match is not None:
                            break
            if match is not None:
                yield match


def normalised(detect: Detector, *, timing: bool = False) -> Detector:
    """Run `detect` on what the document says the writer stated (same length, same spans).

    The detector reads `Document.reading`: curly quotes straight, quoted template prompts, yes/no
    template prompts and meta fields ('Availability: ...') blanked; with `timing`, titles too
    (the reporting period in '## Week of 04/09' is no ETA).
    """

    def run(text: str) -> Span | None:
        document = parse(text)
        return detect(document.timing if timing else document.reading)

    return run


def regex_finder(pattern: Matcher, keep: Keep | None = None) -> Detector:
    """The first non-empty match of `pattern` that `keep` accepts (every match if no `keep`)."""

    def find(text: str) -> Span | None:
        for match in pattern.finditer(text):
            if match.end() > match.start() and (keep is None or keep(text, match)):
                return Span(match.start(), match.end())
        return None

    return find


def earliest(*finders: Detector) -> Detector:
    """A detector that returns the evidence that starts first among its finders."""

    def detect(text: str) -> Span | None:
        best: Span | None = None
        for find in finders:
            span = find(text)
            if span is not None and (best is None or span.start < best.start):
                best = span
        return best

    return detect


def all_of(*checks: Keep) -> Keep:
    """A context check that passes when every check passes."""

    def keep(text: str, match: re.Match[str]) -> bool:
        return all(check(text, match) for check in checks)

    return keep


# --- sentences ---------------------------------------------------------------------------------


def sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans of `text` (the document's: every detector of one message shares them)."""
    return parse(text).sentences


def starts(text: str) -> tuple[int, ...]:
    """Where lines and sentences start: the only places a heading or a bullet verb can start."""
    return parse(text).line_starts


class StartRules:
    """A pattern tried only at line and sentence starts ('- Fixed X', '... Tried Y.')."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Matches at line or sentence starts, in text order."""
        for start in starts(text):
            match = self.pattern.match(text, start)
            if match is not None:
                yield match


def sentence_starts(text: str) -> tuple[int, ...]:
    """Where each sentence of `text` starts, in order (for binary searches)."""
    return parse(text).sentence_starts


def sentence_at(text: str, index: int) -> Span:
    """The sentence that holds `index` (or an empty span there, between sentences)."""
    return parse(text).sentence_at(index) or Span(index, index)


def next_sentence(text: str, index: int) -> Span | None:
    """The first sentence that starts at or after `index`, if any."""
    return parse(text).next_sentence(index)


def in_protected(text: str, index: int) -> bool:
    """True when `index` falls inside code, a URL, a path, an id, a mention or a link.

    The one definition of protected text (commcoach.language.segment), plus Markdown link
    syntax, which is markup rather than prose.
    """
    if parse(text).is_protected(index) or in_code(text, index):
        return True
    line_start = text.rfind("\n", 0, index) + 1
    start = index
    while start > line_start and not text[start - 1].isspace():
        start -= 1
    end = index
    while end < len(text) and not text[end].isspace():
        end += 1
    return _MARKUP_TOKEN.search(text[start:end]) is not None


_MARKUP_TOKEN = re.compile(r"^\[|\]\(|\?\w+=")


def in_code(text: str, index: int) -> bool:
    """True when `index` is inside inline code (odd number of backticks before it on its line)."""
    return text.count("`", text.rfind("\n", 0, index) + 1, index) % 2 == 1


def is_question(text: str, sentence: Span) -> bool:
    """True when the sentence ends with a question mark (outside inline code)."""
    chunk = text[sentence.start : sentence.end].rstrip()
    return chunk.endswith("?") and not in_code(text, sentence.start + len(chunk) - 1)


def not_in_question(text: str, match: re.Match[str]) -> bool:
    """Context check: the match is not inside a question (a question states no plan or fact)."""
    return not is_question(text, sentence_at(text, match.start()))


def standalone(text: str, match: re.Match[str]) -> bool:
    """Context check: the match is a word of prose, not part of a name like 'go-ipfs-delay'."""
    start, end = match.start(), match.end()
    if start > 0 and text[start - 1] in "-/._@#":
        return False
    return not (end + 1 < len(text) and text[end] in "-/._" and text[end + 1].isalnum())


def not_quoted(text: str, match: re.Match[str]) -> bool:
    """Context check: the match is not inside a quotation (quoted words are mentioned, not used)."""
    sentence = sentence_at(text, match.start())
    return text.count('"', sentence.start, match.start()) % 2 == 0


def not_in_protected(text: str, match: re.Match[str]) -> bool:
    """Context check: the match does not start inside code, a URL or a path."""
    return not in_protected(text, match.start())


# --- negation ----------------------------------------------------------------------------------

_NEGATED_BEFORE = re.compile(
    r"(?:\b(?:no|not|never|nothing|without|none|hardly)|n't)(?:[ \t]+[\w-]+){0,2}[ \t,]*$",
    IGNORE,
)


def not_negated(text: str, match: re.Match[str]) -> bool:
    """Context check: no 'no / not / never / n't' in the two words before the match."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    window = text[max(line_start, match.start() - 30) : match.start()]
    return _NEGATED_BEFORE.search(window) is None


_CONTRAST = re.compile(
    r"\b(?:but|however|although|though|while|yet|except|and\s+now)\b|;|\s[-–—]\s", IGNORE
)


_CLAUSE_REACH = 300
"""How many characters either side of a match its clause can span."""


def _clause(text: str, match: re.Match[str]) -> tuple[str, str]:
    """The words of the match's clause before and after it ('but', ';' and ' - ' end clauses)."""
    sentence = sentence_at(text, match.start())
    # a clause is short: looking further than this would only make long sentences quadratic
    before = text[max(sentence.start, match.start() - _CLAUSE_REACH) : match.start()]
    cuts = list(_CONTRAST.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    after = text[match.end() : max(min(sentence.end, match.end() + _CLAUSE_REACH), match.end())]
    cut = _CONTRAST.search(after)
    return before, after[: cut.start()] if cut else after


def not_resolved_in_clause(before: re.Pattern[str], after: re.Pattern[str]) -> Keep:
    """Context check: FAILS when the clause says the problem was (or is being) dealt with.

    'I fixed an issue with X' and 'The crash is resolved' name no blocker; 'I fixed the login
    bug but the export still fails' does.
    """

    def keep(text: str, match: re.Match[str]) -> bool:
        head, tail = _clause(text, match)
        return before.search(head) is None and after.search(tail) is None

    return keep


_NEGATION = re.compile(r"\b(?:not|never|nothing|no|none|neither|nor|hardly|barely)\b|n't\b", IGNORE)
_NEGATION_AFTER = re.compile(r"(?:n't|\s+(?:not|never|nothing)\b)", IGNORE)


def not_negated_in_clause(text: str, match: re.Match[str]) -> bool:
    """Context check: no negation governs the match within its clause.

    'I did not finish', 'I did not get anything done', 'Nothing was merged' state nothing done;
    'I fixed the bug but not the test' does (the negation follows the verb's object), and 'No
    blockers; I merged the PR' does (';' ends the clause).
    """
    head, _tail = _clause(text, match)
    if _NEGATION.search(head) is not None:
        return False
    return (
        _NEGATION_AFTER.match(text, match.end()) is None
        and _NEGATION.search(match.group(0)) is None
    )
