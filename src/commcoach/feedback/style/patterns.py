"""Regex plumbing shared by the kinds: validation with located errors, combined alternations,
narrowed spans, and where a gated regex needs to search."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from commcoach.feedback.style.base import Line
from commcoach.feedback.style.phrases import windows

Regex = Annotated[str, Field(min_length=1, max_length=2000)]


def check_regex(field: str, pattern: str, flags: int, parts: list[str] | None = None) -> None:
    """Compile once (re caches it for `compiled`); on error name the field and the item."""
    try:
        re.compile(pattern, flags)
    except re.error as outer:
        error, where = str(outer), field
        for i, part in enumerate(parts or []):
            try:
                re.compile(part, flags)
            except re.error as inner:
                error, where = str(inner), f"{field}[{i}]"
                break
        raise PydanticCustomError(
            "invalid_regex", "{field}: not a valid regex: {error}", {"field": where, "error": error}
        ) from None


def combine(patterns: list[str]) -> str:
    """One alternation; pattern i is group `p{i}` and its optional `(?P<m>...)` becomes `m{i}`."""
    return "|".join(
        f"(?P<p{i}>{p.replace('(?P<m>', f'(?P<m{i}>')})" for i, p in enumerate(patterns)
    )


def flagged_span(match: re.Match[str]) -> tuple[int, int]:
    """The span to flag: the `m` group of the pattern that matched when it has one."""
    name = match.lastgroup or ""
    inner = "m" + name[1:]
    if inner in match.re.groupindex and match.start(inner) >= 0:
        return match.span(inner)
    return match.span()


def search_ranges(text: str, gate: frozenset[str] | None) -> list[tuple[int, int]]:
    """Where a regex must look: around the gate's keywords, or everywhere without a gate."""
    return windows(text, gate) if gate is not None else [(0, len(text))]


def _as_list(value: Any) -> Any:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise ValueError("must be a phrase or a list of phrases (quote yes, no, on, off)")
    return value


Replacement = Annotated[list[Line], BeforeValidator(_as_list), Field(min_length=1)]
