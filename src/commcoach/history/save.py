"""Turning a Report into an AttemptRecord, and the one-shot save used by `commcoach check --save`.

A one-shot command cannot keep a failed attempt in memory for a later retry, so when the history
cannot be written it spills the attempt to a JSON export in the temporary folder and says how to
import it: the attempt is never silently dropped.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from commcoach.config import GrammarSettings, Settings, load_settings
from commcoach.errors import ConfigError
from commcoach.feedback.report import Report
from commcoach.history.errors import HistoryWriteError
from commcoach.history.models import AttemptRecord, scenario_hash
from commcoach.history.pending import PendingSaves
from commcoach.history.store import HistoryStore

if TYPE_CHECKING:  # only a type here: importing scenarios pulls in the detectors
    from commcoach.models import Scenario

TITLE_WORDS = 8


def record_from_report(
    report: Report,
    *,
    settings: Settings | GrammarSettings,
    seconds_spent: float,
    scenario: Scenario | None = None,
    created_at: datetime | None = None,
    is_draft: bool = False,
    title: str = "",
) -> AttemptRecord:
    """An AttemptRecord for `report` with the settings that shaped it.

    The grammar backend is taken from the report (what actually ran) when it says so.
    """
    grammar = settings.grammar if isinstance(settings, Settings) else settings
    return AttemptRecord(
        created_at=created_at or datetime.now(UTC),
        scenario_id=scenario.id if scenario else report.scenario_id,
        scenario_hash=scenario_hash(scenario) if scenario else None,
        category=scenario.category if scenario else None,
        turn_id=report.turn_id,
        text=report.text,
        report=report,
        grammar_backend=report.grammar.backend or grammar.backend.value,
        variant=grammar.variant.value,
        mother_tongue="",  # setting removed (issue 10); the column keeps older attempts' value
        seconds_spent=max(0.0, seconds_spent),
        is_draft=is_draft,
        title=title,
    )


def draft_title(text: str, name: str = "") -> str:
    """A draft's title: the file name, or the first words of the text."""
    if name and not name.startswith("<"):
        return Path(name).name
    words = text.split()
    return " ".join(words[:TITLE_WORDS]) + (" ..." if len(words) > TITLE_WORDS else "")


def save_draft_report(
    report: Report,
    seconds: float,
    *,
    title: str = "",
    settings: Settings | None = None,
    scenario: Scenario | None = None,
    store: HistoryStore | None = None,
) -> str:
    """Save a `check --save` result as a draft; returns the line(s) to show. Never raises."""
    if settings is None:
        try:
            settings = load_settings()
        except ConfigError:
            settings = None
    record = record_from_report(
        report,
        settings=settings if settings is not None else GrammarSettings(),
        seconds_spent=seconds,
        scenario=scenario,
        is_draft=True,
        title=draft_title(report.text, title),
    )
    store = store or HistoryStore()
    pending = PendingSaves()
    try:
        attempt_id = pending.save(store, record)
    except HistoryWriteError as exc:
        return spill(pending, exc)
    finally:
        store.close()
    saved = f"saved to history as draft #{attempt_id} (see: commcoach history show {attempt_id})"
    return f"{store.notice}\n{saved}" if store.notice else saved


def spill(pending: PendingSaves, error: HistoryWriteError, folder: Path | None = None) -> str:
    """Write the pending attempts to a new JSON file in the temporary folder; say where.

    Two failed saves in the same second must not share a file (the second would replace the
    first attempt while both users are told theirs was kept), so the name is reserved with
    O_CREAT | O_EXCL before anything is written, and a taken name gets a counter.
    """
    directory = folder if folder is not None else Path(tempfile.gettempdir())
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        target = reserve_new_file(directory, f"commcoach-unsaved-{stamp}", ".json")
        pending.export(target)
    except OSError as exc:
        where = directory / f"commcoach-unsaved-{stamp}.json"
        return f"{error}; could not keep it in {where} either ({exc.strerror or exc})"
    return f"{error}; kept it in {target}: bring it back with `commcoach history import {target}`"


def reserve_new_file(directory: Path, stem: str, suffix: str, tries: int = 1000) -> Path:
    """Create an empty 0600 file named `stem[-N]suffix` that did not exist; return its path.

    O_EXCL makes the check and the creation one step, so two processes never get one name
    (and a planted symlink is refused rather than followed).
    """
    for n in range(tries):
        path = directory / (f"{stem}{suffix}" if n == 0 else f"{stem}-{n + 1}{suffix}")
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{directory}: {tries} files named {stem}*{suffix} already exist")
