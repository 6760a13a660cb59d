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
import json
import os
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, TextIO

from commcoach.history.importing import (  # reading exports back lives there
    CSV_COLUMNS,
    FORMAT_NAME,
    FORMAT_VERSION,
    HistoryImportError,
    read_import,
)
from commcoach.history.models import AttemptRecord

Format = Literal["json", "csv", "md"]
FORMATS: tuple[Format, ...] = ("json", "csv", "md")
_RECORD_FIELDS = set(AttemptRecord.model_fields)


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


__all__ = ["FORMATS", "HistoryImportError", "read_import", "render", "write_export"]
