"""Find, load and validate the rule files; derive ids from paths; enable/disable by prefix.

Layout: `rules/<pack>/<Name>.yml`, one rule per file. The pack is the category (style, clarity,
tone, structure, readability; grammar holds learner errors LanguageTool misses) and the id is
`<pack>.<name in snake_case>`:
`rules/tone/OverApology.yml` -> `tone.over_apology`. Ids are derived, never written in the file,
so they cannot drift from the file's location (proselint's hand-typed ids did).
"""

from __future__ import annotations

import re
import time
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

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
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when present (same safety as yaml.safe_load, ~10x faster)."""


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


def load_rule(path: Path) -> Rule:
    """Load and validate one rule file, or raise RuleError naming the file and field."""
    rule_id = rule_id_for(path)
    try:
        data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(f"{path}{where}: not valid YAML: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None
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


def rule_files(root: Path = RULES_DIR) -> list[Path]:
    """Every `<pack>/<Name>.yml` under `root`, sorted; stray .yaml files are an error."""
    stray = sorted(root.glob("*/*.yaml"))
    if stray:
        raise RuleError(f"{stray[0]}: rule files end in .yml")
    return sorted(root.glob("*/*.yml"))


def load_rules(root: Path = RULES_DIR) -> list[Rule]:
    """All rules under `root`, validated; duplicate ids are an error."""
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for path in rule_files(root):
        rule = load_rule(path)
        if rule.rule_id in seen:
            raise RuleError(f"{path}: id {rule.rule_id} is already used by {seen[rule.rule_id]}")
        seen[rule.rule_id] = path
        rules.append(rule)
    return rules


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """The shipped rules, loaded once per process (the tuple is shared: do not copy per call)."""
    return tuple(load_rules())


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
