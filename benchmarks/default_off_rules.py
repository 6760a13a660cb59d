"""Which of LanguageTool's default-off and picky rules would catch learner errors precisely?

LanguageTool 6.8 ships about 140 English rules that are off (`default="off"` or `"temp_off"`) or
only on at the picky level (`tags="picky"`); many are grammar rules a learner needs
(DID_BASEFORM, HE_VERB_AGR, IRREGULAR_PAST_PARTICIPLES...), others are style opinions
(PASSIVE_VOICE, SERIAL_COMMA_ON). This measures each candidate on JFLEG dev's TUNE half only
(even lines), the half we choose on, so the selection can then be reported on the other half
by benchmarks/quality.py:

- `new`: erroneous source sentences the rule flags that commcoach's grammar channel (as
  configured now) does not flag: the recall it would add;
- `clean`: clean source sentences (equal to a reference) it flags;
- `ref0`: fluent reference sentences (ref0) it flags: false alarms on good English.

A rule is selected when it adds recall (`new` >= 2), never fires on a clean source, and
fires on at most 0.3% of ref0 (1 sentence in 377). Prints the table and the selected ids.

    python benchmarks/default_off_rules.py RULES_DIR [--eval-dir PATH] [--server URL]

RULES_DIR is org/languagetool/rules/en inside the install (`commcoach languagetool status`
names the install folder). Measured at LanguageTool 6.8: no candidate qualifies (the grammar
ones, such as DID_BASEFORM, are covered by default rules already), so none is enabled.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from quality import (  # noqa: E402
    DEFAULT_EVAL,
    _local_url,
    commcoach_channel,
    engine_for,
    halves,
    load,
)

MAX_REF0_SHARE = 0.003
MIN_NEW = 2


def candidates(rules_dir: Path) -> list[str]:
    """Ids of rules or rule groups marked default="off", default="temp_off" (experimental) or
    tags="picky" in grammar.xml and style.xml (a rule without an id of its own is named by its
    group): parsed with a regex over the opening tags, enough for a candidate list."""
    ids: set[str] = set()
    opening = re.compile(r"<(rule|rulegroup)\b([^>]*)>")
    for name in ("grammar.xml", "style.xml"):
        text = (rules_dir / name).read_text(encoding="utf-8")
        group = ""
        for match in opening.finditer(text):
            tag, attrs = match.groups()
            found = re.search(r'\bid="([^"]+)"', attrs)
            if tag == "rulegroup":
                group = found.group(1) if found else ""
            rule_id = found.group(1) if found else group
            if rule_id and re.search(r'default="(?:temp_)?off"|tags="[^"]*picky', attrs):
                ids.add(rule_id)
    return sorted(ids)


def fired(session: requests.Session, url: str, text: str, rules: list[str]) -> set[str]:
    """Ids of the candidate rules that fire on `text` (all candidates enabled at once)."""
    data = {"language": "en-US", "text": text, "enabledRules": ",".join(rules)}
    response = session.post(url, data=data, timeout=60)
    response.raise_for_status()
    return {m["rule"]["id"] for m in response.json()["matches"]} & set(rules)


def main() -> None:
    """Print per-rule counts on the tune half and the selection."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules_dir", type=Path, help="org/languagetool/rules/en of an install")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--server", help="LanguageTool server URL (default: start our own)")
    args = parser.parse_args()
    rules = candidates(args.rules_dir)
    sentences, ref0 = load(args.eval_dir, None)
    tune, tune_ref0 = halves(sentences)[0], halves(ref0)[0]

    engine = engine_for(args.server)
    try:
        url = (args.server or _local_url(engine)).rstrip("/") + "/v2/check"
        session = requests.Session()
        session.trust_env = False
        ours = commcoach_channel(engine)
        new: Counter[str] = Counter()
        clean: Counter[str] = Counter()
        on_ref0: Counter[str] = Counter()
        for s in tune:
            hits = fired(session, url, s.text, rules)
            if s.erroneous and not ours(s.text):
                new.update(hits)
            elif not s.erroneous:
                clean.update(hits)
        for text in tune_ref0:
            on_ref0.update(fired(session, url, text, rules))
    finally:
        engine.close()
    n = len(tune_ref0)
    print(f"{len(rules)} candidate rules; JFLEG dev tune half: {len(tune)} sentences")
    print(f"  {'rule':<40} {'new':>4} {'clean':>5} {'ref0':>5}")
    selected = []
    for rule in sorted(set(new) | set(clean) | set(on_ref0), key=lambda r: -new[r]):
        ok = new[rule] >= MIN_NEW and not clean[rule] and on_ref0[rule] / n <= MAX_REF0_SHARE
        selected += [rule] if ok else []
        mark = "  selected" if ok else ""
        print(f"  {rule:<40} {new[rule]:>4} {clean[rule]:>5} {on_ref0[rule]:>5}{mark}")
    print(f"selected ({len(selected)}): {','.join(selected)}")


if __name__ == "__main__":
    main()
