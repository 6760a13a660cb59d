"""HistoryStore queries on real SQLite files: round trips, filters, pages, stats, practise-next."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from history_factories import T0, days, make_record
from pydantic import ValidationError

from commcoach.history import AttemptFilters, AttemptRecord, HistoryStore
from commcoach.history.models import scenario_hash
from commcoach.history.practise import interval
from commcoach.scenarios import load_library


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.sqlite3") as s:
        yield s


def test_save_and_get_round_trip_everything(store: HistoryStore) -> None:
    record = make_record("Naïve café update 🚀 with `code` and PAY-231.", score=83)
    attempt_id = store.save_attempt(record)
    stored = store.get(attempt_id)
    assert stored is not None
    assert stored.id == attempt_id
    assert AttemptRecord.model_validate(stored.model_dump(exclude={"id"})) == record
    assert stored.report == record.report
    assert stored.created_at == T0 and stored.created_at.tzinfo is not None
    assert (stored.grammar_backend, stored.variant, stored.mother_tongue) == (
        "local",
        "en-GB",
        "de",
    )
    assert stored.seconds_spent == 42.5
    assert store.get(attempt_id + 100) is None


def test_saving_the_same_uid_twice_returns_the_first_id(store: HistoryStore) -> None:
    record = make_record()
    first = store.save_attempt(record)
    assert store.save_attempt(record) == first
    assert store.count() == 1


def test_created_at_is_stored_in_utc(store: HistoryStore) -> None:
    plus2 = timezone(timedelta(hours=2))
    record = make_record(when=datetime(2025, 3, 3, 11, 0, tzinfo=plus2))
    stored = store.get(store.save_attempt(record))
    assert stored is not None and stored.created_at == datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def test_record_rejects_naive_times_and_text_that_is_not_the_reports() -> None:
    good = make_record()
    with pytest.raises(ValidationError):
        AttemptRecord.model_validate({**good.model_dump(), "created_at": "2025-03-03T09:00:00"})
    with pytest.raises(ValidationError, match="text differs"):
        AttemptRecord.model_validate({**good.model_dump(), "text": "something else"})


@pytest.fixture
def filled(store: HistoryStore) -> HistoryStore:
    """Twelve attempts over twelve days in two categories, plus two drafts."""
    for i in range(12):
        store.save_attempt(
            make_record(
                f"Update {i}: the deployment of service {i} is {'blocked' if i % 3 else 'done'}.",
                score=40 + i * 5,
                scenario_id="standup-daily" if i % 2 else "status-weekly",
                category="standup" if i % 2 else "status",
                when=T0 + days(i),
                rules=("style.hedging", "grammar.AGR") if i < 6 else ("tone.blunt",),
            )
        )
    store.save_attempt(
        make_record(
            "Draft about the roadmap.",
            score=90,
            scenario_id=None,
            category=None,
            turn_id=None,
            is_draft=True,
            title="roadmap.txt",
            when=T0 + days(20),
        )
    )
    store.save_attempt(
        make_record(
            "Another draft, 100% ready_now.",
            score=30,
            scenario_id=None,
            category=None,
            turn_id=None,
            is_draft=True,
            title="notes",
            when=T0 + days(21),
        )
    )
    return store


def ids(store: HistoryStore, **filters: object) -> list[int]:
    return [i.id for i in store.page(AttemptFilters.model_validate(filters), limit=100).items]


def test_page_is_newest_first_with_total_and_offset(filled: HistoryStore) -> None:
    page = filled.page(limit=5, offset=0)
    assert [i.id for i in page.items] == [14, 13, 12, 11, 10]
    assert page.total == 14
    second = filled.page(limit=5, offset=5)
    assert [i.id for i in second.items] == [9, 8, 7, 6, 5]
    assert second.total == 14
    assert filled.page(limit=5, offset=20).items == []


def test_summary_fields(filled: HistoryStore) -> None:
    item = filled.page(limit=1).items[0]
    assert item.is_draft and item.title == "notes" and item.score == 30
    assert item.preview == "Another draft, 100% ready_now."
    assert item.findings == 1 and item.grammar_checked and item.words == 4


def test_filters_each_narrow_the_list(filled: HistoryStore) -> None:
    assert ids(filled, scenario_id="standup-daily") == [12, 10, 8, 6, 4, 2]
    assert ids(filled, category="status") == [11, 9, 7, 5, 3, 1]
    assert ids(filled, since=T0 + days(10)) == [14, 13, 12, 11]
    assert ids(filled, until=T0 + days(2)) == [2, 1]
    assert ids(filled, since=T0 + days(3), until=T0 + days(5)) == [5, 4]
    assert ids(filled, min_score=85) == [13, 12, 11, 10]
    assert ids(filled, max_score=45) == [14, 2, 1]
    assert ids(filled, min_score=50, max_score=60) == [5, 4, 3]
    assert ids(filled, drafts=True) == [14, 13]
    assert len(ids(filled, drafts=False)) == 12
    assert ids(filled, category="standup", min_score=60, max_score=80) == [8, 6]


def test_text_search_uses_fts_with_prefixes_and_all_words(filled: HistoryStore) -> None:
    assert filled.search_index
    assert ids(filled, search="blocked") == [12, 11, 9, 8, 6, 5, 3, 2]
    assert ids(filled, search="deploy servic 7") == [8]
    assert ids(filled, search="roadmap") == [13]  # in the text and the title
    assert ids(filled, search="ROADMAP.TXT") == [13]  # title words, any case
    assert ids(filled, search="ready_now") == [14]
    assert ids(filled, search="nothing-like-this") == []
    assert ids(filled, search='"quote" OR -x*') == []  # FTS syntax is neutralised
    assert ids(filled, search="blocked", category="standup", min_score=70) == [12, 8]


def test_search_pages_agree_with_brute_force(store: HistoryStore) -> None:
    """Search walks the FTS index in search-key order instead of sorting by time: the page
    must be exactly what a brute-force filter gives, also for attempts inserted out of time
    order (imports) and attempts sharing one timestamp."""
    rng = random.Random(11)
    vocabulary = ["alpha", "beta", "gamma", "delta", "PAY-12", "PAY-13", "café"]
    records = []
    for i in range(160):
        when = T0 + timedelta(hours=rng.randrange(0, 400)) if i % 7 else T0 + days(3)
        words = rng.sample(vocabulary, rng.randint(1, 4))
        record = make_record(
            " ".join(words) + f" number {i}.",
            score=rng.randrange(0, 101),
            category=rng.choice(["standup", "status"]),
            when=when,
        )
        records.append((store.save_attempt(record), record))
    searches = ["alpha", "beta gamma", "PAY-12", "pay", "cafe", "delta alpha beta", "zzz"]
    for _ in range(40):
        search = rng.choice(searches)
        category = rng.choice([None, "standup"])
        low = rng.choice([None, 30])
        filters = AttemptFilters(search=search, category=category, min_score=low)
        offset = rng.choice([0, 5])

        def wanted(record: AttemptRecord, search: str = search) -> bool:
            words = record.text.lower().replace("é", "e").replace("-", " ").split()
            words = [w.strip(".") for w in words]
            for chunk in search.lower().split():
                parts = chunk.replace("-", " ").split()
                hit = any(
                    words[i : i + len(parts) - 1] == parts[:-1]
                    and words[i + len(parts) - 1].startswith(parts[-1])
                    for i in range(len(words) - len(parts) + 1)
                )
                if not hit:
                    return False
            return True

        expected = sorted(
            (
                (r.created_at, i)
                for i, r in records
                if wanted(r)
                and (category is None or r.category == category)
                and (low is None or r.score >= low)
            ),
            reverse=True,
        )
        expected_ids = [i for _, i in expected][offset : offset + 10]
        result = store.page(filters, limit=10, offset=offset)
        assert [i.id for i in result.items] == expected_ids, search
        assert result.total == len(expected)


def test_text_search_falls_back_to_like(filled: HistoryStore) -> None:
    filled._search = False  # what a SQLite without FTS5 gets
    assert ids(filled, search="blocked") == [12, 11, 9, 8, 6, 5, 3, 2]
    assert ids(filled, search="roadmap.txt") == [13]
    assert ids(filled, search="100%") == [14]
    assert ids(filled, search="ready_now") == [14]
    assert ids(filled, search="%") == [14]  # LIKE wildcards are escaped: only a real '%'
    assert ids(filled, search="t_e") == []  # '_' is not "any character" ("the" must not match)
    assert ids(filled, search="deploy 7") == [8]


def test_best_and_last_by_scenario(filled: HistoryStore) -> None:
    rows = {r.scenario_id: r for r in filled.best_and_last_by_scenario()}
    assert set(rows) == {"standup-daily", "status-weekly"}  # drafts are not scenarios
    standup = rows["standup-daily"]
    assert (standup.attempts, standup.best_score, standup.last_score) == (6, 95, 95)
    assert standup.last_at == T0 + days(11)
    assert standup.category == "standup" and standup.last_hash == "0123456789abcdef"


def test_last_score_is_the_latest_not_the_best(store: HistoryStore) -> None:
    store.save_attempt(make_record(score=90, when=T0))
    store.save_attempt(make_record(score=55, when=T0 + days(1)))
    (row,) = store.best_and_last_by_scenario()
    assert (row.best_score, row.last_score, row.attempts) == (90, 55, 2)


def test_weekly_trend_by_category(filled: HistoryStore) -> None:
    trend = filled.weekly_trend_by_category()
    table = {(w.category, w.week_start.isoformat()): w for w in trend}
    # T0 is Monday 2025-03-03: days 0-6 are week 1, days 7-11 week 2
    assert set(table) == {
        ("standup", "2025-03-03"),
        ("standup", "2025-03-10"),
        ("status", "2025-03-03"),
        ("status", "2025-03-10"),
    }
    w1 = table[("standup", "2025-03-03")]  # days 1, 3, 5: scores 45, 55, 65
    assert (w1.attempts, w1.mean_score, w1.best_score) == (3, 55.0, 65)
    recent = filled.weekly_trend_by_category(since=T0 + days(7))
    assert {w.week_start.isoformat() for w in recent} == {"2025-03-10"}


def test_weekly_trend_uses_the_local_week_boundary(store: HistoryStore) -> None:
    # Sunday 23:30 UTC is already Monday in UTC+2
    store.save_attempt(make_record(when=datetime(2025, 3, 9, 23, 30, tzinfo=UTC)))
    assert [w.week_start.isoformat() for w in store.weekly_trend_by_category()] == ["2025-03-03"]
    local = store.weekly_trend_by_category(utc_offset=timedelta(hours=2))
    assert [w.week_start.isoformat() for w in local] == ["2025-03-10"]


def test_top_rule_ids_over_a_period(filled: HistoryStore) -> None:
    top = filled.top_rule_ids()
    assert [(r.rule_id, r.findings, r.attempts) for r in top] == [
        ("style.hedging", 8, 8),  # 6 attempts and the 2 drafts
        ("grammar.AGR", 6, 6),  # ties in rule id order
        ("tone.blunt", 6, 6),
    ]
    assert top[0].category == "style"
    early = filled.top_rule_ids(since=T0, until=T0 + days(6))
    assert {r.rule_id for r in early} == {"grammar.AGR", "style.hedging"}
    assert [r.rule_id for r in filled.top_rule_ids(limit=1)] == ["style.hedging"]


def test_top_rule_ids_is_exact_for_any_period(store: HistoryStore) -> None:
    """Whole days come from the daily totals, partial days from the findings: compare both
    against a brute-force count over random attempts and random period edges."""
    rng = random.Random(5)
    records = []
    for _ in range(150):
        when = T0 + timedelta(minutes=rng.randrange(0, 60 * 24 * 20))
        rules = tuple(
            rng.choice(["style.a", "style.b", "tone.c", "grammar.D"])
            for _ in range(rng.randint(0, 4))
        )
        record = make_record(when=when, rules=rules)
        store.save_attempt(record)
        records.append(record)
    for _ in range(60):
        a, b = sorted(T0 + timedelta(minutes=rng.randrange(-600, 60 * 24 * 21)) for _ in range(2))
        since, until = rng.choice([a, None]), rng.choice([b, b, None])
        if rng.random() < 0.2 and since is not None:  # also whole-day and same-day periods
            since = since.replace(hour=0, minute=0)
            until = since + timedelta(hours=rng.choice([3, 24, 48]))
        expected: dict[str, list[int]] = {}
        for r in records:
            if (since and r.created_at < since) or (until and r.created_at >= until):
                continue
            for rule_id in {f.rule_id for f in r.report.findings}:
                entry = expected.setdefault(rule_id, [0, 0])
                entry[0] += sum(f.rule_id == rule_id for f in r.report.findings)
                entry[1] += 1
        got = {c.rule_id: [c.findings, c.attempts] for c in store.top_rule_ids(since, until, 99)}
        assert got == expected, (since, until)


def test_practise_next_spaces_scenarios_by_score(store: HistoryStore) -> None:
    now = T0 + days(30)
    store.save_attempt(make_record(score=40, scenario_id="weak-old", when=now - days(5), rules=()))
    store.save_attempt(make_record(score=95, scenario_id="strong-old", when=now - days(5)))
    store.save_attempt(make_record(score=40, scenario_id="weak-new", when=now - timedelta(hours=2)))
    items = [i for i in store.practise_next(now, limit=10) if i.kind == "scenario"]
    assert [i.key for i in items] == ["weak-old"]  # weak-new not due; strong-old in 21 days
    assert items[0].reason == "last score 40/100 (best 40), last practised 5 days ago"
    later = store.practise_next(now + days(17), limit=10)
    assert {i.key for i in later if i.kind == "scenario"} == {"weak-old", "weak-new", "strong-old"}
    first_two = [i for i in later if i.kind == "scenario"][:2]
    assert {i.key for i in first_two} == {"weak-old", "weak-new"}
    assert "strong-old" in {i.key for i in later}
    assert interval(40) < interval(70) < interval(85) < interval(95)


def test_practise_next_suggests_recent_recurring_rules_only(store: HistoryStore) -> None:
    now = T0 + days(200)
    for i in range(6):  # an old habit, long gone
        store.save_attempt(make_record(rules=("style.old",), when=T0 + days(i)))
    for i in range(5):  # a current habit in most recent attempts
        rules = ("style.hedging",) if i < 4 else ("tone.once",)
        store.save_attempt(make_record(rules=rules, score=95, when=now - days(i + 1)))
    rules = [i for i in store.practise_next(now, limit=10) if i.kind == "rule"]
    assert [r.key for r in rules] == ["style.hedging"]
    assert rules[0].reason == "flagged in 4 of your 5 attempts in the last 60 days"
    assert rules[0].category == "style"


def test_practise_next_on_empty_history(store: HistoryStore) -> None:
    assert store.practise_next(T0) == []
    assert store.best_and_last_by_scenario() == []
    assert store.top_rule_ids() == []


def test_delete_all_removes_everything_including_search_index(filled: HistoryStore) -> None:
    assert filled.delete_all() == 14
    assert filled.count() == 0
    assert filled.top_rule_ids() == []
    assert ids(filled, search="blocked") == []
    new_id = filled.save_attempt(make_record("blocked again"))
    assert ids(filled, search="blocked") == [new_id]
    raw = filled.path.read_bytes()
    assert b"roadmap" not in raw  # vacuumed: the old text is gone from the file


def test_iter_attempts_is_ordered_by_time_then_uid(store: HistoryStore) -> None:
    late = make_record(when=T0 + days(1))
    early_b = make_record(when=T0).model_copy(update={"uid": "b" * 32})
    early_a = make_record(when=T0).model_copy(update={"uid": "a" * 32})
    for r in (late, early_b, early_a):
        store.save_attempt(r)
    assert [a.uid for a in store.iter_attempts(batch=2)] == ["a" * 32, "b" * 32, late.uid]


def test_threads_share_one_store(store: HistoryStore) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(20):
                store.save_attempt(make_record(f"thread {n} attempt {i}", when=T0 + days(i)))
                store.page(AttemptFilters(search=f"thread {n}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.count() == 80


def test_scenario_hash_changes_with_content() -> None:
    library = load_library()
    scenario = next(iter(library.scenarios.values()))
    edited = scenario.model_copy(update={"title": scenario.title + " (edited)"})
    assert len(scenario_hash(scenario)) == 16
    assert scenario_hash(scenario) == scenario_hash(scenario)
    assert scenario_hash(edited) != scenario_hash(scenario)
