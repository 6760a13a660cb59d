"""Pure parts of the grammar channel: UTF-16 spans, chunking, the LRU, restart budget, Java
version parsing and the filters that keep developers' text unflagged. No server needed."""

from __future__ import annotations

import dataclasses

import pytest

from commcoach.feedback.grammar.chunks import (
    LONG_PARAGRAPH,
    MatchCache,
    make_batches,
    split_chunks,
)
from commcoach.feedback.grammar.client import LtMatch
from commcoach.feedback.grammar.findings import (
    builtin_tech_words,
    is_disabled,
    make_dictionary,
    to_findings,
)
from commcoach.feedback.grammar.offsets import Utf16Index, utf16_len
from commcoach.feedback.report import Category, Severity
from commcoach.languagetool.java import parse_java_version
from commcoach.languagetool.server import RestartBudget


def utf16_span(text: str, target: str) -> tuple[int, int]:
    """What LanguageTool would send for the first occurrence of `target` (UTF-16 units)."""
    index = text.index(target)
    return utf16_len(text[:index]), utf16_len(target)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("plain teh text", "teh"),
        ("Birds 🐦 chirpped and 𝒞𝒞 teh end", "teh"),
        ("Birds 🐦 chirpped and 𝒞𝒞 teh end", "chirpped"),
        ("👩‍💻👩‍💻 then te𝒞h inside", "te𝒞h"),  # non-BMP inside the span
        ("𝒞 𝒞 repeated", "𝒞 𝒞"),
        ("日本語 cafe\u0301 teh", "cafe\u0301"),  # combining mark inside the span
        ("cafe\u0301 🎉 teh", "teh"),
    ],
)
def test_utf16_offsets_and_lengths_become_python_spans(text: str, target: str) -> None:
    offset, length = utf16_span(text, target)
    start, end = Utf16Index(text).span(offset, length)
    assert text[start:end] == target


def test_utf16_index_clamps_out_of_range_offsets() -> None:
    index = Utf16Index("🐦 x")
    assert index.span(0, 99) == (0, 3)
    assert Utf16Index("abc").span(2, 50) == (2, 3)


def test_chunks_are_trimmed_paragraphs_that_index_the_text() -> None:
    text = "  First teh para.\n\n \n Second para.\n\nThird.\n"
    chunks = split_chunks(text)
    assert [c.text for c in chunks] == ["First teh para.", "Second para.", "Third."]
    assert all(text[c.start : c.end] == c.text for c in chunks)


def test_long_paragraphs_split_into_sentences() -> None:
    long = " ".join(f"Sentence number {i} is here." for i in range(80))
    assert len(long) > LONG_PARAGRAPH
    chunks = split_chunks("Intro line.\n\n" + long)
    assert chunks[0].text == "Intro line."
    assert len(chunks) == 81
    assert chunks[5].text == "Sentence number 4 is here."


def _match(start: int, end: int, rule: str = "R", category: str = "GRAMMAR") -> LtMatch:
    issue = "misspelling" if category == "TYPOS" else "grammar"
    return LtMatch(start, end, rule, category, issue, "msg", ("x",), "", category == "TYPOS")


def test_batches_map_matches_back_and_drop_seam_straddlers() -> None:
    chunks = split_chunks("Alpha teh.\n\nBeta teh.\n\nGamma.")
    batches = make_batches(chunks, 10_000)
    assert len(batches) == 1
    batch = batches[0]
    assert batch.text == "Alpha teh.\n\nBeta teh.\n\nGamma."
    beta = batch.text.index("Beta")
    per_chunk = batch.split(
        [_match(6, 9), _match(beta + 5, beta + 8), _match(beta - 3, beta + 2)]  # last straddles
    )
    assert [(m.start, m.end) for m in per_chunk[0]] == [(6, 9)]
    assert [(m.start, m.end) for m in per_chunk[1]] == [(5, 8)]
    assert per_chunk[2] == []


def test_batches_respect_the_size_limit() -> None:
    chunks = split_chunks("\n\n".join("x" * 40 for _ in range(10)))
    batches = make_batches(chunks, 100)
    assert all(len(b.text) <= 100 for b in batches)
    assert sum(len(b.chunks) for b in batches) == 10


