"""Read queries the UI needs: filtered pages and statistics, each a function of a connection.

All SQL lives here and uses only indexed, denormalised columns (never the Report JSON), which is
what keeps a page under a few milliseconds at 100,000 attempts (see benchmarks/history_bench.py).
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

from commcoach.history.models import (
    AttemptFilters,
    AttemptSummary,
    RuleCount,
    ScenarioScores,
    WeeklyScore,
)
from commcoach.history.schema import DAY_US

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)


def to_db_time(moment: datetime) -> int:
    """An aware datetime as stored: integer microseconds since 1970-01-01 UTC (exact)."""
    return (moment - EPOCH) // _US


def from_db_time(value: int) -> datetime:
    """The stored integer back as an aware UTC datetime."""
    return EPOCH + timedelta(microseconds=value)


def fts_query(search: str) -> str | None:
    """User words as an FTS5 query, None if there are no words.

    Each whitespace-separated chunk must occur, as a phrase whose last word may be a prefix:
    `deploy PAY-231` -> `"deploy"* "PAY 231"*`. Quoting neutralises FTS5 syntax (OR, NEAR, -).
    """
    phrases = []
    for chunk in search.split():
        words = re.findall(r"\w+", chunk)
        if words:
            phrases.append('"' + " ".join(words).replace('"', '""') + '"*')
    return " ".join(phrases) or None


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def filter_clauses(filters: AttemptFilters) -> tuple[list[str], list[Any]]:
    """SQL conditions on `attempts a` for every filter except the text search."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (("scenario_id", filters.scenario_id), ("category", filters.category)):
        if value is not None:
            clauses.append(f"a.{column} = ?")
            params.append(value)
    if filters.since is not None:
        clauses.append("a.created_us >= ?")
        params.append(to_db_time(filters.since))
    if filters.until is not None:
        clauses.append("a.created_us < ?")
        params.append(to_db_time(filters.until))
    if filters.min_score is not None:
        clauses.append("a.score >= ?")
        params.append(filters.min_score)
    if filters.max_score is not None:
        clauses.append("a.score <= ?")
        params.append(filters.max_score)
    if filters.drafts is not None:
        clauses.append("a.is_draft = ?")
        params.append(int(filters.drafts))
    return clauses, params


def like_clauses(search: str) -> tuple[list[str], list[Any]]:
    """Search without FTS5: every word must occur in the text or title (LIKE, escaped)."""
    clauses: list[str] = []
    params: list[Any] = []
    for term in re.findall(r"\w+", search) or [search.strip()]:
        clauses.append(
            "a.id IN (SELECT attempt_id FROM attempt_bodies "
            "WHERE text LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')"
        )
        params += [_like(term), _like(term)]
    return clauses, params


_SUMMARY_COLUMNS = (
    "a.id, a.uid, a.created_us, a.scenario_id, a.category, a.turn_id, a.title, a.is_draft, "
    "a.score, a.words, a.n_findings, a.grammar_state, a.preview"
)
_NEWEST_FIRST = " ORDER BY a.created_us DESC, a.id DESC LIMIT ? OFFSET ?"
_FTS_JOIN = "attempts_fts f CROSS JOIN attempts a ON a.skey = f.rowid"
"""Text matches newest first: the FTS rowid is the attempt's time-ordered search key, and each
match costs one probe of the compact attempts_skey index (skey + every filter column)."""


def _where(clauses: list[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def page(
    conn: sqlite3.Connection, filters: AttemptFilters, limit: int, offset: int, search_index: bool
) -> tuple[list[AttemptSummary], int]:
    """A page of summaries, newest first, and the number of all matches."""
    clauses, params = filter_clauses(filters)
    search = (filters.search or "").strip()
    query = fts_query(search) if search and search_index else None
    if search and query is None:
        more, more_params = like_clauses(search)
        clauses, params = clauses + more, params + more_params
    if query is None:
        where = _where(clauses)
        rows = conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM attempts a{where}{_NEWEST_FIRST}",
            [*params, limit, offset],
        ).fetchall()
        total = conn.execute(f"SELECT count(*) FROM attempts a{where}", params).fetchone()[0]
        return [_summary(r) for r in rows], int(total)
    # Walking the index newest first stops after offset + limit hits; it never sorts.
    and_filters = "".join(" AND " + c for c in clauses)
    rows = conn.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM {_FTS_JOIN} WHERE attempts_fts MATCH ?{and_filters} "
        "ORDER BY f.rowid DESC LIMIT ? OFFSET ?",
        [query, *params, limit, offset],
    ).fetchall()
    if clauses:
        count_sql = f"SELECT count(*) FROM {_FTS_JOIN} WHERE attempts_fts MATCH ?{and_filters}"
    else:  # counted inside FTS5, no probes at all
        count_sql = "SELECT count(*) FROM attempts_fts WHERE attempts_fts MATCH ?"
    total = conn.execute(count_sql, [query, *params]).fetchone()[0]
    return [_summary(r) for r in rows], int(total)


def _summary(r: tuple[Any, ...]) -> AttemptSummary:
    return AttemptSummary(
        id=r[0],
        uid=r[1],
        created_at=from_db_time(r[2]),
        scenario_id=r[3],
        category=r[4],
        turn_id=r[5],
        title=r[6],
        is_draft=bool(r[7]),
        score=r[8],
        words=r[9],
        findings=r[10],
        grammar_checked=r[11] == "checked",
        preview=r[12],
    )


