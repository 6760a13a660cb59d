"""The one escaping path for strings from outside: scenario files, imported history, servers.

Such a string is data. Two things could turn it into behaviour when we show it:

- **terminal control**: ESC starts sequences the terminal obeys (OSC 52 sets the clipboard,
  OSC 0 the window title, CSI 2J clears the screen); BEL, backspace and carriage return
  rewrite what is shown; C1 controls (U+0080-U+009F) are 8-bit forms of the same; bidi overrides
  (U+202A-U+202E, U+2066-U+2069) make text read differently from what it is.
- **Textual / Rich markup**: `[@click=app.quit]` is an action, `[/]` a markup error that crashes
  a widget. Rich's Table cells, `notify()`, `Static(str)` and `Label(str)` parse markup.

`plain()` makes every such character *visible* instead of removing it silently (ESC shows as
U+241B SYMBOL FOR ESCAPE, so `ESC]52;...` reads as `␛]52;...` and does nothing); newlines and
tabs are kept where the text may span lines. Lone surrogates (possible in imported JSON) become
U+FFFD, so printing never raises UnicodeEncodeError. `text()` wraps the result in a Rich `Text`,
which neither Rich nor Textual parses as markup (Textual widgets take it as it is); inside
Textual `Content.assemble(...)` pieces, plain `str` pieces are not markup either, so `plain()`
is enough there. Text the learner types is not passed through here: it is their own, edited in
a TextArea that does not interpret it.

No Textual here (the import-linter contract keeps it so), and Rich only inside `text()`, so the
CLI can use `plain` without loading either.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.text import Text

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f" + _BIDI_CONTROLS + "\ud800-\udfff]")
_UNSAFE_ONE_LINE = re.compile("[\x00-\x1f\x7f\x80-\x9f" + _BIDI_CONTROLS + "\ud800-\udfff]")
_REPLACEMENT = "\ufffd"


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ ␇ ␈ ␛ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return _REPLACEMENT  # C1 controls, bidi overrides, lone surrogates


def plain(value: object, *, one_line: bool = False) -> str:
    """`value` as text that is safe to write to a terminal: no control codes survive.

    One character in, one character out, so spans computed on the original stay valid. A
    carriage return before a newline (Windows line ends) becomes a space rather than ␍. With
    `one_line`, newlines and tabs become spaces too (titles, list rows, table cells).
    """
    text = value if isinstance(value, str) else str(value)
    if text.isprintable():  # the common case (controls, Cf and surrogates are not printable)
        return text
    text = text.replace("\r\n", " \n")
    if one_line:
        text = text.replace("\n", " ").replace("\t", " ")
        return _UNSAFE_ONE_LINE.sub(_visible, text)
    return _UNSAFE.sub(_visible, text)


def plain_tree(data: object, *, skip: frozenset[str] = frozenset()) -> object:
    """A copy of parsed YAML/JSON data with `plain()` applied to every string (keys too).

    For data entering at a boundary (a scenario file, an imported history): what is stored or
    shown afterwards is already safe. Values under a key in `skip` (e.g. `regex`) are kept
    as they are. Iterative, so deep data cannot exhaust the stack.
    """
    root: list[object] = [data]
    stack: list[tuple[Any, Any, object]] = [(root, 0, data)]
    while stack:
        parent, key, value = stack.pop()
        if isinstance(value, str):
            parent[key] = plain(value)
        elif isinstance(value, dict):
            copy: dict[object, object] = {}
            for k, v in value.items():
                name = plain(k) if isinstance(k, str) else k
                copy[name] = v
                if not (isinstance(k, str) and k in skip):
                    stack.append((copy, name, v))
            parent[key] = copy
        elif isinstance(value, list):
            items = list(value)
            parent[key] = items
            stack.extend((items, i, v) for i, v in enumerate(items))
    return root[0]


def text(value: object, style: str = "", *, one_line: bool = False) -> Text:
    """A Rich `Text` of `plain(value)`: for Rich renderables (tables, grids). Never markup."""
    from rich.text import Text

    return Text(plain(value, one_line=one_line), style=style)


__all__ = ["plain", "plain_tree", "text"]
