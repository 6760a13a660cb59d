"""User settings: one documented pydantic tree, read from a TOML file and `COMMCOACH_*` env.

Precedence (highest first): explicit arguments, environment (`COMMCOACH_GRAMMAR__BACKEND=off`,
`COMMCOACH_<SECTION>__<KEY>`, case-insensitive; a list or table value is JSON), the TOML file
at `paths.config_file()`, the defaults below. Saving writes only the TOML file.

Why not pydantic-settings, which does exactly this: importing it costs about 75 ms (asyncio and
its cloud-provider sources come with it), measured with `python -X importtime`, and every
`commcoach check` from an editor or a git hook pays that before reading a word. Our two sources
are twenty lines (`_from_environment`, `_merge`); pydantic still validates everything.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Any, get_origin

import tomli_w
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from commcoach import paths
from commcoach.errors import ConfigError, describe_validation_error

ENV_PREFIX = "COMMCOACH_"
ENV_NESTING = "__"


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


class Settings(BaseModel):
    """All of commcoach's settings (build them with `load_settings`, which reads the sources)."""

    model_config = ConfigDict(extra="forbid")

    grammar: GrammarSettings = Field(default_factory=GrammarSettings)
    """Grammar and spelling (LanguageTool)."""
    dictionary: DictionarySettings = Field(default_factory=DictionarySettings)
    """Personal dictionary."""
    ui: UISettings = Field(default_factory=UISettings)
    """Terminal app."""


def _env_value(name: str, raw: str, structured: bool) -> Any:
    """A variable's value: JSON for a list or a table, else the string (pydantic coerces it)."""
    if not structured:
        return raw
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        example = '["a", "b"]'
        raise ConfigError(f"{name}: not valid JSON ({exc.msg}); a list is like {example}") from None


def _from_environment() -> tuple[dict[str, Any], dict[tuple[str, ...], str]]:
    """`COMMCOACH_<SECTION>__<KEY>` (or `COMMCOACH_<SECTION>` as a JSON table) as a nested
    dict, and which variable set each path. Other COMMCOACH_* variables (COMMCOACH_DATA_DIR,
    ...) are not settings and are left alone."""
    found: dict[str, Any] = {}
    origin: dict[tuple[str, ...], str] = {}
    for name, raw in os.environ.items():
        if not name.upper().startswith(ENV_PREFIX):
            continue
        section, _, key = name[len(ENV_PREFIX) :].lower().partition(ENV_NESTING)
        field = Settings.model_fields.get(section)
        if field is None or not (
            isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)
        ):
            continue
        if not key:
            found[section] = _merge(found.get(section, {}), _env_value(name, raw, True))
            origin[(section,)] = name
            continue
        section_fields = field.annotation.model_fields
        if key not in section_fields:
            continue
        structured = get_origin(section_fields[key].annotation) in (list, dict)
        found.setdefault(section, {})[key] = _env_value(name, raw, structured)
        origin[(section, key)] = name
    return found, origin


def _merge(base: Any, top: Any) -> Any:
    """`top` over `base`, tables merged key by key (so one env variable keeps the file's rest)."""
    if isinstance(base, dict) and isinstance(top, dict):
        merged = dict(base)
        for key, value in top.items():
            merged[key] = _merge(base.get(key), value)
        return merged
    return top


def _from_file(path: Path) -> dict[str, Any]:
    """The TOML file's tables, or {} when there is no file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def load_settings(**overrides: Any) -> Settings:
    """Read the settings, or raise ConfigError with one line naming the file or variable and
    the field."""
    path = paths.config_file()
    environment, origin = _from_environment()
    data = _merge(_merge(_from_file(path), environment), overrides)
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        loc = tuple(str(part) for part in exc.errors()[0]["loc"])
        variable = origin.get(loc[:2]) or origin.get(loc[:1])
        if variable is not None and not _overridden(overrides, loc):
            raise ConfigError(f"{variable}: {describe_validation_error(exc)}") from None
        raise ConfigError(f"{path}: {describe_validation_error(exc)}") from None


def _overridden(overrides: dict[str, Any], loc: tuple[str, ...]) -> bool:
    """Whether an explicit argument set the value at `loc` (then no variable is to blame)."""
    section = overrides.get(loc[0]) if loc else None
    return section is not None and (
        len(loc) < 2 or not isinstance(section, dict) or loc[1] in section
    )


def save_settings(settings: Settings) -> Path:
    """Write the settings as TOML, atomically (a crash never leaves half a file)."""
    path = paths.config_file()
    paths.write_private(path, tomli_w.dumps(settings.model_dump(mode="json")))
    return path