def best_and_last_by_scenario(conn: sqlite3.Connection) -> list[ScenarioScores]:
    """Per scenario answered (drafts excluded): attempts, best score, last score and when."""
    rows = conn.execute(
        """
        SELECT s.scenario_id, s.n, s.best, l.score, l.created_us, l.category, l.scenario_hash
        FROM (
            SELECT scenario_id, count(*) AS n, max(score) AS best, max(created_us) AS last_at
            FROM attempts WHERE scenario_id IS NOT NULL AND is_draft = 0
            GROUP BY scenario_id
        ) s
        JOIN attempts l ON l.id = (
            SELECT id FROM attempts
            WHERE scenario_id = s.scenario_id AND created_us = s.last_at AND is_draft = 0
            ORDER BY id DESC LIMIT 1
        )
        ORDER BY s.scenario_id
        """
    ).fetchall()
    return [
        ScenarioScores(
            scenario_id=r[0],
            attempts=r[1],
            best_score=r[2],
            last_score=r[3],
            last_at=from_db_time(r[4]),
            category=r[5],
            last_hash=r[6],
        )
        for r in rows
    ]


def weekly_trend_by_category(
    conn: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    utc_offset: timedelta = timedelta(0),
) -> list[WeeklyScore]:
    """Mean and best score per scenario category per week (weeks start on Monday).

    `utc_offset` shifts the week boundaries to the learner's local midnight. Weeks are counted
    in integer arithmetic: day 0 (1970-01-01) was a Thursday, so `(day + 3) / 7` numbers
    Monday-based weeks and week w starts on day `7 * w - 3`.
    """
    where = ["category = ?", "is_draft = 0"]
    bounds: list[Any] = []
    if since is not None:
        where.append("created_us >= ?")
        bounds.append(to_db_time(since))
    if until is not None:
        where.append("created_us < ?")
        bounds.append(to_db_time(until))
    sql = (
        "SELECT ((created_us / 1000000 + ?) / 86400 + 3) / 7 AS week, count(*), avg(score), "
        f"max(score) FROM attempts WHERE {' AND '.join(where)} GROUP BY week ORDER BY week"
    )
    offset_s = int(utc_offset.total_seconds())
    out = []
    for category in categories(conn):  # one small sort per category beats one big sort
        for week, n, mean, best in conn.execute(sql, [offset_s, category, *bounds]):
            out.append(
                WeeklyScore(
                    category=category,
                    week_start=EPOCH.date() + timedelta(days=7 * week - 3),
                    attempts=n,
                    mean_score=round(float(mean), 1),
                    best_score=best,
                )
            )
    return out


def categories(conn: sqlite3.Connection) -> list[str]:
    """The scenario categories present, sorted, by skipping through the index (no scan)."""
    rows = conn.execute(
        """
        WITH RECURSIVE c(name) AS (
            SELECT min(category) FROM attempts WHERE category IS NOT NULL
            UNION ALL
            SELECT (SELECT min(category) FROM attempts WHERE category > c.name)
            FROM c WHERE c.name IS NOT NULL
        )
        SELECT name FROM c WHERE name IS NOT NULL
        """
    ).fetchall()
    return [name for (name,) in rows]


def top_rule_ids(
    conn: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 10,
) -> list[RuleCount]:
    """The rules that fired most often in attempts made in [since, until), drafts included.

    Whole UTC days inside the period come from `rule_days` (one row per rule per day); the
    partial days at its edges are counted from the findings themselves, so the result is exact.
    """
    lo = None if since is None else to_db_time(since)
    hi = None if until is None else to_db_time(until)
    first_day = None if lo is None else -(-lo // DAY_US)  # first whole day
    end_day = None if hi is None else hi // DAY_US  # first day not wholly inside
    totals: dict[tuple[str, str], list[int]] = {}

    def add(rows: list[Any]) -> None:
        for rule_id, category, findings, attempts in rows:
            entry = totals.setdefault((rule_id, category), [0, 0])
            entry[0] += findings
            entry[1] += attempts

    if first_day is not None and end_day is not None and first_day >= end_day:
        add(_raw_rule_counts(conn, lo, hi))
    else:
        where, params = [], []
        if first_day is not None:
            where.append("day >= ?")
            params.append(first_day)
            if lo is not None and lo < first_day * DAY_US:
                add(_raw_rule_counts(conn, lo, first_day * DAY_US))
        if end_day is not None:
            where.append("day < ?")
            params.append(end_day)
            if hi is not None and end_day * DAY_US < hi:
                add(_raw_rule_counts(conn, end_day * DAY_US, hi))
        add(
            conn.execute(
                "SELECT rule_id, category, sum(findings), sum(attempts) FROM rule_days"
                + (" WHERE " + " AND ".join(where) if where else "")
                + " GROUP BY rule_id, category",
                params,
            ).fetchall()
        )
    ranked = sorted(
        ((-f, rule_id, category, a) for (rule_id, category), (f, a) in totals.items() if a > 0)
    )
    return [
        RuleCount(rule_id=rule_id, category=category, findings=-f, attempts=a)
        for f, rule_id, category, a in ranked[:limit]
    ]


def _raw_rule_counts(conn: sqlite3.Connection, lo: int | None, hi: int | None) -> list[Any]:
    """Rule counts for attempts in [lo, hi) read from the findings (attempts first: CROSS JOIN)."""
    return conn.execute(
        "SELECT f.rule_id, f.category, sum(f.hits), count(*) "
        "FROM attempts a CROSS JOIN findings f ON f.attempt_id = a.id "
        "WHERE a.created_us >= ? AND a.created_us < ? GROUP BY f.rule_id, f.category",
        (lo, hi),
    ).fetchall()
