"""`commcoach history list|show|stats|export|import|reset`: your attempts, from the terminal.

Every error is one line (`commcoach: ...`); bad usage exits 2. Dates given on the command line
are local calendar days; the database stores UTC.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from commcoach.cli.common import echo, fail
from commcoach.errors import CommcoachError
from commcoach.feedback.names import FREQUENT_FINDINGS_DAYS, habit_name, top_habits
from commcoach.plural import count
from commcoach.plural import count as plural_count

LIST_LIMIT = 20


class _OneLineGroup(click.Group):
    """Turns click's multi-line usage errors of the sub-commands into our one-line errors."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            where = " ".join(exc.ctx.command_path.split()[1:]) if exc.ctx else "history"
            fail(f"{where}: {exc.format_message()}")


@click.group(cls=_OneLineGroup)
def history() -> None:
    """Your saved attempts and drafts: list, show, stats, export, import, reset."""


@contextmanager
def _open_store() -> Iterator[Any]:
    from commcoach.history.store import HistoryStore

    store = HistoryStore()
    try:
        notice = store.open()
    except CommcoachError as exc:
        fail(str(exc), code=1)
    if notice:
        echo(f"commcoach: {notice}", err=True)
    try:
        yield store
    except CommcoachError as exc:
        fail(str(exc), code=1)
    finally:
        store.close()


def _local_day(value: datetime | None, *, end: bool = False) -> datetime | None:
    """A calendar day typed by the user as the aware start (or exclusive end) of that day."""
    if value is None:
        return None
    start = value.replace(hour=0, minute=0, second=0, microsecond=0)
    return (start + timedelta(days=1) if end else start).astimezone()


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


DAY = click.DateTime(formats=["%Y-%m-%d"])


@history.command("list")
@click.option("--scenario", "scenario_id", help="Only this scenario id.")
@click.option("--category", help="Only this scenario category.")
@click.option("--since", type=DAY, help="From this day (YYYY-MM-DD, inclusive).")
@click.option("--until", type=DAY, help="Up to this day (YYYY-MM-DD, inclusive).")
@click.option("--min-score", type=click.IntRange(0, 100), help="Lowest score shown.")
@click.option("--max-score", type=click.IntRange(0, 100), help="Highest score shown.")
@click.option("--search", help="Words that must all appear in the text or draft title.")
@click.option("--drafts/--no-drafts", default=None, help="Only drafts / no drafts (default both).")
@click.option("--limit", type=click.IntRange(1, 1000), default=LIST_LIMIT, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
def list_(
    scenario_id: str | None,
    category: str | None,
    since: datetime | None,
    until: datetime | None,
    min_score: int | None,
    max_score: int | None,
    search: str | None,
    drafts: bool | None,
    limit: int,
    offset: int,
) -> None:
    """Attempts, newest first, with optional filters."""
    from commcoach.history.models import AttemptFilters

    if min_score is not None and max_score is not None and min_score > max_score:
        fail(f"history list: --min-score {min_score} is above --max-score {max_score}")
    if since is not None and until is not None and since > until:
        fail("history list: --since is after --until")
    filters = AttemptFilters(
        scenario_id=scenario_id,
        category=category,
        since=_local_day(since),
        until=_local_day(until, end=True),
        min_score=min_score,
        max_score=max_score,
        search=search,
        drafts=drafts,
    )
    with _open_store() as store:
        page = store.page(filters, limit=limit, offset=offset)
        empty = not page.items and not store.count()
    if not page.items:
        echo("No attempts yet." if empty else "No attempts match.")
        return
    echo(f"{'ID':>6}  {'DATE':<16}  {'SCORE':>5}  {'WHAT':<32}  TEXT")
    for item in page.items:
        if item.is_draft:
            what = f"draft: {item.title or 'untitled'}"
        else:
            what = f"{item.scenario_id or '-'}/{item.turn_id or '-'}"
        preview = item.preview if len(item.preview) <= 60 else item.preview[:59] + "…"
        echo(
            f"{item.id:>6}  {_when(item.created_at):<16}  {item.score:>5}  "
            f"{_clip(what, 32):<32}  {preview}"
        )
    first = offset + 1
    echo(f"-- {first}-{offset + len(page.items)} of {page.total}")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@history.command()
@click.argument("attempt_id", metavar="ID", type=int)
def show(attempt_id: int) -> None:
    """One attempt in full: text, findings, rubric, score and the settings used."""
    from commcoach.cli.check_cmd import render_text

    with _open_store() as store:
        attempt = store.get(attempt_id)
    if attempt is None:
        fail(f"history show: no attempt #{attempt_id} (see `commcoach history list`)")
    kind = "Draft" if attempt.is_draft else "Attempt"
    what = attempt.title if attempt.is_draft else attempt.scenario_id or ""
    if attempt.turn_id:
        what += f", turn {attempt.turn_id}"
    tongue = f", mother tongue {attempt.mother_tongue}" if attempt.mother_tongue else ""
    click.secho(f"{kind} #{attempt.id}: {what}", bold=True)
    echo(
        f"{_when(attempt.created_at)} | {attempt.seconds_spent:.0f} s | grammar "
        f"{attempt.grammar_backend}, {attempt.variant}{tongue}"
        + (f" | scenario version {attempt.scenario_hash}" if attempt.scenario_hash else "")
    )
    echo("")
    echo(attempt.text)
    echo("")
    echo(render_text(attempt.report, f"#{attempt.id}"))


@history.command()
@click.option("--weeks", type=click.IntRange(1, 520), default=8, show_default=True)
@click.option(
    "--days",
    type=click.IntRange(1, 3650),
    default=FREQUENT_FINDINGS_DAYS,
    show_default=True,
    help="Period of 'Most frequent findings' (the app uses the same).",
)
def stats(weeks: int, days: int) -> None:
    """Best and last score per scenario, weekly trend, frequent rules, what to practise next."""
    now = datetime.now(UTC)
    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    with _open_store() as store:
        scenarios = store.best_and_last_by_scenario()
        trend = store.weekly_trend_by_category(
            since=now - timedelta(weeks=weeks), utc_offset=offset
        )
        rules = top_habits(store.top_rule_ids(since=now - timedelta(days=days), limit=20), 10)
        practise = store.practise_next(now, limit=5)
        total = store.count()
    if not total:
        echo("No attempts yet.")
        return
    click.secho(f"Scenarios ({count(total, 'attempt')} in all)", bold=True)
    for s in scenarios:
        echo(
            f"  {s.scenario_id:<32} best {s.best_score:>3}  last {s.last_score:>3}  "
            f"({count(s.attempts, 'attempt')}, last {_when(s.last_at)})"
        )
    click.secho(f"Mean score per week (last {weeks} weeks)", bold=True)
    for w in trend:
        echo(
            f"  {w.category:<20} week of {w.week_start}  {w.mean_score:>5.1f} "
            f"(best {w.best_score}, {count(w.attempts, 'attempt')})"
        )
    click.secho(f"Most frequent findings (last {days} days)", bold=True)
    for r in rules:
        echo(f"  {r.findings:>5}  {r.habit.line} (in {count(r.attempts, 'attempt')})")
    click.secho("Practise next", bold=True)
    for p in practise:
        name = p.key if p.kind == "scenario" else habit_name(p.key, p.category or "").name
        echo(f"  - {p.kind} {name}: {p.reason}")
    if not practise:
        echo("  nothing due: well done")


@history.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "md"]), default="json")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File.")
def export(fmt: str, output: Path | None) -> None:
    """Write every attempt as JSON or CSV (re-importable) or Markdown (to read)."""
    from commcoach.history.export import FORMATS, render, write_export

    chosen = next(f for f in FORMATS if f == fmt)
    with _open_store() as store:
        records = store.iter_attempts()
        if output is None:
            render(records, chosen, sys.stdout)
            return
        try:
            count = write_export(records, chosen, output)
        except OSError as exc:
            fail(f"history export: cannot write {output}: {exc.strerror or exc}", code=1)
    echo(f"exported {plural_count(count, 'attempt')} to {output}", err=True)


