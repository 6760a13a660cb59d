"""Find, load and validate the rule files; derive ids from paths; enable/disable by prefix.

Layout: `rules/<pack>/<Name>.yml`, one rule per file. The pack is the category (style, clarity,
tone, structure, readability; grammar holds learner errors LanguageTool misses) and the id is
`<pack>.<name in snake_case>`:
`rules/tone/OverApology.yml` -> `tone.over_apology`. Ids are derived, never written in the file,
so they cannot drift from the file's location (proselint's hand-typed ids did).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from commcoach import __version__, paths
from commcoach.errors import CommcoachError, describe_validation_error
from commcoach.feedback.report import Category
from commcoach.feedback.style.kinds import KINDS, Rule

RULES_DIR = Path(__file__).parent / "rules"
"""The rule packs shipped inside the package (hatchling includes them in the wheel)."""

PACKS: dict[str, Category] = {
    "style": Category.STYLE,
    "clarity": Category.CLARITY,
    "tone": Category.TONE,
    "structure": Category.STRUCTURE,
    "readability": Category.READABILITY,
    "grammar": Category.GRAMMAR,
}
"""Pack folder -> the category of its findings."""

_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")


class RuleError(CommcoachError):
    """A rule file is malformed; the message names the file and the field."""


def snake_case(name: str) -> str:
    """`OverApology` -> `over_apology`, `ASAPAlone` -> `asap_alone`."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name)
    return spaced.lower()


def rule_id_for(path: Path) -> str:
    """The id a rule file at `path` gets: `<pack>.<stem in snake_case>`."""
    pack, stem = path.parent.name, path.stem
    if pack not in PACKS:
        raise RuleError(f"{path}: pack {pack!r} is not one of {', '.join(PACKS)}")
    if not _NAME.match(stem):
        raise RuleError(f"{path}: file name must be CamelCase letters and digits, like Hedging.yml")
    return f"{pack}.{snake_case(stem)}"


def read_rule_file(path: Path) -> Any:
    """A rule file's YAML document, or raise RuleError naming the file (and line)."""
    import yaml  # here, not at import: a check with the rule cache warm never needs it (~15 ms)

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's when present, ~10x faster
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(f"{path}{where}: not valid YAML: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None


def build_rule(path: Path, data: Any) -> Rule:
    """Validate one rule file's document and compile its matchers, or raise RuleError."""
    rule_id = rule_id_for(path)
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file must be a mapping of keys (extends, message, ...)")
    kind = data.get("extends")
    if kind not in KINDS:
        raise RuleError(f"{path}: extends: must be one of {', '.join(KINDS)} (got {kind!r})")
    try:
        rule = KINDS[kind].model_validate(data)
    except ValidationError as exc:
        raise RuleError(f"{path}: {describe_validation_error(exc)}") from None
    rule.bind(rule_id, PACKS[path.parent.name])
    _ = rule.gate, getattr(rule, "compiled", None)  # build matchers now, not on first keystroke
    return rule  # type: ignore[return-value]


def load_rule(path: Path) -> Rule:
    """Load and validate one rule file, or raise RuleError naming the file and field."""
    rule_id_for(path)  # a bad file name is reported before its contents
    return build_rule(path, read_rule_file(path))


def rule_files(root: Path = RULES_DIR) -> list[Path]:
    """Every `<pack>/<Name>.yml` under `root`, sorted; stray .yaml files are an error."""
    stray = sorted(root.glob("*/*.yaml"))
    if stray:
        raise RuleError(f"{stray[0]}: rule files end in .yml")
    return sorted(root.glob("*/*.yml"))


def load_rules(root: Path = RULES_DIR) -> list[Rule]:
    """All rules under `root`, validated; duplicate ids are an error."""
    return _unique([(path, load_rule(path)) for path in rule_files(root)])


def _unique(loaded: list[tuple[Path, Rule]]) -> list[Rule]:
    """The rules, or RuleError naming the file whose id an earlier file already has."""
    seen: dict[str, Path] = {}
    for path, rule in loaded:
        if rule.rule_id in seen:
            raise RuleError(f"{path}: id {rule.rule_id} is already used by {seen[rule.rule_id]}")
        seen[rule.rule_id] = path
    return [rule for _, rule in loaded]


def _documents_cache(files: list[Path]) -> Path:
    """Where the parsed documents of exactly these files (names, sizes, times) are cached."""
    digest = hashlib.sha256(__version__.encode())
    for path in files:
        info = path.stat()
        line = f"{path.parent.name}/{path.name} {info.st_size} {info.st_mtime_ns}\n"
        digest.update(line.encode())
    return paths.cache_dir() / f"rules-{digest.hexdigest()[:20]}.json"


def cached_documents(root: Path = RULES_DIR) -> list[tuple[Path, Any]]:
    """The rule files' YAML documents, read from a JSON cache when it matches them.

    Parsing YAML is the slow half of loading the rules (importing PyYAML alone is ~15 ms of
    every `commcoach check`); JSON loads in about 1 ms. The cache is keyed by every file's
    name, size and modification time and the commcoach version, so an edited rule is read
    again; when the cache cannot be written (full disk) the files are simply parsed each time.
    """
    files = rule_files(root)
    cache_file = _documents_cache(files)
    try:
        cached = json.loads(cache_file.read_bytes())
        if isinstance(cached, list) and len(cached) == len(files):
            return list(zip(files, cached, strict=True))
    except (OSError, ValueError):
        pass
    documents = [read_rule_file(path) for path in files]
    paths.save_cache(cache_file, json.dumps(documents).encode("utf-8"))
    return list(zip(files, documents, strict=True))


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """The shipped rules, loaded once per process (the tuple is shared: do not copy per call)."""
    return tuple(_unique([(path, build_rule(path, data)) for path, data in cached_documents()]))


def all_rules() -> list[Rule]:
    """The shipped rules, loaded once per process (cached)."""
    return list(builtin_rules())


def is_disabled(rule_id: str, disabled: frozenset[str]) -> bool:
    """True when the id or one of its dotted prefixes is disabled (`tone`, `tone.over_apology`)."""
    if not disabled:
        return False
    parts = rule_id.split(".")
    return any(".".join(parts[:i]) in disabled for i in range(1, len(parts) + 1))


def load_seconds() -> float:
    """Time to load every shipped rule from disk, uncached (for tests and benchmarks)."""
    began = time.perf_counter()
    load_rules()
    return time.perf_counter() - began
