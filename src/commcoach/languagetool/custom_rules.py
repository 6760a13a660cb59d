"""commcoach's own learner-grammar rules, loaded into the LanguageTool server we start.

LanguageTool 6.8 reads `org/languagetool/rules/en/grammar_custom.xml` from its classpath when it
exists (JLanguageTool names it as the custom pattern file), so the server we own runs with our
folder prepended to `-cp`: the rules then use LanguageTool's tokenizer, POS tagger,
disambiguator and synthesizer, which regexes over words cannot see. A remote or public server
never has these rules.

- `rules_dir()`: the folder to prepend to the JVM classpath (shipped as package data);
- `rules_file()`: grammar_custom.xml itself (the benchmark and the example tests read it);
- `rules_hash()`: a short content hash, so a log line or a shared server can tell which rules
  a running JVM was started with;
- `CANARY_TEXT` / `CANARY_RULE`: one of the rules' own incorrect examples; a server that flags
  it with that rule has our rules loaded (`commcoach languagetool status` asks this).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol
from xml.etree import ElementTree

RULE_PREFIX = "CC_"
"""Every rule id in grammar_custom.xml starts with this, so findings can tell ours apart."""
CATEGORY_ID = "CC_LEARNER"
"""The `<category id>` of our rules, as LanguageTool reports it in each match."""
CANARY_TEXT = "I know someone who know the mail queue."
CANARY_RULE = "CC_AGREEMENT_RELATIVE"
_RELATIVE = Path("org") / "languagetool" / "rules" / "en" / "grammar_custom.xml"


def rules_dir() -> Path:
    """The package-data folder that holds org/languagetool/rules/en/grammar_custom.xml."""
    folder = Path(str(resources.files("commcoach.languagetool").joinpath("rules")))
    if not (folder / _RELATIVE).is_file():
        raise FileNotFoundError(f"{folder / _RELATIVE}: commcoach's learner rules are missing")
    return folder


def rules_file() -> Path:
    """grammar_custom.xml inside `rules_dir()`."""
    return rules_dir() / _RELATIVE


@lru_cache(maxsize=1)
def rules_hash() -> str:
    """First 12 hex digits of the SHA-256 of grammar_custom.xml."""
    return hashlib.sha256(rules_file().read_bytes()).hexdigest()[:12]


def classpath(server_jar: Path) -> str:
    """`-cp` value: our rules folder first (so LanguageTool finds the custom file), then the jar."""
    return os.pathsep.join([str(rules_dir()), str(server_jar)])


def is_ours(rule_id: str) -> bool:
    """True for a LanguageTool rule id that comes from grammar_custom.xml.

    The prefix alone is not enough: LanguageTool has rules of its own named CC_ (CC_VERB)."""
    return rule_id.startswith(RULE_PREFIX) and rule_id in _our_ids()


@lru_cache(maxsize=1)
def _our_ids() -> frozenset[str]:
    return frozenset(rule_ids())


@dataclass(frozen=True, slots=True)
class RuleExample:
    """One `<example>` of grammar_custom.xml: the tests run each through the real server."""

    rule_id: str
    """The rule's id as LanguageTool reports it (the rulegroup's id inside a group)."""
    text: str
    """The sentence with the marker tags removed."""
    start: int
    """Marker start in `text` (0 and 0 for a correct example without a marker)."""
    end: int
    corrections: tuple[str, ...]
    """Expected suggestions, best first; empty for a correct example."""

    @property
    def incorrect(self) -> bool:
        """An example the rule must flag (it has a correction)."""
        return bool(self.corrections)


def rule_examples(path: Path | None = None) -> list[RuleExample]:
    """Every example of every rule, in file order (our own file: a trusted, small XML)."""
    root = ElementTree.parse(path or rules_file()).getroot()  # noqa: S314 (shipped file)
    examples: list[RuleExample] = []
    for category in root.iter("category"):
        for node in category:
            if node.tag == "rulegroup":
                rules = [(node.attrib["id"], rule) for rule in node.iter("rule")]
            elif node.tag == "rule":
                rules = [(node.attrib["id"], node)]
            else:
                continue
            for rule_id, rule in rules:
                examples.extend(_example(rule_id, ex) for ex in rule.iter("example"))
    return examples


def _example(rule_id: str, node: ElementTree.Element) -> RuleExample:
    head = node.text or ""
    marker = node.find("marker")
    if marker is None:
        return RuleExample(rule_id, head.strip(), 0, 0, ())
    inner = marker.text or ""
    text = head + inner + (marker.tail or "")
    corrections = tuple(c for c in node.attrib.get("correction", "").split("|") if c)
    lead = len(head) - len(head.lstrip())
    return RuleExample(
        rule_id, text.strip(), len(head) - lead, len(head) - lead + len(inner), corrections
    )


def rule_ids(path: Path | None = None) -> list[str]:
    """The ids LanguageTool reports for our rules (a rulegroup's id, or a lone rule's)."""
    root = ElementTree.parse(path or rules_file()).getroot()  # noqa: S314 (shipped file)
    return [
        node.attrib["id"]
        for category in root.iter("category")
        for node in category
        if node.tag in ("rulegroup", "rule")
    ]


class _Checks(Protocol):
    def check(
        self, text: str, params: dict[str, str], timeout: float | None = None
    ) -> Sequence[_HasRuleId]: ...


class _HasRuleId(Protocol):
    @property
    def rule_id(self) -> str: ...


def loaded(client: _Checks, language: str = "en-US") -> bool:
    """True when the server behind `client` flags the canary with our rule (our own text)."""
    matches = client.check(CANARY_TEXT, {"language": language})
    return any(m.rule_id == CANARY_RULE for m in matches)
