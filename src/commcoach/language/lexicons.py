"""Word lists as data: one file per list under lexicons/, read by the rubric and the style rules.

Before, the greeting and sign-off lists were written twice (the style rule accepted 'Howdy', the
rubric did not); now both engines build their patterns from these files. A file holds one entry a
line, lowercase, `#` comments; `[group]` lines split a file into named groups
(section_labels.txt). Spaces in an entry match any run of whitespace.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def groups(name: str) -> dict[str, tuple[str, ...]]:
    """The entries of lexicons/<name>.txt by group ('' for entries before any `[group]`)."""
    raw = resources.files("commcoach.language").joinpath(f"lexicons/{name}.txt")
    found: dict[str, list[str]] = {"": []}
    group = ""
    for line in raw.read_text("utf-8").splitlines():
        entry = line.split(" #", 1)[0].strip() if not line.startswith("#") else ""
        if not entry:
            continue
        if entry.startswith("[") and entry.endswith("]"):
            group = entry[1:-1]
            found.setdefault(group, [])
            continue
        found[group].append(" ".join(entry.lower().split()))
    return {key: tuple(values) for key, values in found.items()}


def entries(name: str) -> tuple[str, ...]:
    """Every entry of lexicons/<name>.txt, in file order."""
    return tuple(entry for values in groups(name).values() for entry in values)


def alternation(name: str) -> str:
    """A regex alternation of the file's entries, longest first, spaces as `\\s+`."""
    ordered = sorted(set(entries(name)), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(e).replace(r"\ ", r"\s+") for e in ordered) + ")"
