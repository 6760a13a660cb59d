"""Turn LanguageTool matches into commcoach Findings, dropping what developers' text must keep.

Dropped, whatever LanguageTool says:
- anything overlapping a protected span (code, URLs, paths, @mentions, ticket ids, camelCase,
  snake_case: `commcoach.text.protected_spans`);
- anything on an ALL-CAPS acronym (`CI`, `PRs`) or containing an emoji (LT#3164, #5159);
- anything on a letter of an ampersand acronym (`Q & A`, `R&D`): LanguageTool's tagger reads
  the `A` of "Q & A pages" as an article and says "pages cannot be used with 'A'";
- speller hits (LanguageTool's unknown words) a careful editor would not make: names,
  identifiers, tech words, the user's vocabulary, the other variant's spelling
  (`grammar.spelling.judge` says which and why); rule-based spelling hits ("could of") stay;
- a few LanguageTool hints on standard English (`PICKY_RULES`) unless the level is picky;
- a capital after a comma that starts a new line (`LINE_BOUND_RULES`: "Hi Sam,\nThe build ..."
  is a greeting line, not a comma in mid-sentence; LanguageTool's patterns cannot see line breaks);
- a second finding on exactly the same words (one mistake costs once in the score);
- rules the user disabled, named `grammar.ID`, `spelling.ID`, bare `ID`, or a whole prefix.

One fix is rewritten: LanguageTool's "a" -> "an" before a determiner that takes no article
("a enough number of", "a every day") would be just as wrong; the article itself goes.
"""

from __future__ import annotations

import dataclasses
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
from commcoach.feedback.grammar.spelling import judge
from commcoach.feedback.report import Explanation, Finding, Severity
from commcoach.text import (
    Fix,
    Span,
    apply_fixes,
    is_protected,
    protected_spans,
    split_sentences,
)

SOURCE = "languagetool"
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*[A-Z0-9](?:s|'s|’s)?")
_AMPERSAND_ACRONYM = re.compile(r"\b[A-Z] ?& ?[A-Z]\b")
_NO_ARTICLE = frozenset({"enough", "each", "every", "any", "all", "either", "other"})
"""Determiners that never follow "a"/"an" ("another" is written as one word)."""
PICKY_RULES = frozenset({"ALL_OF_THE"})
"""LanguageTool default-level hints shown only at the picky level: "all of the" is standard
English (judged fine every time in benchmarks/precision.py)."""
_TEAM_NOUNS_FROM_VERBS = frozenset(
    {"deploy", "redeploy", "install", "reinstall", "refactor", "rebase", "repro", "rollout"}
)
"""Verbs that engineering teams use as nouns ("the deploy failed", "after the refactor"):
LanguageTool's PREPOSITION_VERB asks for "deployment" there, which is a preference, not a
mistake, in the text commcoach's users write."""
_VARIANT_RULES = (
    "OXFORD_SPELLING",
    "EN_US_SIMPLE_REPLACE",
    "EN_GB_SIMPLE_REPLACE",
    "AFTERWARDS_US",
    "FOR_EVER_",
    "GROUND_FIRST_FLOOR",
)
"""LanguageTool rules (id prefixes) that prefer one variant's words where the other's are good
English: -ize in en-GB ("organization"; -ise is just as British), British words in en-US text
("lorry", "ground floor", "afterwards", "for ever") and American ones in en-GB. Shown only with
`grammar.strict_variant`, like the other variant's spellings: many learners were taught British
English and write for international teams."""
LINE_BOUND_RULES = frozenset({"CC_CAPITAL_AFTER_COMMA"})
"""Our rules that read a comma and the word after it as one sentence: void when a line break
comes between them (a greeting line, a list, a heading), which LanguageTool's tokens do not show."""
_EXAMPLE_WINDOW = 160
TECH_WORD_FILES = ("data/tech_words.txt", "data/tech_words_cspell.txt")
"""The hand-kept team words and the list generated from cspell (scripts/build_tech_words.py)."""


@lru_cache(maxsize=1)
def builtin_tech_words() -> frozenset[str]:
    """The shipped lists (src/commcoach/data/tech_words*.txt), lower-cased."""
    words: set[str] = set()
    for name in TECH_WORD_FILES:
        raw = resources.files("commcoach").joinpath(name).read_text("utf-8")
        words.update(
            line.strip().lower() for line in raw.splitlines() if line.strip() and line[0] != "#"
        )
    return frozenset(words)


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
    text: str,
    matches: Iterable[LtMatch],
    dictionary: frozenset[str],
    disabled: frozenset[str],
    *,
    strict_variant: bool = False,
    picky: bool = False,
) -> list[Finding]:
    """Findings for matches whose spans index `text`, minus everything we never flag."""
    protected = protected_spans(text) + [
        Span(m.start(), m.end()) for m in _AMPERSAND_ACRONYM.finditer(text)
    ]
    sentences = split_sentences(text)
    kept: list[tuple[LtMatch, int, str, Severity, str, bool]] = []
    seen: set[tuple[int, int]] = set()
    for match in matches:
        start, end = match.start, max(match.end, match.start)
        flagged = text[start:end]
        rule_id = rule_id_for(match)
        if (
            end > len(text)
            or (start, end) in seen
            or is_disabled(rule_id, disabled)
            or is_protected(Span(start, max(end, start + 1)), protected)
            or _ACRONYM.fullmatch(flagged.strip())
            or _has_emoji(flagged)
            or (match.rule_id.startswith(_VARIANT_RULES) and not strict_variant)
            or (match.rule_id in PICKY_RULES and not picky)
            or (match.rule_id in LINE_BOUND_RULES and _starts_a_line(text, start))
            or (
                match.rule_id == "PREPOSITION_VERB"
                and flagged.strip().lower() in _TEAM_NOUNS_FROM_VERBS
            )
        ):
            continue
        spelling = is_spelling(match)
        message = match.message or "LanguageTool flagged this."
        severity = severity_for(match.category_id, match.issue_type, spelling)
        if spelling and match.unknown_word:
            verdict = judge(
                text,
                start,
                end,
                match.message,
                match.replacements,
                dictionary,
                strict_variant=strict_variant,
            )
            if not verdict.keep:
                continue
            if verdict.unknown:
                severity = Severity.WARNING
                message = (
                    f"Unknown word '{flagged.strip()}': check the spelling, or add it to your "
                    "vocabulary if it is a name or a term."
                )
            match = _with_replacements(match, verdict.suggestions)
        match, message = _article_fix(text, match, message)
        match, message = _repeat_beginning_fix(text, match, message)
        seen.add((start, end))
        kept.append((match, start, rule_id, severity, message, spelling))
    # a style hint's rewrite ('Furthermore,' for a repeated first word) is optional, not a
    # correction: the ✓ sentence carries only the fixes of mistakes
    fixes = [
        (start, m.end, m.replacements[0])
        for m, start, _rule, severity, *_ in kept
        if m.replacements and severity is not Severity.SUGGESTION
    ]
    return [
        Finding(
            rule_id=rule_id,
            category=category_for(match.category_id, match.issue_type, spelling),
            severity=severity,
            message=message,
            explanation=_explanation(text, sentences, match, start, match.end, fixes),
            start=start,
            end=match.end,
            suggestions=list(match.replacements),
            source=SOURCE,
        )
        for match, start, rule_id, severity, message, spelling in kept
    ]