def test_match_cache_is_lru() -> None:
    cache = MatchCache(size=2)
    cache.put("k", "a", [])
    cache.put("k", "b", [_match(0, 1)])
    assert cache.get("k", "a") == ()  # touch a: b is now the oldest
    cache.put("k", "c", [])
    assert cache.get("k", "b") is None
    assert cache.get("k", "a") == () and cache.get("k", "c") == ()
    assert cache.get("other-settings", "a") is None


def test_restart_budget_limits_and_backs_off() -> None:
    now = [0.0]
    budget = RestartBudget(3, 300.0, (1.0, 5.0, 15.0), clock=lambda: now[0])
    assert [budget.next_delay() for _ in range(3)] == [1.0, 5.0, 15.0]
    assert budget.next_delay() is None
    now[0] = 301.0
    assert budget.next_delay() == 1.0


@pytest.mark.parametrize(
    ("output", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment', 17),
        ('java version "1.8.0_292"\nJava(TM) SE Runtime Environment', 8),
        ('Picked up JAVA_TOOL_OPTIONS: -Xmx512m\nopenjdk version "21" 2023-09-19', 21),
        ("openjdk 22.0.1 2024-04-16", 22),
    ],
)
def test_java_versions_parse(output: str, major: int) -> None:
    parsed = parse_java_version(output)
    assert parsed is not None and parsed[0] == major


def test_java_version_garbage_is_none() -> None:
    assert parse_java_version("command not found") is None


def test_tech_word_list_is_substantial() -> None:
    words = builtin_tech_words()
    assert len(words) >= 300
    assert {"repo", "pr", "ci", "kubernetes", "k8s", "lgtm", "standup", "pytest", "oauth"} <= words


def test_disabled_rule_forms() -> None:
    disabled = frozenset({"grammar.HE_VERB_AGR", "MORFOLOGIK_RULE_EN_US", "style"})
    assert is_disabled("grammar.HE_VERB_AGR", disabled)
    assert is_disabled("spelling.MORFOLOGIK_RULE_EN_US", disabled)
    assert not is_disabled("grammar.EN_QUOTES", disabled)
    assert is_disabled("grammar.EN_QUOTES", frozenset({"grammar"}))


def test_filters_drop_protected_acronyms_emoji_and_dictionary_words() -> None:
    text = "Fix teh `teh_x` in NASAX now 🎉 and Zorblax and pytest."

    def at(word: str, category: str = "TYPOS", occurrence: int = 0) -> LtMatch:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(word, start + 1)
        match = _match(start, start + len(word), "MORFOLOGIK_RULE_EN_US", category)
        return dataclasses.replace(match, replacements=("the", "ten"))

    matches = [
        at("teh"),
        at("teh", occurrence=1),
        at("NASAX"),
        at("🎉"),
        at("Zorblax"),
        at("pytest"),
    ]
    kept = to_findings(text, matches, make_dictionary(["zorblax"]), frozenset())
    assert [text[f.start : f.end] for f in kept] == ["teh"]
    finding = kept[0]
    assert finding.rule_id == "spelling.MORFOLOGIK_RULE_EN_US"
    assert finding.category is Category.SPELLING and finding.severity is Severity.ERROR
    assert finding.explanation.weak.startswith("Fix teh") and finding.explanation.better.startswith(
        "Fix the"
    )
    assert finding.source == "languagetool"


def test_style_hints_are_suggestions_and_grammar_is_error() -> None:
    text = "We must do a very unique thing and he go."
    style = LtMatch(
        13, 24, "VERY_UNIQUE", "REDUNDANCY", "style", "Consider “unique”.", ("unique",), "", False
    )
    grammar = _match(text.index("go"), text.index("go") + 2, "HE_VERB_AGR")
    found = {f.rule_id: f for f in to_findings(text, [style, grammar], frozenset(), frozenset())}
    assert found["grammar.VERY_UNIQUE"].severity is Severity.SUGGESTION
    assert found["grammar.VERY_UNIQUE"].category is Category.CLARITY
    assert found["grammar.HE_VERB_AGR"].severity is Severity.ERROR
    assert "Here: msg" in found["grammar.HE_VERB_AGR"].explanation.why
