"""Costs of treating outside input as untrusted (issue 14), as figures instead of timed tests.

Prints:
- loading every built-in scenario, including the regex vetting (static check + probe runs);
- how long the vetting takes to refuse the catastrophic patterns of the issue;
- the worst time one search of an accepted-but-slow pattern can take (the run-time budget);
- `history import` of a generated 20,000-attempt export (about the 55 MB of the issue, which
  had not finished after 300 s): the checking pass and the storing pass, attempts per second;
- loading every style rule (was a wall-clock assertion in tests/rules/test_structure.py).

No evaluation data is used: the export is generated here.

    python benchmarks/safety_bench.py [--attempts N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path


def best_of(runs: int, action: object) -> float:
    """Best wall time in seconds of `runs` calls (the least disturbed by other processes)."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - began)
    return min(times)


def scenario_figures() -> None:
    from commcoach import safe_regex
    from commcoach.scenarios import load_library

    def fresh_load() -> None:
        safe_regex.refusal.cache_clear()
        load_library()

    library = load_library()
    print(
        f"scenarios: load all {len(library.scenarios)} built-ins with regex vetting: "
        f"{best_of(5, fresh_load) * 1000:.0f} ms (best of 5)"
    )
    for pattern in (r"(a+)+$", r"(\w+\s?)*$", r"(a|a)*$"):
        safe_regex.refusal.cache_clear()
        began = time.perf_counter()
        why = safe_regex.refusal(pattern)
        took = (time.perf_counter() - began) * 1000
        print(f"  refuse {pattern!r:<14} in {took:6.1f} ms: {why[:60] if why else 'ACCEPTED'}")
    slow = r"(\w+\s)*$"  # polynomial on long runs; the probe refuses it, search() still bounds it
    began = time.perf_counter()
    safe_regex.search(slow, "a" * 20_000 + "!")
    print(
        f"  worst single search (budget {safe_regex.MATCH_SECONDS * 1000:.0f} ms): "
        f"{(time.perf_counter() - began) * 1000:.0f} ms"
    )


def import_figures(attempts: int) -> None:
    from commcoach.feedback.report import (
        Category,
        Explanation,
        Finding,
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
    from commcoach.history import HistoryStore
    from commcoach.history.export import write_export
    from commcoach.history.importing import iter_import
    from commcoach.history.models import AttemptRecord

    text = ("Yesterday I fixed the login test and reviewed two pull requests. " * 4).strip()
    finding = Finding(
        rule_id="style.hedging",
        category=Category.STYLE,
        severity=Severity.WARNING,
        message="Hedging",
        explanation=Explanation(why="w", weak="I think", better="I will"),
        start=0,
        end=9,
        suggestions=["x"],
        source="style",
    )
    report = Report(
        text=text,
        findings=[finding] * 6,
        metrics=Metrics(
            words=40,
            sentences=4,
            avg_sentence_words=10,
            flesch_reading_ease=70,
            flesch_kincaid_grade=6,
            gunning_fog=8,
            reading_time_seconds=10,
            band=TargetBand(flesch_min=50, grade_max=10),
            in_band=True,
        ),
        rubric=[RubricResult(element_id="done", label="Done", met=True, explanation="e")] * 4,
        score=Score(
            total=70, components=[ScoreComponent(name="c", points=28, max_points=40, detail="d")]
        ),
        grammar=GrammarStatus(state=GrammarState.CHECKED, backend="local"),
    )
    start = datetime(2025, 1, 1, tzinfo=UTC)
    records = (
        AttemptRecord(
            uid=uuid.uuid4().hex,
            created_at=start + timedelta(minutes=i),
            text=text,
            report=report,
            scenario_id="standup-daily",
            turn_id="update",
        )
        for i in range(attempts)
    )
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "big.json"
        write_export(records, "json", export)
        size = export.stat().st_size / 1e6
        began = time.perf_counter()
        checked = sum(1 for _ in iter_import(export))
        check_s = time.perf_counter() - began
        store = HistoryStore(Path(folder) / "history.sqlite3")
        began = time.perf_counter()
        added, _ = store.import_stream(lambda: iter_import(export))
        store_s = time.perf_counter() - began
        store.close()
    print(f"history import: {checked:,} attempts, {size:.0f} MB export")
    print(
        f"  check pass {check_s:5.1f} s ({checked / check_s:,.0f} attempts/s); "
        f"store pass {store_s:5.1f} s ({added / store_s:,.0f} attempts/s); "
        f"total {check_s + store_s:.1f} s (was > 300 s)"
    )


def rule_figures() -> None:
    from commcoach.feedback.style.registry import load_rules

    times = []
    for _ in range(5):
        began = time.perf_counter()
        load_rules()
        times.append(time.perf_counter() - began)
    print(
        f"style rules: load all: best {min(times) * 1000:.0f} ms, "
        f"median {statistics.median(times) * 1000:.0f} ms (budget 50 ms on a quiet machine)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=20_000)
    args = parser.parse_args()
    os.environ.setdefault("COMMCOACH_DATA_DIR", tempfile.mkdtemp(prefix="commcoach-bench-"))
    scenario_figures()
    import_figures(args.attempts)
    rule_figures()


if __name__ == "__main__":
    main()
