"""JSON from outside (history imports, server answers) parsed within stated bounds.

`json.loads` trusts its input: 100,000 nested brackets exhaust the recursion limit, `NaN` and
`Infinity` are accepted although JSON has neither, a 5,000-digit integer raises a bare
ValueError (Python's int digit limit), and `"\\ud800"` yields a lone surrogate that SQLite and
the terminal cannot encode. `parse_json_bounded` checks the size first, then the nesting depth
with a scan that never recurses, then parses, then walks the result once without recursion to
refuse non-finite or oversized numbers and lone surrogates. Every refusal is a `JSONLimitError`
whose message is one line saying where (`line 3 column 12`, or a path like `attempts[2].score`).

No third-party code: the standard library parser does the work, the bounds are checked around it.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_INT_DIGITS = 18
"""Integers beyond about 10**18 fit neither SQLite nor any field we store: refused."""
_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')  # "unrolled": linear, no backtracking
_BRACKET = re.compile(r"[\[\]{}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONLimitError(ValueError):
    """The JSON is malformed or outside the bounds; the message is one line."""


class _Refused:
    """Stands in for a number the parser must not build, so the walk can say where it was."""

    __slots__ = ("why",)

    def __init__(self, why: str) -> None:
        self.why = why


class _Hooks:
    """The number hooks of one parse; `refused` tells whether the result needs a walk."""

    def __init__(self) -> None:
        self.refused = False

    def constant(self, name: str) -> _Refused:
        self.refused = True
        return _Refused(f"{name} is not a JSON number")

    def integer(self, digits: str) -> int | _Refused:
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            self.refused = True
            return _Refused(f"integer with {len(digits.lstrip('-'))} digits is too large")
        return int(digits)

    def real(self, literal: str) -> float | _Refused:
        value = float(literal)
        if math.isfinite(value):
            return value
        self.refused = True
        return _Refused(f"{literal[:20]} is not a finite number")


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""A `\\ud800`-style escape in the raw text: only then can a parsed string hold a surrogate."""


def check_depth(text: str, max_depth: int) -> None:
    """Raise JSONLimitError if brackets nest deeper than `max_depth` (no recursion used).

    Strings are blanked first so that brackets inside them do not count; JSON strings cannot
    hold raw newlines, so line numbers stay exact.
    """
    blanked = _STRING.sub('""', text)
    depth = 0
    for match in _BRACKET.finditer(blanked):
        if match.group() in "[{":
            depth += 1
            if depth > max_depth:
                start = match.start()
                line = blanked.count("\n", 0, start) + 1
                column = start - blanked.rfind("\n", 0, start)
                raise JSONLimitError(
                    f"line {line} column {column}: nested deeper than {max_depth} levels"
                )
        else:
            depth = max(0, depth - 1)


def _path(parts: list[str | int]) -> str:
    """`attempts[2].report.score`; a key that is not a plain name is quoted (`['a\\nb']`), so
    the message stays one line whatever the keys hold."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier() and part.isascii():
            out += f".{part}" if out else part
        else:
            out += f"[{part[:40]!r}]"
    return out or "top level"


def check_values(data: Any, *, allow_surrogates: bool = False, root: str = "") -> None:
    """Walk parsed JSON without recursion; refuse stand-ins for bad numbers and lone surrogates."""
    stack: list[tuple[Any, list[str | int]]] = [(data, [root] if root else [])]
    while stack:
        value, where = stack.pop()
        if isinstance(value, _Refused):
            raise JSONLimitError(f"{_path(where)}: {value.why}")
        if isinstance(value, str):
            if not allow_surrogates and _SURROGATE.search(value):
                raise JSONLimitError(f"{_path(where)}: text holds a lone surrogate")
        elif isinstance(value, dict):
            for key, item in value.items():
                if not allow_surrogates and _SURROGATE.search(key):
                    raise JSONLimitError(f"{_path(where)}: a key holds a lone surrogate")
                stack.append((item, [*where, key]))
        elif isinstance(value, list):
            stack.extend((item, [*where, i]) for i, item in enumerate(value))


def parse_json_bounded(
    data: bytes | str,
    max_depth: int = 32,
    max_bytes: int = 8 * 1024 * 1024,
    *,
    allow_surrogates: bool = False,
) -> Any:
    """Parse `data` as JSON within bounds, or raise JSONLimitError (one line, located).

    The defaults suit a server answer; a history import passes its own `max_bytes`.
    """
    size = len(data)
    if size > max_bytes:
        raise JSONLimitError(f"{size} bytes is more than the limit of {max_bytes}")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JSONLimitError(f"not UTF-8 text (byte {exc.start})") from None
    else:
        text = data
    check_depth(text, max_depth)
    hooks = _Hooks()
    try:
        parsed = json.loads(
            text, parse_constant=hooks.constant, parse_int=hooks.integer, parse_float=hooks.real
        )
    except json.JSONDecodeError as exc:
        raise JSONLimitError(f"line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:  # unreachable after check_depth unless max_depth is absurd
        raise JSONLimitError(f"nested too deeply (limit {max_depth})") from None
    surrogates = not allow_surrogates and _SURROGATE_ESCAPE.search(text) is not None
    if hooks.refused or surrogates:  # the walk finds where; skipped for clean data (fast)
        check_values(parsed, allow_surrogates=allow_surrogates)
    return parsed


__all__ = ["JSONLimitError", "check_depth", "check_values", "parse_json_bounded"]
