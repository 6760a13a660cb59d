"""Composer autosaves: the text you are writing, on disk, so a crash or a kill never loses it.

One small JSON file per composer (`practice-<scenario>.json`, `draft.json`, `check.json`) in
`paths.autosave_dir()`, written atomically (temporary file + rename). A file carries `clean`:
False while the app runs; the app marks its files clean when it quits normally. On the next start
files that are still not clean are left-overs of a crash, and the app offers to restore them.
No Textual here: the composer calls these functions from a thread worker.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from commcoach import paths

Kind = Literal["practice", "draft", "check"]


@dataclass(frozen=True)
class AutosaveEntry:
    """What one composer held when it was last saved."""

    key: str
    """File stem: `practice-<scenario id>` or `draft`."""
    kind: Kind
    text: str
    saved_at: datetime
    scenario_id: str | None = None
    template: str | None = None
    clean: bool = False
    """True when the app was closed normally after this save (not a crash left-over)."""

    @property
    def words(self) -> int:
        """Word count, for the restore dialog."""
        return len(self.text.split())


def practice_key(scenario_id: str) -> str:
    """The autosave key of a scenario's composer."""
    return f"practice-{scenario_id}"


DRAFT_KEY = "draft"
CHECK_KEY = "check"
"""The paste-and-check screen's composer."""


class AutosaveStore:
    """Reads and writes autosave files in one folder (created on first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def write(self, entry: AutosaveEntry) -> None:
        """Save atomically, 0600 in a 0700 folder (it is what you are writing); raises OSError
        (the caller reports it once and keeps going)."""
        data = asdict(entry)
        data["saved_at"] = entry.saved_at.isoformat()
        paths.write_private(self._path(entry.key), json.dumps(data, ensure_ascii=False))

    def read(self, key: str) -> AutosaveEntry | None:
        """The entry for `key`, or None when there is none or it cannot be read."""
        return _parse(self._path(key))

    def discard(self, key: str) -> None:
        """Forget an autosave (the text was submitted or saved elsewhere)."""
        self._path(key).unlink(missing_ok=True)

    def entries(self) -> list[AutosaveEntry]:
        """Every readable entry with text, newest first."""
        if not self.folder.is_dir():
            return []
        found = [_parse(p) for p in self.folder.glob("*.json")]
        kept = [e for e in found if e is not None and e.text.strip()]
        return sorted(kept, key=lambda e: e.saved_at, reverse=True)

    def unclean(self) -> list[AutosaveEntry]:
        """Entries left by a run that did not quit normally: the ones to offer at start."""
        return [e for e in self.entries() if not e.clean]

    def mark_all_clean(self) -> None:
        """Called on a normal quit: the text stays restorable but is not offered at start."""
        for entry in self.unclean():
            self.write(replace(entry, clean=True))

    def bad_files(self) -> list[Path]:
        """Autosave files that cannot be parsed (shown once as a notice, never deleted)."""
        if not self.folder.is_dir():
            return []
        return [p for p in sorted(self.folder.glob("*.json")) if _parse(p) is None]


def _parse(path: Path) -> AutosaveEntry | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        kind = data["kind"]
        if kind not in ("practice", "draft", "check"):
            return None
        return AutosaveEntry(
            key=str(data["key"]),
            kind=kind,
            text=str(data["text"]),
            saved_at=datetime.fromisoformat(str(data["saved_at"])),
            scenario_id=data.get("scenario_id"),
            template=data.get("template"),
            clean=bool(data.get("clean", False)),
        )
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
