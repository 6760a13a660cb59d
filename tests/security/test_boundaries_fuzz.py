"""Property tests for the three boundaries: the escaping path, bounded JSON (imports and server
answers) and scenario regexes. Bounded in examples and time: the whole file runs in seconds."""

from __future__ import annotations

import json
import math
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commcoach import safe_regex
from commcoach.bounded_json import JSONLimitError, parse_json_bounded
from commcoach.safe_text import plain, plain_tree, text

FAST = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))

CONTROL = {chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]} - {"\n", "\t"}
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
HOSTILE_PIECES = st.sampled_from(
    [
        "\x1b]52;c;UFdORUQ=\x07",
        "\x1b]0;t\x1b\\",
        "\x1b[2J",
        "\x9b2J",
        "\r\n",
        "\r",
        "\u202e",
        "\ud800",
        "[@click=app.quit]",
        "[/]",
        "\x00",
        "\x7f",
        "é",
        "中",
        "😀",
        "\n",
        "\t",
    ]
)
TEXTS = st.lists(st.one_of(HOSTILE_PIECES, st.text(max_size=6)), max_size=20).map("".join)


@FAST
@given(TEXTS)
def test_plain_leaves_no_control_and_keeps_every_position(value: str) -> None:
    safe = plain(value)
    assert len(safe) == len(value)  # spans computed on the original still fit
    assert not (set(safe) & (CONTROL | BIDI))
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in safe)
    safe.encode("utf-8")  # printable: never a UnicodeEncodeError
    one = plain(value, one_line=True)
    assert "\n" not in one and "\t" not in one and len(one) == len(value)
    assert plain(safe) == safe  # idempotent


@FAST
@given(TEXTS)
def test_rich_text_is_never_markup(value: str) -> None:
    rendered = text(value)
    assert rendered.plain == plain(value)
    assert not rendered.spans  # "[b]x[/b]" stays text: no style was parsed from it


@FAST
@given(
    st.recursive(
        TEXTS | st.integers(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3),
        max_leaves=15,
    )
)
def test_plain_tree_makes_every_string_safe(data: object) -> None:
    stack = [plain_tree(data)]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            assert value == plain(value) and not (set(value) & CONTROL)
        elif isinstance(value, dict):
            stack.extend([*value.keys(), *value.values()])
        elif isinstance(value, list):
            stack.extend(value)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXTS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXTS, inner, max_size=4),
    max_leaves=25,
)


@FAST
@given(JSON_VALUES)
def test_bounded_json_agrees_with_json_or_refuses_in_one_line(value: object) -> None:
    raw = json.dumps(value, ensure_ascii=False, allow_nan=True)
    try:
        parsed = parse_json_bounded(raw.encode("utf-8", "surrogatepass"), max_depth=6)
    except JSONLimitError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert parsed == json.loads(raw) or _has_nan(parsed)


def _has_nan(value: object) -> bool:
    return isinstance(value, float) and math.isnan(value)


@FAST
@given(st.text(max_size=200), st.integers(1, 40))
def test_bounded_json_never_raises_anything_else(raw: str, depth: int) -> None:
    try:
        parse_json_bounded(raw, max_depth=depth, max_bytes=10_000)
    except JSONLimitError as exc:
        assert "\n" not in str(exc)


@pytest.mark.parametrize("depth", [33, 1000, 100_000])
def test_bounded_json_depth_is_checked_without_recursion(depth: int) -> None:
    with pytest.raises(JSONLimitError, match="nested deeper than 32 levels"):
        parse_json_bounded("[" * depth + "]" * depth)
    with pytest.raises(JSONLimitError, match="nested deeper"):
        parse_json_bounded('{"a":' * depth + "1" + "}" * depth)


def test_brackets_inside_strings_do_not_count() -> None:
    assert parse_json_bounded(json.dumps(["[" * 100 + '\\"{' * 50]), max_depth=2)


REGEX_ATOMS = st.sampled_from(
    ["a", "\\w", "\\s", "\\d", ".", "[a-z]", "x", " ", "_", "(?:ab)", "\\b", "^", "$"]
)
QUANTIFIERS = st.sampled_from(["", "", "*", "+", "?", "{1,3}", "{2}"])


@st.composite
def patterns(draw: st.DrawFn) -> str:
    def group(level: int) -> str:
        parts = []
        for _ in range(draw(st.integers(1, 3))):
            if level < 2 and draw(st.booleans()):
                inner = group(level + 1)
                parts.append(f"(?:{inner})" + draw(QUANTIFIERS))
            else:
                parts.append(draw(REGEX_ATOMS) + draw(QUANTIFIERS))
        return "".join(parts)

    return group(0)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(patterns(), st.text(alphabet="ab _1x\n!", max_size=300))
def test_an_accepted_pattern_runs_within_its_budget(pattern: str, answer: str) -> None:
    """Whatever the static check and the probe let through is fast on answers, and anything
    refused comes with a reason; either way the call itself is quick."""
    started = time.monotonic()
    why = safe_regex.refusal(pattern)
    assert time.monotonic() - started < 3
    if why is not None:
        assert why and "\n" not in why
        return
    started = time.monotonic()
    safe_regex.search(pattern, answer * 3)
    assert time.monotonic() - started < safe_regex.MATCH_SECONDS + 0.5
