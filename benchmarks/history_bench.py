"""History at scale: seed 100,000 attempts, then time the queries the UI makes.

    python benchmarks/history_bench.py [--attempts N] [--db PATH] [--strict]

Attempts carry realistic Reports (60-180 words of workplace text, 1-7 findings with real-size
messages and explanations, a 3-5 element rubric, 4 score components), spread over three years,
30 scenarios in 8 categories, 5% drafts. Prints seed time, open time, page latency (median/p95)
for a 50-row page filtered by category + score range and by text search, stats latency, and the
database size per 1,000 attempts. Goals: page median <= 50 ms, each stats query <= 100 ms;
`--strict` exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from commcoach.feedback.report import (
    Category,
    Explanation,
    Finding,
    GrammarReason,
    GrammarState,
    GrammarStatus,
    Metrics,
    Report,
    RubricResult,
    Score,
    ScoreComponent,
    Severity,
    TargetBand,
)
from commcoach.history import AttemptFilters, AttemptRecord, HistoryStore
from commcoach.history.db import FULL_CHECK_MAX_BYTES, open_database

PAGE_GOAL_MS = 50.0
STATS_GOAL_MS = 100.0
SENTENCES = [
    "Yesterday I fixed the flaky login test in the payments service.",
    "Today I will start on the refund email template and the retry logic.",
    "I am blocked because I still have no access to the staging database.",
    "Could you please review my pull request for the checkout migration by Thursday?",
    "The deployment to production is scheduled for Friday at 10:00 CET.",
    "I think maybe we should discuss the API rate limits before the release.",
    "The dashboard now loads in 1.2 seconds instead of 4 seconds.",
    "We found a regression in the invoice export after the last merge.",
    "I have updated the documentation and added two integration tests.",
    "Can we move our one-on-one to Wednesday afternoon?",
    "The client asked for a summary of the outage and the next steps.",
    "I will pair with Sam on the caching bug this afternoon.",
    "Unfortunately the vendor has not answered our support ticket yet.",
    "The sprint goal is at risk because two stories are still in review.",
    "Please let me know if the new estimate works for the marketing team.",
]
RULES = [(f"style.rule{i:02d}", Category.STYLE) for i in range(12)] + [
    (f"grammar.{name}", Category.GRAMMAR)
    for name in ("HE_VERB_AGR", "EN_A_VS_AN", "MISSING_COMMA", "PREPOSITION", "TENSE_SHIFT")
]
RULES += [(f"spelling.WORD{i}", Category.SPELLING) for i in range(8)]
RULES += [(f"tone.t{i}", Category.TONE) for i in range(6)]
RULES += [(f"clarity.c{i}", Category.CLARITY) for i in range(6)]
CATEGORIES = ["standup", "status", "clarify", "email", "review", "meeting", "incident", "client"]
SCENARIOS = [(f"{CATEGORIES[i % 8]}-scenario-{i:02d}", CATEGORIES[i % 8]) for i in range(30)]
WHY = (
    "Readers at work skim: {rule} makes the message longer without adding information, and "
    "non-native readers may misread it. Say it directly."
)


def make_report(rng: random.Random, scenario_id: str | None) -> Report:
    text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(5, 14)))
    if rng.random() < 0.5:  # a ticket id: each one occurs in ~10 of 100,000 attempts
        text += f" See PAY-{rng.randint(1, 5000)} for details."
    if rng.random() < 0.05:  # a product name in 5% of attempts
        text += " The Nimbus team agreed."
    words = len(text.split())
    findings = []
    for _ in range(rng.randint(1, 7)):
        rule_id, category = rng.choice(RULES)
        start = rng.randrange(0, max(1, len(text) - 20))
        findings.append(
            Finding(
                rule_id=rule_id,
                category=category,
                severity=rng.choice(list(Severity)),
                message=f"Consider rephrasing: {rule_id} matched this phrase.",
                explanation=Explanation(
                    why=WHY.format(rule=rule_id),
                    weak="I think maybe we could possibly try to deploy on Friday.",
                    better="We will deploy on Friday.",
                ),
                start=start,
                end=start + rng.randint(3, 18),
                suggestions=["We will", "I will"][: rng.randint(0, 2)],
                source=category.value,
            )
        )
    rubric = [
        RubricResult(
            element_id=f"element-{i}",
            label=f"Says what happens next ({i})",
            met=rng.random() < 0.7,
            explanation="A reader needs to know what you will do and when.",
            hint="Add when you expect to finish, e.g. by Thursday.",
            evidence_start=0,
            evidence_end=10,
        )
        for i in range(rng.randint(3, 5))
    ]
    total = rng.randint(20, 100)
    return Report(
        text=text,
        findings=findings,
        metrics=Metrics(
            words=words,
            sentences=max(1, words // 12),
            avg_sentence_words=12.3,
            flesch_reading_ease=round(rng.uniform(30, 80), 1),
            flesch_kincaid_grade=round(rng.uniform(5, 13), 1),
            gunning_fog=round(rng.uniform(7, 15), 1),
            reading_time_seconds=words / 4.2,
            band=TargetBand(flesch_min=50, grade_max=10, words_min=40, words_max=200),
            in_band=rng.random() < 0.6,
        ),
        rubric=rubric,
        score=Score(
            total=total,
            components=[
                ScoreComponent(
                    name=name, points=m * total / 100, max_points=m, detail="rubric 3/4 met"
                )
                for name, m in (("content", 40), ("correctness", 30), ("style", 20), ("read", 10))
            ],
        ),
        grammar=(
            GrammarStatus(state=GrammarState.CHECKED, backend="local", server="127.0.0.1:8081")
            if rng.random() < 0.9
            else GrammarStatus(
                state=GrammarState.NOT_CHECKED,
                reason=GrammarReason.TIMED_OUT,
                detail="LanguageTool did not answer in 10 s",
                backend="local",
            )
        ),
        scenario_id=scenario_id,
        turn_id="update" if scenario_id else None,
    )


def records(n: int, now: datetime, seed: int = 7) -> Iterator[AttemptRecord]:
    rng = random.Random(seed)
    span = timedelta(days=3 * 365).total_seconds()
    start = now - timedelta(days=3 * 365)
    moments = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in range(n))
    for when in moments:
        draft = rng.random() < 0.05
        scenario_id, category = (None, None) if draft else rng.choice(SCENARIOS)
        report = make_report(rng, scenario_id)
        yield AttemptRecord(
            created_at=when,
            scenario_id=scenario_id,
            scenario_hash="0123456789abcdef" if scenario_id else None,
            category=category,
            turn_id=report.turn_id,
            text=report.text,
            report=report,
            grammar_backend="local",
            variant="en-US",
            mother_tongue=rng.choice(["de", "fr", "zh", "es", ""]),
            seconds_spent=round(rng.uniform(20, 600), 1),
            is_draft=draft,
            title="notes.txt" if draft else "",
        )


def timed(action: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        action()
        out.append((time.perf_counter() - t) * 1000)
    return out


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(len(values) * 0.95) - 1)]


def verdict(value: float, goal: float) -> str:
    return "ok" if value <= goal else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="Keep the database here (default: temp folder).")
    parser.add_argument("--strict", action="store_true", help="Exit 1 when a goal is missed.")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="commcoach-bench-")
    path = args.db or Path(folder.name) / "history.sqlite3"
    now = datetime.now(UTC)
    missed = False

    store = HistoryStore(path)
    if store.count() == 0:
        t = time.perf_counter()
        added, _ = store.save_many(records(args.attempts, now))
        seed_s = time.perf_counter() - t
        print(f"seeded {added:,} attempts in {seed_s:.1f} s ({added / seed_s:,.0f}/s)")
    count = store.count()
    store.close()

    checked = path.stat().st_size <= FULL_CHECK_MAX_BYTES
    t = time.perf_counter()
    store = HistoryStore(path)
    store.open()
    print(
        f"open: {(time.perf_counter() - t) * 1000:.0f} ms "
        f"({'with' if checked else 'without'} integrity check: file "
        f"{'<=' if checked else '>'} {FULL_CHECK_MAX_BYTES >> 20} MiB)"
    )
    t = time.perf_counter()
    open_database(path, verify=True).conn.close()  # what the store runs after meeting damage
    print(f"open with the integrity check forced: {(time.perf_counter() - t) * 1000:.0f} ms")
    print(f"text search: {'FTS5' if store.search_index else 'LIKE'}")
    rng = random.Random(1)

    def category_page() -> object:
        low = rng.randrange(0, 80)
        return store.page(
            AttemptFilters(category=rng.choice(CATEGORIES), min_score=low, max_score=low + 20),
            limit=50,
        )

    def search(words: list[str]) -> Callable[[], object]:
        return lambda: store.page(AttemptFilters(search=rng.choice(words)), limit=50)

    def search_category_page() -> object:
        return store.page(
            AttemptFilters(search="blocked staging", category=rng.choice(CATEGORIES)), limit=50
        )

    def deep_page() -> object:
        return store.page(AttemptFilters(drafts=False), limit=50, offset=rng.randrange(0, 5000))

    print(f"\n{'50-row page':<44} {'median':>8} {'p95':>8}  goal {PAGE_GOAL_MS:.0f} ms")
    for name, action in (
        ("category + score range", category_page),
        ("search a ticket id (~10 attempts)", search([f"PAY-{i}" for i in range(1, 5000)])),
        ("search a name (5% of attempts)", search(["Nimbus"])),
        ("search a word in ~45% of attempts", search(["staging", "deploy", "refund"])),
        ("search 2 common words + category", search_category_page),
        ("no drafts, offset up to 5,000", deep_page),
    ):
        values = timed(action, 40)
        med = statistics.median(values)
        missed |= med > PAGE_GOAL_MS
        print(f"  {name:<42} {med:>6.1f}ms {p95(values):>6.1f}ms  {verdict(med, PAGE_GOAL_MS)}")

    print(f"\n{'stats query':<44} {'median':>8} {'p95':>8}  goal {STATS_GOAL_MS:.0f} ms")
    for name, stat in (
        ("best and last score per scenario", store.best_and_last_by_scenario),
        ("weekly trend per category, all time", store.weekly_trend_by_category),
        (
            "weekly trend per category, 26 weeks",
            lambda: store.weekly_trend_by_category(since=now - timedelta(weeks=26)),
        ),
        ("top rule ids, last 30 days", lambda: store.top_rule_ids(since=now - timedelta(30))),
        ("top rule ids, all time", store.top_rule_ids),
        ("practise next", lambda: store.practise_next(now)),
        ("get one attempt (full Report)", lambda: store.get(rng.randrange(1, count))),
    ):
        values = timed(stat, 15)
        med = statistics.median(values)
        missed |= med > STATS_GOAL_MS
        print(f"  {name:<42} {med:>6.1f}ms {p95(values):>6.1f}ms  {verdict(med, STATS_GOAL_MS)}")
    store.close()

    size = path.stat().st_size
    print(f"\ndatabase: {size / 1e6:.1f} MB for {count:,} attempts")
    print(f"size per 1,000 attempts: {size / count * 1000 / 1e6:.2f} MB")
    folder.cleanup()
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
