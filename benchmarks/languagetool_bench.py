"""LanguageTool channel benchmark: start-up, incremental re-check, warm latency, memory.

Run: `python benchmarks/languagetool_bench.py` (needs Java 17+ and `commcoach languagetool
install`). Starts its own local server (logs in a temporary folder) and prints:

- server start time: spawn -> healthy, and -> warm (after the warm-up check);
- a 1,000-word learner-like draft: full check vs re-check after a one-word edit (goal <= 0.25);
- warm latency of a 300-word check whose sentences are all new (median and p95 of 30 runs);
- resident memory of this Python process and of the JVM.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

from commcoach.config import Settings
from commcoach.feedback.grammar import LanguageToolChecker
from commcoach.languagetool.server import ServerConfig, ServerState
from commcoach.text import count_words

SENTENCES = [
    "Yesterday I fix the bug in teh login page and I push it to the repo.",
    "He go to the meeting with the backend team and discuss about the API.",
    "We was waiting for the CI pipeline since two hours but it fail again.",
    "I have finish the migration of the database yesterday evening.",
    "Today I will working on the unit tests for the payment service.",
    "The deploy on staging were successful, but prod still have the old version.",
    "Can you please review my PR when you have time, it is very urgent for me.",
    "I didn't understood the requirement about the export feature.",
    "There is many flaky tests in the end to end suite.",
    "My blocker is that I don't have the access to the Kubernetes cluster.",
    "I think we should to refactor this module because it is too much complex.",
    "The customer said that the page load very slow on mobile phones.",
    "I will send you the report until Friday, if its okay for you.",
    "Me and Anna fixed the memory leak in the image service last week.",
    "Could you explain me how the authentication flow works in this project?",
    "The new feature need more testing before we can release it.",
    "I am agree with the proposal to move the standup to 10 am.",
    "We discussed about the roadmap and decided to postpone the redesign.",
]


def draft(words: int, seed: int, tag: str = "") -> str:
    """Learner-like paragraphs of five sentences, about `words` words in total."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < words:
        picked = [rng.choice(SENTENCES) for _ in range(5)]
        if tag:
            picked = [f"{s[:-1]} ({tag} {i})." for i, s in enumerate(picked)]
        paragraph = " ".join(picked)
        paragraphs.append(paragraph)
        total += count_words(paragraph)
    return "\n\n".join(paragraphs)


def timed(checker: LanguageToolChecker, text: str) -> float:
    started = time.perf_counter()
    _, status = checker.check(text)
    elapsed = time.perf_counter() - started
    if not status.checked:
        sys.exit(f"grammar check failed: {status.reason}: {status.detail}")
    return elapsed


def main() -> None:
    state = Path(tempfile.mkdtemp(prefix="commcoach-lt-bench-"))
    settings = Settings()
    checker = LanguageToolChecker(
        settings,
        server_config=ServerConfig(heap_mb=settings.grammar.heap_mb, state_dir=state),
    )
    try:
        started = time.perf_counter()
        checker.start()
        healthy = None
        assert checker.server is not None
        while True:
            status = checker.server.status()
            if healthy is None and "warming up" in status.detail:
                healthy = time.perf_counter() - started
            if status.state is not ServerState.STARTING:
                break
            time.sleep(0.05)
        warm = time.perf_counter() - started
        if status.state is not ServerState.READY:
            sys.exit(f"server did not start: {status.detail}")
        print(f"server start: healthy after {healthy or warm:.1f} s, warm after {warm:.1f} s")

        text = draft(1000, seed=1)
        full = timed(checker, text)
        paragraphs = checker.stats.chunks_sent
        edited = text.replace("payment service", "billing service", 1)
        assert edited != text
        recheck = timed(checker, edited)
        print(
            f"1,000-word draft ({count_words(text)} words, {paragraphs} paragraphs): "
            f"full check {full * 1000:.0f} ms, re-check after a one-word edit "
            f"{recheck * 1000:.0f} ms ({len(checker.stats.last_sent)} paragraph sent); "
            f"ratio {recheck / full:.3f} (goal <= 0.25)"
        )

        runs = []
        for run in range(30):
            sample = draft(300, seed=100 + run, tag=f"run {run}")
            runs.append(timed(checker, sample) * 1000)
        p95 = statistics.quantiles(runs, n=20)[18]
        print(
            f"warm latency, 300 words, all sentences new: median {statistics.median(runs):.0f} ms, "
            f"p95 {p95:.0f} ms over {len(runs)} runs"
        )

        python_rss = psutil.Process().memory_info().rss / 2**20
        jvm_rss = sum(psutil.Process(pid).memory_info().rss for pid in checker.server.pids())
        print(
            f"RSS: Python {python_rss:.0f} MB, JVM {jvm_rss / 2**20:.0f} MB "
            f"(-Xmx{settings.grammar.heap_mb}m)"
        )
    finally:
        checker.close()


if __name__ == "__main__":
    main()
