"""commcoach's learner rules inside LanguageTool: workplace slips, real writing, server cost.

Prints:
1. Typical workplace slips (benchmarks/data/workplace_slips.tsv, our own sentences): the share
   flagged at the right words (a finding overlapping the [bracketed] words, or the word beside
   them where a correction only adds a word) with a correct suggestion (applying one of the
   finding's suggestions gives the corrected sentence), by the full commcoach check. Goal: at
   least 3 in 4.
2. Real non-native writing (../shared/eval/updates, updates2, clarify, clarify2; never copied
   here; COMMCOACH_EVAL_DIR overrides ../shared/eval): findings by rule, for the TUNE half
   (even file numbers) and the REPORT half (odd file numbers), our learner rules listed apart.
3. LanguageTool's mother-tongue option (`motherTongue`, false friends) for de, fr, es, pt, it,
   nl: the first and second check's time and how many FALSE_FRIENDS matches come back on
   sentences with well-known false friends for that language (our own sentences). This is why
   commcoach dropped its `mother_tongue` setting (issue 10).
4. Server start time and check latency with and without the custom rules (two JVMs, one after
   the other, same settings; `--skip-server` leaves this out).

    python benchmarks/learner_rules.py [--eval-dir PATH] [--skip-server] [--show-misses]
        [--slips PATH] [--fluent PATH]

`--slips PATH` measures a held-out slips file (same format) instead of ours, split by line:
0-based even lines are the tune half, odd lines the report half; both figures are printed and
`--show-misses` lists tune-half misses only. `--fluent PATH` (one correct sentence per line, the
same split) prints the share of fluent sentences on which any grammar finding fires.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import requests

from commcoach.config import Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.feedback.report import Category, Finding
from commcoach.languagetool import custom_rules
from commcoach.languagetool.install import find_install, server_jar
from commcoach.languagetool.java import find_java
from commcoach.languagetool.server import LanguageToolServer, ServerConfig, ServerState

HERE = Path(__file__).resolve().parent
SLIPS = HERE / "data" / "workplace_slips.tsv"
EVAL_ROOT = Path(os.environ.get("COMMCOACH_EVAL_DIR", HERE.parents[0].parent / "shared" / "eval"))
FOLDERS = ("updates", "updates2", "clarify", "clarify2")
GRAMMAR = {Category.GRAMMAR, Category.SPELLING}


@dataclass(frozen=True)
class Slip:
    """One slip: the sentence, the wrong words' span, and the accepted corrected sentences."""

    text: str
    start: int
    end: int
    fixed: tuple[str, ...]


def _data_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a data file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def halves(items: list[str]) -> dict[str, list[str]]:
    """{'tune': 0-based even items, 'report': odd items}."""
    return {"tune": items[0::2], "report": items[1::2]}


def load_slips(path: Path = SLIPS, lines: list[str] | None = None) -> list[Slip]:
    """Parse the TSV (comments start with #); `lines` picks a subset of its lines."""
    slips = []
    for line in _data_lines(path) if lines is None else lines:
        marked, corrections = line.split("\t")
        match = re.search(r"\[(.+?)\]", marked)
        if match is None:
            raise SystemExit(f"{path}: no [bracketed] words in {marked!r}")
        text = marked[: match.start()] + match.group(1) + marked[match.end() :]
        fixed = tuple(
            _norm(marked[: match.start()] + c + marked[match.end() :])
            for c in corrections.split("|")
        )
        start, end = _insertion_span(
            text, match.start(), match.start() + len(match.group(1)), corrections.split("|")
        )
        slips.append(Slip(text, start, end, fixed))
    return slips


def _insertion_span(text: str, start: int, end: int, corrections: list[str]) -> tuple[int, int]:
    """Widen [start, end) to the neighbouring word when every correction only adds words.

    A missing word is marked by bracketing a neighbour ("I [found] bug" -> "found a"): the slip
    sits between the two words, so a finding on either of them ("bug" -> "a bug") is at the
    right words.
    """
    words = text[start:end]
    if all(c.startswith(words + " ") for c in corrections):
        following = re.match(r"\s*\S+", text[end:])
        return start, end + (following.end() if following else 0)
    if all(c.endswith(" " + words) for c in corrections):
        preceding = re.search(r"\S+\s*$", text[:start])
        return (preceding.start() if preceding else start), end
    return start, end


def _norm(text: str) -> str:
    return " ".join(text.split())


