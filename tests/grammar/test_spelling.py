"""Spelling that knows a developer's words: names, identifiers, tech words, both variants, the
user's vocabulary and repository names (issue 11). Unit tests of the judgement, then the same
behaviour end to end with a real LanguageTool server."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from commcoach.config import DictionarySettings, Settings
from commcoach.feedback.grammar import LanguageToolChecker
from commcoach.feedback.grammar.findings import builtin_tech_words
from commcoach.feedback.grammar.spelling import (
    distance,
    in_lexicon,
    is_compound,
    is_identifier_shaped,
    is_variant_spelling,
    judge,
    starts_sentence,
)
from commcoach.feedback.grammar.vocabulary import (
    VocabularyError,
    VocabularyStore,
    default_store,
    normalise_word,
    repo_names,
)
from commcoach.feedback.report import Severity

LEXICON = builtin_tech_words()


@pytest.mark.parametrize(
    "token",
    ["SwiftPM", "OpenAPI", "iOS", "getUser", "snake_case", "os.Exit", "setup.cfg", "Jinja2",
     "PCRE2", "go1", "6g", "NSString", "SIGTERM", "PRs", "ENV_VAR"],
)  # fmt: skip
def test_identifier_shaped_tokens_are_names(token: str) -> None:
    assert is_identifier_shaped(token)


@pytest.mark.parametrize("token", ["teh", "recieve", "Monday", "kubelet", "defering"])
def test_plain_words_are_not_identifier_shaped(token: str) -> None:
    assert not is_identifier_shaped(token)


def test_lexicon_comes_from_cspell_and_never_hides_common_misspellings() -> None:
    # Generated from cspell's software dictionaries (scripts/build_tech_words.py)...
    assert {"goroutine", "kubelet", "seccomp", "zoneinfo", "setuptools", "bytecode"} <= LEXICON
    assert {"inlined", "variadic", "lookbehind", "solr", "openapi", "asyncio"} <= LEXICON
    # ...minus the common misspellings cspell itself lists.
    assert not {"recieve", "teh", "wich", "seperate", "definately", "occured"} & LEXICON
    assert in_lexicon("goroutines", LEXICON) and in_lexicon("Solr's", LEXICON)
    # English words inflect in LanguageTool's own speller: its hit on "medias" stands.
    assert not in_lexicon("medias", LEXICON) and not in_lexicon("carbones", LEXICON)


def test_shift_key_slip_is_a_typo_not_a_class_name() -> None:
    text = "I met a person in NIce who uses NSString."
    at = text.index("NIce")
    verdict = judge(text, at, at + 4, "Possible spelling mistake found.", ("Nice", "Ice"), LEXICON)
    assert verdict.keep and verdict.suggestions == ("Nice",)
    at = text.index("NSString")
    assert not judge(
        text, at, at + 8, "Possible spelling mistake found.", ("String",), LEXICON
    ).keep


def test_compounds_of_known_parts_are_coined_words_not_typos() -> None:
    assert is_compound("noncopyable", LEXICON)  # non + copy + able
    assert is_compound("subtyping", LEXICON)
    assert is_compound("co-BDFLs", LEXICON)  # prefix + acronym
    assert not is_compound("becuase", LEXICON)
    assert not is_compound("tomorow", LEXICON)


def test_distance_counts_transpositions_as_one_edit() -> None:
    assert distance("teh", "the") == 1
    assert distance("defering", "deferring") == 1
    assert distance("kubelet", "sublet") == 2
    assert distance("gofmt", "format") > 2


def test_sentence_start_detection() -> None:
    text = 'Solr is fast. "Solr" too. We use Solr.'
    assert starts_sentence(text, 0)
    assert starts_sentence(text, text.index('Solr" too'))
    assert not starts_sentence(text, text.rindex("Solr"))


def test_judge_drops_names_and_keeps_typos_with_their_fix() -> None:
    text = "We asked Griesemer about the plan, and teh plan changed."
    name = text.index("Griesemer")
    assert not judge(
        text, name, name + 9, "Possible spelling mistake found.", ("Griesmer",), LEXICON
    ).keep
    typo = text.index("teh")
    verdict = judge(
        text, typo, typo + 3, "Possible spelling mistake found.", ("the", "ten"), LEXICON
    )
    assert verdict.keep and verdict.suggestions == ("the", "ten") and not verdict.unknown


def test_judge_reports_an_unknown_word_without_a_near_fix_as_unknown() -> None:
    text = "The frobnitz step failed."
    at = text.index("frobnitz")
    verdict = judge(text, at, at + 8, "Possible spelling mistake found.", ("frontier",), LEXICON)
    assert verdict.keep and verdict.unknown


def test_a_known_name_in_the_wrong_case_is_kept_with_the_case_fix() -> None:
    text = "We test the Javascript code and the javascript tests."
    fixes = ("JavaScript", "Java script")
    at = text.index("Javascript")
    verdict = judge(text, at, at + 10, "Possible spelling mistake found.", fixes, LEXICON)
    assert verdict.keep and verdict.suggestions == ("JavaScript",)
    # Lower case is often the name's own spelling (npm, pytest): left alone.
    at = text.index("javascript")
    assert not judge(text, at, at + 10, "Possible spelling mistake found.", fixes, LEXICON).keep


def test_variant_spellings_are_kept_only_when_strict() -> None:
    message = "Possible spelling mistake. ‘behaviour’ is British English."
    assert is_variant_spelling(message)
    text = "The behaviour changed."
    assert not judge(text, 4, 13, message, ("behavior",), LEXICON).keep
    assert judge(text, 4, 13, message, ("behavior",), LEXICON, strict_variant=True).keep


def checker_for(settings: Settings, store: VocabularyStore) -> LanguageToolChecker:
    return LanguageToolChecker(settings, url=settings.grammar.server_url, vocabulary=store)


def flagged(text: str, checker: LanguageToolChecker) -> list[str]:
    findings, status = checker.check(text)
    assert status.checked, status.detail
    return [text[f.start : f.end] for f in findings if f.rule_id.startswith("spelling.")]


@pytest.mark.languagetool
def test_real_server_flags_typos_not_a_developers_names(
    lt_settings: Settings, tmp_path: Path
) -> None:
    text = (
        "The kubelet reads the seccomp profile, and the goroutines use zoneinfo. "
        "Ask Griesemer or Kremenek whether Solr and SwiftPM handle the noncopyable types. "
        "Our organisation's behaviour stays the same. We are defering teh release."
    )
    checker = checker_for(lt_settings, VocabularyStore(tmp_path / "v.txt"))
    assert flagged(text, checker) == ["defering", "teh"]
    findings, _ = checker.check(text)
    for finding in findings:
        original = text[finding.start : finding.end]
        # Never a capitalised or identifier-shaped name replaced by an ordinary word.
        if original[:1].isupper():
            assert all(s[:1].isupper() for s in finding.suggestions), finding


@pytest.mark.languagetool
def test_real_server_unknown_word_is_a_warning_and_counts_once(
    lt_settings: Settings, tmp_path: Path
) -> None:
    text = "We ran the frobnicatorz twice."
    findings, _ = checker_for(lt_settings, VocabularyStore(tmp_path / "v.txt")).check(text)
    (finding,) = findings
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("Unknown word 'frobnicatorz'")
    assert len({(f.start, f.end) for f in findings}) == len(findings)


@pytest.mark.languagetool
def test_learner_article_and_ampersand_acronym_messages_are_right(
    lt_settings: Settings, tmp_path: Path
) -> None:
    checker = checker_for(lt_settings, VocabularyStore(tmp_path / "v.txt"))
    text = "We need a enough number of testers for these Q & A pages."
    findings, _ = checker.check(text)
    (article,) = findings
    assert text[article.start : article.end] == "a enough"
    assert article.suggestions == ["enough"]
    assert "no article" in article.message


def test_vocabulary_store_adds_persists_and_validates(tmp_path: Path) -> None:
    path = tmp_path / "data" / "vocabulary.txt"
    store = VocabularyStore(path)
    assert store.words() == frozenset()
    assert store.add("  Zorblax, ") == "Zorblax"
    assert store.add("zorblax") == "zorblax"  # already there (any case): stored once
    assert path.read_text(encoding="utf-8").count("Zorblax") == 1
    again = VocabularyStore(path)  # a new process reads the same file
    assert again.words() == {"zorblax"}
    with pytest.raises(VocabularyError, match="not one word"):
        normalise_word("two words")
    with pytest.raises(VocabularyError, match="empty"):
        store.add("  ")
    with pytest.raises(VocabularyError, match="longer than 64"):
        store.add("x" * 65)
    store.add_session(["MyRepoName"])
    assert "myreponame" in store.words()
    assert "myreponame" not in VocabularyStore(path).words()  # session names are not saved


def test_default_store_lives_in_the_data_folder(tmp_path: Path) -> None:
    # tests/conftest.py points COMMCOACH_DATA_DIR at this test's folder.
    assert default_store().path.name == "vocabulary.txt"
    assert default_store() is default_store()


def test_repo_names_are_file_names_and_identifiers(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    (repo / "src" / "frobnicator.py").write_text("def quuxify_widget(): return zorp_total\n")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    names = repo_names(repo)
    assert {"frobnicator.py", "frobnicator", "quuxify_widget", "quuxify", "zorp_total"} <= names
    assert repo_names(tmp_path / "not-a-repo-here") == frozenset()


@pytest.mark.languagetool
def test_added_words_and_settings_words_are_accepted_by_a_running_checker(
    lt_settings: Settings, tmp_path: Path
) -> None:
    store = VocabularyStore(tmp_path / "v.txt")
    text = "We ran zorblaxing and quuxwork today."
    settings = lt_settings.model_copy(update={"dictionary": DictionarySettings(words=["quuxwork"])})
    checker = checker_for(settings, store)
    assert flagged(text, checker) == ["zorblaxing"]
    store.add("zorblaxing")
    assert flagged(text, checker) == []
