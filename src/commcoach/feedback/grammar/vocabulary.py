"""The user's own vocabulary: words added with one key, and the names of the current repository.

Three sources of words the speller must accept, besides the built-in tech lexicon:
- `dictionary.words` in the settings (typed by hand in the settings screen);
- the **vocabulary store**, `vocabulary.txt` in the data folder: one word a line, appended when
  the learner presses the add-word key on a spelling finding. A plain file so that it can be
  read, edited or deleted by hand; written atomically (temp file + rename);
- **repository names** for the Draft screen: file names and identifiers from `git ls-files` of
  the current repository, held in memory for the session only. Bounded: at most
  `MAX_FILES` files, `MAX_FILE_BYTES` read from each, `MAX_NAMES` names, one git call with a
  timeout.

The checker asks `words()` on every check; the file is re-read only when its mtime changes.
No Textual here.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from commcoach import paths

FILE_NAME = "vocabulary.txt"
MAX_WORD_CHARS = 64
MAX_FILES = 2_000
MAX_FILE_BYTES = 32_768
MAX_NAMES = 50_000
GIT_TIMEOUT = 5.0
_WORD = re.compile(r"[^\W_][\w.'’+-]*")
"""A vocabulary entry: a letter or digit first, then word characters, . ' + - (no spaces)."""
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]{2,40}")
_TEXT_SUFFIXES = frozenset(
    [
        ".py",
        ".pyi",
        ".js",
        ".ts",
        ".tsx",
        ".jsx",
        ".go",
        ".rs",
        ".java",
        ".kt",
        ".swift",
        ".c",
        ".h",
        ".cc",
        ".cpp",
        ".hpp",
        ".cs",
        ".rb",
        ".php",
        ".md",
        ".rst",
        ".txt",
        ".toml",
        ".yaml",
        ".yml",
        ".json",
        ".cfg",
        ".ini",
        ".sh",
        ".sql",
    ]
)


class VocabularyError(ValueError):
    """A word that cannot be added; the message says why in one line."""


def normalise_word(raw: str) -> str:
    """The word as stored, or VocabularyError: one token, printable, at most 64 characters."""
    word = raw.strip().strip('.,;:!?"()[]{}')
    if not word:
        raise VocabularyError("nothing to add: the word is empty")
    if len(word) > MAX_WORD_CHARS:
        raise VocabularyError(f"'{word[:20]}…' is longer than {MAX_WORD_CHARS} characters")
    if not _WORD.fullmatch(word):
        raise VocabularyError(f"'{word}' is not one word (letters, digits, . ' + - only)")
    return word


class VocabularyStore:
    """Words the user added, persisted in one text file, plus this session's repository names."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._mtime: float | None = None
        self._saved: frozenset[str] = frozenset()
        self._session: frozenset[str] = frozenset()

    def saved(self) -> list[str]:
        """The stored words, as written, in file order (a missing file is an empty store)."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        return [line.strip() for line in raw.splitlines() if line.strip() and line[0] != "#"]

    def words(self) -> frozenset[str]:
        """Stored and session words, lower-cased; re-reads the file only when it changed."""
        with self._lock:
            try:
                mtime = self.path.stat().st_mtime
            except FileNotFoundError:
                mtime = None
            if mtime != self._mtime:
                self._saved = frozenset(w.lower() for w in self.saved())
                self._mtime = mtime
            return self._saved | self._session

    def add(self, raw: str) -> str:
        """Store one word (idempotent); returns it as stored. Raises VocabularyError or OSError."""
        word = normalise_word(raw)
        with self._lock:
            current = self.saved()
            if word.lower() not in {w.lower() for w in current}:
                _write_atomic(self.path, [*current, word])
            self._mtime = None  # re-read on the next words()
        return word

    def add_session(self, names: Iterable[str]) -> None:
        """Accept these names for this process only (repository names in Draft)."""
        with self._lock:
            self._session = self._session | {n.lower() for n in names}


def _write_atomic(path: Path, words: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# Your vocabulary: words commcoach's speller accepts. One a line; edit freely.\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".vocabulary-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(header + "".join(f"{w}\n" for w in words))
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=8)
def _store_at(path: Path) -> VocabularyStore:
    return VocabularyStore(path)


def default_store() -> VocabularyStore:
    """The store in the data folder (one object per path, shared by checker and TUI)."""
    return _store_at(paths.data_dir() / FILE_NAME)


def repo_names(root: Path) -> frozenset[str]:
    """File names, their parts and identifiers of the git repository at `root` (bounded).

    Empty when git is missing, `root` is not a repository, or git does not answer in time.
    """
    try:
        listed = subprocess.run(  # noqa: S603 - fixed argument list, no shell
            ["git", "ls-files", "-z"],  # noqa: S607 - git from PATH, like git_hints
            cwd=root,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    if listed.returncode != 0:
        return frozenset()
    files = [f for f in listed.stdout.decode("utf-8", "replace").split("\0") if f][:MAX_FILES]
    names: set[str] = set()
    for relative in files:
        path = Path(relative)
        names.add(path.name.lower())
        names.update(p.lower() for p in re.split(r"[./_-]+", relative) if len(p) >= 2)
        if path.suffix.lower() in _TEXT_SUFFIXES and len(names) < MAX_NAMES:
            names.update(_identifiers(root / path))
    return frozenset(sorted(names)[:MAX_NAMES])


def _identifiers(path: Path) -> set[str]:
    """Identifiers in the first MAX_FILE_BYTES of a file, lower-cased, with snake_case parts."""
    try:
        with path.open("rb") as handle:
            head = handle.read(MAX_FILE_BYTES).decode("utf-8", "replace")
    except OSError:
        return set()
    found: set[str] = set()
    for ident in _IDENT.findall(head):
        found.add(ident.lower())
        found.update(p.lower() for p in ident.split("_") if len(p) >= 3)
    return found
