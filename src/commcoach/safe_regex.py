"""Regular expressions from scenario files, run with a time budget that holds.

A scenario pack is shared data, and a backtracking regex engine lets data take exponential time:
`(a+)+$` needs 24 s on 28 characters, and the ordinary-looking `(\\w+\\s?)*$` froze the app on a
14-word answer. Two layers stop that:

1. **Refused when loaded** (`refusal`). A static look at the parsed pattern rejects a repeat
   nested inside an unbounded repeat unless each pass of the outer one must consume a character
   the inner one cannot (`(?:_[a-z0-9]+)+` is fine: every pass starts with `_`; `(\\w+\\s?)*` is
   not: `\\s?` may be empty, so `abc` splits into passes in exponentially many ways). Then a
   probe runs the pattern on adversarial inputs built from its own characters, each within
   `PROBE_SECONDS`; a pattern that runs out of time is refused. `scenarios validate` and every
   load report the refusal as one line naming the file, line and field.
2. **Bounded when run** (`search`). Every match runs in the `regex` module with
   `timeout=MATCH_SECONDS`; a pattern that still runs out (a polynomial one on a very long
   answer) counts as "not found" and is logged once, so feedback arrives and the app never hangs.

Why `regex` and not google-re2, which cannot backtrack at all: RE2 has no lookaround, and the
shipped scenarios use `(?<![\\w#-])` and `(?!14\\b)` to say "a number, not part of a ticket id".
The `regex` module accepts the same syntax as `re` (its VERSION0 mode) and adds the timeout.
The static check reads the pattern with the standard library's own parser (`re._parser`, the
module behind `re.compile`; stable from Python 3.11 on): that is the syntax authors write.
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]  # the parser behind re
import re._parser as sre_parse  # type: ignore[import-not-found]
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import regex


def _regex() -> Any:
    """The `regex` module, imported on first use: a check without a scenario never runs a
    scenario regex, and importing `regex` costs about 10 ms of every `commcoach check`."""
    import regex

    return regex


FLAGS = re.IGNORECASE | re.MULTILINE
"""Scenario regexes ignore case, and `^`/`$` match at every line (documented in the schema).
The `regex` module's flags have the same values as `re`'s (its VERSION0 mode is `re`'s)."""
MATCH_SECONDS = 0.1
"""Time budget of one search over one answer."""
PROBE_SECONDS = 0.05
"""Time budget of one probe run when a pattern is loaded."""
_UNBOUNDED = 64
"""A repeat allowing more than this many passes counts as unbounded."""


_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_SINGLE = {sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY}
_SAMPLE = (
    "".join(chr(c) for c in range(128))
    + "\u00a0\u00e9\u00df\u0130\u0131\u017f\u212a\u2003\u2028\u0663\u4e2d\U0001f600"
)
"""Characters a char-set is probed with: ASCII plus the Unicode cases that trip case folding."""
_CATEGORY = {
    sre.CATEGORY_DIGIT: re.compile(r"\d"),
    sre.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    sre.CATEGORY_WORD: re.compile(r"\w"),
    sre.CATEGORY_NOT_WORD: re.compile(r"\W"),
    sre.CATEGORY_SPACE: re.compile(r"\s"),
    sre.CATEGORY_NOT_SPACE: re.compile(r"\S"),
}


class RegexRefused(ValueError):
    """A scenario pattern that cannot be run within a time budget; the message says why."""


# --- static check ------------------------------------------------------------------------------


def _in_class(items: list[tuple[Any, Any]], ch: str) -> bool:
    negate = bool(items) and items[0][0] is sre.NEGATE
    hit = False
    for op, av in items[1:] if negate else items:
        if op is sre.LITERAL:
            hit = ch == chr(av)
        elif op is sre.RANGE:
            hit = av[0] <= ord(ch) <= av[1]
        elif op is sre.CATEGORY:
            pattern = _CATEGORY.get(av)
            hit = pattern is None or pattern.match(ch) is not None  # unknown: assume overlap
        if hit:
            break
    return hit != negate


def _chars(op: Any, av: Any) -> frozenset[str] | None:
    """The sample characters a one-character item matches (case-insensitively), or None."""
    if op is sre.ANY:
        return frozenset(_SAMPLE)
    out = set()
    for ch in _SAMPLE:
        for variant in {ch, ch.lower(), ch.upper()}:
            if len(variant) != 1:
                continue
            if op is sre.LITERAL:
                hit = variant == chr(av)
            elif op is sre.NOT_LITERAL:
                hit = variant != chr(av)
            else:
                hit = _in_class(av, variant)
            if hit:
                out.add(ch)
                break
    return frozenset(out)


def _item_chars(op: Any, av: Any) -> frozenset[str] | None:
    """Characters a one-character item, or a repeat of one, consumes; None when it is complex."""
    if op in _SINGLE:
        return _chars(op, av)
    if op in _REPEATS and len(av[2]) == 1 and av[2][0][0] in _SINGLE:
        return _chars(*av[2][0])
    if op is sre.SUBPATTERN and len(av[3]) == 1:
        return _item_chars(*av[3][0])
    return None


def _min_width(op: Any, av: Any) -> int:
    return int(sre_parse.SubPattern(sre_parse.State(), [(op, av)]).getwidth()[0])


def _inner_repeats(items: Any) -> list[tuple[Any, Any]]:
    """Every repeat allowing more than one pass, anywhere inside `items`."""
    found: list[tuple[Any, Any]] = []
    stack = list(items)
    while stack:
        op, av = stack.pop()
        if op in _REPEATS:
            if av[1] > 1:
                found.append((op, av))
            stack.extend(av[2])
        elif op is sre.SUBPATTERN:
            stack.extend(av[3])
        elif op is sre.BRANCH:
            for branch in av[1]:
                stack.extend(branch)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            stack.extend(av[1])
        elif op is sre.GROUPREF_EXISTS:
            stack.extend(av[1])
            if av[2] is not None:
                stack.extend(av[2])
        elif op is sre.ATOMIC_GROUP:
            stack.extend(av)
    return found


def _body_items(body: Any) -> list[tuple[Any, Any]]:
    """The top-level sequence of a repeat's body, looking through plain groups."""
    items = list(body)
    while len(items) == 1 and items[0][0] is sre.SUBPATTERN:
        items = list(items[0][1][3])
    return items


def _delimited(inner: tuple[Any, Any], body: list[tuple[Any, Any]]) -> bool:
    """True when every pass of the body must consume a character `inner` cannot match."""
    inner_chars = _item_chars(*inner)
    if inner_chars is None:
        return False
    for item in body:
        if item is inner or _min_width(*item) < 1:
            continue
        chars = _item_chars(*item)
        if chars is not None and not (chars & inner_chars):
            return True
    return False


def _nested_problem(parsed: Any) -> str | None:
    stack = list(parsed)
    while stack:
        op, av = stack.pop()
        if op in _REPEATS and av[1] > _UNBOUNDED:
            body = _body_items(av[2])
            if _min_width(sre.SUBPATTERN, (None, 0, 0, av[2])) == 0 and _inner_repeats(av[2]):
                return "a repeated group that can match nothing is repeated again"
            for inner in _inner_repeats(av[2]):
                if not _delimited(inner, body):
                    return (
                        "a repeat nested inside an unbounded repeat can take exponential time "
                        "(e.g. (\\w+\\s?)*); make each pass start or end with a separator"
                    )
        for child in _children(op, av):
            stack.extend(child)
    return None


def _children(op: Any, av: Any) -> list[Any]:
    if op in _REPEATS:
        return [av[2]]
    if op is sre.SUBPATTERN:
        return [av[3]]
    if op is sre.BRANCH:
        return list(av[1])
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    if op is sre.ATOMIC_GROUP:
        return [av]
    if op is sre.GROUPREF_EXISTS:
        return [av[1]] + ([av[2]] if av[2] is not None else [])
    return []


# --- probe -------------------------------------------------------------------------------------


def _probe_inputs(pattern: str) -> list[str]:
    """Strings that make backtracking patterns explode: runs of the pattern's own characters
    followed by a character nothing expects, short (exponential) and long (polynomial)."""
    literal = [c for c in dict.fromkeys(re.sub(r"\\.|[\[\](){}?*+|^$.]", "", pattern)) if c]
    reps = list(dict.fromkeys([*literal[:6], "a", "1", " ", "_", "."]))
    inputs = []
    for first in reps:
        inputs.append(first * 26 + "\x00")
        inputs.append(first * 3000 + "\x00")
        inputs.extend((first + second) * 13 + "\x00" for second in reps if second != first)
    inputs.append("ab cd " * 8 + "!")
    return inputs


def _probe(compiled: regex.Pattern[str], pattern: str) -> str | None:
    for text in _probe_inputs(pattern):
        try:
            compiled.search(text, timeout=PROBE_SECONDS)
        except TimeoutError:
            shown = text if len(text) < 40 else f"{text[:12]}... ({len(text)} characters)"
            return (
                f"takes longer than {PROBE_SECONDS * 1000:.0f} ms on {shown!r}: "
                "simplify it (no nested or overlapping repeats)"
            )
    return None


# --- the public face ---------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def refusal(pattern: str) -> str | None:
    """Why `pattern` cannot be run safely, or None when it can (cached per pattern)."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE | re.MULTILINE)
        compiled = _regex().compile(pattern, FLAGS)
    except (re.error, _regex().error) as exc:
        return f"invalid regular expression: {exc}"
    except (RecursionError, OverflowError):
        return "regular expression nested too deeply"
    return _nested_problem(parsed) or _probe(compiled, pattern)


def check(pattern: str) -> None:
    """Raise RegexRefused when `pattern` is refused (for validators)."""
    why = refusal(pattern)
    if why is not None:
        raise RegexRefused(why)


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> regex.Pattern[str]:
    compiled: regex.Pattern[str] = _regex().compile(pattern, FLAGS)
    return compiled


_timed_out: set[str] = set()


def search(pattern: str, text: str) -> regex.Match[str] | None:
    """The first match of a scenario `pattern` in `text` within `MATCH_SECONDS`, else None."""
    try:
        return _compiled(pattern).search(text, timeout=MATCH_SECONDS)
    except TimeoutError:
        if pattern not in _timed_out:
            _timed_out.add(pattern)
            import logging

            logging.getLogger(__name__).warning(
                "scenario regex %r ran out of time; counted as not found", pattern
            )
        return None


__all__ = ["MATCH_SECONDS", "RegexRefused", "check", "refusal", "search"]
