"""History exports (JSON, CSV, Markdown) and reading JSON/CSV exports back in.

JSON and CSV carry everything (the CSV has the Report as a JSON column), so importing either
rebuilds the same attempts; attempts are identified by their `uid`, which makes importing the
same file twice harmless, and exports list attempts in a fixed order (time, then uid), so
export -> import into an empty history -> export gives the same bytes. Markdown is for reading.
Local row ids are not exported: they differ between machines.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, TextIO

from pydantic import ValidationError

from commcoach.errors import CommcoachError, describe_validation_error
from commcoach.history.models import AttemptRecord

Format = Literal["json", "csv", "md"]
FORMATS: tuple[Format, ...] = ("json", "csv", "md")
FORMAT_NAME = "commcoach-history"
FORMAT_VERSION = 1
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
_RECORD_FIELDS = set(AttemptRecord.model_fields)


class HistoryImportError(CommcoachError):
    """An import file is unreadable or invalid; the message names the file and the record."""


def record_dict(record: AttemptRecord) -> dict[str, Any]:
    """The JSON form of one attempt (without any local row id)."""
    return record.model_dump(mode="json", include=_RECORD_FIELDS)


def render(records: Iterable[AttemptRecord], fmt: Format, out: TextIO) -> int:
    """Write `records` to `out` in `fmt`; returns how many were written."""
    if fmt == "json":
        return _json(records, out)
    if fmt == "csv":
        return _csv(records, out)
    return _markdown(records, out)


def write_export(records: Iterable[AttemptRecord], fmt: Format, path: Path) -> int:
    """Write an export file atomically with mode 0600 (it holds everything you wrote).

    The temporary file gets a random name and O_EXCL: in a shared folder such as /tmp a name
    someone planted (a symlink) is refused, never followed.
    """
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            count = render(records, fmt, handle)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return count


def _json(records: Iterable[AttemptRecord], out: TextIO) -> int:
    out.write(f'{{"format": "{FORMAT_NAME}", "version": {FORMAT_VERSION}, "attempts": [')
    count = 0
    for record in records:
        out.write("," if count else "")
        out.write("\n" + json.dumps(record_dict(record), ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def _csv(records: Iterable[AttemptRecord], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for r in records:
        report = r.report
        writer.writerow(
            [
                r.uid,
                r.created_at.isoformat().replace("+00:00", "Z"),
                int(r.is_draft),
                r.title,
                r.scenario_id or "",
                r.scenario_hash or "",
                r.category or "",
                r.turn_id or "",
                report.score.total,
                report.metrics.words,
                len(report.findings),
                " ".join(f.rule_id for f in report.findings),
                report.grammar.state.value,
                r.grammar_backend,
                r.variant,
                r.mother_tongue,
                repr(r.seconds_spent),
                r.text,
                report.model_dump_json(),
            ]
        )
        count += 1
    return count


def _markdown(records: Iterable[AttemptRecord], out: TextIO) -> int:
    out.write("# commcoach history\n")
    count = 0
    for r in records:
        count += 1
        report = r.report
        what = f"Draft: {r.title or 'untitled'}" if r.is_draft else (r.scenario_id or "attempt")
        if r.turn_id:
            what += f" (turn {r.turn_id})"
        when = r.created_at.strftime("%Y-%m-%d %H:%M UTC")
        out.write(f"\n## {count}. {what}, {when}: {report.score.total}/100\n\n")
        tongue = f", mother tongue {r.mother_tongue}" if r.mother_tongue else ""
        grammar = "checked" if report.grammar.checked else "not checked"
        out.write(
            f"Grammar {grammar} ({r.grammar_backend}), {r.variant}{tongue}; "
            f"{report.metrics.words} words; {r.seconds_spent:.0f} s\n\n"
        )
        out.writelines(f"> {line}\n" if line else ">\n" for line in r.text.splitlines())
        if report.findings:
            out.write("\nFindings:\n\n")
            for f in report.findings:
                quoted = r.text[f.start : f.end].replace("`", "'")
                out.write(
                    f"- {f.severity.value} `{f.rule_id}`: {f.message}"
                    + (f' ("{quoted}")' if quoted else "")
                    + "\n"
                )
        if report.rubric:
            out.write("\nRubric:\n\n")
            out.writelines(f"- [{'x' if e.met else ' '}] {e.label}\n" for e in report.rubric)
    if not count:
        out.write("\nNo attempts yet.\n")
    return count


def read_import(path: Path) -> list[AttemptRecord]:
    """Attempts from a JSON or CSV export; HistoryImportError (one line) when invalid."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise HistoryImportError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise HistoryImportError(f"{path}: cannot read: {exc.strerror or exc}") from None
    head = raw.lstrip()
    if head.startswith("{"):
        return list(_from_json(raw, path))
    if head.startswith("# commcoach history"):
        raise HistoryImportError(
            f"{path}: Markdown exports are for reading; import the json or csv export"
        )
    if head.startswith("uid,"):
        return list(_from_csv(raw, path))
    raise HistoryImportError(f"{path}: not a commcoach history export (json or csv)")


def _from_json(raw: str, path: Path) -> Iterator[AttemptRecord]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise HistoryImportError(
            f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise HistoryImportError(f'{path}: not a commcoach history export (no "format" field)')
    if data.get("version") != FORMAT_VERSION:
        raise HistoryImportError(
            f"{path}: export version {data.get('version')!r} is not supported "
            f"(this commcoach reads version {FORMAT_VERSION})"
        )
    attempts = data.get("attempts")
    if not isinstance(attempts, list):
        raise HistoryImportError(f'{path}: "attempts" must be a list')
    for i, item in enumerate(attempts):
        try:
            yield AttemptRecord.model_validate(item)
        except ValidationError as exc:
            raise HistoryImportError(
                f"{path}: attempts[{i}].{describe_validation_error(exc)}"
            ) from None


def _from_csv(raw: str, path: Path) -> Iterator[AttemptRecord]:
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    missing = set(CSV_COLUMNS) - set(reader.fieldnames or ())
    if missing:
        raise HistoryImportError(f"{path}: CSV lacks columns: {', '.join(sorted(missing))}")
    for row in reader:
        where = f"{path}:{reader.line_num}"
        try:
            report = json.loads(row["report_json"])
            yield AttemptRecord.model_validate(
                {
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
                    "seconds_spent": float(row["seconds_spent"] or 0),
                    "text": row["text"],
                    "report": report,
                }
            )
        except json.JSONDecodeError as exc:
            raise HistoryImportError(f"{where}: report_json: invalid JSON: {exc.msg}") from None
        except ValueError as exc:
            if isinstance(exc, ValidationError):
                raise HistoryImportError(f"{where}: {describe_validation_error(exc)}") from None
            raise HistoryImportError(f"{where}: {exc}") from None