def _counts(finding: Finding) -> bool:
    """Findings a learner reads as a grammar claim (LanguageTool, or our grammar-like rules)."""
    return finding.source == "languagetool" or (
        finding.source == "style" and finding.category in GRAMMAR
    )


def slips_figure(engine: FeedbackEngine, slips: list[Slip], show_misses: bool) -> None:
    """Share of slips flagged at the right words with a correct (first) suggestion."""
    flagged = right = first = 0
    for slip in slips:
        found = [
            f
            for f in engine.analyse(slip.text).findings
            if _counts(f) and f.start < slip.end and slip.start < f.end
        ]
        fixes = [
            (i, _norm(slip.text[: f.start] + s + slip.text[f.end :]))
            for f in found
            for i, s in enumerate(f.suggestions)
        ]
        ok = any(fix in slip.fixed for _, fix in fixes)
        ok_first = any(i == 0 and fix in slip.fixed for i, fix in fixes)
        flagged += bool(found)
        right += ok
        first += ok_first
        if show_misses and not ok:
            got = [(f.rule_id, slip.text[f.start : f.end], f.suggestions[:3]) for f in found]
            print(f"    miss: {slip.text!r} -> {got}")
    n = len(slips)
    goal = "goal met" if right / n >= 0.75 else "GOAL MISSED"
    print(
        f"  {n} slips: flagged at the right words {flagged}/{n} ({flagged / n:.0%}); with a "
        f"correct suggestion {right}/{n} ({right / n:.0%}; first suggestion {first}/{n}) "
        f"(goal 75%: {goal})"
    )


def fluent_figure(engine: FeedbackEngine, sentences: list[str], show: bool) -> None:
    """Share of correct sentences on which a grammar finding fires (each is a false alarm)."""
    fired = 0
    for sentence in sentences:
        found = [f for f in engine.analyse(sentence).findings if _counts(f)]
        fired += bool(found)
        if show and found:
            got = [(f.rule_id, sentence[f.start : f.end]) for f in found]
            print(f"    false alarm: {sentence!r} -> {got}")
    n = len(sentences)
    print(f"  {n} fluent sentences: a grammar finding fires on {fired}/{n} ({fired / n:.1%})")


def eval_texts(root: Path) -> dict[str, list[tuple[str, str]]]:
    """{'tune': [(name, text)], 'report': [...]}: even file numbers tune, odd ones report."""
    out: dict[str, list[tuple[str, str]]] = {"tune": [], "report": []}
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.txt")):
            half = "tune" if int(path.stem) % 2 == 0 else "report"
            out[half].append((f"{folder}/{path.name}", path.read_text(encoding="utf-8")))
    return out


def eval_figure(engine: FeedbackEngine, root: Path) -> None:
    """Findings by rule on real writing, per half; our learner rules separately."""
    for half, texts in eval_texts(root).items():
        per_rule: Counter[str] = Counter()
        ours: Counter[str] = Counter()
        with_ours = 0
        for _, text in texts:
            findings = [f for f in engine.analyse(text).findings if _counts(f)]
            per_rule.update(f.rule_id for f in findings)
            mine = [f for f in findings if custom_rules.is_ours(f.rule_id.split(".", 1)[-1])]
            ours.update(f.rule_id for f in mine)
            with_ours += bool(mine)
        total = sum(per_rule.values())
        print(
            f"  {half} half: {len(texts)} texts, {total} grammar/spelling findings; our learner "
            f"rules: {sum(ours.values())} findings in {with_ours} texts"
        )
        for rule_id, count in ours.most_common():
            print(f"    ours  {rule_id:<40} {count}")
        for rule_id, count in per_rule.most_common(12):
            print(f"    all   {rule_id:<40} {count}")


FALSE_FRIENDS = {
    "de": "I will become the report tomorrow. Can you control my PR? My handy is broken.",
    "fr": "I assisted to the meeting. The actual version is slow. I will demand a review.",
    "es": "Actually we use version 2. I am embarrassed about the bug. I assisted the meeting.",
    "pt": "I pretend to finish it today. Actually the build is red. Push the door.",
    "it": "The actual version is slow. I will control the numbers. It was a big argument.",
    "nl": "I become the review tomorrow. The actual status is red. I will control it.",
}


