"""Load and validate scenario YAML files: built-in (inside the package), user folder, --scenarios.

Every problem with a file becomes one line, `FILE:LINE: field.path: problem`, and the other files
still load. YAML is read with a safe loader that also refuses aliases (no billion-laughs) and
duplicate keys (which PyYAML would otherwise silently overwrite).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from commcoach import paths
from commcoach.errors import ScenarioError, format_location
from commcoach.models import ReferenceProblem, Scenario
from commcoach.rubric.validation import MAX_DETECTOR_DEPTH, first_problem
from commcoach.safe_text import plain_tree

MAX_FILE_BYTES = 256 * 1024
"""A scenario is a few KB; anything this large is a mistake, not a scenario."""
MAX_YAML_DEPTH = 40
"""Nesting of YAML collections; a real scenario needs about 12 (turn, follow-up, any:, ...).

Checked while composing, before any object is built: PyYAML's composer and constructor recurse
once per level, so an 800-byte file nested 400 deep would otherwise end in RecursionError."""
SUFFIXES = (".yaml", ".yml")
_RAW_FIELDS = frozenset({"regex"})
"""Fields kept exactly as written: a pattern is matched, never shown to the learner."""


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects aliases, duplicate mapping keys and deep nesting."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed in scenario files",
                problem_mark=event.start_mark,
            )
        if self._depth >= MAX_YAML_DEPTH:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem=f"nested deeper than {MAX_YAML_DEPTH} levels",
                problem_mark=event.start_mark,
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.MarkedYAMLError(
                    problem=f"duplicate key '{key}'", problem_mark=key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def builtin_dir() -> Path:
    """The scenarios shipped with commcoach: inside the wheel, or scenarios/ in a checkout."""
    packaged = Path(str(resources.files("commcoach") / "scenarios_data"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "scenarios"


def parse_scenario(text: str, name: str) -> Scenario:
    """Parse one scenario document; raise ScenarioError with a one-line, located message."""
    try:
        loader = _StrictLoader(text)
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{name}: invalid YAML: {_one_line(exc)}") from None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = (exc.problem or exc.context or "invalid YAML").replace("\n", " ")
        raise ScenarioError(f"{name}{line}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{name}: invalid YAML: {_one_line(exc)}") from None
    finally:
        loader.dispose()
    if data is None:
        raise ScenarioError(f"{name}: empty file (expected a scenario mapping)")
    if not isinstance(data, dict):
        raise ScenarioError(f"{name}:1: expected a mapping of scenario fields, got {_kind(data)}")
    # shown on screens and printed by the CLI: control codes made visible once, here
    data = plain_tree(data, skip=_RAW_FIELDS)
    try:
        scenario = Scenario.model_validate(data)
    except RecursionError:  # unreachable with MAX_YAML_DEPTH; kept so a load never crashes
        raise ScenarioError(f"{name}: nested too deeply") from None
    except ValidationError as exc:
        raise _located(name, node, *_first_problem(exc)) from None
    unsafe = first_problem(scenario)  # a pattern that cannot be bounded, nesting too deep
    if unsafe is not None:
        raise _located(name, node, *unsafe)
    return scenario


def _located(
    name: str, node: yaml.Node | None, loc: tuple[str | int, ...], problem: str
) -> ScenarioError:
    """`FILE:LINE: field.path: problem` on one line."""
    line_number = _line_of(node, loc)
    where = format_location(loc)
    prefix = f"{name}:{line_number}" if line_number else name
    message = f"{prefix}: {where}: {problem}" if where else f"{prefix}: {problem}"
    return ScenarioError(" ".join(message.split()))


def _one_line(exc: yaml.YAMLError) -> str:
    return " ".join(str(exc).split()) or "unreadable YAML"


def _kind(value: object) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _first_problem(exc: ValidationError) -> tuple[tuple[str | int, ...], str]:
    """The most telling problem: an unknown field first (it explains a 'missing' one)."""
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    error = errors[0]
    cause = error.get("ctx", {}).get("error")
    loc = _drop_union_tags(error["loc"])
    if isinstance(cause, ReferenceProblem):
        return (*loc, *cause.loc), cause.problem
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown field"
    return loc, message.replace("\n", " ")


_DETECTOR_TAGS = frozenset({"name", "phrases", "regex", "builtin", "any", "all"})


def _drop_union_tags(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """pydantic puts the detector union's tag in the location (`detector.regex.regex`): drop it."""
    out: list[str | int] = []
    for i, part in enumerate(loc):
        following = loc[i + 1] if i + 1 < len(loc) else None
        if part in _DETECTOR_TAGS and (following == part or (part == "name" and following is None)):
            continue
        out.append(part)
    return tuple(out)


def _line_of(node: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    """1-based line of the deepest YAML node the location reaches."""
    current = node
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(current, yaml.MappingNode) and isinstance(part, str):
            for key_node, value_node in current.value:
                if key_node.value == part:
                    child = value_node
                    line = key_node.start_mark.line + 1
                    break
        elif (
            isinstance(current, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(current.value)
        ):
            child = current.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        current = child
    return line


def load_file(path: Path) -> Scenario:
    """Read and parse one scenario file; every failure is a one-line ScenarioError."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioError(
                f"{name}: file is {size} bytes; a scenario is at most {MAX_FILE_BYTES}"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise ScenarioError(f"{name}: binary file, not YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    return parse_scenario(text, name)


def scenario_files(directory: Path) -> list[Path]:
    """Scenario files directly in `directory`, sorted by name (missing folder: none)."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file())


@dataclass
class Library:
    """The scenarios that loaded, in order, and one error line per file that did not."""

    scenarios: dict[str, Scenario] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    sources: dict[str, Path] = field(default_factory=dict)

    def by_category(self) -> dict[str, list[Scenario]]:
        """Scenarios grouped by category, categories and scenarios in a stable order."""
        groups: dict[str, list[Scenario]] = {}
        for scenario in self.scenarios.values():
            groups.setdefault(scenario.category, []).append(scenario)
        return {
            k: sorted(v, key=lambda s: (s.difficulty, s.title)) for k, v in sorted(groups.items())
        }


def load_paths(files: Iterable[Path]) -> Library:
    """Load files; a later file with an id already loaded is an error naming both files."""
    library = Library()
    for path in files:
        try:
            scenario = load_file(path)
        except ScenarioError as exc:
            library.errors.append(str(exc))
            continue
        if scenario.id in library.scenarios:
            first = library.sources[scenario.id]
            library.errors.append(
                f"{path.name}: id: duplicate scenario id '{scenario.id}' (also in {first.name})"
            )
            continue
        library.scenarios[scenario.id] = scenario
        library.sources[scenario.id] = path
    return library


def expand(paths_or_dirs: Iterable[Path]) -> list[Path]:
    """Files given directly, plus scenario files inside folders given."""
    out: list[Path] = []
    for p in paths_or_dirs:
        out.extend(scenario_files(p) if p.is_dir() else [p])
    return out


def load_library(extra_dirs: Sequence[Path] = ()) -> Library:
    """Built-in scenarios, then the user's folder, then any `--scenarios` folders."""
    files = scenario_files(builtin_dir()) + scenario_files(paths.user_scenarios_dir())
    missing = [d for d in extra_dirs if not d.is_dir()]
    library = load_paths(files + expand(d for d in extra_dirs if d.is_dir()))
    library.errors += [f"{d}: no such scenarios folder" for d in missing]
    return library


__all__ = [
    "MAX_DETECTOR_DEPTH",
    "Library",
    "ScenarioError",
    "builtin_dir",
    "load_file",
    "load_library",
    "parse_scenario",
]
