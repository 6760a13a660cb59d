"""Snapshot failures say what differs, in text: CI keeps only the log, not the HTML report, so a
mismatch prints the screen rows that changed (expected, then actual) under the failing test."""

from __future__ import annotations

import difflib
import html
import pickle
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest
from pytest_textual_snapshot import node_to_report_path

TEXT = re.compile(
    r'<text [^>]*x="([\d.]+)"[^>]*clip-path="url\(#[\w-]*line-(\d+)\)"[^>]*>(.*?)</text>'
)


CELL_WIDTH = 12.2
"""Pixels per terminal cell in Textual's SVG export (0.61 of its 20 px font)."""


def screen_rows(svg: str) -> list[str]:
    """The characters on each screen row of a Textual SVG screenshot, left to right."""
    rows: dict[int, dict[int, str]] = defaultdict(dict)
    for x, line, content in TEXT.findall(svg):
        text = html.unescape(content).replace("\xa0", " ")
        start = round(float(x) / CELL_WIDTH)
        for offset, char in enumerate(text):
            rows[int(line)][start + offset] = char
    return [
        "".join(rows[row].get(col, " ") for col in range(max(rows[row], default=-1) + 1))
        for row in sorted(rows)
    ]


@pytest.fixture
def snap_compare(
    snap_compare: Callable[..., bool], request: pytest.FixtureRequest
) -> Callable[..., bool]:
    """The plugin's compare, printing a row diff to stderr when the picture differs."""

    def compare(*args: Any, **kwargs: Any) -> bool:
        result = snap_compare(*args, **kwargs)
        if not result:
            data = pickle.loads(node_to_report_path(request.node).read_bytes())
            expected, actual = screen_rows(data[1] or ""), screen_rows(data[2] or "")
            diff = difflib.unified_diff(expected, actual, "expected", "actual", lineterm="")
            print(
                "\n".join(diff) or "(the text is the same: colours or styles differ)",
                file=sys.stderr,
            )
        return result

    return compare
