"""Local feedback speed against proselint, on the same learner-like texts in one run.

Local feedback = style rules + readability + scenario rubric (grammar off), i.e. what runs on
every keystroke burst in the app. proselint's in-process lint of the same text is the yardstick
(goal: our time <= 1.0x proselint's). Each run gets a fresh variant of the text so that no cache
(ours or textstat's) answers from memory. Prints medians for 100, 300 and 3,000 words and the
process RSS. LanguageTool figures: benchmarks/languagetool_bench.py.

    python benchmarks/feedback_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time

import psutil
from proselint.checks import __register__
from proselint.registry import CheckRegistry
from proselint.tools import LintFile

from commcoach.config import GrammarBackend, Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.scenarios import load_library

# Learner-like workplace sentences written for this benchmark (no evaluation data).
SENTENCES = [
    "Yesterday I fix the flaky login test and I push the change to the review.",
    "Sorry for the late update, I was very busy with the migration of the payments table.",
    "I think maybe the problem is in the cache, because it returns the old value sometimes.",
    "Today I will continue to work on the refund email template and write some tests.",
    "I am blocked on the staging access, could you please give me the permission asap?",
    "In order to finish the feature we need to make a decision about the database schema.",
    "The build was broken by somebody and it was decided to revert the last commit.",
    "Please do the needful and send me the logs of the nightly job before the meeting.",
    "I have a doubt about the ticket, it says the export should be fast but not how fast.",
    "Everyone have access to the dashboard now and the customers are happy with it.",
    "We discussed about the retry logic and the team agreed to use exponential backoff.",
    "The latency will be decrease after we add the index on the created_at column.",
    "I will try to finish it soon, but there is two open questions from the client.",
    "Most of tests pass now, only the one with the timezone still fails on CI.",
    "Thanks for the feedbacks on my pull request, I updated the code as you suggested.",
]


def learner_text(words: int, variant: int) -> str:
    """About `words` words of learner-like prose; `variant` makes each call's text unique."""
    out: list[str] = []
    count = 0
    i = variant
    while count < words:
        sentence = SENTENCES[i % len(SENTENCES)]
        out.append(sentence)
        count += len(sentence.split())
        i += 1
    out.append(f"Ref {variant}.")
    return " ".join(out)


def median_ms(fn: object, words: int, runs: int) -> float:
    """Median wall time of fn(text) over fresh texts, after one warm-up."""
    call = fn  # type: ignore[assignment]
    call(learner_text(words, 10_000))  # type: ignore[operator]
    times = []
    for r in range(runs):
        text = learner_text(words, r)
        began = time.perf_counter()
        call(text)  # type: ignore[operator]
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    CheckRegistry().register_many(__register__)
    settings = Settings()
    settings.grammar.backend = GrammarBackend.OFF
    engine = FeedbackEngine(settings)
    scenario = load_library().scenarios["standup-daily"]

    def ours(text: str) -> None:
        engine.analyse(text, scenario, with_grammar=False)

    def proselint(text: str) -> None:
        LintFile("<bench>", text).lint()

    print(f"Local feedback vs proselint (median of {args.runs} fresh texts each):")
    for words in (100, 300, 3000):
        runs = args.runs if words < 3000 else max(5, args.runs // 3)
        mine = median_ms(ours, words, runs)
        theirs = median_ms(proselint, words, runs)
        print(
            f"  {words:>5} words: commcoach {mine:7.2f} ms   proselint {theirs:7.2f} ms   "
            f"ratio {mine / theirs:4.2f}x (goal <= 1.0x)"
        )
    rss = psutil.Process().memory_info().rss / 2**20
    print(f"RSS of this Python process: {rss:.0f} MB")


if __name__ == "__main__":
    main()
