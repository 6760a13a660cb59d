"""Feedback quality on real learner English (JFLEG dev), at sentence level.

Prints, on ../shared/eval/jfleg-dev (never copied into this repository; COMMCOACH_EVAL_DIR
overrides ../shared/eval), for the TUNE half (even line numbers, 0-based) and the REPORT half
(odd line numbers) separately; rules were tuned on the tune half only:
- detection precision, recall and F0.5 of (a) LanguageTool alone with its defaults (the same
  server, with commcoach's learner rules switched off: `disabledCategories=CC_LEARNER`) and
  (b) commcoach's grammar channel (our variant, dictionary, disabled rules, picky level, our
  learner rules inside LanguageTool and our own grammar-adjacent YAML rules);
- the share of fluent references (ref0) on which one of our LanguageTool learner rules fires
  (goal <= 1%), per rule;
- the share of grammar findings whose span overlaps a token the references changed;
- the false-alarm rate of our style and readability rules on the corrected references (ref0):
  per rule (goal <= 2%) and all together (goal <= 10%).
A source sentence is erroneous when it differs from every reference, clean when it equals one.

    python benchmarks/quality.py [--eval-dir PATH] [--server URL] [--limit N]

Without --server it starts commcoach's own local LanguageTool server (must be installed:
`commcoach languagetool install`).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import requests
from sacremoses import MosesDetokenizer

from commcoach.config import GrammarBackend, Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.feedback.report import Category
from commcoach.text import Span

EVAL_ROOT = Path(
    os.environ.get(
        "COMMCOACH_EVAL_DIR", Path(__file__).resolve().parents[1].parent / "shared" / "eval"
    )
)
DEFAULT_EVAL = EVAL_ROOT / "jfleg-dev"
LEARNER_CATEGORY = "CC_LEARNER"
GRAMMAR = {Category.GRAMMAR, Category.SPELLING}

Checker = Callable[[str], list[Span]]
T = TypeVar("T")


@dataclass
class Sentence:
    """One JFLEG source sentence, detokenised, with the source character spans refs changed."""

    text: str
    erroneous: bool
    changed: list[Span]


def _norm(s: str) -> str:
    return " ".join(s.split())


def _token_spans(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def load(folder: Path, limit: int | None) -> tuple[list[Sentence], list[str]]:
    """Detokenised sources (with changed spans) and detokenised ref0 sentences."""
    md = MosesDetokenizer(lang="en")
    src = (folder / "dev.src").read_text(encoding="utf-8").splitlines()
    refs = [(folder / f"dev.ref{i}").read_text(encoding="utf-8").splitlines() for i in range(4)]
    sentences = []
    for i, raw in enumerate(src[:limit]):
        text = md.detokenize(raw.split())
        erroneous = all(_norm(raw) != _norm(r[i]) for r in refs)
        tokens = _token_spans(text)
        words = [text[t.start : t.end] for t in tokens]
        changed: set[int] = set()
        for ref in refs:
            ref_words = md.detokenize(ref[i].split()).split()
            matcher = difflib.SequenceMatcher(a=words, b=ref_words, autojunk=False)
            for tag, a0, a1, _, _ in matcher.get_opcodes():
                if tag == "equal":
                    continue
                if a0 == a1:  # insertion: the neighbours are what was wrong
                    changed.update(x for x in (a0 - 1, a0) if 0 <= x < len(tokens))
                changed.update(range(a0, a1))
        sentences.append(Sentence(text, erroneous, [tokens[j] for j in sorted(changed)]))
    ref0 = [md.detokenize(r.split()) for r in refs[0][:limit]]
    return sentences, ref0


def languagetool_defaults(server: str) -> Checker:
    """LanguageTool alone: POST /v2/check with language en-US, our learner rules switched off."""
    url = server.rstrip("/") + "/v2/check"
    session = requests.Session()
    session.trust_env = False  # 127.0.0.1 must bypass HTTP(S)_PROXY

    def check(text: str) -> list[Span]:
        data = {"language": "en-US", "text": text, "disabledCategories": LEARNER_CATEGORY}
        response = session.post(url, data=data, timeout=60)
        response.raise_for_status()
        spans = []
        for match in response.json()["matches"]:
            start = _utf16_to_index(text, match["offset"])
            end = _utf16_to_index(text, match["offset"] + match["length"])
            spans.append(Span(start, end))
        return spans

    return check


def _utf16_to_index(text: str, units: int) -> int:
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def commcoach_channel(engine: FeedbackEngine) -> Checker:
    """Our grammar channel: LanguageTool with our settings plus our grammar-adjacent rules.

    Like (a), every LanguageTool finding counts whatever category we file it under (a learner
    sees them all); of our own rules, only the grammar pack counts.
    """

    def check(text: str) -> list[Span]:
        report = engine.analyse(text)
        return [
            Span(f.start, f.end)
            for f in report.findings
            if f.source == "languagetool" or (f.source == "style" and f.category in GRAMMAR)
        ]

    return check


def detection(sentences: list[Sentence], checker: Checker, name: str) -> tuple[float, float]:
    """Sentence-level precision/recall/F0.5 and span overlap with what the references changed."""
    tp = fp = fn = tn = 0
    findings = overlapping = 0
    started = time.perf_counter()
    for s in sentences:
        spans = checker(s.text)
        flagged = bool(spans)
        tp += flagged and s.erroneous
        fp += flagged and not s.erroneous
        fn += (not flagged) and s.erroneous
        tn += (not flagged) and not s.erroneous
        findings += len(spans)
        overlapping += sum(any(sp.overlaps(c) for c in s.changed) for sp in spans)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    beta2 = 0.25
    f05 = (1 + beta2) * precision * recall / (beta2 * precision + recall) if tp else 0.0
    overlap = overlapping / findings if findings else 0.0
    print(
        f"  {name:<34} precision {precision:6.1%}  recall {recall:6.1%}  F0.5 {f05:6.1%}  "
        f"overlap {overlap:6.1%} ({overlapping}/{findings} findings)  "
        f"[tp {tp} fp {fp} fn {fn} tn {tn}; {time.perf_counter() - started:.0f} s]"
    )
    return precision, recall


def learner_rules_on_references(ref0: list[str], server: str, name: str) -> None:
    """Share of fluent reference sentences on which one of our LanguageTool rules fires."""
    url = server.rstrip("/") + "/v2/check"
    session = requests.Session()
    session.trust_env = False
    per_rule: Counter[str] = Counter()
    hit = 0
    examples: list[str] = []
    for text in ref0:
        response = session.post(url, data={"language": "en-US", "text": text}, timeout=60)
        response.raise_for_status()
        ours = {
            m["rule"]["id"]
            for m in response.json()["matches"]
            if m["rule"].get("category", {}).get("id") == LEARNER_CATEGORY
        }
        per_rule.update(ours)
        hit += bool(ours)
        if ours and len(examples) < 5:
            examples.append(f"{sorted(ours)}")
    n = len(ref0)
    verdict = "goal met" if hit / n <= 0.01 else "GOAL MISSED"
    print(f"  {name:<8} learner rules fire on {hit / n:6.2%} of {n} ref0 sentences ({verdict})")
    for rule_id, count in per_rule.most_common():
        print(f"    {rule_id:<32} {count / n:6.2%} ({count})")


def false_alarms(ref0: list[str], engine: FeedbackEngine) -> None:
    """How often our own rules fire on fluent, corrected English.

    Three groups: the workplace-style rules (goal: each <= 2%, together <= 10%), the
    readability findings (sentence length and hard words), and our learner-grammar rules.
    """
    groups: dict[str, Counter[str]] = {
        "style": Counter(),
        "readability": Counter(),
        "grammar": Counter(),
    }
    any_hit: Counter[str] = Counter()
    for text in ref0:
        report = engine.analyse(text, with_grammar=False)
        ids: dict[str, set[str]] = {name: set() for name in groups}
        for f in report.findings:
            if f.category is Category.READABILITY:
                ids["readability"].add(f.rule_id)
            elif f.category in GRAMMAR and f.source == "style":
                ids["grammar"].add(f.rule_id)
            elif f.source == "style":
                ids["style"].add(f.rule_id)
        for name, found in ids.items():
            groups[name].update(found)
            any_hit[name] += bool(found)
    n = len(ref0)
    for name, per_rule in groups.items():
        print(f"  {name} rules together: {any_hit[name] / n:6.1%} of {n} sentences")
        for rule_id, count in per_rule.most_common(10):
            print(f"    {rule_id:<40} {count / n:6.1%} ({count})")
        over = [r for r, c in per_rule.items() if c / n > 0.02]
        print(f"    rules over 2%: {', '.join(over) if over else 'none'}")


def halves(items: list[T]) -> tuple[list[T], list[T]]:
    """(tune, report): even 0-based line numbers tune, odd ones report."""
    return items[0::2], items[1::2]


def main() -> None:
    """Print all figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--server", help="LanguageTool server URL (default: start our own)")
    parser.add_argument("--limit", type=int, help="only the first N sentences")
    args = parser.parse_args()
    sentences, ref0 = load(args.eval_dir, args.limit)
    erroneous = sum(s.erroneous for s in sentences)
    print(
        f"JFLEG dev: {len(sentences)} sentences, {erroneous} erroneous, "
        f"{len(sentences) - erroneous} clean; tune = even lines, report = odd lines"
    )

    engine = engine_for(args.server)
    try:
        server = args.server or _local_url(engine)
        alone, ours = languagetool_defaults(server), commcoach_channel(engine)
        for name, part, refs in zip(
            ("tune", "report"), halves(sentences), halves(ref0), strict=True
        ):
            print(f"Grammar detection, {name} half (sentence level):")
            a = detection(part, alone, "(a) LanguageTool alone, defaults")
            b = detection(part, ours, "(b) commcoach grammar channel")
            gain = b[1] - a[1]
            goal = "goal met" if gain >= 0.07 and b[0] >= a[0] else "GOAL MISSED"
            print(
                f"  recall {gain * 100:+.1f} points, precision {(b[0] - a[0]) * 100:+.1f} points "
                f"vs LanguageTool alone (goal: recall +7, precision not below: {goal})"
            )
            print(f"Our learner rules on fluent references, {name} half:")
            learner_rules_on_references(refs, server, name)
        print("False alarms on corrected references (ref0, all):")
        false_alarms(ref0, engine)
    finally:
        engine.close()


def engine_for(server: str | None) -> FeedbackEngine:
    """commcoach's engine with default settings, on `server` if given (else our own server)."""
    settings = Settings()
    if server:
        settings.grammar.backend = GrammarBackend.REMOTE
        settings.grammar.server_url = server
    return FeedbackEngine(settings)


def _local_url(engine: FeedbackEngine) -> str:
    """Start our local server through the engine and return its URL."""
    _, status = engine.grammar.check("Warm up.")
    if not status.checked:
        raise SystemExit(f"LanguageTool not available: {status.detail}")
    return status.server


if __name__ == "__main__":
    main()
