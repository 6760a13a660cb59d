"""Never approve an error: a suggestion that leaves a finding in its own words is not offered first.

LanguageTool proposes replacements one rule at a time, so a fix can be wrong for another rule:
"Yesterday I have did" gets "have done", and "Yesterday I have done" is still wrong. Before a
report is shown, each finding's first few suggestions are tried: the finding's sentence is
rebuilt with the suggestion in place, and all these candidate sentences are checked in one pass
by every text channel (the same grammar and style checks the user gets after Apply). A
suggestion whose words still carry a finding moves behind the ones that come back clean; if none
comes back clean the order stays as it was. The learner still sees every suggestion.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from commcoach.feedback.report import Finding
from commcoach.text import Span, apply_fixes, split_sentences

MAX_TRIED = 3
"""Suggestions tried per finding (LanguageTool's best guesses come first)."""
MAX_CANDIDATES = 60
"""Bound on the sentences re-checked for one report (one request to the grammar server)."""
CHECKED_SOURCES = frozenset({"languagetool", "style"})
"""Channels whose findings carry word-level suggestions (readability and rubric do not)."""

Recheck = Callable[[str], list[Finding]]
"""Every text channel on a text: LanguageTool plus the style rules."""


@dataclass(frozen=True, slots=True)
class _Candidate:
    finding: int
    suggestion: int
    text: str
    words: Span
    """Where the replacement sits in `text`."""


def order_suggestions(text: str, findings: list[Finding], recheck: Recheck) -> list[Finding]:
    """`findings` with each one's clean suggestions first (same findings, same order)."""
    sentences = split_sentences(text)
    candidates = _candidates(text, sentences, findings)
    if not candidates:
        return findings
    joined, offsets = _join(candidates)
    rechecked = [f for f in recheck(joined) if f.source in CHECKED_SOURCES]
    dirty: set[tuple[int, int]] = set()
    for candidate, offset in zip(candidates, offsets, strict=True):
        words = Span(offset + candidate.words.start, offset + candidate.words.end)
        if any(_touches(Span(f.start, f.end), words) for f in rechecked):
            dirty.add((candidate.finding, candidate.suggestion))
    out = list(findings)
    for index, finding in enumerate(findings):
        tried = [i for i in range(min(MAX_TRIED, len(finding.suggestions)))]
        clean = [i for i in tried if (index, i) not in dirty and _was_tried(candidates, index, i)]
        if not clean or clean[0] == 0:
            continue
        first = clean[0]
        order = [first] + [i for i in range(len(finding.suggestions)) if i != first]
        suggestions = [finding.suggestions[i] for i in order]
        better = _better_sentence(text, sentences, findings, index, finding.suggestions[first])
        explanation = finding.explanation.model_copy(update={"better": better})
        out[index] = finding.model_copy(
            update={"suggestions": suggestions, "explanation": explanation}
        )
    return out


def _better_sentence(
    text: str, sentences: list[Span], findings: list[Finding], index: int, replacement: str
) -> str:
    """The finding's sentence with `replacement` in place and the first suggestion of every
    other grammar finding in that sentence: a ✓ sentence holds no flagged mistake."""
    own = findings[index]
    around = next(
        (s for s in sentences if s.start <= own.start and own.end <= s.end),
        Span(own.start, own.end),
    )
    others = [
        (f.start, f.end, f.suggestions[0])
        for i, f in enumerate(findings)
        if i != index and f.source == "languagetool" and f.suggestions
    ]
    return apply_fixes(text, around, (own.start, own.end, replacement), others).strip()


def _candidates(text: str, sentences: list[Span], findings: list[Finding]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for index, finding in enumerate(findings):
        if finding.source not in CHECKED_SOURCES or not finding.suggestions:
            continue
        around = next(
            (s for s in sentences if s.start <= finding.start and finding.end <= s.end), None
        )
        if around is None:
            continue
        for number, replacement in enumerate(finding.suggestions[:MAX_TRIED]):
            if len(out) >= MAX_CANDIDATES:
                return out
            head = text[around.start : finding.start]
            tail = text[finding.end : around.end]
            sentence = head + replacement + tail
            words = Span(len(head), len(head) + len(replacement))
            out.append(_Candidate(index, number, sentence, words))
    return out


def _join(candidates: list[_Candidate]) -> tuple[str, list[int]]:
    """One text, one candidate per paragraph (the grammar channel checks paragraphs apart)."""
    parts: list[str] = []
    offsets: list[int] = []
    position = 0
    for candidate in candidates:
        offsets.append(position)
        flat = " ".join(candidate.text.split("\n"))
        parts.append(flat)
        position += len(flat) + 2
    return "\n\n".join(parts), offsets


def _touches(found: Span, words: Span) -> bool:
    """A finding on the replaced words (or, for a deletion, right beside where they were)."""
    if words.start == words.end:
        return found.start <= words.start <= found.end
    return found.start < words.end and words.start < found.end


def _was_tried(candidates: list[_Candidate], finding: int, suggestion: int) -> bool:
    return any((c.finding, c.suggestion) == (finding, suggestion) for c in candidates)
