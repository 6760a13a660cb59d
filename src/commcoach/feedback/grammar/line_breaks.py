"""Where a single line break ends a sentence for LanguageTool.

LanguageTool splits sentences at punctuation and paragraphs at a blank line; a single "\\n" is
neither, so in a stand-up the bullet "- still working on the export" and the next line "What
you think?" read as one sentence, and every rule that needs the start of a sentence (questions,
capitals, "The important is") misses the second line. Hard-wrapped prose must stay one sentence,
so only structure breaks: the end of a list item, a heading or field label ("Today:"), or a line
before a list item. Those line breaks are sent as LanguageTool's annotated text, marked up as a
paragraph break (`interpretAs`), which keeps every offset in the original text; the next line's
indent goes into the markup, or LanguageTool reports it as whitespace at a paragraph start.
"""

from __future__ import annotations

import json
import re

_ITEM = re.compile(r"[ \t]*(?:[-*•+][ \t]|\d{1,3}[.)][ \t])")
"""A list item: '- ', '* ', '• ', '1. ', '2) '."""
_LABEL_END = re.compile(r":[ \t]*$")


def breaks_sentence(line: str, next_line: str) -> bool:
    """True when the line break between these two lines ends a sentence."""
    if not line.strip() or not next_line.strip():
        return False  # a blank line is a paragraph break already
    if _ITEM.match(next_line) or _LABEL_END.search(line):
        return True
    if _ITEM.match(line):
        return _indent(next_line) <= _indent(line)  # deeper: the item wraps onto this line
    return False


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def annotated(text: str) -> str | None:
    """LanguageTool's `data` parameter for `text` with its structural line breaks marked up as
    paragraph breaks, or None when the text has none (then plain `text` is sent)."""
    lines = text.split("\n")
    parts: list[dict[str, str]] = []
    pending = lines[0]
    for line, next_line in zip(lines, lines[1:], strict=False):
        if not breaks_sentence(line, next_line):
            pending = f"{pending}\n{next_line}"
            continue
        if pending:
            parts.append({"text": pending})
        indent = _indent(next_line)
        parts.append({"markup": "\n" + next_line[:indent], "interpretAs": "\n\n"})
        pending = next_line[indent:]
    if len(parts) == 0:
        return None
    if pending:
        parts.append({"text": pending})
    return json.dumps({"annotation": parts}, ensure_ascii=False)
