"""When something breaks: the traceback goes to a log file, the learner gets one line.

A traceback on the terminal is no help to a learner, and Textual's shows local variables,
which hold the messages they were writing. So the full story is written to
`<data folder>/logs/crash-<time>.log` (local variables left out: the text is in the autosave),
and the terminal shows what broke and where the log is. The exit status is 1.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from commcoach import paths


def crash_line(error: BaseException, log: Path | None) -> str:
    """`commcoach stopped: KeyError: 'x'. Details: /…/crash-….log` (one line)."""
    what = " ".join(f"{type(error).__name__}: {error}".split())
    if len(what) > 160:
        what = what[:159] + "…"
    where = f" Details: {log}" if log else " (no log file could be written)"
    return f"commcoach stopped because of an error: {what}.{where}"


def write_crash_log(error: BaseException, now: datetime | None = None) -> Path | None:
    """Write the traceback (no local variables) to a new log file; None if that fails too."""
    moment = now or datetime.now().astimezone()
    folder = paths.data_dir() / "logs"
    path = folder / f"crash-{moment:%Y%m%d-%H%M%S}.log"
    body = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(f"commcoach crash at {moment.isoformat()}\n\n{body}", encoding="utf-8")
    except OSError:
        return None
    return path
