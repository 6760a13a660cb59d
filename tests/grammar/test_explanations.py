"""Every LanguageTool category we may surface has a learner-oriented explanation (issue #6).

The category list comes from the installed LanguageTool itself (its English grammar and style
rule files), so a new LanguageTool version with a new category fails this test until someone
writes the explanation.
"""

from __future__ import annotations

import re
from pathlib import Path

import requests

from commcoach.feedback.grammar.explain import CATEGORY_TEXT, why_for
from commcoach.languagetool.server import LanguageToolServer

LEARNER_TEXTS = [
    "Yesterday I go to the meeting and he say the the build is broken.",
    "We need a follow up meeting, its important for the the release.",
    "i have wrote the code on Github but their is a error in it.",
    "The informations was sent to Mr smith , can you check it ?",
    "Everyone were happy. However we need more tests..",
]


def _category_ids(install: Path) -> set[str]:
    rules = install / "org" / "languagetool" / "rules" / "en"
    found: set[str] = set()
    for xml in rules.glob("*.xml"):
        found |= set(re.findall(r'<category\s+id="([A-Z_]+)"', xml.read_text(encoding="utf-8")))
    return found


def test_every_english_rule_category_has_an_explanation(languagetool_install: Path) -> None:
    install = next(languagetool_install.glob("LanguageTool-*"), languagetool_install)
    categories = _category_ids(install)
    assert len(categories) >= 10, f"no rule files found under {install}"
    missing = sorted(categories - set(CATEGORY_TEXT))
    assert not missing, f"LanguageTool categories without an explanation: {missing}"


def test_categories_seen_on_learner_text_are_explained(
    languagetool_server: LanguageToolServer,
) -> None:
    seen: set[str] = set()
    for text in LEARNER_TEXTS:
        response = requests.post(
            languagetool_server.status().url.rstrip("/") + "/v2/check",
            data={"language": "en-US", "text": text, "level": "picky"},
            timeout=60,
        )
        response.raise_for_status()
        seen |= {m["rule"]["category"]["id"] for m in response.json()["matches"]}
    assert seen, "LanguageTool found nothing in learner text"
    assert not sorted(seen - set(CATEGORY_TEXT))
    for category in seen:
        assert len(why_for(category, "")) > 40
