"""Precision budget: how many findings commcoach raises on edited English, and how many are real.

Prints, with default settings (only the grammar backend points at a local server):
1. pro-prose (edited design proposals, ../shared/eval/pro-prose/texts): findings per 1,000 words
   by rule and in total, for commcoach and for LanguageTool alone (en-US, its defaults), on the
   tune half and the report half. Split: the files sorted by name, even index = tune, odd = report.
   Goal: commcoach at most 8 per 1,000 words.
2. The real errors listed in pro-prose/SOURCES.md that each tool catches (a finding overlapping the
   quoted words; quotes that cannot be found in the text are left out of the count).
3. A random sample of 60 commcoach findings on pro-prose (fixed seed), with context, and the share
   judged real in benchmarks/judgements/pro-prose-sample.tsv (one `key<TAB>y|n<TAB>note` a line;
   the key names the file, offsets and rule, never the text). Goal: at least half real.
4. Learner sets: findings per 1,000 words (commcoach vs LanguageTool alone) on jfleg-dev sources,
   updates, updates2, clarify, clarify2, and JFLEG sentence-level detection recall/precision
   (goal: commcoach's recall not below LanguageTool alone's).

    python benchmarks/precision.py [--eval-dir PATH] [--server URL] [--skip-learner]
        [--show RULE_ID] [--sample N]

The eval folder defaults to ../shared/eval beside the repository (override: COMMCOACH_EVAL_DIR or
--eval-dir). Without --server a LanguageTool server is started through commcoach's server module.
Eval text is read from there and never copied into this repository.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from commcoach.config import GrammarBackend, GrammarSettings, Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.feedback.report import Category, Finding
from commcoach.languagetool.server import LanguageToolServer, ServerConfig, ServerState
from commcoach.text import Span, count_words

HERE = Path(__file__).resolve().parent
JUDGEMENTS = HERE / "judgements" / "pro-prose-sample.tsv"
SEED = 11
GOAL_PER_1000 = 8.0
GRAMMAR = {Category.GRAMMAR, Category.SPELLING}


def eval_dir(explicit: Path | None) -> Path:
    """--eval-dir, else COMMCOACH_EVAL_DIR, else ../shared/eval beside the repository."""
    if explicit is not None:
        return explicit
    env = os.environ.get("COMMCOACH_EVAL_DIR")
    if env:
        return Path(env)
    return HERE.parents[0].parent / "shared" / "eval"


@dataclass(frozen=True, slots=True)
class Hit:
    """One finding of one tool on one document."""

    doc: str
    rule: str
    start: int
    end: int
    message: str
    suggestion: str

    @property
    def key(self) -> str:
        """Stable id for judgements: file, offsets, rule (no eval text)."""
        return f"{self.doc}:{self.start}-{self.end}:{self.rule}"


@contextmanager
def languagetool(url: str | None) -> Iterator[str]:
    """A server URL: the given one, or a server we start (and stop) ourselves."""
    if url:
        yield url
        return
    with tempfile.TemporaryDirectory() as state:
        server = LanguageToolServer(
            ServerConfig(state_dir=Path(state), start_timeout=180.0, max_check_millis=120_000)
        )
        server.start()
        status = server.wait_ready(240.0)
        if status.state is not ServerState.READY:
            server.stop()
            raise SystemExit(f"LanguageTool did not start: {status.detail}")
        try:
            yield status.url
        finally:
            server.stop()


def lt_alone(url: str, doc: str, text: str) -> list[Hit]:
    """LanguageTool alone: POST /v2/check with language en-US and nothing else."""
    response = requests.post(
        url.rstrip("/") + "/v2/check", data={"language": "en-US", "text": text}, timeout=120
    )
    response.raise_for_status()
    index = _utf16_index(text)
    hits = []
    for m in response.json()["matches"]:
        start = index[min(m["offset"], len(index) - 1)]
        end = index[min(m["offset"] + m["length"], len(index) - 1)]
        typo = m["rule"].get("issueType") == "misspelling" or m["rule"]["category"]["id"] == "TYPOS"
        rule = f"{'spelling' if typo else 'grammar'}.{m['rule']['id']}"
        fixes = m.get("replacements") or []
        hits.append(Hit(doc, rule, start, end, m["message"], fixes[0]["value"] if fixes else ""))
    return hits


def _utf16_index(text: str) -> list[int]:
    """Map UTF-16 offsets (LanguageTool's) to str indexes."""
    index: list[int] = []
    for i, char in enumerate(text):
        index.extend([i] * (2 if ord(char) > 0xFFFF else 1))
    index.append(len(text))
    return index


def commcoach_hits(engine: FeedbackEngine, doc: str, text: str) -> list[Hit]:
    """Every finding a learner would see on `text` with default settings (no scenario)."""
    return [_hit(doc, f) for f in engine.analyse(text).findings]


def _hit(doc: str, f: Finding) -> Hit:
    return Hit(doc, f.rule_id, f.start, f.end, f.message, f.suggestions[0] if f.suggestions else "")


def per_1000(hits: list[Hit], words: int) -> float:
    """Findings per 1,000 words."""
    return 1000 * len(hits) / max(1, words)


def print_budget(title: str, hits: list[Hit], words: int, top: int = 25) -> None:
    """Total and per-rule findings per 1,000 words."""
    print(f"  {title}: {per_1000(hits, words):5.1f} per 1,000 words ({len(hits)} in {words})")
    for rule, count in Counter(h.rule for h in hits).most_common(top):
        print(f"      {rule:<48} {1000 * count / max(1, words):5.2f}  ({count})")


def known_errors(sources: Path, texts: dict[str, str]) -> list[tuple[str, Span]]:
    """The quoted error words of SOURCES.md's table, located in their files."""
    found: list[tuple[str, Span]] = []
    for line in sources.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or not cells[0].endswith(".txt") or cells[0] not in texts:
            continue
        text = texts[cells[0]]
        for quoted in re.findall(r'"([^"]+)"', cells[1]):
            part = max(quoted.split("…"), key=len).strip(" ,.")
            at = text.find(part)
            if len(part) >= 4 and at >= 0:
                found.append((cells[0], Span(at, at + len(part))))
    return found


CAUGHT_MAX_CHARS = 60
"""A finding longer than this (a whole sentence or paragraph) does not point at an error."""


def caught(errors: list[tuple[str, Span]], hits: list[Hit]) -> int:
    """Errors overlapped by at least one pointed finding (<= 60 characters) on the same file."""
    return sum(
        any(
            h.doc == doc
            and h.end - h.start <= CAUGHT_MAX_CHARS
            and Span(h.start, max(h.end, h.start + 1)).overlaps(s)
            for h in hits
        )
        for doc, s in errors
    )


def load_judgements() -> dict[str, tuple[str, str]]:
    """key -> (y|n, note)."""
    if not JUDGEMENTS.exists():
        return {}
    out = {}
    for line in JUDGEMENTS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, verdict, *note = line.split("\t")
        out[key] = (verdict.strip(), note[0] if note else "")
    return out


def print_sample(hits: list[Hit], texts: dict[str, str], size: int) -> None:
    """A fixed-seed sample with context, and the judged-real share."""
    judged = load_judgements()
    sample = random.Random(SEED).sample(hits, min(size, len(hits)))
    sample.sort(key=lambda h: (h.doc, h.start))
    real = judged_n = 0
    for n, h in enumerate(sample, 1):
        text = texts[h.doc]
        lo, hi = max(0, h.start - 60), min(len(text), h.end + 60)
        context = f"{text[lo : h.start]}[[{text[h.start : h.end]}]]{text[h.end : hi]}"
        verdict = judged.get(h.key, ("?", ""))[0]
        judged_n += verdict in ("y", "n")
        real += verdict == "y"
        print(f"  {n:2}. [{verdict}] {h.key}")
        print(f"      {h.message[:150]}" + (f"  -> {h.suggestion!r}" if h.suggestion else ""))
        print("      …" + " ".join(context.split()) + "…")
    share = real / judged_n if judged_n else 0.0
    print(
        f"  judged real: {real} of {judged_n} judged ({share:.0%}); "
        f"{len(sample) - judged_n} of {len(sample)} not judged yet ({JUDGEMENTS.name})"
    )


def pro_prose(root: Path, engine: FeedbackEngine, url: str, show: str | None, size: int) -> None:
    """Sections 1-3."""
    files = sorted((root / "pro-prose" / "texts").glob("*.txt"))
    texts = {f.name: f.read_text(encoding="utf-8") for f in files}
    halves = {"tune": files[0::2], "report": files[1::2]}
    ours: dict[str, list[Hit]] = {}
    alone: dict[str, list[Hit]] = {}
    for f in files:
        ours[f.name] = commcoach_hits(engine, f.name, texts[f.name])
        alone[f.name] = lt_alone(url, f.name, texts[f.name])
    print("pro-prose: findings per 1,000 words (default settings)")
    for half, members in [*halves.items(), ("all", files)]:
        words = sum(count_words(texts[f.name]) for f in members)
        mine = [h for f in members for h in ours[f.name]]
        theirs = [h for f in members for h in alone[f.name]]
        print(f" {half} half ({len(members)} files, {words} words)" if half != "all" else " all")
        print_budget("commcoach", mine, words)
        print_budget("LanguageTool alone", theirs, words, top=8)
        verdict = "met" if per_1000(mine, words) <= GOAL_PER_1000 else "NOT met"
        print(f"  goal <= {GOAL_PER_1000:g} per 1,000 words: {verdict}")
    errors = known_errors(root / "pro-prose" / "SOURCES.md", texts)
    every_ours = [h for hs in ours.values() for h in hs]
    every_alone = [h for hs in alone.values() for h in hs]
    print(
        f"known errors (SOURCES.md, {len(errors)} located): commcoach catches "
        f"{caught(errors, every_ours)}, LanguageTool alone {caught(errors, every_alone)}"
    )
    for half, members in halves.items():
        names = {f.name for f in members}
        mine_e = [e for e in errors if e[0] in names]
        print(
            f"  {half} half: {len(mine_e)} errors; commcoach {caught(mine_e, every_ours)}, "
            f"LanguageTool alone {caught(mine_e, every_alone)}"
        )
    if show:
        print(f"all findings of {show}:")
        for h in every_ours:
            if h.rule == show:
                text = texts[h.doc]
                around = text[max(0, h.start - 50) : h.end + 50]
                print(f"  {h.key}: {h.message[:90]} …{' '.join(around.split())}…")
    print(f"random sample of {size} commcoach findings (seed {SEED}):")
    print_sample(every_ours, texts, size)


def learner(root: Path, engine: FeedbackEngine, url: str) -> None:
    """Section 4."""
    sys.path.insert(0, str(HERE))
    import quality  # the JFLEG loader and detection measure, shared with quality.py

    sentences, _ = quality.load(root / "jfleg-dev", None)
    sets: dict[str, list[str]] = {"jfleg-dev src": [s.text for s in sentences]}
    for name in ("updates", "updates2", "clarify", "clarify2"):
        folder = root / name
        sets[name] = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    print("learner sets: findings per 1,000 words (commcoach / LanguageTool alone)")
    for name, docs in sets.items():
        words = sum(count_words(d) for d in docs)
        mine = [h for i, d in enumerate(docs) for h in commcoach_hits(engine, str(i), d)]
        theirs = [h for i, d in enumerate(docs) for h in lt_alone(url, str(i), d)]
        print(f" {name} ({len(docs)} texts, {words} words)")
        print_budget("commcoach", mine, words, top=12)
        print_budget("LanguageTool alone", theirs, words, top=6)
    print("JFLEG dev detection (sentence level):")
    quality.detection(sentences, quality.languagetool_defaults(url), "LanguageTool alone")
    quality.detection(sentences, quality.commcoach_channel(engine), "commcoach grammar channel")


def main() -> None:
    """Print every figure."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--eval-dir", type=Path)
    parser.add_argument("--server", help="LanguageTool server URL (default: start our own)")
    parser.add_argument("--skip-learner", action="store_true")
    parser.add_argument("--show", help="print every commcoach finding of this rule id")
    parser.add_argument("--sample", type=int, default=60)
    args = parser.parse_args()
    root = eval_dir(args.eval_dir)
    # Default settings: never read the user's own config file.
    os.environ["COMMCOACH_CONFIG_FILE"] = str(
        Path(tempfile.gettempdir()) / "no-such-commcoach.toml"
    )
    with languagetool(args.server) as url:
        settings = Settings(
            grammar=GrammarSettings(
                backend=GrammarBackend.REMOTE, server_url=url, timeout_seconds=120
            )
        )
        engine = FeedbackEngine(settings)
        try:
            pro_prose(root, engine, url, args.show, args.sample)
            if not args.skip_learner:
                learner(root, engine, url)
        finally:
            engine.close()


if __name__ == "__main__":
    main()
