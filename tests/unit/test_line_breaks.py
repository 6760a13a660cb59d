"""Which single line breaks end a sentence for LanguageTool (no server needed)."""

from __future__ import annotations

import json

import pytest

from commcoach.feedback.grammar.line_breaks import annotated, breaks_sentence


@pytest.mark.parametrize(
    ("line", "next_line", "expected"),
    [
        ("- fixed the login bug", "What do you think?", True),
        ("Today:", "still on the export", True),
        ("Some context here", "- a list item", True),
        ("2. second step", "Then we wait.", True),
        ("I fixed the", "login bug.", False),
        ("We are waiting for", "Maya to review it.", False),
        ("", "- item", False),
        ("  - Need a decision on the client or", "    server side.", False),
        ("  - one item", "  Then prose.", True),
    ],
)
def test_breaks_sentence(line: str, next_line: str, expected: bool) -> None:
    assert breaks_sentence(line, next_line) is expected


def test_annotated_text_keeps_every_character_and_marks_only_structure() -> None:
    text = "Today:\n- one\n- two\n\nI fixed the\nlogin bug.\n"
    data = annotated(text)
    assert data is not None
    parts = json.loads(data)["annotation"]
    assert "".join(p.get("text", p.get("markup", "")) for p in parts) == text
    assert sum(1 for p in parts if "markup" in p) == 2  # after 'Today:' and after '- one'


def test_plain_prose_is_sent_as_plain_text() -> None:
    assert annotated("I fixed the\nlogin bug.") is None
    assert annotated("One line.") is None


def test_an_indented_item_keeps_its_indent_out_of_the_text() -> None:
    data = annotated("- parent\n  - child item\n")
    assert data is not None
    parts = json.loads(data)["annotation"]
    assert {"markup": "\n  ", "interpretAs": "\n\n"} in parts
    assert all(not p.get("text", "x").startswith(" ") for p in parts)
