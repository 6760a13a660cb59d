"""Reading a history export back in: every field checked, large files streamed, one line errors.

An import file comes from outside (another machine, a colleague, a hand edit), so nothing in it
is trusted. Before an attempt reaches the database:

- the file is at most `MAX_IMPORT_BYTES` (a clear message says so, before reading it);
- our own JSON export (one attempt per line) is read line by line, so memory stays flat and
  `progress` can report as it goes; any other JSON layout is parsed whole within the same bounds;
- each attempt's JSON nests at most `MAX_DEPTH` deep; `NaN`, `Infinity`, numbers beyond 10**18
  and lone surrogates are refused (see `commcoach.bounded_json`);
- `created_at` lies in [2000, 2100) (a date in year 1 or 9999 is a corrupt file, and one after
  2262 broke other tools), texts and lists have size limits, finding and evidence spans lie
  inside the text, ids are what commcoach writes;
- every string has its control codes made visible (`safe_text.plain`, one character for one, so
  spans stay right): an imported title can never drive the terminal.

A problem is a `HistoryImportError` naming the file, the line (JSON) or row (CSV) and the field.
The caller imports all attempts of a file or none.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from commcoach.bounded_json import JSONLimitError, check_values, parse_json_bounded
from commcoach.errors import CommcoachError, describe_validation_error
from commcoach.history.models import AttemptRecord
from commcoach.safe_text import plain_tree

MAX_IMPORT_BYTES = 256 * 1024 * 1024
"""An export of 20,000 attempts is about 55 MB; a file this large is not a history export."""
MAX_DEPTH = 12
"""An attempt nests 6 deep (attempt, report, findings, [i], explanation, ...)."""
MAX_TEXT_CHARS = 200_000
"""One message or draft (the composer itself stops far earlier)."""
MAX_LIST_ITEMS = 20_000
"""Findings, rubric results, suggestions or score components in one attempt."""
MAX_SECONDS = 10 * 24 * 3600.0
"""Time spent on one attempt: more than ten days is not a measurement."""
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
FORMAT_NAME = "commcoach-history"
FORMAT_VERSION = 1
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_SPAN_KEYS = (("start", "end"), ("evidence_start", "evidence_end"))
_CONTROL = re.compile(
    rb"\\u00[0189]|\\u007[fF]|\\u20[26]|\\u[dD][89a-fA-F]|\\[rbf]"  # escaped C0, C1, bidi
    rb"|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"  # raw DEL, C1, bidi
)
"""Anything in a raw JSON line that `plain()` would change; JSON holds no raw C0 control."""

PROGRESS_EVERY = 500
"""Attempts between two progress calls."""
Progress = Callable[[int, int, int], None]
"""progress(attempts read, bytes read, total bytes): called now and then while reading."""


class HistoryImportError(CommcoachError):
    """An import file is unreadable or invalid; the message names the file and the record."""


def read_import(path: Path, progress: Progress | None = None) -> list[AttemptRecord]:
    """Attempts from a JSON or CSV export; HistoryImportError (one line) when anything is off."""
    return list(iter_import(path, progress))


def iter_import(path: Path, progress: Progress | None = None) -> Iterator[AttemptRecord]:
    """Attempts from a JSON or CSV export, one at a time (the caller decides all-or-nothing)."""
    try:
        size = path.stat().st_size
        handle = path.open("rb")
    except OSError as exc:
        raise HistoryImportError(f"{path}: cannot read: {exc.strerror or exc}") from None
    with handle:
        if size > MAX_IMPORT_BYTES:
            raise HistoryImportError(
                f"{path}: file is {_size(size)}; an import is at most {_size(MAX_IMPORT_BYTES)} "
                "(split it, or import the exports one by one)"
            )
        head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
        handle.seek(0)
        if head.startswith(b"{"):
            yield from _from_json(handle, path, size, progress)
        elif head.startswith(b"# commcoach history"):
            raise HistoryImportError(
                f"{path}: Markdown exports are for reading; import the json or csv export"
            )
        elif head.startswith(b"uid,"):
            yield from _from_csv(handle, path, size, progress)
        else:
            raise HistoryImportError(f"{path}: not a commcoach history export (json or csv)")


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


# --- JSON ----------------------------------------------------------------------------------------

_HEADER = re.compile(rb'\s*\{"format": "commcoach-history", "version": (\d+), "attempts": \[\s*$')


def _from_json(
    handle: BinaryIO, path: Path, size: int, progress: Progress | None
) -> Iterator[AttemptRecord]:
    first = handle.readline()
    header = _HEADER.match(first)
    if header is None:  # not our own layout (pretty-printed, hand-made): parse it whole
        handle.seek(0)
        yield from _from_whole_json(handle.read(), path, size, progress)
        return
    _check_version(int(header.group(1)), path)
    line_number, count = 1, 0
    closed = False
    for raw in handle:
        line_number += 1
        line = raw.strip()
        if not line:
            continue
        if closed:
            raise HistoryImportError(f"{path}:{line_number}: text after the end of the export")
        if line in (b"]}", b"]\n}"):
            closed = True
            continue
        item = _parse_line(line.removesuffix(b","), f"{path}:{line_number}: attempts[{count}]")
        clean = _CONTROL.search(line) is None
        yield _record(item, f"{path}:{line_number}: attempts[{count}]", needs_plain=not clean)
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count, handle.tell(), size)
    if not closed:
        raise HistoryImportError(f"{path}:{line_number}: the export ends early (no closing ]}})")
    if progress is not None:
        progress(count, size, size)


def _parse_line(line: bytes, where: str) -> Any:
    """One attempt's line; errors say `FILE:LINE: attempts[i].field: problem`."""
    try:
        return parse_json_bounded(line, MAX_DEPTH, MAX_IMPORT_BYTES)
    except JSONLimitError as exc:
        problem = str(exc)
        if problem.startswith("line 1 column"):  # a position within the line
            raise HistoryImportError(f"{where}: {problem.removeprefix('line 1 ')}") from None
        raise HistoryImportError(f"{where}.{problem}") from None


