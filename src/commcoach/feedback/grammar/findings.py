"""Turn LanguageTool matches into commcoach Findings, dropping what developers' text must keep.

Dropped, whatever LanguageTool says:
- anything overlapping a protected span (code, URLs, paths, @mentions, ticket ids, camelCase,
  snake_case: `commcoach.text.protected_spans`);
- anything on an ALL-CAPS acronym (`CI`, `PRs`) or containing an emoji (LT#3164, #5159);
- spelling hits on words of the built-in tech list or the user's dictionary (case-insensitive);
- rules the user disabled, named `grammar.ID`, `spelling.ID`, bare `ID`, or a whole prefix.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from commcoach.feedback.grammar.client import LtMatch
from commcoach.feedback.grammar.explain import (
    category_for,
    examples_for,
    severity_for,
    why_for,
)
from commcoach.feedback.report import Explanation, Finding
from commcoach.text import Span, is_protected, protected_spans, split_sentences

SOURCE = "languagetool"
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*[A-Z0-9](?:s|'s|’s)?")
_EXAMPLE_WINDOW = 160


@lru_cache(maxsize=1)
def builtin_tech_words() -> frozenset[str]:
    """The shipped list (src/commcoach/data/tech_words.txt), lower-cased."""
    raw = resources.files("commcoach").joinpath("data/tech_words.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in raw.splitlines() if line.strip() and line[0] != "#"
    )


def make_dictionary(extra: Iterable[str]) -> frozenset[str]:
    """Built-in tech words plus the user's own, lower-cased."""
    return builtin_tech_words() | {w.strip().lower() for w in extra if w.strip()}


def is_spelling(match: LtMatch) -> bool:
    """LanguageTool's TYPOS category or misspelling issue type."""
    return match.category_id == "TYPOS" or match.issue_type == "misspelling"


def rule_id_for(match: LtMatch) -> str:
    """`spelling.<LT id>` or `grammar.<LT id>`."""
    return f"{'spelling' if is_spelling(match) else 'grammar'}.{match.rule_id}"


def is_disabled(rule_id: str, disabled: frozenset[str]) -> bool:
    """True when the id, its LanguageTool part, or a dotted prefix of it is disabled."""
    parts = rule_id.split(".")
    prefixes = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    return bool(prefixes & disabled) or parts[-1] in disabled


def to_findings(
    text: str, matches: Iterable[LtMatch], dictionary: frozenset[str], disabled: frozenset[str]
) -> list[Finding]:
    """Findings for matches whose spans index `text`, minus everything we never flag."""
    protected = protected_spans(text)
    sentences = split_sentences(text)
    findings: list[Finding] = []
    for match in matches:
        start, end = match.start, max(match.end, match.start)
        flagged = text[start:end]
        rule_id = rule_id_for(match)
        if (
            end > len(text)
            or is_disabled(rule_id, disabled)
            or is_protected(Span(start, max(end, start + 1)), protected)
            or _ACRONYM.fullmatch(flagged.strip())
            or _has_emoji(flagged)
            or (is_spelling(match) and _known_word(flagged, dictionary))
        ):
            continue
        spelling = is_spelling(match)
        findings.append(
            Finding(
                rule_id=rule_id,
                category=category_for(match.category_id, match.issue_type, spelling),
                severity=severity_for(match.category_id, match.issue_type, spelling),
                message=match.message or "LanguageTool flagged this.",
                explanation=_explanation(text, sentences, match, start, end),
                start=start,
                end=end,
                suggestions=list(match.replacements),
                source=SOURCE,
            )
        )
    return findings


def _explanation(
    text: str, sentences: list[Span], match: LtMatch, start: int, end: int
) -> Explanation:
    """Why (category + LT message); weak/better from this sentence and the first fix."""
    why = why_for(match.category_id, match.message, match.rule_id)
    if not match.replacements:
        weak, better = examples_for(match.category_id, match.rule_id)
        return Explanation(why=why, weak=weak, better=better)
    around = next((s for s in sentences if s.start <= start < s.end), Span(start, end))
    lo = max(around.start, start - _EXAMPLE_WINDOW // 2)
    hi = min(max(around.end, end), end + _EXAMPLE_WINDOW // 2)
    head = ("…" if lo > around.start else "") + text[lo:start]
    tail = text[end:hi] + ("…" if hi < around.end else "")
    return Explanation(
        why=why,
        weak=f"{head}{text[start:end]}{tail}".strip(),
        better=f"{head}{match.replacements[0]}{tail}".strip(),
    )


def _known_word(flagged: str, dictionary: frozenset[str]) -> bool:
    word = flagged.strip().lower()
    if word in dictionary:
        return True
    for suffix in ("'s", "’s", "es", "s"):
        if word.endswith(suffix) and word[: -len(suffix)] in dictionary:
            return True
    return False


def _has_emoji(flagged: str) -> bool:
    for char in flagged:
        code = ord(char)
        if code in (0x200D, 0xFE0F) or 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF:
            return True
        if unicodedata.category(char) == "So":
            return True
    return False
