"""Read queries the UI needs: filtered pages and statistics, each a function of a connection.

All SQL lives here and uses only indexed, denormalised columns (never the Report JSON), which is
what keeps a page under a few milliseconds at 100,000 attempts (see benchmarks/history_bench.py).
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from typing import Any

from commcoach.history.models import (
    AttemptFilters,
    AttemptSummary,
    RuleCount,
    ScenarioScores,
    WeeklyScore,
)

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
"""created_at in the database: fixed width UTC, so text order is time order."""
PREVIEW_CHARS = 120


def to_db_time(moment: datetime) -> str:
    """An aware datetime as the stored UTC text."""
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def from_db_time(text: str) -> datetime:
    """The stored UTC text back as an aware datetime."""
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)


def fts_query(search: str) -> str | None:
    """User words as an FTS5 query: every word must occur, as a prefix; None if no words."""
    words = re.findall(r"\w+", search)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def where_clause(filters: AttemptFilters, search_index: bool) -> tuple[str, list[Any]]:
    """SQL WHERE (with a leading space, or empty) and its parameters for `attempts a`."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (("scenario_id", filters.scenario_id), ("category", filters.category)):
        if value is not None:
            clauses.append(f"a.{column} = ?")
            params.append(value)
    if filters.since is not None:
        clauses.append("a.created_at >= ?")
        params.append(to_db_time(filters.since))
    if filters.until is not None:
        clauses.append("a.created_at < ?")
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
    if filters.search and filters.search.strip():
        query = fts_query(filters.search) if search_index else None
        if query is not None:
            clauses.append("a.id IN (SELECT rowid FROM attempts_fts WHERE attempts_fts MATCH ?)")
            params.append(query)
        else:
            terms = re.findall(r"\w+", filters.search) or [filters.search.strip()]
            for term in terms:
                clauses.append("(a.text LIKE ? ESCAPE '\\' OR a.title LIKE ? ESCAPE '\\')")
                params += [_like(term), _like(term)]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


_SUMMARY_COLUMNS = (
    "a.id, a.uid, a.created_at, a.scenario_id, a.category, a.turn_id, a.title, a.is_draft, "
    "a.score, a.words, a.n_findings, a.grammar_state, "
    f"substr(a.text, 1, {PREVIEW_CHARS})"
)


def page(
    conn: sqlite3.Connection, filters: AttemptFilters, limit: int, offset: int, search_index: bool
) -> tuple[list[AttemptSummary], int]:
    """A page of summaries, newest first, and the number of all matches."""
    where, params = where_clause(filters, search_index)
    rows = conn.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM attempts a{where} "
        "ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    total = conn.execute(f"SELECT count(*) FROM attempts a{where}", params).fetchone()[0]
    items = [
        AttemptSummary(
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
            preview=" ".join(r[12].split()),
        )
        for r in rows
    ]
    return items, int(total)


def best_and_last_by_scenario(conn: sqlite3.Connection) -> list[ScenarioScores]:
    """Per scenario answered (drafts excluded): attempts, best score, last score and when."""
    rows = conn.execute(
        """
        SELECT s.scenario_id, s.n, s.best, l.score, l.created_at, l.category, l.scenario_hash
        FROM (
            SELECT scenario_id, count(*) AS n, max(score) AS best, max(created_at) AS last_at
            FROM attempts WHERE scenario_id IS NOT NULL AND is_draft = 0
            GROUP BY scenario_id
        ) s
        JOIN attempts l ON l.id = (
            SELECT id FROM attempts
            WHERE scenario_id = s.scenario_id AND created_at = s.last_at AND is_draft = 0
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


def _offset_modifier(utc_offset: timedelta) -> str:
    return f"{int(utc_offset.total_seconds() // 60):+d} minutes"


def weekly_trend_by_category(
    conn: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    utc_offset: timedelta = timedelta(0),
) -> list[WeeklyScore]:
    """Mean and best score per scenario category per week (weeks start on Monday).

    `utc_offset` shifts the week boundaries to the learner's local midnight.
    """
    where = ["category IS NOT NULL", "is_draft = 0"]
    params: list[Any] = [_offset_modifier(utc_offset)]
    if since is not None:
        where.append("created_at >= ?")
        params.append(to_db_time(since))
    if until is not None:
        where.append("created_at < ?")
        params.append(to_db_time(until))
    rows = conn.execute(
        f"""
        SELECT category, date(created_at, ?, '-6 days', 'weekday 1') AS week,
               count(*), avg(score), max(score)
        FROM attempts WHERE {" AND ".join(where)}
        GROUP BY category, week ORDER BY category, week
        """,
        params,
    ).fetchall()
    return [
        WeeklyScore(
            category=r[0],
            week_start=date.fromisoformat(r[1]),
            attempts=r[2],
            mean_score=round(float(r[3]), 1),
            best_score=r[4],
        )
        for r in rows
    ]


def top_rule_ids(
    conn: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 10,
) -> list[RuleCount]:
    """The rules that fired most often in attempts made in [since, until), drafts included."""
    where: list[str] = []
    params: list[Any] = []
    if since is not None:
        where.append("a.created_at >= ?")
        params.append(to_db_time(since))
    if until is not None:
        where.append("a.created_at < ?")
        params.append(to_db_time(until))
    if where:
        source = "findings f JOIN attempts a ON a.id = f.attempt_id WHERE " + " AND ".join(where)
    else:
        source = "findings f"
    rows = conn.execute(
        f"""
        SELECT f.rule_id, f.category, count(*) AS n, count(DISTINCT f.attempt_id)
        FROM {source} GROUP BY f.rule_id, f.category ORDER BY n DESC, f.rule_id LIMIT ?
        """,
        [*params, limit],
    ).fetchall()
    return [RuleCount(rule_id=r[0], category=r[1], findings=r[2], attempts=r[3]) for r in rows]