def _starts_a_line(text: str, start: int) -> bool:
    """True when the whitespace right before `start` holds a line break."""
    before = text[:start]
    return "\n" in before[len(before.rstrip()) :]


def _with_replacements(match: LtMatch, replacements: tuple[str, ...]) -> LtMatch:
    return dataclasses.replace(match, replacements=replacements)


def _article_fix(text: str, match: LtMatch, message: str) -> tuple[LtMatch, str]:
    """EN_A_VS_AN before "enough", "each", ...: the fix is to drop the article, not "an"."""
    if match.rule_id != "EN_A_VS_AN":
        return match, message
    following = re.match(r"\s+([A-Za-z]+)", text[match.end :])
    if following is None or following.group(1).lower() not in _NO_ARTICLE:
        return match, message
    word = following.group(1)
    fix = "another" if word.lower() == "other" else word
    fixed = dataclasses.replace(match, end=match.end + following.end(), replacements=(fix,))
    return fixed, f"'{word}' takes no article here: write '{fix}' without 'a'."


_REPEAT_BEGINNING = "ENGLISH_WORD_REPEAT_BEGINNING_RULE"


def _repeat_beginning_fix(text: str, match: LtMatch, message: str) -> tuple[LtMatch, str]:
    """Three sentences that start with the same word: LanguageTool offers linking words
    ("Furthermore, I", "Likewise, I", "Not only that, but I") that add a meaning the writer did
    not mean ("Likewise, I think I can finish by Monday"), so the hint keeps no replacement
    and says how to vary the start instead."""
    if match.rule_id != _REPEAT_BEGINNING:
        return match, message
    word = text[match.start : match.end].strip() or "the same word"
    return dataclasses.replace(match, replacements=()), (
        f"Three sentences in a row start with '{word}'. Vary one: lead with the time, the "
        "thing or the reason ('Today ...', 'The API ...', 'Because ...'), or join two."
    )


def _explanation(
    text: str,
    sentences: list[Span],
    match: LtMatch,
    start: int,
    end: int,
    fixes: list[Fix],
) -> Explanation:
    """Why (category + LT message); weak/better from this sentence and the first fixes.

    The better sentence takes this finding's first suggestion and, around it, the first
    suggestion of every other grammar finding in the same words: a ✓ beside a sentence that
    still holds another mistake would approve that mistake."""
    why = why_for(match.category_id, match.message, match.rule_id)
    if not match.replacements:
        weak, better = examples_for(match.category_id, match.rule_id)
        return Explanation(why=why, weak=weak, better=better)
    around = next((s for s in sentences if s.start <= start < s.end), Span(start, end))
    lo = max(around.start, start - _EXAMPLE_WINDOW // 2)
    hi = min(max(around.end, end), end + _EXAMPLE_WINDOW // 2)
    head = "…" if lo > around.start else ""
    tail = "…" if hi < around.end else ""
    fixed = apply_fixes(text, Span(lo, hi), (start, end, match.replacements[0]), fixes)
    return Explanation(
        why=why,
        weak=f"{head}{text[lo:hi]}{tail}".strip(),
        better=f"{head}{fixed}{tail}".strip(),
    )


def _has_emoji(flagged: str) -> bool:
    for char in flagged:
        code = ord(char)
        if code in (0x200D, 0xFE0F) or 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF:
            return True
        if unicodedata.category(char) == "So":
            return True
    return False
