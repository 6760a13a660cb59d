"""What to practise next: weak scenarios once they are due again, and rules you keep breaking.

Scenarios are spaced like flash cards (Leitner boxes): the lower the last score, the sooner the
scenario comes back. It is suggested only once due, i.e. `interval(last score)` after the last
attempt, and its priority is its weakness `(100 - last) / 100`, raised up to twice by how overdue
it is (in intervals), then halved into 0..1.

Rules ("skills") use the last 60 UTC days (today included), in weekly buckets, each attempt weighing
`0.5 ** (age_weeks / 2)` (a two-week half-life). A rule's rate is the weight of the attempts it
fired in over the weight of all attempts. It is suggested when it fired in at least two attempts
and its rate is at least 0.2; its priority is the rate. A rule you have stopped breaking fades as
its attempts age, so suggestions move on by themselves.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from commcoach.history.models import PractiseItem
from commcoach.history.queries import best_and_last_by_scenario, to_db_time
from commcoach.history.schema import DAY_US

INTERVALS: tuple[tuple[int, timedelta], ...] = (
    (60, timedelta(days=1)),
    (75, timedelta(days=3)),
    (90, timedelta(days=7)),
    (101, timedelta(days=21)),
)
"""(last score below, comes back after): the spacing of scenarios."""
RULE_WINDOW = timedelta(days=60)
HALF_LIFE_WEEKS = 2.0
MIN_RULE_ATTEMPTS = 2
MIN_RULE_RATE = 0.2


def interval(last_score: int) -> timedelta:
    """How long after an attempt with this score the scenario is due again."""
    for below, wait in INTERVALS:
        if last_score < below:
            return wait
    return INTERVALS[-1][1]


def _ago(delta: timedelta) -> str:
    days = delta.days
    if days < 1:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def scenario_items(conn: sqlite3.Connection, now: datetime) -> list[PractiseItem]:
    """Scenarios that are due, weakest and most overdue first."""
    items = []
    for s in best_and_last_by_scenario(conn):
        wait = interval(s.last_score)
        overdue = now - (s.last_at + wait)
        if overdue < timedelta(0):
            continue
        weakness = (100 - s.last_score) / 100
        boost = 1 + min(overdue / wait, 1.0)
        items.append(
            PractiseItem(
                kind="scenario",
                key=s.scenario_id,
                category=s.category,
                priority=round(weakness * boost / 2, 4),
                reason=(
                    f"last score {s.last_score}/100 (best {s.best_score}), "
                    f"last practised {_ago(now - s.last_at)}"
                ),
            )
        )
    return items


def rule_items(conn: sqlite3.Connection, now: datetime) -> list[PractiseItem]:
    """Rules that fire in a large, recent share of attempts (whole UTC days, today included)."""
    today = to_db_time(now) // DAY_US
    first = today - RULE_WINDOW.days + 1
    weeks = conn.execute(
        "SELECT (? - created_us / ?) / 7 AS w, count(*) FROM attempts "
        "WHERE created_us >= ? AND created_us < ? GROUP BY w",
        (today, DAY_US, first * DAY_US, (today + 1) * DAY_US),
    ).fetchall()
    total_weight = sum(n * _weight(w) for w, n in weeks)
    total_attempts = sum(n for _, n in weeks)
    if not total_weight:
        return []
    rows = conn.execute(
        "SELECT rule_id, category, (? - day) / 7 AS w, sum(attempts) FROM rule_days "
        "WHERE day >= ? AND day <= ? GROUP BY rule_id, category, w",
        (today, first, today),
    ).fetchall()
    weight: dict[tuple[str, str], float] = {}
    count: dict[tuple[str, str], int] = {}
    for rule_id, category, w, n in rows:
        key = (rule_id, category)
        weight[key] = weight.get(key, 0.0) + n * _weight(w)
        count[key] = count.get(key, 0) + n
    items = []
    for (rule_id, category), value in weight.items():
        rate = value / total_weight
        if count[(rule_id, category)] < MIN_RULE_ATTEMPTS or rate < MIN_RULE_RATE:
            continue
        items.append(
            PractiseItem(
                kind="rule",
                key=rule_id,
                category=category,
                priority=round(min(rate, 1.0), 4),
                reason=(
                    f"flagged in {count[(rule_id, category)]} of your {total_attempts} attempts "
                    f"in the last {RULE_WINDOW.days} days"
                ),
            )
        )
    return items


def _weight(age_weeks: int) -> float:
    return float(0.5 ** (max(age_weeks, 0) / HALF_LIFE_WEEKS))


def practise_next(conn: sqlite3.Connection, now: datetime, limit: int = 5) -> list[PractiseItem]:
    """Scenarios due again and rules to work on, highest priority first."""
    items = scenario_items(conn, now) + rule_items(conn, now)
    items.sort(key=lambda i: (-i.priority, i.kind, i.key))
    return items[:limit]
