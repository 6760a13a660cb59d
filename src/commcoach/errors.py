"""Errors users can act on, each rendered as one line (no traceback)."""

from __future__ import annotations

from pydantic import ValidationError


class CommcoachError(Exception):
    """Base for errors shown to the user as a single line."""


class ConfigError(CommcoachError):
    """The settings file or environment holds something invalid."""


class ScenarioError(CommcoachError):
    """A scenario file is malformed; the message names file, line and field."""


def format_location(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic location as a field path: `turns[2].follow_ups[0].when`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not part.isidentifier():
            out += f"[{part!r}]"
        else:
            out += f".{part}" if out else part
    return out


def describe_validation_error(exc: ValidationError) -> str:
    """The first problem of a validation error as `field.path: message` on one line."""
    first = exc.errors()[0]
    where = format_location(tuple(p for p in first["loc"] if not _is_union_tag(p)))
    msg = first["msg"].replace("\n", " ")
    return f"{where}: {msg}" if where else msg


def _is_union_tag(part: int | str) -> bool:
    """pydantic adds union-member names (e.g. `function-after[...]`) to locations: drop them."""
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))
