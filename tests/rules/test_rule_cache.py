"""The parsed rule files are cached as JSON, so a check need not import or run the YAML parser."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from commcoach.feedback.style import registry


def copy_rules(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(registry.RULES_DIR, root)
    return root


def test_second_load_reads_the_cache_not_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_rules(tmp_path)
    first = registry.cached_documents(root)
    assert len(first) == len(registry.rule_files(root)) > 40

    def no_yaml(path: Path) -> object:
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(registry, "read_rule_file", no_yaml)
    assert registry.cached_documents(root) == first


def test_an_edited_rule_file_is_read_again(tmp_path: Path) -> None:
    root = copy_rules(tmp_path)
    registry.cached_documents(root)
    target = root / "tone" / "OverApology.yml"
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    os.utime(target, ns=(1, 1))  # a different time, even on a coarse clock
    documents = dict(registry.cached_documents(root))
    assert documents[target] == registry.read_rule_file(target)
    edited = registry.build_rule(target, documents[target])
    assert edited.rule_id == "tone.over_apology"


def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    root = copy_rules(tmp_path)
    expected = registry.cached_documents(root)
    cache = registry._documents_cache(registry.rule_files(root))
    cache.write_text("{not json", encoding="utf-8")
    assert registry.cached_documents(root) == expected
    assert cache.read_text(encoding="utf-8").startswith("[")


def test_without_a_writable_cache_the_rules_still_load(
    tmp_path: Path, isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_rules(tmp_path)
    monkeypatch.setattr(registry.paths, "save_cache", lambda target, data: False)
    assert len(registry.cached_documents(root)) == len(registry.rule_files(root))
    assert not list((isolated_user_dirs / "cache").glob("rules-*"))
