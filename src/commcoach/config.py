"""User settings: one documented pydantic-settings tree, read from TOML and `COMMCOACH_*` env.

Precedence (highest first): explicit arguments, environment (`COMMCOACH_GRAMMAR__BACKEND=off`),
the TOML file at `paths.config_file()`, the defaults below. Saving writes only the TOML file.
"""

from __future__ import annotations

import re
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from commcoach import paths
from commcoach.errors import ConfigError, describe_validation_error


class GrammarBackend(StrEnum):
    """Where grammar and spelling checks run."""

    LOCAL = "local"
    """A LanguageTool server that commcoach starts and owns on this machine (private)."""
    REMOTE = "remote"
    """A LanguageTool server at `server_url`, e.g. a team's server: text is sent there."""
    PUBLIC = "public"
    """languagetool.org's public API: your text leaves this machine. Opt-in only."""
    OFF = "off"
    """No grammar check; style, readability and rubric feedback still work."""


class EnglishVariant(StrEnum):
    """The English LanguageTool spells and checks against."""

    US = "en-US"
    GB = "en-GB"


class GrammarSettings(BaseModel):
    """The grammar and spelling channel (LanguageTool)."""

    model_config = ConfigDict(extra="forbid")

    backend: GrammarBackend = GrammarBackend.LOCAL
    """local (default, private), remote (your server_url), public (text leaves the machine), off."""
    server_url: str = Field(default="", max_length=2000)
    """LanguageTool server for the remote backend, e.g. http://lt.example.internal:8081/."""
    variant: EnglishVariant = EnglishVariant.US
    """en-US or en-GB."""
    strict_variant: bool = False
    """Flag the other variant's spellings too ("behaviour" in en-US); off: both are accepted."""
    disabled_rules: list[str] = Field(default_factory=list)
    """Rule ids never shown, ours (style.hedging) or LanguageTool's (grammar.EN_QUOTES)."""
    picky: bool = False
    """Picky level: LanguageTool's picky rules and commcoach's own picky rules (hints whose
    measured hit rate on edited prose is low). More hints, more false alarms."""
    timeout_seconds: float = Field(default=10.0, gt=0, le=600, allow_inf_nan=False)
    """How long one grammar check may take before feedback arrives without it (0-600 s)."""
    heap_mb: int = Field(default=768, ge=128, le=65536)
    """Java heap for the local LanguageTool server (128-65536 MB)."""
    idle_minutes: float = Field(default=5.0, gt=0, le=1440, allow_inf_nan=False)
    """The shared local LanguageTool server stops after this many minutes without a check."""

    @model_validator(mode="before")
    @classmethod
    def _drop_mother_tongue(cls, data: Any) -> Any:
        """`mother_tongue` was removed (issue 10): LanguageTool 6.8 finds no false friends with
        it (benchmarks/learner_rules.py measures this); old config files still load."""
        if isinstance(data, dict) and "mother_tongue" in data:
            data = {k: v for k, v in data.items() if k != "mother_tongue"}
        return data

    @field_validator("server_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        url = value.strip()
        if url and not re.fullmatch(r"https?://[^\s/?#]+(?:[/?#]\S*)?", url):
            raise ValueError(f"{url[:60]!r} is not an http:// or https:// address")
        return url


class DictionarySettings(BaseModel):
    """Your personal dictionary, added to the built-in list of tech words."""

    model_config = ConfigDict(extra="forbid")

    words: list[str] = Field(default_factory=list)
    """Words never flagged as misspelled (names, product terms)."""


class UISettings(BaseModel):
    """Look and feel of the terminal app."""

    model_config = ConfigDict(extra="forbid")

    theme: str = "textual-dark"
    """A Textual theme name."""
    live_feedback: bool = True
    """Local feedback while you type (style, readability, rubric)."""


class Settings(BaseSettings):
    """All of commcoach's settings."""

    model_config = SettingsConfigDict(
        env_prefix="COMMCOACH_",
        env_nested_delimiter="__",
        extra="forbid",
    )

    grammar: GrammarSettings = Field(default_factory=GrammarSettings)
    """Grammar and spelling (LanguageTool)."""
    dictionary: DictionarySettings = Field(default_factory=DictionarySettings)
    """Personal dictionary."""
    ui: UISettings = Field(default_factory=UISettings)
    """Terminal app."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Add the TOML file, looked up at load time so env overrides of its path apply."""
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=paths.config_file()),
        )


def load_settings(**overrides: Any) -> Settings:
    """Read the settings, or raise ConfigError with one line naming the file and field."""
    path = paths.config_file()
    if path.exists():
        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {describe_validation_error(exc)}") from None


def save_settings(settings: Settings) -> Path:
    """Write the settings as TOML, atomically (a crash never leaves half a file)."""
    path = paths.config_file()
    paths.write_private(path, tomli_w.dumps(settings.model_dump(mode="json")))
    return path
