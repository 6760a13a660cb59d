"""Settings sources: defaults < TOML file < COMMCOACH_* environment < explicit arguments."""

from __future__ import annotations

import pytest

from commcoach import paths
from commcoach.config import GrammarBackend, load_settings, save_settings
from commcoach.errors import ConfigError


def write_config(text: str) -> None:
    paths.config_file().write_text(text, encoding="utf-8")


def test_defaults_without_file_or_environment() -> None:
    settings = load_settings()
    assert settings.grammar.backend is GrammarBackend.LOCAL
    assert settings.grammar.idle_minutes == 5.0 and settings.dictionary.words == []


def test_environment_beats_the_file_and_keeps_the_files_other_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_config('[grammar]\nbackend = "remote"\nserver_url = "http://lt.internal:8081/"\n')
    monkeypatch.setenv("COMMCOACH_GRAMMAR__BACKEND", "off")
    settings = load_settings()
    assert settings.grammar.backend is GrammarBackend.OFF
    assert settings.grammar.server_url == "http://lt.internal:8081/"


def test_arguments_beat_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMCOACH_GRAMMAR__BACKEND", "public")
    monkeypatch.setenv("COMMCOACH_GRAMMAR__PICKY", "true")
    settings = load_settings(grammar={"backend": "off"})
    assert settings.grammar.backend is GrammarBackend.OFF and settings.grammar.picky is True


def test_variable_names_are_case_insensitive_and_lists_are_json(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("commcoach_dictionary__words", '["Kubernetes", "Acme"]')
    monkeypatch.setenv("COMMCOACH_UI", '{"live_feedback": false}')
    settings = load_settings()
    assert settings.dictionary.words == ["Kubernetes", "Acme"]
    assert settings.ui.live_feedback is False


def test_variables_that_are_not_settings_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """COMMCOACH_DATA_DIR is a path override, not a setting; an unknown key is not an error."""
    monkeypatch.setenv("COMMCOACH_GRAMMAR__NO_SUCH_KEY", "1")
    monkeypatch.setenv("COMMCOACH_NOSECTION__BACKEND", "off")
    assert load_settings().grammar.backend is GrammarBackend.LOCAL


def test_a_bad_value_names_the_variable_it_came_from(monkeypatch: pytest.MonkeyPatch) -> None:
    write_config("[grammar]\nheap_mb = 1024\n")
    monkeypatch.setenv("COMMCOACH_GRAMMAR__HEAP_MB", "12")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value) == (
        "COMMCOACH_GRAMMAR__HEAP_MB: grammar.heap_mb: Input should be greater than or equal to 128"
    )


def test_bad_json_in_a_list_variable_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMCOACH_DICTIONARY__WORDS", "Kubernetes, Acme")
    with pytest.raises(ConfigError, match=r"^COMMCOACH_DICTIONARY__WORDS: not valid JSON"):
        load_settings()


def test_a_bad_file_value_names_the_file() -> None:
    write_config('[ui]\nlive_feedback = "sometimes"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{paths.config_file()}: ui.live_feedback: Input should")


def test_unknown_keys_in_the_file_are_refused() -> None:
    write_config('[grammar]\nbackned = "off"\n')
    with pytest.raises(ConfigError, match=r"grammar\.backned: Extra inputs are not permitted"):
        load_settings()


def test_saved_settings_load_back_the_same() -> None:
    settings = load_settings(grammar={"variant": "en-GB", "disabled_rules": ["tone"]})
    save_settings(settings)
    assert load_settings() == settings