def _from_whole_json(
    raw: bytes, path: Path, size: int, progress: Progress | None
) -> Iterator[AttemptRecord]:
    try:
        data = parse_json_bounded(raw, MAX_DEPTH + 2, MAX_IMPORT_BYTES)
    except JSONLimitError as exc:
        raise HistoryImportError(f"{path}: invalid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise HistoryImportError(f'{path}: not a commcoach history export (no "format" field)')
    _check_version(data.get("version"), path)
    attempts = data.get("attempts")
    if not isinstance(attempts, list):
        raise HistoryImportError(f'{path}: "attempts" must be a list')
    for i, item in enumerate(attempts):
        yield _record(item, f"{path}: attempts[{i}]")
        if progress is not None and (i + 1) % PROGRESS_EVERY == 0:
            progress(i + 1, size * (i + 1) // len(attempts), size)
    if progress is not None:
        progress(len(attempts), size, size)


def _check_version(version: object, path: Path) -> None:
    if version != FORMAT_VERSION:
        raise HistoryImportError(
            f"{path}: export version {version!r} is not supported "
            f"(this commcoach reads version {FORMAT_VERSION})"
        )


# --- CSV -----------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "uid",
    "created_at",
    "is_draft",
    "title",
    "scenario_id",
    "scenario_hash",
    "category",
    "turn_id",
    "score",
    "words",
    "findings",
    "rule_ids",
    "grammar_state",
    "grammar_backend",
    "variant",
    "mother_tongue",
    "seconds_spent",
    "text",
    "report_json",
)


def _from_csv(
    handle: BinaryIO, path: Path, size: int, progress: Progress | None
) -> Iterator[AttemptRecord]:
    try:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        csv.field_size_limit(MAX_TEXT_CHARS * 8)
        reader = csv.DictReader(text)
        missing = set(CSV_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise HistoryImportError(f"{path}: CSV lacks columns: {', '.join(sorted(missing))}")
        count = 0
        for row in reader:
            where = f"{path}:{reader.line_num}"
            try:
                report = parse_json_bounded(row["report_json"] or "", MAX_DEPTH, MAX_IMPORT_BYTES)
                seconds = float(row["seconds_spent"] or 0)
            except JSONLimitError as exc:
                raise HistoryImportError(f"{where}: report_json: {exc}") from None
            except ValueError:
                raise HistoryImportError(f"{where}: seconds_spent: not a number") from None
            item = {
                "uid": row["uid"],
                "created_at": row["created_at"],
                "is_draft": row["is_draft"] == "1",
                "title": row["title"],
                "scenario_id": row["scenario_id"] or None,
                "scenario_hash": row["scenario_hash"] or None,
                "category": row["category"] or None,
                "turn_id": row["turn_id"] or None,
                "grammar_backend": row["grammar_backend"],
                "variant": row["variant"],
                "mother_tongue": row["mother_tongue"],
                "seconds_spent": seconds,
                "text": row["text"],
                "report": report,
            }
            try:
                check_values(item)
            except JSONLimitError as exc:
                raise HistoryImportError(f"{where}: {exc}") from None
            yield _record(item, where)
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count, min(handle.tell(), size), size)
        if progress is not None:
            progress(count, size, size)
    except UnicodeDecodeError as exc:
        raise HistoryImportError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except csv.Error as exc:
        raise HistoryImportError(f"{path}: invalid CSV: {exc}") from None


# --- one attempt ---------------------------------------------------------------------------------


def _record(item: Any, where: str, needs_plain: bool = True) -> AttemptRecord:
    """Validate one attempt's data (already parsed within bounds) into an AttemptRecord.

    `needs_plain=False` when the raw JSON held no control character (see `_CONTROL`): then no
    string can need `plain()`, and the walk is skipped.
    """
    if not isinstance(item, dict):
        raise HistoryImportError(f"{where}: an attempt must be a JSON object")
    problem = _field_problem(item)
    if problem is not None:
        raise HistoryImportError(f"{where}.{problem}")
    try:
        return AttemptRecord.model_validate(plain_tree(item) if needs_plain else item)
    except ValidationError as exc:
        raise HistoryImportError(f"{where}.{describe_validation_error(exc)}") from None
    except (OverflowError, ValueError) as exc:  # a datetime pydantic could not shift, etc.
        raise HistoryImportError(f"{where}: {exc}") from None


def _field_problem(item: dict[str, Any]) -> str | None:
    """The first field outside what commcoach writes, as `field: problem`, or None."""
    created = item.get("created_at")
    if not isinstance(created, str):
        return "created_at: expected an ISO 8601 date and time"
    try:
        moment = datetime.fromisoformat(created)
        if moment.tzinfo is None:
            return "created_at: needs a time zone (e.g. Z)"
        moment = moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return f"created_at: {created[:40]!r} is not a date and time commcoach can store"
    if not EARLIEST <= moment < LATEST:
        return f"created_at: {moment.date().isoformat()} is outside 2000..2099"
    for key in ("scenario_id", "category", "turn_id"):
        value = item.get(key)
        if value is not None and not (isinstance(value, str) and _SLUG.match(value)):
            return f"{key}: expected an id like 'standup-daily'"
    seconds = item.get("seconds_spent", 0)
    if isinstance(seconds, int | float) and not 0 <= seconds <= MAX_SECONDS:
        return f"seconds_spent: {seconds} is outside 0..{MAX_SECONDS:.0f}"
    text = item.get("text")
    if isinstance(text, str) and len(text) > MAX_TEXT_CHARS:
        return f"text: {len(text)} characters is more than {MAX_TEXT_CHARS}"
    report = item.get("report")
    if isinstance(report, dict) and isinstance(text, str):
        return _report_problem(report, len(text))
    return None


def _report_problem(report: dict[str, Any], length: int) -> str | None:
    for key, value in report.items():
        if isinstance(value, list) and len(value) > MAX_LIST_ITEMS:
            return f"report.{key}: {len(value)} items is more than {MAX_LIST_ITEMS}"
        if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            return f"report.{key}: {len(value)} characters is more than {MAX_TEXT_CHARS}"
    for key in ("findings", "rubric"):
        items = report.get(key)
        if not isinstance(items, list):
            continue
        for i, entry in enumerate(items):
            if not isinstance(entry, dict):
                continue
            for start_key, end_key in _SPAN_KEYS:
                start, end = entry.get(start_key), entry.get(end_key)
                if not (isinstance(start, int) and isinstance(end, int)):
                    continue
                if not 0 <= start <= end <= length:
                    return (
                        f"report.{key}[{i}]: span {start}..{end} lies outside the text "
                        f"({length} characters)"
                    )
    return None


__all__ = [
    "CSV_COLUMNS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_IMPORT_BYTES",
    "HistoryImportError",
    "Progress",
    "iter_import",
    "read_import",
]