@history.command("import")
@click.argument("file", type=click.Path(path_type=Path))
def import_(file: Path) -> None:
    """Add the attempts of a JSON or CSV export; attempts already present are skipped.

    All or nothing: the whole file is checked first (streamed, with progress on stderr for
    large files), then stored in one transaction.
    """
    from commcoach.history.importing import iter_import

    progress = _ImportProgress(file)
    try:
        total = sum(1 for _ in iter_import(file, progress.checked))
    except CommcoachError as exc:
        fail(f"history import: {exc}")
    with _open_store() as store:
        try:
            added, skipped = store.import_stream(lambda: iter_import(file), progress.stored)
        except CommcoachError as exc:
            fail(f"history import: {exc}", code=1)
    progress.done()
    already = f" ({skipped} already in your history)" if skipped else ""
    echo(f"imported {plural_count(added, 'attempt')}{already} from {file}")
    if added + skipped != total:  # the file changed between the check and the import
        echo(f"warning: {file} changed while it was imported", err=True)


class _ImportProgress:
    """Progress of a large import on stderr: a line that updates on a terminal, else a line
    per step. Small files (the usual case) print nothing extra."""

    SHOW_FROM = 2000
    """Attempts from which progress is worth showing."""
    STEP = 10_000
    """Attempts between two progress lines when stderr is not a terminal."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.total = 0
        self.shown = False
        self.tty = sys.stderr.isatty()

    def _show(self, line: str) -> None:
        self.shown = True
        if self.tty:
            click.echo(f"\r{line}", err=True, nl=False)
        else:
            echo(line, err=True)

    def checked(self, count: int, done: int, size: int) -> None:
        """Called while checking: attempts read, bytes read, file size."""
        fresh, self.total = count != self.total, count
        if fresh and count >= self.SHOW_FROM and (self.tty or count % self.STEP == 0):
            self._show(f"checking {self.file.name}: {count:,} attempts ({done * 100 // size}%)")

    def stored(self, count: int) -> None:
        """Called while storing: attempts stored so far."""
        if self.total >= self.SHOW_FROM and (self.tty or count % self.STEP == 0):
            self._show(f"storing {count:,} of {self.total:,} attempts")

    def done(self) -> None:
        """End the updating line."""
        if self.shown and self.tty:
            click.echo(err=True)


@history.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def reset(yes: bool) -> None:
    """Delete every attempt (asks first). Export first if you may want them back."""
    with _open_store() as store:
        count = store.count()
        if not count:
            echo("History is already empty.")
            return
        if not yes:
            question = (
                f"Delete all {count} attempts in {store.path}? This cannot be undone "
                "(`commcoach history export` first keeps a copy)"
            )
            try:
                confirmed = click.confirm(question, default=False)
            except click.Abort:
                confirmed = False
            if not confirmed:
                echo("Nothing deleted.")
                raise SystemExit(1)
        deleted = store.delete_all()
    echo(f"Deleted {plural_count(deleted, 'attempt')}.")