def mother_tongue_figure(url: str) -> None:
    """First/second check time and false-friend matches with each mother tongue."""
    session = requests.Session()
    session.trust_env = False
    for code, text in FALSE_FRIENDS.items():
        times, found = [], 0
        for run in range(2):
            data = {"language": "en-US", "motherTongue": code, "text": f"{text} ({run})"}
            started = time.perf_counter()
            response = session.post(url.rstrip("/") + "/v2/check", data=data, timeout=300)
            times.append(time.perf_counter() - started)
            found = sum(
                m["rule"].get("category", {}).get("id") == "FALSE_FRIENDS"
                for m in response.json()["matches"]
            )
        print(
            f"  motherTongue={code}: first check {times[0]:5.2f} s, second {times[1]:5.2f} s; "
            f"false-friend matches: {found}"
        )


def _time_server(with_rules: bool, sentences: list[str]) -> tuple[float, float, float]:
    """(start seconds, first check ms, median warm check ms) for one fresh JVM."""
    home = find_install()
    java = find_java()
    with tempfile.TemporaryDirectory() as tmp:
        if with_rules:
            server = LanguageToolServer(ServerConfig(state_dir=Path(tmp), start_timeout=180))
            started = time.perf_counter()
            server.start()
            status = server.wait_ready(200)
            start_s = time.perf_counter() - started
            if status.state is not ServerState.READY:
                raise SystemExit(f"server did not start: {status.detail}")
            url = status.url
            proc = None
        else:
            props = Path(tmp) / "server.properties"
            props.write_text("pipelineCaching=true\ncacheSize=0\npipelinePrewarming=false\n")
            port = 8000 + os.getpid() % 1000
            command = [
                java.path, "-Xmx768m", "-cp", str(server_jar(home)),
                "org.languagetool.server.HTTPServer", "--port", str(port), "--config", str(props),
            ]  # fmt: skip
            started = time.perf_counter()
            proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            url = f"http://127.0.0.1:{port}/"
            session = requests.Session()
            session.trust_env = False
            while True:
                try:
                    if session.get(url + "v2/healthcheck", timeout=2).status_code == 200:
                        break
                except requests.RequestException:
                    time.sleep(0.2)
            start_s = time.perf_counter() - started
            server = None
        session = requests.Session()
        session.trust_env = False
        try:
            times = []
            for text in sentences:
                t0 = time.perf_counter()
                session.post(
                    url + "v2/check", data={"language": "en-US", "text": text}, timeout=120
                )
                times.append((time.perf_counter() - t0) * 1000)
        finally:
            if server is not None:
                server.stop()
            if proc is not None:
                proc.terminate()
                proc.wait(10)
        return start_s, times[0], statistics.median(times[1:])


def server_figure() -> None:
    """Start time and latency, without then with our rules (cacheSize differs: see below)."""
    sentences = [s.text + f" (run {i})" for i, s in enumerate(load_slips())]
    for with_rules in (False, True):
        start_s, first, warm = _time_server(with_rules, sentences)
        label = "with custom rules   " if with_rules else "without custom rules"
        print(
            f"  {label}: healthy after {start_s:5.1f} s; first check {first:6.0f} ms; "
            f"median of {len(sentences) - 1} further checks {warm:5.0f} ms"
        )


def main() -> None:
    """Print all figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=EVAL_ROOT)
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--slips", type=Path, help="a held-out slips TSV, split into halves")
    parser.add_argument("--fluent", type=Path, help="correct sentences, one per line")
    args = parser.parse_args()
    engine = FeedbackEngine(Settings())
    try:
        print(f"Learner rules: grammar_custom.xml {custom_rules.rules_hash()}")
        if args.slips is None:
            print("Workplace slips (our own sentences):")
            slips_figure(engine, load_slips(), args.show_misses)
        else:
            for half, lines in halves(_data_lines(args.slips)).items():
                print(f"Workplace slips, {args.slips.name}, {half} half:")
                slips_figure(
                    engine, load_slips(args.slips, lines), args.show_misses and half == "tune"
                )
        if args.fluent is not None:
            for half, lines in halves(_data_lines(args.fluent)).items():
                print(f"Fluent sentences, {args.fluent.name}, {half} half:")
                fluent_figure(engine, lines, args.show_misses and half == "tune")
        print("Real non-native writing, findings by rule:")
        eval_figure(engine, args.eval_dir)
        print("Mother tongue (false friends) on the local server:")
        mother_tongue_figure(engine.grammar.status().server)
    finally:
        engine.close()
    if not args.skip_server:
        print("LanguageTool server cost (each sentence is new to the server's cache):")
        server_figure()


if __name__ == "__main__":
    main()
